"""The result cache: a second run re-checks only what changed, and anything that can change a result
changes its key."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from sitelint.config import load_config
from sitelint.engine import Engine
from sitelint.registry import load_registry

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "site"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    shutil.copytree(EXAMPLE, tmp_path / "site")
    return tmp_path / "site"


PAGES = sum(1 for p in EXAMPLE.rglob("*") if p.suffix in (".html", ".md"))


def _run(site: Path, cache: Path, config_text: str | None = None) -> tuple[int, list[tuple[str, int, str, str]]]:
    if config_text is not None:
        (site / "sitelint.toml").write_text(config_text, encoding="utf-8")
    engine = Engine(load_registry(), load_config(site / "sitelint.toml"), jobs=1)
    result = engine.run([str(site)], cache_dir=cache)
    return result.cached, [(f.path, f.line, f.rule, f.message) for f in result.findings]


def test_second_run_is_served_from_the_cache_with_identical_findings(site: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cold_hits, cold = _run(site, cache)
    warm_hits, warm = _run(site, cache)
    assert cold_hits == 0 and warm_hits == PAGES and warm == cold


def test_a_changed_page_is_rechecked_alone(site: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _run(site, cache)
    page = site / "xwdt" / "t20240501_1.html"
    page.write_text(page.read_text(encoding="utf-8").replace("/xwdt/t20240430_9.html", "/xwdt/index.html"),
                    encoding="utf-8")
    hits, findings = _run(site, cache)
    assert hits == PAGES - 1
    assert not any(p.endswith("t20240501_1.html") and r == "broken-internal-link" for p, _l, r, _m in findings)


@pytest.mark.parametrize("change", ["config", "stylesheet", "new-file"])
def test_site_wide_changes_invalidate_everything(site: Path, tmp_path: Path, change: str) -> None:
    cache = tmp_path / "cache"
    _run(site, cache)
    if change == "config":
        text = (site / "sitelint.toml").read_text(encoding="utf-8")
        hits, _f = _run(site, cache, text + '\n[checks.broken-internal-link]\ncheck-fragments = false\n')
    elif change == "stylesheet":
        (site / "css" / "main.css").write_text(".news{display:none}\n", encoding="utf-8")
        hits, _f = _run(site, cache)
    else:
        (site / "xwdt" / "t20240430_9.html").write_text("<p>补上的通报</p>", encoding="utf-8")
        hits, _f = _run(site, cache)
    assert hits == 0


def test_cli_no_cache(site: Path, tmp_path: Path) -> None:
    from clirun import run

    first = run(["--format", "json", "-j1", "--cache-dir", str(tmp_path / "c"), str(site)], tmp_path)
    second = run(["--format", "json", "-j1", "--no-cache", str(site)], tmp_path)
    assert json.loads(first.stdout)["diagnostics"] == json.loads(second.stdout)["diagnostics"]


@pytest.mark.parametrize("page", ["zcwj/t20240301_1.html", "zcwj/t20240410_2.html", "zcjd/t20240305_1.html"])
def test_linting_one_page_still_sees_the_whole_site(site: Path, tmp_path: Path, page: str) -> None:
    """Policy and 解读 pairs span pages: linting one page alone gives that page exactly the site-check
    findings of a whole-site run, and nothing on the other pages."""
    from clirun import found, run_json

    site_checks = "missing-policy-interpretation,broken-internal-link,stale-column,blank-column"
    _code, whole = run_json(["--no-cache", "--select", site_checks, str(site)], tmp_path)
    _code, alone = run_json(["--no-cache", "--select", site_checks, str(site / page)], tmp_path)
    assert found(alone) == [f for f in found(whole) if f[0] == f"site/{page}"]
    assert any(r == "missing-policy-interpretation" for _p, _l, r in found(whole))
