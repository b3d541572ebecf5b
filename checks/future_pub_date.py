"""SL304 future-pub-date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from sitelint.check import PageCheck
from sitelint.findings import Finding
from sitelint.freshness import pub_dates
from sitelint.page import Page


class FuturePubDate(PageCheck):
    """页面的发布日期晚于构建日期（伪造发稿日期）。

    ## 检查内容

    读取页面的发布日期：`<meta name="PubDate">`、Markdown 前置元数据的 `pubdate`/`date`、信息栏中的
    “发布时间/发布日期”，任何一处晚于构建日期（`--today`，默认当天）即报告，消息给出页面上写的日期；
    几处写的是同一个日期时只报告第一处（通常是 `PubDate`，它与信息栏来自内容管理系统的同一字段）。
    只比较日期，不比较时刻：当天稍后的时刻不报告。支持 `2023-10-12 14:40`、`2024年7月1日`、
    `2024/7/1`、全角冒号 `10∶08` 等写法。正文中提到的将来日期（“自2025年1月1日起施行”）不在检查之列。

    预约发布的稿件在构建时还未到发布日期，构建这类页面时请用 `--today` 指定发布日期。

    ## 原因与依据

    2019 年《政府网站与政务新媒体检查指标》把“伪造发稿日期”列为单项否决项（confirmed）；
    把发布日期写到将来以冒充栏目更新，也会使栏目更新检查失去意义。

    ## 错误示例

    ```html
    <meta name="PubDate" content="2099-01-05 09:30">  <!-- expect: future-pub-date -->
    <div class="article">
    <h1>关于做好春节假期值班工作的通知</h1>
    <div class="info">发布时间：2099年1月6日　来源：某某市人民政府办公室</div>  <!-- expect: future-pub-date -->
    <div id="zoom"><p>各区县人民政府，市政府各部门：经市政府同意，现将春节假期值班工作有关事项通知如下。</p></div>
    </div>
    ```

    ## 正确示例

    ```html
    <meta name="PubDate" content="2024-07-01 09:30">
    <div class="article">
    <h1>某某市政府网站管理办法</h1>
    <div class="info">发布时间：2024-07-01 09∶30　来源：某某市人民政府办公室</div>
    <div id="zoom"><p>第一条　为加强政府网站管理，制定本办法。第二十条　本办法自2099年1月1日起施行。</p></div>
    </div>
    ```

    ## 选项

    无。构建日期由命令行 `--today` 或配置项 `today` 指定。
    """

    code = "SL304"
    name = "future-pub-date"

    def check(self, page: Page) -> Iterator[Finding]:
        today = page.config.today or dt.date.max
        reported: set[dt.date] = set()
        for found in pub_dates(page):
            if found.date > today and found.date not in reported:
                reported.add(found.date)
                message = f"发布日期 `{found.raw}` 晚于构建日期 {today.isoformat()}（伪造发稿日期）"
                yield self.finding(found.anchor, message)
