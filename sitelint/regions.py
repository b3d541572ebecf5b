"""Content regions: which part of a page is its own content, not the template's chrome.

Government templates repeat the same header, navigation, breadcrumb, sidebars and footer on
every page. :func:`analyse` (cached as ``page.content``) finds once per page:

* the **body**: configured CSS selectors (``content-selectors``), else the template markers
  (``id="zoom…"``, ``TRS_Editor``, ``<ucapcontent>``, ``article-content`` …; weaker ones like
  ``class="content"`` only when they hold mostly the densest text block), else the block with the
  most non-link text outside the chrome;
* the **content roots**: the body widened to the article container (title, info bar, related
  documents) until the next step would take in chrome, plus disclosure tables found elsewhere;
* through :mod:`sitelint.fields` and :mod:`sitelint.sources`, the labelled fields, the source
  credits and the publishers.

Everything is one pass over the elements (:func:`_walk`: text per container, label hits, 主办,
breadcrumbs, chrome and content markers) plus bounded walks; nothing recurses, so pathological
nesting cannot overflow the stack.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import repeat
from operator import itemgetter
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from lxml import etree

from sitelint.accel import speedups
from sitelint.fields import LABEL_FIRST, Field, Hit, credits, extract, scan_labels
from sitelint.selectors import select
from sitelint.sources import publisher_names, publishers
from sitelint.tree import SKIP_TAGS, inside

if TYPE_CHECKING:
    from sitelint.page import Page

# --- template knowledge -------------------------------------------------------------------

_INLINE = frozenset(
    "p span font b strong em i u s strike sub sup small big br a label code abbr cite q mark del ins "
    "h1 h2 h3 h4 h5 h6 center ul ol li dl dt dd img wbr nobr tt var kbd".split()
)
_STRONG = re.compile(
    r"^(?:zoom\w*|fontzoom|trs_u?editor\w*|ucap-?content|ivs_content|cmsarticle\w*content|"
    r"article[-_]?(?:content|body|text|con|cont|main|txt)|news[-_]?(?:content|text|body|con)|"
    r"content[-_]?(?:article|text|body|main|txt)|detail[-_]?(?:content|body|text|con)|pages?_content|"
    r"main[-_]content|wenzhang[-_]?(?:content|con|nr)|zw(?:[-_]?(?:nr|con|content|text|txt))?|zwnr|wenben|con_?text|art_?con)$",
    re.IGNORECASE,
)
_WEAK = frozenset("article articles content contents xxgk detail details zw main text wenzhang news".split())
_CHROME_FIRST = frozenset(
    "header head nav navbar navigation menu menus mainnav topnav subnav topbar top footer foot bottom crumb crumbs "
    "breadcrumb breadcrumbs bread curmb dqwz location position sidebar side aside copyright banner yqlj friendlink "
    "sitemap".split()
)
_CHROME_LAST = frozenset(
    "header nav navbar menu footer foot crumb crumbs breadcrumb bread curmb sidebar copyright banner topbar".split()
)
_CHROME_SUB = ("banquan", "mianze", "copyright", "footer", "breadcrumb", "crumb", "sidebar", "navbar", "friendlink")
_CHROME_TAGS = frozenset(("header", "nav", "footer", "aside"))
_MARKED_TAGS = frozenset(("header", "nav", "footer", "aside", "article", "main", "ucapcontent"))
_CRUMB_RE = re.compile(r"^\s*(?:您|你)?(?:当前|现在)?(?:的|所在|所处)?(?:位置|的位置)\s*[:：]")
_SEPARATORS = re.compile(r"[-_]+")
_MAX_WALK = 64
_MAX_EXPAND = 6
_WALK_UP_LIMIT = 16

_LINK_TEXTS = etree.XPath(".//a//text()", smart_strings=False)
_COUNT_LINKS = etree.XPath("count(.//a[@href])")


@dataclass(slots=True)
class ContentAnalysis:
    """What :func:`analyse` found on one page."""

    #: elements holding the page's own content, in document order
    roots: list[Any]
    #: the article body (the paragraphs), inside one of the roots
    body: Any
    #: label (normalised) -> first Field with that label
    fields: dict[str, Field] = field(default_factory=dict)
    #: the site's own publisher names (主办单位 in the footer, else SiteName)
    publishers: tuple[str, ...] = ()
    #: short source credits written in the body: "（来源：新华社）", "转自人民网"
    credits: list[Field] = field(default_factory=list)
    #: non-link and link text (characters, no whitespace) of the body
    body_text: int = 0
    body_link_text: int = 0
    body_links: int = 0
    _root_set: frozenset[Any] = frozenset()
    #: the body's elements with a class, an id or a marking tag (see :func:`marked_elements`)
    marked: list[Marked] = field(default_factory=list)
    #: every element inside the roots, collected once ``contains`` has been asked often enough
    _members: set[Any] | None = None
    _asked: int = 0

    def contains(self, el: Any) -> bool:
        """Whether ``el`` is (inside) one of the content roots."""
        members = self._members
        if members is not None:
            return el in members
        self._asked += 1
        if self._asked > _WALK_UP_LIMIT:  # asked about many elements (every link): one set of them all
            members = self._members = set()
            for root in self.roots:
                members.update(root.iter())
            return el in members
        roots = self._root_set
        node = el
        while node is not None:
            if node in roots:
                return True
            node = node.getparent()
        return False


# --- column index pages ------------------------------------------------------------------------

_INDEX_NAME = re.compile(
    r"^(?:_?index|default|home|list|more|column|lanmu|itemlist|channel|node)(?:[-_]?\d+)?"
    r"\.(?:s?html?|xhtml|jsp|php|aspx?|md|markdown)$|^list[\w-]*\.s?html?$|^col\d*\.s?html?$",
    re.IGNORECASE,
)


# Characters that make urlsplit() find more than a path (a scheme, a query, a fragment) or drop them.
_URL_MARKS = (":", "?", "#", "\t", "\r", "\n")


@lru_cache(maxsize=8192)
def is_column_index(url_or_target: str) -> bool:
    """Whether a URL or site path names a column's index or list page rather than a document.

    "zcjd/", "/zcjd/index.html", "list_2.shtml", "col/col123/index.html", "ItemList.html?itemName=政策解读" and the
    site root are column pages; "zcjd/2024/t20240101_1.html" is a document.
    """
    raw = url_or_target.strip()
    if not raw:
        return True
    if raw[0] > " " and not raw.startswith("//") and not any(c in raw for c in _URL_MARKS):
        path, netloc, query = raw, "", ""  # a plain path (a page's own): what urlsplit() would return
    else:
        parts = urlsplit(raw)
        path, netloc, query = parts.path, parts.netloc, parts.query
    if path == "" and netloc:
        return True
    if path == "" or path.endswith("/"):
        return path != "" or not query
    name = path.rsplit("/", 1)[-1]
    return bool(_INDEX_NAME.match(name)) or ("." not in name and not query)


def is_list_page(page: Page) -> bool:
    """A column's index or list page: named like one, or its body is mostly links (10+) rather than prose."""
    if is_column_index(page.path) and not page.path.endswith((".md", ".markdown")):
        return True
    if page.format == "markdown":
        # Hugo's section pages are _index.md (a leaf bundle's index.md is an article)
        fm = page.front_matter
        return page.path.rsplit("/", 1)[-1] == "_index.md" or fm.get("layout") == "list" or fm.get("list") is True
    c = page.content
    return c.body_links >= 10 and 2 * c.body_link_text >= c.body_text


