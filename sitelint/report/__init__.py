"""Output formats: one module each, all with ``render(result, context) -> str``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from sitelint.engine import RunResult
from sitelint.findings import Severity


@dataclass(frozen=True)
class ReportContext:
    color: bool = False
    show_source: bool = True
    #: rule name -> one-line summary, for formats that describe rules
    summaries: dict[str, str] | None = None


Renderer = Callable[[RunResult, ReportContext], str]


def counts(result: RunResult) -> dict[str, int]:
    by = Counter(f.severity for f in result.findings)
    return {"errors": by[Severity.ERROR], "warnings": by[Severity.WARNING], "infos": by[Severity.INFO]}


def renderers() -> dict[str, Renderer]:
    from sitelint.report import json_report, text

    return {"text": text.render, "json": json_report.render}
