"""SL504 nonstandard-document-number."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sitelint import gongwen
from sitelint.check import PageCheck
from sitelint.findings import Edit, Finding, Fix, Safety, Severity
from sitelint.page import Page

_SIGNER = re.compile(r"^[\s\u00a0\u3000]*签\s*发\s*人")
_WS = " \t\r\n\u00a0\u3000"
_CELLS = frozenset(("td", "th", "li", "dd", "dt"))  # a 文号 alone in a cell or list item is a value, not a 版头


@dataclass(frozen=True)
class Options:
    #: 严格检查的信息公开字段（规范化后的标签）
    fields: tuple[str, ...] = ("文号", "发文字号")
    #: 正文中引用的文号不规范时也报告（警告）
    check_citations: bool = True


_Options = Options


class NonstandardDocumentNumber(PageCheck):
    """文号不符合 GB/T 9704-2012：年份未用六角括号“〔〕”、年份不全、顺序号加“第”或编虚位。

    ## 检查内容

    文号由机关代字、用六角括号“〔〕”（U+3014/U+3015）括入的四位年份、发文顺序号和“号”组成，如
    `国办发〔2017〕47号`。以下写法不规范：方括号 `[2019]`、`［2019］`、`【2019】`，圆括号 `(2019)`、
    `（2019）`，小六角括号 `﹝2021﹞`，两位年份 `〔19〕`，顺序号加“第”（`〔2019〕第5号`）或编虚位
    （`〔2019〕05号`）。

    信息公开表的“文号”“发文字号”字段和公文版头（单独成段的文号，可带“签发人”）按严格格式检查
    （文号内的空格也算），报告为错误；正文中引用的文号（包括表格单元格、列表项里的文号）写错报告为
    警告。每处都给出改正后的写法，并附带可由 `--fix` 自动应用的修正：只替换括号起到“号”为止的部分；
    两位年份补全不是机械改正，只在 `--unsafe-fixes` 下应用；源码中被标签或实体拆开的文号不附修正。

    只看页面自己的内容（正文、信息栏、信息公开表），不看模板（侧栏“相关文件”列表里其他文件的文号
    由那些页面自己负责）、脚本、注释和隐藏内容。机关代字须是紧贴括号的 1–12 个汉字，括号后须是
    顺序号和“号”：审图号 `GS(2019)1822号`、`GS京(2022)1061号`（代字前是拉丁字母）、命令的令号
    `国务院令第722号`、`中国人民银行令〔2021〕第3号`（令号按 GB/T 9704 的命令格式带“第”字）、
    案号 `（2019）京01民终123号`、“…（2019）3号楼”都不是文号。

    ## 原因与依据

    GB/T 9704-2012《党政机关公文格式》7.2.5（已确认）：“年份应标全称，用六角括号“〔〕”括入；
    发文顺序号不加“第”字，不编虚位（即1不编为01）”。文号是公文的身份标识，政策文件、解读和
    废止关系都靠它关联；写法不统一，检索与关联就会失败。规则与真实写法见 REGULATIONS §9
    （六安市信访局的真实页面把文号写作“六政办秘﹝2021﹞148号”）。

    ## 错误示例

    ```html
    <table class="xxgk"><tr><td>索引号</td><td>11341500MB1547523X/2021-00012</td><td>发文字号</td>
    <td>六政办秘﹝2021﹞148号</td></tr></table>  <!-- expect: nonstandard-document-number -->
    <div id="zoom">
    <p style="text-align:center">六信发[2021]3号</p>  <!-- expect: nonstandard-document-number -->
    <p>根据《政府网站发展指引》（国办发(2017)47号），制定本办法。</p>  <!-- expect: nonstandard-document-number -->
    </div>
    ```

    ## 正确示例

    ```html
    <table class="xxgk"><tr><td>发文字号</td><td>阳府办函〔2021〕9号</td>
    <td>成文日期</td><td>2021-03-02</td></tr></table>
    <div id="zoom">
    <p>根据《内蒙古自治区人民政府办公厅关于进一步做好政府网站和政务新媒体管理工作的通知》（内政办字〔2021〕45号）。</p>
    <p>审图号：GS(2019)1822号　《中华人民共和国国务院令》第722号</p>
    <p>行政处罚决定书文号：金罚决字〔2024〕36号</p>
    </div>
    ```

    ## 选项

    - `fields`（字符串列表，默认 `["文号", "发文字号"]`）：按严格格式检查、报告为错误的信息公开字段标签。
    - `check-citations`（布尔，默认 `true`）：正文中引用的不规范文号也报告（警告）。
    """

    code = "SL504"
    name = "nonstandard-document-number"
    default_severity = Severity.ERROR
    Options = Options

    def check(self, page: Page) -> Iterator[Finding]:
        if not gongwen.suspect_doc_number(page.text):
            return
        opts: _Options = self.options
        pivot = page.config.today.year if page.config.today else 2099
        src = gongwen.Source(page)
        done: set[int] = set()
        field_texts: set[str] = set()
        for key in opts.fields:
            field = page.fields.get(key)
            if field is None or not field.value or not page.visible(field.element):
                continue
            for d in gongwen.find_doc_numbers(field.value, strict=True, pivot_year=pivot):
                finding = self._report(src, field.element, d, f"{key}字段的文号", d.problems, None, done, set(),
                                       field.element.getparent())
                if finding is not None:
                    field_texts.add(d.text)
                    yield finding
        for block in page.shared(gongwen.content_blocks):
            text = block.text
            head = text.lstrip(_WS)
            for d in gongwen.find_doc_numbers(text, strict=True, pivot_year=pivot):
                header = block.element.tag not in _CELLS and d.start == len(text) - len(head) and (
                    not text[d.end:].strip(_WS) or bool(_SIGNER.match(text[d.end:])))
                problems = d.problems if header else tuple(p for p in d.problems if "空格" not in p)
                if not problems or (not header and not opts.check_citations) or not page.visible(block.element):
                    continue
                finding = self._report(src, block.element, d, "公文版头的文号" if header else "引用的文号", problems,
                                       None if header else Severity.WARNING, done, field_texts)
                if finding is not None:
                    yield finding

    def _report(self, src: gongwen.Source, el: Any, d: gongwen.DocNumber, what: str, problems: tuple[str, ...],
                severity: Severity | None, done: set[int], skip: set[str], scope: Any = None) -> Finding | None:
        if not problems:
            return None
        old = d.text[d.tail_start - d.start:]
        start = src.find(el, d.text, scope)
        offset = src.find(el, old, scope) if start is None else start + d.tail_start - d.start
        if (offset is not None and offset in done) or (offset is None and d.text in skip):
            return None
        fix = None
        if offset is not None:
            done.add(offset)
            fix = Fix(f"改为 `{d.corrected}`", (Edit(offset, old, d.corrected_tail),),
                      Safety.SAFE if d.safe else Safety.UNSAFE)
        message = f"{what} `{d.shown}` 不规范：{'；'.join(problems)}，应为 `{d.corrected}`"
        return self.finding(src.anchor(el, offset), message, severity=severity, fix=fix)
