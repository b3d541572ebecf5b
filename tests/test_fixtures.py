"""Every fixture page and mini-site, compared exactly against its inline expectations."""

from __future__ import annotations

from pathlib import Path

import pytest
from harness import FIXTURES, check_case, describe, fixture_cases

CASES = fixture_cases()


def test_fixtures_exist() -> None:
    assert CASES, f"no fixtures under {FIXTURES}"


@pytest.mark.parametrize(
    ("name", "root", "target"),
    CASES,
    ids=[f"{n}/{t.relative_to(FIXTURES / n).as_posix()}" for n, _r, t in CASES],
)
def test_fixture(name: str, root: Path, target: Path) -> None:
    expected, got, result = check_case(name, root, target)
    assert got == expected, "findings differ from the expect: comments\n" + describe(expected, got, result)
