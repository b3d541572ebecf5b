"""Government page standards: which pages are full pages and of what type, the metadata tags, the footer.

Shared by SL501 ``missing-metadata-tag``, SL502 ``invalid-metadata-tag``, SL503
``missing-footer-item`` and SL702 ``insecure-resource`` (REGULATIONS §7, §8).

* :func:`is_full_page` — the rule for "a page to demand metadata and a footer from":
  its ``<head>`` has a ``<title>`` and its ``<body>`` holds something besides scripts
  and styles. Includes and fragments (header includes loaded by ``<iframe>`` or SSI,
  table fragments, ``.do`` responses) have no ``<title>``; framesets have no body;
  redirect stubs (``<meta http-equiv=refresh>`` with an empty body) are not pages either.
* :func:`page_kind` — ``home`` / ``column`` / ``article`` from the ``[kinds]`` globs,
  else inferred.
* :class:`FooterView` — the footer as the reader gets it: the page text, the footer
  elements, and footers written by scripts (``var pcFooterStr='…'+'…'``,
  ``document.write(unescape("%3Cspan id='_ideConac'…"))``).
"""

from __future__ import annotations

import datetime
import html
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, unquote, urlsplit

import lxml.etree as etree

from sitelint.lazy import lazy
from sitelint.textnorm import nfkc
from sitelint.tree import collapse_spaces, inside, text_content

if TYPE_CHECKING:
    from sitelint.page import Page

KINDS = ("home", "column", "article")
HOME_FILES = frozenset(("index.html", "index.htm", "index.shtml", "default.htm", "default.html", "index.jsp"))
_LIST_FILE = re.compile(r"^(?:index|default|list|more)(?:_\d+)?\.(?:s?html?|xhtml)$", re.IGNORECASE)
#: info-bar fields (sitelint.content normalised labels) that only an article shows
ARTICLE_FIELDS = ("发布时间", "发布日期", "来源", "信息来源", "文章来源", "稿件来源", "稿源")
ARTICLE_META = ("ArticleTitle", "PubDate", "ContentSource")
_SKIP_BODY = frozenset(("script", "style", "noscript", "link", "meta", "template"))
_EQUIVS = etree.XPath(".//meta/@http-equiv", smart_strings=False)


def _child(el: Any, tag: str) -> Any:
    """``el.find(tag)`` (the first child of that tag, or None) without ElementPath."""
    return next(el.iterchildren(tag), None)


#: the tags whose elements several checks go through (metadata, scripts, the title and heading, pictures and
#: embeds): :func:`indexed_elements` finds them all in one walk of the tree
INDEXED_TAGS = ("meta", "script", "title", "h1", "img", "iframe", "frame", "embed", "object")


def indexed_elements(page: Page) -> list[Any]:
    """Every element of :data:`INDEXED_TAGS` in document order, for ``page.shared``: one walk of the tree for
    the checks that would each walk it for a few of these tags (see :func:`elements`)."""
    return list(page.iter(*INDEXED_TAGS))


def elements(page: Page, *tags: str) -> list[Any]:
    """``list(page.iter(*tags))`` for tags of :data:`INDEXED_TAGS`, from the page's one walk."""
    return [el for el in page.shared(indexed_elements) if el.tag in tags]


def meta_elements(page: Page) -> list[Any]:
    """Every ``<meta>`` element in document order, for ``page.shared``: the checks that need a tag's element
    (its line) find it here instead of walking the tree again."""
    return elements(page, "meta")


def script_elements(page: Page) -> list[Any]:
    """Every ``<script>`` element in document order, for ``page.shared`` (the footer and the 暗链 check both
    read the inline scripts)."""
    return elements(page, "script")


def is_full_page(page: Page) -> bool:
    """A complete page (not an include, fragment, frameset or redirect stub); see the module doc."""
    return bool(page.shared(_is_full_page))


def _is_full_page(page: Page) -> bool:
    root = page.root
    head = _child(root, "head")
    body = _child(root, "body")
    if head is None or body is None or _child(head, "title") is None:
        return False
    content = any(isinstance(el.tag, str) and el.tag not in _SKIP_BODY for el in body)
    if not content and not (body.text or "").strip():
        return False
    refresh = any(equiv.strip().lower() == "refresh" for equiv in _EQUIVS(head))
    return not (refresh and len(page.text_of(body)) < 40)


