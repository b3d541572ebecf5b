"""Template chrome is not content: the page's own content, its labelled fields, its publisher.

Government templates repeat the same header, navigation, breadcrumb, sidebars
and footer on every page, full of words like 来源, 政策解读 and 地图. Questions
about *this page* are answered from its own content: the article body, its info
bar and disclosure table (信息公开表), its related-documents block. This module
finds them once per page (:func:`analyse`, cached on the Page):

* the **body**: configured CSS selectors (``content-selectors``), else the
  template markers (``id="zoom…"``, ``TRS_Editor``, ``<ucapcontent>``,
  ``article-content`` …; weaker ones like ``class="content"`` only when they
  hold mostly the densest text block), else the block with the most non-link
  text outside the chrome;
* the **content roots**: the body widened to the article container (title, info
  bar, related documents) until the next step would take in chrome, plus
  disclosure tables found elsewhere;
* the **fields** (索引号, 发布机构, 来源 …) read only from the info bar and
  disclosure tables, never from body paragraphs ("资料来源：" is not 来源) nor
  the footer;
* the **publishers** (主办单位 in the footer, else ``SiteName``) and the
  source credits written inside the body ("（来源：新华社）").

Everything is one pass over the text nodes and one over the elements with an
id or class, plus bounded walks; nothing recurses, so pathological nesting
cannot overflow the stack.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from lxml import etree

if TYPE_CHECKING:
    from sitelint.page import Page

__all__ = [
    "CENTRAL_MEDIA",
    "LABELS",
    "PROVINCIAL_PARTY_MEDIA",
    "SOURCE_LABELS",
    "ContentAnalysis",
    "Field",
    "analyse",
    "css_xpath",
    "is_column_index",
    "is_government_body",
    "is_list_page",
    "is_local_media",
    "is_own_source",
    "locality",
    "normalize_label",
    "normalize_name",
    "publication_date",
    "repost_statement",
    "same_organisation",
    "shown_source",
]

# --- labels ------------------------------------------------------------------------------

#: Field labels read from info bars and disclosure tables (normalised: no spaces, simplified).
LABELS: tuple[str, ...] = (
    "索引号", "信息索引", "发布机构", "发文机关", "发文机构", "发文单位", "发布单位", "责任部门", "文号", "发文字号",
    "成文日期", "发文日期", "生成日期", "发布日期", "发布时间", "公开日期", "来源", "信息来源", "文章来源",
    "稿件来源", "新闻来源", "内容来源", "稿源", "作者", "责任编辑", "编辑", "公文时效", "有效性", "时效性",
    "主题分类", "信息分类", "生效日期", "生效时间", "废止日期", "废止时间", "信息名称", "标题", "主题词",
    "关键词", "体裁分类", "文章类型", "稿件类型", "公开方式", "公开范围", "公开时限", "内容概述", "信息类别",
    "组配分类", "分类",
)
#: The labels that name where a page's content comes from.
SOURCE_LABELS: tuple[str, ...] = ("来源", "信息来源", "文章来源", "稿件来源", "新闻来源", "内容来源", "稿源")

# Traditional forms seen on real pages ("來源", "發佈機構"): one character each, so offsets survive.
_TRAD_PAIRS = "來来發发佈布機机構构號号時时間间題题類类資资關关編编輯辑廢废書书開开範范圍围義义鍵键詞词規规"
_TRAD = str.maketrans(_TRAD_PAIRS[0::2], _TRAD_PAIRS[1::2])
_VARIANTS = {simp: f"[{simp}{trad}]" for trad, simp in zip(_TRAD_PAIRS[0::2], _TRAD_PAIRS[1::2], strict=True)}
_BLANKS = " \t\r\n\u00a0\u2002\u2003\u3000"
_SP = r"\s*"
# Longest first, so 发文字号 is not read as 文号 (the look-behind also prevents that).
_LABEL_ALT = "|".join(
    _SP.join(_VARIANTS.get(ch, re.escape(ch)) for ch in lab) for lab in sorted(LABELS, key=len, reverse=True)
)
_LABEL_RE = re.compile(rf"(?<![\u4e00-\u9fff\w])(?P<label>{_LABEL_ALT}){_SP}(?P<colon>[:：])?")
# Something else that looks like a label ("访问量：", "浏览次数:") ends a value too.
_LABEL_LIKE = re.compile(
    r"(?:^|(?<=\s))(?:[\u4e00-\u9fff]{2,8}|[\u4e00-\u9fff](?:[ \u3000\u2002][\u4e00-\u9fff]){1,5})\s*[:：]"
)
_VALUE_END = re.compile(
    r"\s{2,}|[\u3000|｜\n\r]|(?:^|(?<=\s))(?:浏览次数|浏览量|访问量|访问次数|阅读次数|阅读数|点击数|点击率|点击量|"
    r"字号|字体|【|\[|打印|关闭|分享|收藏|下载)"
)
_PUBLISHER_RE = re.compile(
    r"主\s*办(?:\s*单\s*位)?\s*[:：]\s*(?P<name>[^\s|｜,，;；:：<]{2,40})"
    r"|(?P<owner>[\u4e00-\u9fff（）()]{4,40}?)\s*(?:©|&copy;|\(c\)|\(C\))?\s*版权所有"
    r"|版权所有\s*[:：©]?\s*(?:©|&copy;)?\s*(?P<owner2>[\u4e00-\u9fff（）()]{4,40})"
)
_CRUMB_RE = re.compile(r"^\s*(?:您|你)?(?:当前|现在)?(?:的|所在|所处)?(?:位置|的位置)\s*[:：]")
_CREDIT_RE = re.compile(
    r"^[（(【\[]?\s*(?P<label>(?:文章|信息|稿件|新闻|内容)?来源|稿源|转自|转载自|摘自|原载)\s*[:：]?\s*"
    r"(?P<value>[^）)】\]]{2,40}?)\s*[）)】\]]?\s*[。.]?$"
)

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
_BLOCKS = frozenset(("table", "dl", "ul", "ol", "div", "section", "form", "p", "tbody"))
_MAX_WALK = 64
_MAX_EXPAND = 6


@dataclass(frozen=True, slots=True)
class Field:
    """A labelled field of the info bar or disclosure table."""

    #: the label as written ("发 布 机 构", "來源")
    label: str
    #: the value, trimmed; "" when the field is present but empty
    value: str
    #: the element holding the label (None for a front matter key)
    element: Any
    #: 1-based source line of ``element``
    line: int


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

    def contains(self, el: Any) -> bool:
        """Whether ``el`` is (inside) one of the content roots."""
        roots = self._root_set
        if el in roots:
            return True
        return any(anc in roots for anc in el.iterancestors())


# --- names -----------------------------------------------------------------------------------


def normalize_label(label: str) -> str:
    """The key of a label: no inner spaces or colon, simplified characters ("發 佈 機 構：" -> "发布机构")."""
    return re.sub(r"[\s\u00a0\u3000:：]+", "", label.translate(_TRAD))


def normalize_name(name: str) -> str:
    """An organisation or source name for comparison: no spaces, no quotes or brackets."""
    return re.sub(r"[\s\u00a0\u3000\"'“”‘’《》〈〉「」『』]+", "", name.translate(_TRAD))


_GOV_SUFFIX = re.compile(
    r"(?:人民政府|政府|委员会|办公室|办公厅|人大常委会|政协|法院|检察院|局|厅|部|委|署|院|中心|办|处|站|所|队|"
    r"管理局|监督局|政府网|政务网|政务网站|政府网站|门户网站|人民政府网|政务服务网)$"
)
_GOV_NOT = re.compile(r"(?:公司|集团|有限|股份|商店|门诊部|俱乐部|培训中心|公众号|报社|杂志社|电视台|出版社)")
_LOCALITY = re.compile(
    r"^(?:中国)?(?P<loc>[\u4e00-\u9fff]{2,12}?(?:特别行政区|自治区|自治州|自治县|省|市|区|县|州|盟|旗))"
)
_GOV_HOST = re.compile(r"(?:^|[^\w-])[\w.-]*\.gov\.cn\b", re.IGNORECASE)


def is_government_body(name: str) -> bool:
    """A 国家机关/事业单位 or government website by its name (…人民政府, …局, …办公厅, …政务网, *.gov.cn)."""
    n = normalize_name(name)
    if _GOV_HOST.search(n) or n in ("中国政府网", "中央人民政府"):
        return True
    return bool(_GOV_SUFFIX.search(n)) and not _GOV_NOT.search(n)


def locality(name: str) -> str | None:
    """The place an organisation name starts with: "万载县统计局" -> "万载县", "广州市人民政府" -> "广州市"."""
    m = _LOCALITY.match(normalize_name(name))
    return m.group("loc") if m else None


def same_organisation(a: str, b: str) -> bool:
    """Whether two names plausibly name the same organisation (one contains the other, spaces ignored)."""
    na, nb = normalize_name(a), normalize_name(b)
    if not na or not nb:
        return False
    return na == nb or (min(len(na), len(nb)) >= 2 and (na in nb or nb in na))


# --- column index pages ------------------------------------------------------------------------

_INDEX_NAME = re.compile(
    r"^(?:_?index|default|home|list|more|column|lanmu|itemlist|channel|node)(?:[-_]?\d+)?"
    r"\.(?:s?html?|xhtml|jsp|php|aspx?|md|markdown)$|^list[\w-]*\.s?html?$|^col\d*\.s?html?$",
    re.IGNORECASE,
)


def is_column_index(url_or_target: str) -> bool:
    """Whether a URL or site path names a column's index or list page rather than a document.

    "zcjd/", "/zcjd/index.html", "list_2.shtml", "col/col123/index.html", "ItemList.html?itemName=政策解读" and the
    site root are column pages; "zcjd/2024/t20240101_1.html" is a document.
    """
    raw = url_or_target.strip()
    if not raw:
        return True
    parts = urlsplit(raw)
    path = parts.path
    if path == "" and parts.netloc:
        return True
    if path == "" or path.endswith("/"):
        return path != "" or not parts.query
    name = path.rsplit("/", 1)[-1]
    return bool(_INDEX_NAME.match(name)) or ("." not in name and not parts.query)


# --- CSS selectors --------------------------------------------------------------------------------

_CSS_TOKEN = re.compile(
    r"\s*(?P<comb>[>+~])\s*|(?P<ws>\s+)|(?P<tag>\*|[A-Za-z][\w-]*)|#(?P<id>[\w-]+)|\.(?P<cls>[\w-]+)"
    r"|\[\s*(?P<attr>[\w-]+)\s*(?:(?P<op>[~|^$*]?=)\s*(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)'|(?P<bare>[\w-]+))\s*)?\]"
)


def _css_simple(selector: str) -> str:
    """XPath for a simple CSS selector: tags, #id, .class, [attr op value], descendant and child combinators."""
    out: list[str] = ["descendant-or-self::"]
    step: list[str] = []
    tag = "*"
    pos = 0
    sel = selector.strip()

    def flush() -> None:
        nonlocal tag, step
        out.append(tag + "".join(f"[{c}]" for c in step))
        tag, step = "*", []

    while pos < len(sel):
        m = _CSS_TOKEN.match(sel, pos)
        if m is None or m.end() == pos:
            raise ValueError(f"unsupported CSS selector: {selector!r}")
        pos = m.end()
        if m.group("comb") or m.group("ws"):
            comb = m.group("comb") or " "
            if comb not in (" ", ">"):
                raise ValueError(f"unsupported CSS combinator {comb!r} in {selector!r}")
            flush()
            out.append("/" if comb == ">" else "/descendant::")
        elif m.group("tag"):
            tag = m.group("tag").lower()
        elif m.group("id"):
            step.append(f"@id='{m.group('id')}'")
        elif m.group("cls"):
            step.append(f"contains(concat(' ', normalize-space(@class), ' '), ' {m.group('cls')} ')")
        else:
            attr, op = m.group("attr"), m.group("op")
            value = next((v for v in (m.group("dq"), m.group("sq"), m.group("bare")) if v is not None), "")
            if "'" in value:
                raise ValueError(f"unsupported quote in {selector!r}")
            step.append({
                None: f"@{attr}",
                "=": f"@{attr}='{value}'",
                "~=": f"contains(concat(' ', normalize-space(@{attr}), ' '), ' {value} ')",
                "^=": f"starts-with(@{attr}, '{value}')",
                "*=": f"contains(@{attr}, '{value}')",
                "$=": f"substring(@{attr}, string-length(@{attr}) - {len(value) - 1}) = '{value}'",
                "|=": f"(@{attr}='{value}' or starts-with(@{attr}, '{value}-'))",
            }[op])
    flush()
    return "".join(out)


