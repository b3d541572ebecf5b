"""Dates as government pages write them, parsed once for every check that compares dates.

Real forms: ``2023-10-12 14:40`` (PubDate meta, info bars), ``2025-05-28 17:02:50``,
``2024年7月1日`` (GB/T 9704 成文日期), ``2023年08月03日`` (padded), ``2024/7/1``,
``2024.7.1``, a full-width ratio sign in times (``10∶08``, shanghai.gov.cn), full-width
digits, and 公文 dates in Chinese numerals (``二〇二四年七月一日``). ``0000-00-00``,
``———``, ``无`` and an empty cell mean *no date* (``生效时间:2021-06-29 废止时间:0000-00-00``).

Translating full-width characters keeps every offset, so match positions refer to the
text the caller passed in.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = ["FoundDate", "find_dates", "is_no_date", "parse_date", "parse_datetime"]

# One character for one character: offsets survive.
_FULLWIDTH = str.maketrans("０１２３４５６７８９：∶／．－　", "0123456789::/.- ")
_CN_DIGITS = str.maketrans("〇○零一二三四五六七八九", "000123456789")
_CN = "〇○零一二三四五六七八九十"

_DATE = re.compile(
    r"(?<![\d.])(?P<y>(?:1[89]|20)\d{2})\s*(?:"
    r"(?P<sep>[-/.])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<d>\d{1,2})(?![\d.]*\d)"
    r"|年\s*(?P<m2>\d{1,2})\s*月\s*(?P<d2>\d{1,2})\s*日?(?!\d))"
    r"(?:(?:\s*|T)(?P<H>[01]?\d|2[0-3])\s*[:时]\s*(?P<M>[0-5]\d)(?:\s*[:分]\s*(?P<S>[0-5]\d))?(?!\d))?"
)
_CN_DATE = re.compile(rf"(?P<y>[{_CN}]{{4}})年(?P<m>[{_CN}]{{1,2}})月(?P<d>[{_CN}]{{1,3}})日")
# What a date field holds when there is no date.
_FILLER = r"[\s\-－—–_/\\.·]*"
_ZERO_DATE = r"0{4}\D0{1,2}\D0{1,2}日?(?:\s+0{1,2}:0{2}(?::0{2})?)?"
_NO_DATE = re.compile(rf"^{_FILLER}(?:{_ZERO_DATE}|无|暂无|空)?{_FILLER}$")


@dataclass(frozen=True)
class FoundDate:
    """A date found in a text, with where it was written."""

    date: datetime.date
    #: hour and minute when a time follows the date, else None
    time: datetime.time | None
    start: int
    end: int
    #: the text as written ("2023年08月03日")
    raw: str

    @property
    def datetime(self) -> datetime.datetime:
        return datetime.datetime.combine(self.date, self.time or datetime.time())


def _cn_number(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十 → 20, 三十一 → 31 (months and days only)."""
    if "十" not in text:
        digits = text.translate(_CN_DIGITS)
        return int(digits) if digits.isdigit() else None
    tens, _, ones = text.partition("十")
    t = int(tens.translate(_CN_DIGITS)) if tens else 1
    o = int(ones.translate(_CN_DIGITS)) if ones else 0
    return t * 10 + o


def _make(y: int, m: int, d: int) -> datetime.date | None:
    try:
        return datetime.date(y, m, d)
    except ValueError:
        return None


def find_dates(text: str) -> Iterator[FoundDate]:
    """Every valid date in ``text``, in order (impossible dates like 2023-02-30 are skipped)."""
    norm = text.translate(_FULLWIDTH)
    for m in _DATE.finditer(norm):
        month = m.group("m") or m.group("m2")
        day = m.group("d") or m.group("d2")
        date = _make(int(m.group("y")), int(month), int(day))
        if date is None:
            continue
        time = None
        if m.group("H") is not None:
            time = datetime.time(int(m.group("H")), int(m.group("M")), int(m.group("S") or 0))
        yield FoundDate(date, time, m.start(), m.end(), text[m.start():m.end()])
    if "年" in norm and any(c in norm for c in "〇○零"):
        for m in _CN_DATE.finditer(norm):
            y, mo, d = m.group("y").translate(_CN_DIGITS), _cn_number(m.group("m")), _cn_number(m.group("d"))
            if y.isdigit() and mo is not None and d is not None and (date := _make(int(y), mo, d)):
                yield FoundDate(date, None, m.start(), m.end(), text[m.start():m.end()])


def parse_date(text: str | None) -> datetime.date | None:
    """The first valid date in ``text`` (None when there is none, or the text means "no date")."""
    if not text:
        return None
    for found in find_dates(text):
        return found.date
    return None


def parse_datetime(text: str | None) -> datetime.datetime | None:
    """The first valid date in ``text`` with its time (midnight when no time is written)."""
    if not text:
        return None
    for found in find_dates(text):
        return found.datetime
    return None


def is_no_date(text: str | None) -> bool:
    """Whether a date field's value means "no date": empty, ``0000-00-00``, ``———``, ``无``."""
    return text is None or bool(_NO_DATE.match(text.translate(_FULLWIDTH)))