def page_kind(page: Page) -> str | None:
    """``home`` / ``article`` / ``column`` or None. Config globs win; a kind with globs is never guessed."""
    configured = {k: page.configured_kind(k) for k in KINDS}
    for kind in ("home", "article", "column"):
        if configured[kind]:
            return kind
    directory, _, name = page.path.rpartition("/")
    if configured["home"] is None and not directory and name.lower() in HOME_FILES:
        return "home"
    guess_article = configured["article"] is None
    if guess_article and any(k in page.meta for k in ARTICLE_META):
        return "article"
    if configured["column"] is None and directory and _LIST_FILE.match(name):
        return "column"
    if guess_article and any(k in page.fields for k in ARTICLE_FIELDS):
        return "article"
    return None


# --- values ------------------------------------------------------------------------------

_NORM_CHARS = {"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "—": "-", "–": "-", "―": "-",
               "〔": "[", "〕": "]", "【": "[", "】": "]", "《": "<", "》": ">", "、": ","}
_NORM = str.maketrans(_NORM_CHARS)
_SPACE = re.compile(r"[\s\u200b-\u200d\ufeff]+")
_ZERO_WIDTH = ("\u200b", "\u200c", "\u200d", "\ufeff")


def normalize(text: str) -> str:
    """For comparing a title written twice: entities, full/half width, quotes and whitespace do not count.

    ``NFKC(unescape(text)).translate(_NORM)`` less ``_SPACE``, lowercased — computed with C-speed passes
    (a page body is long): ``str.translate`` with a table looks every character up, so each mapped character
    (none is a replacement of another) is replaced on its own; ``split()`` drops the whitespace ``_SPACE`` matches.
    """
    text = nfkc(html.unescape(text))
    for char, replacement in _NORM_CHARS.items():
        if char in text:
            text = text.replace(char, replacement)
    text = "".join(text.split())
    for char in _ZERO_WIDTH:
        if char in text:
            text = text.replace(char, "")
    return text.lower()


_HEADINGS = ("//body//*[self::h1 or self::h2 or self::h3 or self::ucaptitle"
             " or contains(translate(@class,'TITLE','title'),'title')"
             " or contains(translate(@id,'TITLE','title'),'title')]")


def title_disagreement(page: Page, title: str) -> str | None:
    """The visible heading when ArticleTitle is nowhere on the page; None when they agree or nothing shows."""
    wanted = normalize(title)
    body = _child(page.root, "body")
    if not wanted or body is None or wanted in normalize(page.title):
        return None
    # The body's raw text: normalize() drops all whitespace, so collapsing it first (text_of) changes nothing.
    if wanted in normalize(text_content(body)):
        return None
    headings: list[Any] = [el for el in body.xpath(_HEADINGS) if 4 <= len(page.text_of(el)) <= 200]
    shown = [page.fields[n].value for n in ("标题", "信息名称") if n in page.fields and page.fields[n].value]
    shown += [page.text_of(h) for h in headings if page.in_content(h)] or [
        page.text_of(h) for h in headings if h.tag == "h1"]
    for text in shown:
        if len(norm := normalize(text)) >= 8 and norm in wanted:
            return None
    return shown[0][:80] if shown else None


_TOKENS = (("yyyy", r"\d{4}", "%Y"), ("MM", r"\d{2}", "%m"), ("dd", r"\d{2}", "%d"),
           ("HH", r"\d{2}", "%H"), ("mm", r"\d{2}", "%M"), ("ss", r"\d{2}", "%S"))


@lru_cache(maxsize=64)
def compile_format(fmt: str) -> tuple[re.Pattern[str], str]:
    """``yyyy-MM-dd HH:mm`` → (exact regex, strptime format)."""
    regex, strp, i = "", "", 0
    while i < len(fmt):
        for token, rx, directive in _TOKENS:
            if fmt.startswith(token, i):
                regex, strp, i = regex + rx, strp + directive, i + len(token)
                break
        else:
            regex, strp, i = regex + re.escape(fmt[i]), strp + fmt[i].replace("%", "%%"), i + 1
    return re.compile(regex), strp


