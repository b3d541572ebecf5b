"""Run the command line in-process and read its JSON."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from sitelint.cli import main


def run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> Result:
    old = os.getcwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(main, args, env=env, catch_exceptions=False)
    finally:
        os.chdir(old)


def run_json(args: list[str], cwd: Path) -> tuple[int, dict[str, Any]]:
    result = run(["--format", "json", "-j1", *args], cwd)
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)


def found(doc: dict[str, Any]) -> list[tuple[str, int, str]]:
    return [(d["path"], d["line"], d["rule"]) for d in doc["diagnostics"]]


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root
