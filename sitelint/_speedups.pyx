# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
"""The walks over every element of a page, in C: the content walk of :mod:`sitelint.regions`, the link loop
of :mod:`sitelint.links`, and four smaller views (the page's link text and fragment targets, the article
body's link statistics and credit blocks). Optional: the pure-Python loops and the XPath queries they
replace are the reference, and ``tests/test_speedups.py`` holds the two to the same results on every
fixture and real page.

``walk`` reads the libxml2 tree under an lxml element directly: it makes no Python object for an element
or a text node unless the analysis keeps it (a container's credit, an element with a class or an id, a
text node that may hold a label). Text lengths are counted on the UTF-8 bytes, stripped of exactly the
characters ``str.strip()`` strips. Nothing in the tree is changed.
"""

from cpython.unicode cimport PyUnicode_DecodeUTF8, PyUnicode_FromOrdinal
from libc.stdint cimport uintptr_t
from libc.stdlib cimport free, malloc, realloc
from libc.string cimport memchr, memcmp, memcpy, strcmp, strlen

from lxml.includes cimport tree
from lxml.includes.etreepublic cimport (
    LXML_VERSION_STRING,
    _Document,
    _Element,
    attributeValue,
    elementFactory,
    import_lxml__etree,
    namespacedName,
    tailOf,
    textOf,
)
from lxml.includes.tree cimport xmlAttr, xmlNode

import lxml.etree

import_lxml__etree()

#: the lxml this module was compiled against; sitelint.regions uses it only with the same one
BUILT_FOR_LXML = (<bytes>LXML_VERSION_STRING).decode("ascii")

cdef enum:
    F_INLINE = 1
    F_SKIP = 2
    F_MARKED = 4
    F_A = 8
    TAG_SLOTS = 256  # distinct tag names remembered per walk (a page has a few dozen)


cdef inline bint _is_element(xmlNode* c) noexcept:
    return (c.type == tree.XML_ELEMENT_NODE or c.type == tree.XML_COMMENT_NODE
            or c.type == tree.XML_ENTITY_REF_NODE or c.type == tree.XML_PI_NODE)


cdef inline xmlNode* _next_in(xmlNode* c, xmlNode* top) noexcept:
    """The node after ``c`` in lxml's traversal order of ``top``'s subtree (NULL at its end)."""
    if c.children is not NULL and c.type != tree.XML_ENTITY_REF_NODE and c.type != tree.XML_DTD_NODE:
        return c.children
    while c is not top and c.next is NULL:
        c = c.parent
    if c is top:
        return NULL
    return c.next


cdef inline xmlNode* _text_or_skip(xmlNode* c) noexcept:
    """lxml's _textNodeOrSkip: the text (or CDATA) node at ``c``, stepping over XInclude markers."""
    while c is not NULL:
        if c.type == tree.XML_TEXT_NODE or c.type == tree.XML_CDATA_SECTION_NODE:
            return c
        if c.type == tree.XML_XINCLUDE_START or c.type == tree.XML_XINCLUDE_END:
            c = c.next
            continue
        return NULL
    return NULL


cdef inline int _decode(const unsigned char* p, Py_ssize_t i, Py_ssize_t end, unsigned int* cp) noexcept:
    """The code point at byte ``i`` into ``cp``; returns its length in bytes (1 for a stray byte)."""
    cdef unsigned char b = p[i]
    if b < 0x80:
        cp[0] = b
        return 1
    if b >= 0xC0 and b < 0xE0 and i + 1 < end:
        cp[0] = ((b & 0x1F) << 6) | (p[i + 1] & 0x3F)
        return 2
    if b >= 0xE0 and b < 0xF0 and i + 2 < end:
        cp[0] = ((b & 0x0F) << 12) | ((p[i + 1] & 0x3F) << 6) | (p[i + 2] & 0x3F)
        return 3
    if b >= 0xF0 and i + 3 < end:
        cp[0] = ((b & 0x07) << 18) | ((p[i + 1] & 0x3F) << 12) | ((p[i + 2] & 0x3F) << 6) | (p[i + 3] & 0x3F)
        return 4
    cp[0] = 0xFFFD
    return 1


