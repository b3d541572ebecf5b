"""The loop: find pages, check them in parallel, run site checks, then decide.

Pages are independent until the site pass, so the page pass runs in a process
pool and sends back compact, picklable results. The parent builds the site
index, runs the site checks and applies the one decision step (codes,
severity, suppression) to every finding.
"""

from __future__ import annotations

import dataclasses
import datetime
import multiprocessing
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sitelint.cache import Cache, open_cache, run_key
from sitelint.check import Check, PageCheck, SiteCheck
from sitelint.config import Config, ConfigError, build_options
from sitelint.decode import decode_as, decode_bytes
from sitelint.discover import PathNames, child_path, discover, display_path, relative_to, site_root
from sitelint.findings import Finding, Severity
from sitelint.meta import (
    INTERNAL_ERROR,
    UNREADABLE_FILE,
    MetaRule,
)
from sitelint.page import PAGE_SUFFIXES, glob_match
from sitelint.pagepass import (
    chunks,
    collecting,
    consume,
    in_order,
    in_process,
    lint_tasks,
    lint_tasks_pickled,
    no_collections,
    unpickled,
)
from sitelint.positions import Positions
from sitelint.registry import Registry
from sitelint.site import LinkFact, Place, SiteFiles, SiteIndex, walk_site
from sitelint.suppress import NO_SCOPE, Suppressions
from sitelint.worker import (
    PageResult,
    Task,
    WorkerState,
    guarded,
    make_finding,
    set_state,
    snippet,
    start_worker,
)

if TYPE_CHECKING:
    from sitelint.baseline import Key

Rule = type[Check] | MetaRule
#: a page without a single suppression directive
_NO_SUPPRESSIONS = Suppressions()


# --- selection -------------------------------------------------------------------------------


_CODE_PREFIX = re.compile(r"^[A-Z]+\d*$")


def rule_matches(rule: Rule, selector: str) -> bool:
    """ALL, a name, a code, or a code prefix such as SL, SL1, QS."""
    return selector in ("ALL", rule.name) or (bool(_CODE_PREFIX.match(selector)) and rule.code.startswith(selector))


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
class RunResult:
    findings: list[Finding]
    files: int
    internal_errors: int = 0
    #: the displayed paths of every linted page
    paths: list[str] = dataclasses.field(default_factory=list)
    #: findings hidden by the baseline, and baseline entries that are fixed
    baselined: int = 0
    fixed: int = 0
    #: displayed path -> file system path, for --fix
    sources: dict[str, str] = dataclasses.field(default_factory=dict)
    #: pages whose results came from the cache
    cached: int = 0

    @property
    def exit_code(self) -> int:
        if self.internal_errors:
            return 2
        return 1 if any(f.severity == Severity.ERROR for f in self.findings) else 0


# --- the run ----------------------------------------------------------------------------------