# --- the walk ------------------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _marker_kind(tag: str, classes: str, ident: str) -> str | None:
    """"chrome", "strong" (an article-body marker), "weak" (a content-ish marker) or None."""
    tokens = classes.split() + ident.split()
    if tag in _CHROME_TAGS or any(_chrome_token(t) for t in tokens):
        return "chrome"
    if tag == "ucapcontent" or any(_STRONG.match(t) for t in tokens):
        return "strong"
    if tag in ("article", "main") or any(p in _WEAK for t in tokens for p in _SEPARATORS.split(t.lower())):
        return "weak"
    return None


def _chrome_token(token: str) -> bool:
    low = token.lower()
    if any(word in low for word in _CHROME_SUB):
        return True
    parts = [p for p in _SEPARATORS.split(low.rstrip("0123456789")) if p]
    return bool(parts) and (parts[0] in _CHROME_FIRST or parts[-1] in _CHROME_LAST)


#: (element, tag, class, id) of an element with a class, an id or a tag like <footer>
Marked = tuple[Any, str, str | None, str | None]


def marked_elements(body_el: Any) -> list[Marked]:
    """Every element of ``body_el`` (itself included) with a class, an id or a marking tag (<header>, <nav>,
    <footer>, <aside>, <article>, <main>, <ucapcontent>), in document order. :func:`analyse` finds the same
    list in its walk (``ContentAnalysis.marked``)."""
    found: list[Marked] = []
    marked = _MARKED_TAGS
    for el in body_el.iter():
        tag = el.tag
        if tag.__class__ is str:
            classes, ident = el.get("class"), el.get("id")
            if classes or ident or tag in marked:
                found.append((el, tag, classes, ident))
    return found


