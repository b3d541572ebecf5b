"""The result cache: a second run re-checks only what changed, and anything that can change a result
changes its key."""

from __future__ import annotations

import builtins
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

import pytest

import sitelint.cache
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


# --- what the cache never opens, and a cache that cannot be used -----------------------------------

GOOD = '<html><body>\n<p>正常页面 <a href="missing.html">失效链接</a></p>\n</body></html>\n'
SIBLING = ("good.html", 2, "broken-internal-link")


def _subprocess_lint(site: Path, *args: str) -> tuple[int, list[tuple[str, int, str]], str]:
    """The real command line in a fresh process, with a time limit (a regression must fail, not hang)
    and a memory limit (reading a device that never ends must fail fast, not fill the machine)."""

    def limit_memory() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    proc = subprocess.run([sys.executable, "-m", "sitelint.cli", "-j1", "--format", "json",
                           "--select", "broken-internal-link", *args, "."],
                          cwd=site, capture_output=True, timeout=60, env={**os.environ, "NO_COLOR": "1"},
                          preexec_fn=limit_memory if sys.platform.startswith("linux") else None)
    doc = json.loads(proc.stdout) if proc.stdout.strip() else {"diagnostics": []}
    return proc.returncode, sorted((d["path"], d["line"], d["rule"]) for d in doc["diagnostics"]), \
        proc.stderr.decode("utf-8", "replace")


def _fifo(site: Path) -> None:
    os.mkfifo(site / "fifo.html")


def _device(site: Path) -> None:
    (site / "x.html").symlink_to("/dev/zero")


