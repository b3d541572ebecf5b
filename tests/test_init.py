"""``sitelint init`` writes a starter config guessed from the pages, which then loads cleanly."""

from __future__ import annotations

import shutil
from pathlib import Path

from clirun import run

from sitelint.config import load_config

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "site"


def test_init_detects_root_domains_and_kinds(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLE, tmp_path / "public", ignore=shutil.ignore_patterns("sitelint.toml"))
    result = run(["init"], tmp_path)
    assert result.exit_code == 0
    config = load_config(tmp_path / "sitelint.toml")
    assert config.root == (tmp_path / "public").resolve()
    assert config.domains == ("www.qingshan.gov.cn", "qingshan.gov.cn")
    assert dict(config.kinds) == {"policy": ("zcwj/**",), "interpretation": ("zcjd/**",), "archive": ("archive/**",)}


def test_init_does_not_overwrite(tmp_path: Path) -> None:
    (tmp_path / "sitelint.toml").write_text("# mine\n", encoding="utf-8")
    (tmp_path / "index.html").write_text("<p>x</p>", encoding="utf-8")
    assert run(["init"], tmp_path).exit_code == 2
    assert (tmp_path / "sitelint.toml").read_text(encoding="utf-8") == "# mine\n"
    assert run(["init", "--force"], tmp_path).exit_code == 0
