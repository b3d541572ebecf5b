"""--fix applies edits byte for byte: everything not fixed stays as it was, encoding included."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

from sitelint.findings import Edit, Finding, Fix, Safety
from sitelint.fix import fixable, plan, write_atomically

WRONG = "青府办[2024]5号"
RIGHT = "青府办〔2024〕5号"


def _finding(text: str, old: str, new: str, safety: Safety = Safety.SAFE, start: int = 0) -> Finding:
    offset = text.index(old, start)
    return Finding(rule="demo", message="m", fix=Fix("改为规范写法", (Edit(offset, old, new),), safety))


def test_gbk_page_stays_gbk_and_other_bytes_are_untouched() -> None:
    text = f'<meta charset="gbk">\r\n<p>文号：{WRONG}</p>\r\n<p>镕\t其余内容</p>\r\n'
    data = text.encode("gbk")
    result = plan("a.html", data, [_finding(text, "[2024]", "〔2024〕")])
    assert result.after == text.replace("[2024]", "〔2024〕").encode("gbk")
    assert result.encoding == "gb18030" and len(result.applied) == 1


def test_bom_is_kept() -> None:
    text = f"<p>{WRONG}</p>\n"
    data = codecs.BOM_UTF8 + text.encode("utf-8")
    result = plan("a.html", data, [_finding(text, "[2024]", "〔2024〕")])
    assert result.after == codecs.BOM_UTF8 + text.replace("[2024]", "〔2024〕").encode("utf-8")


def test_overlapping_edits_apply_the_first_only() -> None:
    text = f"<p>{WRONG}</p>"
    first = _finding(text, "[2024]", "〔2024〕")
    second = _finding(text, "[2024]5号", "〔2024〕5号")
    result = plan("a.html", text.encode(), [first, second])
    assert result.applied == [first] and result.skipped == [second]


def test_stale_offsets_are_skipped_not_forced() -> None:
    text = f"<p>{WRONG}</p>"
    stale = Finding(rule="demo", message="m", fix=Fix("x", (Edit(0, "[2024]", "〔2024〕"),)))
    result = plan("a.html", text.encode(), [stale])
    assert result.after == text.encode() and result.skipped == [stale]


def test_pages_with_undecodable_bytes_are_not_fixed() -> None:
    data = f'<meta charset="utf-8"><p>{WRONG}</p>'.encode() + b"\xff"
    text = data.decode("utf-8", "replace")
    result = plan("a.html", data, [_finding(text, "[2024]", "〔2024〕")])
    assert result.after == data


def test_unsafe_fixes_need_asking() -> None:
    text = f"<p>{WRONG}</p>"
    unsafe = _finding(text, "[2024]", "〔2024〕", Safety.UNSAFE)
    assert fixable([unsafe], unsafe=False) == []
    assert fixable([unsafe], unsafe=True) == [unsafe]


def test_diff_shows_the_change() -> None:
    text = f"<p>{WRONG}</p>\n"
    result = plan("a.html", text.encode(), [_finding(text, "[2024]", "〔2024〕")])
    diff = result.diff()
    assert f"-<p>{WRONG}</p>" in diff and f"+<p>{RIGHT}</p>" in diff


def test_write_is_atomic_and_keeps_the_mode(tmp_path: Path) -> None:
    page = tmp_path / "a.html"
    page.write_bytes(b"old")
    os.chmod(page, 0o640)
    write_atomically(str(page), b"new")
    assert page.read_bytes() == b"new"
    assert page.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.html"]


def test_cli_fix_and_diff_end_to_end(tmp_path: Path) -> None:
    """SL504 offers safe fixes: --diff shows them without writing, --fix writes and re-lints clean."""
    import json

    from clirun import run

    page = tmp_path / "a.html"
    text = ('<meta charset="gbk"><table class="xxgk"><tr><td>文号：</td><td>青府办[2024]05号</td></tr></table>\n'
            "<p>镕</p>\n")
    page.write_bytes(text.encode("gbk"))
    before = page.read_bytes()
    diff = run(["--diff", "--select", "nonstandard-document-number", "a.html"], tmp_path)
    assert diff.exit_code == 1 and "+" in diff.stdout and page.read_bytes() == before
    fixed = run(["--fix", "--format", "json", "--select", "nonstandard-document-number", "a.html"], tmp_path)
    assert json.loads(fixed.stdout)["diagnostics"] == []
    assert page.read_bytes() == text.replace("[2024]05号", "〔2024〕5号").encode("gbk")
