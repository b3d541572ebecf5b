"""SL701 broken-internal-link."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache

from sitelint.check import SiteCheck
from sitelint.findings import Finding
from sitelint.page import Page
from sitelint.site import LinkFact, LinkRecord, SiteIndex

#: (links whose target file is missing, (existing target, fragment, link) with a fragment to verify), the links
#: as plain tuples (see :data:`~sitelint.site.LinkRecord`), made LinkFacts when reported
Facts = tuple[tuple[LinkRecord, ...], tuple[tuple[str, str, LinkRecord], ...]]

# Pages served by an application server, not files of the static build.
DYNAMIC_EXTENSIONS = (".jsp", ".jspx", ".do", ".action", ".asp", ".aspx", ".php", ".cgi", ".ashx")


def _scrolls_to_top(fragment: str) -> bool:
    """``#`` and ``#top`` in any letter case take a browser to the top of the page, with or without such an id."""
    return not fragment or (len(fragment) == 3 and fragment.isascii() and fragment.lower() == "top")


@dataclass(frozen=True)
class Options:
    #: 不检查的链接：与链接原文或站内路径匹配的 glob，例如 "/search/*"、"*.pdf"
    ignore_urls: tuple[str, ...] = ()
    #: 由应用服务器提供、不在静态构建中的页面扩展名
    dynamic_extensions: tuple[str, ...] = DYNAMIC_EXTENSIONS
    #: 是否检查 #锚点 在目标页面中存在
    check_fragments: bool = True


class BrokenInternalLink(SiteCheck):
    """站内链接或资源指向的文件不存在，或 #锚点 在目标页面中不存在。

    ## 检查内容

    页面中指向本站的链接与资源（`<a>`、`<area>`、`<img>`/`srcset`、`<script>`、`<link>`、
    `<iframe>`、`<source>`、`<meta http-equiv="refresh">` 等），按浏览器的方式解析：相对路径、
    以 `/` 开头的路径、写成本站域名（配置 `domains`）的绝对地址、`<base href>`、百分号编码和中文文件名、
    目录首页（`index.html`、`index.htm`、`index.shtml`、`default.htm`）。目标文件在站点根目录
    （配置 `root`）下不存在，或带 `#锚点` 而目标页面中没有该 `id` / `<a name>`，即报告。

    只在本地构建结果中查找，从不访问网络；外部链接不在此检查。`javascript:`、`mailto:`、`tel:`、
    `data:` 和单独的 `#` 不是要检查的链接；`#top`（不分大小写）和 `#` 一样回到页面顶部。Markdown 源文件的
    标题按 GitHub 的规则生成锚点（`## 办事指南` 即 `#办事指南`，重名的依次加 `-1`、`-2`）。路径中的反斜杠
    按浏览器的方式当作 `/`，连续的 `/` 按服务器的方式当作一个。`.jsp`、`.do`、`.aspx` 等由应用服务器
    提供的动态页面默认不检查。

    ## 原因与依据

    《政府网站发展指引》（国办发〔2017〕47号）要求网站链接可用；2019 年《政府网站与政务新媒体检查指标》
    （国办秘函〔2019〕19号）把“首页不可用链接”“其他页面不可用链接”列为扣分项，普查中失效链接
    过多即不合格。发布前在构建结果中发现，比巡检通报后再改要便宜得多。

    ## 错误示例

    ```html
    <a href="/zcwj/2024/missing.html">关于印发某某办法的通知</a>  <!-- expect: broken-internal-link -->
    <a href="#section-3">第三节</a>  <!-- expect: broken-internal-link -->
    ```

    ## 正确示例

    ```html
    <h2 id="section-3">第三节</h2>
    <a href="#section-3">第三节</a>
    <a href="#">返回顶部</a>
    <a href="javascript:void(0)">打印本页</a>
    <a href="mailto:bgs@example.gov.cn">联系我们</a>
    <a href="https://www.gov.cn/">中国政府网</a>
    ```

    ## 选项

    - `ignore-urls`（字符串列表，默认空）：不检查的链接，glob 匹配链接原文或站内路径，如 `["/search/*"]`。
    - `dynamic-extensions`（字符串列表）：由应用服务器提供的页面扩展名，默认
      `.jsp .jspx .do .action .asp .aspx .php .cgi .ashx`。
    - `check-fragments`（布尔，默认 `true`）：是否检查 `#锚点`。只有本次检查过的页面才核对锚点。
    """

    code = "SL701"
    name = "broken-internal-link"
    Options = Options

    def collect(self, page: Page) -> Facts:
        """Missing targets are known now (the site's files were listed first); fragments wait for the site pass."""
        opts: Options = self.options
        dynamic = _lowered(opts.dynamic_extensions)
        check_fragments = opts.check_fragments
        missing: list[LinkRecord] = []
        fragments: list[tuple[str, str, LinkRecord]] = []
        resolve = page.site.resolve if page.site is not None else _no_site
        known = page.site.resolved if page.site is not None else {}  # most targets: resolved on earlier pages
        ignore = opts.ignore_urls
        for link in page.links:
            target = link.target
            if not link.internal or target is None or (ignore and self._ignored(link.raw, target, ignore)):
                continue
            found = known.get(target) or resolve(target)
            if found is None:
                if not target.lower().endswith(dynamic):
                    missing.append(page.link_record(link))
            elif (check_fragments and link.fragment and link.tag in ("a", "area")
                  and not _scrolls_to_top(link.fragment) and not link.fragment.startswith(":~:")):
                fragments.append((found, link.fragment, page.link_record(link)))
        return tuple(missing), tuple(fragments)

    def check_site(self, site: SiteIndex, facts: Mapping[str, Facts]) -> Iterator[Finding]:
        ids = {path: page.ids for path, page in site.pages.items()}  # of the pages read: only their anchors are known
        for path, (missing, fragments) in facts.items():
            for record in missing:
                link = LinkFact._make(record)
                yield self.at(path, link, f"链接目标不存在：`{link.raw}`（站内路径 /{link.target}）")
            broken = [(found, record) for found, fragment, record in fragments
                      if (known := ids.get(found)) is not None and fragment not in known]
            for found, record in broken:
                link = LinkFact._make(record)
                where = "本页" if found == path else f"/{found}"
                message = f"锚点不存在：`{link.raw}`，{where} 中没有 id 或 name 为 `{link.fragment}` 的元素"
                yield self.at(path, link, message)

    @staticmethod
    def _ignored(raw: str, target: str, patterns: tuple[str, ...]) -> bool:
        return any(fnmatch.fnmatchcase(raw, p) or fnmatch.fnmatchcase("/" + target, p) for p in patterns)


def _no_site(target: str) -> None:
    """Without the site's files, no target is known to exist."""
    return None


@lru_cache(maxsize=16)
def _lowered(extensions: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(e.lower() for e in extensions)
