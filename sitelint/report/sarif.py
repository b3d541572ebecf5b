"""``--format sarif``: SARIF 2.1.0 with rule metadata (GitHub code scanning accepts it)."""

from __future__ import annotations

import json
from typing import Any

from sitelint.engine import RunResult
from sitelint.findings import Finding, Severity
from sitelint.fingerprint import fingerprints
from sitelint.report import ReportContext
from sitelint.report.json_report import Raw, dumps

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
_STRING = json.encoder.encode_basestring
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
    results = ["[\n"]  # the results' JSON text, in pieces joined once
    for f, fp in zip(result.findings, fingerprints(result.findings), strict=True):
        results.append(_result_text(f, fp, index.get(f.rule)))
        results.append(",\n")
    results[-1] = "\n      ]"
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
            "results": Raw("".join(results)) if result.findings else [],
            "columnKind": "unicodeCodePoints",
        }],
    }
    return dumps(doc, end="\n")


def _result(f: Finding, fingerprint: str, rule_index: int | None) -> dict[str, Any]:
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
        "partialFingerprints": {"sitelint/v1": fingerprint},
    }
    if rule_index is not None:
        item["ruleIndex"] = rule_index
    return item


_INDENT = " " * 8  # of a result in the document


def _result_text(f: Finding, fingerprint: str, rule_index: int | None) -> str:
    """``_result()`` as JSON at its place in the document, written from a template when every field has its
    usual type."""
    line, column = f.line, f.column
    if (type(line) is not int or not (column is None or type(column) is int)
            or not (type(f.code) is type(f.path) is type(f.message) is type(f.snippet) is str)):
        return _INDENT + dumps(_result(f, fingerprint, rule_index)).replace("\n", "\n" + _INDENT)
    at = " " * 18  # the region's fields
    region = f"{at}\"startLine\": {line}"
    if column is not None:
        region += f",\n{at}\"startColumn\": {column}"
    if f.snippet:
        region += f",\n{at}\"snippet\": {{\n{at}  \"text\": {_STRING(f.snippet)}\n{at}}}"
    last = "" if rule_index is None else f",\n          \"ruleIndex\": {rule_index}"
    return (f'        {{\n          "ruleId": {_STRING(f.code)},\n'
            f'          "level": "{_LEVELS[f.severity or Severity.ERROR]}",\n'
            f'          "message": {{\n            "text": {_STRING(f.message)}\n          }},\n'
            f'          "locations": [\n            {{\n              "physicalLocation": {{\n'
            f'                "artifactLocation": {{\n                  "uri": {_STRING(f.path)},\n'
            f'                  "uriBaseId": "%SRCROOT%"\n                }},\n'
            f'                "region": {{\n{region}\n                }}\n              }}\n            }}\n'
            f'          ],\n          "partialFingerprints": {{\n            "sitelint/v1": {_STRING(fingerprint)}\n'
            f'          }}{last}\n        }}')
