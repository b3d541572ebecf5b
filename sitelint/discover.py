"""Which files to lint, where the site root is, and how paths are shown."""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from pathlib import Path

from sitelint.config import Config
from sitelint.meta import os_error_text
from sitelint.page import PAGE_SUFFIXES, glob_match


def display_path(fs_path: str, cwd: str) -> str:
    absolute = os.path.abspath(fs_path)
    rel = _relpath(absolute, os.path.abspath(cwd))
    shown = absolute if rel.startswith("..") else rel
    shown = shown.replace(os.sep, "/")
    return shown.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def site_root(paths: Sequence[str], config: Config) -> Path:
    if config.root is not None:
        return config.root
    first = Path(paths[0]) if paths else Path(".")
    if first.is_dir():  # the linted directory, or the site it is a column of
        return guess_root(first.resolve())
    if config.path is not None:
        return config.base.resolve()
    return guess_root(first.resolve().parent)


_INDEXES = ("index.html", "index.htm", "index.shtml", "default.htm", "default.html")


def _has_index(directory: Path) -> bool:
    return any((directory / name).is_file() for name in _INDEXES)


def guess_root(directory: Path) -> Path:
    """Without configuration: the top of the chain of directories that hold an index page.

    A built site has an index page at its root and usually in each column directory, so
    ``site/zcwj/2024/a.html`` finds ``site/`` and ``/css/main.css`` resolves there.
    """
    best, current = directory, directory
    while current.parent != current:
        parent = current.parent
        if not _has_index(parent):
            break
        best = current = parent
    return best


def _excluded(fs_path: str, root: Path, config: Config) -> bool:
    return bool(config.exclude) and any(glob_match(relative_to(fs_path, root), pat) for pat in config.exclude)


def discover(paths: Sequence[str], config: Config, root: Path) -> tuple[list[str], list[tuple[str, str]]]:
    """Page files under ``paths`` and (path, problem) pairs for what could not be walked."""
    found: list[str] = []
    problems: list[tuple[str, str]] = []
    for raw in paths or ["."]:
        if os.path.isdir(raw):
            _walk(raw, config, root, found, problems)
        elif os.path.lexists(raw):
            found.append(raw)
        else:
            problems.append((raw, "路径不存在"))
    seen: set[str] = set()
    unique = []
    real_dirs: dict[str, str] = {}
    for p in found:
        key = _realpath(p, real_dirs)
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique, problems


def _walk(top: str, config: Config, root: Path, found: list[str], problems: list[tuple[str, str]]) -> None:
    visited: set[tuple[int, int]] = set()
    for current, dirs, names in os.walk(top, followlinks=True, onerror=lambda e: problems.append(
            (e.filename or top, os_error_text(e)))):
        st = os.stat(current)
        if (st.st_dev, st.st_ino) in visited:
            real = os.path.realpath(current)
            if os.path.abspath(current).startswith(real + os.sep):
                problems.append((current, "符号链接循环：该目录指向它自己的上级目录"))
            dirs[:] = []
            continue
        visited.add((st.st_dev, st.st_ino))
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "node_modules"
                         and not _excluded(os.path.join(current, d), root, config))
        for name in sorted(names):
            full = os.path.join(current, name)
            if name.lower().endswith(PAGE_SUFFIXES) and not _excluded(full, root, config):
                found.append(full)


def _realpath(path: str, real_dirs: dict[str, str]) -> str:
    """``os.path.realpath(path)``, resolving each directory once (``real_dirs`` remembers them):
    on POSIX a name that is not a symbolic link resolves to itself in its resolved directory."""
    head, name = os.path.split(path)
    if os.name != "posix" or name in ("", os.curdir, os.pardir) or os.path.islink(path):
        return os.path.realpath(path)
    if head not in real_dirs:
        real_dirs[head] = os.path.realpath(head)
    return os.path.join(real_dirs[head], name)


class PathNames:
    """``(relative_to(f, root), display_path(f, cwd))`` for the many files of a run, worked out once per
    directory: a file's names are its directory's followed by its own (about 1 µs a file instead of 6)."""

    def __init__(self, root: Path, cwd: str) -> None:
        self.root, self.cwd = root, cwd
        self._abs_root, self._abs_cwd = os.path.abspath(root), os.path.abspath(cwd)
        self._dirs: dict[str, tuple[str, str, str] | None] = {}

    def __call__(self, fs_path: str) -> tuple[str, str]:
        head, name = os.path.split(fs_path)
        try:
            prefixes = self._dirs[head]
        except KeyError:
            prefixes = self._dirs[head] = self._prefixes(head)
        if prefixes is None or name in ("", os.curdir, os.pardir):
            return relative_to(fs_path, self.root), display_path(fs_path, self.cwd)
        to_root, to_cwd, absolute = prefixes
        if os.sep != "/":
            name = name.replace(os.sep, "/")
        shown = to_cwd + name
        if shown.startswith(".."):
            shown = absolute + name
        if not shown.isascii():
            shown = shown.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        return to_root + name, shown

    def _prefixes(self, head: str) -> tuple[str, str, str] | None:
        """(to the root, to the working directory, absolute) of files in ``head``, each ending in "/" when
        not empty; None where :func:`_relpath` takes its general path (POSIX's leading "//")."""
        absolute = os.path.abspath(head)
        if "//" in (absolute[:2], self._abs_root[:2], self._abs_cwd[:2]):
            return None
        to_root = _relative_directory(absolute, self._abs_root)
        to_cwd = _relative_directory(absolute, self._abs_cwd)
        return (
            "" if to_root == os.curdir else to_root.replace(os.sep, "/") + "/",
            "" if to_cwd == os.curdir else to_cwd.replace(os.sep, "/") + "/",
            (absolute if absolute.endswith(os.sep) else absolute + os.sep).replace(os.sep, "/"),
        )


def child_path(root: Path, rel: str) -> str:
    """``str(root / rel)`` for a site-relative posix path as :func:`~sitelint.site.walk_site` lists them."""
    if not rel or rel.startswith("/") or "//" in rel or rel == "." or rel.startswith("./") or "/./" in rel or (
            rel.endswith("/.")):
        return str(root / rel)
    base = str(root)
    return (base if base.endswith(os.sep) else base + os.sep) + rel.replace("/", os.sep)


def relative_to(fs_path: str, root: Path) -> str:
    rel = _relpath(os.path.abspath(fs_path), os.path.abspath(root))
    return rel.replace(os.sep, "/")


def _relpath(absolute: str, start: str) -> str:
    """``os.path.relpath`` of two absolute, normalised paths, worked out once per directory."""
    head, name = os.path.split(absolute)
    if (not name or start == absolute or start.startswith(absolute + os.sep)
            or absolute.startswith("//") or start.startswith("//")):  # an ancestor of start; POSIX's "//"
        return os.path.relpath(absolute, start)
    directory = _relative_directory(head, start)
    return name if directory == os.curdir else os.path.join(directory, name)


@functools.lru_cache(maxsize=4096)
def _relative_directory(directory: str, start: str) -> str:
    return os.path.relpath(directory, start)