cdef inline bint _space(unsigned int c) noexcept:
    """Exactly the characters str.isspace() (and so str.strip()) takes for white space."""
    if c < 0x80:
        return c == 0x20 or (0x09 <= c <= 0x0D) or (0x1C <= c <= 0x1F)
    return (c == 0x85 or c == 0xA0 or c == 0x1680 or (0x2000 <= c <= 0x200A) or c == 0x2028 or c == 0x2029
            or c == 0x202F or c == 0x205F or c == 0x3000)


cdef struct Stripped:
    Py_ssize_t n        # characters after stripping (0: blank)
    unsigned int first  # the first character after stripping
    bint scan           # may hold a label, 主办单位： or 版权所有 (the condition of regions._walk)


# "：" and "版权所有" in UTF-8
cdef const char* FULL_COLON = b"\xef\xbc\x9a"
cdef const char* COPYRIGHT = b"\xe7\x89\x88\xe6\x9d\x83\xe6\x89\x80\xe6\x9c\x89"


cdef inline bint _contains(const unsigned char* p, Py_ssize_t a, Py_ssize_t b, const char* needle,
                           Py_ssize_t k) noexcept:
    cdef Py_ssize_t i
    cdef const unsigned char* hit
    i = a
    while i + k <= b:
        hit = <const unsigned char*>memchr(p + i, <unsigned char>needle[0], b - i)
        if hit is NULL:
            return False
        i = hit - p
        if i + k <= b and memcmp(hit, needle, k) == 0:
            return True
        i += 1
    return False


cdef Stripped _measure(const unsigned char* p, Py_ssize_t size, object label_first) except *:
    cdef Stripped out
    cdef Py_ssize_t a = 0, b = size, i, k
    cdef unsigned int cp = 0
    out.n = 0
    out.first = 0
    out.scan = False
    # strip the front
    while a < b:
        if p[a] < 0x80:
            if not _space(p[a]):
                break
            a += 1
        else:
            k = _decode(p, a, b, &cp)
            if not _space(cp):
                break
            a += k
    if a >= b:
        return out
    # strip the back: step back to the start of the last character
    while b > a:
        i = b - 1
        while i > a and (p[i] & 0xC0) == 0x80:
            i -= 1
        _decode(p, i, b, &cp)
        if not _space(cp):
            break
        b = i
    for i in range(a, b):
        if (p[i] & 0xC0) != 0x80:
            out.n += 1
    _decode(p, a, b, &out.first)
    if out.n <= 12 and PyUnicode_FromOrdinal(out.first) in label_first:
        out.scan = True
    elif memchr(p + a, ord(":"), b - a) is not NULL or _contains(p, a, b, FULL_COLON, 3) or _contains(
            p, a, b, COPYRIGHT, 12):
        out.scan = True
    return out


cdef struct Frame:
    xmlNode* node      # the element whose children are being walked
    Py_ssize_t index   # its index (see Walker.nodes)
    Py_ssize_t container
    bint in_link
    bint skip


cdef class Sizes:
    """Characters of text in an element's subtree: regions._Walk.size for the C walk."""

    cdef object keep  # the body element: keeps the document (and so every node below) alive
    cdef xmlNode** nodes
    cdef Py_ssize_t* own
    cdef Py_ssize_t count
    cdef uintptr_t* keys
    cdef Py_ssize_t* slots
    cdef Py_ssize_t mask

    def __dealloc__(self):
        free(self.nodes)
        free(self.own)
        free(self.keys)
        free(self.slots)

    cdef int _index(self) except -1:
        cdef Py_ssize_t cap = 16, i, h
        while cap < 2 * self.count + 2:
            cap *= 2
        self.keys = <uintptr_t*>malloc(cap * sizeof(uintptr_t))
        self.slots = <Py_ssize_t*>malloc(cap * sizeof(Py_ssize_t))
        if self.keys is NULL or self.slots is NULL:
            raise MemoryError()
        for i in range(cap):
            self.keys[i] = 0
        self.mask = cap - 1
        for i in range(self.count):
            h = <Py_ssize_t>((<uintptr_t>self.nodes[i] >> 4) * 2654435761u) & self.mask
            while self.keys[h] != 0:
                h = (h + 1) & self.mask
            self.keys[h] = <uintptr_t>self.nodes[i]
            self.slots[h] = i
        return 0

    cdef inline Py_ssize_t _own(self, xmlNode* c) noexcept:
        cdef Py_ssize_t h = <Py_ssize_t>((<uintptr_t>c >> 4) * 2654435761u) & self.mask
        while self.keys[h] != 0:
            if self.keys[h] == <uintptr_t>c:
                return self.own[self.slots[h]]
            h = (h + 1) & self.mask
        return 0

    def size(self, _Element el not None):
        """The sum of every element's own text in ``el.iter()`` (el included), as regions._Walk.size."""
        cdef xmlNode* top = el._c_node
        cdef xmlNode* c = top
        cdef Py_ssize_t total = 0
        while c is not NULL:
            if c.type == tree.XML_ELEMENT_NODE:
                total += self._own(c)
            c = _next_in(c, top)
        return total


