"""The README stays true: every check is in its table, and its quickstart is what CI runs."""

from __future__ import annotations

import re
from pathlib import Path

from harness import registry

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_rule_is_in_the_checks_table() -> None:
    rows = set(re.findall(r"^\| (SL\d{3}) \| `([a-z0-9-]+)` \|", README, re.MULTILINE))
    expected = {(r.code, r.name) for r in registry().rules() if r.origin == "sitelint"}
    assert rows == expected


def test_quickstart_commands() -> None:
    blocks = re.findall(r"```sh\n(.*?)\n```", README, re.DOTALL)
    assert blocks[0] == "pip install . && sitelint examples/site"
    assert blocks[1] == 'pip install -e ".[test]" && pytest'
    assert 'pip install -e ".[test]" && pytest' in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
