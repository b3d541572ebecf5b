"""SL602 exposed-mobile-number."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from sitelint.check import PageCheck
from sitelint.findings import Finding, Severity
from sitelint.page import Page
from sitelint.privacy import MOBILE_RE, column_header, mask, mobile_number, page_number_runs, scan

# An amount or a count, not a phone: a unit right after the number, or a table column of amounts.
_UNIT_AFTER = re.compile(r"\s*(?:元|万|亿|件|人|次|户|个|吨|千|平方|公里|米|％|%)")
_AMOUNT_HEADER = re.compile(r"金额|元|数量|人数|合计|总计|预算|决算|收入|支出|余额")


@dataclass(frozen=True)
class Options:
    #: 有意公开的手机号码（如公布的政务值班手机），写 11 位数字
    allowed_numbers: tuple[str, ...] = ()


class ExposedMobileNumber(PageCheck):
    """页面公开了未打码的个人手机号码。

    ## 检查内容

    在页面文字（不含 `<script>`、`<style>`）以及 `title`、`alt`、`value`、`data-*` 属性中查找
    中国大陆手机号码：`1[3-9]` 开头共 11 位，可带 `+86`/`86` 前缀，可写成 `138-1234-5678`、
    `138 1234 5678`；前后紧接数字或字母的（长数字串、十六进制编号中的片段）不算。
    已打码的号码（`138****1234`）、政务服务热线 12345、固定电话（`0571-87654321`）、
    400/800 号码都不会匹配；紧跟“元、万、件、人、次”等单位的数字和表头为“金额、预算、人数”等的
    表格列中的数字是金额或数量，不报告。`allowed-numbers` 中列出的号码（有意公布的值班手机等）不报告。
    消息中的号码已打码。
    用全角数字录入的号码（输入法处于全角状态，如 `１３８…`）按半角数字同样检查。

    ## 原因与依据

    涉及个人隐私的政府信息公开时要去标识化处理（confirmed）；定海、通辽等地管理办法禁止发布
    个人隐私（secondary）。永安市 2023 年通报给出的打码方式为 `138****1234`（confirmed）。
    哪些手机号码属于应当打码的个人信息、哪些是单位公开的联系电话，需要人工判断
    （unconfirmed），因此默认只作警告，并可用 `allowed-numbers` 登记有意公开的号码。

    ## 错误示例

    ```html
    <p>举报人：李某某，联系电话：13812345678，现居某某街道。</p>  <!-- expect: exposed-mobile-number -->
    ```

    ## 正确示例

    ```html
    <p>举报人：李某某，联系电话：138****5678。</p>
    <p>政务服务便民热线：12345　咨询电话：0571-87654321　客服热线：400-162-2002</p>
    ```

    ## 选项

    - `allowed-numbers`（字符串列表，默认空）：有意公开、不需报告的手机号码，如公布的政务值班手机
      `["13900001111"]`；按 11 位数字比较，写法中的空格、短横线和 `+86` 前缀不影响比较。
    """

    code = "SL602"
    name = "exposed-mobile-number"
    default_severity = Severity.WARNING
    Options = Options

    def check(self, page: Page) -> Iterator[Finding]:
        opts: Options = self.options
        allowed = {mobile_number(n) for n in opts.allowed_numbers}
        for hit in scan(page.root, MOBILE_RE, page.text, accept=lambda raw: mobile_number(raw) not in allowed,
                        runs=page.shared(page_number_runs)):
            number = mobile_number(hit.value)
            if number in allowed or _UNIT_AFTER.match(hit.after) or _AMOUNT_HEADER.search(column_header(hit.element)):
                continue
            where = "" if hit.where == "text" else f"（在 `{hit.where}` 属性中）"
            yield self.finding(hit.element, f"页面公开了未打码的手机号码 `{mask(number, 3)}`{where}")