cdef class _TagTable:
    """Per call: a tag name -> its str and its value in ``values`` (0 when absent). libxml2 interns names, so
    a name is remembered by its pointer: most elements are looked up without making a str."""
    cdef const void* names[TAG_SLOTS]
    cdef int values[TAG_SLOTS]
    cdef list strings
    cdef Py_ssize_t used
    cdef dict table

    def __cinit__(self, dict table):
        self.strings = []
        self.used = 0
        self.table = table

    cdef object tag(self, xmlNode* c, int* value):
        """c's tag (as ``el.tag``), its value into ``value``."""
        cdef Py_ssize_t i
        if c.ns is NULL or c.ns.href is NULL:  # a namespaced name is not remembered: "{uri}a" is not "a"
            for i in range(self.used):
                if self.names[i] == <const void*>c.name:
                    value[0] = self.values[i]
                    return self.strings[i]
        tag = namespacedName(c)
        value[0] = self.table.get(tag, 0)
        if (c.ns is NULL or c.ns.href is NULL) and self.used < TAG_SLOTS:
            self.names[self.used] = <const void*>c.name
            self.values[self.used] = value[0]
            self.strings.append(tag)
            self.used += 1
        return tag


def tag_flags(inline, skip_tags, marked_tags):
    """The tag -> flags table of :func:`walk`, from regions' tag sets (made once by the caller)."""
    flags = {}
    for tag in (*inline, *skip_tags, *marked_tags, "a"):
        flags[tag] = ((F_INLINE if tag in inline else 0) | (F_SKIP if tag in skip_tags else 0)
                      | (F_MARKED if tag in marked_tags else 0) | (F_A if tag == "a" else 0))
    return flags


