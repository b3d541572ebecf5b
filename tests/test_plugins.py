"""Plugins: a third-party distribution's check is found, run, configured and ignored like a built-in;
a plugin that cannot be imported stops the run with exit 2 and its name, never a silent skip.

Each distribution under tests/plugins/ is really installed (a wheel built by setuptools, with its
dist-info and entry points) into a temporary directory with ``pip install --target``; sitelint then
runs in a subprocess of this interpreter with that directory on PYTHONPATH. The venv is not touched.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

PLUGINS = Path(__file__).resolve().parent / "plugins"

PAGE = (
    "<html><body>\n"
    "<p>正常内容</p>\n"
    "<p>这里有示例违禁词。</p>\n"
    '<p style="display:none">隐藏的示例违禁词</p>\n'
    "<p>这里有测试词。</p>\n"
    "</body></html>\n"
)


def _install(dist: str, tmp: Path) -> Path:
    # Build from a copy: setuptools writes build/ and *.egg-info next to the sources.
    src = tmp / "src" / dist
    shutil.copytree(PLUGINS / dist, src)
    target = tmp / "site-packages"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--no-build-isolation", "--no-index",
         "--disable-pip-version-check", "--quiet", "--target", str(target), str(src)],
        check=True, capture_output=True, timeout=120,
    )
    assert list(target.glob("*.dist-info/entry_points.txt")), "the plugin was not installed as a distribution"
    return target


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _install("sitelint-demo-plugin", tmp_path_factory.mktemp("demo-plugin"))


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _install("sitelint-broken-plugin", tmp_path_factory.mktemp("broken-plugin"))


def sitelint(args: list[str], cwd: Path, plugins: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(plugins)
    env["NO_COLOR"] = "1"
    return subprocess.run([sys.executable, "-m", "sitelint.cli", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=60)


def lint_json(args: list[str], cwd: Path, plugins: Path) -> tuple[int, dict[str, Any]]:
    proc = sitelint(["--format", "json", "-j1", *args], cwd, plugins)
    assert proc.returncode in (0, 1), proc.stderr
    return proc.returncode, json.loads(proc.stdout)


def found(doc: dict[str, Any]) -> list[tuple[str, int, str, str]]:
    return [(d["path"], d["line"], d["code"], d["rule"]) for d in doc["diagnostics"]]


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    return tmp_path


def test_rules_lists_the_plugin_with_its_distribution(demo: Path, tmp_path: Path) -> None:
    proc = sitelint(["rules", "--format", "json"], tmp_path, demo)
    assert proc.returncode == 0, proc.stderr
    rows = {r["code"]: r for r in json.loads(proc.stdout)}
    assert {k: rows["SL901"][k] for k in ("name", "severity", "origin")} == {
        "name": "demo-banned-word", "severity": "error", "origin": "sitelint-demo-plugin"}
    assert rows["SL701"]["origin"] == "sitelint"  # built-ins still there, from sitelint itself
    text = sitelint(["rules"], tmp_path, demo)
    (line,) = [x for x in text.stdout.splitlines() if x.startswith("SL901 ")]
    assert line.split()[1] == "demo-banned-word" and line.endswith("[sitelint-demo-plugin]")
    assert sitelint(["explain", "SL901"], tmp_path, demo).returncode == 0


def test_plugin_finding_with_default_option(demo: Path, site: Path) -> None:
    code, doc = lint_json(["--select", "demo-banned-word", "."], site, demo)
    # the hidden paragraph (line 4) is not visible text; line 5 has a word the default does not ban
    assert (code, found(doc)) == (1, [("page.html", 3, "SL901", "demo-banned-word")])
    assert doc["diagnostics"][0]["severity"] == "error"
    assert doc["summary"]["files"] == 1


def test_plugin_option_from_pyproject(demo: Path, site: Path) -> None:
    (site / "pyproject.toml").write_text(
        '[tool.sitelint]\nselect = ["demo-banned-word"]\n\n'
        '[tool.sitelint.checks.demo-banned-word]\nword = "测试词"\n', encoding="utf-8")
    code, doc = lint_json(["."], site, demo)
    assert (code, found(doc)) == (1, [("page.html", 5, "SL901", "demo-banned-word")])


def test_plugin_option_is_validated_like_a_builtin(demo: Path, site: Path) -> None:
    (site / "sitelint.toml").write_text('[checks.demo-banned-word]\nwords = ["测试词"]\n', encoding="utf-8")
    proc = sitelint(["--format", "json", "-j1", "."], site, demo)
    assert (proc.returncode, proc.stdout) == (2, "")


def test_ignore_turns_the_plugin_off(demo: Path, site: Path) -> None:
    code, doc = lint_json(["--ignore", "SL901", "."], site, demo)
    assert "demo-banned-word" not in {d["rule"] for d in doc["diagnostics"]}
    assert doc["summary"]["files"] == 1
    code, doc = lint_json(["--select", "demo-banned-word", "--ignore", "SL901", "."], site, demo)
    assert (code, found(doc)) == (0, [])


def test_plugin_that_fails_to_import_stops_the_run(broken: Path, site: Path) -> None:
    for args in (["--format", "json", "-j1", "."], ["rules"], ["explain", "SL701"]):
        proc = sitelint(args, site, broken)
        assert proc.returncode == 2, (args, proc.stdout, proc.stderr)
        assert proc.stdout == ""  # no partial report that would look like a clean run
        assert "demo-broken-import" in proc.stderr  # the entry point is named
        assert "Traceback" not in proc.stderr  # a clear answer, not a crash
