"""``--format junit``: one testcase per page, one failure per finding."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict

from sitelint.engine import RunResult
from sitelint.findings import Finding
from sitelint.report import ReportContext


def _location(f: Finding) -> str:
    return f"{f.path}:{f.line}:{f.column}" if f.column is not None else f"{f.path}:{f.line}"


def render(result: RunResult, ctx: ReportContext) -> str:
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for f in result.findings:
        by_path[f.path].append(f)
    paths = list(dict.fromkeys([*result.paths, *by_path]))
    suites = ET.Element("testsuites", name="sitelint")
    suite = ET.SubElement(suites, "testsuite", name="sitelint", tests=str(len(paths)),
                          failures=str(sum(1 for p in paths if by_path.get(p))), errors="0", skipped="0")
    for path in paths:
        case = ET.SubElement(suite, "testcase", classname="sitelint", name=path, file=path)
        for f in by_path.get(path, []):
            failure = ET.SubElement(case, "failure", message=f"{f.code} {f.message}", type=f.rule)
            failure.text = f"{_location(f)}: {f.code} [{f.rule}] {f.message}（{f.severity}）\n{f.snippet}"
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
