"""Decoding, Markdown line mapping, positions and link resolution: the views every check shares."""

from __future__ import annotations

import codecs

import pytest

from sitelint.config import Config
from sitelint.decode import decode_bytes, looks_binary
from sitelint.links import Resolver
from sitelint.page import Page, glob_match

TEXT = "关于印发《某某市政府网站管理办法》的通知 镕"


@pytest.mark.parametrize(
    ("data", "encoding", "source"),
    [
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8", "bom"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le", "bom"),
        (b'<meta charset="gb2312">' + TEXT.encode("gbk"), "gb18030", "declared"),
        (b'<meta http-equiv="Content-Type" content="text/html; charset=GBK">' + TEXT.encode("gbk"), "gb18030",
         "declared"),
        (TEXT.encode("utf-8"), "utf-8", "utf-8"),
        (TEXT.encode("gb18030"), "gb18030", "gb18030"),
    ],
    ids=["bom-utf8", "bom-utf16", "meta-gb2312", "http-equiv-gbk", "undeclared-utf8", "undeclared-gbk"],
)
def test_decoding_order(data: bytes, encoding: str, source: str) -> None:
    decoded = decode_bytes(data)
    assert (decoded.encoding, decoded.source, decoded.errors) == (encoding, source, 0)
    assert TEXT in decoded.text


@pytest.mark.parametrize(
    ("data", "encoding", "source"),
    [
        (b'<!-- <meta charset="gbk"> old template -->\n<meta charset="utf-8">' + TEXT.encode("utf-8"), "utf-8",
         "declared"),
        (b'<!-- <meta charset="gbk"> -->' + TEXT.encode("utf-8"), "utf-8", "utf-8"),
        (b'<!-- note --><meta charset="gbk">' + TEXT.encode("gbk"), "gb18030", "declared"),
        (b'<!-- <meta charset="gbk">' + TEXT.encode("utf-8"), "utf-8", "utf-8"),  # a comment left open
    ],
    ids=["commented-out-then-real", "only-commented-out", "comment-before-real", "unclosed-comment"],
)
def test_a_commented_out_meta_declares_nothing(data: bytes, encoding: str, source: str) -> None:
    decoded = decode_bytes(data)
    assert (decoded.encoding, decoded.source, decoded.errors) == (encoding, source, 0)
    assert TEXT in decoded.text


def test_a_markdown_source_is_not_declared_by_the_markup_it_mentions() -> None:
    data = ("# 模板说明\n\n页面头部写 `<meta charset=\"gb2312\">`。\n\n" + TEXT).encode("utf-8")
    assert decode_bytes(data).encoding == "gb18030"  # as an HTML page, the declaration counts
    decoded = decode_bytes(data, markup=False)
    assert (decoded.encoding, decoded.errors) == ("utf-8", 0)
    assert TEXT in decoded.text


def test_undecodable_bytes_are_counted_not_raised() -> None:
    data = b'<meta charset="utf-8">\n<p>ok</p>\n<p>\xff\xfe bad</p>'
    decoded = decode_bytes(data)
    assert decoded.errors == 2  # two stray bytes
    assert decoded.first_error_line == 3
    assert "\ufffd" in decoded.text


def test_truncated_gbk_keeps_the_text() -> None:
    data = TEXT.encode("gbk")[:-1]
    decoded = decode_bytes(data)
    assert decoded.encoding == "gb18030"
    assert decoded.errors == 1
    assert decoded.text.startswith("关于印发《某某市政府网站管理办法》")


def test_binary_detection() -> None:
    assert looks_binary(b"\x89PNG\r\n\x1a\n\x00\x00")
    assert not looks_binary(codecs.BOM_UTF16_LE + "页面".encode("utf-16-le"))
    assert not looks_binary(TEXT.encode())


def _page(text: str, path: str = "a.html", domains: tuple[str, ...] = ()) -> Page:
    fmt = "markdown" if path.endswith(".md") else "html"
    return Page(path, text, Config(domains=domains), fmt=fmt)


