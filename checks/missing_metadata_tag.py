"""SL501 missing-metadata-tag."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sitelint import standards
from sitelint.check import PageCheck
from sitelint.findings import Finding, Severity
from sitelint.page import Page

SITE_TAGS = ("SiteName", "SiteDomain", "SiteIDCode")
COLUMN_TAGS = (*SITE_TAGS, "ColumnName", "ColumnDescription", "ColumnKeywords", "ColumnType")
ARTICLE_TAGS = (*COLUMN_TAGS, "ArticleTitle", "PubDate", "ContentSource")
KIND_NAMES = {"home": "首页", "column": "栏目页", "article": "详情页", None: "页面"}


@dataclass(frozen=True)
class Options:
    #: 首页必须有的标签
    home: tuple[str, ...] = SITE_TAGS
    #: 栏目页（列表页）必须有的标签
    column: tuple[str, ...] = COLUMN_TAGS
    #: 详情页（文章页）必须有的标签
    article: tuple[str, ...] = ARTICLE_TAGS
    #: 判断不出类型的完整页面必须有的标签（默认不要求）
    other: tuple[str, ...] = ()


_Options = Options


class MissingMetadataTag(PageCheck):
    """首页、栏目页、详情页缺少规定的网页元数据标签（`<meta name=…>`），或标签内容为空。

    ## 检查内容

    按页面类型检查 `<head>` 中规定的元数据标签是否存在且内容不为空：

    | 页面 | 必须有的标签 |
    |---|---|
    | 首页 | `SiteName` `SiteDomain` `SiteIDCode` |
    | 栏目页（列表页） | 以上 3 个，加 `ColumnName` `ColumnDescription` `ColumnKeywords` `ColumnType` |
    | 详情页 | 以上 7 个，加 `ArticleTitle` `PubDate` `ContentSource` |

    标签名区分大小写（与部署的写法一致，`Sitename` 不是 `SiteName`）；`content` 写在 `name` 前面也可以；
    `SiteDomain` 写成完整网址（`http://jycg.hubei.gov.cn/`）只要不为空就算有。每个页面只报告一次，
    列出缺少和为空的全部标签，位置在 `<head>`。

    页面类型：配置 `[kinds]` 中的 `home`、`column`、`article` glob 优先；否则推断——站点根目录的
    `index.html`/`index.shtml` 是首页；有 `ArticleTitle`/`PubDate`/`ContentSource` 标签的是详情页；
    栏目目录下的 `index.html`、`index_2.html`、`list.html` 是栏目页（列表里写着发布日期也不改变）；
    其余页面信息栏中可见“发布时间/发布日期/来源”的是详情页。判断不出类型的页面默认不要求（选项 `other`）。
    只做跳转的根目录 `index.html` 不是首页：真正的首页在子目录时用 `[kinds] home = ["wzxrmzf/index.shtml"]` 指明。

    只检查完整的 HTML 页面：`<head>` 中有 `<title>`、`<body>` 中有脚本和样式以外的内容。页头页脚
    包含文件、`<iframe>` 引入的页头、表格片段、`.do` 接口返回的片段、框架集和只做跳转的页面都不是
    页面，不检查；Markdown 源文件不是构建出的页面，也不检查。

    ## 原因与依据

    《政府网站发展指引》（国办发〔2017〕47号）附件的网页设计规范要求页面添加网页标签，
    集约化平台和全国政府网站监管按这些标签识别网站、栏目和文章（REGULATIONS §7，证据级别：
    secondary——规范条文只见于公开的平台源码与开普“集约化平台标签注意事项”）。缺标签的页面
    无法被正确统计和检索。规范条文本身尚无官方出处可查，所以默认报警告；需要把标签作为发布门禁的
    平台可在配置 `[severity]` 中设为 `error`。页面上可见的网站标识码（确认的开办要求）由
    `missing-footer-item` 检查。

    ## 错误示例

    ```html
    <!DOCTYPE html>
    <html>
    <head>  <!-- expect: missing-metadata-tag -->
    <title>关于开展2024年度安全生产检查的通知_万载县人民政府</title>
    <meta name="SiteName" content="万载县人民政府">
    <meta name="Sitedomain" content="www.wanzai.gov.cn">
    <meta name="ArticleTitle" content="关于开展2024年度安全生产检查的通知">
    <meta name="PubDate" content="2024-03-01 09:30">
    <meta name="ContentSource" content="">
    </head>
    <body><h1>关于开展2024年度安全生产检查的通知</h1></body>
    </html>
    ```

    ## 正确示例

    ```html
    <!DOCTYPE html>
    <html>
    <head>
    <title>宜春市2022年国民经济和社会发展统计公报 | 中国宜春</title>
    <meta name="SiteName" content="中国宜春">
    <meta name="SiteDomain" content="http://www.yichun.gov.cn/">
    <meta content="3609000002" name="SiteIDCode" />
    <meta name="ColumnName" content="统计公报">
    <meta name="ColumnDescription" content="定期公开展示宜春市统计公报。">
    <meta name="ColumnKeywords" content="统计公报">
    <meta name="ColumnType" content="统计公报">
    <meta name="ArticleTitle" content="宜春市2022年国民经济和社会发展统计公报">
    <meta name="PubDate" content="2023-05-16 12:34">
    <meta name="ContentSource" content="宜春市统计局">
    <meta name="Keywords" content="">
    </head>
    <body><h1>宜春市2022年国民经济和社会发展统计公报</h1></body>
    </html>
    ```

    ## 选项

    - `home`、`column`、`article`（字符串列表）：各类页面必须有的标签，默认如上表；可加 `Keywords`、
      `Description` 等可选标签，或去掉本地平台不用的标签。
    - `other`（字符串列表，默认空）：判断不出类型的完整页面必须有的标签，如 `["SiteName", "SiteDomain",
      "SiteIDCode"]` 要求所有页面都带站点标签。
    """

    code = "SL501"
    name = "missing-metadata-tag"
    default_severity = Severity.WARNING
    formats = ("html",)
    Options = Options

    def check(self, page: Page) -> Iterator[Finding]:
        if not standards.is_full_page(page):
            return
        opts: _Options = self.options
        kind = standards.page_kind(page)
        required = {"home": opts.home, "column": opts.column, "article": opts.article}.get(kind or "", opts.other)
        meta = page.meta
        missing = [n for n in required if n not in meta]
        empty = [n for n in required if n in meta and not meta[n]]
        if not missing and not empty:
            return
        parts = []
        if missing:
            lowered = {n.lower(): n for n in meta}
            shown = [f"`{n}`" + (f"（页面写作 `{lowered[n.lower()]}`，名称区分大小写）" if n.lower() in lowered else "")
                     for n in missing]
            parts.append("缺少 " + "、".join(shown))
        if empty:
            parts.append("内容为空：" + "、".join(f"`{n}`" for n in empty))
        yield self.finding(page.root.find("head"), f"{KIND_NAMES[kind]}的元数据标签不全：" + "；".join(parts))