@lru_cache(maxsize=256)
def css_xpath(selector: str) -> str:
    """An XPath expression for a CSS selector (lxml's cssselect when installed, else a simple subset)."""
    try:
        from cssselect import GenericTranslator  # type: ignore[import-not-found,unused-ignore]

        return str(GenericTranslator().css_to_xpath(selector))
    except ImportError:
        return " | ".join(_css_simple(part) for part in selector.split(","))


def _select(root: Any, selectors: Sequence[str]) -> list[Any]:
    found: list[Any] = []
    for sel in selectors:
        try:
            found.extend(root.xpath(css_xpath(sel)))
        except Exception:  # an unsupported or invalid selector selects nothing
            continue
    unique = {id(el): el for el in found if isinstance(getattr(el, "tag", None), str)}
    ordered = sorted(unique.values(), key=_doc_order(root))
    kept = set(ordered)
    return [el for el in ordered if not any(a in kept for a in el.iterancestors())]


def _doc_order(root: Any) -> Any:
    order: dict[Any, int] = {}

    def key(el: Any) -> int:
        if not order:
            order.update((e, i) for i, e in enumerate(root.iter()))
        return order.get(el, 0)

    return key


# --- the analysis --------------------------------------------------------------------------------

_SKIP_TAGS = frozenset(("script", "style", "textarea", "noscript", "template", "select", "option"))
_TEXTS = etree.XPath(
    ".//text()[not(parent::script or parent::style or parent::textarea or parent::option)]", smart_strings=False
)
_LINK_TEXTS = etree.XPath(".//a//text()", smart_strings=False)
_COUNT_LINKS = etree.XPath("count(.//a[@href])")


