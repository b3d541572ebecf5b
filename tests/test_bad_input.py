"""Bad input gets a clear answer and nothing is lost (issue #2).

Every bad file produces exactly one clear finding (an engine rule, SL001–SL006) on that file and the
run goes on: a sibling page with a known broken link (SL701) proves the other pages were still linted.
Runs go through the command line with ``--format json``; they select only ``broken-internal-link``
so the expectations are exact whatever content checks exist (the engine's own rules are always
reported). One test runs every registered check over all the bad input at once, in parallel.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from clirun import run

import sitelint.cli
from sitelint.check import PageCheck, SiteCheck
from sitelint.config import Config
from sitelint.engine import Engine
from sitelint.findings import Finding
from sitelint.meta import META_RULES
from sitelint.page import Page
from sitelint.registry import Registry, load_registry

GOOD = '<html><body>\n<p>正常页面 <a href="missing.html">失效链接</a></p>\n</body></html>\n'
SIBLING = ("good.html", 2, "broken-internal-link")
SELECT = ("--select", "broken-internal-link")
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00\x1f\xf3\xffa"
#: the GBK bytes of 公告.html: not valid UTF-8, shown with one U+FFFD per byte
GBK_NAME = "公告.html".encode("gbk")
GBK_NAME_SHOWN = "\ufffd" * 4 + ".html"

Found = tuple[str, int, str]


def lint(site: Path, *args: str, jobs: str = "-j1", select: tuple[str, ...] = SELECT) -> tuple[int, dict[str, Any]]:
    result = run(["--format", "json", jobs, *select, *args, "."], site)
    return result.exit_code, json.loads(result.stdout)


def found(doc: dict[str, Any]) -> list[Found]:
    return sorted((d["path"], d["line"], d["rule"]) for d in doc["diagnostics"])


def write_bytes(root: Path, name: str | bytes, data: bytes) -> None:
    path = os.path.join(os.fsencode(root), os.fsencode(name))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as fh:
        fh.write(data)


# --- the cases: what each bad input adds to a site, and exactly what it must produce -------------


@dataclass(frozen=True)
class Case:
    id: str
    build: Callable[[Path], None]
    #: the findings of the bad input's own pages (path, line, rule)
    expected: tuple[Found, ...]
    #: how many page files the case adds to summary.files
    pages: int
    #: exit status when only the case is linted: 1 for an error, 0 for warnings only
    alone: int


def _binary(root: Path) -> None:
    write_bytes(root, "bin.html", PNG)


def _empty(root: Path) -> None:
    write_bytes(root, "empty.html", b"")
    write_bytes(root, "blank.html", b" \n\t\n")


def _bad_utf8(root: Path) -> None:
    write_bytes(root, "bad-utf8.html", (
        b'<html><head><meta charset="utf-8"></head><body>\n'
        b"<p>\xff\xfe \xe6\x94\xbf\xe5\xba\x9c</p>\n"
        b'<p><a href="gone.html">gone</a></p>\n'
        b"</body></html>\n"))


def _truncated_gbk(root: Path) -> None:
    # No charset declared; cut after the first byte of 告. The link to 公告.html only resolves if
    # the Chinese text before the cut is decoded intact (as GB18030, one replacement at the end).
    text = '<html><body>\n<p>关于印发<a href="公告.html">公告</a>的通知</p>\n<p>公告'
    write_bytes(root, "trunc.html", text.encode("gbk")[:-1])
    write_bytes(root, "公告.html", "<p>公告</p>\n".encode())


def _gb2312(root: Path) -> None:
    # Declared gb2312 but uses 镕, which only GBK has: decoded as GB18030 like a browser, no finding.
    text = '<html><head><meta charset="gb2312"></head><body>\n<p>朱镕基 <a href="镕.html">镕</a></p>\n</body></html>\n'
    write_bytes(root, "gb2312.html", text.encode("gbk"))
    write_bytes(root, "镕.html", "<p>镕</p>\n".encode())


def _deep(root: Path) -> None:
    depth = 100_000
    text = ('<html><body>\n<p><a href="gone.html">gone</a></p>\n'
            + "<div>" * depth + "深" + "</div>" * depth + "\n</body></html>\n")
    write_bytes(root, "deep.html", text.encode())


def _file_loop(root: Path) -> None:
    os.symlink("b.html", root / "a.html")
    os.symlink("a.html", root / "b.html")
    os.symlink("nowhere.html", root / "dangling.html")


def _dir_loop(root: Path) -> None:
    (root / "loop").mkdir()
    (root / "loop" / "page.html").write_text("<p>栏目页面</p>\n", encoding="utf-8")
    os.symlink("..", root / "loop" / "up")


def _gbk_name(root: Path) -> None:
    write_bytes(root, GBK_NAME, '<html><body>\n<p><a href="gone.html">公告</a></p>\n</body></html>\n'.encode())


CASES = [
    Case("binary", _binary, (("bin.html", 1, "unreadable-file"),), 1, 1),
    Case("empty", _empty, (("blank.html", 1, "empty-file"), ("empty.html", 1, "empty-file")), 2, 0),
    # the page is still checked: its own broken link is found
    Case("invalid-utf8", _bad_utf8,
         (("bad-utf8.html", 2, "encoding-error"), ("bad-utf8.html", 3, "broken-internal-link")), 1, 1),
    Case("truncated-gbk", _truncated_gbk, (("trunc.html", 3, "encoding-error"),), 2, 0),
    Case("gb2312-declared", _gb2312, (), 2, 0),
    Case("nested-100000", _deep, (("deep.html", 2, "broken-internal-link"), ("deep.html", 3, "parse-error")), 1, 1),
    # a file symlink loop: SL002 on each link of the loop (each is a page name the walk finds)
    Case("file-symlink-loop", _file_loop, (("a.html", 1, "unreadable-file"), ("b.html", 1, "unreadable-file"),
                                           ("dangling.html", 1, "unreadable-file")), 3, 1),
    # a directory symlink to its parent: one SL002 on the link, the pages are not walked twice
    Case("dir-symlink-loop", _dir_loop, (("loop/up", 1, "unreadable-file"),), 1, 1),
    # the page is still linted: its broken link is found
    Case("non-utf8-file-name", _gbk_name,
         ((GBK_NAME_SHOWN, 1, "encoding-error"), (GBK_NAME_SHOWN, 2, "broken-internal-link")), 1, 1),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_next_to_a_good_page(case: Case, tmp_path: Path) -> None:
    case.build(tmp_path)
    (tmp_path / "good.html").write_text(GOOD, encoding="utf-8")
    code, doc = lint(tmp_path)
    assert found(doc) == sorted([*case.expected, SIBLING])
    assert doc["summary"]["files"] == case.pages + 1
    assert code == 1


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_alone(case: Case, tmp_path: Path) -> None:
    case.build(tmp_path)
    code, doc = lint(tmp_path)
    assert (code, found(doc), doc["summary"]["files"]) == (case.alone, sorted(case.expected), case.pages)


def test_all_bad_input_in_parallel(tmp_path: Path) -> None:
    """Every case in one site, with enough pages that -j2 really uses a process pool."""
    for case in CASES:
        case.build(tmp_path)
    (tmp_path / "good.html").write_text(GOOD, encoding="utf-8")
    for i in range(8):
        (tmp_path / f"clean{i}.html").write_text(f"<p>第{i}页 <a href=\"good.html\">首页</a></p>\n", encoding="utf-8")
    expected = sorted([SIBLING, *(f for case in CASES for f in case.expected)])
    pages = 1 + 8 + sum(case.pages for case in CASES)
    assert pages >= 16  # the engine gives each process at least 8 pages
    code, serial = lint(tmp_path, jobs="-j1")
    code2, parallel = lint(tmp_path, jobs="-j2")
    assert (code, found(serial), serial["summary"]["files"]) == (1, expected, pages)
    assert (code2, parallel) == (code, serial)

    # every registered check over the same bad input: nothing crashes, the engine's answers are the same
    code, everything = lint(tmp_path, jobs="-j2", select=())
    engine_rules = {m.name for m in META_RULES} | {"broken-internal-link"}
    assert code == 1
    assert [f for f in found(everything) if f[2] in engine_rules] == expected


def test_non_utf8_file_name_output_is_utf8(tmp_path: Path) -> None:
    """Real stdout bytes, text and JSON: valid UTF-8, U+FFFD where the name's bytes were."""
    _gbk_name(tmp_path)
    (tmp_path / "good.html").write_text(GOOD, encoding="utf-8")
    cmd = [sys.executable, "-m", "sitelint.cli", "-j1", *SELECT]
    env = {**os.environ, "NO_COLOR": "1"}
    proc = subprocess.run([*cmd, "--format", "json", "."], cwd=tmp_path, capture_output=True, env=env, timeout=60)
    assert proc.returncode == 1, proc.stderr
    doc = json.loads(proc.stdout.decode("utf-8"))  # strict: raises on anything but valid UTF-8
    assert found(doc) == sorted([SIBLING, *CASES[-1].expected])
    assert doc["summary"]["files"] == 2
    proc = subprocess.run([*cmd, "."], cwd=tmp_path, capture_output=True, env=env, timeout=60)
    assert proc.returncode == 1, proc.stderr
    assert GBK_NAME_SHOWN in proc.stdout.decode("utf-8")


