"""The site index: what the page pass learned about every page, plus the site's files.

Built in the parent process from the compact facts each page returns; site
checks read it and never re-parse a page.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from sitelint.config import Config

#: What a directory URL serves, in the order web servers try them.
INDEX_FILES = ("index.html", "index.htm", "index.shtml", "default.htm", "default.html",
               "index.md", "_index.md", "README.md")
#: Built URLs a Markdown source stands for: "a.html" is written as "a.md".
_SOURCE_SUFFIXES = (".md", ".markdown")
_RESOLVED_LIMIT = 200_000
_SLASHES = re.compile("/{2,}")


class LinkFact(NamedTuple):
    """An internal link as the site pass needs it (a tuple: sites have hundreds of thousands of them,
    and tuples cross process boundaries and the cache several times faster than dataclasses)."""

    tag: str
    attr: str
    raw: str
    target: str
    fragment: str
    line: int
    #: the element is the ordinal-th of its tag; the column is found from it only when reported
    ordinal: int
    scope: frozenset[str] = frozenset()


#: A :class:`LinkFact`'s fields as a plain tuple (``LinkFact._make(record)`` gives the LinkFact back): the shape
#: in which site facts hold links. Pickling a NamedTuple calls its Python-level ``__getnewargs__`` and
#: unpickling its Python-level ``__new__``; a tuple of strings and numbers crosses processes without either.
LinkRecord = tuple[str, str, str, str, str, int, int, frozenset[str]]


class Place(NamedTuple):
    """A line of a page with the text a report shows for it, found in the page pass: a site finding
    anchored here needs no second read of the page (``Page.place``)."""

    line: int
    snippet: str


@dataclass
class PageFacts:
    """What every page tells the site pass, whatever checks run."""

    path: str
    format: str
    encoding: str
    title: str = ""
    ids: frozenset[str] = frozenset()


@dataclass
class SiteFiles:
    """The files of the built site, known before the page pass (one walk of the root)."""

    root: Path
    files: frozenset[str]
    dirs: frozenset[str]
    #: resolve()'s answers by target: pages link the same targets again and again (navigation, footers)
    _resolved: dict[str, str | None] = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def resolved(self) -> dict[str, str | None]:
        """:meth:`resolve`'s answers so far, by target, for a caller that resolves a page's links one by one to
        look up inline (``resolved.get(target) or resolve(target)``); read it, never write to it."""
        return self._resolved

    def resolve(self, target: str) -> str | None:
        """The site file a decoded link target is served from, or None if there is none."""
        cache = self._resolved
        try:
            return cache[target]
        except KeyError:
            pass
        if len(cache) >= _RESOLVED_LIMIT:
            cache.clear()
        found = cache[target] = self._resolve(target)
        return found

    def _resolve(self, target: str) -> str | None:
        target = target.lstrip("/")
        if "//" in target:  # servers read a/b//c.html as a/b/c.html (nginx merges slashes, a file system ignores them)
            target = _SLASHES.sub("/", target)
        if target and not target.endswith("/") and target in self.files:
            return target
        directory = target.rstrip("/")
        if target == "" or target.endswith("/") or directory in self.dirs:
            prefix = f"{directory}/" if directory else ""
            for name in INDEX_FILES:
                if prefix + name in self.files:
                    return prefix + name
            return None
        stem, dot, _suffix = target.rpartition(".")
        if dot:  # a source tree: page.html is built from page.md
            for suffix in _SOURCE_SUFFIXES:
                if stem + suffix in self.files:
                    return stem + suffix
        return None


@dataclass
class SiteIndex(SiteFiles):
    """The site files plus what the page pass learned about each linted page."""

    config: Config = field(default_factory=Config)
    pages: dict[str, PageFacts] = field(default_factory=dict)

    def iter_pages(self) -> Iterator[PageFacts]:
        return iter(self.pages.values())


def walk_site(root: Path) -> SiteFiles:
    """Every file and directory under ``root`` (site-relative posix paths), symlink loops skipped."""
    files: list[str] = []
    dirs: list[str] = []
    seen: set[tuple[int, int]] = set()
    if not root.is_dir():
        return SiteFiles(root, frozenset(), frozenset())
    for current, subdirs, names in os.walk(root, followlinks=True):
        try:
            st = os.stat(current)
        except OSError:
            subdirs[:] = []
            continue
        if (st.st_dev, st.st_ino) in seen:
            subdirs[:] = []
            continue
        seen.add((st.st_dev, st.st_ino))
        rel = os.path.relpath(current, root)
        prefix = "" if rel == "." else rel.replace(os.sep, "/") + "/"
        subdirs[:] = [d for d in subdirs if not d.startswith(".")]
        dirs.extend(prefix + d for d in subdirs)
        files.extend(prefix + n for n in names)
    return SiteFiles(root, frozenset(files), frozenset(dirs))