@lru_cache(maxsize=4096)
def _marker_kind(tag: str, classes: str, ident: str) -> str | None:
    """"chrome", "strong" (an article-body marker), "weak" (a content-ish marker) or None."""
    tokens = classes.split() + ident.split()
    if tag in _CHROME_TAGS or any(_chrome_token(t) for t in tokens):
        return "chrome"
    if tag == "ucapcontent" or any(_STRONG.match(t) for t in tokens):
        return "strong"
    if tag in ("article", "main") or any(p in _WEAK for t in tokens for p in re.split(r"[-_]+", t.lower())):
        return "weak"
    return None


def _chrome_token(token: str) -> bool:
    low = token.lower()
    if any(word in low for word in _CHROME_SUB):
        return True
    parts = [p for p in re.split(r"[-_]+", low.rstrip("0123456789")) if p]
    return bool(parts) and (parts[0] in _CHROME_FIRST or parts[-1] in _CHROME_LAST)




def _text(el: Any) -> str:
    """The text of ``el`` and its descendants (not its tail), scripts and styles left out."""
    return "".join(_TEXTS(el))


def _inside(el: Any, targets: frozenset[Any] | set[Any]) -> Any:
    """The first of ``targets`` that is ``el`` or an ancestor of it, else None."""
    if el in targets:
        return el
    for anc in el.iterancestors():
        if anc in targets:
            return anc
    return None