_ZEROS = repeat(0)  # own.get's default, for every element of a subtree
#: the (container, inside a link, text skipped) of a comment or processing instruction: no text of its own
_NO_TEXT = (None, False, True)


@dataclass(slots=True)
class _Walk:
    credit: dict[Any, int] = field(default_factory=dict)
    hits: list[Hit] = field(default_factory=list)
    publisher_hits: list[tuple[Any, str]] = field(default_factory=list)
    chrome: set[Any] = field(default_factory=set)
    strong: list[Any] = field(default_factory=list)
    weak: set[Any] = field(default_factory=set)
    #: characters of text (each text node stripped) directly in each element: its text and its children's
    #: tails, scripts left out
    own: dict[Any, int] = field(default_factory=dict)
    #: see :func:`marked_elements`
    marked: list[Marked] = field(default_factory=list)
    #: the C walk's sizes (``own`` is then left empty): see :mod:`sitelint._speedups`
    sizer: Any = None
    _sizes: dict[Any, int] = field(default_factory=dict)

    def size(self, el: Any) -> int:
        """Characters of text in ``el``'s subtree (asked of a few elements: the body and its candidates)."""
        found = self._sizes.get(el)
        if found is None:
            if self.sizer is not None:
                found = self._sizes[el] = self.sizer.size(el)
            else:  # summed in C: every element of the subtree looked up in ``own``
                found = self._sizes[el] = sum(map(self.own.get, el.iter(), _ZEROS))
        return found


def _scan(walk: _Walk, text: str, stripped: str, container: Any, owner: Any, after: Any) -> None:
    """Labels, breadcrumbs and 主办 in one non-blank text node that may hold one: a short one starting with
    a label's first character, one with a colon (labels, "主办单位：") or one with 版权所有."""
    colon = ":" in stripped or "：" in stripped
    if colon or len(stripped) <= 12:
        scan_labels(walk.hits, text, stripped, owner, after)
        if "位置" in stripped and _CRUMB_RE.match(stripped):
            walk.chrome.add(container)
    if (colon and "主" in stripped and "办" in stripped) or "版权所有" in stripped:
        walk.publisher_hits.extend((owner, name) for name in publisher_names(stripped))


def _walk(body_el: Any) -> _Walk:
    """The walk of :func:`_py_walk`, done in C by :mod:`sitelint._speedups` where it is built."""
    if speedups is None:
        return _py_walk(body_el)
    walk = _Walk()
    kinds = {"chrome": walk.chrome.add, "strong": walk.strong.append, "weak": walk.weak.add}
    walk.sizer = speedups.walk(body_el, walk, _scan, _marker_kind, kinds, _TAG_FLAGS, LABEL_FIRST)
    return walk


#: the C walk's table of the tag sets above
_TAG_FLAGS = speedups.tag_flags(_INLINE, SKIP_TAGS, _MARKED_TAGS) if speedups is not None else {}