def test_file_too_large_then_raised_limit(tmp_path: Path) -> None:
    row = ("<p>" + "政府信息公开目录。" * 110 + "</p>\n").encode()
    with open(tmp_path / "big.html", "wb") as fh:
        fh.write(b'<html><body>\n<p><a href="gone.html">gone</a></p>\n')
        fh.write(row * (50 * 1024 * 1024 // len(row) + 1))
        fh.write(b"</body></html>\n")
    assert (tmp_path / "big.html").stat().st_size > 50 * 1024 * 1024
    (tmp_path / "good.html").write_text(GOOD, encoding="utf-8")
    code, doc = lint(tmp_path)  # default limit: 20 MB
    assert (code, found(doc), doc["summary"]["files"]) == (1, [("big.html", 1, "file-too-large"), SIBLING], 2)

    (tmp_path / "sitelint.toml").write_text(f"max-file-size = {64 * 1024 * 1024}\n", encoding="utf-8")
    code, doc = lint(tmp_path)
    assert (code, found(doc), doc["summary"]["files"]) == (1, [("big.html", 2, "broken-internal-link"), SIBLING], 2)


@pytest.mark.parametrize("named", [False, True], ids=["found in a directory", "named on the command line"])
def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, named: bool) -> None:
    (tmp_path / "good.html").write_text(GOOD, encoding="utf-8")
    locked = tmp_path / "locked.html"
    locked.write_text("<p>无权读取</p>\n", encoding="utf-8")
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):  # root reads anyway: make access() and the worker's open fail for this file
            real_open, real_access = os.open, os.access

            def deny(file: Any, *args: Any, **kwargs: Any) -> Any:
                if isinstance(file, str) and os.path.abspath(file) == str(locked):
                    raise PermissionError(13, "Permission denied", file)
                return real_open(file, *args, **kwargs)

            def no_access(file: Any, mode: int, *args: Any, **kwargs: Any) -> bool:
                if os.path.abspath(file) == str(locked) and mode & os.R_OK:
                    return False
                return real_access(file, mode, *args, **kwargs)

            monkeypatch.setattr(os, "open", deny)
            monkeypatch.setattr(os, "access", no_access)
        # as pre-commit runs it: the files by name, the unreadable one first; the other is still linted
        if named:
            result = run(["--format", "json", "-j1", *SELECT, "locked.html", "good.html"], tmp_path)
            code, doc = result.exit_code, json.loads(result.stdout)
        else:
            code, doc = lint(tmp_path, jobs="-j1")
    finally:
        locked.chmod(0o644)
    assert (code, found(doc), doc["summary"]["files"]) == (1, [SIBLING, ("locked.html", 1, "unreadable-file")], 2)


