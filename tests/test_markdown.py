"""Markdown rendering: front matter that cannot load."""

from __future__ import annotations

from pathlib import Path

import pytest
from clirun import found, run_json, write

from sitelint.markdown import render

# --- front matter ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("front_matter", "line"),
    [
        ("title: 通知\ndate: 2024-02-30\n", 3),
        ("title: 通知\ndate: 2024-13-45\n", 3),
        ("title: 通知\ntime: 2024-01-01 25:00:00\n", 3),
        ("title: 通知\nitems:\n  - 1\n  - {n: " + "9" * 5000 + "}\n", 5),
        ("a: " + "[" * 5000 + "]" * 5000 + "\n", 1),
        ("title: [unclosed\n", 2),  # a YAML syntax error, as before
    ],
    ids=["feb-30", "month-13", "hour-25", "huge-int", "too-deep", "syntax"],
)
def test_front_matter_that_cannot_load_is_an_error_not_a_crash(front_matter: str, line: int) -> None:
    rendered = render(f"---\n{front_matter}---\n\n正文\n")
    assert rendered.front_matter == {}
    assert rendered.front_matter_error is not None
    assert rendered.front_matter_error[0] == line


def test_impossible_date_is_a_parse_error_finding(tmp_path: Path) -> None:
    write(tmp_path, {
        "bad-date.md": "---\ntitle: 通知\ndate: 2024-02-30\n---\n\n正文\n",
        "bad-yaml.md": "---\ntitle: [unclosed\n---\n\n正文\n",
        "good.md": "# 首页\n\n[失效](gone.html)\n",
    })
    code, doc = run_json(["--select", "broken-internal-link", "."], tmp_path)
    assert code == 1
    assert sorted(found(doc)) == [("bad-date.md", 3, "parse-error"), ("bad-yaml.md", 2, "parse-error"),
                                  ("good.md", 3, "broken-internal-link")]
    code, doc = run_json(["--select", "broken-internal-link", "bad-date.md"], tmp_path)
    assert (code, found(doc)) == (1, [("bad-date.md", 3, "parse-error")])
