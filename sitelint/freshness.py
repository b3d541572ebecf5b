"""Columns and publication dates: what SL302 stale-column, SL303 blank-column and SL304 future-pub-date read.

A page belongs to a column (栏目) by the ``columns`` option (keys are ColumnName values, directory
globs such as ``"xwdt/**"`` or top-level directories such as ``"xwdt"``; values a class or a number of
days), else by its ``<meta name="ColumnName">`` (Markdown: ``column:`` in the front matter). The class gives the
update window (§12: 动态/要闻 two weeks, 通知公告/政策文件 six months, other columns a year);
机构职能 and 财政预决算 update "根据信息产生实际情况" and are exempt. A column's index or list page
is not one of its articles (config ``[kinds] column``, else an index/list file name, else a page with
the column tags but none of the article tags); the site's home page and service pages (ColumnType
办事服务/互动交流 pages that are not articles, login forms) belong to no column.

A page's publication date is its ``PubDate`` meta, else the front matter ``pubdate``/``date``,
else the info bar's 发布时间/发布日期 (content fields).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sitelint.archive import front_matter_line, truthy
from sitelint.config import ConfigError
from sitelint.content import is_column_index
from sitelint.dates import find_dates, parse_date
from sitelint.page import Page, glob_match
from sitelint.positions import lxml_line
from sitelint.standards import meta_elements
from sitelint.tree import text_content

#: default update windows in days, by column class (None: exempt)
WINDOWS: dict[str, int | None] = {"dynamic": 14, "notice": 180, "policy": 180, "other": 365, "exempt": None}
CLASS_NAMES = {"dynamic": "动态类", "notice": "通知公告类", "policy": "政策文件类", "other": "其他", "exempt": "免检"}
EXEMPT = ("机构职能", "财政预决算", "部门预决算", "预决算")
_CLASSES = (
    ("notice", re.compile(r"通知公告|公示公告|公告|通知|公示")),
    ("policy", re.compile(r"政策|规范性文件|文件|法规")),
    ("dynamic", re.compile(r"动态|要闻|新闻|快讯|简讯|资讯|热点|图片|媒体|视频")),
)
_RECORD = re.compile(r"<record\b", re.IGNORECASE)
_EMPTY = re.compile(
    r"暂无(?:相关)?(?:信息|数据|内容|记录|文章)|没有(?:相关|找到)(?:信息|数据|内容|记录)|无相关(?:信息|数据|内容)"
)
# Every alternative starts with a literal, so the regex engine skips ahead to one of $ . f X a: "\bfetch" is
# written f(?<!\wf)etch (the same test: no word character before the f), ~5x faster over long scripts.
_LOADER = re.compile(r"\$\.(?:ajax|get|post|getJSON)\s*\(|\.load\s*\(|f(?<!\wf)etch\s*\(|XMLHttpRequest|axios|\$http")
_SERVICE = re.compile(r"办事|服务|互动|查询|登录|留言|信箱")
_ARTICLE_META = ("ArticleTitle", "PubDate", "ContentSource")
_FM_DATE_KEYS = ("PubDate", "pubdate", "date")
_FIELD_DATE_KEYS = ("发布时间", "发布日期")


#: :func:`sitelint.dates.parse_date`, remembered: a page's PubDate and 发布时间 are read by SL302/SL303/SL304
#: and again by SL502 (a pure function of a short string; bounded).
parse_date_cached = lru_cache(maxsize=1024)(parse_date)


@dataclass(frozen=True)
class PubDate:
    date: dt.date
    raw: str
    #: the ``<meta>`` element, or the line (front matter, info bar)
    anchor: Any

    def line(self, page: Page) -> int:
        return self.anchor if isinstance(self.anchor, int) else line_of(page, self.anchor)


def line_of(page: Page, el: Any) -> int:
    """An element's line, cheaply: lxml's for HTML (no source scan), the source line for Markdown."""
    return page.position(el)[0] if page.is_markdown else lxml_line(el)


def pub_dates(page: Page) -> Iterator[PubDate]:
    """Every publication date the page states (PubDate meta, front matter, info bar), with its line."""
    return iter(page.shared(_pub_dates))


def _pub_dates(page: Page) -> tuple[PubDate, ...]:
    """:func:`pub_dates`, computed once per page (SL302, SL303 and SL304 all read them)."""
    found_all: list[PubDate] = []
    for el in page.shared(meta_elements):
        if el.get("name") == "PubDate" and (found := parse_date_cached(el.get("content"))) is not None:
            found_all.append(PubDate(found, el.get("content").strip(), el))
            break
    for key in _FM_DATE_KEYS:
        value = page.front_matter.get(key)
        if isinstance(value, dt.datetime):
            value = value.date()
        found = value if isinstance(value, dt.date) else parse_date(str(value)) if value else None
        if found is not None:
            found_all.append(PubDate(found, str(value), front_matter_line(page.lines, key) or 1))
            break
    for key in _FIELD_DATE_KEYS:
        fld = page.fields.get(key)
        if fld is not None and (found := parse_date_cached(fld.value)) is not None:
            found_all.append(PubDate(found, fld.value, fld.line))
            break
    return tuple(found_all)


def pub_date(page: Page) -> PubDate | None:
    """The page's publication date and the line that states it (None: the page shows none)."""
    return next(pub_dates(page), None)