@dataclass(slots=True)
class _Hit:
    """A label found in one text node: ``owner.text`` (``after`` None) or ``after.tail`` inside ``owner``."""

    owner: Any
    after: Any
    text: str
    match: re.Match[str]


@dataclass(slots=True)
class _Walk:
    credit: dict[Any, int] = field(default_factory=dict)
    link_credit: dict[Any, int] = field(default_factory=dict)
    hits: list[_Hit] = field(default_factory=list)
    publisher_hits: list[tuple[Any, str]] = field(default_factory=list)
    chrome: set[Any] = field(default_factory=set)
    strong: list[Any] = field(default_factory=list)
    weak: set[Any] = field(default_factory=set)
    #: characters of text (each text node stripped) in each element's subtree, scripts left out
    sizes: dict[Any, int] = field(default_factory=dict)

    def size(self, el: Any) -> int:
        return self.sizes.get(el, 0)


def _scan(walk: _Walk, text: str, stripped: str, container: Any, owner: Any, after: Any) -> None:
    """Labels, breadcrumbs and 主办 in one non-blank text node."""
    if len(stripped) <= 12 or ":" in stripped or "：" in stripped:
        for m in _LABEL_RE.finditer(text):
            if m.group("colon") or stripped == m.group(0).strip():
                walk.hits.append(_Hit(owner, after, text, m))
        if "位置" in stripped and _CRUMB_RE.match(stripped):
            walk.chrome.add(container)
    if ("主" in stripped and "办" in stripped) or "版权所有" in stripped:
        for m in _PUBLISHER_RE.finditer(stripped):
            walk.publisher_hits.append((owner, m.group("name") or m.group("owner") or m.group("owner2")))


