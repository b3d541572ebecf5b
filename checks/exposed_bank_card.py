"""SL603 exposed-bank-card."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from sitelint.check import PageCheck
from sitelint.findings import Finding, Severity
from sitelint.page import Page
from sitelint.privacy import CARD_RE, column_header, is_id_number, luhn_valid, mask, page_number_runs, scan, table_row

_CARD_WORDS = re.compile(r"卡\s*号|账\s*号|帳\s*號|帐\s*号|银行卡|銀行卡|开\s*户|開\s*戶|借记卡|信用卡")
# Account holders that are organisations: their accounts are published on purpose (缴费、非税收入).
_ORG_WORDS = ("单位", "财政", "国库", "专户", "汇缴", "非税", "公司", "有限", "委员会", "人民政府", "对公")
_ORG_HOLDER = re.compile(r"(?:户\s*名|收款单位|账户名称)[:：\s]*[^:：]{0,30}?(?:" + "|".join(_ORG_WORDS) + ")")


@dataclass(frozen=True)
class Options:
    #: 号码前多少个字符内须出现“卡号/账号/银行卡/开户”等字样
    context_chars: int = 20
    #: 有意公开、不需报告的账号（单位收款账号等），写数字
    allowed_numbers: tuple[str, ...] = ()


class ExposedBankCard(PageCheck):
    """页面公开了完整的个人银行卡号。

    ## 检查内容

    在页面文字（不含 `<script>`、`<style>`）以及 `title`、`alt`、`value`、`data-*` 属性中查找
    16–19 位数字（或四位一组书写的卡号），要求同时满足：通过 Luhn 校验；不是有效的身份证号码
    （身份证号码由 `exposed-id-number` 报告）；号码前 `context-chars` 个字符内、或其所在表格列的
    表头中出现“卡号”“账号”“银行卡”“开户”等字样。号码紧前面、“户名/收款单位”之后、所在表格行或
    表头行写明单位、财政专户、非税收入汇缴、公司等单位账户字样的不报告（单位收款账号是有意公开的）。
    消息中的号码已打码。
    用全角数字录入的号码（输入法处于全角状态，如 `１３８…`）按半角数字同样检查。

    ## 原因与依据

    涉及个人隐私的政府信息公开时要去标识化处理（confirmed）；补贴发放、退费公示中的个人银行卡号
    属于个人隐私。卡号的判断方法（16–19 位、Luhn 校验、附近有“卡号/账号”）为 unconfirmed，
    因此默认只作警告。

    ## 错误示例

    ```html
    <table>
    <tr><th>姓名</th><th>开户银行</th><th>银行卡号</th></tr>
    <tr><td>王某某</td><td>工商银行</td><td>6222021234567890128</td></tr>  <!-- expect: exposed-bank-card -->
    </table>
    ```

    ## 正确示例

    ```html
    <p>户名：某某市财政局非税收入汇缴专户　开户行：工商银行某某支行　账号：6222021234567890128</p>
    <p>王某某　银行卡号：6222 **** **** 0128</p>
    ```

    ## 选项

    - `context-chars`（整数，默认 `20`）：号码前多少个字符内须出现“卡号/账号/银行卡/开户”等字样。
    - `allowed-numbers`（字符串列表，默认空）：有意公开、不需报告的账号。
    """

    code = "SL603"
    name = "exposed-bank-card"
    default_severity = Severity.WARNING
    Options = Options

    def check(self, page: Page) -> Iterator[Finding]:
        opts: Options = self.options
        allowed = {re.sub(r"\D", "", n) for n in opts.allowed_numbers}
        today = page.config.today
        def card(raw: str) -> bool:
            digits = re.sub(r"\D", "", raw)
            return digits not in allowed and luhn_valid(digits) and not is_id_number(digits, min_year=1800, today=today)

        for hit in scan(page.root, CARD_RE, page.text, context=max(opts.context_chars, 60), accept=card,
                        runs=page.shared(page_number_runs)):
            digits = re.sub(r"\D", "", hit.value)
            if not card(digits):
                continue
            around = (hit.before[-opts.context_chars:].rsplit("\n", 1)[-1], *table_row(hit.element))
            if any(w in text for w in _ORG_WORDS for text in around) or _ORG_HOLDER.search(hit.before):
                continue
            if not _CARD_WORDS.search(hit.before[-opts.context_chars:]) and not _CARD_WORDS.search(
                    column_header(hit.element)):
                continue
            where = "" if hit.where == "text" else f"（在 `{hit.where}` 属性中）"
            yield self.finding(hit.element, f"页面公开了完整的银行卡号 `{mask(digits)}`{where}")
