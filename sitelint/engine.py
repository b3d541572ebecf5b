"""The loop: find pages, check them in parallel, run site checks, then decide.

Pages are independent until the site pass, so the page pass runs in a process
pool and sends back compact, picklable results. The parent builds the site
index, runs the site checks and applies the one decision step (codes,
severity, suppression) to every finding.
"""

from __future__ import annotations

import multiprocessing
import os
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitelint.check import Check, PageCheck, SiteCheck
from sitelint.config import Config, ConfigError, build_options
from sitelint.decode import decode_bytes, looks_binary
from sitelint.findings import Finding, Severity
from sitelint.meta import (
    EMPTY_FILE,
    ENCODING_ERROR,
    FILE_TOO_LARGE,
    INTERNAL_ERROR,
    PARSE_ERROR,
    UNREADABLE_FILE,
    MetaRule,
)
from sitelint.page import PAGE_SUFFIXES, Page, glob_match, page_format
from sitelint.registry import Registry
from sitelint.site import LinkFact, PageFacts, SiteIndex, walk_site
from sitelint.suppress import ATTRIBUTE, Suppressions, element_scope, parse_directives

Rule = type[Check] | MetaRule
_SNIPPET_WIDTH = 160


# --- selection -------------------------------------------------------------------------------


def rule_matches(rule: Rule, selector: str) -> bool:
    return selector == "ALL" or selector == rule.name or (selector.startswith("SL") and rule.code.startswith(selector))


def check_selectors(registry: Registry, selectors: Iterable[str], where: str) -> None:
    rules = registry.rules()
    for sel in selectors:
        if not any(rule_matches(r, sel) for r in rules):
            raise ConfigError(f"{where}: 未知的检查名称或代码 `{sel}`（`sitelint rules` 列出全部检查）")


def selected_checks(registry: Registry, select: Sequence[str], ignore: Sequence[str]) -> list[type[Check]]:
    chosen = []
    for cls in registry.checks:
        on = any(rule_matches(cls, s) for s in select) if select else getattr(cls, "enabled_by_default", True)
        if on and not any(rule_matches(cls, s) for s in ignore):
            chosen.append(cls)
    return chosen


# --- results ----------------------------------------------------------------------------------


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


@dataclass
class RunResult:
    findings: list[Finding]
    files: int
    internal_errors: int = 0

    @property
    def exit_code(self) -> int:
        if self.internal_errors:
            return 2
        return 1 if any(f.severity == Severity.ERROR for f in self.findings) else 0


@dataclass(frozen=True)
class Task:
    fs_path: str
    path: str
    display: str


# --- discovery --------------------------------------------------------------------------------


def display_path(fs_path: str, cwd: str) -> str:
    absolute = os.path.abspath(fs_path)
    rel = os.path.relpath(absolute, cwd)
    shown = absolute if rel.startswith("..") else rel
    shown = shown.replace(os.sep, "/")
    return shown.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def site_root(paths: Sequence[str], config: Config) -> Path:
    if config.root is not None:
        return config.root
    first = Path(paths[0]) if paths else Path(".")
    if first.is_dir():
        return first.resolve()
    if config.path is not None:
        return config.base.resolve()
    cwd = Path.cwd().resolve()
    parent = first.resolve().parent
    return cwd if parent == cwd or cwd in parent.parents else parent


def _excluded(rel: str, config: Config) -> bool:
    return any(glob_match(rel, pat) for pat in config.exclude)


def discover(paths: Sequence[str], config: Config, root: Path) -> tuple[list[str], list[tuple[str, str]]]:
    """Page files under ``paths`` and (path, problem) pairs for what could not be walked."""
    found: list[str] = []
    problems: list[tuple[str, str]] = []
    for raw in paths or ["."]:
        if os.path.isdir(raw):
            _walk(raw, config, root, found, problems)
        elif os.path.lexists(raw):
            found.append(raw)
        else:
            problems.append((raw, "路径不存在"))
    seen: set[str] = set()
    unique = []
    for p in found:
        key = os.path.realpath(p)
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique, problems


def _walk(top: str, config: Config, root: Path, found: list[str], problems: list[tuple[str, str]]) -> None:
    visited: set[tuple[int, int]] = set()
    for current, dirs, names in os.walk(top, followlinks=True, onerror=lambda e: problems.append(
            (e.filename or top, e.strerror or str(e)))):
        st = os.stat(current)
        if (st.st_dev, st.st_ino) in visited:
            real = os.path.realpath(current)
            if os.path.abspath(current).startswith(real + os.sep):
                problems.append((current, "符号链接循环：该目录指向它自己的上级目录"))
            dirs[:] = []
            continue
        visited.add((st.st_dev, st.st_ino))
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "node_modules"
                         and not _excluded(_rel(os.path.join(current, d), root), config))
        for name in sorted(names):
            full = os.path.join(current, name)
            if name.lower().endswith(PAGE_SUFFIXES) and not _excluded(_rel(full, root), config):
                found.append(full)