_TRIGGER = re.compile("[:：主版]")
# a label cell without a colon starts with the first character of a label
_LABEL_FIRST = frozenset(lab[0] for lab in LABELS) | frozenset(_TRAD_PAIRS[0::2])
_MARKED_TAGS = frozenset(("header", "nav", "footer", "aside", "article", "main", "ucapcontent"))


def _walk(body_el: Any) -> _Walk:
    """One iterative pass: text per container, label hits, 主办, breadcrumbs, chrome and content markers.

    Each element's (container, inside a link, text skipped) is kept in a dict, so an element's
    text is credited to its own container and its tail to its parent's.
    """
    walk = _Walk()
    credit, link_credit = walk.credit, walk.link_credit
    top = (body_el, False, False)
    info: dict[Any, tuple[Any, bool, bool]] = {}
    sizes = walk.sizes
    order: list[tuple[Any, Any]] = []
    for el in body_el.iter():
        tag = el.tag
        parent = el.getparent() if el is not body_el else None
        order.append((el, parent))
        parent_info = info.get(parent, top) if parent is not None else top
        container, in_link, skip = parent_info
        if tag.__class__ is not str:  # comments and processing instructions: only their tail is text
            own = (container, in_link, True)
        else:
            if tag in _SKIP_TAGS:
                own = (container, in_link, True)
            elif tag in _INLINE:
                own = (container, in_link or tag == "a", skip)
            else:
                own = (el, False, skip)
            classes, ident = el.get("class"), el.get("id")
            if classes or ident or tag in _MARKED_TAGS:
                kind = _marker_kind(tag, classes or "", ident or "")
                if kind == "chrome":
                    walk.chrome.add(el)
                elif kind == "strong":
                    walk.strong.append(el)
                elif kind == "weak":
                    walk.weak.add(el)
        info[el] = own
        text = el.text
        if text and not own[2]:
            stripped = text.strip()
            if stripped:
                target = link_credit if own[1] else credit
                target[own[0]] = target.get(own[0], 0) + len(stripped)
                sizes[el] = sizes.get(el, 0) + len(stripped)
                if (len(stripped) <= 12 and stripped[0] in _LABEL_FIRST) or _TRIGGER.search(stripped):
                    _scan(walk, text, stripped, own[0], el, None)
        text = el.tail
        if text and not skip and parent is not None:
            stripped = text.strip()
            if stripped:
                target = link_credit if in_link else credit
                target[container] = target.get(container, 0) + len(stripped)
                sizes[parent] = sizes.get(parent, 0) + len(stripped)
                if (len(stripped) <= 12 and stripped[0] in _LABEL_FIRST) or _TRIGGER.search(stripped):
                    _scan(walk, text, stripped, container, parent, el)
    for el, parent in reversed(order):  # subtree sizes, bottom-up
        n = sizes.get(el)
        if n and parent is not None:
            sizes[parent] = sizes.get(parent, 0) + n
    return walk


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
    for el, _n in sorted(walk.credit.items(), key=lambda kv: -kv[1])[:8]:
        if _inside(el, chrome) is None:
            dense = el
            break

    roots: list[Any] = []
    body: Any = None
    markdown = page.format == "markdown"
    selectors = tuple(page.config.content_selectors or ())
    if selectors:
        roots = _select(root, selectors)
        if roots:
            body = dense if dense is not None and _inside(dense, set(roots)) is not None else roots[0]
    if markdown:
        body = body_el
    if body is None:
        body = _choose_body(walk, dense, body_el)
    # Chrome that holds the body is not chrome (a page wrapped in <div class="bottom-wrap">).
    for anc in (body, *body.iterancestors()):
        chrome.discard(anc)
    if not roots:
        roots = [body_el] if markdown else _expand(body, chrome, body_el, walk)

    fields, extra = _fields(walk.hits, roots, body, chrome)
    root_set = set(roots)
    roots.extend(block for block in extra if _inside(block, root_set) is None)
    roots.sort(key=lambda e: e.sourceline or 0)
    analysis = ContentAnalysis(roots=roots, body=body, fields=fields, _root_set=frozenset(roots))
    analysis.publishers = _publishers(page, walk.publisher_hits, analysis)
    analysis.credits = _credits(body)
    analysis.body_link_text = sum(len(t.strip()) for t in _LINK_TEXTS(body))
    analysis.body_text = max(0, walk.size(body) - analysis.body_link_text)
    analysis.body_links = int(_COUNT_LINKS(body))
    return analysis


