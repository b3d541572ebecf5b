"""SL502 invalid-metadata-tag."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sitelint import standards
from sitelint.check import PageCheck
from sitelint.findings import Finding, Severity
from sitelint.freshness import parse_date_cached
from sitelint.page import Page


@dataclass(frozen=True)
class Options:
    #: SiteIDCode 的格式（正则表达式）
    site_id_pattern: str = r"^(\d{10}|bm\d{8})$"
    #: PubDate 允许的格式（yyyy 年、MM 月、dd 日、HH 时、mm 分、ss 秒）
    pubdate_formats: tuple[str, ...] = ("yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss")
    #: 是否与页面上看得见的标题、发布时间比对
    compare_visible: bool = True


_Options = Options


@lru_cache(maxsize=16)
def _pattern(text: str) -> re.Pattern[str]:
    return re.compile(text)


class InvalidMetadataTag(PageCheck):
    """网页元数据标签的值格式不对，或与页面上显示的标题、发布时间不一致。

    ## 检查内容

    - `SiteIDCode` 不是政府网站标识码的形式：10 位数字（如 `4401000004`），或 `bm` 加 8 位数字
      （部委网站，如 `bm07000001`）。
    - `PubDate` 不是 `yyyy-MM-dd HH:mm`（如 `2025-07-14 01:59`；默认也接受带秒的 `2023-12-05 09:30:26`）：
      只有日期（`2021-10-11`）、写成全角比号 `10∶08`、斜杠或中文日期都不对；不存在的日期（`2023-02-30`）也不对。
    - 详情页的 `ArticleTitle` 与页面上看得见的标题对不上：标题文字在页面正文、标题元素和 `<title>` 中都找不到
      （比对时不计空白、全角半角和引号写法）；只在页面有可见的标题元素时比对。
    - `PubDate` 与信息栏中的“发布时间/发布日期”不是同一天（只比日期，不比时分）。

    标签为空或缺少由 `missing-metadata-tag` 报告。只检查完整的 HTML 页面（见该检查的说明）。

    ## 原因与依据

    网页标签规范（REGULATIONS §7，证据级别：secondary，来自公开的平台源码）规定 `PubDate` 写作
    `yyyy-MM-dd HH:mm`；带秒的写法与 `SiteIDCode` 的正则尚未确认（unconfirmed），所以都可配置，
    默认报警告。标签与页面显示不一致时，监管平台与搜索引擎按标签统计和检索，读者看到的却是另一套
    标题和日期——常见原因是改了标题或迁移了系统而标签没跟着改；发布日期不符还会被当作
    “伪造发稿日期”（国办秘函〔2019〕19号 单项否决项）。

    ## 错误示例

    ```html
    <html>
    <head>
    <title>北京通管局组织“三电”专项斗争大检查 确保国庆60周年电信设施安全运行</title>
    <meta name="SiteIDCode" content="BM07000001">  <!-- expect: invalid-metadata-tag -->
    <meta name="ArticleTitle" content="北京通管局组织三电专项检查">  <!-- expect: invalid-metadata-tag -->
    <meta name="PubDate" content="2023-05-12 23∶20">  <!-- expect: invalid-metadata-tag, invalid-metadata-tag -->
    </head>
    <body>
    <div class="w980 center cmain">
    <div class="ctitle"><h1 id="con_title">北京通管局组织“三电”专项斗争大检查 确保国庆60周年电信设施安全运行</h1></div>
    <div class="cinfo center">
    <span id="con_time">发布时间：2009-09-30 10:53</span> <span>来源：北京通信管理局</span></div>
    <div class="ccontent center" id="con_con">
    <p>为确保国庆60周年网络与信息安全，近日，北京市通信管理局组织检查小组，深入各基础电信企业开展检查。</p>
    <p>检查小组认为各公司思想认识到位，均成立了以公司副总为组长的领导小组，明确了责任部门和责任人。</p>
    </div>
    </div>
    </body>
    </html>
    ```

    ## 正确示例

    ```html
    <html>
    <head>
    <title>广州美妆产业依靠自主创新持续发力 - 广州市人民政府门户网站</title>
    <meta content="4401000004" name="SiteIDCode"/>
    <meta name="ArticleTitle" content="广州美妆产业依靠自主创新持续发力">
    <meta name="PubDate" content="2023-12-05 09:30:26"/>
    </head>
    <body>
    <div class="logo"><h1>广州市人民政府门户网站</h1></div>
    <h2 class="content_title">广州美妆产业依靠 自主创新持续发力</h2>
    <div class="info">发布时间：2023-12-05　来源：广州日报</div>
    <div id="zoom"><p>记者从广州市商务局获悉……</p></div>
    </body>
    </html>
    ```

    ## 选项

    - `site-id-pattern`（字符串，默认 `^(\\d{10}|bm\\d{8})$`）：`SiteIDCode` 的正则表达式。
    - `pubdate-formats`（字符串列表，默认 `["yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss"]`）：`PubDate`
      允许的格式；只接受规范写法时设为 `["yyyy-MM-dd HH:mm"]`。
    - `compare-visible`（布尔，默认 `true`）：是否与页面上的标题和发布时间比对。
    """

    code = "SL502"
    name = "invalid-metadata-tag"
    default_severity = Severity.WARNING
    formats = ("html",)
    Options = Options

    def check(self, page: Page) -> Iterator[Finding]:
        meta = page.meta
        if not any(n in meta for n in ("SiteIDCode", "PubDate", "ArticleTitle")) or not standards.is_full_page(page):
            return
        opts: _Options = self.options
        code = meta.get("SiteIDCode", "")
        if code and not _pattern(opts.site_id_pattern).search(code):
            yield self.finding(_element(page, "SiteIDCode"),
                               f"SiteIDCode `{code}` 不是网站标识码的形式（10 位数字或 bm 加 8 位数字）")
        pub = meta.get("PubDate", "")
        if pub and not standards.matches_format(pub, opts.pubdate_formats):
            hint = "（`∶` 是全角比号，应为半角冒号）" if "∶" in pub or "：" in pub else ""
            yield self.finding(_element(page, "PubDate"),
                               f"PubDate `{pub}` 格式不对，应为 {' 或 '.join(opts.pubdate_formats)}{hint}")
        if not opts.compare_visible:
            return
        title = meta.get("ArticleTitle", "")
        if title and (shown := standards.title_disagreement(page, title)) is not None:
            yield self.finding(_element(page, "ArticleTitle"),
                               f"ArticleTitle `{title}` 与页面显示的标题 `{shown}` 不一致")
        field = page.fields.get("发布时间") or page.fields.get("发布日期")
        if pub and field is not None:
            tagged, visible = parse_date_cached(pub), parse_date_cached(field.value)
            if tagged and visible and tagged != visible:
                shown = f"{field.label.replace(' ', '')} `{field.value}`"
                yield self.finding(_element(page, "PubDate"), f"PubDate `{pub}` 与页面显示的{shown} 不是同一天")


def _element(page: Page, name: str) -> Any:
    """The first ``<meta name=…>`` of that name (the one ``page.meta`` reads): looked up only for a finding."""
    return next(el for el in page.shared(standards.meta_elements) if (el.get("name") or "") == name)
