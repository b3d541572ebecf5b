"""``--fix`` and ``--diff``: apply the edits that checks attach to findings, byte for byte.

Edits are character offsets into the decoded page. Each is mapped to bytes of
the file in its own encoding and spliced in, so every byte not fixed stays as
it was (a GBK page stays GBK, a BOM stays). A file whose bytes do not match
what the check saw is left alone. Files are written atomically: a temporary
file in the same directory, then a rename.
"""

from __future__ import annotations

import codecs
import difflib
import os
import tempfile
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from sitelint.decode import decode_bytes
from sitelint.findings import Edit, Finding, Safety
from sitelint.page import page_format


@dataclass
class FileFix:
    path: str
    fs_path: str
    before: bytes
    after: bytes
    encoding: str
    applied: list[Finding] = field(default_factory=list)
    #: findings whose edits could not be applied (overlap, or bytes that changed)
    skipped: list[Finding] = field(default_factory=list)

    def diff(self) -> str:
        old = self.before.decode(self.encoding, "replace").splitlines(keepends=True)
        new = self.after.decode(self.encoding, "replace").splitlines(keepends=True)
        return "".join(difflib.unified_diff(old, new, f"a/{self.path}", f"b/{self.path}"))


def fixable(findings: Iterable[Finding], unsafe: bool) -> list[Finding]:
    return [f for f in findings if f.fix is not None and (unsafe or f.fix.safety is Safety.SAFE)]


def _bom(data: bytes) -> bytes:
    for bom in (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        if data.startswith(bom):
            return bom
    return b""


def plan(path: str, data: bytes, findings: list[Finding], default_encoding: str | None = None) -> FileFix:
    """The fixed bytes of one file; edits that do not fit exactly are skipped, never forced."""
    decoded = decode_bytes(data, default_encoding, markup=page_format(path) != "markdown")
    enc, text, bom = decoded.encoding, decoded.text, _bom(data)
    result = FileFix(path, path, data, data, enc)
    edits: list[tuple[int, int, bytes, Finding]] = []
    for f in findings:
        assert f.fix is not None
        spans = [_byte_span(e, text, data, enc, len(bom)) for e in f.fix.edits]
        if decoded.errors or any(s is None for s in spans):
            result.skipped.append(f)
            continue
        edits.extend((start, end, new, f) for start, end, new in (s for s in spans if s is not None))
    out, cursor, taken = bytearray(), 0, []
    for start, end, new, f in sorted(edits, key=lambda e: (e[0], e[1])):
        if start < cursor:
            result.skipped.append(f)
            continue
        out += data[cursor:start] + new
        cursor = end
        taken.append(f)
    out += data[cursor:]
    result.after = bytes(out)
    result.applied = list(dict.fromkeys(taken))
    result.skipped = [f for f in dict.fromkeys(result.skipped) if f not in result.applied]
    return result


def _byte_span(edit: Edit, text: str, data: bytes, enc: str, offset: int) -> tuple[int, int, bytes] | None:
    if text[edit.offset:edit.offset + len(edit.old)] != edit.old:
        return None
    try:
        start = offset + len(text[:edit.offset].encode(enc))
        old = edit.old.encode(enc)
        new = edit.new.encode(enc)
    except UnicodeEncodeError:
        return None
    if data[start:start + len(old)] != old:
        return None
    return start, start + len(old), new


def write_atomically(path: str, data: bytes) -> None:
    directory = os.path.dirname(os.path.abspath(path))
    mode = os.stat(path).st_mode & 0o7777
    fd, tmp = tempfile.mkstemp(prefix=".sitelint-fix-", dir=directory)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def plan_all(findings: list[Finding], sources: dict[str, str], unsafe: bool,
             default_encoding: str | None = None) -> list[FileFix]:
    """One FileFix per file with fixable findings; ``sources`` maps a displayed path to its file."""
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for f in fixable(findings, unsafe):
        by_path[f.path].append(f)
    plans = []
    for display, found in sorted(by_path.items()):
        fs_path = sources.get(display, display)
        with open(fs_path, "rb") as fh:
            data = fh.read()
        fix = plan(display, data, found, default_encoding)
        fix.fs_path = fs_path
        plans.append(fix)
    return plans
