"""The demo site exercises every check: each planted defect is marked on its line, nothing else is found."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from harness import actual, describe, expectations, lint, page_files, registry

SITE = Path(__file__).resolve().parent.parent / "examples" / "site"


def test_demo_site_findings_are_exactly_the_planted_defects() -> None:
    expected: Counter[tuple[str, int, str]] = Counter()
    for f in page_files(SITE):
        expected += expectations(f, f.relative_to(SITE).as_posix())
    result = lint(SITE, ["."], [])
    got = actual(result)
    assert got == expected, describe(expected, got, result)


def test_demo_site_exercises_every_check() -> None:
    planted = {rule for f in page_files(SITE) for (_p, _l, rule) in expectations(f, f.name)}
    checks = {c.name for c in registry().checks if c.origin == "sitelint"}
    assert checks <= planted, f"checks the demo site does not show: {sorted(checks - planted)}"
