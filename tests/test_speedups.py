"""The C walks (sitelint/_speedups.pyx) find exactly what the Python loops and XPath queries find.

``regions._py_walk``, ``links._py_extract_links`` and the XPaths of links, regions and fields are the
reference. Both run over the same tree, so the elements they report are the same lxml objects and can be
compared by identity, in order.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from sitelint import accel, fields, links, regions
from sitelint.config import Config
from sitelint.decode import decode_bytes
from sitelint.page import Page

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

needs_speedups = pytest.mark.skipif(accel.speedups is None, reason="the C accelerator is not built here")


def summary(walk: regions._Walk, body: object) -> dict[str, object]:
    """Everything the analysis reads of a walk, with elements as themselves (compared by identity)."""
    return {
        "credit": [(id(el), n) for el, n in walk.credit.items()],
        "hits": [(id(h.owner), id(h.after), h.text, h.match.span(), h.match.group(0)) for h in walk.hits],
        "publisher_hits": [(id(el), name) for el, name in walk.publisher_hits],
        "chrome": sorted(map(id, walk.chrome)),
        "strong": [id(el) for el in walk.strong],
        "weak": sorted(map(id, walk.weak)),
        "marked": [(id(el), tag, classes, ident) for el, tag, classes, ident in walk.marked],
        "sizes": [walk.size(el) for el in body.iter()],
    }


def assert_same(body: object) -> None:
    python = regions._py_walk(body)
    c = regions._walk(body)
    assert c.sizer is not None
    assert summary(c, body) == summary(python, body)


def body_of(page: Page) -> object:
    body = page.root.find("body")
    return page.root if body is None else body


CASES = {
    "nested blocks and inline text": "<div id='a'>一<p>二<a href='x'>链接</a>三</p>尾</div>",
    "labels in text and tails": "<div class='info'><span>发布日期：</span>2024-01-01<b>来源：</b>新华社</div>",
    "short label cells": "<table><tr><td>索引号</td><td>000/2024</td></tr>"
    "<tr><td>文号</td><td>粤府〔2024〕1号</td></tr></table>",
    "scripts, comments and selects": "<div><script>var a='来源：';</script>尾<!-- 注释 -->后<select><option>选项："
    "</option></select>文</div><noscript>无</noscript>",
    "white space str.strip() strips": "<p>\u3000\u3000正文\u00a0</p><p>\u2003\u205f</p>"
    "<p>\u200b零宽</p><p>\x1c\x1f</p>",
    "breadcrumb and publisher": "<div class='x'>当前位置：首页</div><div>主办单位：某某市人民政府 版权所有</div>",
    "chrome, strong and weak markers": "<nav>导航</nav><div id='zoom'>正文</div><div class='content main'>内容</div>"
    "<footer>页脚</footer><ucapcontent>正文</ucapcontent>",
    "links carry no credit": "<div><a href='/a'>甲<span>乙</span></a><a>丙</a>丁</div>",
    "empty and valueless attributes": "<div class>x</div><div id=''>y</div><p class='a' class='b'>z</p>",
    "processing instruction and entity": "<div><?php echo 1; ?>尾巴<p>&amp;&#20013;</p></div>",
}


@needs_speedups
@pytest.mark.parametrize("body", CASES.values(), ids=CASES.keys())
def test_walks_agree_on_cases(body: str) -> None:
    page = Page("a.html", f"<html><body>{body}</body></html>", Config())
    assert_same(body_of(page))


@needs_speedups
def test_walks_agree_on_deep_nesting() -> None:
    html = "<html><body>" + "<div>深" * 5000 + "底" + "</div>" * 5000 + "</body></html>"
    assert_same(body_of(Page("a.html", html, Config())))


@needs_speedups
def test_walks_agree_on_a_tree_without_body() -> None:
    root = etree.fromstring("<root><item class='nav'>名称：甲</item><item>乙</item></root>")
    assert_same(root)


@needs_speedups
def test_walks_agree_on_several_text_nodes() -> None:
    root = etree.fromstring("<div><p>a</p></div>")
    p = root[0]
    p.text = "来源："
    p.append(etree.Comment("c"))
    # adjacent text nodes made by hand: lxml joins them as one text
    root.text = "主办"
    root.insert(0, etree.Entity("amp"))
    assert_same(root)


def _pages() -> list[Path]:
    found = [p for p in (ROOT / "fixtures").rglob("*") if p.suffix in (".html", ".htm", ".shtml", ".md")]
    found += [p for p in (ROOT / "examples").rglob("*") if p.suffix in (".html", ".md")]
    for extra in (SHARED / "corpus" / "real", SHARED / "seeds"):
        if extra.is_dir():
            found += [p for p in extra.rglob("*") if p.suffix in (".html", ".htm", ".shtml")]
    return sorted(found)


@needs_speedups
def test_walks_agree_on_every_fixture_and_real_page() -> None:
    pages = _pages()
    assert len(pages) > 100
    for path in pages:
        fmt = "markdown" if path.suffix == ".md" else "html"
        page = Page(path.name, decode_bytes(path.read_bytes()).text, Config(), fmt=fmt)
        try:
            assert_same(body_of(page))
        except AssertionError as exc:
            raise AssertionError(f"{path}: {exc}") from None


def link_summary(found: list[links.Link]) -> list[tuple[object, ...]]:
    return [(id(k.element), k.tag, k.attr, k.raw, k.url, k.scheme, k.host, k.internal, k.target, k.fragment,
             k.ordinal) for k in found]


def assert_same_links(page: Page) -> None:
    python = links._py_extract_links(page.root, page.resolver)
    c = links.extract_links(page.root, page.resolver)
    assert link_summary(c) == link_summary(python)


LINKS = {
    "anchors, blank and missing hrefs": "<a href=' /a.html '>a</a><a>b</a><a href=''>c</a><a href='  '>d</a>"
    "<a href='#top'>e</a><a name='x'></a><a href='http://www.gov.cn/'>f</a>",
    "resources and ordinals": "<img src='a.png' srcset='b.png 2x, c.png 3x'><script src='/s.js'></script>"
    "<img src='d.png'><iframe src='//x.cn/'></iframe><video src='v.mp4' poster='p.jpg'></video>",
    "meta refresh and link hints": "<meta charset='utf-8'><meta http-equiv='refresh' content='0;url=/new.html'>"
    "<meta http-equiv='X-UA-Compatible' content='IE=edge'><link rel='dns-prefetch' href='//cdn.cn'>"
    "<link rel='stylesheet' href='s.css'>",
    "image inputs only": "<input type='image' src='go.png'><input type='text' src='no.png'>",
}


@needs_speedups
@pytest.mark.parametrize("body", LINKS.values(), ids=LINKS.keys())
def test_links_agree_on_cases(body: str) -> None:
    assert_same_links(Page("dir/a.html", f"<html><body>{body}</body></html>", Config(domains=("www.gz.gov.cn",))))


@needs_speedups
def test_links_agree_with_a_base_href() -> None:
    html = "<html><head><base href='http://www.gz.gov.cn/x/'></head><body><a href='a.html'>a</a></body></html>"
    assert_same_links(Page("a.html", html, Config(domains=("www.gz.gov.cn",))))


def test_links_of_a_namespaced_tree_come_from_python() -> None:
    root = etree.fromstring("<html xmlns='http://www.w3.org/1999/xhtml'><a href='/a'>a</a></html>")
    page = Page("a.html", "<html></html>", Config())
    assert links.extract_links(root, page.resolver) == links._py_extract_links(root, page.resolver)


@needs_speedups
def test_links_agree_on_every_fixture_and_real_page() -> None:
    for path in _pages():
        fmt = "markdown" if path.suffix == ".md" else "html"
        page = Page(path.name, decode_bytes(path.read_bytes()).text, Config(domains=("www.gz.gov.cn",)), fmt=fmt)
        try:
            assert_same_links(page)
        except AssertionError as exc:
            raise AssertionError(f"{path}: {exc}") from None


TEXTS = {
    "nested links and images": "<a title='标题'>文字<img alt='图片'><b>加粗</b></a><img alt='链接外'>"
    "<a><a>内层</a>外层尾</a>",
    "an empty link ends where it is": "<div><a id='x'></a></div><p>正文不是链接</p><a name='y'>链接</a>尾巴",
    "areas, their attributes in written order": "<map><area title='甲' alt='乙'><area alt='丙'></map>",
    "scripts, comments and entities in links": "<a href='/'>一<!-- 注释 --><script>var s='脚本';</script>二&amp;三</a>",
    "ids everywhere, names of anchors only": "<div id='a'><a name='b' id='c'>x</a><img name='d'><p id=''>p</p></div>",
}


def _python_texts(root: object) -> tuple[str, frozenset[str]]:
    return "".join(links._LINK_TEXT(root)), frozenset(links._FRAGMENT_TARGETS(root))


def _c_texts(root: object) -> tuple[str, frozenset[str]]:
    return links.link_text(root), links.fragment_targets(root)


@needs_speedups
@pytest.mark.parametrize("body", TEXTS.values(), ids=TEXTS.keys())
def test_link_texts_and_ids_agree_on_cases(body: str) -> None:
    for parser in (etree.HTMLParser(), etree.HTMLParser(encoding="utf-8", huge_tree=True)):
        root = etree.fromstring(f"<html><body>{body}</body></html>".encode(), parser)
        assert _c_texts(root) == _python_texts(root)


@needs_speedups
def test_link_texts_and_ids_agree_on_every_fixture_and_real_page() -> None:
    for path in _pages():
        fmt = "markdown" if path.suffix == ".md" else "html"
        page = Page(path.name, decode_bytes(path.read_bytes()).text, Config(), fmt=fmt)
        assert _c_texts(page.root) == _python_texts(page.root), path


def test_link_texts_and_ids_without_the_accelerator(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(links, "speedups", None)
    root = etree.fromstring(b"<html><body><a title='t' id='i'>x<img alt='y'></a><area alt='z'></body></html>",
                            etree.HTMLParser())
    assert (links.link_text(root), links.fragment_targets(root)) == ("txyz", frozenset({"i"}))


BODIES = {
    "links in and out of paragraphs": "<div id='c'><p>正文<a href='/a'> 链接 </a></p>"
    "<div><p>内层<a>无地址</a></p></div><a href=''>空地址</a>"
    "<p><a href='/b'><img alt='图'>\u3000全角空白\u3000</a></p></div>",
    "nested links, scripts and comments": "<div id='c'><a href='/x'>外<a href='/y'>内</a><script>s</script>"
    "<!-- 注释 --></a><div>块<p>段</p></div>尾</div>",
    "the body is a link itself": "<a id='c' href='/self'><p>段落</p>文字<div>块</div></a>",
}


def assert_same_body_views(body: object) -> None:
    """Link stats equal, and the very same credit blocks (lxml hands out one proxy per element while it is
    alive: both lists are kept until compared)."""
    assert accel.speedups is not None
    python_blocks, c_blocks = fields._CREDIT_BLOCKS(body), accel.speedups.credit_blocks(body)
    assert [id(e) for e in c_blocks] == [id(e) for e in python_blocks]
    python_stats = (sum(map(len, map(str.strip, regions._LINK_TEXTS(body)))), int(regions._COUNT_LINKS(body)))
    assert accel.speedups.link_stats(body) == python_stats


@needs_speedups
@pytest.mark.parametrize("html", BODIES.values(), ids=BODIES.keys())
def test_body_link_stats_and_credit_blocks_agree_on_cases(html: str) -> None:
    root = etree.fromstring(f"<html><body>{html}</body></html>".encode(), etree.HTMLParser(encoding="utf-8"))
    body = root.find(".//*[@id='c']")
    for el in (body, root.find("body"), root):
        assert_same_body_views(el)


@needs_speedups
def test_body_link_stats_and_credit_blocks_agree_on_every_fixture_and_real_page() -> None:
    for path in _pages():
        fmt = "markdown" if path.suffix == ".md" else "html"
        page = Page(path.name, decode_bytes(path.read_bytes()).text, Config(), fmt=fmt)
        for el in {page.content.body, *page.content.roots, page.root}:
            try:
                assert_same_body_views(el)
            except AssertionError as exc:
                raise AssertionError(f"{path}: {exc}") from None


def test_pure_python_walk_can_be_chosen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITELINT_NO_SPEEDUPS", "1")
    assert accel.load() is None
    monkeypatch.delenv("SITELINT_NO_SPEEDUPS")
    assert accel.load() is accel.speedups


def test_the_accelerator_build_is_optional(monkeypatch: pytest.MonkeyPatch) -> None:
    """A machine without a C compiler still installs sitelint (and runs the Python loops)."""
    pytest.importorskip("Cython")
    import runpy

    import setuptools

    captured: dict[str, object] = {}
    monkeypatch.setattr(setuptools, "setup", lambda **kw: captured.update(kw))
    monkeypatch.chdir(ROOT)
    runpy.run_path(str(ROOT / "setup.py"), run_name="__main__")
    extensions = captured["ext_modules"]
    assert isinstance(extensions, list) and [ext.name for ext in extensions] == ["sitelint._speedups"]
    assert all(ext.optional for ext in extensions)


@needs_speedups
def test_a_whole_run_is_the_same_without_the_accelerator(tmp_path: Path) -> None:
    """End to end: every finding on the fixtures, the demo site and the real pages, with and without C."""
    import json
    import os
    import subprocess
    import sys

    targets = [str(ROOT / "fixtures"), str(ROOT / "examples" / "site")]
    if (SHARED / "corpus" / "real").is_dir():
        targets.append(str(SHARED / "corpus" / "real"))
    outputs = []
    for pure in (False, True):
        env = {k: v for k, v in os.environ.items() if k != "SITELINT_NO_SPEEDUPS"}
        if pure:
            env["SITELINT_NO_SPEEDUPS"] = "1"
        for target in targets:
            out = tmp_path / f"{pure}-{len(outputs)}.json"
            done = subprocess.run(
                [sys.executable, "-m", "sitelint.cli", "--no-cache", "--today", "2025-12-31", "--format", "json",
                 "-o", str(out), target],
                cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300,
            )
            assert done.returncode in (0, 1), done.stderr
            outputs.append(json.loads(out.read_text(encoding="utf-8"))["diagnostics"])
    half = len(outputs) // 2
    assert all(outputs[:half]) and outputs[:half] == outputs[half:]
