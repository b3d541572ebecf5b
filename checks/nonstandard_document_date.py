"""SL505 nonstandard-document-date."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sitelint import gongwen
from sitelint.check import PageCheck
from sitelint.content import is_government_body
from sitelint.findings import Edit, Finding, Fix, Safety, Severity
from sitelint.page import Page

_WS = " \t\r\n\u00a0\u3000"
_PUBLIC_NOTE = re.compile(r"^[（(]此件")
_GONGWEN_FIELDS = ("文号", "发文字号", "成文日期", "发文机关")


@dataclass(frozen=True)
class Options:
    #: 成文日期字段（规范化后的标签）
    fields: tuple[str, ...] = ("成文日期",)
    #: 检查公文正文末尾落款的成文日期
    check_signature: bool = True


_Options = Options


class NonstandardDocumentDate(PageCheck):
    """公文的成文日期编了虚位（`2024年07月01日`）或年份不全，不符合 GB/T 9704-2012。

    ## 检查内容

    成文日期用阿拉伯数字将年、月、日标全，年份标全称，月、日不编虚位：`2024年7月1日`，不写作
    `2024年07月01日` 或 `24年7月1日`。只检查两处公文式的成文日期：

    - 信息公开表或信息栏的“成文日期”字段，值是“年月日”写法时；
    - 公文正文末尾的落款日期：正文中跟在正文文字之后、单独成行的日期，前一行是发文机关名称，或后一行
      是“（此件公开发布）”之类，或页面的信息公开表表明这是一份公文（有文号、成文日期字段）。

    信息公开表的 ISO 日期（`成文日期:2025-05-28 17:02:50`）不适用此格式，不检查；信息栏里的
    发布日期（`2023年08月03日`）、正文叙述中的日期（“出生日期2002年01月05日”）、表格中的日期
    都不是成文日期，不检查。用汉字书写的日期（`二〇二四年七月一日`）不报告。每处给出改正后的写法和
    `--fix` 可应用的修正（两位年份补全只在 `--unsafe-fixes` 下应用）。

    ## 原因与依据

    GB/T 9704-2012《党政机关公文格式》7.3.5.4：成文日期“用阿拉伯数字将年、月、日标全，年份应标
    全称，月、日不编虚位（即1不编为01）”。条文经地方转载核对（REGULATIONS §9，次级证据），
    因此默认是警告。

    ## 错误示例

    ```html
    <table class="xxgk"><tr><td>索引号</td><td>11150500MB1901732U/2023-02762</td></tr>
    <tr><td>成文日期</td><td>2023年05月18日</td></tr></table>  <!-- expect: nonstandard-document-date -->
    <div id="zoom">
    <p>经市人民政府同意，现将《通辽市政府网站及政务新媒体管理办法》印发给你们，请认真贯彻落实。</p>
    <p style="text-align:right">通辽市人民政府办公室</p>
    <p style="text-align:right">2023年05月18日</p>  <!-- expect: nonstandard-document-date -->
    <p>（此件公开发布）</p>
    </div>
    ```

    ## 正确示例

    ```html
    <div class="info">发布日期：2023年08月03日　来源：韶关市人民政府办公室</div>
    <table class="xxgk"><tr><td>索引号</td><td>000014349/2025-00123</td>
    <td>成文日期</td><td>2025-05-28 17:02:50</td></tr></table>
    <div id="zoom">
    <p>张某，出生日期2002年01月05日。</p>
    <p style="text-align:right">通辽市人民政府办公室</p>
    <p style="text-align:right">2023年5月18日</p>
    </div>
    ```

    ## 选项

    - `fields`（字符串列表，默认 `["成文日期"]`）：按公文格式检查的日期字段标签（值为 ISO 日期时不检查）。
    - `check-signature`（布尔，默认 `true`）：检查公文正文末尾落款的成文日期。
    """

    code = "SL505"
    name = "nonstandard-document-date"
    default_severity = Severity.WARNING
    Options = Options

    def check(self, page: Page) -> Iterator[Finding]:
        if not gongwen.suspect_padded_date(page.text):
            return
        opts: _Options = self.options
        pivot = page.config.today.year if page.config.today else 2099
        src = gongwen.Source(page)
        for key in opts.fields:
            field = page.fields.get(key)
            if field is not None and field.value and page.visible(field.element):
                for d in gongwen.find_padded_dates(field.value, pivot_year=pivot):
                    yield self._report(src, field.element, d, f"{key}字段", field.element.getparent())
        if not opts.check_signature:
            return
        rows = [(b, line) for b in gongwen.body_blocks(page) if not _in_table(b.element)
                for _, line in gongwen.lines(b)]
        gongwen_page = any(k in page.fields for k in _GONGWEN_FIELDS)
        text_seen = False  # a 落款 follows the text it signs
        for i, (block, line) in enumerate(rows):
            bare = line.strip(_WS)
            if not gongwen.DATE_RE.fullmatch(bare):
                text_seen = text_seen or len(bare) >= 20
                continue
            if not text_seen:
                continue
            found = list(gongwen.find_padded_dates(bare, pivot_year=pivot))
            if found and (gongwen_page or self._signed(rows, i)) and page.visible(block.element):
                yield self._report(src, block.element, found[0], "公文落款的成文日期")

    @staticmethod
    def _signed(rows: list[tuple[Any, str]], i: int) -> bool:
        """The line before names the issuing body, or the line after is a publication note."""
        before = rows[i - 1][1].strip(_WS) if i else ""
        after = rows[i + 1][1].strip(_WS) if i + 1 < len(rows) else ""
        issuer = 2 <= len(before) <= 40 and not re.search(r"[:：，,。；;]", before) and is_government_body(before)
        return issuer or bool(_PUBLIC_NOTE.match(after))

    def _report(self, src: gongwen.Source, el: Any, d: gongwen.PaddedDate, what: str, scope: Any = None) -> Finding:
        offset = src.find(el, d.text, scope)
        fix = None
        if offset is not None:
            fix = Fix(f"改为 `{d.corrected}`", (Edit(offset, d.text, d.corrected),),
                      Safety.SAFE if d.safe else Safety.UNSAFE)
        message = f"{what} `{d.text}` 不规范：{'；'.join(d.problems)}，应为 `{d.corrected}`"
        return self.finding(src.anchor(el, offset), message, fix=fix)


def _in_table(el: Any) -> bool:
    """``ancestor-or-self::table`` without compiling an XPath per block: a cell's date is data, not a 落款."""
    return el.tag == "table" or next(el.iterancestors("table"), None) is not None
