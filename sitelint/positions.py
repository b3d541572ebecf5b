"""Where an element starts in the source: line and column.

lxml reports a line (capped at 65535 by libxml2) and no column. The start
tags are found in the source text with one scan that skips comments and
raw-text elements; the k-th ``<a`` element of the tree is the k-th ``<a``
start tag of the source, cross-checked against lxml's line. libxml2 gives an
element the line of its start tag's closing ``>``: a start tag written over
several lines is reported where it begins. Elements the parser invented
(implied ``<tbody>``, ``<html>``) fall back to the line alone.

Lines end at LF, CRLF or a lone CR (old Mac files), as editors count them;
libxml2 counts only LF, so the parser is handed :func:`lone_cr_as_lf` bytes.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

#: libxml2 reports no line above this one
LXML_LINE_CAP = 65535
#: how much of a long source line a report shows
SNIPPET_WIDTH = 160
#: The scan, as one regex (the definition; :func:`_scan` gives the same answer several times faster).
_SCAN = re.compile(
    r"<!--.*?(?:-->|\Z)|<(script|style|textarea|title|xmp)\b[^>]*>.*?(?:</\1\s*>|\Z)|<([A-Za-z][^\s/>]*)",
    re.DOTALL | re.IGNORECASE,
)
# _SCAN without the bodies of comments and raw-text elements: those are skipped with str.find, not a lazy
# ".*?" that tries the end at every character of a long inline script.
_START = re.compile(r"<(?:(!--)|(script|style|textarea|title|xmp)\b[^>]*>|([A-Za-z][^\s/>]*))", re.IGNORECASE)
_CLOSE = re.compile(r"</(script|style|textarea|title|xmp)\s*>", re.IGNORECASE)
# A whole start tag as the HTML tokenizer reads it: attribute names, then values that are double-quoted,
# single-quoted (a '>' inside does not end the tag) or unquoted; a quote elsewhere is part of a name or an
# unquoted value. Possessive throughout: linear even on a tag that is never closed.
_TAG = re.compile(
    r"""<[^\t\n\f\r />]*+"""
    r"""(?:[\t\n\f\r /]++|[^\t\n\f\r />][^\t\n\f\r />=]*+"""
    r"""(?:[\t\n\f\r ]*+=[\t\n\f\r ]*+(?:"[^"]*+"|'[^']*+'|[^\t\n\f\r >]*+))?+)*+>"""
)
_LINE_BREAK = re.compile(r"\r\n?|\n")
_LONE_CR = re.compile(r"\r(?!\n)")
_LONE_CR_BYTES = re.compile(rb"\r(?!\n)")


def lone_cr_as_lf(data: bytes) -> bytes:
    """``data`` with each CR that no LF follows turned into LF: same length and offsets, and libxml2 (which
    counts only LF) then numbers the lines of an old Mac file as editors and :class:`Positions` do."""
    return _LONE_CR_BYTES.sub(b"\n", data)


def _fold(name: str) -> str:
    """How the regex engine compares a back-reference ignoring case (simple lower case: İ is i)."""
    return name.replace("İ", "i").lower()


def _raw_end(text: str, start: int, name: str) -> int:
    """Where ``.*?(?:</name\\s*>|\\Z)`` from ``start`` ends: after the closing tag, else at the end of the text."""
    want = _fold(name)
    j = start
    while True:
        j = text.find("</", j)
        if j < 0:
            return len(text)
        m = _CLOSE.match(text, j)
        if m is not None and _fold(m.group(1)) == want:
            return m.end()
        j += 1


def _scan(text: str) -> dict[str, list[int]]:
    """Start offsets of the start tags by lower-cased name, as ``_SCAN.finditer`` finds them."""
    tags: dict[str, list[int]] = defaultdict(list)
    end = len(text)
    pos = 0
    while pos < end:
        for m in _START.finditer(text, pos):
            name = m.group(3)
            if name is not None:
                tags[name.lower()].append(m.start())
                continue
            if m.group(1) is not None:  # a comment
                close = text.find("-->", m.end())
                pos = end if close < 0 else close + 3
            else:  # a raw-text element: its body is not markup
                raw = m.group(2)
                tags[raw.lower()].append(m.start())
                pos = _raw_end(text, m.end(), raw)
            break
        else:
            break
    return tags


def line_starts(text: str) -> list[int]:
    """Offsets where the lines of ``text`` start; a line ends at LF, CRLF or a lone CR."""
    if "\r" in text and _LONE_CR.search(text):
        return [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
    starts = [0]
    find = text.find
    i = find("\n")
    while i != -1:
        starts.append(i + 1)
        i = find("\n", i + 1)
    return starts


class Positions:
    def __init__(self, text: str, root: Any = None) -> None:
        self._text = text
        self._root = root
        self._line_starts: list[int] | None = None
        self._tags: dict[str, list[int]] | None = None
        self._ordinals: dict[str, dict[Any, int]] = {}
        self._quick: dict[str, list[int] | None] = {}

    @property
    def line_starts(self) -> list[int]:
        if self._line_starts is None:
            self._line_starts = line_starts(self._text)
        return self._line_starts

    def line_col(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def _tag_offsets(self) -> dict[str, list[int]]:
        if self._tags is None:
            self._tags = _scan(self._text)
        return self._tags

    def _ordinal(self, el: Any, tag: str) -> int | None:
        table = self._ordinals.get(tag)
        if table is None:
            table = {e: k for k, e in enumerate(self._root.iter(tag))}
            self._ordinals[tag] = table
        return table.get(el)

    def _quick_offsets(self, tag: str) -> list[int] | None:
        """Offsets of ``<tag`` found by one C-level search, when they pair one to one with the tree's
        elements of that tag (no such text in comments or scripts, no parser-invented element);
        None sends the lookup to the full scan."""
        if tag not in self._quick:
            found = [m.start() for m in _start_tag(tag).finditer(self._text)]
            elements = self._ordinals.get(tag)
            self._quick[tag] = found if elements is not None and len(found) == len(elements) else None
        return self._quick[tag]

    def of(self, el: Any) -> tuple[int, int | None]:
        """1-based (line, column) of the element's start tag; column None if unknown."""
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if not tag:
            return lxml_line(el), None
        ordinal = self._ordinal(el, el.tag)
        line = lxml_line(el)
        if self._tags is None and ordinal is not None and el.tag == tag and line < LXML_LINE_CAP:
            quick = self._quick_offsets(tag)
            if quick is not None:
                found_line, col = self.line_col(quick[ordinal])
                if found_line == line or (found_line < line and self._ends_on(quick[ordinal], line)):
                    return found_line, col
        return self.locate(tag, ordinal, line)

    def _ends_on(self, offset: int, line: int) -> bool:
        """Whether the start tag at ``offset`` runs onto ``line`` (lxml's line for it: where its '>' is)."""
        m = _TAG.match(self._text, offset)
        if m is None:
            return False
        end_line = self.line_col(m.end() - 1)[0]
        return end_line == line or (line >= LXML_LINE_CAP and end_line >= line)

    def locate(self, tag: str, ordinal: int | None, line: int) -> tuple[int, int | None]:
        """Where the ``ordinal``-th ``tag`` start tag is, cross-checked with lxml's ``line``."""
        offsets = self._tag_offsets().get(tag) if tag else None
        if not offsets:
            return line, None
        if ordinal is not None and ordinal < len(offsets):
            found_line, col = self.line_col(offsets[ordinal])
            if found_line == line or (line >= LXML_LINE_CAP and found_line >= line):
                return found_line, col
            if found_line < line and self._ends_on(offsets[ordinal], line):
                return found_line, col
        # Ordinals disagree (parser-invented or cloned elements): the first such tag on lxml's line.
        start = self.line_starts[line - 1] if line - 1 < len(self.line_starts) else 0
        i = bisect.bisect_left(offsets, start)
        if i < len(offsets) and self.line_col(offsets[i])[0] == line:
            return line, self.line_col(offsets[i])[1]
        return line, None


@lru_cache(maxsize=256)
def _start_tag(tag: str) -> re.Pattern[str]:
    """``<tag`` as a start tag (any case), for :meth:`Positions._quick_offsets`: compiled once per tag."""
    return re.compile(rf"<{re.escape(tag)}(?=[\s/>]|\Z)", re.IGNORECASE)


def lxml_line(el: Any) -> int:
    node = el
    while node is not None:
        line = node.sourceline
        if line:
            return int(line)
        node = node.getparent()
    return 1


def snippet(lines: Sequence[str], line: int, column: int | None) -> str:
    """The source line shown with a finding: the whole line, or a window of it around ``column``."""
    if not 0 < line <= len(lines):
        return ""
    text = lines[line - 1]
    if len(text) <= SNIPPET_WIDTH:
        return text
    start = max(0, (column or 1) - 1 - SNIPPET_WIDTH // 4)
    return text[start:start + SNIPPET_WIDTH]
