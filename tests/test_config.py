"""Configuration: discovery, validation (exit 2 naming the key and file), selection, options."""

from __future__ import annotations

from pathlib import Path

import pytest
from clirun import found, run, run_json, write

PAGE = '<html><body>\n<a href="missing.html">失效</a>\n<a href="#nowhere">锚点</a>\n</body></html>\n'


def test_sitelint_toml_is_found_upward(tmp_path: Path) -> None:
    write(tmp_path, {"sitelint.toml": 'ignore = ["broken-internal-link"]\n', "sub/dir/a.html": PAGE})
    code, doc = run_json(["sub/dir/a.html"], tmp_path)
    assert (code, found(doc)) == (0, [])


def test_pyproject_tool_table_is_found_and_others_skipped(tmp_path: Path) -> None:
    write(tmp_path, {
        "pyproject.toml": '[tool.sitelint]\nselect = ["SL7"]\n[tool.sitelint.checks.broken-internal-link]\n'
                          'check-fragments = false\n',
        "site/pyproject.toml": '[project]\nname = "x"\n',  # no [tool.sitelint]: keep searching upward
        "site/a.html": PAGE,
    })
    code, doc = run_json(["site"], tmp_path)
    assert (code, found(doc)) == (1, [("site/a.html", 2, "broken-internal-link")])


def test_explicit_config_file(tmp_path: Path) -> None:
    write(tmp_path, {"conf/lint.toml": 'ignore = ["SL701"]\n', "a.html": PAGE})
    code, doc = run_json(["--config", "conf/lint.toml", "a.html"], tmp_path)
    assert (code, found(doc)) == (0, [])


@pytest.mark.parametrize(
    ("toml", "key"),
    [
        ('colour = "red"\n', "colour"),
        ('domains = "www.example.gov.cn"\nselect = 3\n', "select"),
        ('[kinds]\npolicy = [1, 2]\n', "kinds.policy"),
        ('[checks.broken-internal-link]\ncheck-fragment = false\n', "checks.broken-internal-link.check-fragment"),
        ('[checks.broken-internal-link]\ncheck-fragments = "no"\n', "checks.broken-internal-link.check-fragments"),
        ('[checks.no-such-check]\nx = 1\n', "checks.no-such-check"),
        ('select = ["no-such-check"]\n', "no-such-check"),
        ('[per-file-ignores]\n"legacy/**" = ["SL999"]\n', "SL999"),
        ('[severity]\nbroken-internal-link = "fatal"\n', "severity.broken-internal-link"),
        ("max-file-size = -1\n", "max-file-size"),
        ("select = [\n", "TOML"),
        ('[checks.SL701]\ncheck-fragments = false\n', "checks.SL701"),  # by code: would silently not apply
        ('[kinds]\npolcy = ["zcwj/**"]\n', "kinds.polcy"),
        ('[checks.stale-column]\nwindows = {other = "abc"}\n', "checks.stale-column.windows.other"),
        ('[checks.stale-column]\nwindows = {othr = 100}\n', "checks.stale-column.windows"),
        ('[checks.stale-column]\nwindows = {other = 0}\n', "checks.stale-column.windows.other"),
        ('[checks.stale-column]\ncolumns = {"xwdt/**" = "dynamc"}\n', "checks.stale-column.columns.xwdt/**"),
        ('[checks.blank-column]\ncolumns = {"xwdt" = true}\n', "checks.blank-column.columns.xwdt"),
    ],
)
def test_invalid_config_exits_2_naming_key_and_file(tmp_path: Path, toml: str, key: str) -> None:
    write(tmp_path, {"sitelint.toml": toml, "a.html": PAGE})
    result = run(["a.html"], tmp_path)
    assert result.exit_code == 2
    assert key in result.stderr
    assert "sitelint.toml" in result.stderr


def test_pyproject_keys_are_named_with_their_table(tmp_path: Path) -> None:
    write(tmp_path, {"pyproject.toml": "[tool.sitelint]\nbogus = 1\n", "a.html": PAGE})
    result = run(["a.html"], tmp_path)
    assert result.exit_code == 2
    assert "tool.sitelint.bogus" in result.stderr and "pyproject.toml" in result.stderr


def test_unknown_selector_on_the_command_line_is_a_usage_error(tmp_path: Path) -> None:
    write(tmp_path, {"a.html": PAGE})
    result = run(["--select", "SL9", "a.html"], tmp_path)
    assert result.exit_code == 2


@pytest.mark.parametrize("selector", ["SL701", "SL7", "SL", "broken-internal-link", "ALL"])
def test_select_by_code_prefix_or_name(tmp_path: Path, selector: str) -> None:
    write(tmp_path, {"a.html": PAGE})
    _code, doc = run_json(["--select", selector, "a.html"], tmp_path)
    assert found(doc) == [("a.html", 2, "broken-internal-link"), ("a.html", 3, "broken-internal-link")]


