"""A result cache, so a pre-commit run on a large site re-checks only what changed.

A page's result is kept under a key made of its bytes, its place in the site
and a *run key*: the sitelint and check code, the whole configuration, the
enabled checks and their options, the build date, the site's file list and
its local stylesheets (links and visibility depend on them). Anything that can
change a result changes a key. The cache lives outside the linted tree (the
user's cache directory, or ``--cache-dir``); ``--no-cache`` turns it off.

The cache only ever saves time: a location that cannot hold it (not a directory,
read-only, a damaged or locked database) and a failure to store results are one
warning line on stderr, and the run goes on as with ``--no-cache``. Only regular
files within ``max-file-size`` get a key; anything else (a FIFO, a device, a file
too large to lint) is never opened here and is linted uncached, as the worker
reports it without reading it.
"""

from __future__ import annotations

import hashlib
import inspect
import os
import pickle
import sqlite3
import stat
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

import sitelint
from sitelint.check import Check
from sitelint.config import Config
from sitelint.site import SiteFiles
from sitelint.worker import PageResult, Task

SCHEMA = 1

#: seconds to wait for another run that holds the database (storing 10,000 results takes under a
#: second); a database held longer is a warning and the run goes on uncached
LOCK_WAIT = 10.0

#: a page's bytes are read this much at a time past the size ``stat`` gave
_CHUNK = 1 << 16

#: sqlite's primary result codes, as the warning shows them
_SQLITE_REASONS = {
    5: "数据库被其他进程锁定",  # SQLITE_BUSY
    6: "数据库被锁定",  # SQLITE_LOCKED
    8: "数据库只读",  # SQLITE_READONLY
    10: "磁盘读写错误",  # SQLITE_IOERR
    11: "数据库文件已损坏",  # SQLITE_CORRUPT
    13: "磁盘已满",  # SQLITE_FULL
    14: "无法打开数据库文件",  # SQLITE_CANTOPEN
    26: "不是有效的数据库文件",  # SQLITE_NOTADB
}


