"""Where findings are placed: start tags written over several lines, and old Mac (CR-only) line endings."""

from __future__ import annotations

from pathlib import Path

import pytest
from clirun import found, run_json, write

from sitelint.config import Config
from sitelint.page import Page
from sitelint.positions import Positions, line_starts, lone_cr_as_lf, lxml_line

ROOT = Path(__file__).resolve().parents[1]


def _page(text: str, path: str = "a.html") -> Page:
    fmt = "markdown" if path.endswith(".md") else "html"
    return Page(path, text, Config(), fmt=fmt)


def _positions(page: Page, tag: str) -> list[tuple[int, int | None]]:
    return [page.position(el) for el in page.root.iter(tag)]


def _full_scan(page: Page) -> Page:
    """The page with the one-search shortcut turned off: every lookup goes through the full scan."""
    page.positions._quick_offsets = lambda tag: None  # type: ignore[method-assign]
    return page


MULTILINE = "\n".join([
    "<html><body>",                 # 1
    '<a href="/m1.html"',           # 2
    '   class="x"',                 # 3
    '   title="y">text</a>',        # 4
    "<p>见<img",                    # 5
    '  alt="a"',                    # 6
    '  src="/m2.png"',              # 7
    ">",                            # 8
    '<span title="a > b',           # 9: the first '>' is inside the quoted value
    '  c">x</span></p>',            # 10
    "</body></html>",
])


def test_multiline_start_tag_is_placed_where_it_begins() -> None:
    page = _page(MULTILINE)
    (a,), (img,), (span,) = page.root.iter("a"), page.root.iter("img"), page.root.iter("span")
    assert (lxml_line(a), lxml_line(img), lxml_line(span)) == (4, 8, 10)  # libxml2: the line of the '>'
    assert page.position(a) == (2, 1)
    assert page.position(img) == (5, 5)
    assert page.position(span) == (9, 1)


def test_multiline_start_tag_through_the_full_scan() -> None:
    page = _full_scan(_page(MULTILINE))
    assert _positions(page, "a") + _positions(page, "img") + _positions(page, "span") == [(2, 1), (5, 5), (9, 1)]


def test_a_tag_ending_on_another_line_is_not_taken_for_the_element() -> None:
    """The k-th start tag begins above lxml's line but ends before it: not that element (line alone)."""
    text = '<html><body><a\nhref="x">1</a>\n\n<p>2</p></body></html>'
    page = _page(text)
    (a,) = page.root.iter("a")
    assert page.position(a) == (1, 13)
    positions = Positions(text)
    assert positions.locate("a", 0, 2) == (1, 13)
    assert positions.locate("a", 0, 3) == (3, None)  # lxml's line is past the tag's '>': not this tag


def test_site_finding_on_multiline_tag_gets_the_start_line_and_column(tmp_path: Path) -> None:
    write(tmp_path, {"a.html": MULTILINE})
    _code, doc = run_json(["a.html"], tmp_path)
    assert [(d["rule"], d["line"], d["column"]) for d in doc["diagnostics"]] == [
        ("broken-internal-link", 2, 1), ("broken-internal-link", 5, 5)]
    assert [d["snippet"] for d in doc["diagnostics"]] == ['<a href="/m1.html"', "<p>见<img"]


def test_disable_next_line_above_a_multiline_start_tag_suppresses_it(tmp_path: Path) -> None:
    page = "\n".join([
        "<html><body>",
        "<!-- sitelint-disable-next-line broken-internal-link -->",
        '<a href="/m1.html"',
        '   class="x">suppressed</a>',
        "<!-- sitelint-disable-next-line SL701 -->",
        "<img",
        '  src="/m2.png"',
        ">",
        '<a href="/m3.html"',
        '   class="x">reported</a>',
        "</body></html>",
    ])
    write(tmp_path, {"a.html": page})
    _code, doc = run_json(["a.html"], tmp_path)
    assert found(doc) == [("a.html", 9, "broken-internal-link")]


def test_markdown_html_block_with_multiline_start_tag() -> None:
    source = "\n".join([
        "# 标题",                                  # 1
        "",                                        # 2
        "<div>",                                   # 3
        '<a href="https://ad.doubleclick.net/x"',  # 4
        '   class="x">广告</a>',                   # 5
        "</div>",                                  # 6
        "",                                        # 7
        "正文 <img",                               # 8
        'src="/m2.png"> 结尾',                     # 9
    ])
    page = _page(source, "a.md")
    assert _positions(page, "a") == [(4, None)]
    assert _positions(page, "img") == [(8, None)]


