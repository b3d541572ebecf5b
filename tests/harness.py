"""The fixture harness: lint annotated pages and compare (file, line, rule) exactly.

An expectation is written on the offending line, in whatever comment the
line can hold::

    <a href="/missing.html">…</a>  <!-- expect: broken-internal-link -->
    title: 关于… # expect: unlabeled-archive          (YAML front matter)

``expect-next-line:`` puts it on the following line (for lines that cannot
hold a comment). Several names, or the same name twice, are comma-separated.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from sitelint.config import Config, load_config
from sitelint.engine import Engine, RunResult
from sitelint.page import PAGE_SUFFIXES
from sitelint.registry import Registry, load_registry

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
_EXPECT = re.compile(
    r"(?:<!--|/\*|#|//)\s*expect(?P<next>-next-line)?:\s*(?P<names>[a-z0-9][a-z0-9, -]*?)\s*(?:-->|\*/|$)"
)

Expectation = tuple[str, int, str]

_REGISTRY: Registry | None = None


def registry() -> Registry:
    global _REGISTRY
    if _REGISTRY is None:
        _REGISTRY = load_registry()
    return _REGISTRY


def expectations(path: Path, rel: str) -> Counter[Expectation]:
    found: Counter[Expectation] = Counter()
    text = path.read_bytes().decode("utf-8", "replace")
    for number, line in enumerate(text.splitlines(), 1):
        for m in _EXPECT.finditer(line):
            target = number + 1 if m.group("next") else number
            for name in m.group("names").split(","):
                if name.strip():
                    found[(rel, target, name.strip())] += 1
    return found


def page_files(root: Path) -> Iterable[Path]:
    for p in sorted(root.rglob("*")):
        if p.is_file() and p.name.lower().endswith(PAGE_SUFFIXES):
            yield p


def lint(root: Path, targets: Sequence[str], select: Sequence[str], config: Config | None = None) -> RunResult:
    """Lint ``targets`` (relative to ``root``) from inside ``root`` with only ``select`` enabled."""
    cfg_file = root / "sitelint.toml"
    if config is None:
        config = load_config(cfg_file) if cfg_file.is_file() else Config(base=root, root=root)
    if config.root is None:
        config = Config(**{**config.__dict__, "root": root})
    old = os.getcwd()
    os.chdir(root)
    try:
        engine = Engine(registry(), config, select=list(select), jobs=1)
        return engine.run(list(targets))
    finally:
        os.chdir(old)


def actual(result: RunResult) -> Counter[Expectation]:
    return Counter((f.path, f.line, f.rule) for f in result.findings)


def fixture_cases() -> list[tuple[str, Path, Path]]:
    """(check name, lint root, target): single pages and mini-site directories."""
    cases = []
    if not FIXTURES.is_dir():
        return cases
    for check_dir in sorted(p for p in FIXTURES.iterdir() if p.is_dir()):
        for entry in sorted(check_dir.iterdir()):
            if entry.is_dir():
                cases.append((check_dir.name, entry, entry))
            elif entry.name.lower().endswith(PAGE_SUFFIXES):
                cases.append((check_dir.name, check_dir, entry))
    return cases


def check_case(name: str, root: Path, target: Path) -> tuple[Counter[Expectation], Counter[Expectation], RunResult]:
    if target.is_dir():
        files = list(page_files(target))
        targets = ["."]
    else:
        files = [target]
        targets = [target.name]
    expected: Counter[Expectation] = Counter()
    for f in files:
        expected += expectations(f, f.relative_to(root).as_posix())
    result = lint(root, targets, [name])
    return expected, actual(result), result


def describe(expected: Counter[Expectation], got: Counter[Expectation], result: RunResult) -> str:
    missing = expected - got
    extra = got - expected
    lines = []
    for (path, line, rule), n in sorted(missing.items()):
        lines.append(f"  missing: {path}:{line} {rule} x{n}")
    for f in result.findings:
        if extra[(f.path, f.line, f.rule)]:
            lines.append(f"  unexpected: {f.path}:{f.line} {f.rule}: {f.message}")
    return "\n".join(lines)