_DATE_LABELS = ("发布时间", "发布日期", "公开日期", "成文日期", "发文日期", "生成日期")
_DATE_RE = re.compile(r"(?:19|20)\d{2}\s*(?:[-/.年])\s*\d{1,2}\s*(?:[-/.月])\s*\d{1,2}")


def publication_date(page: Page) -> str | None:
    """The page's publication date as written: front matter ``date``, meta ``PubDate``, then the info bar."""
    if page.format == "markdown":
        for key in ("date", "pubdate", "publish_date", "发布日期", "发布时间"):
            value = page.front_matter.get(key)
            if value:
                return str(value)
    meta = page.meta.get("PubDate") or page.meta.get("pubdate") or ""
    if _DATE_RE.search(meta):
        return meta
    for label in _DATE_LABELS:
        found = page.content.fields.get(label)
        if found is not None and _DATE_RE.search(found.value):
            return found.value
    return None


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


def _wraps_head(el: Any, dense: Any, hit_owners: Sequence[Any]) -> bool:
    """Whether ``el`` also holds the article's head (an h1 or a labelled field outside ``dense``)."""
    inner = {dense}
    for h in el.iter("h1"):
        if _inside(h, inner) is None:
            return True
    outer = {el}
    return any(_inside(o, outer) is not None and _inside(o, inner) is None for o in hit_owners)


def _choose_body(walk: _Walk, dense: Any, body_el: Any) -> Any:
    """The article body: the closest template marker around the densest block, unless it is a page wrapper."""
    size, weak = walk.size, walk.weak
    hit_owners = [h.owner for h in walk.hits]
    strong = [s for s in walk.strong if _inside(s, walk.chrome) is None][:64]
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
        while sib is not None and (not isinstance(sib.tag, str) or sib.tag in _SKIP_TAGS):
            sib = sib.getprevious()
        if sib is None or sib in chrome_above or size(sib) > 600:
            break
        outer = {sib}
        if next(sib.iter("h1", "h2"), None) is not None or any(_inside(o, outer) is not None for o in owners):
            found.append(sib)
        sib = sib.getprevious()
    return found


def _value_after(text: str) -> str:
    """A value written after its label, up to the next label, separator or info-bar word."""
    text = text.lstrip(_BLANKS)
    cut = len(text)
    for rx in (_VALUE_END, _LABEL_RE, _LABEL_LIKE):
        m = rx.search(text)
        if m is not None and m.start() < cut:
            cut = m.start()
    return text[:cut].strip(_BLANKS + "|｜").strip()[:200]


def _following_text(owner: Any, after: Any) -> str:
    """The text in ``owner`` after its own text (``after`` None) or after the element ``after``."""
    siblings = owner.iterchildren() if after is None else after.itersiblings()
    parts: list[str] = []
    for sib in siblings:
        if isinstance(sib.tag, str) and sib.tag not in _SKIP_TAGS:
            parts.append(_text(sib))
        parts.append(sib.tail or "")
    return "".join(parts)


def _hit_value(hit: _Hit, chrome: set[Any]) -> str:
    """The value of a label: after the colon in the same element, else in the next cell or sibling."""
    rest = hit.text[hit.match.end():] + _following_text(hit.owner, hit.after)
    if rest.strip(_BLANKS):
        return _value_after(rest)
    # A label cell: climb while the element holds only the label, then read what follows it.
    label = normalize_label(hit.match.group(0))
    cell = hit.owner
    for _ in range(4):
        parent = cell.getparent()
        if parent is None or parent.tag in ("body", "html") or parent in chrome:
            break
        if normalize_label(_text(parent)) != label:
            break
        cell = parent
    if (cell.tail or "").strip(_BLANKS):
        return _value_after(cell.tail)
    nxt = cell.getnext()
    while nxt is not None and not isinstance(nxt.tag, str):
        nxt = nxt.getnext()
    if nxt is None:
        return ""
    text = _text(nxt).strip(_BLANKS)
    m = _LABEL_RE.match(text)
    if _LABEL_LIKE.match(text) or (m is not None and (m.group("colon") or m.end() == len(text))):
        return ""
    m = _LABEL_RE.search(text)
    if m is not None and m.group("colon"):
        text = text[: m.start()]
    return text.strip(_BLANKS)[:200]