cdef class Walker:
    cdef _Document doc
    cdef object walk, scan, marker, kinds, label_first
    cdef dict credit
    cdef list attributed
    cdef _TagTable tags
    # every element met, in document order, with its own text (see Sizes) and its credit as a container
    cdef xmlNode** nodes
    cdef Py_ssize_t* own
    cdef Py_ssize_t* credit_of
    cdef Py_ssize_t count, cap
    # the order in which containers were first credited (regions._Walk.credit is a dict: insertion order)
    cdef Py_ssize_t* order
    cdef Py_ssize_t ordered

    def __cinit__(self):
        self.nodes = NULL
        self.own = NULL
        self.credit_of = NULL
        self.order = NULL

    def __dealloc__(self):
        free(self.nodes)
        free(self.own)
        free(self.credit_of)
        free(self.order)

    cdef Py_ssize_t add(self, xmlNode* c) except -1:
        cdef Py_ssize_t cap
        if self.count == self.cap:
            cap = self.cap * 2 if self.cap else 256
            self.nodes = <xmlNode**>_grow(self.nodes, cap * sizeof(xmlNode*))
            self.own = <Py_ssize_t*>_grow(self.own, cap * sizeof(Py_ssize_t))
            self.credit_of = <Py_ssize_t*>_grow(self.credit_of, cap * sizeof(Py_ssize_t))
            self.order = <Py_ssize_t*>_grow(self.order, cap * sizeof(Py_ssize_t))
            self.cap = cap
        self.nodes[self.count] = c
        self.own[self.count] = 0
        self.credit_of[self.count] = -1  # never credited
        self.count += 1
        return self.count - 1

    cdef inline void give(self, Py_ssize_t container, Py_ssize_t n) noexcept:
        if self.credit_of[container] < 0:
            self.credit_of[container] = 0
            self.order[self.ordered] = container
            self.ordered += 1
        self.credit_of[container] += n

    cdef object proxy(self, xmlNode* c):
        return elementFactory(self.doc, c)

    cdef int mark(self, xmlNode* c, tag, bint marked_tag) except -1:
        """regions._walk's class / id / marking tag step for one element."""
        cdef xmlAttr* attr = c.properties
        classes = None
        ident = None
        cdef bint got_class = False, got_id = False
        while attr is not NULL:
            if attr.ns is NULL and attr.name is not NULL:
                if not got_class and strcmp(<const char*>attr.name, b"class") == 0:
                    classes = attributeValue(c, attr)
                    got_class = True
                elif not got_id and strcmp(<const char*>attr.name, b"id") == 0:
                    ident = attributeValue(c, attr)
                    got_id = True
            attr = attr.next
        if classes or ident or marked_tag:
            el = self.proxy(c)
            self.attributed.append((el, tag, classes, ident))
            kind = self.marker(tag, classes or "", ident or "")
            if kind is not None:
                self.kinds[kind](el)
        return 0

    cdef int text(self, xmlNode* first, xmlNode* el, bint tail, Py_ssize_t container, bint credited,
                  Py_ssize_t owner, xmlNode* owner_node) except -1:
        """One text (``el``'s, or its tail): credit it and size it, and scan it when it may hold a label."""
        cdef xmlNode* start = _text_or_skip(first)
        cdef Stripped m
        cdef const unsigned char* p
        if start is NULL:
            return 0
        if _text_or_skip(start.next) is NULL:  # one text node: measured in place
            p = <const unsigned char*>start.content
            if p is NULL:
                return 0
            m = _measure(p, strlen(<const char*>p), self.label_first)
            if m.n == 0:
                return 0
            value = None
        else:  # several (rare): as lxml joins them
            value = tailOf(el) if tail else textOf(el)
            if not value:
                return 0
            stripped = value.strip()
            if not stripped:
                return 0
            m.n = len(stripped)
            m.scan = ((m.n <= 12 and stripped[0] in self.label_first) or ":" in stripped or "：" in stripped
                      or "版权所有" in stripped)
        if credited:
            self.give(container, m.n)
        if tail:
            self.own[owner] += m.n
        else:
            self.own[owner] = m.n
        if m.scan:
            if value is None:
                value = tailOf(el) if tail else textOf(el)
            self.scan(self.walk, value, value.strip(), self.proxy(self.nodes[container]),
                      self.proxy(owner_node), self.proxy(el) if tail else None)
        return 0


cdef void* _grow(void* block, size_t size) except NULL:
    cdef void* grown = realloc(block, size)
    if grown is NULL:
        raise MemoryError()
    return grown


