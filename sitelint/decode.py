"""Bytes to text the way a browser would, for pages that still come in GB2312/GBK.

Order: byte-order mark, then a ``<meta charset>`` / ``http-equiv`` declaration in
the first 4 KiB, then UTF-8 if the bytes are valid UTF-8, then GB18030 (a
superset of GB2312 and GBK, what browsers use for both), then statistical
detection. Whatever is chosen, undecodable bytes become U+FFFD and are
reported, never raised.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Matched against the lower-cased head: a case-sensitive pattern that starts with a literal can skip
# ahead, an IGNORECASE one cannot (it tried every byte of every page).
_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([a-z0-9_.:-]+)""")
_COMMENT = re.compile(rb"<!--.*?(?:-->|\Z)", re.DOTALL)

# Labels browsers treat as GB18030 (WHATWG Encoding: "gbk" and friends decode as gb18030).
_GB_FAMILY = {"gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "ms936", "windows-936",
              "csgb2312", "chinese", "iso-ir-58", "gb18030", "euc-cn", "hz-gb-2312"}
# A page that declares a single-byte Western encoding is decoded like a browser does.
_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252",
            "big5": "big5hkscs", "x-user-defined": "cp1252"}


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    # how the encoding was chosen: "bom", "declared", "utf-8", "gb18030", "detected", "fallback"
    source: str
    # number of byte sequences that could not be decoded (replaced with U+FFFD)
    errors: int
    # 1-based line of the first undecodable sequence, if any
    first_error_line: int | None = None


def normalise_label(label: str) -> str | None:
    """Map a declared charset label to a Python codec name, or None if unknown."""
    name = label.strip().strip("\"'").lower()
    if name in _GB_FAMILY:
        return "gb18030"
    name = _ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def declared_encoding(head: bytes) -> str | None:
    lowered = head.lower()
    if b"charset" not in lowered:
        return None
    m = _META_CHARSET.search(lowered)
    if m and b"<!--" in lowered[:m.start()]:  # browsers skip comments: a commented-out <meta> declares nothing
        m = _META_CHARSET.search(_COMMENT.sub(b"", lowered))
    if not m:
        return None
    enc = normalise_label(m.group(1).decode("ascii", "replace"))
    # A page cannot declare itself UTF-16 in ASCII bytes; browsers treat that as UTF-8.
    if enc and enc.startswith("utf-16"):
        return "utf-8"
    return enc


def _count_errors(data: bytes, encoding: str) -> tuple[int, int | None]:
    """Count undecodable sequences and the line of the first one."""
    count = 0
    first: int | None = None

    def handler(exc: UnicodeError) -> tuple[str, int]:
        nonlocal count, first
        assert isinstance(exc, UnicodeDecodeError)
        count += 1
        if first is None:
            first = exc.object[: exc.start].count(b"\n") + 1
        return "\ufffd", exc.end

    name = f"sitelint-count-{id(handler)}"
    codecs.register_error(name, handler)
    data.decode(encoding, errors=name)
    return count, first


def _decode(data: bytes, encoding: str, source: str) -> Decoded:
    try:
        return Decoded(data.decode(encoding), encoding, source, 0)
    except UnicodeDecodeError:
        errors, first = _count_errors(data, encoding)
        return Decoded(data.decode(encoding, errors="replace"), encoding, source, errors, first)


def _strictly(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def decode_bytes(data: bytes, default: str | None = None, *, markup: bool = True) -> Decoded:
    """Decode page bytes. ``default`` is a configured encoding used before detection. ``markup`` False (a
    Markdown source): a ``<meta charset>`` written in it declares nothing about the file itself."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return _decode(data[len(bom):], enc, "bom")
    declared = declared_encoding(data[:4096]) if markup else None
    if declared:
        return _decode(data, declared, "declared")
    configured = normalise_label(default) if default else None
    if configured:
        return _decode(data, configured, "configured")
    text = _strictly(data, "utf-8")
    if text is not None:
        return Decoded(text, "utf-8", "utf-8", 0)
    text = _strictly(data, "gb18030")
    if text is not None:
        return Decoded(text, "gb18030", "gb18030", 0)
    # Damaged bytes: choose the family the bytes nearly are (fewest undecodable
    # sequences); ask statistical detection only when both are far off. A single bad
    # sequence (a page cut in the middle of a character) is damage, not a wrong family:
    # on a short page it would otherwise pass the 1% bar and be "detected" as Thai.
    counts = {enc: _count_errors(data, enc) for enc in ("utf-8", "gb18030")}
    best = min(counts, key=lambda enc: counts[enc][0])
    if counts[best][0] > 1 and counts[best][0] * 100 > len(data):
        detected = _detect(data)
        if detected and detected not in counts:
            return _decode(data, detected, "detected")
    errors, first = counts[best]
    return Decoded(data.decode(best, errors="replace"), best, "fallback", errors, first)


def decode_as(data: bytes, encoding: str) -> str:
    """The text :func:`decode_bytes` gave for ``data`` when it chose ``encoding``, without choosing again."""
    for bom, enc in _BOMS:
        if data.startswith(bom) and enc == encoding:
            data = data[len(bom):]
            break
    return data.decode(encoding, errors="replace")


def _detect(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    match = from_bytes(data[:65536]).best()
    return normalise_label(match.encoding) if match is not None else None


def looks_binary(data: bytes) -> bool:
    """NUL bytes in the first 8 KiB of something that is not UTF-16: not a text page."""
    head = data[:8192]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    return b"\x00" in head
