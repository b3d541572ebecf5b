"""SL702 insecure-resource."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sitelint import standards
from sitelint.check import PageCheck
from sitelint.config import ConfigError
from sitelint.findings import Finding, Severity
from sitelint.links import Link, host_forms
from sitelint.page import Page

# What a browser blocks on an https page (active) and what it loads with a warning (passive).
ACTIVE = {"script": "脚本", "iframe": "内嵌框架", "frame": "框架", "embed": "插件", "object": "插件"}
PASSIVE = {"img": "图片", "audio": "音频", "video": "视频", "source": "媒体", "track": "字幕", "input": "图片按钮"}
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(\w+)://")


@dataclass(frozen=True)
class Options:
    #: 页面是否经 https 提供：true、false，或 "auto"（按本站链接、canonical、og:url 判断）
    https: Any = "auto"

    def __post_init__(self) -> None:
        if self.https not in (True, False, "auto"):
            raise ConfigError(f"insecure-resource 的选项 `https` 应为 true、false 或 \"auto\"，实际为 `{self.https}`")


_Options = Options


class InsecureResource(PageCheck):
    """HTTPS 页面用 http:// 加载脚本、样式表、框架、图片或音视频（混合内容），或链接到已停用的 ICP 备案系统。

    ## 检查内容

    页面经 HTTPS 提供时，元素上写的 `http://` 地址：

    - 主动内容（错误）：`<script src>`、`<link rel="stylesheet">`、`<iframe>`/`<frame>`、`<embed>`/`<object>`——
      浏览器直接拦截，页面功能或样式缺失；
    - 被动内容（警告）：`<img>`（含 `srcset`）、`<audio>`、`<video>`（含 `poster`）、`<source>`、`<track>`、
      `<link rel="icon">`——浏览器照常显示但标记为“不安全”。

    页面是否经 HTTPS 提供：选项 `https`；默认 `"auto"`——`<link rel="canonical">`、`og:url` 或浏览器
    另存页面时留下的 `saved from url` 写的是 `https://`，或本站（配置 `domains` 与 `SiteDomain` 标签中的
    主机）的链接中本页有任一写成 `https://` 的绝对地址，即按 HTTPS 页面检查，否则不检查混合内容。
    每个页面单独判断；全站 HTTPS 的网站请设 `https = true`。

    另外，链接到已停用的 ICP 备案系统 `www.miibeian.gov.cn` 报警告。

    `<a href="http://…">` 是跳转链接，不是混合内容；正文里写的 `http://` 文字、`document.write` 字符串里
    的地址（如党政机关标识脚本）不是页面元素，都不报告。相对地址和 `//` 开头的地址随页面协议，也不报告。

    ## 原因与依据

    issue #4 第 10 项。浏览器拦截 HTTPS 页面中的 http 脚本、样式和框架，政府网站全站 HTTPS 改造后
    遗留的 http 资源会让页面功能失效，图片和音视频则使地址栏显示“不安全”。ICP 备案系统已迁至
    `https://beian.miit.gov.cn/`（REGULATIONS §8：旧页面仍链接 `www.miibeian.gov.cn`）。

    ## 错误示例

    ```html
    <html><head><title>通知公告</title>
    <link rel="canonical" href="https://www.example.gov.cn/tzgg/t20240301_1.html">
    <link rel="stylesheet" href="http://www.example.gov.cn/css/main.css">  <!-- expect: insecure-resource -->
    <script src="http://www.example.gov.cn/js/jquery.min.js"></script>  <!-- expect: insecure-resource -->
    </head><body>
    <img src="http://www.example.gov.cn/images/banner.jpg" alt="横幅">  <!-- expect: insecure-resource -->
    <a href="http://www.miibeian.gov.cn/">京ICP备07017245号-2</a>  <!-- expect: insecure-resource -->
    </body></html>
    ```

    ## 正确示例

    ```html
    <html><head><title>通知公告</title>
    <link rel="canonical" href="https://www.example.gov.cn/tzgg/t20240301_1.html">
    <link rel="stylesheet" href="/css/main.css">
    <script src="//www.example.gov.cn/js/jquery.min.js"></script>
    </head><body>
    <img src="https://www.example.gov.cn/images/banner.jpg" alt="横幅">
    <p>详见 http://www.example.gov.cn/ 。<a href="http://www.gov.cn/">中国政府网</a></p>
    <a href="https://beian.miit.gov.cn/">京ICP备07017245号-2</a>
    <script type="text/javascript">document.write(unescape("%3Cspan id='_ideConac' %3E%3C/span%3E" +
    "%3Cscript src='http://dcs.conac.cn/js/05/000/0000/60849783/CA050000000608497830001.js'%3E%3C/script%3E"));</script>
    </body></html>
    ```

    ## 选项

    - `https`（`true`、`false` 或 `"auto"`，默认 `"auto"`）：页面是否经 HTTPS 提供。全站 HTTPS 的网站设为
      `true`；只用 HTTP 的网站设为 `false`（仍检查 `www.miibeian.gov.cn` 链接）。
    """

    code = "SL702"
    name = "insecure-resource"
    Options = Options

    def check(self, page: Page) -> Iterator[Finding]:
        opts: _Options = self.options
        links = page.links
        insecure: list[Link] = []
        for link in links:  # one pass: retired ICP links (reported now) and http:// resources (for below)
            if link.tag in ("a", "area"):
                if link.host in standards.RETIRED_ICP_HOSTS:
                    yield self.finding(link, f"链接到已停用的 ICP 备案系统 `{link.raw}`，应为 https://beian.miit.gov.cn/",
                                       severity=Severity.WARNING)
            elif link.raw[:7].lower() == "http://":
                insecure.append(link)
        if not insecure or not (opts.https if isinstance(opts.https, bool) else self._served_over_https(page, links)):
            return
        for link in insecure:
            kind = self._kind(link)
            if kind is not None:
                what, active = kind
                if active:
                    yield self.finding(link, f"HTTPS 页面用 http:// 加载{what} `{link.raw}`，浏览器会拦截")
                else:
                    yield self.finding(link, f"HTTPS 页面用 http:// 加载{what} `{link.raw}`，浏览器会提示“不安全”",
                                       severity=Severity.WARNING)

    @staticmethod
    def _kind(link: Link) -> tuple[str, bool] | None:
        if link.tag == "link":
            rel = (link.element.get("rel") or "").lower().split()
            return ("样式表", True) if "stylesheet" in rel else ("图标", False) if "icon" in rel else None
        if link.attr == "poster":
            return "视频封面图片", False
        if link.tag in ACTIVE:
            return ACTIVE[link.tag], True
        if link.tag == "source" and link.element.getparent() is not None and link.element.getparent().tag == "picture":
            return "图片", False
        return (PASSIVE[link.tag], False) if link.tag in PASSIVE else None

    @staticmethod
    def _served_over_https(page: Page, links: list[Link]) -> bool:
        """auto: the page's own URL (canonical, og:url, saved-from) or any own-domain absolute link says https."""
        for el in page.iter("link", "meta"):
            if ("canonical" in (el.get("rel") or "").lower().split() and el.tag == "link") or (
                    el.get("property") == "og:url"):
                url = (el.get("href") if el.tag == "link" else el.get("content")) or ""
                if url.lower().startswith(("https://", "http://")):
                    return url.lower().startswith("https://")
        saved = _SAVED_FROM.search(page.html[:2000])
        if saved:
            return saved.group(1).lower() == "https"
        own = set(page.config.domains)
        site = page.meta.get("SiteDomain", "")
        if site and (host := standards.host_of(site)):
            own.update(host_forms(host))
        return any(link.raw[:8].lower() == "https://" and (link.internal or link.host in own) for link in links)