def _rel(fs_path: str, root: Path) -> str:
    rel = os.path.relpath(os.path.abspath(fs_path), root)
    return rel.replace(os.sep, "/")


# --- the page pass (runs in workers) ------------------------------------------------------------


@dataclass
class WorkerState:
    config: Config
    page_checks: list[PageCheck]
    site_checks: list[SiteCheck]
    root: Path
    collect_links: bool
    stylesheets: dict[str, str | None] = field(default_factory=dict)

    def load_stylesheet(self, target: str) -> str | None:
        if target not in self.stylesheets:
            text = None
            full = self.root / target
            try:
                if full.suffix.lower() == ".css" and full.is_file() and full.stat().st_size < 2_000_000:
                    text = decode_bytes(full.read_bytes()).text
            except OSError:
                text = None
            self.stylesheets[target] = text
        return self.stylesheets[target]


_STATE: WorkerState | None = None


def _set_state(state: WorkerState) -> None:
    global _STATE
    _STATE = state


def _meta(rule: MetaRule, message: str, line: int = 1) -> Finding:
    return Finding(rule=rule.name, message=message, line=line)


def lint_task(task: Task) -> PageResult:
    assert _STATE is not None
    state = _STATE
    result = PageResult(task.path, task.display, fs_path=task.fs_path)
    try:
        _lint_into(task, state, result)
    except Exception as exc:  # the engine's own failure on this page: loud, named, not fatal
        result.findings.append(_meta(INTERNAL_ERROR, f"sitelint 处理该页面时出错：{type(exc).__name__}: {exc}"))
        result.findings[-1] = result.findings[-1].with_(snippet=traceback.format_exc(limit=3)[-400:])
    for i, f in enumerate(result.findings):
        result.findings[i] = f.with_(path=task.display, anchor=None)
    return result


def _read(task: Task, state: WorkerState, result: PageResult) -> bytes | None:
    name_ok = True
    try:
        task.fs_path.encode("utf-8")
    except UnicodeEncodeError:
        name_ok = False
    if not name_ok:
        result.findings.append(_meta(ENCODING_ERROR, "文件名不是有效的 UTF-8，链接无法可靠地指向它"))
    try:
        if not os.path.isfile(task.fs_path):
            problem = "符号链接指向不存在的文件或形成循环" if os.path.islink(task.fs_path) else "不是普通文件"
            result.findings.append(_meta(UNREADABLE_FILE, f"无法读取：{problem}"))
            return None
        size = os.path.getsize(task.fs_path)
        if size > state.config.max_file_size:
            result.findings.append(_meta(FILE_TOO_LARGE, (
                f"文件大小 {size / 1048576:.1f} MB，超过 max-file-size（{state.config.max_file_size / 1048576:.1f} MB），"
                "未检查")))
            return None
        with open(task.fs_path, "rb") as fh:
            return fh.read()
    except OSError as exc:
        result.findings.append(_meta(UNREADABLE_FILE, f"无法读取：{exc.strerror or exc}"))
        return None


def _lint_into(task: Task, state: WorkerState, result: PageResult) -> None:
    data = _read(task, state, result)
    if data is None:
        return
    if looks_binary(data):
        result.findings.append(_meta(UNREADABLE_FILE, "这是二进制文件，不是文本页面（含有 NUL 字节）"))
        return
    decoded = decode_bytes(data, state.config.encoding)
    result.encoding = decoded.encoding
    if decoded.errors:
        result.findings.append(_meta(ENCODING_ERROR, (
            f"有 {decoded.errors} 处字节无法按 {decoded.encoding} 解码，已替换为 U+FFFD 后继续检查"),
            decoded.first_error_line or 1))
    if not decoded.text.strip():
        result.findings.append(_meta(EMPTY_FILE, "页面文件为空"))
        return
    fmt = page_format(task.path) or "html"
    page = Page(task.path, decoded.text, state.config, fmt=fmt, stylesheet_loader=state.load_stylesheet)
    result.suppressions = parse_directives(decoded.text)
    page.root  # noqa: B018 - parse now so parse problems are known before checks run
    for line, message in page.parse_problems:
        result.findings.append(_meta(PARSE_ERROR, message, line))
    for check in state.page_checks:
        if fmt in check.formats:
            result.findings.extend(_run_check(check, page, lambda c=check: c.check(page)))
    for site_check in state.site_checks:
        if fmt in site_check.formats:
            facts: list[Any] = []
            errors = _run_check(site_check, page, lambda c=site_check: iter([("facts", c.collect(page))]), facts)
            result.findings.extend(errors)
            if facts and facts[0] is not None:
                result.site_facts[site_check.name] = facts[0]
    result.facts = _page_facts(page, decoded.encoding, state.collect_links)