@lru_cache(maxsize=64)
def _plain_format(fmt: str) -> tuple[re.Pattern[str], tuple[str, ...]] | None:
    """For a format naming yyyy, MM and dd (HH, mm, ss optional), each once and each followed by a non-digit
    or the end: a regex capturing the ASCII digits of each token, and the tokens in order. None otherwise."""
    regex, tokens, i = "", [], 0
    while i < len(fmt):
        for token, _rx, _directive in _TOKENS:
            if fmt.startswith(token, i):
                if token in tokens or fmt[i + len(token):i + len(token) + 1].isdigit() or (
                        fmt.startswith(tuple(t for t, _r, _d in _TOKENS), i + len(token))):
                    return None
                regex, i = regex + f"([0-9]{{{len(token)}}})", i + len(token)
                tokens.append(token)
                break
        else:
            regex, i = regex + re.escape(fmt[i]), i + 1
    if not {"yyyy", "MM", "dd"} <= set(tokens):
        return None
    return re.compile(regex), tuple(tokens)


def _valid_plain(value: str, plain: tuple[re.Pattern[str], tuple[str, ...]]) -> bool | None:
    """``strptime`` of an ASCII value in a plain format, without it (~10 µs a call): None when unsure.

    Each token's digits end at a non-digit, so strptime reads them all or fails: it accepts exactly
    month 01–12, day 01–31, hour 00–23, minute 00–59, second 00–61, and then builds the datetime, which
    needs year ≥ 1, a day of that month and second ≤ 59 — what the datetime constructor checks.
    """
    m = plain[0].fullmatch(value) if value.isascii() else None
    if m is None:
        return None
    parts = dict(zip(plain[1], map(int, m.groups()), strict=True))
    try:
        datetime.datetime(parts["yyyy"], parts["MM"], parts["dd"], parts.get("HH", 0), parts.get("mm", 0),
                          parts.get("ss", 0))
    except ValueError:
        return False
    return True


@lru_cache(maxsize=4096)
def matches_format(value: str, formats: tuple[str, ...]) -> bool:
    """Whether ``value`` is a date in one of ``formats`` (cached: pages of one day share their PubDate)."""
    for fmt in formats:
        regex, strp = compile_format(fmt)
        if regex.fullmatch(value):
            plain = _plain_format(fmt)
            valid = _valid_plain(value, plain) if plain is not None else None
            if valid is None:
                try:
                    datetime.datetime.strptime(value, strp)
                except ValueError:
                    continue
            elif not valid:
                continue
            return True
    return False


# --- the footer ---------------------------------------------------------------------------

_FOOTERISH = re.compile(r"(?:^|[-_\s])(?:footer\w*|foot|bottom|copyright|banquan)(?:$|[-_\s])", re.IGNORECASE)
# Footers of widgets (datagrid-footer, modal-footer, verifybox-bottom) are not the page's footer.
_WIDGET = re.compile(r"(?:grid|modal|alert|panel|card|dialog|layer|table|popup|verifybox|drawer|picker|calendar|"
                     r"dropdown|menu|swiper|slide|tab|list|form|window)[-_]*(?:footer|foot|bottom)", re.IGNORECASE)
_FOOTER_WORDS = re.compile(r"ICP|公网安备|标识码|识别码|主办|版权所有|copyright", re.IGNORECASE)


def _footerish(el: Any) -> bool:
    names = f"{el.get('id', '')} {el.get('class', '')}"
    return bool(_FOOTERISH.search(names)) and not _WIDGET.search(names)


_TAG = re.compile(r"<[^<>]*>")
_JS_JOIN = re.compile(r"""['"]\s*\+\s*['"]""")
_UNESCAPE = re.compile(r"""unescape\(\s*(["'])(.*?)\1\s*\)""", re.DOTALL)
# (?i)(?:href|src) spelled out so that the regex starts with one character class the engine can skip ahead to
# (under IGNORECASE it tries every position): h/H, or s/S/ſ (U+017F, which (?i)s also matches); ~3x faster.
_SCRIPT_HREF = re.compile(r"""[hHsSſ](?:(?<=[hH])[rR][eE][fF]|(?<=[sSſ])[rR][cC])\s*=\s*\\?["']?([^"'\s<>\\]+)""")
_JQ_LOAD = re.compile(r"""\.load\(\s*["']([^"']+)""")
_LOADER_TAGS = ("script", "iframe", "frame", "embed", "object")
_LINK_TAGS = ("a", "area", "script", "img", "iframe")
_SCRIPT_ID = re.compile(r"""id\s*=\s*["']?([\w-]+)""")
# Scripts that may write the footer (most scripts are libraries: skip them without a regex).
_SCRIPT_FOOTER = ("ICP", "公网安备", "标识码", "识别码", "主办", "版权", "联系", "onac", "jiucuo", "找错", "ooter",
                  "%3C", "%3c")