def _py_walk(body_el: Any) -> _Walk:
    """One iterative pass: text per container, label hits, 主办, breadcrumbs, chrome and content markers.

    Each element's (container, inside a link, text skipped) is kept in a dict, so an element's
    text is credited to its own container and its tail to its parent's. Link text is not credited.
    A text node is scanned (:func:`_scan`) only when it may hold a label, 主办单位： or 版权所有.
    """
    walk = _Walk()
    credit, sizes, attributed = walk.credit, walk.own, walk.marked
    inline, skip_tags, marked, label_first = _INLINE, SKIP_TAGS, _MARKED_TAGS, LABEL_FIRST
    marker, kinds = _marker_kind, {"chrome": walk.chrome.add, "strong": walk.strong.append, "weak": walk.weak.add}
    info: dict[Any, tuple[Any, bool, bool]] = {body_el: (body_el, False, False)}
    # body_el itself, as the loop below does its descendants (it has no container above it, and no tail)
    tag, classes, ident = body_el.tag, body_el.get("class"), body_el.get("id")
    if classes or ident or tag in marked:
        attributed.append((body_el, tag, classes, ident))
        kind = marker(tag, classes or "", ident or "")
        if kind is not None:
            kinds[kind](body_el)
    text = body_el.text
    if text:
        stripped = text.strip()
        if stripped:
            credit[body_el] = sizes[body_el] = n = len(stripped)
            if (n <= 12 and stripped[0] in label_first) or ":" in stripped or "：" in stripped or (
                    "版权所有" in stripped):
                _scan(walk, text, stripped, body_el, body_el, None)
    for el in body_el.iterdescendants():
        tag = el.tag
        parent = el.getparent()
        pinfo = info[parent]
        container, in_link, skip = pinfo
        if tag in inline:  # the parent's (container, in link, skipped), but an <a> starts a link
            own = pinfo if in_link or tag != "a" else (container, True, skip)
        elif tag.__class__ is not str:  # comments and processing instructions: only their tail is text
            own = _NO_TEXT
        elif tag in skip_tags:
            own = pinfo if skip else (container, in_link, True)
        else:
            own = (el, False, skip)
        info[el] = own
        # One el.keys() (a comment has none) costs much less than two el.get(), and most elements have neither.
        keys = el.keys()
        if keys or tag in marked:
            classes = el.get("class") if "class" in keys else None
            ident = el.get("id") if "id" in keys else None
            if classes or ident or tag in marked:
                attributed.append((el, tag, classes, ident))
                kind = marker(tag, classes or "", ident or "")
                if kind is not None:
                    kinds[kind](el)
        if skip:
            continue  # inside a script or the like: neither text nor tail
        if not own[2]:
            text = el.text
            if text:
                stripped = text.strip()
                if stripped:
                    n = len(stripped)
                    if not own[1]:
                        credit[own[0]] = credit.get(own[0], 0) + n
                    sizes[el] = n  # the first text credited to el: its children come later
                    if (n <= 12 and stripped[0] in label_first) or ":" in stripped or "：" in stripped or (
                            "版权所有" in stripped):
                        _scan(walk, text, stripped, own[0], el, None)
        text = el.tail
        if text:
            stripped = text.strip()
            if stripped:
                n = len(stripped)
                if not in_link:
                    credit[container] = credit.get(container, 0) + n
                sizes[parent] = sizes.get(parent, 0) + n
                if (n <= 12 and stripped[0] in label_first) or ":" in stripped or "：" in stripped or (
                        "版权所有" in stripped):
                    _scan(walk, text, stripped, container, parent, el)
    return walk


# --- the analysis --------------------------------------------------------------------------------


def analyse(page: Page) -> ContentAnalysis:
    """The content analysis of ``page`` (use ``page.content`` for the cached one)."""
    root = page.root
    body_el = root.find("body")
    if body_el is None:
        body_el = root
    walk = _walk(body_el)
    chrome = walk.chrome

    # The densest container outside the chrome.
    dense: Any = None
    for el, _n in sorted(walk.credit.items(), key=itemgetter(1), reverse=True)[:8]:  # stable: ties keep their order
        if inside(el, chrome) is None:
            dense = el
            break

    roots: list[Any] = []
    body: Any = None
    markdown = page.format == "markdown"
    selectors = tuple(page.config.content_selectors or ())
    if selectors:
        roots = select(root, selectors)
        if roots:
            body = dense if dense is not None and inside(dense, set(roots)) is not None else roots[0]
    if markdown:
        body = body_el
    if body is None:
        body = _choose_body(walk, dense, body_el)
    # Chrome that holds the body is not chrome (a page wrapped in <div class="bottom-wrap">).
    node = body
    while node is not None:
        chrome.discard(node)
        node = node.getparent()
    if not roots:
        roots = [body_el] if markdown else _expand(body, chrome, body_el, walk)

    fields, extra = extract(walk.hits, roots, body, chrome)
    root_set = set(roots)
    roots.extend(block for block in extra if inside(block, root_set) is None)
    roots.sort(key=lambda e: e.sourceline or 0)
    analysis = ContentAnalysis(roots=roots, body=body, fields=fields, _root_set=frozenset(roots), marked=walk.marked)
    analysis.publishers = publishers(page, walk.publisher_hits, analysis.contains)
    analysis.credits = credits(body)
    analysis.body_link_text, analysis.body_links = link_stats(body)
    analysis.body_text = max(0, walk.size(body) - analysis.body_link_text)
    return analysis


