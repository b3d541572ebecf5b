"""Markdown rendering: GitHub heading ids, link destinations as written, front matter that cannot load."""

from __future__ import annotations

from pathlib import Path

import pytest
from clirun import found, run_json, write
from lxml import etree

from sitelint.config import Config
from sitelint.markdown import github_slug, render
from sitelint.page import Page


def _page(text: str, path: str = "dir/page.md") -> Page:
    return Page(path, text, Config(domains=("www.example.gov.cn",)), fmt="markdown")


def _headings(html: str) -> list[tuple[str, str | None]]:
    root = etree.fromstring(f"<div>{html}</div>", etree.HTMLParser())
    return [(h.tag, h.get("id")) for h in root.iter("h1", "h2", "h3", "h4", "h5", "h6")]


# --- heading ids ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("办事指南", "办事指南"),
        ("Apply Online", "apply-online"),
        ("一、申请条件（试行）", "一申请条件试行"),
        ("Hello, World! 2024_v2 — ok", "hello-world-2024_v2--ok"),
        ("第一条\u3000总则", "第一条总则"),  # an ideographic space is not " ": dropped
        ("A-B_c", "a-b_c"),
        ("Ⓐ ① ² Ⅻ é 😀 café", "ⓐ---ⅻ-é--café"),  # other numbers and symbols go, letters stay
        ("！！！", ""),
    ],
)
def test_github_slug(text: str, slug: str) -> None:
    assert github_slug(text) == slug


def test_headings_get_github_ids_with_numbered_repeats() -> None:
    source = "\n".join([
        "# 首页",
        "## 办事指南",
        "## 办事指南",
        "## 办事指南-1",
        "## 办事指南",
        "### **粗体** `code` [链接](x.md) <span>内联</span>",
        "## ？？？",
        "## ！！！",
        "> ## 引用中的标题",
        "",
        "- ###### 列表中的标题",
        "",
        "Setext 标题",
        "第二行",
        "====",
    ])
    assert _headings(render(source).html) == [
        ("h1", "首页"),
        ("h2", "办事指南"),
        ("h2", "办事指南-1"),
        ("h2", "办事指南-1-1"),  # github-slugger: "办事指南-1" is taken, so it is numbered too
        ("h2", "办事指南-2"),
        ("h3", "粗体-code-链接-内联"),
        ("h2", None),  # an empty slug is no id
        ("h2", "-1"),
        ("h2", "引用中的标题"),
        ("h6", "列表中的标题"),
        ("h1", "setext-标题第二行"),
    ]


def test_heading_ids_are_fragment_targets_and_keep_source_lines() -> None:
    page = _page("---\ntitle: 指南\n---\n\n# 办事指南\n\n## Apply Online\n\n<a id=\"x1\"></a>\n")
    assert page.ids == {"办事指南", "apply-online", "x1"}
    assert [page.position(h)[0] for h in page.root.iter("h1", "h2")] == [5, 7]


def test_links_to_headings_are_not_broken(tmp_path: Path) -> None:
    write(tmp_path, {
        "guide.md": "# 办事指南\n\n## 常见问题\n\n## 常见问题\n",
        "index.md": "# 首页\n\n[a](guide.md#办事指南) [b](guide.md#常见问题-1) [c](#首页)\n\n"
                    "[d](guide.md#常见问题-2)\n",
    })
    code, doc = run_json(["--select", "broken-internal-link", "."], tmp_path)
    assert (code, found(doc)) == (1, [("index.md", 5, "broken-internal-link")])


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