def _fields(
    hits: list[_Hit], roots: list[Any], body: Any, chrome: set[Any]
) -> tuple[dict[str, Field], list[Any]]:
    """Fields from the label hits in the content head area and in disclosure tables.

    A hit counts when it is in a content root but not in the body; inside the body only in a
    disclosure table (a table or list with 3+ known labels); outside the roots (and the chrome) in a
    block with 2+ known labels, which then becomes a content root too.
    """
    root_set, body_set = set(roots), {body}
    placed: list[tuple[_Hit, str, Any, str]] = []
    per_group: dict[Any, set[str]] = {}
    for hit in hits:
        if _inside(hit.owner, chrome) is not None:
            continue
        key = normalize_label(hit.match.group("label"))
        if _inside(hit.owner, body_set) is not None:
            where = "body"
        elif _inside(hit.owner, root_set) is not None:
            where = "head"
        else:
            where = "outside"
        ancestors = (hit.owner, *hit.owner.iterancestors())
        group = next((a for a in ancestors if a.tag in ("table", "dl", "ul", "ol")), None)
        if group is None:
            group = next((a for a in ancestors if a.tag in _BLOCKS), hit.owner)
        per_group.setdefault(group, set()).add(key)
        placed.append((hit, key, group, where))
    fields: dict[str, Field] = {}
    extra: list[Any] = []
    for hit, key, group, where in placed:
        labels = len(per_group[group])
        if where == "body" and not (group.tag in ("table", "dl", "ul", "ol") and labels >= 3):
            continue
        if where == "outside":
            if labels < 2:
                continue
            if group not in extra:
                extra.append(group)
        if key not in fields:
            start, end = hit.match.span("label")
            el = hit.owner
            fields[key] = Field(hit.text[start:end], _hit_value(hit, chrome), el, el.sourceline or 1)
    return fields, extra


def _publishers(page: Page, hits: Iterable[tuple[Any, str]], analysis: ContentAnalysis) -> tuple[str, ...]:
    """主办单位 written outside the content (the footer), then ``SiteName`` and the organisation it names."""
    names: list[str] = []
    for owner, name in hits:
        if not analysis.contains(owner) and name not in names:
            names.append(name)
    site_name = page.meta.get("SiteName", "").strip()
    if site_name:
        org = re.sub(r"(?:门户)?(?:网站|网)$", "", site_name)
        if "人民政府" not in org:
            org = re.sub(r"政府$", "", org) or org
        for candidate in (site_name, org):
            if candidate and candidate not in names:
                names.append(candidate)
    return tuple(names)


def _credits(body: Any) -> list[Field]:
    """Short source credits at the start or end of the body ("（来源：新华社）", "转自人民网")."""
    blocks = list(dict.fromkeys(body.xpath("./p | ./div | .//p")))
    ends = blocks if len(blocks) <= 8 else [*blocks[:3], *blocks[-5:]]
    found: list[Field] = []
    for el in ends:
        text = re.sub(r"\s+", " ", _text(el)).strip()
        if not text or len(text) > 60:
            continue
        m = _CREDIT_RE.match(text)
        if m:
            found.append(Field(m.group("label"), m.group("value").strip(), el, el.sourceline or 1))
    return found


# --- sources (来源) ------------------------------------------------------------------------------------