def link_stats(body: Any) -> tuple[int, int]:
    """(characters of link text, links with an href) below ``body``: one C walk, or the XPaths that define it."""
    if speedups is not None:
        return speedups.link_stats(body)
    return sum(map(len, map(str.strip, _LINK_TEXTS(body)))), int(_COUNT_LINKS(body))


def _wraps_head(el: Any, dense: Any, hit_owners: Sequence[Any]) -> bool:
    """Whether ``el`` also holds the article's head (an h1 or a labelled field outside ``dense``)."""
    inner = {dense}
    for h in el.iter("h1"):
        if inside(h, inner) is None:
            return True
    outer = {el}
    return any(inside(o, outer) is not None and inside(o, inner) is None for o in hit_owners)


def _choose_body(walk: _Walk, dense: Any, body_el: Any) -> Any:
    """The article body: the closest template marker around the densest block, unless it is a page wrapper."""
    size, weak = walk.size, walk.weak
    hit_owners = [h.owner for h in walk.hits]
    strong = [s for s in walk.strong if inside(s, walk.chrome) is None][:64]
    if dense is None and not strong:
        return body_el
    if dense is not None:
        strong_set = set(strong)
        for el in [dense, *list(dense.iterancestors())[:_MAX_WALK]]:
            if el is body_el or el.tag in ("body", "html"):
                break
            if el is dense and (el in strong_set or el in weak):
                return el
            if el in strong_set:
                return dense if _wraps_head(el, dense, hit_owners) else el
            if el in weak:
                small = size(el) <= 1.5 * size(dense) + 50
                return el if small and not _wraps_head(el, dense, hit_owners) else dense
    if strong:
        best_size, best = max(((size(s), s) for s in strong), key=lambda p: p[0])
        if best_size > 0 and (dense is None or best_size * 3 >= size(dense)):
            return best
    return dense if dense is not None else body_el


def _expand(body: Any, chrome: set[Any], body_el: Any, walk: _Walk) -> list[Any]:
    """The article container: ``body`` widened to its title, info bar and related documents, short of chrome.

    Returns the container, then any head blocks just before it (a title or info bar in a sibling
    block, as the GZ template has) that are not chrome.
    """
    size = walk.size
    if body is body_el:
        return [body]
    # Elements with chrome below them (chrome inside the body does not count).
    chrome_above: set[Any] = set()
    for c in chrome:
        path: list[Any] = []
        el = c
        while el is not None and el is not body:
            if el in chrome_above:
                break
            path.append(el)
            el = el.getparent()
        if el is not body:
            chrome_above.update(path)
    current = body
    base = size(body)
    for _ in range(_MAX_EXPAND):
        parent = current.getparent()
        if parent is None or parent is body_el or parent.tag in ("body", "html") or parent in chrome_above:
            break
        if size(parent) - base > max(300, 0.6 * base):
            break
        current = parent
    found = [current]
    owners = [h.owner for h in walk.hits]
    sib = current.getprevious()
    for _ in range(3):
        while sib is not None and (not isinstance(sib.tag, str) or sib.tag in SKIP_TAGS):
            sib = sib.getprevious()
        if sib is None or sib in chrome_above or size(sib) > 600:
            break
        outer = {sib}
        if next(sib.iter("h1", "h2"), None) is not None or any(inside(o, outer) is not None for o in owners):
            found.append(sib)
        sib = sib.getprevious()
    return found
