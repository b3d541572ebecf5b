"""sitelint.gongwen: Chinese numerals, 文号 and 成文日期 parsing and correction, paragraph text, source offsets;
and the fixes SL504/SL505/SL107 attach: applied to page.text they give the corrected text."""

from __future__ import annotations

import datetime

import lxml.html
import pytest

from sitelint import gongwen
from sitelint.config import Config
from sitelint.findings import Finding, Safety
from sitelint.page import Page

# --- numerals ------------------------------------------------------------------------------------

NUMERALS = [
    ("一", 1), ("九", 9), ("十", 10), ("十一", 11), ("十二", 12), ("十九", 19), ("二十", 20), ("二十一", 21),
    ("三十五", 35), ("九十", 90), ("九十九", 99), ("一百", 100), ("一百零一", 101), ("一百零九", 109),
    ("一百一十", 110), ("一百一十一", 111), ("一百二十", 120), ("一百九十九", 199), ("二百", 200),
    ("二百零五", 205), ("一千", 1000), ("一千零五", 1005), ("一千零五十", 1050), ("一千二百三十四", 1234),
]


@pytest.mark.parametrize(("text", "value"), NUMERALS)
def test_cn_to_int(text: str, value: int) -> None:
    assert gongwen.cn_to_int(text) == value


@pytest.mark.parametrize(("text", "value"), NUMERALS)
def test_int_to_cn_round_trips(text: str, value: int) -> None:
    assert gongwen.int_to_cn(value) == text


def test_every_ordinal_up_to_one_hundred_and_twenty_round_trips() -> None:
    for n in range(1, 121):
        assert gongwen.cn_to_int(gongwen.int_to_cn(n)) == n


@pytest.mark.parametrize("text", ["", "零", "〇", "一二", "二〇二四", "十十", "百", "一百二", "一百零", "两", "第一",
                                  "1"])
def test_cn_to_int_rejects_what_is_not_an_ordinal(text: str) -> None:
    assert gongwen.cn_to_int(text) is None


def test_accepted_variant_spellings() -> None:
    assert gongwen.cn_to_int("一十五") == 15
    assert gongwen.cn_to_int("一百〇一") == 101


@pytest.mark.parametrize("n", [0, -1, 10000])
def test_int_to_cn_range(n: int) -> None:
    with pytest.raises(ValueError):
        gongwen.int_to_cn(n)


# --- 文号 -------------------------------------------------------------------------------------------


def _one(text: str, **kw: object) -> gongwen.DocNumber:
    found = list(gongwen.find_doc_numbers(text, **kw))  # type: ignore[arg-type]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text", ["国办发〔2017〕47号", "阳府办函〔2021〕9号", "阿政办字〔2025〕8号",
                                  "金罚决字〔2024〕36号", "教思政厅函〔2024〕10号", "国办秘函〔2019〕19号"])
def test_confirmed_doc_numbers_are_standard(text: str) -> None:
    d = _one(text, strict=True)
    assert d.problems == ()
    assert d.corrected == text
    assert d.text == text


@pytest.mark.parametrize(("text", "corrected"), [
    ("国办发[2019]12号", "国办发〔2019〕12号"),
    ("国办发［2019］12号", "国办发〔2019〕12号"),
    ("皖政办秘【2019】12号", "皖政办秘〔2019〕12号"),
    ("国办发(2017)47号", "国办发〔2017〕47号"),
    ("国办发（2017）47号", "国办发〔2017〕47号"),
    ("六政办秘﹝2021﹞148号", "六政办秘〔2021〕148号"),
    ("京政发〔2019〕第5号", "京政发〔2019〕5号"),
    ("京政发〔2019〕05号", "京政发〔2019〕5号"),
    ("京政发〔2019]5号", "京政发〔2019〕5号"),
])
def test_wrong_doc_numbers_are_corrected_mechanically(text: str, corrected: str) -> None:
    d = _one(text)
    assert d.problems
    assert d.corrected == corrected
    assert d.safe


def test_two_digit_year_is_expanded_but_not_safe() -> None:
    d = _one("六信发〔17〕第05号", pivot_year=2025)
    assert d.corrected == "六信发〔2017〕5号"
    assert len(d.problems) == 3
    assert not d.safe
    assert _one("京政发(98)12号", pivot_year=2025).corrected == "京政发〔1998〕12号"


def test_spaces_count_only_in_strict_mode() -> None:
    assert _one("阳府办函 〔2021〕 9号").problems == ()
    strict = _one("阳府办函 〔2021〕 9号", strict=True)
    assert strict.problems == ("文号中不应有空格",)
    assert strict.corrected == "阳府办函〔2021〕9号"


