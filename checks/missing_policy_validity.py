"""SL203 missing-policy-validity."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sitelint import policy
from sitelint.check import PageCheck
from sitelint.findings import Finding, Severity
from sitelint.page import Page
from sitelint.validity import stated_status, status_of


@dataclass(frozen=True)
class Options:
    #: `ColumnName`/`ColumnType` 中含有这些词的页面是政策文件（与 missing-policy-interpretation 相同）
    policy_columns: tuple[str, ...] = ("政策文件", "规范性文件")
    #: 机关代字以这些字结尾的文号是函件，不据此把页面当作政策文件
    letter_marks: tuple[str, ...] = ("函",)


class MissingPolicyValidity(PageCheck):
    """政策文件页面没有标明有效性（有效、失效、废止）。

    ## 检查内容

    政策文件页面（配置 `[kinds] policy`、front matter `kind: policy`，或信息公开表中有文号并有索引号/
    发布机构，或栏目 `ColumnName`/`ColumnType` 为政策文件、规范性文件；与 `missing-policy-interpretation`
    使用同一判断）应在信息栏或信息公开表中标明有效性：标签为 `有效性`、`公文时效` 或 `时效性`
    （可带空格，如 `有 效 性`；Markdown 可写 front matter `validity:`），值为 `有效`、`现行有效`、
    `失效`、`废止`、`已废止`、`已修改`、`部分失效` 等明确状态。

    - 没有有效性字段：报告在页面标题处。
    - 有字段但值不是明确状态（如聚合网站上的“政策是否有效未知,请慎用”）：报告在该字段处。
    - 字段为空由 `empty-disclosure-field` 报告，这里不重复。

    只读信息栏和信息公开表，不读正文：正文中的“有效期”“有效”与文件的有效性无关。
    机关代字以“函”结尾的文号（函件）不据此认定为政策文件。

    ## 原因与依据

    金华等地的政策文件库在信息栏标注“有效性: 有效”（confirmed），通辽的信息公开表有“公文时效 | 有效”
    （confirmed）；已失效的规范性文件仍无“废止”标注在检查中被通报（confirmed）。哪些页面必须标注、
    写法如何为推断（unconfirmed），因此默认只作警告。

    ## 错误示例

    ```html
    <table class="xxgk">
    <tr><td>索 引 号</td><td>11150500MB1901732U/2023-02762</td><td>发布机构</td><td>通辽市人民政府办公室</td></tr>
    <tr><td>文 号</td><td>通政办字〔2023〕21号</td><td>成文日期</td><td>2023-05-18</td></tr>
    </table>
    <div class="article"><h1>通辽市政府网站和政务新媒体管理办法</h1>  <!-- expect: missing-policy-validity -->
    <div id="zoom"><p>第一条　为进一步加强全市政府网站和政务新媒体建设管理工作，制定本办法。</p>
    <p>第二十四条　本办法自发布之日起施行，有效期5年。</p></div></div>
    ```

    ## 正确示例

    ```html
    <table class="xxgk">
    <tr><td>索 引 号</td><td>11150500MB1901732U/2023-02762</td><td>发布机构</td><td>通辽市人民政府办公室</td></tr>
    <tr><td>文 号</td><td>通政办字〔2023〕21号</td><td>成文日期</td><td>2023-05-18</td></tr>
    <tr><td>公文时效</td><td>有效</td><td>废止日期</td><td>———</td></tr>
    </table>
    <div class="article"><h1>通辽市政府网站和政务新媒体管理办法</h1>
    <div id="zoom"><p>第一条　为进一步加强全市政府网站和政务新媒体建设管理工作，制定本办法。</p></div></div>
    ```

    ## 选项

    - `policy-columns`（字符串列表，默认 `["政策文件", "规范性文件"]`）：栏目名称含这些词的页面是政策文件。
    - `letter-marks`（字符串列表，默认 `["函"]`）：机关代字以这些字结尾的文号是函件。
    """

    code = "SL203"
    name = "missing-policy-validity"
    default_severity = Severity.WARNING
    Options = Options

    def check(self, page: Page) -> Iterator[Finding]:
        opts: Options = self.options
        kind = policy.page_kind(page, opts.policy_columns, (), opts.letter_marks)
        if kind is None or kind[0] != policy.POLICY:
            return
        stated = stated_status(page)
        if stated is None:
            message = f"政策文件没有标明有效性（有效/失效/废止）（依据：{kind[1]}）"
            yield self.finding(policy.heading_line(page), message)
        elif stated.value and status_of(stated.value) is None:
            message = f"“{stated.label}”的值 `{stated.value}` 不是明确的有效性（有效/失效/废止/已修改）"
            yield self.finding(stated.line, message)
