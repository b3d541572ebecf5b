"""Baselines: adopt the gate on a legacy site and see only new problems."""

from __future__ import annotations

import json
from pathlib import Path

from clirun import found, run, write

OLD = '<html><body>\n<p><a href="old1.html">旧</a></p>\n<p><a href="old2.html">旧</a></p>\n</body></html>\n'


def test_baseline_hides_known_findings_and_counts_fixed(tmp_path: Path) -> None:
    write(tmp_path, {"site/a.html": OLD})
    written = run(["-j1", "--write-baseline", "baseline.json", "site"], tmp_path)
    assert written.exit_code == 0
    entries = json.loads((tmp_path / "baseline.json").read_text(encoding="utf-8"))["findings"]
    assert [(e["rule"], e["path"]) for e in entries] == [("broken-internal-link", "site/a.html")] * 2
    assert "line" not in entries[0]

    # Edit the page: a line added above (the old findings move), one old problem fixed, one new.
    page = tmp_path / "site/a.html"
    page.write_text('<html><body>\n<h1>标题</h1>\n<p><a href="old1.html">旧</a></p>\n'
                    '<p><a href="new.html">新</a></p>\n</body></html>\n', encoding="utf-8")
    result = run(["-j1", "--format", "json", "--baseline", "baseline.json", "site"], tmp_path)
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert found(doc) == [("site/a.html", 4, "broken-internal-link")]
    assert (doc["summary"]["baselined"], doc["summary"]["fixed"]) == (1, 1)


def test_baseline_only_counts_rules_that_ran_as_fixed(tmp_path: Path) -> None:
    write(tmp_path, {"site/a.html": OLD})
    run(["-j1", "--write-baseline", "baseline.json", "site"], tmp_path)
    result = run(["-j1", "--format", "json", "--baseline", "baseline.json", "--ignore", "SL701", "site"], tmp_path)
    assert result.exit_code == 0
    assert (json.loads(result.stdout)["summary"]["baselined"], json.loads(result.stdout)["summary"]["fixed"]) == (0, 0)


def test_a_broken_baseline_file_is_a_usage_error(tmp_path: Path) -> None:
    write(tmp_path, {"site/a.html": OLD, "baseline.json": "{not json"})
    assert run(["--baseline", "baseline.json", "site"], tmp_path).exit_code == 2