def test_code_in_running_text_is_shown_without_leading_words_and_tail_is_what_a_fix_replaces() -> None:
    text = "根据国办发[2019]12号执行"
    d = _one(text)
    assert d.code == "国办发"
    assert d.shown == "国办发[2019]12号"
    assert text[d.tail_start:d.end] == "[2019]12号"
    assert d.corrected_tail == "〔2019〕12号"


@pytest.mark.parametrize("text", [
    "审图号：GS(2019)1822号", "GS京(2022)1061号", "GS京(2022) 1061号", "粤S(2018)01-031号", "川S【2021】00044号",
    "国务院令第722号", "中国人民银行令〔2021〕第3号", "（2019）京01民终123号", "幸福小区（2019）3号楼",
    "GB/T 9704-2012", "ISO 9001:2015", "执行期为（2023—2025）年", "2019年第1号公告", "国办发〔2019〕0号",
])
def test_not_doc_numbers(text: str) -> None:
    assert [d for d in gongwen.find_doc_numbers(text) if d.problems] == []


# --- numbered headings ---------------------------------------------------------------------------


@pytest.mark.parametrize(("line", "level", "value", "text"), [
    ("第一章 总 则", "章", 1, "第一章"), ("第十章总则", "章", 10, "第十章"),
    ("　　第二节　一般规定", "节", 2, "第二节"),
    ("第一条 为规范…", "条", 1, "第一条"), ("第九十九条　…", "条", 99, "第九十九条"),
    ("第一百零一条 本条例自…", "条", 101, "第一百零一条"), ("第一百二十条：…", "条", 120, "第一百二十条"),
    ("第一條 為進一步…", "条", 1, "第一條"), ("（三）经领导批准发布的信息；", "（）", 3, "（三）"),
    ("(十二)其他", "（）", 12, "(十二)"), ("十一、联系方式", "、", 11, "十一、"),
])
def test_parse_item(line: str, level: str, value: int, text: str) -> None:
    item = gongwen.parse_item(line)
    assert item is not None
    assert (item.level, item.value, item.text, item.garbled) == (level, value, text, None)


def test_parse_item_garbled_article_number() -> None:
    item = gongwen.parse_item("　　第十  要畅通在线互动渠道")
    assert item is not None and (item.level, item.garbled, item.text) == ("条", "十", "第十")


@pytest.mark.parametrize("line", [
    "第五条规定的情形", "依照本办法第五条", "“第五条 行政机关…”", "第十届运动会", "第三季度", "二〇二四、",
    "第一章总则第一条为贯彻落实《广东省人民政府办公厅转发国务院办公厅关于印发政府网站发展指引的通知》", "1. 第一项",
])
def test_not_items(line: str) -> None:
    assert gongwen.parse_item(line) is None


def test_annex_lines() -> None:
    assert all(gongwen.is_annex(t) for t in ("附件", "附件1", "附 件：", "附件2：政务新媒体备案表", "　附件三"))
    assert not any(gongwen.is_annex(t) for t in ("附件材料要齐全。", "附则"))


def test_sequence_problems() -> None:
    assert gongwen.sequence_problem("章", 4, 3) == "编号不连续：`第四章` 紧接在 `第二章` 之后，缺少 第三章"
    assert gongwen.sequence_problem("条", 16, 12) == (
        "编号不连续：`第十六条` 紧接在 `第十一条` 之后，缺少 第十二条至第十五条")
    assert gongwen.sequence_problem("条", 9, 10) == "编号重复：`第九条` 出现了两次，按顺序应为 `第十条`"
    assert gongwen.sequence_problem("（）", 2, 5) == "编号顺序颠倒：`（二）` 出现在 `（四）` 之后，按顺序应为 `（五）`"


# --- 成文日期 ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "corrected", "safe"), [
    ("2024年07月01日", "2024年7月1日", True),
    ("2024年7月01日", "2024年7月1日", True),
    ("2023年05月18日", "2023年5月18日", True),
    ("2024年10月08日", "2024年10月8日", True),
    ("24年7月1日", "2024年7月1日", False),
])
def test_padded_dates(text: str, corrected: str, safe: bool) -> None:
    found = list(gongwen.find_padded_dates(text, pivot_year=2025))
    assert [(d.text, d.corrected, d.safe) for d in found] == [(text, corrected, safe)]


@pytest.mark.parametrize("text", ["2024年7月1日", "2024年10月10日", "二〇二四年七月一日", "2025-05-28 17:02:50",
                                  "2023年13月01日", "2024年00月01日", "12024年7月1日"])
