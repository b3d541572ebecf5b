"""Baselines for adopting the gate on a legacy site: report only what is new.

``--write-baseline FILE`` records the current findings by rule, path and
fingerprint (a hash of the offending snippet, not the line number);
``--baseline FILE`` drops findings that are in it and counts the baselined
findings that are gone (fixed).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from sitelint.config import ConfigError
from sitelint.findings import Finding
from sitelint.fingerprint import fingerprints

Key = tuple[str, str, str]


@dataclass(frozen=True)
class BaselineResult:
    findings: list[Finding]
    #: findings hidden because the baseline has them
    baselined: int
    #: baseline entries with no finding any more
    fixed: int


def write_baseline(path: Path, findings: list[Finding]) -> None:
    entries = [
        {"rule": f.rule, "code": f.code, "path": f.path, "fingerprint": fp, "message": f.message}
        for f, fp in zip(findings, fingerprints(findings), strict=True)
    ]
    doc = {"version": 1, "tool": "sitelint", "findings": entries}
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".sitelint-baseline-", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(doc, fh, ensure_ascii=False, indent=2)
        fh.write("\n")
    os.replace(tmp, path)


def load_baseline(path: Path) -> Counter[Key]:
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        return Counter((e["rule"], e["path"], e["fingerprint"]) for e in doc["findings"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ConfigError(f"{path}: 无法读取基线文件（{type(exc).__name__}: {exc}）") from None


def apply_baseline(findings: list[Finding], baseline: Counter[Key], paths: set[str], rules: set[str]) -> BaselineResult:
    """Drop baselined findings; count as fixed only entries this run could have found again."""
    remaining = Counter({k: n for k, n in baseline.items() if k[0] in rules and k[1] in paths})
    kept = []
    for f, fp in zip(findings, fingerprints(findings), strict=True):
        key = (f.rule, f.path, fp)
        if remaining[key] > 0:
            remaining[key] -= 1
        else:
            kept.append(f)
    fixed = sum(remaining.values())
    return BaselineResult(kept, len(findings) - len(kept), fixed)
