"""Markdown rendering: link destinations as written, front matter that cannot load."""

from __future__ import annotations

from pathlib import Path

import pytest
from clirun import found, run_json, write
from lxml import etree

from sitelint.config import Config
from sitelint.markdown import render
from sitelint.page import Page


def _page(text: str, path: str = "dir/page.md") -> Page:
    return Page(path, text, Config(domains=("www.example.gov.cn",)), fmt="markdown")


# --- link destinations --------------------------------------------------------------------------


def test_link_destinations_are_kept_as_written() -> None:
    page = _page("[通知](新闻/不存在的通知.html)\n\n[编码](%E6%96%B0%E9%97%BB/a.html#%E9%A6%96)\n\n"
                 "[锚点](guide.md#办事指南) ![图](图片/示意图.png)\n\n[空格](<材料 清单.html>)\n")
    assert [(link.raw, link.target, link.fragment) for link in page.links] == [
        ("新闻/不存在的通知.html", "dir/新闻/不存在的通知.html", ""),
        ("%E6%96%B0%E9%97%BB/a.html#%E9%A6%96", "dir/新闻/a.html", "首"),
        ("guide.md#办事指南", "dir/guide.md", "办事指南"),
        ("图片/示意图.png", "dir/图片/示意图.png", ""),
        ("材料 清单.html", "dir/材料 清单.html", ""),
    ]


@pytest.mark.parametrize(
    ("dest", "is_link"),
    [
        ("javascript:alert(1)", False),
        ("JavaScript:alert(1)", False),
        ("vbscript:msgbox(1)", False),
        ("file:///etc/passwd", False),
        ("data:text/html;base64,PHNjcmlwdD4=", False),
        ("data:image/png;base64,iVBORw0KGgo=", True),
        ("新闻/通知.html", True),
    ],
)
def test_unsafe_destinations_are_still_refused(dest: str, is_link: bool) -> None:
    autolink = [f"<{dest}>"] if ":" in dest else []  # "<新闻/通知.html>" is no autolink at all
    for source in (f"[x]({dest})", f"[x][r]\n\n[r]: {dest}", *autolink):
        root = etree.fromstring(f"<div>{render(source).html}</div>", etree.HTMLParser())
        assert [a.get("href") for a in root.iter("a")] == ([dest] if is_link else []), source


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