def column_name(page: Page) -> tuple[str, int] | None:
    """The ColumnName the page declares, and its line."""
    for m in page.shared(meta_elements):
        if m.get("name") == "ColumnName" and (m.get("content") or "").strip():
            return m.get("content").strip(), line_of(page, m)
    value = page.front_matter.get("column") or page.front_matter.get("ColumnName")
    if isinstance(value, str) and value.strip():
        return value.strip(), front_matter_line(page.lines, "column") or 1
    return None


def _configured(pattern: str, path: str, declared: str | None) -> bool:
    """A ``columns`` key: the ColumnName, a glob ("xwdt/**", "**/tzgg/*"), or a top-level directory ("xwdt")."""
    if pattern == declared:
        return True
    if any(c in pattern for c in "/*?["):
        return glob_match(path, pattern)
    return path.startswith(pattern + "/")


def is_list_page(page: Page) -> bool:
    """A list page by what it declares: the column tags without the article tags (§7), or ``kind: column``."""
    if page.is_markdown:
        return str(page.front_matter.get("kind", "")).lower() in ("column", "list")
    meta = page.meta
    return "ColumnName" in meta and not any(meta.get(k) for k in _ARTICLE_META)


def is_service_page(page: Page) -> bool:
    """A login form, or a 办事服务/互动交流 page that is not an article: column tags, but no column's document."""
    if page.is_markdown:
        return False
    meta = page.meta
    service = _SERVICE.search(meta.get("ColumnType", "")) and not any(meta.get(k) for k in _ARTICLE_META)
    # <input type=password>: a walk over the inputs only, not an XPath over the whole tree
    return bool(service) or any(el.get("type") == "password" for el in page.iter("input"))


def classify(name: str, exempt: Iterable[str] = EXEMPT) -> str:
    """The class of a column by its name: exempt, notice, policy, dynamic or other."""
    if any(word and word in name for word in exempt):
        return "exempt"
    return next((cls for cls, pattern in _CLASSES if pattern.search(name)), "other")


def validate_columns(columns: Mapping[str, str | int], key: str) -> None:
    """The ``columns`` option of the column checks: each value a class name or a positive number of days."""
    for name, value in columns.items():
        if (isinstance(value, str) and value not in WINDOWS) or (isinstance(value, int) and value <= 0):
            raise ConfigError(f"选项 `{key}.{name}` 应为类别（{'、'.join(WINDOWS)}）或正整数天数，实际为 `{value}`")


def validate_windows(windows: Mapping[str, int], key: str) -> None:
    """The ``windows`` option of stale-column: a positive number of days for a class that has a window."""
    classes = [c for c, days in WINDOWS.items() if days is not None]
    for name, days in windows.items():
        if name not in classes:
            raise ConfigError(f"选项 `{key}` 中没有类别 `{name}`（可用：{'、'.join(classes)}）")
        if days <= 0:
            raise ConfigError(f"选项 `{key}.{name}` 应为正整数天数，实际为 `{days}`")


def window(cls: str | int, windows: Mapping[str, Any]) -> int | None:
    """The update window in days of a class (or a number of days given directly); None: exempt."""
    if isinstance(cls, int) and not isinstance(cls, bool):
        return cls if cls > 0 else None
    days = windows.get(str(cls), WINDOWS.get(str(cls), WINDOWS["other"]))
    return int(days) if isinstance(days, int) and days > 0 else None


@dataclass(frozen=True)
class ColumnFact:
    """What a page tells the column checks."""

    column: str
    #: the column as shown in messages: its ColumnName, with the configured glob when that grouped it
    label: str
    #: class name or a window in days
    cls: str | int
    #: the column's index or list page (not one of its articles)
    index: bool
    date: dt.date | None
    line: int
    #: index pages: links to documents in the page's content, and the newest date it lists
    doc_links: int = 0
    listed: dt.date | None = None
    #: index pages: its own text (a 单页栏目 holds its content itself), "暂无信息" shown,
    #: a script that may load the list
    text_chars: int = 0
    empty_note: bool = False
    scripted: bool = False


