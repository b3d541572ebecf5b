"""Archived pages (SL301 unlabeled-archive): is the page archived, and where does it say so.

The page's text is read as runs in document order, each owned by the element that shows it,
so a label split over several elements (``<span>归档时间：</span><span>2022-12-31</span>``) is
still found, and each piece can be asked whether a reader sees it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import lxml.etree as etree

_SKIP = frozenset({"script", "style", "noscript", "template", "textarea", "title", "head"})
_FALSY = frozenset({"", "0", "false", "no", "n", "off", "否", "未归档", "none"})
DATE = (r"(?P<y>(?:19|20)\d{2})\s*(?:年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日?"
        r"|[-/.．](?P<m2>\d{1,2})[-/.．](?P<d2>\d{1,2}))")
_ISO = re.compile(r"((?:19|20)\d{2})[-/.年](\d{1,2})[-/.月](\d{1,2})")


def spaced(word: str) -> str:
    """A regex for ``word`` that allows spaces between its characters (归 档 时 间)."""
    return r"\s*".join(map(re.escape, word))


def truthy(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return value is not None and str(value).strip().lower() not in _FALSY


@dataclass(frozen=True)
class Run:
    start: int  # offset in the page text
    owner: Any  # the element that shows this text


class PageText:
    """The text of ``<body>`` (scripts, styles and the head left out) with the element owning each run."""

    def __init__(self, root: Any) -> None:
        body = root.find("body")
        parts: list[str] = []
        self.runs: list[Run] = []
        size = 0
        walker = etree.iterwalk(body if body is not None else root, events=("start", "end"))
        for event, el in walker:
            if not isinstance(el.tag, str):
                continue
            if event == "start":
                if el.tag in _SKIP:
                    walker.skip_subtree()
                    piece = ""
                else:
                    piece, owner = el.text or "", el
            else:
                piece, owner = el.tail or "", el.getparent()
            if piece and owner is not None:
                self.runs.append(Run(size, owner))
                parts.append(piece)
                size += len(piece)
        self.text = "".join(parts)
        self._starts = [r.start for r in self.runs]

    def owner(self, offset: int) -> Any:
        import bisect

        i = bisect.bisect_right(self._starts, offset) - 1
        return self.runs[max(i, 0)].owner

    def find(self, pattern: str, keep: Any = None) -> list[re.Match[str]]:
        """Matches of ``pattern`` in the page text (whose owning element passes ``keep``, if given)."""
        return [m for m in re.finditer(pattern, self.text) if keep is None or keep(self.owner(m.start()))]

    def offset_of(self, el: Any) -> int | None:
        """Where the text of ``el`` (or of what follows it) begins."""
        for run in self.runs:
            if run.owner is el or el in run.owner.iterancestors():
                return run.start
        return None


_CHROME = re.compile(
    r"(?:^|[^a-z])(?:header|head|top|topbar|nav|navbar|menu|footer|foot|bottom|sidebar|side|banner|copyright)(?:[^a-z]|$)",
    re.I)


def in_chrome(el: Any) -> bool:
    """Inside a container the template marks as header, navigation, sidebar or footer."""
    for anc in (el, *el.iterancestors()):
        marks = f"{anc.get('id') or ''} {anc.get('class') or ''}"
        if anc.tag in ("header", "nav", "footer", "aside") or _CHROME.search(marks):
            return True
    return False


def is_label(el: Any) -> bool:
    """Text that can be the page's status label: not a link ("已归档信息" in the menu) nor a select option."""
    return el.tag not in ("a", "option", "select") and next(el.iterancestors("a", "option", "select"), None) is None


def front_matter_line(lines: list[str], key: str) -> int | None:
    """The 1-based line of ``key:`` in a Markdown file's YAML front matter, if it is there."""
    if not lines or lines[0].strip() != "---":
        return None
    for number, line in enumerate(lines[1:200], 2):
        if line.strip() in ("---", "..."):
            return None
        if re.match(rf"{re.escape(key)}\s*:", line):
            return number
    return None


class StatusArea:
    """Where a page's status label belongs: inside the content or just above it, within ``limit``
    non-blank characters of where the content starts, and not in the template chrome."""

    def __init__(self, text: PageText, top: Any, limit: int | None) -> None:
        self.text, self.limit = text, limit
        self.start = text.offset_of(top) if top is not None else None
        if top is not None and top.tag == "body":  # a Markdown body: point at its first block
            top = next((c for c in top if isinstance(c.tag, str)), top)
        #: where to report a missing label
        self.anchor = top

    def near(self, offset: int) -> bool:
        start = self.start
        if start is None or self.limit is None:
            return True
        if offset < start and in_chrome(self.text.owner(offset)):
            return False
        return len("".join(self.text.text[min(start, offset):max(start, offset)].split())) <= self.limit


def parse_date(m: re.Match[str]) -> dt.date | None:
    month, day = m.group("m") or m.group("m2"), m.group("d") or m.group("d2")
    try:
        return dt.date(int(m.group("y")), int(month), int(day))
    except (TypeError, ValueError):
        return None


def pub_date(page: Any) -> dt.date | None:
    """The page's publication date: ``PubDate`` meta, or the Markdown front matter ``date``/``pubdate``."""
    for value in (page.meta.get("PubDate"), page.front_matter.get("pubdate"), page.front_matter.get("date")):
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        m = _ISO.search(str(value or ""))
        if m:
            try:
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                return None
    return None
