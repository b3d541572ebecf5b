"""Behaviour of sitelint.visibility: which elements a reader can see, and why not."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import lxml.etree
import lxml.html
import pytest

from sitelint.visibility import Visibility

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "real"


def _doc(body: str, head: str = "") -> Any:
    return lxml.html.document_fromstring(f"<html><head>{head}</head><body>{body}</body></html>")


def reason(body: str, head: str = "", sheets: tuple[tuple[str, str], ...] = ()) -> str | None:
    """Hidden reason for the element with id="t"."""
    root = _doc(body, head)
    (target,) = root.xpath('//*[@id="t"]')
    return Visibility(root, sheets).hidden_reason(target)


def hidden(body: str, head: str = "", sheets: tuple[tuple[str, str], ...] = ()) -> bool:
    return reason(body, head, sheets) is not None


def style(css: str) -> str:
    return f"<style>{css}</style>"


# --- each hiding technique -----------------------------------------------------------------------

@pytest.mark.parametrize("decl", [
    "display:none", "display: none !important", "visibility:hidden", "visibility:collapse",
    "opacity:0", "opacity:0.0", "opacity:0%", "opacity:.01",
    "font-size:0", "font-size:0.1px", "font-size:0pt", "font-size:0em", "font-size:0px",
    "width:0;overflow:hidden", "height:0px;overflow:hidden", "height:1px;overflow:hidden",
    "max-height:0;overflow:hidden", "width:1px;overflow-x:hidden",
    "position:absolute;left:-9999px", "position:absolute;top:-10000em", "position:fixed;right:-999px",
    "position:absolute;margin-left:-5000px", "position:absolute;bottom:-62.5rem",
    "position:absolute;margin:-9999px 0 0",
    "text-indent:-9999px", "text-indent:-999em",
    "position:absolute;clip:rect(0 0 0 0)", "position:absolute;clip:rect(0,0,0,0)",
    "position:absolute;clip:rect(1px,1px,1px,1px)",
    "clip-path:inset(50%)", "clip-path:inset(100%)", "clip-path:circle(0)", "clip-path:polygon(0 0)",
    "color:#fff;background-color:#ffffff", "color:white;background:#FFF", "color:rgb(255,255,255);background:white",
    "color:#000;background:#000 url(x.png) no-repeat", "color:transparent",
])
def test_inline_hiding_techniques(decl: str) -> None:
    assert hidden(f'<a id="t" href="http://spam.example" style="{decl}">x</a>')


@pytest.mark.parametrize("decl", [
    "display:block", "opacity:0.5", "opacity:1", "position:absolute;left:10px", "position:relative;left:-9999px",
    "text-indent:2em", "width:0", "height:0", "overflow:hidden;width:200px", "font-size:12px", "font-size:0.8em",
    "color:#fff;background:#000", "color:#333", "background:#fff", "position:absolute;left:-10px",
    "clip:rect(0 0 0 0)", "clip-path:inset(10%)", "clip-path:circle(50%)", "visibility:visible",
    "display:var(--x)", "width:calc(0px + 0px);overflow:hidden", "color:inherit;background:#fff",
])
def test_visible_declarations(decl: str) -> None:
    assert reason(f'<a id="t" href="/a" style="{decl}">x</a>') is None


def test_hidden_attribute_and_hidden_input() -> None:
    assert hidden('<div hidden><a id="t" href="/x">x</a></div>')
    assert hidden('<p id="t" hidden="until-found">x</p>')
    assert hidden('<form><input id="t" type="hidden" name="a" value="b"></form>')
    assert not hidden('<form><input id="t" type="text" name="a"></form>')
    assert not hidden('<div id="t" hidden style="display:block">x</div>')  # author CSS wins over [hidden]


@pytest.mark.parametrize("tag", [
    '<marquee id="t" height="1">x</marquee>', '<marquee id="t" width="0">x</marquee>',
    '<marquee id="t" scrollamount="1000">x</marquee>', '<marquee id="t" scrolldelay="100000">x</marquee>',
    '<marquee id="t" style="height:1px">x</marquee>', '<marquee height="0"><a id="t" href="/s">spam</a></marquee>',
])
def test_absurd_marquee(tag: str) -> None:
    assert hidden(tag)


def test_normal_marquee_is_visible() -> None:
    assert not hidden('<marquee id="t" height="30" scrollamount="3" direction="up">通知公告</marquee>')


@pytest.mark.parametrize("body", [
    '<noscript><a id="t" href="/n">n</a></noscript>',
    '<template><a id="t" href="/t">t</a></template>',
    '<script id="t">var a = 1;</script>',
    '<style id="t">p{}</style>',
])
def test_non_rendered_containers(body: str) -> None:
    assert hidden(body)


def test_head_content_is_not_visible_but_textarea_box_is() -> None:
    root = _doc('<textarea id="ta"><a href="x">y</a></textarea>', head='<meta name="k" content="v"><title>t</title>')
    vis = Visibility(root)
    assert vis.hidden_reason(root.find(".//meta")) is not None
    assert vis.hidden_reason(root.find(".//title")) is not None
    assert vis.is_visible(root.find(".//textarea"))
    assert vis.is_visible(root.find(".//body"))
    assert reason('<noscript><p><a id="t" href="/n">n</a></p></noscript>') == "位于 <noscript> 内"


def test_ancestor_hides_descendants() -> None:
    text = reason('<div class="box" style="display:none"><ul><li><a id="t" href="/x">x</a></li></ul></div>')
    assert text is not None
    assert text.startswith("祖先 <div")
    assert "display:none" in text


# --- inherited properties that descendants may override -------------------------------------------

def test_visibility_can_be_overridden_by_descendant() -> None:
    body = '<div style="visibility:hidden"><span id="t" style="visibility:visible">v</span></div>'
    assert not hidden(body)
    assert hidden('<div style="visibility:hidden"><p><span id="t">h</span></p></div>')


def test_font_size_zero_parent_with_sized_children_is_visible() -> None:
    css = style("ul.nav{font-size:0} ul.nav li{display:inline-block;font-size:14px}")
    assert not hidden('<ul class="nav"><li><a id="t" href="/a">首页</a></li></ul>', head=css)
    assert hidden('<ul class="nav"><a id="t" href="/a">首页</a></ul>', head=css)
    assert hidden('<div style="font-size:0"><span id="t" style="font-size:1em">x</span></div>')


# --- real templates: hidden but legitimate ----------------------------------------------------------

def test_real_template_hidden_but_legitimate() -> None:
    assert hidden('<ul><li id="t" style="display: none"><a href="/login">登录</a></li></ul>')
    intro = "opacity:0;text-indent:-9999px;width:0;height:0"
    assert hidden(f'<div id="t" style="{intro}">欢迎使用无障碍浏览</div>')
    css = style(".nav li{float:left} .subnav{display:none} .nav li:hover .subnav{display:block}")
    text = reason('<ul class="nav"><li><a href="/a">a</a><ul class="subnav"><li><a id="t" href="/b">b</a></li>'
                  "</ul></li></ul>", head=css)
    assert text is not None and ".subnav" in text
    menu = style(".menu ul{display:none} .menu:hover ul{display:block}")
    assert hidden('<div class="menu"><ul><li id="t">x</li></ul></div>', head=menu)


# --- style sources, selectors and cascade ----------------------------------------------------------

def test_reason_names_selector_and_style_line() -> None:
    head = "\n" + style(".nav-sub{display:none}")
    text = reason('<div class="nav-sub"><a id="t" href="/x">x</a></div>', head=head)
    assert text is not None
    assert ".nav-sub" in text and "<style>" in text and "第" in text
    assert '<div class="nav-sub">' in text


def test_stylesheet_argument() -> None:
    sheets = (("css/main.css", ".hide-link { display : none }"),)
    text = reason('<a id="t" class="hide-link" href="/x">x</a>', sheets=sheets)
    assert text is not None and "css/main.css" in text and ".hide-link" in text
    # page <style> blocks come after linked stylesheets in the cascade
    assert not hidden('<a id="t" class="hide-link" href="/x">x</a>', head=style(".hide-link{display:inline}"),
                      sheets=sheets)


def test_style_in_body_counts() -> None:
    assert hidden('<div class="x"><a id="t" href="/x">x</a></div><style>.x{visibility:hidden}</style>')


@pytest.mark.parametrize(("css", "body", "expect_hidden"), [
    (".a{display:none} #x{display:block}", '<div id="x" class="a"><p id="t">p</p></div>', False),
    ("#x{display:none} .a{display:block}", '<div id="x" class="a"><p id="t">p</p></div>', True),
    (".a{display:none} .b{display:block}", '<div id="t" class="a b">p</div>', False),
    (".b{display:block} .a{display:none}", '<div id="t" class="a b">p</div>', True),
    (".a{display:none !important} #t{display:block}", '<div id="t" class="a">p</div>', True),
    (".a{display:none}", '<div id="t" class="a" style="display:block">p</div>', False),
    (".a{display:none !important}", '<div id="t" class="a" style="display:block">p</div>', True),
    ("div{display:none}", '<div id="t" style="display:block !important">p</div>', False),
    (".a{display:none}", '<div id="t" class="a" style="color:red">p</div>', True),
])
def test_cascade(css: str, body: str, expect_hidden: bool) -> None:
    assert hidden(body, head=style(css)) is expect_hidden


@pytest.mark.parametrize(("css", "expect_hidden"), [
    ("a{display:none}", True),
    ("*{visibility:hidden}", True),
    ("#box a{display:none}", True),
    ("div.wrap#box > p.x a.link{display:none}", True),
    ("div > a{display:none}", False),  # <a> is a grandchild of the div
    ("p > a{display:none}", True),
    ("[data-spam]{display:none}", True),
    ("a[data-spam=yes]{display:none}", True),
    ("a[data-spam=no]{display:none}", False),
    ("em, .link {display:none}", True),
    ("section a{display:none}", False),
    ("a:hover{display:none}", False),
    ("a::before{display:none}", False),
    ("p + a{display:none}", False),
    ("p ~ a{display:none}", False),
    ("a:not(.x){display:none}", False),
    ("a:hover, .link{display:none}", True),  # only the bad selector of the list is dropped
    ("@media print{a{display:none}}", False),
    ("@media (max-width:600px){a{display:none}}", False),
    ("@media screen{a{display:none}}", True),
    ("@media ALL{a{display:none}}", True),
    ("@font-face{font-family:x;src:url(x.woff)} @keyframes k{from{opacity:0}to{opacity:1}}", False),
    ("@supports (display:grid){a{display:none}}", False),
    ("a{display:none} @media screen{a{display:inline}}", False),
    ("a{opacity:0} a{opacity:1}", False),
    ("a{{{ display:none", False),
    ("}}} a{display:none}", False),  # stray braces join the prelude: an invalid selector, as in browsers
    ("}}} p{} a{display:none}", True),
])
def test_selectors_and_at_rules(css: str, expect_hidden: bool) -> None:
    body = '<div class="wrap" id="box"><p class="x"><a id="t" class="link" data-spam="yes" href="/s">s</a></p></div>'
    assert hidden(body, head=style(css)) is expect_hidden


def test_style_media_print_and_noscript_styles_are_skipped() -> None:
    body = '<a id="t" class="s" href="/s">s</a>'
    assert not hidden(body, head='<style media="print">.s{display:none}</style>')
    assert hidden(body, head='<style media="screen">.s{display:none}</style>')
    assert not hidden(body + "<noscript><style>.s{display:none}</style></noscript>")


# --- robustness and performance contracts ----------------------------------------------------------

def test_deeply_nested_document_does_not_recurse() -> None:
    n = 100_000
    html = "<html><body>" + '<div class="d">' * n + "deep" + "</div>" * n + "</body></html>"
    root = lxml.html.document_fromstring(html, parser=lxml.html.HTMLParser(huge_tree=True))
    deepest = root
    while len(deepest):
        deepest = deepest[-1]
    vis = Visibility(root, (("x.css", ".d .d{color:red} .d > .d{opacity:1} .x .d{opacity:0}"),))
    assert isinstance(vis.is_visible(deepest), bool)


def test_programmatic_tree_deeper_than_recursion_limit() -> None:
    root = _doc('<div style="display:none"></div>')
    el = root.find(".//div")
    for _ in range(sys.getrecursionlimit() * 5):
        el = lxml.etree.SubElement(el, "div")
    vis = Visibility(root)
    text = vis.hidden_reason(el)
    assert text is not None and "display:none" in text


def test_comments_and_processing_instructions() -> None:
    root = _doc('<div style="display:none"><!-- hidden note --></div><p><!-- note --></p><?php x ?>')
    vis = Visibility(root, (("a.css", "p{color:red}"),))
    for node in root.iter(lxml.etree.Comment, lxml.etree.ProcessingInstruction):
        assert isinstance(vis.is_visible(node), bool)
    comments = list(root.iter(lxml.etree.Comment))
    assert not vis.is_visible(comments[0])


def test_answers_are_consistent_in_any_query_order() -> None:
    root = _doc('<div class="a"><p><a id="t" href="/x">x</a></p></div>', head=style(".a{opacity:0}"))
    link = root.xpath('//*[@id="t"]')[0]
    first, second = Visibility(root), Visibility(root)
    assert first.hidden_reason(link) == second.hidden_reason(link) is not None
    assert second.hidden_reason(link.getparent().getparent()) is not None  # the <div> itself
    assert first.is_visible(root.find(".//body"))


def test_page_without_css_and_with_invalid_css() -> None:
    assert reason('<p><a id="t" href="/x">x</a></p>') is None
    assert reason('<a id="t" style="display:;;: none ;color" href="/x">x</a>') is None
    assert reason('<a id="t" href="/x">x</a>', head=style("a{display:none")) is not None  # unclosed block


def test_real_page_links_are_visible() -> None:
    page = CORPUS / "simonxinw-job" / "wanzai-2022-tjgb-article.html"
    if not page.exists():
        pytest.skip("shared corpus not available")
    root = lxml.html.document_fromstring(page.read_bytes(), parser=lxml.html.HTMLParser(encoding="utf-8"))
    vis = Visibility(root)
    links = root.xpath("//a[@href]")
    assert links
    interpretation = [a for a in links if "图文解读" in a.text_content()]
    assert interpretation and vis.is_visible(interpretation[0])
    assert all(isinstance(vis.hidden_reason(a), str | None) for a in links)


def test_frames_sized_to_nothing_by_attribute_are_hidden() -> None:
    root = lxml.html.document_fromstring(
        '<body><iframe id="a" src="x" width="0" height="0"></iframe><iframe id="b" src="y" width="600"></iframe>'
        '<frameset><frame id="c" src="z" height="1"></frameset></body>')
    vis = Visibility(root)
    assert not vis.is_visible(root.get_element_by_id("a"))
    assert vis.is_visible(root.get_element_by_id("b"))
