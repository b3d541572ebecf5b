"""SL204 repealed-policy-still-valid."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from sitelint import policy
from sitelint.check import SiteCheck
from sitelint.findings import Finding
from sitelint.page import Page
from sitelint.site import SiteIndex
from sitelint.validity import (
    VALID,
    Repeal,
    doc_number,
    name_key,
    repeal_date,
    repeals,
    stated_status,
    status_of,
    target_names,
)


@dataclass(frozen=True)
class Options:
    #: `ColumnName`/`ColumnType` 中含有这些词的页面是政策文件（与 missing-policy-interpretation 相同）
    policy_columns: tuple[str, ...] = ("政策文件", "规范性文件")
    #: 机关代字以这些字结尾的文号是函件，不据此把页面当作政策文件
    letter_marks: tuple[str, ...] = ("函",)


@dataclass(frozen=True)
class Facts:
    title: str
    #: policy pages: the 文号 and names it is known by, its status (None: unmarked) and where to report
    number: str | None = None
    names: tuple[str, ...] = ()
    status: str | None = None
    stated: str = ""
    line: int = 1
    repealed_on: dt.date | None = None
    is_policy: bool = False
    #: what the page says it repeals
    repeals: tuple[Repeal, ...] = ()


class RepealedPolicyStillValid(SiteCheck):
    """已被废止的政策文件仍标为“有效”（或未标明有效性）。

    ## 检查内容

    在整个站点中：

    - 某页面正文写明废止另一文件，如“《通辽市政府网站管理办法》(通政办字〔2018〕208号)同时废止”、
      “《A》、《B》等2件文件自2024年1月1日起废止”、“决定废止《X》”，而被废止的文件仍在站内
      （按文号对上；没有文号时按标题或标题中的《文件名》对上），其有效性仍为“有效”或没有标明：
      报告在被废止的页面上，并指出是哪个页面宣布废止的。
    - 页面自己的废止日期（`废止日期`/`废止时间`）不晚于构建日期（`--today`），有效性却仍为“有效”。

    有效性只读信息栏与信息公开表（`有效性`/`公文时效`/`时效性`），不读正文；`0000-00-00`、`———`
    表示没有废止日期。被废止的一方须是政策文件页面（判断同 `missing-policy-interpretation`）；
    解读页面和标题含“废止”的页面不会被当作被废止的文件。

    ## 原因与依据

    已失效的规范性文件未标注“废止”在检查中被通报（confirmed）；通辽《政府网站和政务新媒体管理办法》
    第二十四条“《通辽市政府网站管理办法》(通政办字〔2018〕208号)同时废止”（confirmed）。
    读者按页面上的“有效”执行已废止的文件，会直接造成损害，因此报告为错误。具体规则为推断（unconfirmed）。

    ## 错误示例

    ```html
    <table class="xxgk">
    <tr><td>索 引 号</td><td>11150500MB1901732U/2018-00208</td><td>发布机构</td><td>通辽市人民政府办公室</td></tr>
    <tr><td>文 号</td><td>通政办字〔2018〕208号</td><td>废止日期</td><td>2023-05-18</td></tr>
    <!-- expect-next-line: repealed-policy-still-valid -->
    <tr><td>公文时效</td><td>有效</td><td>成文日期</td><td>2018-06-01</td></tr>
    </table>
    <div class="article"><h1>通辽市政府网站管理办法</h1>
    <div id="zoom"><p>第一条　为加强全市政府网站管理，制定本办法。</p></div></div>
    ```

    ## 正确示例

    ```html
    <table class="xxgk">
    <tr><td>索 引 号</td><td>11150500MB1901732U/2018-00208</td><td>发布机构</td><td>通辽市人民政府办公室</td></tr>
    <tr><td>文 号</td><td>通政办字〔2018〕208号</td><td>废止日期</td><td>2023-05-18</td></tr>
    <tr><td>公文时效</td><td>已废止</td><td>成文日期</td><td>2018-06-01</td></tr>
    </table>
    <div class="article"><h1>通辽市政府网站管理办法</h1>
    <div id="zoom"><p>第一条　为加强全市政府网站管理，制定本办法。</p></div></div>
    ```

    ## 选项

    - `policy-columns`（字符串列表，默认 `["政策文件", "规范性文件"]`）：栏目名称含这些词的页面是政策文件。
    - `letter-marks`（字符串列表，默认 `["函"]`）：机关代字以这些字结尾的文号是函件。
    """

    code = "SL204"
    name = "repealed-policy-still-valid"
    Options = Options

    def collect(self, page: Page) -> Facts | None:
        opts: Options = self.options
        said = tuple(repeals(page))
        kind = policy.page_kind(page, opts.policy_columns, (), opts.letter_marks)
        title = policy.doc_title(page)
        if kind is None or kind[0] != policy.POLICY:
            return Facts(title, repeals=said) if said else None
        stated = stated_status(page)
        fields = page.fields
        number = next((doc_number(f.value) for k in ("文号", "发文字号") if (f := fields.get(k)) and f.value), None)
        ended = repeal_date(page)
        return Facts(title, number, target_names(title), status_of(stated.value) if stated else None,
                     stated.value if stated else "", stated.line if stated else policy.heading_line(page),
                     ended[0] if ended else None, True, said)

    def check_site(self, site: SiteIndex, facts: Mapping[str, Facts | None]) -> Iterator[Finding]:
        by_number: dict[str, list[str]] = {}
        by_name: dict[str, list[str]] = {}
        for path, f in sorted(facts.items()):
            if f is None or not f.is_policy or (f.status is not None and f.status != VALID):
                continue
            if f.number:
                by_number.setdefault(f.number, []).append(path)
            for key in f.names:
                by_name.setdefault(key, []).append(path)
        reported: set[str] = set()
        # The repealing documents themselves first, then interpretations and news that repeat the statement.
        for path, f in sorted(((p, f) for p, f in facts.items() if f is not None and f.repeals),
                              key=lambda item: (not item[1].is_policy, item[0])):
            for said in f.repeals:
                targets = by_number.get(said.number, []) if said.number else by_name.get(name_key(said.name), [])
                for target in targets:
                    t = facts[target]
                    if target == path or target in reported or t is None:
                        continue
                    reported.add(target)
                    state = f"有效性仍为“{t.stated}”" if t.status == VALID else "没有标明有效性"
                    cited = f"《{said.name}》" + (f"（{said.number}）" if said.number else "")
                    yield self.at(target, t.line, f"{cited}已被 /{path}（{f.title}）宣布废止，本页{state}")
        today = site.config.today
        for path, f in sorted(facts.items()):
            if f is not None and f.status == VALID and f.repealed_on and today and f.repealed_on <= today \
                    and path not in reported:
                message = (f"废止日期 {f.repealed_on.isoformat()} 已到（构建日期 {today.isoformat()}），"
                           f"有效性仍为“{f.stated}”")
                yield self.at(path, f.line, message)
