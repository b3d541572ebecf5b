"""``--format json``: the fixed contract ``{"version": 1, "diagnostics": [...], "summary": {...}}``."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from sitelint.engine import RunResult
from sitelint.findings import Finding
from sitelint.report import ReportContext, counts


def diagnostic(f: Finding) -> dict[str, Any]:
    item: dict[str, Any] = {
        "rule": f.rule,
        "code": f.code,
        "severity": str(f.severity),
        "path": f.path,
        "line": f.line,
        "column": f.column,
        "message": f.message,
        "snippet": f.snippet,
    }
    if f.fix is not None:
        item["fix"] = {
            "description": f.fix.description,
            "safety": f.fix.safety.value,
            "edits": [{"offset": e.offset, "old": e.old, "new": e.new} for e in f.fix.edits],
        }
    return item


def render(result: RunResult, ctx: ReportContext) -> str:
    summary: dict[str, Any] = {"files": result.files, **counts(result)}
    summary["by_rule"] = dict(sorted(Counter(f.rule for f in result.findings).items()))
    summary["baselined"] = result.baselined
    summary["fixed"] = result.fixed
    doc = {"version": 1, "diagnostics": [diagnostic(f) for f in result.findings], "summary": summary}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