def walk(_Element body not None, walk, scan, marker, kinds, dict tag_flags, label_first):
    """regions._walk for ``body``: fills ``walk`` (credit, marked; hits, chrome, strong and weak through
    ``scan`` and ``kinds``) exactly as the Python walk does, and returns the :class:`Sizes` of the walk.
    ``tag_flags`` is :func:`tag_flags` of regions' tag sets."""
    cdef Walker w = Walker()
    cdef Frame* stack = NULL
    cdef Py_ssize_t depth = 0, stack_cap = 0, index, i, container
    cdef xmlNode* c
    cdef xmlNode* top = body._c_node
    cdef Frame parent
    cdef int flags
    cdef bint in_link, skip, own_link, own_skip
    cdef Sizes sizes
    w.doc = body._doc
    w.walk, w.scan, w.marker, w.kinds, w.label_first = walk, scan, marker, kinds, label_first
    w.credit = walk.credit
    w.attributed = walk.marked
    w.tags = _TagTable(tag_flags)
    try:
        # the body itself: no container above it, no tail
        index = w.add(top)
        if top.type == tree.XML_ELEMENT_NODE:
            tag = w.tags.tag(top, &flags)
            w.mark(top, tag, (flags & F_MARKED) != 0)
        w.text(top.children, top, False, index, True, index, top)
        stack_cap = 64
        stack = <Frame*>_grow(NULL, stack_cap * sizeof(Frame))
        stack[0].node, stack[0].index, stack[0].container = top, index, index
        stack[0].in_link, stack[0].skip = False, False
        depth = 1
        c = top.children if top.type != tree.XML_ENTITY_REF_NODE else NULL
        while depth > 0:
            if c is NULL:  # the frame's children are done: on to its next sibling
                depth -= 1
                c = stack[depth].node.next if depth > 0 else NULL
                continue
            if not _is_element(c):
                c = c.next
                continue
            parent = stack[depth - 1]
            if c.type == tree.XML_ELEMENT_NODE:
                tag = w.tags.tag(c, &flags)
                index = w.add(c)
                if flags & F_INLINE:  # the parent's container; an <a> starts a link
                    container, own_link, own_skip = parent.container, parent.in_link or (flags & F_A) != 0, parent.skip
                elif flags & F_SKIP:
                    container, own_link, own_skip = parent.container, parent.in_link, True
                else:
                    container, own_link, own_skip = index, False, parent.skip
                if c.properties is not NULL or flags & F_MARKED:
                    w.mark(c, tag, (flags & F_MARKED) != 0)
            else:  # a comment, a processing instruction or an entity: only its tail is text
                index = -1
                container, own_link, own_skip = -1, False, True
            if not parent.skip:
                if not own_skip:
                    w.text(c.children, c, False, container, not own_link, index, c)
                w.text(c.next, c, True, parent.container, not parent.in_link, parent.index, parent.node)
            if c.type == tree.XML_ELEMENT_NODE and c.children is not NULL:
                if depth == stack_cap:
                    stack_cap *= 2
                    stack = <Frame*>_grow(stack, stack_cap * sizeof(Frame))
                stack[depth].node, stack[depth].index, stack[depth].container = c, index, container
                stack[depth].in_link, stack[depth].skip = own_link, own_skip
                depth += 1
                c = c.children
            else:
                c = c.next
    finally:
        free(stack)
    credit = w.credit
    for i in range(w.ordered):
        index = w.order[i]
        credit[w.proxy(w.nodes[index])] = w.credit_of[index]
    sizes = Sizes()
    sizes.keep = body
    sizes.nodes, sizes.own, sizes.count = w.nodes, w.own, w.count
    w.nodes = NULL  # now owned by sizes
    w.own = NULL
    sizes._index()
    return sizes


cdef object _attribute(xmlNode* c, const char* name):
    """``el.get(name)`` for an attribute without a namespace: its value, or None."""
    cdef xmlAttr* attr = c.properties
    cdef xmlNode* value
    while attr is not NULL:
        if attr.ns is NULL and attr.name is not NULL and strcmp(<const char*>attr.name, name) == 0:
            value = attr.children
            if value is not NULL and value.next is NULL and value.type == tree.XML_TEXT_NODE and (
                    value.content is not NULL):  # the usual shape: one text node, read in place
                return PyUnicode_DecodeUTF8(<const char*>value.content, strlen(<const char*>value.content), NULL)
            return attributeValue(c, attr)  # empty, or made of several nodes: as lxml joins them
        attr = attr.next
    return None