def default_dir() -> Path | None:
    """``SITELINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/sitelint``, else ``~/.cache/sitelint``; None (with a
    warning) when there is no home directory to put it in: a relative "~" would land in the current
    directory, perhaps the linted tree. A relative ``XDG_CACHE_HOME`` is ignored, as the XDG spec says."""
    env = os.environ.get("SITELINT_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):
        home = os.path.expanduser("~")
        if not os.path.isabs(home):
            _warn("警告：找不到用户主目录，无法确定结果缓存的位置，本次不使用缓存（可用 --cache-dir 指定）")
            return None
        base = os.path.join(home, ".cache")
    return Path(base) / "sitelint"


def _warn(message: str) -> None:
    """One line on stderr; on a terminal, first clear a progress line that may be showing."""
    stream = sys.stderr
    try:
        clear = "\r\x1b[K" if stream.isatty() else ""
        stream.write(f"{clear}{message}\n")
        stream.flush()
    except (OSError, ValueError):  # stderr closed: nothing more to say
        pass


def _reason(exc: BaseException) -> str:
    if isinstance(exc, sqlite3.Error):
        code = getattr(exc, "sqlite_errorcode", None)
        if isinstance(code, int) and code & 0xFF in _SQLITE_REASONS:
            return _SQLITE_REASONS[code & 0xFF]
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__


def _where(exc: BaseException, default: Path) -> str:
    name = getattr(exc, "filename", None) if isinstance(exc, OSError) else None
    return os.fsdecode(name) if isinstance(name, str | bytes) else str(default)


def _code_stamp(checks: Iterable[Check]) -> list[str]:
    """Which code and data produced the results: modules and word lists, with their modification times."""
    package = Path(sitelint.__file__).parent
    files = {package / name for name in os.listdir(package) if name.endswith(".py")}
    files |= {package / "data" / name for name in os.listdir(package / "data") if name.endswith(".txt")}
    for check in checks:
        try:
            files.add(Path(inspect.getfile(type(check))))
        except (TypeError, OSError):
            files.add(Path(type(check).__module__))
    stamps = []
    for f in sorted(files):
        try:
            st = f.stat()
            stamps.append(f"{f}:{st.st_size}:{st.st_mtime_ns}")
        except OSError:
            stamps.append(str(f))
    return stamps


def run_key(config: Config, checks: Sequence[Check], site: SiteFiles) -> str:
    h = hashlib.sha256()
    parts = [f"schema={SCHEMA}", f"version={sitelint.__version__}", repr(config),
             *(f"{c.name}:{c.code}:{c.origin}:{c.options!r}" for c in checks), *_code_stamp(checks)]
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass") + b"\0")
    for name in sorted(site.files):
        h.update(name.encode("utf-8", "surrogatepass") + b"\0")
        if name.lower().endswith(".css"):
            try:
                st = (site.root / name).stat()
                h.update(f"{st.st_size}:{st.st_mtime_ns}\0".encode())
            except OSError:
                pass
    return h.hexdigest()


def open_cache(directory: Path, root: Path, key: str, max_file_size: int) -> Cache | None:
    """The cache of the site at ``root`` in ``directory``, or None with one warning line on stderr when
    it cannot be used there."""
    where = directory
    try:
        site = hashlib.sha256(str(root.resolve()).encode("utf-8", "surrogatepass")).hexdigest()[:16]
        directory.mkdir(parents=True, exist_ok=True)
        where = directory / f"results-v{SCHEMA}-{site}.sqlite"
        return Cache(where, key, max_file_size)
    except (OSError, RuntimeError, sqlite3.Error) as exc:  # RuntimeError: a symlink loop in resolve()
        _warn(f"警告：无法使用结果缓存（{_where(exc, where)}：{_reason(exc)}），本次不使用缓存")
        return None


class Cache:
    """One database per site root (see :func:`open_cache`); entries of older run keys are dropped when
    new ones are stored. Opening a database that cannot be used raises sqlite3.Error; after that, a
    database error is a warning and the run goes on uncached."""

    def __init__(self, path: Path, key: str, max_file_size: int) -> None:
        self.key = key
        self.max_file_size = max_file_size
        self.path = path
        self.db: sqlite3.Connection | None = sqlite3.connect(path, timeout=LOCK_WAIT)
        try:
            self.db.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, run TEXT, value BLOB)")
        except sqlite3.Error:
            self.db.close()
            raise
        self.hits = 0

    def _digest(self, fs_path: str) -> str | None:
        """The SHA-256 of a regular file of at most ``max_file_size`` bytes; None for anything else, which
        is never opened (a FIFO would block, a device may never end), or when it cannot be read."""
        try:
            st = os.stat(fs_path)
            if not stat.S_ISREG(st.st_mode) or st.st_size > self.max_file_size:
                return None
            # O_NONBLOCK: should the name become a FIFO after the stat, opening it still returns
            fd = os.open(fs_path, os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0))
        except (OSError, ValueError):
            return None
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return None
            h = hashlib.sha256()
            size = 0
            want = st.st_size + 1  # usually all of it at once, then the end of the file
            while chunk := os.read(fd, want):
                size += len(chunk)
                if size > self.max_file_size:  # it grew since the stat
                    return None
                h.update(chunk)
                want = _CHUNK
            return h.hexdigest()
        except OSError:
            return None
        finally:
            os.close(fd)

    def _page_keys(self, task: Task) -> tuple[str, ...]:
        """The keys a task's result may be stored under, best first: a context page (read only for
        site facts) is also served by the full result of an earlier run that linted it. No key for a
        page without a digest: it is linted uncached."""
        digest = self._digest(task.fs_path)
        if digest is None:
            return ()
        base = f"{self.key}\0{task.path}\0{task.display}\0{digest}"
        full = hashlib.sha256(base.encode("utf-8", "surrogatepass")).hexdigest()
        if not task.context:
            return (full,)
        return (full, hashlib.sha256(f"{base}\0context".encode("utf-8", "surrogatepass")).hexdigest())

    def split(self, tasks: Sequence[Task]) -> tuple[dict[int, PageResult], list[int], dict[int, str]]:
        """(cached results by task index, indexes to lint, the key to store each task's result under)."""
        if self.db is None:
            return {}, list(range(len(tasks))), {}
        candidates = {i: self._page_keys(t) for i, t in enumerate(tasks)}
        wanted = {k: i for i, keys in candidates.items() for k in keys}
        rows: dict[str, bytes] = {}
        items = list(wanted)
        try:
            for start in range(0, len(items), 500):
                chunk = items[start:start + 500]
                marks = ",".join("?" * len(chunk))
                rows.update(self.db.execute(f"SELECT key, value FROM results WHERE key IN ({marks})", chunk))
        except sqlite3.Error as exc:  # damaged past its schema, or held by another run: warn once, use it no more
            _warn(f"警告：无法读取结果缓存（{self.path}：{_reason(exc)}），本次不使用缓存")
            self.close()
            return {}, list(range(len(tasks))), {}
        found: dict[int, PageResult] = {}
        for i, keys in candidates.items():
            for k in keys:
                if k in rows:
                    try:
                        found[i] = pickle.loads(rows[k])
                        break
                    except Exception:  # a damaged entry is a miss
                        continue
        self.hits = len(found)
        store_under = {i: keys[-1] for i, keys in candidates.items() if keys}
        return found, [i for i in range(len(tasks)) if i not in found], store_under

    def store(self, results: Iterable[tuple[str, PageResult, bytes | None]]) -> None:
        """Keep (key, result, the result pickled if it already is) entries; not results with an internal error.
        A database that fails here (full disk, locked, read-only, damaged) is a warning: the results stand."""
        if self.db is None:
            return
        rows = [(k, self.key, blob if blob is not None else pickle.dumps(r, protocol=pickle.HIGHEST_PROTOCOL))
                for k, r, blob in results if not any(f.rule == "internal-error" for f in r.findings)]
        try:
            with self.db:
                self.db.execute("DELETE FROM results WHERE run != ?", (self.key,))
                self.db.executemany("INSERT OR REPLACE INTO results VALUES (?, ?, ?)", rows)
        except (OSError, sqlite3.Error) as exc:
            _warn(f"警告：无法保存结果缓存（{self.path}：{_reason(exc)}），本次结果未写入缓存")
            self.close()

    def close(self) -> None:
        db, self.db = self.db, None
        if db is not None:
            try:
                db.close()
            except sqlite3.Error:
                pass
