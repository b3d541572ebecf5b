"""Stable identities for findings: the same problem keeps its fingerprint when lines move.

A fingerprint hashes the rule, the path and the offending source text (whitespace
collapsed), not the line number, so edits above a finding do not change it;
identical snippets in one file are told apart by their order. Baselines, GitLab
Code Quality and SARIF partial fingerprints all use it.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Sequence

from sitelint.findings import Finding

_WS = re.compile(r"\s+")


def _basis(f: Finding) -> str:
    text = _WS.sub(" ", f.snippet).strip() or f.message
    return f"{f.rule}\0{f.path}\0{text}"


def fingerprints(findings: Sequence[Finding]) -> list[str]:
    seen: Counter[str] = Counter()
    out = []
    for f in findings:
        basis = _basis(f)
        seen[basis] += 1
        digest = hashlib.sha256(f"{basis}\0{seen[basis]}".encode("utf-8", "surrogatepass")).hexdigest()
        out.append(digest[:32])
    return out
