"""Output formats: one module each, all with ``render(result, context) -> str``."""

from __future__ import annotations

import importlib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sitelint.engine import RunResult
from sitelint.findings import Severity

FORMATS = ("text", "json", "sarif", "junit", "github", "gitlab", "html")


@dataclass(frozen=True)
class ReportContext:
    color: bool = False
    show_source: bool = True
    #: every registered rule (checks and engine rules), for formats that describe rules
    rules: Sequence[Any] = field(default_factory=tuple)
    version: str = ""

    def rule(self, name: str) -> Any:
        for r in self.rules:
            if r.name == name:
                return r
        return None


Renderer = Callable[[RunResult, ReportContext], str]


def counts(result: RunResult) -> dict[str, int]:
    by = Counter(f.severity for f in result.findings)
    return {"errors": by[Severity.ERROR], "warnings": by[Severity.WARNING], "infos": by[Severity.INFO]}


_MODULES = {"text": "text", "json": "json_report", "sarif": "sarif", "junit": "junit", "github": "github",
            "gitlab": "gitlab", "html": "html"}


def renderer(fmt: str) -> Renderer:
    """The ``render`` of one format (only its module is imported)."""
    render: Renderer = importlib.import_module(f"sitelint.report.{_MODULES[fmt]}").render
    return render


def renderers() -> dict[str, Renderer]:
    return {fmt: renderer(fmt) for fmt in FORMATS}
