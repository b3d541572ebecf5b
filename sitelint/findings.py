"""Findings: what a check reports, and what the engine turns it into."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, fields
from typing import Any


class Severity(enum.IntEnum):
    """Ordered so that ``max()`` gives the worst."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls[value.upper()]
        except KeyError:
            raise ValueError(f"未知的严重级别 `{value}`（可用：error、warning、info）") from None

    def __str__(self) -> str:
        return self.name.lower()


class Safety(enum.Enum):
    """How sure a fix is to keep the page's meaning (ruff's safe / unsafe)."""

    SAFE = "safe"
    UNSAFE = "unsafe"


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``old`` at character ``offset`` of the decoded page text with ``new``."""

    offset: int
    old: str
    new: str


@dataclass(frozen=True, slots=True)
class Fix:
    description: str
    edits: tuple[Edit, ...]
    safety: Safety = Safety.SAFE


@dataclass(frozen=True)
class Finding:
    """One problem at one place.

    A check creates findings with ``anchor`` set (an lxml element, a
    :class:`~sitelint.links.Link`, a line number or ``None`` for the whole
    file); the engine resolves the anchor to ``line``/``column``, fills in
    ``path``, ``code`` and the decided ``severity`` and drops the anchor
    before the finding crosses a process boundary.
    """

    rule: str
    message: str
    code: str = ""
    severity: Severity | None = None
    path: str = ""
    line: int = 1
    column: int | None = None
    fix: Fix | None = None
    anchor: Any = field(default=None, compare=False, repr=False)
    # data-sitelint-ignore names in force at the anchor (filled by the engine)
    scope: frozenset[str] = field(default=frozenset(), compare=False, repr=False)
    # the offending source text (one line, clipped); used by reports and baselines
    snippet: str = field(default="", compare=False)

    def with_(self, **changes: Any) -> Finding:
        """A copy with some fields changed: ``dataclasses.replace`` without re-running the frozen
        ``__init__`` (every finding is copied several times on its way to the report)."""
        if not _FIELDS.issuperset(changes):
            raise TypeError(f"Finding has no field {sorted(changes.keys() - _FIELDS)[0]!r}")
        copy = object.__new__(Finding)
        copy.__dict__.update(self.__dict__, **changes)
        return copy

    def decided(self, code: str, severity: Severity) -> Finding:
        """``with_(code=code, severity=severity)``, for the engine's decision on every finding of a run."""
        copy = object.__new__(Finding)
        fields = copy.__dict__
        fields.update(self.__dict__)
        fields["code"] = code
        fields["severity"] = severity
        return copy

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column or 0, self.code)


_FIELDS = frozenset(f.name for f in fields(Finding))