@pytest.mark.parametrize("make", [
    pytest.param(_fifo, id="fifo", marks=pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")),
    pytest.param(_device, id="link-to-dev-zero", marks=pytest.mark.skipif(not Path("/dev/zero").exists(),
                                                                          reason="no /dev/zero here")),
])
def test_a_non_regular_page_is_never_opened_by_the_cache(tmp_path: Path, make: Callable[[Path], None]) -> None:
    """A FIFO would block the run and /dev/zero never ends: with the cache on, as with --no-cache,
    the engine's own SL002 on that name and the run goes on."""
    site = tmp_path / "site"
    site.mkdir()
    make(site)
    (site / "good.html").write_text(GOOD, encoding="utf-8")
    name = next(p.name for p in site.iterdir() if p.name != "good.html")
    expected = sorted([SIBLING, (name, 1, "unreadable-file")])
    uncached = _subprocess_lint(site, "--no-cache")
    assert uncached[:2] == (1, expected), uncached[2]
    for _run_number in range(2):  # cold, then warm: the page never gets a key
        cached = _subprocess_lint(site, "--cache-dir", str(tmp_path / "cache"))
        assert cached == uncached


def _engine(site: Path, config: str) -> Engine:
    (site / "sitelint.toml").write_text(config, encoding="utf-8")
    return Engine(load_registry(), load_config(site / "sitelint.toml"), select=["broken-internal-link"], jobs=1)


def test_a_page_too_large_to_lint_gets_no_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The worker reports a page over max-file-size without reading it; the cache does not read it either."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "good.html").write_text(GOOD, encoding="utf-8")
    big = site / "big.html"
    big.write_text(GOOD + "<p>" + "长" * 2000 + "</p>\n", encoding="utf-8")
    engine = _engine(site, "max-file-size = 4096\n")
    opened: list[str] = []
    real_open = os.open

    def recording_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        opened.append(os.fspath(file))
        return real_open(file, *args, **kwargs)

    real_builtin_open = builtins.open

    def recording_builtin_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(file, str | bytes | os.PathLike):
            opened.append(os.fsdecode(file))
        return real_builtin_open(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", recording_open)
    monkeypatch.setattr(builtins, "open", recording_builtin_open)
    results = [engine.run([str(site)], cache_dir=tmp_path / "cache") for _ in range(2)]
    monkeypatch.undo()
    assert not any(Path(p).name == "big.html" for p in opened)
    for result in results:
        assert sorted((f.path.rsplit("/", 1)[-1], f.line, f.rule) for f in result.findings) == [
            ("big.html", 1, "file-too-large"), SIBLING]
    assert [r.cached for r in results] == [0, 1]


def _cli(site: Path, *args: str, env: dict[str, str | None] | None = None) -> tuple[int, Any, list[str]]:
    from clirun import run

    # click's runner takes None to unset a variable for the run
    result = run(["--format", "json", "-j1", "--select", "broken-internal-link", *args, "."], site,
                 env=cast(dict[str, str], env))
    return result.exit_code, json.loads(result.stdout), [line for line in result.stderr.splitlines() if line]


@pytest.fixture
def small_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    site.mkdir()
    (site / "good.html").write_text(GOOD, encoding="utf-8")
    (site / "index.html").write_text('<p><a href="good.html">首页</a></p>\n', encoding="utf-8")
    return site


def _unusable_location(tmp_path: Path, how: str) -> tuple[list[str], dict[str, str | None], Path]:
    """Arguments and environment that point the cache somewhere unusable, and the path the warning names."""
    plain = tmp_path / "plain-file"
    plain.write_text("不是目录\n", encoding="utf-8")
    no_env: dict[str, str | None] = {"SITELINT_CACHE_DIR": None, "XDG_CACHE_HOME": None}
    if how == "xdg-is-a-file":
        return [], {**no_env, "XDG_CACHE_HOME": str(plain)}, plain / "sitelint"
    if how == "home-under-a-file":  # what a read-only HOME does, also as root
        return [], {**no_env, "HOME": str(plain / "home")}, plain / "home" / ".cache" / "sitelint"
    if how == "cache-dir-under-a-file":
        return ["--cache-dir", str(plain / "cache")], {}, plain / "cache"
    assert how == "read-only-directory"
    cache = tmp_path / "cache"
    cache.mkdir()
    cache.chmod(0o500)
    if os.access(cache, os.W_OK):
        cache.chmod(0o700)
        pytest.skip("root writes to read-only directories")
    return ["--cache-dir", str(cache)], {}, cache


UNUSABLE = ["xdg-is-a-file", "home-under-a-file", "cache-dir-under-a-file", "read-only-directory"]


@pytest.mark.parametrize("how", UNUSABLE)
def test_an_unusable_cache_location_is_a_warning(small_site: Path, tmp_path: Path, how: str) -> None:
    args, env, where = _unusable_location(tmp_path, how)
    expected = _cli(small_site, "--no-cache")
    try:
        code, doc, warnings = _cli(small_site, *args, env=env)
    finally:
        if how == "read-only-directory":
            where.chmod(0o700)
    assert expected[2] == []
    assert (code, doc["diagnostics"]) == (1, expected[1]["diagnostics"])
    assert len(warnings) == 1 and str(where) in warnings[0]


def _site_db(site: Path, cache: Path) -> Path:
    """The cache database of ``site`` after one run."""
    assert _cli(site, "--cache-dir", str(cache))[2] == []
    (db,) = cache.glob("*.sqlite")
    return db


@pytest.mark.parametrize("damage", ["garbage", "directory", "damaged-table"])
def test_a_damaged_database_is_a_warning(small_site: Path, tmp_path: Path, damage: str) -> None:
    cache = tmp_path / "cache"
    db = _site_db(small_site, cache)
    if damage == "garbage":
        db.write_bytes(b"\x00\xff" * 4096)
    elif damage == "directory":
        db.unlink()
        db.mkdir()
    else:  # the schema intact, the table's own pages overwritten: found only when read
        data = db.read_bytes()
        page = int.from_bytes(data[16:18], "big")
        db.write_bytes(data[:page] + b"\xa5" * (len(data) - page))
    expected = _cli(small_site, "--no-cache")
    for _run_number in range(2):  # and again: a damaged cache stays a warning
        code, doc, warnings = _cli(small_site, "--cache-dir", str(cache))
        assert (code, doc["diagnostics"]) == (1, expected[1]["diagnostics"])
        assert len(warnings) == 1 and str(db) in warnings[0]


def _lint_while_locked(site: Path, cache: Path, db: Path, lock: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Lint ``site`` with ``cache`` while another connection holds its database ``db`` (``BEGIN <lock>``):
    the same exit code and findings as ``--no-cache``, and one warning naming the database."""
    monkeypatch.setattr(sitelint.cache, "LOCK_WAIT", 0.2)
    other = sqlite3.connect(db, isolation_level=None)
    other.execute(f"BEGIN {lock}")
    try:
        expected = _cli(site, "--no-cache")
        code, doc, warnings = _cli(site, "--cache-dir", str(cache))
    finally:
        other.close()
    assert (code, doc["diagnostics"]) == (1, expected[1]["diagnostics"])
    assert len(warnings) == 1 and str(db) in warnings[0]


def test_a_locked_database_is_a_warning(small_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another process holds the database past the wait: this run goes on without the cache."""
    cache = tmp_path / "cache"
    _lint_while_locked(small_site, cache, _site_db(small_site, cache), "EXCLUSIVE", monkeypatch)


def test_failing_to_store_results_keeps_the_report(small_site: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Another process is writing (it can be read, not written): the results stand, one warning,
    and the next run stores them."""
    cache = tmp_path / "cache"
    db = _site_db(small_site, cache)
    (small_site / "sitelint.toml").write_text("[checks.broken-internal-link]\ncheck-fragments = false\n",
                                              encoding="utf-8")  # a new run key: every result to store
    _lint_while_locked(small_site, cache, db, "IMMEDIATE", monkeypatch)
    engine = Engine(load_registry(), load_config(small_site / "sitelint.toml"), select=["broken-internal-link"], jobs=1)
    assert [engine.run([str(small_site)], cache_dir=cache).cached for _ in range(2)] == [0, 2]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_FSIZE as on Linux")
def test_a_full_disk_while_storing_keeps_the_report(small_site: Path, tmp_path: Path) -> None:
    """No file may grow (RLIMIT_FSIZE: what a full disk does to sqlite's writes): the results are stored
    last, so the report stands, with one warning."""
    import resource
    import signal

    cache = tmp_path / "cache"
    db = _site_db(small_site, cache)
    (small_site / "sitelint.toml").write_text("[checks.broken-internal-link]\ncheck-fragments = false\n",
                                              encoding="utf-8")  # a new run key: every result to store
    expected = _cli(small_site, "--no-cache")

    def full_disk() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (512, 512))

    proc = subprocess.run([sys.executable, "-m", "sitelint.cli", "-j1", "--format", "json", "--select",
                           "broken-internal-link", "--cache-dir", str(cache), "."], cwd=small_site,
                          capture_output=True, timeout=60, preexec_fn=full_disk,
                          env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    warnings = proc.stderr.decode("utf-8").splitlines()
    assert (proc.returncode, json.loads(proc.stdout)["diagnostics"]) == (1, expected[1]["diagnostics"])
    assert len(warnings) == 1 and str(db) in warnings[0]


def test_default_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """SITELINT_CACHE_DIR, else an absolute XDG_CACHE_HOME, else ~/.cache; never a relative path (it
    could land in the linted tree): no home directory is a warning and no cache."""
    from sitelint.cache import default_dir

    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("SITELINT_CACHE_DIR", str(tmp_path / "mine"))
    assert default_dir() == tmp_path / "mine"
    monkeypatch.delenv("SITELINT_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_dir() == tmp_path / "xdg" / "sitelint"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative")
    assert default_dir() == tmp_path / "home" / ".cache" / "sitelint"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert default_dir() == tmp_path / "home" / ".cache" / "sitelint"
    assert capsys.readouterr().err == ""
    monkeypatch.setattr(os.path, "expanduser", lambda path: path)  # no HOME and no password entry
    assert default_dir() is None
    assert len(capsys.readouterr().err.splitlines()) == 1
