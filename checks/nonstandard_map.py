"""SL401 nonstandard-map."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sitelint import maps, standards
from sitelint.check import PageCheck
from sitelint.findings import Finding, Severity
from sitelint.links import offsite_links
from sitelint.page import Page

_EMBEDS = ("iframe", "frame", "embed", "object", "img", "script")


@dataclass(frozen=True)
class Options:
    #: 批准的在线地图服务（主机名后缀，或 主机/路径前缀）：嵌入它们不需要另标审图号
    approved_map_hosts: tuple[str, ...] = maps.APPROVED
    #: 已知的未经批准的在线地图服务：嵌入即报错
    unapproved_map_hosts: tuple[str, ...] = maps.UNAPPROVED
    #: 说明图片是地图的词（替代文本、标题、文件名、图注）
    map_words: tuple[str, ...] = maps.MAP_WORDS
    #: 含有地图二字但不是地图的说法
    exempt_words: tuple[str, ...] = maps.EXEMPT


_Options = Options  # the class attribute below shadows the name in annotations


@lru_cache(maxsize=16)
def _lowered(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(w.lower() for w in words)


class NonstandardMap(PageCheck):
    """页面正文中的地图既没有审图号，也不是批准的在线地图服务。

    ## 检查内容

    正文中的地图图片（替代文本 alt、title、文件名、`<figure>` 图注或紧挨图片的短图注里有“地图”
    “行政区划图”“区位图”“交通图”“map”等词，或图旁写了审图号）必须在图注、替代文本或紧邻的
    可见文字（图片所在段落、下一段）中标注审图号，如 `GS(2019)1822号`、`GS京(2022)1061号`、
    `粤S(2023)066号`（半角、全角括号和空格均可）。隐藏的图注不算；写法不规范的审图号（如
    `GS2019-1822`、缺“号”字、两位年份）单独报告。

    嵌入的在线地图（`<iframe>`、`<embed>`、`<object>`、`<script src>`、内联脚本中的瓦片地址、
    静态地图图片）来自已知的未经批准的服务（Google 地图、OpenStreetMap、Mapbox 等）即报错；
    来源不明、标题或地址说明是地图的站外嵌入，需要像图片一样标注审图号。天地图、标准地图服务和
    百度、高德、腾讯地图接口不需要另标审图号（地图上已由服务商标注）。

    “网站地图”“地图导航”、指向办事地图的链接、HTML 的 `<map>`/`<area>` 热区和 `usemap`、
    模板页头页脚里的图标都不是地图。只看页面自己的正文，模板不看（站外地图服务的嵌入除外）。

    ## 原因与依据

    《地图审核管理规定》要求公开使用的地图“在地图…适当位置显著标注审图号”，互联网地图在地图页面
    左下角标注；直接使用标准地图也要标注审图号。韶关市政府网站管理办法（韶府办〔2023〕5号）
    第十八条要求“采用…标准地图或依法取得审图号的地图”。规则细节尚无官方确认（REGULATIONS §6），
    所以缺少审图号默认是警告。未经批准的境外地图服务没有审图号、也无法通过补标审图号改正，
    底图常有“问题地图”（国界线、南海诸岛缺漏），因此嵌入这类服务是错误。

    ## 错误示例

    ```html
    <div id="zoom">
    <p><img src="/uploads/2023/xzqh.jpg" alt="万载县行政区划图"></p>  <!-- expect: nonstandard-map -->
    <p>全县辖17个乡镇。</p>
    <iframe src="https://www.google.com/maps/embed?pb=!1m18" title="位置"></iframe>  <!-- expect: nonstandard-map -->
    <p><img src="/uploads/2023/jt.png" alt="城区交通图"></p>
    <p>审图号：GS2019-1822</p>  <!-- expect: nonstandard-map -->
    </div>
    ```

    ## 正确示例

    ```html
    <div class="header"><a href="/wzdt/"><img src="/images/map.png" width="16">网站地图</a></div>
    <div id="zoom">
    <figure><img src="/uploads/xzqh.jpg" alt="万载县行政区划图">
    <figcaption>万载县行政区划图（审图号：赣S(2021)012号）</figcaption></figure>
    <p><img src="/uploads/qwt.jpg" alt="区位图"></p>
    <p>审图号：GS（2019）1822号</p>
    <p><img src="/uploads/lc.png" alt="办理流程示意图"></p>
    <iframe src="https://map.tianditu.gov.cn/embed?lng=114.4&lat=28.1" title="地图"></iframe>
    <p><a href="https://bsdt.example.gov.cn/">办事地图</a></p>
    </div>
    ```

    ## 选项

    - `approved-map-hosts`（字符串列表）：批准的在线地图服务，主机名后缀或“主机/路径前缀”，默认
      `tianditu.gov.cn`、`bzdt.ch.mnr.gov.cn`、`map.baidu.com`、`amap.com`、`autonavi.com`、`map.qq.com`。
      省级自建地图服务可加在这里。
    - `unapproved-map-hosts`（字符串列表）：已知未经批准的服务，嵌入即报错；默认含 Google 地图、
      OpenStreetMap、Mapbox、Bing 地图、ArcGIS Online 等。
    - `map-words`（字符串列表）：说明图片是地图的词；英文词按整词匹配，也用于文件名。
    - `exempt-words`（字符串列表）：先从文字中去掉的说法，默认 `网站地图`、`站点地图`、`地图导航`、`sitemap` 等。
    """

    code = "SL401"
    name = "nonstandard-map"
    default_severity = Severity.WARNING
    per_template = True  # a map service embedded in the template is one problem, not one per page
    Options = Options

    def check(self, page: Page) -> Iterator[Finding]:
        opts: _Options = self.options
        embeds = {id(link.element): link for link in page.shared(offsite_links)
                  if link.tag in _EMBEDS and link.external}
        seen: set[tuple[int, str]] = set()  # two pictures may share one caption
        around = maps.Surroundings(page, _lowered(opts.map_words))
        for el in standards.elements(page, "img", "iframe", "frame", "embed", "object", "script"):
            link = embeds.get(id(el))
            if link is not None and maps.host_listed(link.url, opts.approved_map_hosts):
                continue
            bad = maps.host_listed(link.url, opts.unapproved_map_hosts) if link is not None else None
            if bad is None and el.tag == "script" and link is None:
                bad = maps.script_map_host(el.text or "", opts.unapproved_map_hosts)
            if bad is not None:
                shown = link.host if link is not None else bad
                yield self.finding(el, f"嵌入了未经批准的在线地图服务 `{shown}`（<{el.tag}>），这类地图没有审图号",
                                   severity=Severity.ERROR)
            elif el.tag != "script" and (el.tag == "img" or link is not None) and page.in_content(el):
                for f in self._map(page, el, opts, around):
                    if (id(f.anchor), f.message) not in seen:
                        seen.add((id(f.anchor), f.message))
                        yield f

    def _map(self, page: Page, el: Any, opts: _Options, around: maps.Surroundings) -> Iterator[Finding]:
        if maps.linked_away(el):  # a button or thumbnail opening another page: that page is checked itself
            return
        words, exempt = _lowered(opts.map_words), opts.exempt_words
        own = " ".join(el.get(a) or "" for a in ("alt", "title", "aria-label"))
        sources = [v.strip() for a in ("data-src", "data-original", "src", "data") if (v := el.get(a))]
        src = sources[0] if sources else ""
        reason = maps.word_hit(own, words, exempt)
        if reason is None:  # a map word in the file name counts unless the picture is an icon
            token = next((t for u in sources for t in maps.file_tokens(u) if t in words), None)
            reason = token if token is not None and not maps.iconish(el) else None
        if reason is None and not maps.find_review_numbers(own) and around.quiet(el):
            return  # nothing says it is a map, and no 审图号 is written near it
        near = [entry for entry in maps.context(page, el, around.text_of) if entry.text]
        if reason is None:
            reason = next((w for n in near if n.caption and (w := maps.word_hit(n.caption, words, exempt))), None)
        # what a reader sees of a text is part of it: no number in the text, none in what is seen
        shown = [(el, n) for n in maps.find_review_numbers(own)] + [
            (n.el, r) for n in near if maps.may_hold_review_number(n.text) for r in maps.find_review_numbers(n.visible)]
        hidden = [(n.el, r) for n in near for r in maps.find_review_numbers(n.text) if r.value not in n.visible]
        if (reason is None and not shown and not hidden) or any(n.valid for _c, n in shown):
            return
        for c, n in shown:
            yield self.finding(c, f"审图号格式不规范：`{n.value}`，应写作 {maps.EXPECTED_FORM} 的形式")
        if hidden and not shown:
            c, n = hidden[0]
            c = maps.hidden_holder(page, c, n.value)
            yield self.finding(c, f"地图 `{src[:80] or el.tag}` 的审图号 `{n.value}` 读者看不到"
                                  f"（{page.hidden_reason(c) or '被隐藏'}）")
        elif not shown:
            yield self.finding(el, f"地图 `{src[:80] or el.tag}`（“{reason}”）没有标注审图号，也不是批准的在线地图服务")
