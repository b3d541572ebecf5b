"""``--format json``: the fixed contract ``{"version": 1, "diagnostics": [...], "summary": {...}}``."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from typing import Any

from sitelint.engine import RunResult
from sitelint.findings import Finding, Severity
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
    if not result.findings:
        return dumps({"version": 1, "diagnostics": [], "summary": summary}, end="\n")
    out = ['{\n  "version": 1,\n  "diagnostics": [\n']
    heads: dict[tuple[str, str, Severity], str] = {}
    encoded: dict[str, str] = {}  # JSON strings by text: paths, messages and snippets repeat
    for f in result.findings:  # one list of pieces, joined once: the report is megabytes long
        out.append(_diagnostic_text(f, heads, encoded))
        out.append(",\n")
    out[-1] = '\n  ],\n  "summary": '
    _encode(summary, "  ", out)
    out.append("\n}\n")
    return "".join(out)


_SEVERITIES: dict[Severity, str] = {s: str(s) for s in Severity}


def _diagnostic_text(f: Finding, heads: dict[tuple[str, str, Severity], str], encoded: dict[str, str]) -> str:
    """``dumps(diagnostic(f))`` as an item of the diagnostics list (indented by four spaces), written in one
    piece when every field has its usual type (most findings have no fix). ``heads`` keeps the text up to the
    path by rule, code and severity, ``encoded`` the JSON form of the strings seen so far."""
    line, column = f.line, f.column
    if (f.fix is not None or type(f.severity) is not Severity or type(line) is not int
            or not (column is None or type(column) is int)
            or not (type(f.rule) is type(f.code) is type(f.path) is type(f.message) is type(f.snippet) is str)):
        out = ["    "]
        _encode(diagnostic(f), "    ", out)
        return "".join(out)
    head = heads.get((f.rule, f.code, f.severity))
    if head is None:
        severity = _SEVERITIES[f.severity]
        head = heads[(f.rule, f.code, f.severity)] = (
            f'    {{\n      "rule": {_STRING(f.rule)},\n      "code": {_STRING(f.code)},\n'
            f'      "severity": {_STRING(severity)},\n      "path": ')
    path = encoded.get(f.path) or encoded.setdefault(f.path, _STRING(f.path))
    message = encoded.get(f.message) or encoded.setdefault(f.message, _STRING(f.message))
    snippet = encoded.get(f.snippet) or encoded.setdefault(f.snippet, _STRING(f.snippet))
    return (f'{head}{path},\n      "line": {line},\n      "column": {"null" if column is None else column},\n'
            f'      "message": {message},\n      "snippet": {snippet}\n    }}')


# json.dumps with an indent runs the pure-Python encoder; a large site's report is written several times faster
# in one list of pieces joined once (joining nested strings copies megabytes at every level).
_STRING = json.encoder.encode_basestring  # the C string encoder that json.dumps uses with ensure_ascii=False


class Raw(str):
    """A value's JSON text, already written for its place in the document (indented for it), that
    :func:`dumps` copies as it is."""


_SCALARS: dict[type, Callable[[Any], str]] = {
    str: _STRING, int: int.__repr__, type(None): lambda _v: "null", bool: lambda v: "true" if v else "false",
    Raw: str.__str__,
}


def dumps(value: Any, end: str = "") -> str:
    """Exactly ``json.dumps(value, ensure_ascii=False, indent=2) + end``."""
    out: list[str] = []
    _encode(value, "", out)
    out.append(end)
    return "".join(out)


def _encode(value: Any, indent: str, out: list[str]) -> None:
    scalar = _SCALARS.get(type(value))
    if scalar is not None:
        out.append(scalar(value))
    elif type(value) is dict and value:
        inner = indent + "  "
        opening = "{\n"
        for k, v in value.items():
            scalar = _SCALARS.get(type(v))
            if scalar is not None:
                out.append(f"{opening}{inner}{_STRING(k)}: {scalar(v)}")
            else:
                out.append(f"{opening}{inner}{_STRING(k)}: ")
                _encode(v, inner, out)
            opening = ",\n"
        out.append(f"\n{indent}}}")
    elif type(value) is list and value:
        inner = indent + "  "
        opening = "[\n"
        for v in value:
            out.append(opening + inner)
            _encode(v, inner, out)
            opening = ",\n"
        out.append(f"\n{indent}]")
    else:  # empty containers, floats, subclasses: json itself, its newlines indented to this level
        out.append(json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + indent))