def test_standard_or_other_dates_are_not_padded(text: str) -> None:
    assert list(gongwen.find_padded_dates(text)) == []


@pytest.mark.parametrize(("text", "suspect"), [
    ("国办发〔2017〕47号 京ICP备07017245号-2 字号：大 中 小", False),
    ("国办发[2017]47号", True), ("国办发〔2017〕第47号", True), ("国办发〔2017〕047号", True),
    ("阳府办函 〔2021〕9号", True), ("阳府办函&nbsp;〔2021〕9号", True), ("国办发〔17〕47号", True),
    ("pack[11].split('号')", False),
])
def test_doc_number_precondition(text: str, suspect: bool) -> None:
    assert gongwen.suspect_doc_number(text) is suspect


@pytest.mark.parametrize(("text", "suspect"), [
    ("2021年1月8日 2023-05-18", False), ("2021年01月8日", True), ("2021年1月08日", True), ("21年1月8日", True),
    ("第2021年1月8日", False),
])
def test_date_precondition(text: str, suspect: bool) -> None:
    assert gongwen.suspect_padded_date(text) is suspect


# --- paragraph text ---------------------------------------------------------------------------------


def test_blocks_join_inline_markup_and_break_at_br_and_nested_blocks() -> None:
    root = lxml.html.fromstring(
        "<div id='a'><p>第一条 <b>甲</b>乙<br>第二条 丙<br><strong><span>第三条</span></strong> 丁</p>尾"
        "<div>内<script>var x = '脚本';</script></div>外<pre>代码</pre></div>"
    )
    found = {b.element.tag + (b.element.get("id") or ""): b.text for b in gongwen.blocks([root])}
    assert found == {"p": "第一条 甲乙\n第二条 丙\n第三条 丁", "diva": "\n尾\n外", "div": "内"}
    p = next(b for b in gongwen.blocks([root]) if b.element.tag == "p")
    assert [line for _, line in gongwen.lines(p)] == ["第一条 甲乙", "第二条 丙", "第三条 丁"]


def test_blocks_drop_zero_width_characters_and_keep_soft_breaks_only_when_asked() -> None:
    root = lxml.html.fromstring("<div><p>攻\u200b府\n第二条</p></div>")
    assert [b.text for b in gongwen.blocks([root])] == ["攻府 第二条"]
    assert [b.text for b in gongwen.blocks([root], soft_breaks=True)] == ["攻府\n第二条"]


# --- source offsets and fixes --------------------------------------------------------------------


def _page(html: str, name: str = "a.html") -> Page:
    fmt = "markdown" if name.endswith(".md") else "html"
    return Page(name, html, Config(today=datetime.date(2025, 6, 1)), fmt=fmt)


def test_source_find_is_bounded_to_the_element_and_walks_successive_occurrences() -> None:
    html = "<div>\n<p id='x'>甲[2019]1号 乙[2019]1号</p>\n<p id='y'>丙[2019]1号</p>\n</div>"
    page = _page(html)
    src = gongwen.Source(page)
    x, y = page.root.xpath("//*[@id='x']")[0], page.root.xpath("//*[@id='y']")[0]
    first, second = src.find(x, "[2019]1号"), src.find(x, "[2019]1号")
    assert first is not None and second is not None and first < second
    assert src.find(x, "[2019]1号") is None  # the third occurrence is in the next paragraph
    third = src.find(y, "[2019]1号")
    assert third is not None and html[third - 1] == "丙"
    assert src.line_of(third) == 3


def test_source_find_skips_attributes_comments_and_scripts() -> None:
    html = ("<div id='x' title='国办发[2019]1号'><!-- 国办发[2019]1号 --><script>var a='国办发[2019]1号';</script>"
            "<a title='国办发[2019]1号'>国办发[2019]1号</a></div>")
    page = _page(html)
    found = gongwen.Source(page).find(page.root.xpath("//*[@id='x']")[0], "国办发[2019]1号")
    assert found is not None and html[found - 1] == ">" and html[found + 11:found + 15] == "</a>"


def test_source_find_does_not_split_numbers() -> None:
    page = _page("<p id='x'>2021年1月8日</p>")
    assert gongwen.Source(page).find(page.root.xpath("//*[@id='x']")[0], "21年1月8日") is None


