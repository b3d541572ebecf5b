"""The site pass: site findings are placed in their pages without re-parsing them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import sitelint.engine as engine_module
from sitelint.config import Config
from sitelint.engine import Engine
from sitelint.registry import load_registry

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def test_findings_at_a_place_are_shown_without_reading_the_page_again(monkeypatch: pytest.MonkeyPatch) -> None:
    site = FIXTURES / "missing-policy-interpretation" / "guessed"
    read: list[str] = []
    real = engine_module._source

    def source(page: Any) -> Any:
        read.append(page.path)
        return real(page)

    monkeypatch.setattr(engine_module, "_source", source)
    result = Engine(load_registry(), Config(), select=["missing-policy-interpretation"], jobs=1).run([str(site)])
    assert result.findings and not read
    for f in result.findings:  # the line's text is still shown, as the file has it
        lines = (Path.cwd() / f.path).read_text(encoding="utf-8").splitlines()
        assert f.snippet == lines[f.line - 1][:160]