def test_html_positions_recover_the_column() -> None:
    page = _page('<html><body>\n<p>一二 <a href="x">x</a> <a href="y">y</a></p>\n</body></html>')
    first, second = page.root.iter("a")
    assert page.position(first) == (2, 7)
    assert page.position(second) == (2, 25)  # columns count characters, not bytes


def test_positions_skip_tags_inside_comments_and_scripts() -> None:
    page = _page('<p><!-- <a href="c"> --><script>var s = "<a href=x>";</script><a href="real">r</a></p>')
    (link,) = page.root.iter("a")
    assert page.position(link) == (1, 63)


def test_markdown_keeps_source_lines_including_inline_html() -> None:
    source = "\n".join([
        "---",
        "title: 办事指南",
        "kind: policy",
        "---",
        "",
        "# 标题",
        "",
        "第一段，含[链接](a.html)。",
        "第一段第二行，含[另一个](b.html)。",
        "",
        '<div class="box">',
        "",
        '<a href="c.html">块内链接</a>',
        "</div>",
        "",
        "- 列表 [d](d.html)",
        "",
        "| 表头 | 链接 |",
        "|---|---|",
        "| 行 | [e](e.html) |",
    ])
    page = _page(source, "guide.md")
    lines = {link.raw: page.position(link.element)[0] for link in page.links}
    assert lines == {"a.html": 8, "b.html": 9, "c.html": 13, "d.html": 16, "e.html": 20}
    assert page.front_matter == {"title": "办事指南", "kind": "policy"}
    assert page.title == "办事指南"


def test_markdown_block_right_after_front_matter_keeps_its_line() -> None:
    page = _page("---\ntitle: 指南\n---\n[链接](a.html) 紧跟 front matter\n\n- [b](b.html)\n- [c](c.html)\n", "g.md")
    assert {link.raw: page.position(link.element)[0] for link in page.links} == {"a.html": 4, "b.html": 6,
                                                                                "c.html": 7}


def test_markdown_front_matter_error_is_a_parse_problem() -> None:
    page = _page("---\ntitle: [unclosed\n---\n\n正文\n", "x.md")
    page.root  # noqa: B018
    assert page.parse_problems and page.parse_problems[0][0] >= 2


def test_ids_include_a_name() -> None:
    page = _page('<h2 id="s1">一</h2><a name="fujian"></a>')
    assert page.ids == {"s1", "fujian"}


def test_meta_tags_in_either_attribute_order() -> None:
    page = _page('<meta content="1101070001" name="SiteIDCode"><meta name="PubDate" content=" 2024-01-01 09:00 ">')
    assert page.meta == {"SiteIDCode": "1101070001", "PubDate": "2024-01-01 09:00"}


@pytest.mark.parametrize(
    ("raw", "internal", "target", "fragment"),
    [
        ("b.html", True, "zcwj/b.html", ""),
        ("/x/y.html#p2", True, "x/y.html", "p2"),
        ("http://www.example.gov.cn/%E6%94%BF%E7%AD%96.html", True, "政策.html", ""),
        ("https://example.gov.cn/a.html?x=1", True, "a.html", ""),
        ("//bszs.conac.cn/sitename?method=show", False, None, ""),
        ("../../up.html", True, "up.html", ""),
        ("%D5%FE%B2%DF.html", True, "zcwj/政策.html", ""),
        ("javascript:void(0)", False, None, ""),
        ("mailto:a@b.cn", False, None, ""),
    ],
)
def test_resolution(raw: str, internal: bool, target: str | None, fragment: str) -> None:
    r = Resolver("zcwj/a.html", ("www.example.gov.cn", "example.gov.cn"))
    _url, _scheme, _host, is_internal, got_target, got_fragment = r.resolve(raw)
    assert (is_internal, got_target, got_fragment) == (internal, target, fragment)


