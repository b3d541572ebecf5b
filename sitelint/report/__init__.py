"""Output formats: one module each, all with ``render(result, context) -> str``."""

from __future__ import annotations

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


def renderers() -> dict[str, Renderer]:
    from sitelint.report import github, gitlab, html, json_report, junit, sarif, text

    return {
        "text": text.render,
        "json": json_report.render,
        "sarif": sarif.render,
        "junit": junit.render,
        "github": github.render,
        "gitlab": gitlab.render,
        "html": html.render,
    }