_SCRIPT_FOOTER_RE = re.compile("|".join(map(re.escape, _SCRIPT_FOOTER)))  # one pass over a long script


def _script_markup(page: Page) -> str:
    """Inline scripts decoded as the browser would write them: unescape(), joined string pieces, entities."""
    parts = []
    for el in page.shared(script_elements):
        code = el.text
        if code and el.get("src") is None and _SCRIPT_FOOTER_RE.search(code):
            code = _JS_JOIN.sub("", code)
            if "%3C" in code or "%3c" in code:
                code += " " + " ".join(unquote(m.group(2)) for m in _UNESCAPE.finditer(code))
            parts.append(code)
    return html.unescape("\n".join(parts))


def host_of(url: str) -> str:
    try:
        return (urlsplit(url if "//" in url else "//" + url).hostname or "").lower()
    except ValueError:
        return ""


class FooterView:
    """The footer as the reader gets it; the footer elements are looked up only when a finding needs them."""

    def __init__(self, page: Page, loaders: tuple[str, ...]) -> None:
        self.page, self.loaders = page, loaders
        body = _child(page.root, "body")
        self.body = body if body is not None else page.root
        self.markup = _script_markup(page)
        #: the page's text with the footers written by scripts (their markup decoded, tags stripped)
        self.text = collapse_spaces(text_content(self.body) + " " + _TAG.sub(" ", self.markup))
        self._script_links = [(host_of(u), u) for u in _SCRIPT_HREF.findall(self.markup)] if self.markup else []
        #: the distinct hosts of ``links``
        self.hosts = frozenset({link.host for link in page.links if link.tag in _LINK_TAGS}.union(
            [h for h, _u in self._script_links]))
        #: ids on the page and in script-built markup
        self.ids = page.ids | set(_SCRIPT_ID.findall(self.markup)) if self.markup else page.ids
        self._texts: dict[Any, str] = {}

    @property
    def links(self) -> Iterator[tuple[str, str]]:
        """(host, url) of every link and resource, and of href/src written inside scripts."""
        for link in self.page.links:
            if link.tag in _LINK_TAGS:
                yield link.host, link.url
        yield from self._script_links

    def urls_at(self, hosts: set[str]) -> list[str]:
        """The URLs of ``links`` whose host is one of ``hosts``, in order."""
        urls = [link.url for link in self.page.links if link.host in hosts and link.tag in _LINK_TAGS]
        return urls + [u for h, u in self._script_links if h in hosts]

    def text_of(self, el: Any) -> str:
        """``page.text_of(el)``, read once."""
        text = self._texts.get(el)
        if text is None:
            text = self._texts[el] = self.page.text_of(el)
        return text

    @lazy
    def footers(self) -> list[Any]:
        """The outermost footer elements (<footer>, id/class footer, foot, bottom, copyright), in order."""
        # "foot", "bottom", "copyr", "banquan": a quick test for what _FOOTERISH needs, before the regexes
        found = []
        for el, tag, classes, ident in self.page.marked:
            if tag == "footer":
                found.append(el)
            elif ident or classes:
                low = f"{ident} {classes}".lower()
                if ("foot" in low or "bottom" in low or "copyr" in low or "banquan" in low) and _footerish(el):
                    found.append(el)
        if len(found) < 2:
            return found
        chosen = set(found)
        return [el for el in found if inside(el.getparent(), chosen) is None]

    @lazy
    def anchor(self) -> Any:
        """Where findings are anchored: the last footer holding footer words, else the last footer, else <body>."""
        shown = [el for el in self.footers if self.text_of(el)]
        worded = [el for el in shown if _FOOTER_WORDS.search(self.text_of(el))]
        return (worded or shown or self.footers or [self.body])[-1]

    @lazy
    def placeholder(self) -> bool:
        """An empty footer element, a footer script or frame, or an SSI/ESI include: the footer comes at run time."""
        page = self.page
        if "<!--#include" in page.html or "<esi:include" in page.html:
            return True
        if any(not self.text_of(el) and el.find(".//img") is None for el in self.footers):
            return True
        sources = [link.raw for link in page.links if link.tag in _LOADER_TAGS] + _JQ_LOAD.findall(self.markup)
        return any(w in u.partition("?")[0].rpartition("/")[2].lower() for u in sources for w in self.loaders)