def test_ignore_on_the_command_line_adds_to_config(tmp_path: Path) -> None:
    write(tmp_path, {"a.html": PAGE})
    code, doc = run_json(["--ignore", "SL7", "a.html"], tmp_path)
    assert (code, found(doc)) == (0, [])


def test_per_file_ignores(tmp_path: Path) -> None:
    write(tmp_path, {
        "sitelint.toml": '[per-file-ignores]\n"legacy/**" = ["SL701"]\n',
        "legacy/old.html": PAGE,
        "new.html": PAGE,
    })
    _code, doc = run_json(["."], tmp_path)
    assert {p for p, _l, _r in found(doc)} == {"new.html"}


def test_severity_override_changes_the_exit_code(tmp_path: Path) -> None:
    write(tmp_path, {"sitelint.toml": '[severity]\nbroken-internal-link = "warning"\n', "a.html": PAGE})
    code, doc = run_json(["a.html"], tmp_path)
    assert code == 0
    assert {d["severity"] for d in doc["diagnostics"]} == {"warning"}


def test_check_options_reach_the_check(tmp_path: Path) -> None:
    write(tmp_path, {
        "sitelint.toml": '[checks.broken-internal-link]\nignore-urls = ["missing.*"]\ncheck-fragments = false\n',
        "a.html": PAGE,
    })
    code, doc = run_json(["a.html"], tmp_path)
    assert (code, found(doc)) == (0, [])


def test_domains_make_absolute_links_internal(tmp_path: Path) -> None:
    page = '<a href="http://www.example.gov.cn/gone.html">x</a>\n<a href="http://other.example.com/gone.html">y</a>\n'
    write(tmp_path, {"sitelint.toml": 'domains = ["www.example.gov.cn"]\n', "a.html": page})
    _code, doc = run_json(["a.html"], tmp_path)
    assert found(doc) == [("a.html", 1, "broken-internal-link")]


@pytest.mark.parametrize("configured", ["北京市人民政府.政务", "XN--1LQ2AZ1ZQ7NBWAI50AG4L.xn--zfr164b"])
def test_a_chinese_domain_is_one_host_in_either_spelling(tmp_path: Path, configured: str) -> None:
    page = "\n".join([
        '<a href="http://北京市人民政府.政务/ok.html">在</a>',
        '<a href="http://xn--1lq2az1zq7nbwai50ag4l.xn--zfr164b/ok.html">在</a>',
        '<a href="http://北京市人民政府.政务/gone.html">不在</a>',
        '<a href="https://xn--1lq2az1zq7nbwai50ag4l.xn--zfr164b/gone.html">不在</a>',
        '<div style="display:none"><a href="http://xn--1lq2az1zq7nbwai50ag4l.xn--zfr164b/ok.html">本站</a></div>',
    ])
    write(tmp_path, {"sitelint.toml": f'domains = ["{configured}"]\n', "a.html": page, "ok.html": "<p>在</p>"})
    _code, doc = run_json(["--select", "broken-internal-link,hidden-external-link", "a.html"], tmp_path)
    assert found(doc) == [("a.html", 3, "broken-internal-link"), ("a.html", 4, "broken-internal-link")]


def test_root_is_relative_to_the_config_file(tmp_path: Path) -> None:
    write(tmp_path, {
        "sitelint.toml": 'root = "public"\n',
        "public/css/site.css": "",
        "public/zcwj/a.html": '<link rel="stylesheet" href="/css/site.css"><a href="/zcwj/none.html">x</a>\n',
    })
    _code, doc = run_json(["public/zcwj/a.html"], tmp_path)
    assert found(doc) == [("public/zcwj/a.html", 1, "broken-internal-link")]


def test_exclude(tmp_path: Path) -> None:
    write(tmp_path, {"sitelint.toml": 'exclude = ["drafts/**"]\n', "drafts/a.html": PAGE, "b.html": "<p>ok</p>"})
    code, doc = run_json(["."], tmp_path)
    assert (code, doc["summary"]["files"], found(doc)) == (0, 1, [])


def test_without_config_a_single_page_finds_the_site_root(tmp_path: Path) -> None:
    write(tmp_path, {
        "site/index.html": '<a href="/zcwj/index.html">政策</a>',
        "site/css/main.css": "",
        "site/zcwj/index.html": "<p>列表</p>",
        "site/zcwj/2024/a.html": '<link rel="stylesheet" href="/css/main.css">\n<a href="/zcwj/none.html">x</a>\n',
    })
    _code, doc = run_json(["site/zcwj/2024/a.html"], tmp_path)
    assert found(doc) == [("site/zcwj/2024/a.html", 2, "broken-internal-link")]