def _run_check(check: Check, page: Page, produce: Callable[[], Iterator[Any]],
               sink: list[Any] | None = None) -> list[Finding]:
    out: list[Finding] = []
    try:
        for item in produce():
            if sink is not None:
                sink.append(item[1])
                continue
            out.append(_anchor(item, page))
    except Exception as exc:
        where = traceback.extract_tb(exc.__traceback__)[-1]
        out = [_meta(INTERNAL_ERROR, (
            f"检查 `{check.name}`（{check.code}）在该页面上出错：{type(exc).__name__}: {exc}"
            f"（{os.path.basename(where.filename)}:{where.lineno}）"))]
    return out


def _anchor(finding: Finding, page: Page) -> Finding:
    anchor = finding.anchor
    el = getattr(anchor, "element", anchor)
    scope: frozenset[str] = frozenset()
    if isinstance(anchor, int):
        line, column = anchor, None
    elif anchor is None:
        line, column = 1, None
    else:
        line, column = page.position(el)
        if ATTRIBUTE in page.html:
            scope = element_scope(el)
    return finding.with_(line=line, column=column, scope=scope, snippet=_snippet(page.lines, line, column))


def _snippet(lines: Sequence[str], line: int, column: int | None) -> str:
    if not 0 < line <= len(lines):
        return ""
    text = lines[line - 1]
    if len(text) <= _SNIPPET_WIDTH:
        return text
    start = max(0, (column or 1) - 1 - _SNIPPET_WIDTH // 4)
    return text[start:start + _SNIPPET_WIDTH]


def _page_facts(page: Page, encoding: str, collect_links: bool) -> PageFacts:
    links: list[LinkFact] = []
    if collect_links:
        check_scope = ATTRIBUTE in page.html
        for link in page.links:
            if not link.internal or link.target is None:
                continue
            line, column = page.position(link.element)
            scope = element_scope(link.element) if check_scope else frozenset()
            links.append(LinkFact(link.tag, link.attr, link.raw, link.target, link.fragment, line, column, scope))
    return PageFacts(page.path, page.format, encoding, page.title, page.ids, tuple(links))


# --- the run ----------------------------------------------------------------------------------


class Engine:
    def __init__(self, registry: Registry, config: Config, *, select: Sequence[str] = (),
                 ignore: Sequence[str] = (), jobs: int | None = None) -> None:
        self.registry = registry
        self.config = config
        where = config.label
        check_selectors(registry, [*config.select, *config.extend_select, *config.ignore], where)
        for selectors in config.per_file_ignores.values():
            check_selectors(registry, selectors, where)
        check_selectors(registry, config.severity.keys(), where)
        check_selectors(registry, [*select, *ignore], "命令行")
        for name in config.checks:
            if registry.get(name) is None:
                raise ConfigError(f"{where}: 配置了未知检查的选项 `checks.{name}`")
        chosen = list(select) or list(config.select)
        if chosen:
            chosen += list(config.extend_select)
        ignored = [*config.ignore, *ignore]
        self.checks: list[Check] = []
        for cls in selected_checks(registry, chosen, ignored):
            options = build_options(cls.Options, config.checks.get(cls.name, {}), cls.name, where)
            self.checks.append(cls(options))
        self.ignored_meta = {m.name for m in registry.meta if m.can_ignore and any(rule_matches(m, s) for s in ignored)}
        self.jobs = jobs or os.cpu_count() or 1

    @property
    def site_checks(self) -> list[SiteCheck]:
        return [c for c in self.checks if isinstance(c, SiteCheck)]

    def run(self, paths: Sequence[str], progress: Callable[[int, int], None] | None = None) -> RunResult:
        cwd = os.getcwd()
        root = site_root(paths, self.config)
        files, problems = discover(paths, self.config, root)
        tasks = [Task(f, _rel(f, root), display_path(f, cwd)) for f in files]
        state = WorkerState(
            self.config,
            [c for c in self.checks if isinstance(c, PageCheck)],
            self.site_checks,
            root,
            collect_links=bool(self.site_checks),
        )
        results = self._page_pass(tasks, state, progress)
        findings: list[Finding] = [
            _meta(UNREADABLE_FILE, f"无法读取：{why}").with_(path=display_path(p, cwd)) for p, why in problems
        ]
        for r in results:
            findings.extend(r.findings)
        findings.extend(self._site_pass(root, results))
        decided = self.decide(findings, {r.display: r for r in results}, root)
        internal = sum(1 for f in decided if f.rule == INTERNAL_ERROR.name)
        return RunResult(decided, len(tasks), internal)

    def _page_pass(self, tasks: list[Task], state: WorkerState,
                   progress: Callable[[int, int], None] | None) -> list[PageResult]:
        jobs = min(self.jobs, max(1, len(tasks) // 8))
        _set_state(state)
        results: list[PageResult] = []
        if jobs <= 1:
            mapped: Iterable[PageResult] = map(lint_task, tasks)
            pool = None
        else:
            ctx = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
            pool = ProcessPoolExecutor(jobs, mp_context=ctx, initializer=_set_state, initargs=(state,))
            chunk = max(1, min(64, len(tasks) // (jobs * 8)))
            mapped = pool.map(lint_task, tasks, chunksize=chunk)
        try:
            for i, result in enumerate(mapped, 1):
                results.append(result)
                if progress is not None:
                    progress(i, len(tasks))
        finally:
            if pool is not None:
                pool.shutdown(cancel_futures=True)
        return results

    def _site_pass(self, root: Path, results: list[PageResult]) -> list[Finding]:
        if not self.site_checks:
            return []
        files, dirs = walk_site(root)
        site = SiteIndex(root, self.config, files, dirs)
        by_path: dict[str, PageResult] = {}
        for r in results:
            if r.facts is not None:
                site.pages[r.path] = r.facts
                by_path[r.path] = r
        out: list[Finding] = []
        sources = _SourceLines()
        for check in self.site_checks:
            facts = {r.path: r.site_facts[check.name] for r in results if check.name in r.site_facts}
            try:
                for f in check.check_site(site, facts):
                    out.append(_site_anchor(f, by_path.get(f.path), sources))
            except Exception as exc:
                where = traceback.extract_tb(exc.__traceback__)[-1]
                out.append(_meta(INTERNAL_ERROR, (
                    f"站点检查 `{check.name}`（{check.code}）出错：{type(exc).__name__}: {exc}"
                    f"（{os.path.basename(where.filename)}:{where.lineno}）")).with_(path=str(root)))
        return out

    # --- the decision --------------------------------------------------------------------------

    def decide(self, findings: list[Finding], pages: dict[str, PageResult], root: Path) -> list[Finding]:
        rules: dict[str, Rule] = {r.name: r for r in self.registry.rules()}
        out = []
        for f in findings:
            rule = rules.get(f.rule)
            if rule is None:  # a check reporting under another name is a bug in the check
                f = f.with_(message=f"检查报告了未注册的名称 `{f.rule}`：{f.message}", rule=INTERNAL_ERROR.name)
                rule = INTERNAL_ERROR
            if f.rule in self.ignored_meta:
                continue
            keys = (rule.name, rule.code)
            if rule.can_ignore and self._suppressed(f, keys, pages.get(f.path), root):
                continue
            severity = self._severity(rule, f)
            out.append(f.with_(code=rule.code, severity=severity))
        out.sort(key=Finding.sort_key)
        return out

    def _severity(self, rule: Rule, f: Finding) -> Severity:
        for key in (rule.name, rule.code):
            if key in self.config.severity:
                return self.config.severity[key]
        return f.severity or rule.default_severity

    def _suppressed(self, f: Finding, keys: tuple[str, ...], page: PageResult | None, root: Path) -> bool:
        if any(k in f.scope for k in keys) or "*" in f.scope:
            return True
        if page is not None and page.suppressions.covers(f.line, keys):
            return True
        if self.config.per_file_ignores and page is not None:
            candidates = {page.path, _rel(page.fs_path, self.config.base)}
            for pattern, selectors in self.config.per_file_ignores.items():
                if any(glob_match(c, pattern) for c in candidates):
                    rule = self.registry.get(keys[0])
                    if rule is not None and any(rule_matches(rule, s) for s in selectors):
                        return True
        return False


class _SourceLines:
    """Source lines of pages, re-read only to show the snippet of a site finding."""

    def __init__(self) -> None:
        self._cache: dict[str, list[str]] = {}

    def get(self, page: PageResult | None) -> list[str]:
        if page is None or not page.fs_path:
            return []
        if page.fs_path not in self._cache:
            try:
                with open(page.fs_path, "rb") as fh:
                    data = fh.read()
                self._cache[page.fs_path] = decode_bytes(data, page.encoding).text.splitlines()
            except OSError:
                self._cache[page.fs_path] = []
        return self._cache[page.fs_path]


def _site_anchor(f: Finding, page: PageResult | None, sources: _SourceLines) -> Finding:
    anchor = f.anchor
    display = page.display if page is not None else f.path
    if isinstance(anchor, LinkFact):
        line, column, scope = anchor.line, anchor.column, anchor.scope
    else:
        line, column, scope = (anchor if isinstance(anchor, int) else 1), None, frozenset()
    snippet = _snippet(sources.get(page), line, column)
    return f.with_(path=display, line=line, column=column, scope=scope, anchor=None, snippet=snippet)
