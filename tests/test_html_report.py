"""The HTML report in a real headless Chromium: offline, filterable by rule and severity."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import lxml.html
import pytest
from clirun import run

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "site"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's chromium, installed here if it is missing and we may (CI runs as root on Debian)."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None and shutil.which("apt-get") and os.geteuid() == 0:
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], capture_output=True, timeout=600, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", "chromium", "fonts-wqy-microhei"], capture_output=True,
                       timeout=900, env=env)
        found = shutil.which("chromium")
    if found is None:
        pytest.skip("headless Chromium is not installed and cannot be installed here (needs root and apt-get)")
    return found


def _browse(chromium: str, url: str, tmp: Path, *extra: str) -> str:
    result = subprocess.run([chromium, *FLAGS, f"--user-data-dir={tmp / 'profile'}", *extra, url],
                            capture_output=True, text=True, timeout=120)
    return result.stdout


@pytest.fixture
def report(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    out = tmp_path / "report.html"
    result = run(["-j1", "--format", "html", "--output", str(out), "--format", "json", str(EXAMPLE)], tmp_path)
    assert result.exit_code == 1
    by_rule = json.loads(result.stdout)["summary"]["by_rule"]
    return out, by_rule


def _rows(dom: str) -> list[tuple[str, str, bool]]:
    root = lxml.html.document_fromstring(dom)
    return [(tr.get("data-rule"), tr.get("data-severity"), tr.get("hidden") is None)
            for tr in root.xpath("//table[@id='findings']/tbody/tr[@data-rule]")]


def test_report_is_self_contained(report: tuple[Path, dict[str, int]]) -> None:
    root = lxml.html.parse(str(report[0])).getroot()
    assert root.xpath("//script[@src] | //link[@href] | //img[@src] | //iframe") == []


def test_filter_by_rule_in_chromium(chromium: str, report: tuple[Path, dict[str, int]], tmp_path: Path) -> None:
    path, by_rule = report
    rule = "broken-internal-link"
    dom = _browse(chromium, f"{path.as_uri()}#rule={rule}", tmp_path, "--dump-dom")
    rows = _rows(dom)
    assert len(rows) == sum(by_rule.values())
    shown = [r for r in rows if r[2]]
    assert {r[0] for r in shown} == {rule} and len(shown) == by_rule[rule]
    shown_count = lxml.html.document_fromstring(dom).get_element_by_id("shown").text_content()
    assert shown_count == str(by_rule[rule])
    _browse(chromium, f"{path.as_uri()}#rule={rule}", tmp_path, f"--screenshot={tmp_path / 'report.png'}",
            "--window-size=1400,1000")
    assert (tmp_path / "report.png").stat().st_size > 0  # kept under the test's temp dir for inspection


def test_filter_by_severity_in_chromium(chromium: str, report: tuple[Path, dict[str, int]], tmp_path: Path) -> None:
    path, _by_rule = report
    dom = _browse(chromium, f"{path.as_uri()}#severity=warning", tmp_path, "--dump-dom")
    rows = _rows(dom)
    warnings = [r for r in rows if r[1] == "warning"]
    assert warnings and len(warnings) < len(rows), "the demo site has warnings and errors"
    assert [r for r in rows if r[2]] == warnings