class Engine:
    def __init__(self, registry: Registry, config: Config, *, select: Sequence[str] = (),
                 ignore: Sequence[str] = (), jobs: int | None = None, scheduler: str | None = None) -> None:
        if config.rules:
            from sitelint.custom import make_checks  # custom rules: only for configurations that declare them

            registry = registry.with_checks(make_checks(config.rules), config.label)
        self.registry = registry
        if config.today is None:  # one build date for the whole run, whatever the checks compare
            config = dataclasses.replace(config, today=datetime.date.today())
        self.config = config
        where = config.label
        check_selectors(registry, [*config.select, *config.extend_select, *config.ignore], where)
        for selectors in config.per_file_ignores.values():
            check_selectors(registry, selectors, where)
        check_selectors(registry, config.severity.keys(), where)
        check_selectors(registry, [*select, *ignore], "命令行")
        for name in config.checks:
            named = registry.get(name)
            if named is None:
                raise ConfigError(f"{where}: 配置了未知检查的选项 `checks.{name}`")
            if named.name != name:  # a code: the options would be looked up by name and silently not apply
                raise ConfigError(f"{where}: 检查的选项按名称配置：`checks.{name}` 应写作 `checks.{named.name}`")
        chosen = list(select) or list(config.select)
        if chosen:
            chosen += list(config.extend_select)
        ignored = [*config.ignore, *ignore]
        self.checks: list[Check] = []
        for cls in selected_checks(registry, chosen, ignored):
            options = build_options(cls.Options, config.checks.get(cls.name, {}), cls.name, where)
            try:
                self.checks.append(cls(options))
            except ConfigError as exc:  # a check that rejects an option value: name the file, as for the rest
                raise ConfigError(str(exc) if str(exc).startswith(where) else f"{where}: {exc}") from None
        self.ignored_meta = {m.name for m in registry.meta if m.can_ignore and any(rule_matches(m, s) for s in ignored)}
        self.jobs = jobs or os.cpu_count() or 1
        #: the address of a Dask scheduler that runs the page pass instead of local processes
        self.scheduler = scheduler

    @property
    def site_checks(self) -> list[SiteCheck]:
        return [c for c in self.checks if isinstance(c, SiteCheck)]

    @no_collections()
    def run(self, paths: Sequence[str], progress: Callable[[int, int], None] | None = None,
            baseline: Counter[Key] | None = None, cache_dir: Path | None = None) -> RunResult:
        cwd = os.getcwd()
        root = site_root(paths, self.config)
        files, problems = discover(paths, self.config, root)
        names = PathNames(root, cwd)
        tasks = [Task(f, *names(f)) for f in files]
        state = WorkerState(
            self.config,
            [c for c in self.checks if isinstance(c, PageCheck)],
            self.site_checks,
            walk_site(root),
        )
        context = self._context_tasks(tasks, state.site, cwd)
        cache = (open_cache(cache_dir, root, run_key(self.config, self.checks, state.site), self.config.max_file_size)
                 if cache_dir else None)
        linted = {t.display for t in tasks}
        decision = _Decision(self)

        def received(result: PageResult) -> None:  # while the workers lint the next pages
            if result.display in linted:
                decision.page(result)

        try:
            everything = self._cached_page_pass(tasks + context, state, progress, cache, received)
        finally:
            if cache is not None:
                cache.close()
        results = everything[:len(tasks)]
        for r in results:  # the pages not handed over one by one (cached, or linted on a Dask cluster)
            decision.page(r)
        unreadable = [
            make_finding(UNREADABLE_FILE, f"无法读取：{why}").with_(path=display_path(p, cwd)) for p, why in problems
        ]
        site_findings = self._site_pass(state.site, everything, linted)
        # a site check's crash (SL001, named by the site root) is always reported; other findings only on linted pages
        reported = [f for f in site_findings if f.path in linted or f.rule == INTERNAL_ERROR.name]
        # in the order of the findings: unreadable files, each page's in the order of the tasks, the site checks'
        decided = decision.finish([decision.decide(unreadable), *(decision.of(r) for r in results),
                                   decision.decide(reported)])
        internal = sum(1 for f in decided if f.rule == INTERNAL_ERROR.name)
        shown = [t.display for t in tasks]
        sources = {t.display: t.fs_path for t in tasks}
        cached = cache.hits if cache is not None else 0
        if baseline is None:
            return RunResult(decided, len(tasks), internal, shown, sources=sources, cached=cached)
        from sitelint.baseline import apply_baseline

        rules = {c.name for c in self.checks} | {m.name for m in self.registry.meta}
        applied = apply_baseline(decided, baseline, set(shown), rules)
        return RunResult(applied.findings, len(tasks), internal, shown, applied.baselined, applied.fixed, sources,
                         cached)

    def _context_tasks(self, tasks: list[Task], site: SiteFiles, cwd: str) -> list[Task]:
        """The site's other pages, when only some are linted: site checks still see the whole site
        (their facts come from the cache when it is warm), and report only on the linted pages."""
        if not self.site_checks:
            return []
        linted = {t.path for t in tasks}
        pages = sorted(p for p in site.files if p.lower().endswith(PAGE_SUFFIXES) and p not in linted
                       and not any(part.startswith(".") for part in p.split("/"))
                       and not any(glob_match(p, pat) for pat in self.config.exclude))
        names = PathNames(site.root, cwd)
        tasks = []
        for p in pages:
            path = child_path(site.root, p)
            tasks.append(Task(path, p, names(path)[1], context=True))
        return tasks

    def _cached_page_pass(self, tasks: list[Task], state: WorkerState, progress: Callable[[int, int], None] | None,
                          cache: Cache | None, received: Callable[[PageResult], None] | None = None,
                          ) -> list[PageResult]:
        if cache is None:
            return self._page_pass(tasks, state, progress, received=received)
        found, todo, keys = cache.split(tasks)
        pickled: list[bytes | None] = []
        fresh = self._page_pass([tasks[i] for i in todo], state, progress, pickled, received)
        cache.store((keys[i], r, blob) for i, r, blob in zip(todo, fresh, pickled, strict=True) if i in keys)
        found.update(zip(todo, fresh, strict=True))
        return [found[i] for i in range(len(tasks))]

    def _page_pass(self, tasks: list[Task], state: WorkerState, progress: Callable[[int, int], None] | None,
                   pickled: list[bytes | None] | None = None, received: Callable[[PageResult], None] | None = None,
                   ) -> list[PageResult]:
        """Lint ``tasks``. With ``pickled``, worker processes also hand over each result pickled for the
        cache (None for a result linted in this process). ``received`` sees each result as it comes in
        (not those of a Dask cluster)."""
        if self.scheduler is not None:  # past one machine: the workers of a Dask cluster
            from sitelint.distributed import page_pass

            with collecting(True):  # the cluster's client makes garbage of its own
                results = page_pass(self.scheduler, tasks, state, progress)
            if pickled is not None:
                pickled.extend([None] * len(results))
            return results
        jobs = min(self.jobs, max(1, len(tasks) // 8))
        set_state(state)
        if jobs <= 1:
            results = consume(in_process(tasks), len(tasks), progress, received)
            if pickled is not None:
                pickled.extend([None] * len(results))
            return results
        ctx = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
        pool = ProcessPoolExecutor(jobs, mp_context=ctx, initializer=start_worker, initargs=(state,))
        try:
            runs = chunks(len(tasks), jobs)
            with collecting(True):  # the workers are forked at the first submit(): they collect as usual
                if pickled is None:
                    linted = [pool.submit(lint_tasks, tasks[start:end]) for start, end in runs]
                else:
                    blobs = [pool.submit(lint_tasks_pickled, tasks[start:end]) for start, end in runs]
            if pickled is None:
                return consume(in_order(linted), len(tasks), progress, received)
            return consume(unpickled(in_order(blobs), pickled), len(tasks), progress, received)
        finally:
            pool.shutdown(cancel_futures=True)

    def _site_pass(self, files: SiteFiles, results: list[PageResult], linted: set[str]) -> list[Finding]:
        """The site checks' findings, placed in their pages' sources (not those on context pages, never reported)."""
        if not self.site_checks:
            return []
        site = SiteIndex(files.root, files.files, files.dirs, self.config)
        by_path: dict[str, PageResult] = {}
        facts: dict[str, dict[str, Any]] = {check.name: {} for check in self.site_checks}
        for r in results:
            if r.facts is not None:
                site.pages[r.path] = r.facts
                by_path[r.path] = r
            for name, value in r.site_facts.items():
                if name in facts:
                    facts[name][r.path] = value
        out: list[Finding] = []
        unplaced: dict[str, list[int]] = {}  # page path -> where its findings are in ``out``
        for check in self.site_checks:
            found, crash = guarded(check, partial(_site_findings, check, site, facts[check.name]))
            if crash is not None:
                out.append(crash.with_(path=display_path(str(files.root), os.getcwd())))
            for f in found or []:
                page = by_path.get(f.path)
                if page is not None and page.display not in linted:
                    continue
                if isinstance(f.anchor, Place):  # its text came with it
                    out.append(_site_anchor(f, page, [], None))
                else:
                    unplaced.setdefault(f.path, []).append(len(out))
                    out.append(f)
        for path, indexes in unplaced.items():  # each page's source is read once, for all its findings
            page = by_path.get(path)
            lines, positions = _source(page)
            for i in indexes:
                out[i] = _site_anchor(out[i], page, lines, positions)
        return out

    # --- the decision --------------------------------------------------------------------------

    def decide(self, findings: list[Finding], pages: dict[str, PageResult], root: Path) -> list[Finding]:
        """The decided findings (codes, severity, suppression), sorted; ``pages`` by displayed path."""
        decision = _Decision(self)
        for page in pages.values():
            decision.know(page)
        return decision.finish([decision.decide(findings)])

    def _configured_severity(self, rule: Rule) -> Severity | None:
        for key in (rule.name, rule.code):
            if key in self.config.severity:
                return self.config.severity[key]
        return None

    def _suppressed(self, f: Finding, rule: Rule, page: PageResult | None,
                    file_ignores: dict[tuple[str, str], bool]) -> bool:
        keys = (rule.name, rule.code)
        if f.scope and (any(k in f.scope for k in keys) or "*" in f.scope):
            return True
        if page is None:
            return False
        if page.suppressions.covers(f.line, keys):
            return True
        if not self.config.per_file_ignores:
            return False
        key = (page.display, rule.name)
        if key not in file_ignores:
            file_ignores[key] = self._ignored_for_file(page, rule.name)
        return file_ignores[key]

    def _ignored_for_file(self, page: PageResult, name: str) -> bool:
        candidates = {page.path, relative_to(page.fs_path, self.config.base)}
        for pattern, selectors in self.config.per_file_ignores.items():
            if any(glob_match(c, pattern) for c in candidates):
                rule = self.registry.get(name)
                if rule is not None and any(rule_matches(rule, s) for s in selectors):
                    return True
        return False


#: decided findings and their sort keys (``Finding.sort_key()``), in the order the findings came in
_Decided = tuple[list[Finding], list[tuple[str, int, int, str]]]


class _Decision:
    """The engine's one decision step for each finding: its rule's code, its severity, whether a suppression
    hides it. A page's findings are decided as soon as the page pass hands its result over (the parent
    process waits for the workers then), the others once the site pass is done."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        # by rule name: the rule (None for an engine rule the run ignores), its code, the severity its findings
        # get if configured (else the finding's own, else the rule's default), whether it can be suppressed
        self.rules: dict[str, tuple[Rule | None, str, Severity | None, Severity, bool]] = {
            rule.name: (None if rule.name in engine.ignored_meta else rule, rule.code,
                        engine._configured_severity(rule), rule.default_severity, rule.can_ignore)
            for rule in engine.registry.rules()}
        self.pages: dict[str, PageResult] = {}  # by displayed path
        # the pages where more than a finding's own scope can hide it: their directives or per-file-ignores
        self.hiding: set[str] = set()
        self.file_ignores: dict[tuple[str, str], bool] = {}  # (page, rule): per-file-ignores turn it off
        self.decided: dict[str, _Decided] = {}  # each page's own findings, by displayed path

    def know(self, page: PageResult) -> None:
        self.pages[page.display] = page
        if self.engine.config.per_file_ignores or page.suppressions != _NO_SUPPRESSIONS:
            self.hiding.add(page.display)

    def page(self, page: PageResult) -> None:
        """Decide the page's own findings (once)."""
        if page.display not in self.decided:
            self.know(page)
            self.decided[page.display] = self.decide(page.findings)

    def of(self, page: PageResult) -> _Decided:
        return self.decided[page.display]

    def decide(self, findings: list[Finding]) -> _Decided:
        """Findings on the pages known so far (or on no page)."""
        rules, hiding, pages = self.rules, self.hiding, self.pages
        out = []
        keys = []
        for f in findings:
            found = rules.get(f.rule)
            if found is None:  # a check reporting under another name is a bug in the check
                f = f.with_(message=f"检查报告了未注册的名称 `{f.rule}`：{f.message}", rule=INTERNAL_ERROR.name)
                found = rules[INTERNAL_ERROR.name]
            rule, code, configured, default, can_ignore = found
            if rule is None:
                continue
            if can_ignore and (f.scope or f.path in hiding) \
                    and self.engine._suppressed(f, rule, pages.get(f.path), self.file_ignores):
                continue
            out.append(f.decided(code, configured or f.severity or default))
            keys.append((f.path, f.line, f.column or 0, code))
        return out, keys

    def finish(self, parts: Iterable[_Decided]) -> list[Finding]:
        """The decided findings of ``parts`` in one list, sorted, template problems grouped."""
        findings: list[Finding] = []
        keys: list[tuple[str, int, int, str]] = []
        for part, part_keys in parts:
            findings += part
            keys += part_keys
        order = sorted(range(len(findings)), key=keys.__getitem__)  # findings.sort(key=Finding.sort_key)
        per_template = {r.name for r in self.engine.registry.checks if r.per_template}
        return _group_templates([findings[i] for i in order], per_template)


def _site_findings(check: SiteCheck, site: SiteIndex, facts: dict[str, Any]) -> list[Finding]:
    return list(check.check_site(site, facts))


def _group_templates(findings: list[Finding], rules: set[str]) -> list[Finding]:
    """One finding per template problem: identical messages of a per-template check across pages
    are reported once, on the first page, with the number of pages that share it."""
    if not rules:
        return findings
    groups: dict[tuple[str, str], list[Finding]] = {}
    first: dict[tuple[str, str], int] = {}  # where each group's first finding is in ``out``
    out: list[Finding] = []
    for f in findings:
        if f.rule in rules:
            key = (f.rule, f.message)
            group = groups.get(key)
            if group is not None:
                group.append(f)
                continue
            groups[key] = [f]
            first[key] = len(out)
        out.append(f)
    for key, i in first.items():
        group = groups[key]
        if len(group) > 1:
            out[i] = group[0].with_(message=f"{group[0].message}（共 {len(group)} 个页面，另见 {group[1].path} 等）")
    return out


def _source(page: PageResult | None) -> tuple[list[str], Positions | None]:
    """A page's source lines (and tag positions for HTML), re-read only to place and show site findings."""
    if page is None or not page.fs_path:
        return [], None
    try:
        with open(page.fs_path, "rb") as fh:
            data = fh.read()
        markup = page.facts is None or page.facts.format != "markdown"
        text = decode_as(data, page.encoding) if page.encoding else decode_bytes(data, markup=markup).text
    except OSError:
        text = ""
    positions = Positions(text) if page.facts is not None and page.facts.format == "html" else None
    return text.splitlines(), positions


def _site_anchor(f: Finding, page: PageResult | None, lines: list[str], positions: Positions | None) -> Finding:
    anchor = f.anchor
    display = page.display if page is not None else f.path
    column: int | None = None
    if isinstance(anchor, Place):
        return f.with_(path=display, line=anchor.line, column=None, scope=NO_SCOPE, anchor=None,
                       snippet=anchor.snippet)
    if isinstance(anchor, LinkFact):
        line, scope = anchor.line, anchor.scope
        if positions is not None:
            line, column = positions.locate(anchor.tag, anchor.ordinal, anchor.line)
    else:
        line, scope = (anchor if isinstance(anchor, int) else 1), NO_SCOPE
    text = snippet(lines, line, column)
    return f.with_(path=display, line=line, column=column, scope=scope, anchor=None, snippet=text)
