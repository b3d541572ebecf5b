"""``--format json``: the fixed contract ``{"version": 1, "diagnostics": [...], "summary": {...}}``."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
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
    return dumps(doc, end="\n")


# json.dumps with an indent runs the pure-Python encoder; a large site's report is written several times faster
# in one list of pieces joined once (joining nested strings copies megabytes at every level).
_STRING = json.encoder.encode_basestring  # the C string encoder that json.dumps uses with ensure_ascii=False
_SCALARS: dict[type, Callable[[Any], str]] = {
    str: _STRING, int: int.__repr__, type(None): lambda _v: "null", bool: lambda v: "true" if v else "false",
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