# --- footer items (REGULATIONS §8) --------------------------------------------------------

#: item -> (name, what it looks like, required by a confirmed rule: reported as an error)
FOOTER_ITEMS: dict[str, tuple[str, str, bool]] = {
    "sponsor": ("主办单位", "“主办单位：…”", False),
    "contact": ("联系方式", "电话、邮箱或地址", False),
    "site-id-code": ("网站标识码", "“网站标识码：”加 10 位数字或 bm 加 8 位数字", True),
    "icp": ("ICP 备案号", "如“京ICP备07017245号-2”", True),
    "public-security": ("公安机关备案号", "如“京公网安备 11010502030880号”", True),
    "conac": ("党政机关网站标识", "_ideConac 标识或 conac.cn 链接", True),
    "error-report": ("“我为政府网站找错”入口", "zfwzgl.www.gov.cn 的找错脚本或链接", False),
}

_PROVINCES = "京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川蜀贵黔云滇藏陕甘陇青宁新"
ICP = re.compile(rf"[{_PROVINCES}]\s*ICP\s*[备证]\s*\d{{6,10}}\s*号(?:\s*-\s*\d+)?")
POLICE = re.compile(r"公网安备\s*(\d{14})(?!\d)")
SITE_CODE = re.compile(r"(?:标\s*识|识\s*别)\s*码\s*[:：]?\s*(bm\d{8}|\d{10})(?![\dA-Za-z])")
SPONSOR = re.compile(r"主\s*办(?:\s*单\s*位)?\s*[:：]\s*[\u4e00-\u9fffA-Za-z（(]|主办单位\s+[\u4e00-\u9fff]")
CONTACT = re.compile(
    r"(?:电 ?话|热 ?线|传 ?真|邮 ?箱|[Ee]-?[Mm][Aa][Ii][Ll]|地 ?址|邮 ?编) ?[:：] ?\S|联系我们|联系方式|"
    r"(?<!\d)0\d{2,3}-\d{7,8}(?!\d)|[(（]0\d{2,3}[)）] ?-?\d{7,8}|(?<![\w.-])[\w.-]+@[\w-]+(?:\.[\w-]+)+"
)
# CONTACT split so that the regex engine can skip ahead to a first character (every alternative starts with a
# literal; the e-mail one cannot, and is only tried when there is an @): the same answer, ~20x faster.
_CONTACT_FAST = re.compile(
    "|".join(f"{label} ?[:：] ?\\S" for label in (
        "电 ?话", "热 ?线", "传 ?真", "邮 ?箱", "E-?[Mm][Aa][Ii][Ll]", "e-?[Mm][Aa][Ii][Ll]", "地 ?址", "邮 ?编"))
    + r"|0(?<!\d0)\d{2,3}-\d{7,8}(?!\d)|\(0\d{2,3}[)）] ?-?\d{7,8}|（0\d{2,3}[)）] ?-?\d{7,8}"
)
_EMAIL = re.compile(r"(?<![\w.-])[\w.-]+@[\w-]+(?:\.[\w-]+)+")
_FOOTER_REACH = 600  # characters at the end of the page text searched first for the contact details
ICP_HOSTS = ("beian.miit.gov.cn", "www.miibeian.gov.cn", "miibeian.gov.cn")
RETIRED_ICP_HOSTS = ("www.miibeian.gov.cn", "miibeian.gov.cn")
_CONAC = re.compile(r"_ideConac|imgConac|conac\.cn")
_ZHAOCUO = re.compile(r"_jiucuo_|_span_jiucuo|jiucuo\.js|zfwz(?:zc|gl)\.www\.gov\.cn|找错")


