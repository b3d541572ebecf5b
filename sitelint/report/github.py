"""``--format github``: GitHub Actions workflow commands, one annotation per finding."""

from __future__ import annotations

from sitelint.engine import RunResult
from sitelint.findings import Severity
from sitelint.report import ReportContext

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")


def render(result: RunResult, ctx: ReportContext) -> str:
    lines = []
    for f in result.findings:
        props = [f"file={_property(f.path)}", f"line={f.line}"]
        if f.column is not None:
            props.append(f"col={f.column}")
        props.append(f"title={_property(f'{f.code} {f.rule}')}")
        lines.append(f"::{_COMMANDS[f.severity or Severity.ERROR]} {','.join(props)}::{_data(f.message)}")
    return "".join(line + "\n" for line in lines)
