"""The page pass: read, decode and parse one page, run every page check, collect facts.

Runs in worker processes; everything it returns is small and picklable.
"""

from __future__ import annotations

import gc
import os
import pickle
import stat
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sitelint.check import Check, PageCheck, SiteCheck
from sitelint.config import Config
from sitelint.decode import decode_bytes, looks_binary
from sitelint.findings import Finding
from sitelint.meta import (
    EMPTY_FILE,
    ENCODING_ERROR,
    FILE_TOO_LARGE,
    INTERNAL_ERROR,
    PARSE_ERROR,
    UNREADABLE_FILE,
    MetaRule,
    os_error_text,
)
from sitelint.page import Page, page_format
from sitelint.positions import snippet
from sitelint.site import PageFacts, SiteFiles
from sitelint.suppress import NO_SCOPE, Suppressions, element_scope, parse_directives

T = TypeVar("T")


@dataclass
class PageResult:
    path: str
    display: str
    findings: list[Finding] = field(default_factory=list)
    facts: PageFacts | None = None
    site_facts: dict[str, Any] = field(default_factory=dict)
    suppressions: Suppressions = field(default_factory=Suppressions)
    # the decoded lines that site findings may need for snippets are re-read lazily
    encoding: str | None = None
    fs_path: str = ""


@dataclass(frozen=True)
class Task:
    fs_path: str
    path: str
    display: str
    #: a page not linted in this run, read only so site checks see the whole site
    context: bool = False
    #: the page's bytes, sent along when the worker cannot read the site (a Dask worker elsewhere)
    data: bytes | None = field(default=None, repr=False)



@dataclass
class WorkerState:
    config: Config
    page_checks: list[PageCheck]
    site_checks: list[SiteCheck]
    site: SiteFiles
    stylesheets: dict[str, str | None] = field(default_factory=dict)
    #: (page checks, site checks) that read pages of a format, by format
    _by_format: dict[str, tuple[list[PageCheck], list[SiteCheck]]] = field(default_factory=dict, init=False)

    def checks_for(self, fmt: str) -> tuple[list[PageCheck], list[SiteCheck]]:
        """The page checks and the site checks that read pages of format ``fmt``."""
        found = self._by_format.get(fmt)
        if found is None:
            found = self._by_format[fmt] = ([c for c in self.page_checks if fmt in c.formats],
                                            [c for c in self.site_checks if fmt in c.formats])
        return found

    def load_stylesheet(self, target: str) -> str | None:
        if target not in self.stylesheets:
            text = None
            full = self.site.root / target
            try:
                if full.suffix.lower() == ".css" and full.is_file() and full.stat().st_size < 2_000_000:
                    text = decode_bytes(full.read_bytes()).text
            except OSError:
                text = None
            self.stylesheets[target] = text
        return self.stylesheets[target]


_STATE: WorkerState | None = None


def set_state(state: WorkerState) -> None:
    global _STATE
    _STATE = state


#: the collector's first threshold during the page pass: a page allocates tens of thousands of objects
#: that die with it, and CPython's default (700) runs a young collection every few hundred of them
#: (about 7% of the page pass on the bench site; 5,000 halves the collections' cost)
YOUNG_COLLECTIONS = 5000


def start_worker(state: WorkerState) -> None:
    """A forked worker process: what it inherited lives as long as it does, so the collector stops
    scanning it (it would also copy every inherited page of memory); the pages' own garbage is collected
    with full collections on, whatever the parent turned off."""
    gc.freeze()
    _first, second, _third = gc.get_threshold()
    gc.set_threshold(YOUNG_COLLECTIONS, second, 10)  # 10: CPython's default for the oldest generation
    set_state(state)


def make_finding(rule: MetaRule, message: str, line: int = 1) -> Finding:
    return Finding(rule=rule.name, message=message, line=line)