def _apply(text: str, findings: list[Finding], unsafe: bool = False) -> str:
    edits = [e for f in findings if f.fix is not None and (unsafe or f.fix.safety is Safety.SAFE) for e in f.fix.edits]
    for e in sorted(edits, key=lambda e: e.offset, reverse=True):
        assert text[e.offset:e.offset + len(e.old)] == e.old, e
        text = text[:e.offset] + e.new + text[e.offset + len(e.old):]
    return text


def _run(check_cls: type, page: Page) -> list[Finding]:
    return list(check_cls().check(page))


DOCNO_PAGE = """<html><head><title>关于印发管理办法的通知</title></head><body>
<div class="nav"><a href="/">首页</a> 国办发[2019]1号</div>
<table class="xxgk"><tr><td>索引号：</td><td>11341500MB1547523X/2021-00012</td><td>发文字号：</td>
<td>六政办秘﹝2021﹞148号</td></tr><tr><td>成文日期：</td><td>2021年03月02日</td><td>发布机构：</td><td>六安市信访局</td></tr>
</table>
<div id="zoom">
<p style="text-align:center">六信发[2021]3号</p>
<p>根据（国办发(2017)47号）和（国办发(2017)47号）、&#x3014;2018&#x3015;，以及六信发〔17〕第05号，制定本办法。</p>
<p>根据<span>国办发</span>［2018］123号；审图号 GS京(2022)1061号。</p>
<p style="text-align:right">六安市信访局<br>2021年03月02日</p>
</div></body></html>"""

DOCNO_FIXED = """<html><head><title>关于印发管理办法的通知</title></head><body>
<div class="nav"><a href="/">首页</a> 国办发[2019]1号</div>
<table class="xxgk"><tr><td>索引号：</td><td>11341500MB1547523X/2021-00012</td><td>发文字号：</td>
<td>六政办秘〔2021〕148号</td></tr><tr><td>成文日期：</td><td>2021年3月2日</td><td>发布机构：</td><td>六安市信访局</td></tr>
</table>
<div id="zoom">
<p style="text-align:center">六信发〔2021〕3号</p>
<p>根据（国办发〔2017〕47号）和（国办发〔2017〕47号）、&#x3014;2018&#x3015;，以及六信发〔17〕第05号，制定本办法。</p>
<p>根据<span>国办发</span>〔2018〕123号；审图号 GS京(2022)1061号。</p>
<p style="text-align:right">六安市信访局<br>2021年3月2日</p>
</div></body></html>"""


def test_doc_number_and_date_fixes_rewrite_exactly_the_wrong_text() -> None:
    from sitelint_checks.nonstandard_document_date import NonstandardDocumentDate
    from sitelint_checks.nonstandard_document_number import NonstandardDocumentNumber

    page = _page(DOCNO_PAGE)
    numbers = _run(NonstandardDocumentNumber, page)
    dates = _run(NonstandardDocumentDate, page)
    assert len(numbers) == 6 and len(dates) == 2
    assert _apply(DOCNO_PAGE, numbers + dates) == DOCNO_FIXED
    unsafe = _apply(DOCNO_PAGE, numbers + dates, unsafe=True)
    assert "六信发〔2017〕5号" in unsafe and "〔17〕" not in unsafe


def test_markdown_fix_offsets_are_offsets_of_the_markdown_source() -> None:
    from sitelint_checks.nonstandard_document_number import NonstandardDocumentNumber

    text = "---\ntitle: 通知\n---\n\n韶府办函(2024)第7号\n\n根据（粤办函[2024]12号），特此通知。\n"
    page = _page(text, "a.md")
    found = _run(NonstandardDocumentNumber, page)
    assert [f.anchor if isinstance(f.anchor, int) else page.position(f.anchor)[0] for f in found] == [5, 7]
    fixed = text.replace("(2024)第7号", "〔2024〕7号").replace("[2024]12号", "〔2024〕12号")
    assert _apply(text, found) == fixed


def test_wording_fixes_are_unsafe_and_exact() -> None:
    from sitelint_checks.serious_wording_error import SeriousWordingError

    html = "<html><body><div id='zoom'><p>中华人民共合国秸杆</p><p>杜会长说<b>杜会</b>主义</p></div></body></html>"
    found = _run(SeriousWordingError, _page(html))
    assert [f.message.split("：", 1)[1] for f in found] == [
        "`中华人民共合国`，应为 `中华人民共和国`", "`秸杆`，应为 `秸秆`", "`杜会主义`，应为 `社会主义`"]
    assert all(f.fix is None or f.fix.safety is Safety.UNSAFE for f in found)
    assert _apply(html, found) == html
    assert _apply(html, found, unsafe=True) == html.replace("中华人民共合国秸杆", "中华人民共和国秸秆")
