"""SL507 empty-disclosure-field."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sitelint.check import PageCheck
from sitelint.content import LABELS, normalize_label
from sitelint.findings import Finding, Severity
from sitelint.page import Page
from sitelint.tree import text_content

#: Labels (normalised, see sitelint.content.normalize_label) whose value must be filled in.
REQUIRED = (
    "索引号", "信息索引", "发布机构", "发文机关", "发文机构", "文号", "发文字号", "成文日期", "发文日期",
    "发布日期", "发布时间", "来源", "信息来源", "公文时效", "有效性",
)
_WS = " \t\r\n\u00a0\u3000"


@dataclass(frozen=True)
class Options:
    #: 必须填写的字段标签（规范化后：无空格、简体）
    labels: tuple[str, ...] = REQUIRED
    #: 也当作空白报告的占位值（默认没有：写明“无”“——”是一种陈述，不是漏填）
    blank_values: tuple[str, ...] = ()


_Options = Options


class EmptyDisclosureField(PageCheck):
    """信息公开表或信息栏中列出了字段，却没有填写内容（如“发布机构”“文号”单元格空白）。

    ## 检查内容

    页面自己的信息栏和信息公开表（不是模板、正文段落）中，`索引号`、`发布机构`（`发文机关`）、
    `文号`（`发文字号`）、`成文日期`、`发布日期`（`发布时间`）、`来源`（`信息来源`）、`公文时效`
    （`有效性`）等标签出现了，值却为空：空单元格、只有空格或 `&nbsp;`、冒号后紧接下一个标签。
    每个空字段报告一次。标签中的空格（“索 引 号”“发 布 机 构”）和繁体写法都能识别。

    列表页表格的表头（`索引号 | 信息名称 | 发布日期`，下面各行是文件）不是字段，不检查。
    明确写明“没有”的值不是空白：`无`、`暂无`、`/`、`——` 等表示该项不适用（如非公文信息没有文号），
    这是一种陈述，默认不报告；要把某些占位符也当作漏填，列在 `blank-values` 中。隐藏的表格（如手机版
    备用表格）、由脚本填写的单元格不报告。

    ## 原因与依据

    信息公开表的要素是公开信息的身份信息：索引号、发布机构、文号、成文日期和时效性缺失，就无法
    核对这条信息由谁、何时、以什么文件发布，也无法判断是否仍然有效。issue #4 第 5 项依据真实页面：
    通辽市生态环境局转载的《通辽市政府网站和政务新媒体管理办法》信息公开表中“发布机构”“文号”
    单元格留空（seeds/003）。该要求来自政务公开规范的通行做法，属推断（未确认），默认是警告。

    ## 错误示例

    ```html
    <table class="xxgk">
    <tr><td>索 引 号</td><td>11150500MB1901732U/2024-02762</td><td>主题分类</td><td>\\</td></tr>
    <tr><td>发布机构</td><td></td>  <!-- expect: empty-disclosure-field -->
    <td>文 号</td><td>&nbsp;</td></tr>  <!-- expect: empty-disclosure-field -->
    <tr><td>成文日期</td><td>2023-05-18</td><td>公文时效</td><td>有效</td></tr>
    </table>
    ```

    ## 正确示例

    ```html
    <table class="xxgk">
    <tr><td>索 引 号</td><td>014717475N/2023-0040295</td><td>发布机构</td><td>宜春市统计局</td></tr>
    <tr><td>文　　号</td><td>无</td><td>发文日期</td><td>2023-04-18</td></tr>
    <tr><td>主题分类</td><td></td><td>有 效 性</td><td>有效</td></tr>
    </table>
    <div class="info">发布时间：2023-10-12 14:40　信息来源：通辽市生态环境局</div>
    ```

    ## 选项

    - `labels`（字符串列表）：必须填写的字段标签（规范化写法：去掉空格、简体），默认 `索引号`、`信息索引`、
      `发布机构`、`发文机关`、`发文机构`、`文号`、`发文字号`、`成文日期`、`发文日期`、`发布日期`、`发布时间`、
      `来源`、`信息来源`、`公文时效`、`有效性`。
    - `blank-values`（字符串列表，默认空）：也当作空白报告的占位值，如 `["\\", "/"]`。默认只报告真正的
      空白，写明 `无`、`——` 的字段不报告。
    """

    code = "SL507"
    name = "empty-disclosure-field"
    default_severity = Severity.WARNING
    Options = Options

    def check(self, page: Page) -> Iterator[Finding]:
        opts: _Options = self.options
        fields = page.fields
        if not fields:
            return
        blank = frozenset(opts.blank_values)
        for key in opts.labels:
            field = fields.get(key)
            if field is None:
                continue
            value = field.value.strip(_WS)
            if value and value not in blank:
                continue
            if _scripted(field.element) or _column_header(field.element) or not page.visible(field.element):
                continue
            shown = field.label.strip(_WS + ":：")
            what = "没有填写内容" if not value else f"只填了占位符 `{value}`"
            yield self.finding(field.element, f"信息公开字段 `{shown}` {what}")


def _scripted(el: Any) -> bool:
    """A script next to the label fills the value in when the page loads."""
    for near in (el, el.getnext(), el.getparent()):
        if near is not None and isinstance(near.tag, str) and next(near.iter("script"), None) is not None:
            return True
    return False


def _cells(row: Any) -> list[str]:
    return [normalize_label(text_content(c) or "") for c in row if c.tag in ("td", "th")]


def _column_header(el: Any) -> bool:
    """The label heads a column of a list table (索引号 | 信息名称 | 发布日期 over rows of documents): its values
    are in the rows below, not beside it."""
    cell = next((a for a in (el, *el.iterancestors()) if a.tag in ("td", "th", "table")), None)
    if cell is None or cell.tag == "table" or (row := cell.getparent()) is None or row.tag != "tr":
        return False
    if cell.tag == "th" and row.getparent() is not None and row.getparent().tag == "thead":
        return True
    texts, below = _cells(row), row.getnext()
    if len([t for t in texts if t in LABELS]) < 2 or "" in texts or below is None or below.tag != "tr":
        return False
    return not any(t in LABELS for t in _cells(below))