def lint_task(task: Task) -> PageResult:
    assert _STATE is not None
    state = _STATE
    result = PageResult(task.path, task.display, fs_path=task.fs_path)
    try:
        _lint_into(task, state, result)
    except Exception as exc:  # the engine's own failure on this page: loud, named, not fatal
        result.findings.append(make_finding(INTERNAL_ERROR, f"sitelint 处理该页面时出错：{type(exc).__name__}: {exc}"))
        result.findings[-1] = result.findings[-1].with_(snippet=traceback.format_exc(limit=3)[-400:])
    for i, f in enumerate(result.findings):
        if f.path != task.display or f.anchor is not None:  # page check findings are done by _anchor
            result.findings[i] = f.with_(path=task.display, anchor=None)
    return result


def lint_task_pickled(task: Task) -> bytes:
    """:func:`lint_task`'s result pickled the way the cache stores it: pickled once, by the worker."""
    return pickle.dumps(lint_task(task), protocol=pickle.HIGHEST_PROTOCOL)


def _read(task: Task, state: WorkerState, result: PageResult) -> bytes | None:
    name_ok = True
    try:
        task.fs_path.encode("utf-8")
    except UnicodeEncodeError:
        name_ok = False
    if not name_ok:
        result.findings.append(make_finding(ENCODING_ERROR, "文件名不是有效的 UTF-8，链接无法可靠地指向它"))
    if task.data is not None:
        return task.data if _within_limit(len(task.data), state, result) else None
    try:
        st: os.stat_result | None = os.stat(task.fs_path)
    except (OSError, ValueError):
        st = None
    try:
        if st is None or not stat.S_ISREG(st.st_mode):  # never opened: a device or FIFO may act on open
            dangling = st is None and os.path.islink(task.fs_path)  # a link to a device or a FIFO is "not a file"
            problem = "符号链接指向不存在的文件或形成循环" if dangling else "不是普通文件"
            result.findings.append(make_finding(UNREADABLE_FILE, f"无法读取：{problem}"))
            return None
        if not _within_limit(st.st_size, state, result):
            return None
        return _read_all(task.fs_path, st.st_size)
    except OSError as exc:
        result.findings.append(make_finding(UNREADABLE_FILE, f"无法读取：{os_error_text(exc)}"))
        return None