@lru_cache(maxsize=1024)
def icp_host(host: str) -> bool:
    """The filing system, also behind IPv6 gateways that append their own domain (beian.miit.gov.cn.ipv6.…)."""
    return any(host == h or host.startswith(h + ".") for h in ICP_HOSTS)


def record_codes(view: FooterView) -> list[str]:
    """The ``recordcode`` of every link to the public-security filing system (digits only)."""
    codes: list[str] = []
    filing = {h for h in view.hosts if h.endswith("beian.gov.cn")}
    if not filing:
        return codes
    for url in view.urls_at(filing):
        codes.extend(_record_codes(url))
    return codes


@lru_cache(maxsize=1024)
def _record_codes(url: str) -> tuple[str, ...]:
    """The ``recordcode`` values of one filing-system URL (digits only): every page links the same one."""
    codes = []
    for value in parse_qs(urlsplit(url).query).get("recordcode", []):
        digits = re.match(r"\d+", value.strip())
        codes.append(digits.group(0) if digits else value)
    return tuple(codes)


_ZHAOCUO_ATTR = "//*[contains(@alt,'找错') or contains(@title,'找错') or contains(@aria-label,'找错')]"
_ZHAOCUO_XPATH = etree.XPath(_ZHAOCUO_ATTR)
# The attribute test walks every element (~0.5 ms on a large page): an attribute value holding 找 is written
# in the HTML as 找 or as a character reference (&#25214; &#x627e;), so a page with neither needs no walk.
_ZHAO_REF = re.compile(r"&#(?:0*25214|[xX]0*627[eE])")


def _scan_start(text: str, literal: str, before: int) -> int:
    """Where to start a regex whose every match holds ``literal`` with at most ``before`` characters ahead of
    it in the match, each optionally followed by whitespace (the ICP regex: a province, then "ICP"); -1 when
    ``literal`` is not in ``text``. A regex that starts with a character class tries every position of the
    text; started here, it reads only the rest (the footer, at the end of the page)."""
    at = text.find(literal)
    for _ in range(before if at >= 0 else 0):
        while at and text[at - 1].isspace():
            at -= 1
        at = max(0, at - 1)
    return at


def find_footer_items(page: Page, view: FooterView) -> dict[str, Any]:
    """What the page shows of each footer item (falsy: not found); numbers as lists, the ICP number as a match."""
    text = view.text  # each regex needs a literal: look for it first ("码", "ICP", "公网安备")
    code_at, icp_at = _scan_start(text, "码", 2), _scan_start(text, "ICP", 1)
    return {
        "sponsor": bool(SPONSOR.search(text)),
        "contact": has_contact(view),
        "site-id-code": SITE_CODE.findall(text, code_at) if code_at >= 0 else [],
        "icp": ICP.search(text, icp_at) if icp_at >= 0 else None,
        "public-security": POLICE.findall(text),
        "conac": has_conac(view),
        "error-report": has_zhaocuo(page, view),
    }


def has_contact(view: FooterView) -> bool:
    text = view.text
    # The footer is at the end of the text: a match there answers without scanning the page before it.
    tail = max(0, len(text) - _FOOTER_REACH)
    return "联系我们" in text or "联系方式" in text or bool(
        _CONTACT_FAST.search(text, tail) or (tail and _CONTACT_FAST.search(text))) or (
        "@" in text and bool(_EMAIL.search(text))) or any(u[:7] == "mailto:" for _h, u in view.links)


def has_conac(view: FooterView) -> bool:
    return "_ideConac" in view.ids or any(h.endswith("conac.cn") for h in view.hosts) or (
        "onac" in view.text and bool(_CONAC.search(view.text)))


def has_zhaocuo(page: Page, view: FooterView) -> bool:
    if {"_jiucuo_", "_span_jiucuo"} & view.ids or any(h.startswith(("zfwzzc.", "zfwzgl.")) for h in view.hosts) or any(
            "jiucuo.js" in u.lower() for _h, u in view.links):
        return True
    if ("jiucuo" in view.text or "zfwz" in view.text or "找错" in view.text) and _ZHAOCUO.search(view.text):
        return True
    if "找" not in page.html and _ZHAO_REF.search(page.html) is None:
        return False
    return bool(_ZHAOCUO_XPATH(page.root))