def column_fact(page: Page, columns: Mapping[str, Any], exempt: Iterable[str]) -> ColumnFact | None:
    """The page's column, or None when it belongs to none (the home page, pages without ColumnName): one object
    for the same options, so that SL302 and SL303 keep the same fact (sent to the site pass once)."""
    known = page.shared(_column_facts)
    try:
        key = (tuple(columns.items()), tuple(exempt))
        return known[key]
    except KeyError:
        found = known[key] = _column_fact(page, columns, exempt)
        return found
    except TypeError:  # an option value that cannot be a key (a list): worked out for this caller alone
        return _column_fact(page, columns, exempt)


def _column_facts(page: Page) -> dict[tuple[tuple[tuple[str, Any], ...], tuple[str, ...]], ColumnFact | None]:
    return {}


def _column_fact(page: Page, columns: Mapping[str, Any], exempt: Iterable[str]) -> ColumnFact | None:
    view = page.shared(_column_page)
    if view is None:
        return None
    index, declared = view
    key: str | None = None
    cls: str | int | None = None
    for pattern, value in columns.items():
        if _configured(pattern, page.path, declared[0] if declared is not None else None):
            key, cls = pattern, value
            break
    if key is None:
        if declared is None:
            return None
        key = declared[0]
    line = declared[1] if declared is not None else 1
    label = key if declared is None or declared[0] == key else f"{declared[0]}（{key}）"
    if cls is None or (isinstance(cls, str) and cls not in WINDOWS):
        cls = classify(declared[0] if declared is not None else key, exempt)
    if index:
        doc_links, listed, text_chars, empty_note, scripted = page.shared(_index_facts)
        return ColumnFact(key, label, cls, True, None, line, doc_links, listed, text_chars, empty_note, scripted)
    found = page.shared(_article_date)
    return ColumnFact(key, label, cls, False, found[0] if found else None, found[1] if found else line)


# What column_fact reads of a page whatever the options: computed once per page, since SL302 and SL303
# (with their own ``columns`` and ``exempt``) both ask.

def _column_page(page: Page) -> tuple[bool, tuple[str, int] | None] | None:
    """(index page, declared ColumnName) — None for pages that belong to no column whatever the options."""
    by_path = is_column_index(page.path)
    if (by_path and "/" not in page.path) or is_service_page(page):
        return None  # the home page; a login or query page
    if page.configured_kind("archive") or truthy(page.front_matter.get("archived")):
        return None  # archived pages are kept as they were, not expected to be updated (REGULATIONS §5)
    configured = page.configured_kind("column")
    index = configured if configured is not None else by_path or is_list_page(page)
    return index, column_name(page)


def _index_facts(page: Page) -> tuple[int, dt.date | None, int, bool, bool]:
    """An index page's (doc_links, listed, text_chars, empty_note, scripted) of :class:`ColumnFact`."""
    links = [lk for lk in page.links if lk.tag == "a" and lk.navigable and not lk.raw.startswith("#")
             and page.in_content(lk.element) and not is_column_index(lk.url if lk.target is None else lk.target)]
    texts = [page.text_of(root) for root in page.content_roots]
    listed = max((d.date for text in texts for d in find_dates(text)
                  if page.config.today is None or d.date <= page.config.today), default=None)
    records = len(_RECORD.findall(page.text))  # Hanweb lists: <script type="text/xml"><record>…
    text = " ".join(texts)
    # With no content, the whole page; its raw text (a note "暂无信息" has no spaces: collapsing them changes nothing).
    empty_note = bool(_EMPTY.search(text or text_content(page.root)))
    scripted = any(not el.get("src") and _LOADER.search(el.text or "") for el in page.iter("script"))
    return len(links) + records, listed, page.content.body_text, empty_note, scripted


def _article_date(page: Page) -> tuple[dt.date, int] | None:
    """An article's publication date and its line."""
    found = pub_date(page)
    return (found.date, found.line(page)) if found is not None else None


def anchor(members: list[tuple[str, ColumnFact]]) -> tuple[str, int]:
    """Where a column finding goes: the column's index page, else its newest page."""
    for path, fact in sorted(members):
        if fact.index:
            return path, fact.line
    dated = [(f.date, p, f.line) for p, f in members if f.date is not None]
    if dated:
        _date, path, line = max(dated)
        return path, line
    path, fact = min(members)
    return path, fact.line


def group(facts: Mapping[str, ColumnFact | None]) -> dict[str, list[tuple[str, ColumnFact]]]:
    """Column name → its pages (path, fact), both sorted."""
    columns: dict[str, list[tuple[str, ColumnFact]]] = {}
    for path, fact in sorted(facts.items()):
        if fact is not None:
            columns.setdefault(fact.column, []).append((path, fact))
    return dict(sorted(columns.items()))
