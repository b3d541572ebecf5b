"""The command line contract of DESIGN.md: exit codes, formats, rules, explain, parallelism."""

from __future__ import annotations

import json
from pathlib import Path

from clirun import found, run, run_json, write

from sitelint import __version__

PAGE = '<html><body>\n<p>说明 <a href="missing.html">失效链接</a></p>\n</body></html>\n'


def test_exit_codes(tmp_path: Path) -> None:
    write(tmp_path, {"good.html": "<p>正常页面</p>", "bad/a.html": PAGE})
    assert run(["good.html"], tmp_path).exit_code == 0
    assert run(["bad"], tmp_path).exit_code == 1
    assert run(["--format", "yaml", "good.html"], tmp_path).exit_code == 2
    assert run(["--jobs", "0", "good.html"], tmp_path).exit_code == 2


def test_missing_path_is_reported_not_crashed(tmp_path: Path) -> None:
    write(tmp_path, {"good.html": "<p>正常</p>"})
    code, doc = run_json(["good.html", "nope"], tmp_path)
    assert (code, found(doc)) == (1, [("nope", 1, "unreadable-file")])


def test_json_contract(tmp_path: Path) -> None:
    write(tmp_path, {"a.html": PAGE})
    _code, doc = run_json(["a.html"], tmp_path)
    assert doc["version"] == 1
    (d,) = doc["diagnostics"]
    assert {k: d[k] for k in ("rule", "code", "severity", "path", "line", "column")} == {
        "rule": "broken-internal-link", "code": "SL701", "severity": "error", "path": "a.html", "line": 2,
        "column": 7,
    }
    assert isinstance(d["message"], str) and d["message"]
    assert doc["summary"]["files"] == 1 and doc["summary"]["errors"] == 1


def test_text_output_shows_location_source_and_caret(tmp_path: Path) -> None:
    write(tmp_path, {"a.html": PAGE})
    result = run(["a.html"], tmp_path, env={"NO_COLOR": "1"})
    lines = result.stdout.splitlines()
    assert lines[0].startswith("a.html:2:7: SL701 [broken-internal-link] ")
    assert lines[1] == '2 | <p>说明 <a href="missing.html">失效链接</a></p>'
    # 说明 is two characters but four terminal columns wide: the caret sits under "<a".
    assert lines[2] == "  | " + " " * 8 + "^"
    assert "\x1b[" not in result.stdout
    assert any("SL701" in line and "broken-internal-link" in line for line in lines[3:])


def test_color_only_when_asked_or_on_a_terminal(tmp_path: Path) -> None:
    write(tmp_path, {"a.html": PAGE})
    assert "\x1b[" in run(["--color", "a.html"], tmp_path).stdout
    assert "\x1b[" not in run(["a.html"], tmp_path).stdout  # CliRunner is not a terminal
    assert "\x1b[" not in run(["--color", "--no-color", "a.html"], tmp_path).stdout


def test_quiet_hides_source(tmp_path: Path) -> None:
    write(tmp_path, {"a.html": PAGE})
    out = run(["-q", "a.html"], tmp_path).stdout
    assert " | " not in out


def test_output_file(tmp_path: Path) -> None:
    write(tmp_path, {"a.html": PAGE})
    result = run(["--format", "json", "--output", "report.json", "a.html"], tmp_path)
    assert result.exit_code == 1 and result.stdout == ""
    doc = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert found(doc) == [("a.html", 2, "broken-internal-link")]


def test_parallel_run_matches_serial(tmp_path: Path) -> None:
    files = {f"col{i % 4}/p{i}.html": PAGE.replace("missing", f"../col{(i + 1) % 4}/p{i + 1}") for i in range(60)}
    write(tmp_path, files)
    serial = run(["--format", "json", "-j1", "."], tmp_path)
    parallel = run(["--format", "json", "-j2", "."], tmp_path)
    assert serial.exit_code == parallel.exit_code == 1
    assert json.loads(serial.stdout) == json.loads(parallel.stdout)
    assert found(json.loads(serial.stdout)) == [("col3/p59.html", 2, "broken-internal-link")]


def test_rules_lists_every_check(tmp_path: Path) -> None:
    out = run(["rules"], tmp_path).stdout
    assert any(line.split()[:3] == ["SL701", "broken-internal-link", "error"] for line in out.splitlines())
    doc = json.loads(run(["rules", "--format", "json"], tmp_path).stdout)
    assert {"code": "SL001", "name": "internal-error"}.items() <= doc[0].items()


def test_explain_by_name_or_code(tmp_path: Path) -> None:
    by_name = run(["explain", "broken-internal-link"], tmp_path)
    by_code = run(["explain", "SL701"], tmp_path)
    assert by_name.exit_code == 0 and by_name.stdout == by_code.stdout
    assert "## 检查内容" in by_name.stdout
    assert run(["explain", "no-such-check"], tmp_path).exit_code == 2


def test_default_path_is_the_current_directory(tmp_path: Path) -> None:
    write(tmp_path, {"a.html": PAGE})
    _code, doc = run_json([], tmp_path)
    assert found(doc) == [("a.html", 2, "broken-internal-link")]


def test_version(tmp_path: Path) -> None:
    from sitelint.accel import speedups

    result = run(["--version"], tmp_path)
    state = "on" if speedups is not None else "off"
    assert result.exit_code == 0 and result.stdout == f"sitelint, version {__version__} (C accelerator: {state})\n"