def links(_Element root not None, dict codes, dict known, dict shared, resolve, link_type, other):
    """links.extract_links's loop: every ``<a href>`` as a ``link_type``, resolved from ``known``, then
    ``shared``, then ``resolve``; the other URL-bearing elements (``codes``: tag -> code, 1 for "a", 2 for
    "meta") counted per tag and handed to ``other(links, el, tag, ordinal)``. None when the tree has a
    namespaced element: the caller then walks it in Python."""
    cdef list out = []
    cdef Py_ssize_t anchors = 0
    cdef int code
    cdef _TagTable tags = _TagTable(codes)
    cdef dict seen = {}
    cdef _Document doc = root._doc
    cdef xmlNode* top = root._c_node
    cdef xmlNode* c = top
    while c is not NULL:
        if c.type == tree.XML_ELEMENT_NODE:
            if c.ns is not NULL:
                return None
            tag = tags.tag(c, &code)
            if code == 1:
                raw = _attribute(c, b"href")
                if raw is not None:
                    value = raw.strip()
                    if value:
                        found = known.get(value) or shared.get(value) or resolve(raw)
                        url, scheme, host, internal, target, fragment = found
                        out.append(link_type(elementFactory(doc, c), "a", "href", value, url, scheme, host, internal,
                                             target, fragment, anchors))
                anchors += 1
            elif code:
                ordinal = seen.get(tag, 0)
                seen[tag] = ordinal + 1
                if code != 2 or _attribute(c, b"http-equiv") is not None:  # most <meta>: no redirect
                    other(out, elementFactory(doc, c), tag, ordinal)
        c = _next_in(c, top)
    return out


# --- link texts and fragment targets -----------------------------------------------------------------

cdef struct Buffer:
    char* data
    size_t size
    size_t cap


cdef int _add(Buffer* b, const char* s, size_t n) except -1:
    cdef size_t cap
    if b.size + n > b.cap:
        cap = b.cap * 2 if b.cap else 4096
        while cap < b.size + n:
            cap *= 2
        b.data = <char*>_grow(b.data, cap)
        b.cap = cap
    memcpy(b.data + b.size, s, n)
    b.size += n
    return 0


cdef int _add_attributes(Buffer* b, xmlNode* c, const char* first, const char* second) except -1:
    """The values of ``c``'s attributes (no namespace) named ``first`` or ``second`` (may be NULL), in the
    order they are written: as XPath's document order puts them."""
    cdef xmlAttr* attr = c.properties
    cdef xmlNode* value
    while attr is not NULL:
        if attr.ns is NULL and attr.name is not NULL and (
                strcmp(<const char*>attr.name, first) == 0
                or (second is not NULL and strcmp(<const char*>attr.name, second) == 0)):
            value = attr.children
            if value is not NULL and value.next is NULL and value.type == tree.XML_TEXT_NODE and (
                    value.content is not NULL):
                _add(b, <const char*>value.content, strlen(<const char*>value.content))
            else:  # empty, or made of several nodes: as lxml joins them
                encoded = attributeValue(c, attr).encode("utf-8", "surrogatepass")
                _add(b, <const char*>encoded, len(encoded))
        attr = attr.next
    return 0


cdef inline bint _named(xmlNode* c, const char* name) noexcept:
    return c.ns is NULL and c.name is not NULL and strcmp(<const char*>c.name, name) == 0


cdef inline xmlNode* _after(xmlNode* c, xmlNode* top, xmlNode** link) noexcept:
    """The node after ``c``'s subtree in document order, within ``top``'s subtree (NULL at its end).
    ``link[0]`` (the outermost ``<a>`` a walk is in) is cleared as the walk leaves that element."""
    while True:
        if c is link[0]:
            link[0] = NULL
        if c is top:
            return NULL
        if c.next is not NULL:
            return c.next
        c = c.parent


def link_text(_Element root not None):
    """``"".join(root.xpath("//a//text()|//a//img/@alt|//a/@title|//area/@alt|//area/@title"))``: what the
    links of the page say, in document order (an element's attributes before its children)."""
    cdef Buffer b
    cdef xmlNode* top = root._c_node
    cdef xmlNode* c = top
    cdef xmlNode* link = NULL  # the outermost <a> the walk is in
    b.data, b.size, b.cap = NULL, 0, 0
    while top.parent is not NULL and top.parent.type == tree.XML_ELEMENT_NODE:  # "//": the whole document
        top = top.parent
    c = top
    try:
        while c is not NULL:
            if c.type == tree.XML_ELEMENT_NODE:
                if _named(c, b"a"):
                    if link is NULL:
                        link = c
                    _add_attributes(&b, c, b"title", NULL)
                elif _named(c, b"area"):
                    _add_attributes(&b, c, b"alt", b"title")
                elif link is not NULL and _named(c, b"img"):
                    _add_attributes(&b, c, b"alt", NULL)
                if c.children is not NULL:
                    c = c.children
                    continue
            elif link is not NULL and (c.type == tree.XML_TEXT_NODE or c.type == tree.XML_CDATA_SECTION_NODE) and (
                    c.content is not NULL):
                _add(&b, <const char*>c.content, strlen(<const char*>c.content))
            c = _after(c, top, &link)
        return PyUnicode_DecodeUTF8(b.data, b.size, NULL) if b.size else ""
    finally:
        free(b.data)


