"""Labelled fields (索引号, 发布机构, 来源 …) of the info bar and disclosure table, and body source credits.

Labels are found while :mod:`sitelint.regions` walks the page (:func:`scan_labels`, one call per text
node that may hold a label); once the content roots are known, :func:`extract` keeps the hits in the
content head area and in disclosure tables, never body paragraphs ("资料来源：" is not 来源) nor the
footer, and reads each value after its label or in the next cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from lxml import etree

from sitelint.accel import speedups
from sitelint.tree import NO_TEXT, SKIP_TAGS, text

if TYPE_CHECKING:
    from sitelint.page import Page

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
TRAD = str.maketrans(_TRAD_PAIRS[0::2], _TRAD_PAIRS[1::2])
_VARIANTS = {simp: f"[{simp}{trad}]" for trad, simp in zip(_TRAD_PAIRS[0::2], _TRAD_PAIRS[1::2], strict=True)}
BLANKS = " \t\r\n\u00a0\u2002\u2003\u3000"
_SP = r"\s*"
#: a label cell without a colon starts with the first character of a label
LABEL_FIRST = frozenset(lab[0] for lab in LABELS) | frozenset(_TRAD_PAIRS[0::2])
# Longest first, so 发文字号 is not read as 文号 (the look-behind also prevents that).
_LABEL_ALT = "|".join(
    _SP.join(_VARIANTS.get(ch, re.escape(ch)) for ch in lab) for lab in sorted(LABELS, key=len, reverse=True)
)
# The look-ahead (a label's first character) only lets the regex engine skip other positions quickly.
LABEL_RE = re.compile(
    rf"(?=[{''.join(sorted(LABEL_FIRST))}])(?<![\u4e00-\u9fff\w])(?P<label>{_LABEL_ALT}){_SP}(?P<colon>[:：])?"
)
# Something else that looks like a label ("访问量：", "浏览次数:") ends a value too.
_LABEL_LIKE = re.compile(
    r"(?:^|(?<=\s))(?:[\u4e00-\u9fff]{2,8}|[\u4e00-\u9fff](?:[ \u3000\u2002][\u4e00-\u9fff]){1,5})\s*[:：]"
)
_VALUE_END = re.compile(
    r"\s{2,}|[\u3000|｜\n\r]|(?:^|(?<=\s))(?:浏览次数|浏览量|访问量|访问次数|阅读次数|阅读数|点击数|点击率|点击量|"
    r"字号|字体|【|\[|打印|关闭|分享|收藏|下载)"
)
_CREDIT_RE = re.compile(
    r"^[（(【\[]?\s*(?P<label>(?:文章|信息|稿件|新闻|内容)?来源|稿源|转自|转载自|摘自|原载)\s*[:：]?\s*"
    r"(?P<value>[^）)】\]]{2,40}?)\s*[）)】\]]?\s*[。.]?$"
)
_LABEL_SPACES = re.compile(r"[\s\u00a0\u3000:：]+")
_GROUP_TAGS = ("table", "dl", "ul", "ol")
_BLOCKS = frozenset(("table", "dl", "ul", "ol", "div", "section", "form", "p", "tbody"))
_CREDIT_BLOCKS = etree.XPath("./p | ./div | .//p")


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


class Hit:
    """A label found in one text node: ``owner.text`` (``after`` None) or ``after.tail`` inside ``owner``."""

    __slots__ = ("after", "match", "owner", "text")

    def __init__(self, owner: Any, after: Any, text: str, match: re.Match[str]) -> None:
        self.owner = owner
        self.after = after
        self.text = text
        self.match = match


def normalize_label(label: str) -> str:
    """The key of a label: no inner spaces or colon, simplified characters ("發 佈 機 構：" -> "发布机构")."""
    return _LABEL_SPACES.sub("", label.translate(TRAD))


@lru_cache(maxsize=1024)
def _label_key(label: str) -> str:
    """:func:`normalize_label` of a label as matched (a few dozen spellings recur on every page)."""
    return normalize_label(label)


def scan_labels(hits: list[Hit], text: str, stripped: str, owner: Any, after: Any) -> None:
    """Append the labels of one text node: followed by a colon, or alone in it (a label cell)."""
    for m in LABEL_RE.finditer(text):
        if m.group("colon") or stripped == m.group(0).strip():
            hits.append(Hit(owner, after, text, m))


# --- values ----------------------------------------------------------------------------------------


def _value_after(text: str) -> str:
    """A value written after its label, up to the next label, separator or info-bar word."""
    text = text.lstrip(BLANKS)
    cut = len(text)
    colon = ":" in text or "：" in text  # _LABEL_LIKE needs one
    for rx in (_VALUE_END, LABEL_RE, _LABEL_LIKE) if colon else (_VALUE_END, LABEL_RE):
        m = rx.search(text)
        if m is not None and m.start() < cut:
            cut = m.start()
    return text[:cut].strip(BLANKS + "|｜").strip()[:200]


def _following_text(owner: Any, after: Any) -> str:
    """The text in ``owner`` after its own text (``after`` None) or after the element ``after``."""
    siblings = owner.iterchildren() if after is None else after.itersiblings()
    parts: list[str] = []
    for sib in siblings:
        if isinstance(sib.tag, str) and sib.tag not in SKIP_TAGS:
            parts.append(text(sib))
        parts.append(sib.tail or "")
    return "".join(parts)


def _holds_only(parent: Any, cell: Any, label: str) -> bool:
    """Whether ``normalize_label(text(parent)) == label``, ``cell`` (a child of ``parent``) holding the label."""
    nxt = cell.getnext()
    if nxt is not None and nxt.tag.__class__ is str and nxt.tag not in NO_TEXT:
        value = nxt.text
        if value and not _LABEL_SPACES.fullmatch(value):
            return False  # the next cell's own text: the row holds more than the label (a table row, mostly)
    # Spaces and colons first, so a long text is not simplified character by character (the removed
    # characters are never traditional ones, and simplifying keeps the length).
    bare = _LABEL_SPACES.sub("", text(parent))
    return len(bare) == len(label) and bare.translate(TRAD) == label


def _hit_value(hit: Hit, chrome: set[Any]) -> str:
    """The value of a label: after the colon in the same element, else in the next cell or sibling."""
    rest = hit.text[hit.match.end():] + _following_text(hit.owner, hit.after)
    if rest.strip(BLANKS):
        return _value_after(rest)
    # A label cell: climb while the element holds only the label, then read what follows it.
    label = _label_key(hit.match.group(0))
    cell = hit.owner
    for _ in range(4):
        parent = cell.getparent()
        if parent is None or parent.tag in ("body", "html") or parent in chrome:
            break
        if not _holds_only(parent, cell, label):
            break
        cell = parent
    if (cell.tail or "").strip(BLANKS):
        return _value_after(cell.tail)
    nxt = cell.getnext()
    while nxt is not None and not isinstance(nxt.tag, str):
        nxt = nxt.getnext()
    if nxt is None:
        return ""
    value = text(nxt).strip(BLANKS)
    colon = ":" in value or "：" in value  # a label-like word needs one, and so does a label that ends the value
    m = LABEL_RE.match(value)
    if (colon and _LABEL_LIKE.match(value)) or (m is not None and (m.group("colon") or m.end() == len(value))):
        return ""
    m = LABEL_RE.search(value) if colon else None
    if m is not None and m.group("colon"):
        value = value[: m.start()]
    return value.strip(BLANKS)[:200]


def extract(hits: list[Hit], roots: list[Any], body: Any, chrome: set[Any]) -> tuple[dict[str, Field], list[Any]]:
    """Fields from the label hits in the content head area and in disclosure tables.

    A hit counts when it is in a content root but not in the body; inside the body only in a
    disclosure table (a table or list with 3+ known labels); outside the roots (and the chrome) in a
    block with 2+ known labels, which then becomes a content root too. Returns the fields and those blocks.
    """
    root_set = set(roots)
    placed: list[tuple[Hit, str, Any, str]] = []
    per_group: dict[Any, set[str]] = {}
    for hit in hits:
        # One climb from the label's element: chrome (the hit is dropped), the body, a root, and the nearest
        # table or list, else the nearest block.
        in_body = in_roots = False
        group = block = None
        node = hit.owner
        while node is not None:
            if node in chrome:
                break
            if node is body:
                in_body = True
            elif node in root_set:
                in_roots = True
            if group is None:
                tag = node.tag
                if tag in _GROUP_TAGS:
                    group = node
                elif block is None and tag in _BLOCKS:
                    block = node
            node = node.getparent()
        if node is not None:
            continue
        where = "body" if in_body else "head" if in_roots else "outside"
        if group is None:
            group = block if block is not None else hit.owner
        key = _label_key(hit.match.group("label"))
        per_group.setdefault(group, set()).add(key)
        placed.append((hit, key, group, where))
    fields: dict[str, Field] = {}
    extra: list[Any] = []
    for hit, key, group, where in placed:
        labels = len(per_group[group])
        if where == "body" and not (group.tag in _GROUP_TAGS and labels >= 3):
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


def credits(body: Any) -> list[Field]:
    """Short source credits at the start or end of the body ("（来源：新华社）", "转自人民网")."""
    # a node-set: each block once, in document order (one C walk where the accelerator is built)
    blocks = speedups.credit_blocks(body) if speedups is not None else _CREDIT_BLOCKS(body)
    ends = blocks if len(blocks) <= 8 else [*blocks[:3], *blocks[-5:]]
    found: list[Field] = []
    for el in ends:
        value = " ".join(text(el).split())  # re.sub(r"\s+", " ", ...).strip(), faster
        if not value or len(value) > 60:
            continue
        m = _CREDIT_RE.match(value)
        if m:
            found.append(Field(m.group("label"), m.group("value").strip(), el, el.sourceline or 1))
    return found


# --- the publication date -------------------------------------------------------------------------

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
