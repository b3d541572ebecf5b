"""Personal numbers on a page: 身份证号码, 手机号码, 银行卡号 — validation, masking, scanning.

* ID numbers (GB 11643-1999): 17 digits and a check character; weights
  ``7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2``, sum mod 11 mapped to ``1 0 X 9 8 7 6 5 4 3 2``;
  positions 7–14 are the birth date ``YYYYMMDD``.
* Mainland mobiles: ``1[3-9]`` and nine more digits, optionally ``+86``, optionally
  written ``138-1234-5678`` or ``138 1234 5678``; masked forms (``138****1234``) never match.
* Bank cards: 16–19 digits (or groups of four) passing the Luhn check.

:func:`scan` gives a page's text as one stream (text nodes outside ``<script>``/``<style>``,
document order) plus the attributes people write numbers into (``title``, ``alt``,
``value``, ``data-*``), so a check runs one regex over the page and can look at the words
just before a number (``卡号：``) or at its table column's header.
"""

from __future__ import annotations

import bisect
import datetime
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import lxml.etree as etree

from sitelint.tree import text_content

if TYPE_CHECKING:
    from sitelint.page import Page

__all__ = [
    "CARD_RE",
    "ID_RE",
    "MOBILE_RE",
    "Hit",
    "column_header",
    "id_birth_date",
    "id_check_char",
    "is_id_number",
    "luhn_valid",
    "mask",
    "mobile_number",
    "number_runs",
    "page_number_runs",
    "scan",
    "table_row",
]

ID_RE = re.compile(r"(?<![0-9A-Za-z])[0-9]{17}[0-9Xx](?![0-9A-Za-z])")
# The brief's mobile pattern, with Latin letters also ending a number: "b15052884926" in a hex id is not a phone.
MOBILE_RE = re.compile(r"(?<![0-9A-Za-z+])(?:\+?86[- ]?)?1[3-9][0-9][- ]?[0-9]{4}[- ]?[0-9]{4}(?![0-9A-Za-z])")
CARD_RE = re.compile(r"(?<![0-9A-Za-z])(?:[0-9]{16,19}|[0-9]{4}(?:[ -][0-9]{4}){3}(?:[ -]?[0-9]{1,3})?)(?![0-9A-Za-z])")

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_TEXT = etree.XPath("//text()[not(parent::script or parent::style)]")
_ATTRS = etree.XPath(
    "//@*[name()='title' or name()='alt' or name()='value' or starts-with(name(), 'data-')]"
    "[string-length(.) >= 11]"
)
# Elements whose start or end breaks a line of text: the stream puts "\n" there.
_BLOCK = frozenset("p div td th tr li dd dt br h1 h2 h3 h4 h5 h6 table ul ol dl section article blockquote pre".split())
# number_runs: digits -> "0", the separators people write inside numbers -> "-", every other byte -> "x" (so
# that the ends of a run are found with find/rfind), in the page's bytes.
_RUN_TABLE = bytes(b"0"[0] if chr(b).isdigit() else b"-"[0] if chr(b) in " -" else b"x"[0] for b in range(128)) + (
    b"x" * 128)
_RUN_NEEDLES = (b"0" * 11, b"0000-0000")
# Numbers typed in full-width (０-９, Ｘ, －: an input method left in full-width mode) are read as ASCII: the
# characters map one to one, so offsets do not move. _FULL_WIDTH_TABLE marks a full-width digit's UTF-8 bytes
# (EF BC 90-99) so that three in a row are found with one translate and one find.
_FULL_WIDTH = str.maketrans({**{0xFF10 + i: str(i) for i in range(10)}, 0xFF38: "X", 0xFF58: "x", 0xFF0D: "-"})
_FULL_WIDTH_TABLE = bytes(
    b"E"[0] if b == 0xEF else b"F"[0] if b == 0xBC else b"f"[0] if 0x90 <= b <= 0x99 else b"x"[0] for b in range(256)
)
_FULL_WIDTH_RUN = b"EFf" * 3


