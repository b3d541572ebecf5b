"""``--format gitlab``: GitLab Code Quality JSON with stable fingerprints."""

from __future__ import annotations

from sitelint.engine import RunResult
from sitelint.findings import Severity
from sitelint.fingerprint import fingerprints
from sitelint.report import ReportContext
from sitelint.report.json_report import dumps

_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def render(result: RunResult, ctx: ReportContext) -> str:
    issues = [
        {
            "description": f"{f.code} {f.message}",
            "check_name": f.rule,
            "fingerprint": fp,
            "severity": _SEVERITY[f.severity or Severity.ERROR],
            "location": {"path": f.path, "lines": {"begin": f.line}},
        }
        for f, fp in zip(result.findings, fingerprints(result.findings), strict=True)
    ]
    return dumps(issues, end="\n")
