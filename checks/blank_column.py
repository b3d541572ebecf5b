"""SL303 blank-column."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from sitelint.check import SiteCheck
from sitelint.findings import Finding, Severity
from sitelint.freshness import EXEMPT, ColumnFact, column_fact, group, validate_columns
from sitelint.page import Page
from sitelint.site import SiteIndex

#: a column index page with this much text of its own is a 单页栏目 (机构概况、领导简介), not a blank column
SINGLE_PAGE_TEXT = 100


@dataclass(frozen=True)
class Options:
    #: 栏目划分：键为 ColumnName、目录 glob（"xwdt/**"）或目录名（"xwdt"），值为类别或天数（与 stale-column 相同）
    columns: dict[str, str | int] = field(default_factory=dict)
    #: 空白栏目不超过此数时只作提示（info）
    max_blank: int = 2
    #: 空白栏目达到此数即为单项否决（报告为错误）
    error_at: int = 5


class BlankColumn(SiteCheck):
    """栏目没有任何内容（空白栏目）。

    ## 检查内容

    找出有栏目首页（列表页，如 `tzgg/index.html`，带 `ColumnName`，或由选项 `columns` 划分）却没有
    任何内容的栏目：站点中没有属于该栏目的文章页，栏目首页的正文中也没有指向文档的链接（海云
    `<record>` 数据列表计入），且首页本身不是有大段正文的单页栏目（机构概况、领导简介）。
    列表由脚本异步加载、首页又没有“暂无信息”一类提示的栏目无法判断，不报告。站点首页不是栏目。
    报告位置为栏目首页，消息给出全站空白栏目的数量。

    严重级别按全站空白栏目数量决定：不超过 `max-blank`（默认 2）个时为提示（info），超过时为警告，
    达到 `error-at`（默认 5）个时为错误（单项否决）。

    ## 原因与依据

    2019 年《政府网站与政务新媒体检查指标》把“空白栏目数量超过 5 个”列为单项否决项（confirmed）；
    开普云监测在空白栏目超过 2 个时预警（secondary）。栏目的识别方法为推断（unconfirmed），
    可用 `columns` 配置。

    ## 错误示例

    ```html
    <meta name="ColumnName" content="通知公告">  <!-- expect: blank-column -->
    <title>通知公告</title>
    <div class="list"><ul></ul><p>暂无信息</p></div>
    ```

    ## 正确示例

    ```html
    <meta name="ColumnName" content="通知公告">
    <title>通知公告</title>
    <div class="list"><ul>
    <li><a href="202407/t20240701_1.html">关于做好2024年防汛工作的通知</a><span>2024-07-01</span></li>
    </ul></div>
    ```

    ## 选项

    - `columns`（表，默认空）：栏目划分，键为 ColumnName、目录 glob 或目录名（与 `stale-column` 的写法
      相同，需要时两处都配置）。
    - `max-blank`（整数，默认 `2`）：空白栏目不超过此数时只作提示。
    - `error-at`（整数，默认 `5`）：空白栏目达到此数时报告为错误。
    """

    code = "SL303"
    name = "blank-column"
    default_severity = Severity.WARNING
    Options = Options

    def __init__(self, options: Any = None) -> None:
        super().__init__(options)
        validate_columns(self.options.columns, f"checks.{self.name}.columns")

    def collect(self, page: Page) -> ColumnFact | None:
        opts: Options = self.options
        # the class of the column is not read here: with stale-column's default exempt words, the fact is the
        # one stale-column keeps (one object per page for the two checks)
        return column_fact(page, opts.columns, EXEMPT)

    def check_site(self, site: SiteIndex, facts: Mapping[str, ColumnFact | None]) -> Iterator[Finding]:
        opts: Options = self.options
        blank: list[tuple[str, str, int]] = []
        for _column, members in group(facts).items():
            indexes = [(p, f) for p, f in members if f.index]
            if not indexes or len(indexes) < len(members):
                continue
            if any(f.doc_links or f.text_chars >= SINGLE_PAGE_TEXT for _p, f in indexes):
                continue
            if any(f.scripted for _p, f in indexes) and not any(f.empty_note for _p, f in indexes):
                continue
            path, fact = indexes[0]
            blank.append((fact.label, path, fact.line))
        count = len(blank)
        if count >= opts.error_at > 0:
            severity = Severity.ERROR
        elif count > opts.max_blank:
            severity = Severity.WARNING
        else:
            severity = Severity.INFO
        for column, path, line in blank:
            yield self.at(path, line, f"栏目“{column}”没有任何内容（空白栏目）；全站共 {count} 个空白栏目",
                          severity=severity)
