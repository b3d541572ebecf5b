"""``--format sarif``: SARIF 2.1.0 with rule metadata (GitHub code scanning accepts it)."""

from __future__ import annotations

from typing import Any

from sitelint.engine import RunResult
from sitelint.findings import Severity
from sitelint.fingerprint import fingerprints
from sitelint.report import ReportContext
from sitelint.report.json_report import dumps

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _rule(rule: Any) -> dict[str, Any]:
    docs = rule.docs()
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary()},
        "fullDescription": {"text": docs},
        "help": {"text": docs, "markdown": docs},
        "defaultConfiguration": {"level": _LEVELS[rule.default_severity]},
        "properties": {"tags": [rule.name, "sitelint"]},
    }


def render(result: RunResult, ctx: ReportContext) -> str:
    rules = sorted(ctx.rules, key=lambda r: r.code)
    index = {r.name: i for i, r in enumerate(rules)}
    results = []
    for f, fp in zip(result.findings, fingerprints(result.findings), strict=True):
        region: dict[str, Any] = {"startLine": f.line}
        if f.column is not None:
            region["startColumn"] = f.column
        if f.snippet:
            region["snippet"] = {"text": f.snippet}
        item: dict[str, Any] = {
            "ruleId": f.code,
            "level": _LEVELS[f.severity or Severity.ERROR],
            "message": {"text": f.message},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": f.path, "uriBaseId": "%SRCROOT%"},
                "region": region,
            }}],
            "partialFingerprints": {"sitelint/v1": fp},
        }
        if f.rule in index:
            item["ruleIndex"] = index[f.rule]
        results.append(item)
    doc = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "sitelint",
                "version": ctx.version,
                "informationUri": "https://pypi.org/project/sitelint/",
                "rules": [_rule(r) for r in rules],
            }},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": "./"}},
            "results": results,
            "columnKind": "unicodeCodePoints",
        }],
    }
    return dumps(doc, end="\n")
