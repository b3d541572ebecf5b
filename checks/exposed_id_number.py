"""SL601 exposed-id-number."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from sitelint.check import PageCheck
from sitelint.findings import Finding
from sitelint.page import Page
from sitelint.privacy import ID_RE, is_id_number, mask, page_number_runs, scan

# 18-character codes that are not ID numbers: 统一社会信用代码, tax numbers, order and serial numbers.
_NOT_ID = re.compile(r"(?:信用代码|机构代码|识别号|税号|注册号|订单号|流水号|交易号|单号)[^\d]{0,6}$")


@dataclass(frozen=True)
class Options:
    #: 出生年份下限：更早的“出生日期”视为偶然通过校验的数字串
    min_birth_year: int = 1900


class ExposedIdNumber(PageCheck):
    """页面公开了完整的居民身份证号码。

    ## 检查内容

    在页面文字（不含 `<script>`、`<style>`，含表格与隐藏元素中的文字）以及 `title`、`alt`、
    `value`、`data-*` 属性中查找 18 位身份证号码：前 17 位数字加校验位（数字或 X），
    前后不紧接字母或数字；只有**校验位正确**（GB 11643-1999：加权系数
    7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2，和模 11 对应 1 0 X 9 8 7 6 5 4 3 2）
    **且**第 7–14 位是真实存在的出生日期（年份在 `min-birth-year` 与构建日期之间）才报告。
    紧跟在“统一社会信用代码”“纳税人识别号”“订单号”“流水号”等字样后的号码不报告。
    消息中的号码已打码（如 `1101**********002X`），报告本身不会再次泄露号码。
    用全角数字录入的号码（输入法处于全角状态，如 `１３８…`）按半角数字同样检查。

    已打码的号码（`35*************123`）、带字母的统一社会信用代码（`91440300MA5…`）、
    索引号（`11440200007-2024-00001`）、链接地址中的长数字不会被当作身份证号码。

    ## 原因与依据

    《政府信息公开条例》要求涉及个人隐私的政府信息去标识化后公开，各地通报明确“要注意隐藏
    或遮挡身份证号码部分数字”（confirmed）；定海、通辽等地政府网站管理办法禁止发布个人隐私
    （secondary）。公示名单、处罚决定、补贴发放表中的完整身份证号码是通报中最常见的隐私泄露。
    号码格式与校验位依据 GB 11643-1999（confirmed）。

    ## 错误示例

    ```html
    <table>
    <tr><th>姓名</th><th>身份证号码</th><th>补贴金额（元）</th></tr>
    <tr><td>张某某</td><td>11010519491231002X</td><td>1200</td></tr>  <!-- expect: exposed-id-number -->
    </table>
    ```

    ## 正确示例

    ```html
    <table>
    <tr><th>姓名</th><th>身份证号码</th><th>补贴金额（元）</th></tr>
    <tr><td>张某某</td><td>1101**********002X</td><td>1200</td></tr>
    </table>
    <p>统一社会信用代码：91440300MA5FXXXX1K　索引号：11440200007-2024-00001</p>
    ```

    ## 选项

    - `min-birth-year`（整数，默认 `1900`）：出生年份早于此值的号码不报告。GB 11643 本身不限年份
      （标准示例 `440524188001010014` 出生于 1880 年），但公开页面上这样的号码几乎都是偶然通过校验的
      数字串；需要时可调低。
    """

    code = "SL601"
    name = "exposed-id-number"
    Options = Options

    def check(self, page: Page) -> Iterator[Finding]:
        opts: Options = self.options
        today = page.config.today
        def valid(number: str) -> bool:
            return is_id_number(number, min_year=opts.min_birth_year, today=today)

        for hit in scan(page.root, ID_RE, page.text, accept=valid, runs=page.shared(page_number_runs)):
            if _NOT_ID.search(hit.before) or not valid(hit.value):
                continue
            where = "" if hit.where == "text" else f"（在 `{hit.where}` 属性中）"
            yield self.finding(hit.element, f"页面公开了完整的身份证号码 `{mask(hit.value)}`{where}")