def ids(_Element root not None):
    """``frozenset(root.xpath("//@id | //a/@name"))``: the fragment targets of the page."""
    cdef xmlNode* top = root._c_node
    cdef xmlNode* c
    cdef xmlAttr* attr
    cdef bint anchor
    found = []
    while top.parent is not NULL and top.parent.type == tree.XML_ELEMENT_NODE:
        top = top.parent
    c = top
    while c is not NULL:
        if c.type == tree.XML_ELEMENT_NODE and c.properties is not NULL:
            anchor = _named(c, b"a")
            attr = c.properties
            while attr is not NULL:
                if attr.ns is NULL and attr.name is not NULL and (
                        strcmp(<const char*>attr.name, b"id") == 0
                        or (anchor and strcmp(<const char*>attr.name, b"name") == 0)):
                    found.append(attributeValue(c, attr))
                attr = attr.next
        c = _next_in(c, top)
    return frozenset(found)


cdef Py_ssize_t _stripped_length(const unsigned char* p, Py_ssize_t size) noexcept:
    """``len(s.strip())`` of the UTF-8 text ``p``: its characters between the first and the last that
    ``str.strip()`` keeps."""
    cdef Py_ssize_t i = 0, n = 0, kept = 0, k
    cdef unsigned int cp = 0
    cdef bint started = False
    while i < size:
        k = _decode(p, i, size, &cp)
        i += k
        if _space(cp):
            if started:
                n += 1
        else:
            started = True
            n += 1
            kept = n
    return kept


def link_stats(_Element body not None):
    """``(sum(len(t.strip()) for t in body.xpath(".//a//text()")), int(body.xpath("count(.//a[@href])")))``:
    how much of ``body``'s text is link text, and how many links it has."""
    cdef xmlNode* top = body._c_node
    cdef xmlNode* c = top.children if top.type == tree.XML_ELEMENT_NODE else NULL
    cdef xmlNode* link = NULL
    cdef xmlAttr* attr
    cdef Py_ssize_t chars = 0, count = 0
    while c is not NULL:
        if c.type == tree.XML_ELEMENT_NODE:
            if _named(c, b"a"):
                if link is NULL:
                    link = c
                attr = c.properties
                while attr is not NULL:
                    if attr.ns is NULL and attr.name is not NULL and strcmp(<const char*>attr.name, b"href") == 0:
                        count += 1
                        break
                    attr = attr.next
            if c.children is not NULL:
                c = c.children
                continue
        elif link is not NULL and (c.type == tree.XML_TEXT_NODE or c.type == tree.XML_CDATA_SECTION_NODE) and (
                c.content is not NULL):
            chars += _stripped_length(<const unsigned char*>c.content, strlen(<const char*>c.content))
        c = _after(c, top, &link)
    return chars, count


def credit_blocks(_Element body not None):
    """``body.xpath("./p | ./div | .//p")``: every ``<p>`` below ``body`` and its ``<div>`` children, in
    document order."""
    cdef xmlNode* top = body._c_node
    cdef xmlNode* c = top.children if top.type == tree.XML_ELEMENT_NODE else NULL
    cdef _Document doc = body._doc
    cdef xmlNode* none = NULL
    found = []
    while c is not NULL:
        if c.type == tree.XML_ELEMENT_NODE:
            if _named(c, b"p") or (c.parent is top and _named(c, b"div")):
                found.append(elementFactory(doc, c))
            if c.children is not NULL:
                c = c.children
                continue
        c = _after(c, top, &none)
    return found
