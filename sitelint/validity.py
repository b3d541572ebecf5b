"""Policy validity (有效性): the status a policy page states, and the documents a page repeals.

Shared by SL203 missing-policy-validity and SL204 repealed-policy-still-valid. Which pages are
policy documents is SL202's test (:func:`sitelint.policy.page_kind`), so both checks agree on it.

* The status is read only from the page's metadata block — the info bar and disclosure table
  fields ``有效性`` / ``公文时效`` / ``时效性`` (``sitelint.content`` fields, spaced labels such as
  ``有 效 性`` included) or Markdown front matter ``validity:`` — never from body text, where
  有效期 and 有效 mean something else.
* 废止日期/废止时间 likewise; ``0000-00-00`` and ``———`` mean no date.
* Repeal statements are read from the page's own content: ``《X》（文号）同时废止``,
  ``《A》、《B》等2件文件自2024年1月1日起废止``, ``废止《X》（文号）``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sitelint.archive import front_matter_line
from sitelint.dates import is_no_date, parse_date
from sitelint.gongwen import blocks, content_blocks, first_doc_number

STATUS_LABELS = ("有效性", "公文时效", "时效性")
STATUS_KEYS = ("validity", "有效性", "公文时效", "时效性")
REPEAL_LABELS = ("废止日期", "废止时间")
VALID, INVALID, MODIFIED = "有效", "失效", "已修改"
_STATUS = re.compile(r"^(?:(?P<valid>现行有效|有效)|(?P<invalid>(?:已|全部)?(?:失效|废止)|已被废止)"
                     r"|(?P<modified>(?:已|部分)?(?:修改|修订|部分失效|部分有效)))(?![\u4e00-\u9fff])")
_SPACES = re.compile(r"[\s\u00a0\u3000]+")
_NAME = r"《(?P<name>[^《》]{2,80})》\s*(?:[（(](?P<num>[^（）()]{1,40})[)）])?"
_ITEM = re.compile(_NAME)
_SEP = r"\s*[、，,和及与]\s*"
_ONE = r"《[^《》]{2,80}》\s*(?:[（(][^（）()]{1,40}[)）])?"
_LIST = rf"{_ONE}(?:{_SEP}{_ONE})*"
_COUNT = r"(?:等[\d一二三四五六七八九十百]+(?:件|个|份|项)[^。；;，,《]{0,12})?"
_REPEALS = re.compile(
    rf"(?P<after>{_LIST})\s*{_COUNT}\s*(?:同时|一并|相应|即行|予以|自[^。；;《]{{0,30}}?起)?\s*(?:废止|失效|停止执行)"
    rf"|废止\s*(?:了|下列|以下)?[^。；;《]{{0,12}}?(?P<before>{_LIST})"
)
_NOT_TARGET = ("解读", "废止", "图解", "问答")
_REPEAL_WORDS = ("废止", "失效", "停止执行")


def status_of(value: str) -> str | None:
    """有效 / 失效 / 已修改 for a stated validity, None when the value states none ("政策是否有效未知")."""
    value = value.strip()
    m = _STATUS.match(value)
    if m is None and len(value) <= 8:  # "有 效"
        m = _STATUS.match(_SPACES.sub("", value))
    if m is None:
        return None
    return VALID if m.group("valid") else INVALID if m.group("invalid") else MODIFIED


@dataclass(frozen=True)
class Stated:
    """A field of the metadata block: its label, value and line."""

    label: str
    value: str
    line: int


def stated_status(page: Any) -> Stated | None:
    """The validity field of the page's metadata block (or front matter), None when it has none."""
    for key in STATUS_LABELS:
        fld = page.fields.get(key)
        if fld is not None:
            return Stated(fld.label, fld.value, fld.line)
    for key in STATUS_KEYS:
        value = page.front_matter.get(key)
        if value is not None:
            return Stated(key, str(value).strip(), front_matter_line(page.lines, key) or 1)
    return None


def repeal_date(page: Any) -> tuple[dt.date, str] | None:
    """The page's own 废止日期 (None when it has none, or it says 0000-00-00 / ———)."""
    for key in REPEAL_LABELS:
        fld = page.fields.get(key)
        if fld is not None and not is_no_date(fld.value) and (found := parse_date(fld.value)) is not None:
            return found, fld.value
    value = page.front_matter.get("repealed") or page.front_matter.get("废止日期")
    if isinstance(value, dt.date):
        return value, str(value)
    return None


def doc_number(text: str) -> str | None:
    """A 文号 in its standard form (``通政办字〔2018〕208号``), whatever brackets it was written with."""
    found = first_doc_number(text)
    return found.corrected if found is not None else None


def name_key(name: str) -> str:
    """A document name for comparison: no spaces, quotes or 《》."""
    return re.sub(r"[\s\u00a0\u3000《》〈〉\"'“”‘’]+", "", name)


@dataclass(frozen=True)
class Repeal:
    """One document a page says is repealed."""

    name: str
    number: str | None
    line: int


def repeals(page: Any) -> Iterator[Repeal]:
    """The documents the page's own content says are repealed."""
    # A block's text is made of the content's text nodes (less zero-width characters and line breaks): each
    # character of a 废止 in a block is in content_text, which is cheap to search, unlike the whole source.
    content = page.content_text
    if not any(all(ch in content for ch in word) for word in _REPEAL_WORDS):
        return
    if "废止" not in page.text and "失效" not in page.text and "停止执行" not in page.text:
        return
    # the shared blocks when they are these (only Markdown keeps soft line breaks in them)
    for block in blocks(page.content_roots) if page.is_markdown else page.shared(content_blocks):
        text = block.text
        if "废止" not in text and "失效" not in text and "停止执行" not in text:
            continue
        for m in _REPEALS.finditer(text):
            listed = m.group("after") or m.group("before")
            for item in _ITEM.finditer(listed):
                num = item.group("num")
                yield Repeal(item.group("name").strip(), doc_number(num) if num else None, page.line_of(block.element))


def target_names(title: str) -> tuple[str, ...]:
    """Keys a page can be named by: its title and the 《names》 in it (none for 解读 or repealing pages)."""
    if any(w in title for w in _NOT_TARGET):
        return ()
    found = {name_key(m.group("name")) for m in _ITEM.finditer(title)}
    found.add(name_key(title))
    return tuple(sorted(k for k in found if k))