#: Central media and sites (the default authoritative sources of reposts), matched as substrings.
CENTRAL_MEDIA: tuple[str, ...] = (
    "新华社", "新华网", "人民日报", "人民网", "求是", "央视", "中央电视台", "中央广播电视总台", "央广", "国际在线",
    "光明日报", "光明网", "经济日报", "中国日报", "中国新闻网", "中新社", "中国网", "中国政府网", "学习强国",
    "people.com.cn", "xinhuanet.com", "news.cn", "cctv.com", "gmw.cn", "qstheory.cn", "gov.cn",
)
#: Provincial party papers (REGULATIONS §3: "plus provincial party media").
PROVINCIAL_PARTY_MEDIA: tuple[str, ...] = (
    "北京日报", "天津日报", "河北日报", "山西日报", "内蒙古日报", "辽宁日报", "吉林日报", "黑龙江日报", "解放日报",
    "新华日报", "浙江日报", "安徽日报", "福建日报", "江西日报", "大众日报", "河南日报", "湖北日报", "湖南日报",
    "南方日报", "广西日报", "海南日报", "重庆日报", "四川日报", "贵州日报", "云南日报", "西藏日报", "陕西日报",
    "甘肃日报", "青海日报", "宁夏日报", "新疆日报", "兵团日报",
)
_OWN_WORDS = frozenset(("本站", "本网", "本网站", "本站原创", "原创", "平台发布"))
# "市政府办公室", "区统计局", "我局", "本单位": the site's own government, named without its place
_OWN_RELATIVE = re.compile(
    r"^(?:本|我)(?:局|委|办|厅|部|院|中心|单位|站|网|省|市|区|县|镇|乡)|^(?:省|市|区|县|州|旗|盟|镇|乡|街道)"
)
_PLACE_SUFFIX = re.compile(r"(?:特别行政区|自治区|自治州|自治县|省|市|区|县|州|盟|旗)$")
_LOCAL_MEDIA = re.compile(r"(?:日报|晚报|报社|广播电视台|电视台|融媒体中心|新闻网|新闻中心)|发布$")
_REPOST_RE = re.compile(
    r"原标题\s*[:：《“]|(?:转载|转发)(?:自|于)\s*\S|(?:^|[（(【\s])转自\s*\S|(?:本文|文章|此文|该文|稿件|内容|信息)来源于"
)
_REPOST_NOT = re.compile(r"不得|禁止|严禁|谢绝|请勿|未经|如需|请注明")
_REPOST_XPATH = etree.XPath(
    ".//text()[contains(., '原标题') or contains(., '转载') or contains(., '转自') or contains(., '来源于')]"
)


def is_own_source(name: str, publishers: Sequence[str]) -> bool:
    """Whether a source names the site itself: 本站/本网, one of ``publishers``, or a government body of the
    same place ("万载县统计局" on 万载县人民政府's site)."""
    n = normalize_name(name)
    if n in _OWN_WORDS or any(same_organisation(n, p) for p in publishers):
        return True
    if _OWN_RELATIVE.match(n) and (is_government_body(n) or n.startswith(("本", "我"))):
        return True
    place = locality(n)
    return bool(place) and is_government_body(n) and any(locality(p) == place for p in publishers)


def is_local_media(name: str, publishers: Sequence[str]) -> bool:
    """The party paper, 融媒体中心 or official account ("广州发布") of the site's own place: 广州日报 on
    广州市人民政府's site."""
    n = normalize_name(name)
    if not _LOCAL_MEDIA.search(n):
        return False
    stems = {_PLACE_SUFFIX.sub("", place) for p in publishers if (place := locality(p))}
    return any(len(stem) >= 2 and n.startswith(stem) for stem in stems)


def shown_source(page: Page) -> Field | None:
    """The source a reader sees: front matter ``source``, the 来源 field of the info bar, or a credit line in
    the body ("（来源：新华社）"). An empty 来源 field is returned when nothing better is shown."""
    for key in ("source", "来源"):
        if key in page.front_matter:
            line = next((i for i, text in enumerate(page.lines, 1) if text.startswith(f"{key}:")), 1)
            return Field(key, str(page.front_matter[key] or "").strip(), None, line)
    found = next((page.content.fields[k] for k in SOURCE_LABELS if k in page.content.fields), None)
    if found is not None and found.value:
        return found
    return next(iter(page.content.credits), found)


def repost_statement(page: Page) -> tuple[Any, str] | None:
    """Where the page says it is a repost, as (anchor, what it says): front matter ``repost: true``,
    "文章类型：转载", or "原标题：" / "转载自…" / "转自…" in the content (not "未经授权不得转载")."""
    if page.front_matter.get("repost") is True:
        line = next((i for i, text in enumerate(page.lines, 1) if text.startswith("repost:")), 1)
        return line, "front matter 标明 repost: true"
    kind = page.content.fields.get("文章类型") or page.content.fields.get("稿件类型")
    if kind is not None and kind.value in ("转载", "编译", "摘编"):
        return kind.element, f"{kind.label}为“{kind.value}”"
    for root in page.content.roots:
        for text in _REPOST_XPATH(root):
            m = _REPOST_RE.search(str(text))
            if m and not _REPOST_NOT.search(str(text)[: m.end() + 6]):
                el = text.getparent()
                return (el.getparent() if text.is_tail else el), f"页面写明“{m.group(0).strip('（(【 ')}”"
    return None