def _read_all(path: str, size: int) -> bytes:
    """The file's bytes, read with the descriptor alone (no buffered file object: a few microseconds a page);
    ``size`` is what stat said, and the file may have changed since."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        parts = [os.read(fd, size + 1)]
        while chunk := os.read(fd, max(size, 1 << 16)):
            parts.append(chunk)
    finally:
        os.close(fd)
    return parts[0] if len(parts) == 1 else b"".join(parts)


def _within_limit(size: int, state: WorkerState, result: PageResult) -> bool:
    if size <= state.config.max_file_size:
        return True
    limit = state.config.max_file_size / 1048576
    result.findings.append(make_finding(
        FILE_TOO_LARGE, f"文件大小 {size / 1048576:.1f} MB，超过 max-file-size（{limit:.1f} MB），未检查"))
    return False


def _lint_into(task: Task, state: WorkerState, result: PageResult) -> None:
    data = _read(task, state, result)
    if data is None:
        return
    if looks_binary(data):
        result.findings.append(make_finding(UNREADABLE_FILE, "这是二进制文件，不是文本页面（含有 NUL 字节）"))
        return
    fmt = page_format(task.path) or "html"
    decoded = decode_bytes(data, state.config.encoding, markup=fmt != "markdown")
    result.encoding = decoded.encoding
    if decoded.errors:
        result.findings.append(make_finding(ENCODING_ERROR, (
            f"有 {decoded.errors} 处字节无法按 {decoded.encoding} 解码，已替换为 U+FFFD 后继续检查"),
            decoded.first_error_line or 1))
    if not decoded.text or decoded.text.isspace():  # not .strip(): that copies the text
        result.findings.append(make_finding(EMPTY_FILE, "页面文件为空"))
        return
    # bytes decoded as UTF-8 without a byte-order mark or an error are the text's UTF-8: parsed as they are
    utf8 = data if decoded.encoding == "utf-8" and decoded.source != "bom" and not decoded.errors else None
    page = Page(task.path, decoded.text, state.config, fmt=fmt, stylesheet_loader=state.load_stylesheet,
                site=state.site, utf8=utf8)
    result.suppressions = parse_directives(decoded.text)
    page.root  # noqa: B018 - parse now so parse problems are known before checks run
    for line, message in page.parse_problems:
        result.findings.append(make_finding(PARSE_ERROR, message, line))
    page_checks, site_checks = state.checks_for(fmt)
    if not task.context:
        _run_page_checks(page_checks, page, task.display, result.findings)
    _collect_site_facts(site_checks, page, result.site_facts, result.findings)
    result.facts = _page_facts(page, decoded.encoding)


def _run_page_checks(checks: Sequence[PageCheck], page: Page, display: str, out: list[Finding]) -> None:
    """Every check's findings on ``page``, anchored, appended to ``out``. A check that raises leaves none
    of its findings, only an SL001 finding naming it (see :func:`guarded`), and the next check runs: one
    ``try`` around the loop, entered again after a crash, instead of one call wrapper per check."""
    remaining = iter(checks)
    check: PageCheck | None = None
    mark = len(out)
    while True:
        try:
            for check in remaining:
                mark = len(out)
                for f in check.check(page):
                    out.append(_anchor(f, page, display))
            return
        except Exception as exc:
            assert check is not None
            del out[mark:]
            out.append(crash_finding(check, exc))


def _collect_site_facts(checks: Sequence[SiteCheck], page: Page, facts: dict[str, Any],
                        findings: list[Finding]) -> None:
    """Each site check's facts about ``page`` (None: nothing to keep) into ``facts`` by check name; a check
    that raises keeps no facts and adds an SL001 finding naming it to ``findings``."""
    remaining = iter(checks)
    check: SiteCheck | None = None
    while True:
        try:
            for check in remaining:
                value = check.collect(page)
                if value is not None:
                    facts[check.name] = value
            return
        except Exception as exc:
            assert check is not None
            findings.append(crash_finding(check, exc))


def guarded(check: Check, run: Callable[[], T]) -> tuple[T | None, Finding | None]:
    """Run a check's code; an exception becomes an SL001 finding naming the check, never a crash."""
    try:
        return run(), None
    except Exception as exc:
        return None, crash_finding(check, exc)


def crash_finding(check: Check, exc: Exception) -> Finding:
    """The SL001 finding for ``exc`` raised by ``check``'s code: the check, the error and where it was raised."""
    where = traceback.extract_tb(exc.__traceback__)[-1]
    return make_finding(INTERNAL_ERROR, (
        f"检查 `{check.name}`（{check.code}）出错：{type(exc).__name__}: {exc}"
        f"（{os.path.basename(where.filename)}:{where.lineno}）"))


def _anchor(finding: Finding, page: Page, display: str = "") -> Finding:
    """The finding at its line and column, with its scope and snippet, named by ``display``, anchor dropped."""
    anchor = finding.anchor
    el = getattr(anchor, "element", anchor)
    scope = NO_SCOPE
    if isinstance(anchor, int):
        line, column = anchor, None
    elif anchor is None:
        line, column = 1, None
    else:
        line, column = page.position(el)
        if page.may_ignore:
            scope = element_scope(el)
    text = snippet(page.lines, line, column)
    text = page.shared(_snippets).setdefault(text, text)  # one string per distinct snippet of the page
    return finding.with_(line=line, column=column, scope=scope, snippet=text, path=display, anchor=None)


def _snippets(page: Page) -> dict[str, str]:
    return {}


def _page_facts(page: Page, encoding: str) -> PageFacts:
    return PageFacts(page.path, page.format, encoding, page.title, page.ids)
