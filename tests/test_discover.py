"""How discovered files are named: the per-directory shortcut gives exactly the general functions' answers."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from sitelint.discover import PathNames, child_path, display_path, relative_to

# Path pieces that exercise every branch: parents, dots, spaces, Chinese, an undecodable byte (as a
# surrogate), a leading "..", empty pieces (doubled slashes) and POSIX's leading "//".
_PIECES = ["a", "b", "..", ".", "中文", "x y", "..x.html", "p.html", "", "c\udcff", "公开/目录"]


def _paths(count: int) -> list[str]:
    rng = random.Random(20261123)
    out = []
    for _ in range(count):
        path = "/".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 5)))
        shape = rng.random()
        out.append("/" + path if shape < 0.3 else "//" + path.lstrip("/") if shape < 0.4 else path)
    return out


@pytest.mark.skipif(os.sep != "/", reason="POSIX path shapes")
@pytest.mark.parametrize("root", [Path("/srv/site"), Path("/"), Path("/tmp/a b"), Path("//net/site")])
@pytest.mark.parametrize("cwd", ["/srv", "/", "/srv/site/zcwj", "//net"])
def test_path_names_match_the_general_functions(root: Path, cwd: str) -> None:
    names = PathNames(root, cwd)
    for path in _paths(3000):
        assert names(path) == (relative_to(path, root), display_path(path, cwd)), path


def test_path_names_of_files_under_the_working_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    names = PathNames(tmp_path / "site", str(tmp_path))
    assert names(str(tmp_path / "site" / "zcwj" / "a.html")) == ("zcwj/a.html", "site/zcwj/a.html")
    assert names("site/b.html") == ("b.html", "site/b.html")
    assert names("..x.html") == ("../..x.html", str(tmp_path / "..x.html"))  # shown whole, like a path outside


@pytest.mark.parametrize("rel", ["a/b.html", "中文/公开.html", "a//b.html", "./a.html", "a/./b.html", "a/.", ".", "/x"])
def test_child_path_is_the_pathlib_join(rel: str) -> None:
    for root in (Path("/srv/site"), Path("/")):
        assert child_path(root, rel) == str(root / rel)
