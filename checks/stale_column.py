"""SL302 stale-column."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from sitelint.check import SiteCheck
from sitelint.findings import Finding, Severity
from sitelint.freshness import (
    CLASS_NAMES,
    EXEMPT,
    ColumnFact,
    anchor,
    column_fact,
    group,
    validate_columns,
    validate_windows,
    window,
)
from sitelint.page import Page
from sitelint.site import SiteIndex


@dataclass(frozen=True)
class Options:
    #: 栏目划分：键为 ColumnName、目录 glob（"xwdt/**"）或目录名（"xwdt"），
    #: 值为类别（dynamic/notice/policy/other/exempt）或天数
    columns: dict[str, str | int] = field(default_factory=dict)
    #: 各类别的更新期限（天），覆盖默认的 dynamic=14、notice=180、policy=180、other=365
    windows: dict[str, int] = field(default_factory=dict)
    #: 栏目名称含这些词的按实际情况更新，不检查
    exempt: tuple[str, ...] = EXEMPT
    #: 动态、通知公告、政策文件类栏目未按期更新达到此数即为单项否决（报告为错误）
    error_at: int = 5
    #: 其他栏目长期未更新达到此数即为单项否决（报告为错误）
    error_at_other: int = 10


class StaleColumn(SiteCheck):
    """栏目超过更新期限没有更新。

    ## 检查内容

    按栏目汇总各页面的发布日期（`<meta name="PubDate">`，Markdown 为前置元数据 `pubdate`/`date`，
    其次为信息栏的“发布时间/发布日期”），用栏目最新一篇的日期与构建日期（`--today`，默认当天）比较，
    超过该栏目类别的更新期限即报告，消息给出最近更新日期、已过天数和期限。栏目由选项 `columns`
    指定（目录 glob 或 ColumnName），否则取页面的 `ColumnName`；类别按栏目名称推断：
    含“动态、要闻、新闻”的 14 天，含“通知、公告、公示”“政策、文件”的 180 天，其他 365 天；
    名称含“机构职能、财政预决算”的栏目按实际情况更新，不检查。栏目首页（列表页）上列出的日期也计入。
    栏目中的文章都没有发布日期时视为未更新；晚于构建日期的日期不计入（由 `future-pub-date` 报告）。
    报告位置为栏目首页，没有首页时为栏目中最新的页面。没有任何文章的栏目由 `blank-column` 报告。

    ## 原因与依据

    2019 年《政府网站与政务新媒体检查指标》单项否决项：动态、要闻类栏目 2 周以上未更新、
    通知公告、政策文件类栏目 6 个月以上未更新的栏目数量累计达到 5 个，或应更新但长期未更新的
    栏目达到 10 个（confirmed）；“未注明信息发布时间的视为不更新”（2015 年普查，confirmed）。
    六安“新闻动态 2 周、公告政策 6 月、其他栏目 1 年”（secondary）。栏目与类别的对应关系为推断
    （unconfirmed），可用 `columns` 配置。未达到否决数量时报告为警告，达到时报告为错误。

    ## 错误示例

    ```html
    <meta name="ColumnName" content="工作动态">
    <meta name="PubDate" content="2019-03-01 09:00">  <!-- expect: stale-column -->
    <h1>我局召开2019年工作部署会</h1>
    ```

    ## 正确示例

    ```html
    <meta name="ColumnName" content="机构职能">
    <meta name="PubDate" content="2019-03-01 09:00">
    <h1>内设机构及主要职责</h1>
    ```

    ## 选项

    - `columns`（表，默认空）：栏目划分与类别，如 `columns = {"xwdt/**" = "dynamic", "tzgg" = "notice",
      "zcwj/**" = "policy", "机构概况" = "exempt", "rsxx/**" = 30}`；
      键可以是 ColumnName、路径 glob（含 `/` 或 `*`，如 `"**/tzgg/**"`）或站点根下的目录名（`"xwdt"`）；
      值为类别名（dynamic/notice/policy/other/exempt）或天数。同一栏目的页面按键归为一组。
    - `windows`（表）：各类别的更新期限（天），默认 `{dynamic = 14, notice = 180, policy = 180, other = 365}`。
    - `exempt`（字符串列表）：名称含这些词的栏目不检查，默认 `["机构职能", "财政预决算", "部门预决算", "预决算"]`。
    - `error-at`（整数，默认 `5`）、`error-at-other`（整数，默认 `10`）：未按期更新的栏目达到此数时按
      单项否决报告为错误。
    """

    code = "SL302"
    name = "stale-column"
    default_severity = Severity.WARNING
    Options = Options

    def __init__(self, options: Any = None) -> None:
        super().__init__(options)
        validate_columns(self.options.columns, f"checks.{self.name}.columns")
        validate_windows(self.options.windows, f"checks.{self.name}.windows")

    def collect(self, page: Page) -> ColumnFact | None:
        opts: Options = self.options
        return column_fact(page, opts.columns, opts.exempt)

    def check_site(self, site: SiteIndex, facts: Mapping[str, ColumnFact | None]) -> Iterator[Finding]:
        opts: Options = self.options
        today = site.config.today
        if today is None:
            return
        stale: list[tuple[str, bool, list[tuple[str, ColumnFact]], str]] = []
        for column, members in group(facts).items():
            cls = members[0][1].cls
            days = window(cls, opts.windows)
            articles = [f for _p, f in members if not f.index]
            label = members[-1][1].label if not articles else next(f.label for f in articles)
            if days is None or (not articles and not any(f.doc_links for _p, f in members)):
                continue
            dates = [d for _p, f in members for d in (f.date, f.listed) if d is not None and d <= today]
            kind = CLASS_NAMES.get(str(cls), "") + "栏目" if isinstance(cls, str) else "栏目"
            if not dates:
                stale.append((column, cls == "other", members,
                              f"栏目“{label}”的 {len(articles)} 篇文章都没有注明发布日期，视为未更新"
                              f"（{kind}更新期限 {days} 天）"))
                continue
            newest = max(dates)
            age = (today - newest).days
            if age > days:
                stale.append((column, cls == "other", members,
                              f"栏目“{label}”最近一次更新为 {newest.isoformat()}，已 {age} 天未更新，"
                              f"超过{kind}更新期限 {days} 天"))
        counts = {other: sum(1 for s in stale if s[1] == other) for other in (False, True)}
        for _column, other, members, message in stale:
            limit = opts.error_at_other if other else opts.error_at
            severity = None
            if counts[other] >= limit > 0:
                message += f"；全站共 {counts[other]} 个此类栏目未按期更新，达到单项否决标准（{limit} 个）"
                severity = Severity.ERROR
            path, line = anchor(members)
            yield self.at(path, line, message, severity=severity)