def id_check_char(first17: str) -> str:
    """The GB 11643 check character of the first 17 digits."""
    return _CHECK[sum(int(c) * w for c, w in zip(first17, _WEIGHTS, strict=True)) % 11]


def id_birth_date(number: str) -> datetime.date | None:
    """The birth date at positions 7–14 of an 18-character ID number, if it is a real date."""
    try:
        return datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None


def is_id_number(number: str, *, min_year: int = 1900, today: datetime.date | None = None) -> bool:
    """An 18-character ID number with a valid check character and a birth date from ``min_year`` to ``today``."""
    if len(number) != 18 or not number[:17].isdigit():
        return False
    if id_check_char(number[:17]) != number[17].upper():
        return False
    born = id_birth_date(number)
    return born is not None and born.year >= min_year and (today is None or born <= today)


def luhn_valid(digits: str) -> bool:
    """The Luhn (mod 10) check used by bank card numbers."""
    if not digits.isdigit():
        return False
    total = 0
    for i, c in enumerate(reversed(digits)):
        n = int(c)
        if i % 2:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


def mobile_number(raw: str) -> str:
    """The 11-digit national number of a matched mobile (``+86 138-1234-5678`` → ``13812345678``)."""
    return re.sub(r"\D", "", raw)[-11:]


def mask(value: str, keep_start: int = 4, keep_end: int = 4) -> str:
    """Digits (and X) between the first ``keep_start`` and the last ``keep_end`` replaced by ``*``.

    ``mask("11010519491231002X")`` → ``1101**********002X``; ``mask("13812345678", 3)`` → ``138****5678``.
    """
    compact = re.sub(r"[\s-]", "", value)
    if len(compact) <= keep_start + keep_end:
        return "*" * len(compact)
    return compact[:keep_start] + "*" * (len(compact) - keep_start - keep_end) + compact[-keep_end:]


@dataclass(frozen=True, slots=True)
class Hit:
    """A regex match in a page's text: the number, the element it belongs to, the words before it."""

    value: str
    element: Any
    #: up to ``context`` characters written just before the number (same text stream)
    before: str
    #: "text" or the attribute's name
    where: str
    #: a few characters written just after the number
    after: str = ""


class _Stream:
    """A page's text nodes joined in document order, with the element owning each offset.

    Nodes are joined as a reader sees them: directly inside a line, by a newline where a block element
    (a cell, a paragraph, ``<br>``) starts or ends, so "the same line" can be told from "the row above".
    """

    def __init__(self, root: Any) -> None:
        parts: list[str] = []
        self.starts: list[int] = []
        self.owners: list[Any] = []
        pos = 0
        for node in _TEXT(root):
            text = str(node)
            if not text.strip():
                continue
            owner = node.getparent()
            if owner is None:
                continue
            sep = "\n" if owner.tag in _BLOCK else ""
            pos += len(sep)
            self.starts.append(pos)
            self.owners.append(owner)
            parts.append(sep)
            parts.append(text)
            pos += len(text)
        self.text = "".join(parts)

    def owner(self, offset: int) -> Any:
        return self.owners[bisect.bisect_right(self.starts, offset) - 1]


def _runs(text: str, raw: bytes | None = None) -> tuple[str, ...]:
    """:func:`number_runs` of ``text``; ``raw`` is its UTF-8 when the caller has it."""
    if raw is None:
        raw = text.encode("utf-8", "surrogatepass")
    if _FULL_WIDTH_RUN in raw.translate(_FULL_WIDTH_TABLE):  # full-width digits: read as ASCII ones
        raw = text.translate(_FULL_WIDTH).encode("utf-8", "surrogatepass")
    mapped = raw.translate(_RUN_TABLE)
    spans: dict[int, int] = {}
    for needle in _RUN_NEEDLES:
        pos = mapped.find(needle)
        while pos != -1:
            start = mapped.rfind(b"x", 0, pos) + 1
            end = mapped.find(b"x", pos + len(needle))
            if end < 0:
                end = len(mapped)
            spans[start] = max(end, spans.get(start, 0))
            pos = mapped.find(needle, end)
    return tuple(raw[a:b + 1].decode("utf-8", "replace") for a, b in sorted(spans.items()))


