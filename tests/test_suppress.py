"""Inline suppression is applied by the engine, for HTML and Markdown alike."""

from __future__ import annotations

from pathlib import Path

from clirun import found, run_json, write

from sitelint.suppress import parse_directives

#: a range, a next-line directive and a disable to the end: links on lines 1, 5 and 8 are reported
DIRECTIVES = [
    '<a href="g1.html">1</a>',
    "<!-- sitelint-disable broken-internal-link -->",
    '<a href="g2.html">2</a>',
    "<!-- sitelint-enable broken-internal-link -->",
    '<a href="g3.html">3</a>',
    "<!-- sitelint-disable-next-line SL701 -->",
    '<a href="g4.html">4</a>',
    '<a href="g5.html">5</a>',
    "<!-- sitelint-disable -->",
    '<a href="g6.html">6</a>',
]


def test_ranges_next_line_and_file_directives(tmp_path: Path) -> None:
    write(tmp_path, {"a.html": "\n".join(DIRECTIVES)})
    _code, doc = run_json(["a.html"], tmp_path)
    assert found(doc) == [("a.html", 1, "broken-internal-link"), ("a.html", 5, "broken-internal-link"),
                          ("a.html", 8, "broken-internal-link")]


def test_disable_file(tmp_path: Path) -> None:
    write(tmp_path, {"a.html": '<a href="g1.html">1</a>\n<!-- sitelint-disable-file broken-internal-link -->\n'})
    code, doc = run_json(["a.html"], tmp_path)
    assert (code, found(doc)) == (0, [])


def test_directive_for_another_check_does_not_suppress(tmp_path: Path) -> None:
    write(tmp_path, {"a.html": '<!-- sitelint-disable-next-line empty-file -->\n<a href="g1.html">1</a>\n'})
    _code, doc = run_json(["a.html"], tmp_path)
    assert found(doc) == [("a.html", 2, "broken-internal-link")]


def test_data_attribute_covers_descendants_on_one_minified_line(tmp_path: Path) -> None:
    page = ('<div data-sitelint-ignore="broken-internal-link"><ul><li><a href="g1.html">1</a></li></ul></div>'
            '<div><a href="g2.html">2</a></div><p data-sitelint-ignore="SL999 other"><a href="g3.html">3</a></p>')
    write(tmp_path, {"a.html": page})
    _code, doc = run_json(["a.html"], tmp_path)
    expected = [(1, page.index(f'<a href="{name}">') + 1) for name in ("g2.html", "g3.html")]
    assert [(d["line"], d["column"]) for d in doc["diagnostics"]] == expected


def test_markdown_directives(tmp_path: Path) -> None:
    page = "\n".join([
        "# 标题",
        "",
        "<!-- sitelint-disable-next-line broken-internal-link -->",
        "[旧链接](old.md)",
        "",
        "[新链接](new.md)",
    ])
    write(tmp_path, {"a.md": page})
    _code, doc = run_json(["a.md"], tmp_path)
    assert found(doc) == [("a.md", 6, "broken-internal-link")]


def test_parse_directives_without_any_is_cheap_and_empty() -> None:
    s = parse_directives("<p>no directives here</p>")
    assert not s.covers(1, ("broken-internal-link", "SL701"))


def test_unclosed_disable_runs_to_the_end() -> None:
    s = parse_directives("a\n<!-- sitelint-disable SL701 -->\nb\nc\n")
    assert s.covers(4, ("x", "SL701")) and not s.covers(1, ("x", "SL701"))


def test_directives_in_an_old_mac_file_cover_their_own_lines(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_bytes("\r".join(DIRECTIVES).encode())  # CR-only line ends
    _code, doc = run_json(["a.html"], tmp_path)
    assert found(doc) == [("a.html", 1, "broken-internal-link"), ("a.html", 5, "broken-internal-link"),
                          ("a.html", 8, "broken-internal-link")]


def test_a_directive_sitelint_does_not_know_suppresses_nothing(tmp_path: Path) -> None:
    # eslint's "disable-line" is not a sitelint directive; it must not act as "disable" for the rest of the file
    page = '<a href="g1.html">1</a> <!-- sitelint-disable-line broken-internal-link -->\n<a href="g2.html">2</a>\n'
    write(tmp_path, {"a.html": page})
    _code, doc = run_json(["a.html"], tmp_path)
    assert found(doc) == [("a.html", 1, "broken-internal-link"), ("a.html", 2, "broken-internal-link")]