def test_markdown_page_finding_on_multiline_start_tag(tmp_path: Path) -> None:
    source = '# 标题\n\n<div>\n<a href="https://ad.doubleclick.net/x"\n   class="x">广告</a>\n</div>\n'
    write(tmp_path, {"a.md": source})
    _code, doc = run_json(["--select", "ad-link", "a.md"], tmp_path)
    assert found(doc) == [("a.md", 4, "ad-link")]


# --- CR-only (old Mac) line endings --------------------------------------------------------------

LINES = ["<html>", "<body>", "<p>x</p>", '<a href="/m2.html">x</a>', '<p>y <a href="/m3.html">y</a></p>',
         "</body></html>", ""]


def test_cr_only_page_has_real_lines() -> None:
    lf, cr = _page("\n".join(LINES)), _page("\r".join(LINES))
    assert _positions(cr, "a") == _positions(lf, "a") == [(4, 1), (5, 6)]
    assert _positions(_full_scan(_page("\r".join(LINES))), "a") == [(4, 1), (5, 6)]
    assert [lxml_line(el) for el in cr.root.iter()] == [lxml_line(el) for el in lf.root.iter()]
    # the same tree: libxml2 turns a lone CR into LF in text and attributes anyway
    def content(page: Page) -> list[tuple[str, str | None, str | None]]:
        return [(el.tag, el.text, el.tail) for el in page.root.iter()]

    assert content(cr) == content(lf)


def test_cr_only_file_reports_real_lines_and_snippets(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_bytes("\r".join(LINES).encode())
    _code, doc = run_json(["a.html"], tmp_path)
    assert [(d["line"], d["column"], d["snippet"]) for d in doc["diagnostics"]] == [
        (4, 1, LINES[3]), (5, 6, LINES[4])]


def test_crlf_file_is_placed_as_before(tmp_path: Path) -> None:
    (tmp_path / "lf.html").write_bytes("\n".join(LINES).encode())
    (tmp_path / "crlf.html").write_bytes("\r\n".join(LINES).encode())
    _code, doc = run_json(["lf.html", "crlf.html"], tmp_path)
    by_file: dict[str, list[tuple[int, int]]] = {}
    for d in doc["diagnostics"]:
        by_file.setdefault(d["path"], []).append((d["line"], d["column"]))
    assert by_file["crlf.html"] == by_file["lf.html"] == [(4, 1), (5, 6)]


def test_lone_cr_as_lf_keeps_offsets_and_crlf() -> None:
    data = b"a\rb\r\nc\n\rd\r"
    fixed = lone_cr_as_lf(data)
    assert len(fixed) == len(data)
    assert fixed == b"a\nb\r\nc\n\nd\n"
    assert lone_cr_as_lf(b"x\r\ny\r\n") == b"x\r\ny\r\n"


def test_line_starts_count_lf_crlf_and_lone_cr() -> None:
    assert line_starts("a\nb\r\nc\rd\r") == [0, 2, 5, 7, 9]
    assert line_starts("a\r\nb\r\n") == [0, 3, 6]
    assert line_starts("a\nb") == [0, 2]


def test_markdown_site_finding_on_multiline_start_tag(tmp_path: Path) -> None:
    source = '# 标题\n\n<div>\n<a href="missing.html"\n   class="x">失效</a>\n</div>\n'
    write(tmp_path, {"a.md": source})
    _code, doc = run_json(["--select", "broken-internal-link", "a.md"], tmp_path)
    assert found(doc) == [("a.md", 4, "broken-internal-link")]


@pytest.mark.parametrize("fixture", ["serious-wording-error", "broken-numbering", "nonstandard-document-number"])
def test_an_old_mac_copy_of_a_fixture_gives_the_same_findings(tmp_path: Path, fixture: str) -> None:
    pages = sorted((ROOT / "fixtures" / fixture).glob("*.html"))
    assert pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        (tmp_path / "lf").mkdir(exist_ok=True)
        (tmp_path / "cr").mkdir(exist_ok=True)
        (tmp_path / "lf" / page.name).write_bytes(text.replace("\r\n", "\n").encode())
        (tmp_path / "cr" / page.name).write_bytes(text.replace("\r\n", "\n").replace("\n", "\r").encode())
    _code, lf = run_json(["--select", fixture, "--today", "2025-12-31", "."], tmp_path / "lf")
    _code, cr = run_json(["--select", fixture, "--today", "2025-12-31", "."], tmp_path / "cr")
    assert found(lf)
    assert found(cr) == found(lf)