@lru_cache(maxsize=4)
def number_runs(page_text: str) -> tuple[str, ...]:
    """The stretches of the page's source that could hold an 11–19 digit number (shared by the privacy checks).

    Found with ``bytes.translate`` and ``find`` (C speed, no regex over the whole page): runs of digits,
    spaces and hyphens around eleven digits in a row or a ``dddd-dddd`` group, plus one character after
    (an ID number's X). Most pages have few; a page with none needs no further look.
    """
    return _runs(page_text)


def page_number_runs(page: Page) -> tuple[str, ...]:
    """:func:`number_runs` of a page's source, for ``page.shared``: computed once per page and never keyed
    by the page's text (an ``lru_cache`` key would hash all of it, a sixth of the cost of the runs)."""
    return _runs(page.text, page.utf8)


def scan(root: Any, pattern: re.Pattern[str], page_text: str, context: int = 20,
         accept: Callable[[str], bool] | None = None, runs: tuple[str, ...] | None = None) -> Iterator[Hit]:
    """Matches of ``pattern`` in the page's text and number-bearing attributes.

    The page's source is looked at first (:func:`number_runs`): when none of the matches there is
    ``accept``-ed (a valid ID number, a Luhn-valid card …) the tree is never walked. Almost every page
    stops there. Full-width digits (``１３８１２３４５６７８``) are read as ASCII ones, and a hit's value is
    given in ASCII. Numbers split by markup (``138<b>1234</b>5678``) are not found. Checks pass the page's
    runs computed once (``runs=page.shared(page_number_runs)``).
    """
    if runs is None:
        runs = number_runs(page_text)
    if not any((accept is None or accept(m.group(0))) for run in runs for m in pattern.finditer(run)):
        return
    stream = _Stream(root)
    text = stream.text.translate(_FULL_WIDTH)
    for m in pattern.finditer(text):
        yield Hit(m.group(0), stream.owner(m.start()), text[max(0, m.start() - context):m.start()], "text",
                  text[m.end():m.end() + 8])
    for attr in _ATTRS(root):
        value = attr.translate(_FULL_WIDTH)
        for m in pattern.finditer(value):
            yield Hit(m.group(0), attr.getparent(), f"{attr.attrname} {value[max(0, m.start() - context):m.start()]}",
                      attr.attrname, value[m.end():m.end() + 8])


def column_header(el: Any) -> str:
    """The text of the header cell above the table cell holding ``el`` ("" outside a table)."""
    cell = next((a for a in (el, *el.iterancestors()) if a.tag in ("td", "th")), None)
    row = cell.getparent() if cell is not None else None
    if row is None or row.tag != "tr":
        return ""
    index = 0
    for c in row.iterchildren("td", "th"):
        if c is cell:
            break
        index += _span(c)
    table = next((a for a in row.iterancestors() if a.tag == "table"), None)
    first = next(table.iter("tr"), None) if table is not None else None
    if first is None or first is row:
        return ""
    col = 0
    for c in first.iterchildren("td", "th"):
        if col >= index:
            return " ".join(text_content(c).split())
        col += _span(c)
    return ""


def table_row(el: Any) -> tuple[str, str]:
    """The text of the table row holding ``el`` and of its table's first row (("", "") outside a table)."""
    row = next((a for a in el.iterancestors() if a.tag == "tr"), None) if el.tag != "tr" else el
    table = next((a for a in row.iterancestors() if a.tag == "table"), None) if row is not None else None
    if row is None or table is None:
        return "", ""
    first = next(table.iter("tr"), row)
    return _row_text(row), _row_text(first) if first is not row else ""


def _row_text(row: Any) -> str:
    return " ".join(" ".join(text_content(c).split()) for c in row.iterchildren("td", "th"))


def _span(cell: Any) -> int:
    span = cell.get("colspan", "1").strip()
    return int(span) if span.isdigit() and 0 < int(span) < 100 else 1