# --- a check that raises ---------------------------------------------------------------------


class Explodes(PageCheck):
    code = "SL998"
    name = "test-explodes"

    def check(self, page: Page) -> Iterator[Finding]:
        if "boom" in page.text:
            raise RuntimeError("boom")
        return iter(())


class Marks(PageCheck):
    code = "SL997"
    name = "test-marks"

    def check(self, page: Page) -> Iterator[Finding]:
        for el in page.iter("mark"):
            yield self.finding(el, "标记")


class ExplodesHalfway(PageCheck):
    code = "SL995"
    name = "test-explodes-halfway"

    def check(self, page: Page) -> Iterator[Finding]:
        for el in page.iter("mark"):
            yield self.finding(el, "标记")
        if "boom" in page.text:
            raise RuntimeError("boom")


class SiteExplodes(SiteCheck):
    code = "SL996"
    name = "test-site-explodes"

    def collect(self, page: Page) -> Any:
        if "boom" in page.text:
            raise KeyError("boom")
        return 1

    def check_site(self, site: Any, facts: Any) -> Iterator[Finding]:
        raise ValueError("boom")


BOOM = '<html><body>\n<p>boom <mark>标记</mark></p>\n<p><a href="gone.html">gone</a></p>\n</body></html>\n'


def test_crashing_check_is_an_internal_error_not_a_crash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the crashing check runs first; the checks after it still run on that page
    registry = Registry((Explodes, Marks, *load_registry().checks))
    monkeypatch.setattr(sitelint.cli, "load_registry", lambda: registry)
    (tmp_path / "boom.html").write_text(BOOM, encoding="utf-8")
    (tmp_path / "good.html").write_text(GOOD.replace("正常页面", "<mark>正常</mark>页面"), encoding="utf-8")
    select = ("--select", "test-explodes,test-marks,broken-internal-link")
    for ignore in ((), ("--ignore", "SL001")):  # an internal error cannot be turned off
        code, doc = lint(tmp_path, *ignore, select=select)
        assert code == 2
        assert found(doc) == [
            ("boom.html", 1, "internal-error"),
            ("boom.html", 2, "test-marks"),
            ("boom.html", 3, "broken-internal-link"),
            ("good.html", 2, "broken-internal-link"),
            ("good.html", 2, "test-marks"),
        ]
        (internal,) = [d for d in doc["diagnostics"] if d["rule"] == "internal-error"]
        assert (internal["code"], internal["severity"]) == ("SL001", "error")
        assert "test-explodes" in internal["message"]  # names the check (the path names the page)
        assert doc["summary"]["files"] == 2


