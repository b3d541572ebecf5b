"""Inline suppression: comment directives, ``data-sitelint-ignore``, per-file ignores.

Directives (HTML and Markdown alike; names are check names or codes,
separated by spaces or commas; no name means every check)::

    <!-- sitelint-disable hidden-external-link -->   … <!-- sitelint-enable hidden-external-link -->
    <!-- sitelint-disable-next-line SL102 -->
    <!-- sitelint-disable-file ad-link -->

``data-sitelint-ignore="NAME …"`` on an element covers it and its descendants
(minifiers strip comments; attributes survive). Only the engine applies these.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

from sitelint.positions import line_starts

ALL = "*"
#: the scope of an element that nothing is ignored on (one shared object: findings cross processes by the thousand)
NO_SCOPE: frozenset[str] = frozenset()
_DIRECTIVE = re.compile(
    # the word ends at a space or the comment's end: "sitelint-disable-line" is no "disable" (of the whole rest)
    r"<!--\s*sitelint-(disable-next-line|disable-file|disable|enable)(?=\s|-->)([^>]*?)-->",
    re.IGNORECASE,
)
_SPLIT = re.compile(r"[\s,]+")
ATTRIBUTE = "data-sitelint-ignore"


def _names(raw: str) -> frozenset[str]:
    names = frozenset(n for n in _SPLIT.split(raw.strip()) if n)
    return names or frozenset({ALL})


@dataclass(frozen=True)
class Suppressions:
    """Where a page turns checks off, by line."""

    file: frozenset[str] = frozenset()
    # (first line, last line, names): last line None means to the end of the file
    ranges: tuple[tuple[int, int | None, frozenset[str]], ...] = ()
    next_line: tuple[tuple[int, frozenset[str]], ...] = ()
    # (line, directive, names) for every directive, to report unused ones
    directives: tuple[tuple[int, str, frozenset[str]], ...] = field(default=())

    def covers(self, line: int, keys: tuple[str, ...]) -> bool:
        if not (self.file or self.next_line or self.ranges):  # most pages have no directive
            return False

        def hit(names: frozenset[str]) -> bool:
            return ALL in names or any(k in names for k in keys)

        if self.file and hit(self.file):
            return True
        for target, names in self.next_line:
            if target == line and hit(names):
                return True
        for first, last, names in self.ranges:
            if first <= line and (last is None or line <= last) and hit(names):
                return True
        return False


def parse_directives(text: str) -> Suppressions:
    """Scan the source for directives; cheap when there are none."""
    if "sitelint-" not in text:
        return Suppressions()
    file: set[str] = set()
    ranges: list[tuple[int, int | None, frozenset[str]]] = []
    nexts: list[tuple[int, frozenset[str]]] = []
    directives: list[tuple[int, str, frozenset[str]]] = []
    open_: dict[str, int] = {}
    starts = line_starts(text)  # LF, CRLF or a lone CR (old Mac files), as positions count them
    for m in _DIRECTIVE.finditer(text):
        line = bisect.bisect_right(starts, m.start())
        end_line = bisect.bisect_right(starts, m.end())
        kind, names = m.group(1).lower(), _names(m.group(2))
        directives.append((line, kind, names))
        if kind == "disable-file":
            file.update(names)
        elif kind == "disable-next-line":
            nexts.append((end_line + 1, names))
        elif kind == "disable":
            for name in names:
                open_.setdefault(name, line)
        else:
            closing = list(open_) if ALL in names else [n for n in names if n in open_]
            for name in closing:
                ranges.append((open_.pop(name), line, frozenset({name})))
    ranges.extend((start, None, frozenset({name})) for name, start in open_.items())
    return Suppressions(frozenset(file), tuple(ranges), tuple(nexts), tuple(directives))


def element_scope(el: Any) -> frozenset[str]:
    """Names that ``data-sitelint-ignore`` on the element or an ancestor turns off."""
    names: set[str] = set()
    node = el
    while node is not None:
        value = node.get(ATTRIBUTE) if isinstance(node.tag, str) else None
        if value is not None:
            names |= _names(value)
        node = node.getparent()
    return frozenset(names) if names else NO_SCOPE
