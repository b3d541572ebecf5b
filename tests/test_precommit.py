"""sitelint as a real pre-commit hook repository: a defect blocks the commit, the fix lets it through."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BAD = '<html><head><title>通知</title></head><body>\n<a href="missing.html">失效链接</a>\n</body></html>\n'
GOOD = '<html><head><title>通知</title></head><body>\n<a href="other.html">正常链接</a>\n</body></html>\n'


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=60)


@pytest.fixture(scope="module")
def hook_rev() -> str:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    head = _git(ROOT, "rev-parse", "HEAD")
    if head.returncode != 0:
        pytest.skip("this checkout is not a git repository, so it cannot serve as a hook repository")
    return head.stdout.strip()


def _precommit(cwd: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=900, env=env)


def test_hooks_block_a_defect_and_pass_the_fix(tmp_path: Path, hook_rev: str) -> None:
    repo = tmp_path / "site"
    repo.mkdir()
    home = tmp_path / "pre-commit-home"
    assert _git(repo, "init", "-q").returncode == 0
    _git(repo, "config", "user.email", "editor@example.gov.cn")
    _git(repo, "config", "user.name", "网站编辑")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {hook_rev}\n    hooks:\n      - id: sitelint\n      - id: sitelint-site\n",
        encoding="utf-8")
    (repo / "sitelint.toml").write_text('domains = ["www.example.gov.cn"]\n', encoding="utf-8")
    (repo / "other.html").write_text(GOOD, encoding="utf-8")
    (repo / "page.html").write_text(BAD, encoding="utf-8")
    _git(repo, "add", ".")
    installed = _precommit(repo, home, "install")
    assert installed.returncode == 0, installed.stdout + installed.stderr

    blocked = _git(repo, "commit", "-q", "-m", "发布通知")
    assert blocked.returncode != 0, "the defect must block the commit"
    assert "SL701" in blocked.stdout + blocked.stderr
    assert _git(repo, "rev-parse", "--verify", "HEAD").returncode != 0, "nothing was committed"

    (repo / "page.html").write_text(GOOD, encoding="utf-8")
    _git(repo, "add", "page.html")
    passed = _git(repo, "commit", "-q", "-m", "发布通知")
    assert passed.returncode == 0, passed.stdout + passed.stderr

    site = _precommit(repo, home, "run", "sitelint-site", "--all-files")
    assert site.returncode == 0, site.stdout + site.stderr