def test_base_href_changes_resolution() -> None:
    page = _page('<head><base href="/zcwj/2024/"></head><body><a href="t1.html">t</a></body>')
    (link,) = page.links
    assert link.target == "zcwj/2024/t1.html"


def test_external_base_makes_relative_links_external() -> None:
    page = _page('<head><base href="http://other.example.com/"></head><body><a href="t1.html">t</a></body>')
    (link,) = page.links
    assert link.external and link.host == "other.example.com"


def test_every_url_attribute_is_a_link() -> None:
    page = _page(
        '<meta http-equiv="refresh" content="0; url=http://evil.example.com/">'
        '<link rel="stylesheet" href="s.css"><link rel="dns-prefetch" href="//cdn.example.com">'
        '<script src="j.js"></script><img src="i.png" srcset="i1.png 1x, i2.png 2x">'
        '<iframe src="f.html"></iframe><area href="m.html"><source srcset="v.webp"><object data="o.swf"></object>'
        '<input type="image" src="btn.png"><input type="text" src="ignored.png">'
    )
    assert sorted(link.raw for link in page.links) == sorted([
        "http://evil.example.com/", "s.css", "j.js", "i.png", "i1.png", "i2.png", "f.html", "m.html",
        "v.webp", "o.swf", "btn.png",
    ])


def test_broken_markup_parses_like_a_browser() -> None:
    page = _page('<div><p>一<delect id="x">二</delect></div></div><span>三')
    assert page.text_of(page.root) == "一二三"
    assert "x" in page.ids


@pytest.mark.parametrize(
    ("path", "pattern", "expected"),
    [("zcwj/a.html", "zcwj/**", True), ("zcwj/2024/a.html", "zcwj/**", True), ("zcjd/a.html", "zcwj/**", False),
     ("a.html", "**/a.html", True), ("x/a.html", "*.html", True), ("legacy/x.html", "legacy/", True)],
)
def test_glob_match(path: str, pattern: str, expected: bool) -> None:
    assert glob_match(path, pattern) is expected


@pytest.mark.parametrize("domains", [(), ("www.example.gov.cn", "example.gov.cn")])
@pytest.mark.parametrize(
    "raw",
    ["b.html", "sub/c.htm?x=1#f", "/x/y.html#p2", "#top", "?page=2", "", "./d.html", "../e.html", "../../../f.html",
     "http://www.example.gov.cn/%E6%94%BF.html", "HTTPS://Example.GOV.cn:8080/a/?q#z", "//cdn.example.com/j.js",
     "http://user@evil.example.com/", "https://evil.example.com", "javascript:void(0)", "mailto:x@example.gov.cn",
     "ftp://files.example.com/a", "%E9%99%84%E4%BB%B6.pdf", "a b.html", "/dir/", "http://[::1]/x", "\\evil\\x"],
)
def test_fast_resolution_agrees_with_urljoin(raw: str, domains: tuple[str, ...]) -> None:
    r = Resolver("zcwj/2024/a.html", domains)
    assert r.resolve(raw)[1:] == r._general(raw.strip())[1:]


def test_quick_positions_agree_with_the_full_scan() -> None:
    """The one-search shortcut for an element's column gives what the comment- and script-aware scan gives."""
    from pathlib import Path

    from sitelint.decode import decode_bytes

    root = Path(__file__).resolve().parent.parent
    pages = sorted((root / "fixtures").rglob("*.html")) + sorted((root / "examples").rglob("*.html"))
    checked = 0
    for path in pages:
        text = decode_bytes(path.read_bytes()).text
        quick, full = _page(text), _page(text)
        full.positions._quick_offsets = lambda tag: None  # type: ignore[method-assign]
        for a, b in zip(quick.root.iter(), full.root.iter(), strict=True):
            if isinstance(a.tag, str):
                assert quick.position(a) == full.position(b), (path.name, a.tag, a.sourceline)
                checked += 1
    assert checked > 10_000