def test_check_raising_after_findings_keeps_none_of_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    registry = Registry((ExplodesHalfway, Marks, *load_registry().checks))
    monkeypatch.setattr(sitelint.cli, "load_registry", lambda: registry)
    (tmp_path / "boom.html").write_text(BOOM, encoding="utf-8")
    code, doc = lint(tmp_path, select=("--select", "test-explodes-halfway,test-marks"))
    assert code == 2
    assert found(doc) == [("boom.html", 1, "internal-error"), ("boom.html", 2, "test-marks")]
    (internal,) = [d for d in doc["diagnostics"] if d["rule"] == "internal-error"]
    assert "test-explodes-halfway" in internal["message"] and "test_bad_input.py" in internal["message"]


def test_crashing_site_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """collect() raising is an SL001 on that page; check_site() raising is one SL001 on the site root."""
    (tmp_path / "boom.html").write_text(BOOM, encoding="utf-8")
    (tmp_path / "good.html").write_text(GOOD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    registry = Registry((SiteExplodes, *load_registry().checks))
    engine = Engine(registry, Config(), select=["test-site-explodes", "broken-internal-link"], jobs=1)
    result = engine.run(["."])
    assert sorted((f.path, f.line, f.rule) for f in result.findings) == [
        (".", 1, "internal-error"),
        ("boom.html", 1, "internal-error"),
        ("boom.html", 3, "broken-internal-link"),
        SIBLING,
    ]
    assert (result.exit_code, result.internal_errors, result.files) == (2, 2, 2)


def test_crashing_site_check_reported_from_elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "public"
    site.mkdir()
    (site / "good.html").write_text(GOOD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    registry = Registry((SiteExplodes, *load_registry().checks))
    result = Engine(registry, Config(), select=["test-site-explodes"], jobs=1).run(["public"])
    assert [(f.path, f.rule) for f in result.findings] == [("public", "internal-error")]
    assert result.exit_code == 2


# --- sitelint never writes to the linted tree --------------------------------------------------


def _snapshot(root: Path) -> dict[str, Any]:
    state: dict[str, Any] = {}
    for current, dirs, names in os.walk(root):
        st = os.stat(current)
        state[current] = ("dir", sorted(os.listdir(current)), st.st_mtime_ns, st.st_mode)
        for name in [*dirs, *names]:
            full = os.path.join(current, name)
            st = os.lstat(full)
            if os.path.islink(full):
                state[full] = ("link", os.readlink(full), st.st_mtime_ns)
            elif os.path.isfile(full):
                with open(full, "rb") as fh:
                    state[full] = ("file", fh.read(), st.st_mtime_ns, st.st_mode)
    return state


def test_sitelint_never_writes_to_the_linted_tree(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(Path(__file__).resolve().parent.parent / "examples" / "site", site, symlinks=True)
    for build in (_binary, _empty, _bad_utf8, _deep, _file_loop, _dir_loop, _gbk_name):
        build(site)
    before = _snapshot(site)
    assert len(before) > 20
    for args in (["-j1"], ["--format", "json", "-j1"], ["--format", "json", "-j2"], ["--no-color"]):
        result = run([*args, "."], site)
        assert result.exit_code == 1, result.output
        assert _snapshot(site) == before, args


@pytest.mark.parametrize("base", ["http://[::1", "http://[bad]/", "http://exa mple.gov.cn:99999/"])
def test_a_base_href_that_does_not_parse_is_ignored_as_browsers_do(tmp_path: Path, base: str) -> None:
    (tmp_path / "y.html").write_text("<p>目标</p>", encoding="utf-8")
    (tmp_path / "a.html").write_text(
        f'<html><head><base href="{base}"></head><body>\n<a href="y.html">有</a>\n<a href="n.html">无</a>\n'
        '<img src="z.png"></body></html>\n', encoding="utf-8")
    code, doc = lint(tmp_path, select=())  # every check: none may crash on it
    assert [f for f in found(doc) if f[2] == "internal-error"] == []
    assert [f for f in found(doc) if f[2] == "broken-internal-link"] == [("a.html", 3, "broken-internal-link"),
                                                                       ("a.html", 4, "broken-internal-link")]
    assert code == 1


def test_a_markdown_source_mentioning_a_meta_charset_is_read_as_utf8(tmp_path: Path) -> None:
    (tmp_path / "模板说明.md").write_text(
        "# 模板说明\n\n页面头部应写 `<meta charset=\"gb2312\">`，正文用中文书写。\n\n[失效链接](missing.html)\n",
        encoding="utf-8")
    code, doc = lint(tmp_path, select=("--select", "encoding-error,broken-internal-link"))
    assert (code, found(doc)) == (1, [("模板说明.md", 5, "broken-internal-link")])
