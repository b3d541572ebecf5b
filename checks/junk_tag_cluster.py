"""SL103 junk-tag-cluster."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import lxml.etree as etree

from sitelint.check import PageCheck
from sitelint.findings import Finding
from sitelint.page import Page

_RANDOM_ID = re.compile(r"^[a-z0-9]{5}$")
# Every element HTML has had (current and obsolete): anything else without "-" or ":" is invented.
_KNOWN = frozenset("""
a abbr acronym address applet area article aside audio b base basefont bdi bdo bgsound big blink blockquote body
br button canvas caption center cite code col colgroup data datalist dd del details dfn dialog dir div dl dt em
embed fieldset figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html i
iframe image img input ins isindex kbd keygen label legend li link listing main map mark marquee math menu menuitem
meta meter multicol nav nextid nobr noembed noframes noscript object ol optgroup option output p param picture
plaintext pre progress q rb rp rt rtc ruby s samp script search section select slot small source spacer span strike
strong style sub summary sup svg table tbody td template textarea tfoot th thead time title tr track tt u ul var
video wbr xmp
""".split())
_WITH_ID = etree.XPath("//*[@id]")
#: invented tags seen in injected clusters ("delect" for "select")
JUNK_TAGS = ("delect",)


@dataclass(frozen=True)
class Options:
    #: 共用同一个随机 id 的元素达到此数即报告
    min_elements: int = 5
    #: 这些元素至少有几种不同的标签（正常模板里重复的 id 多在同一种标签上）
    min_tags: int = 3


def _empty(el: Any) -> bool:
    return not (el.text or "").strip() and all(not isinstance(c.tag, str) or _empty(c) for c in el)


class JunkTagCluster(PageCheck):
    """页面被植入了共用同一随机 id 的空标签群或虚构标签（垃圾代码）。

    ## 检查内容

    被挂黑链、被篡改的页面常在开头植入一串没有内容的元素，各种标签混用、共用一个随机 id，
    其中夹杂并不存在的标签，例如
    `<legend id="h4sia"></legend><samp id="h4sia"></samp>…<delect id="h4sia"></delect>`。报告：

    - 共用同一个形如 `^[a-z0-9]{5}$` 的 id 的元素不少于 `min-elements`（默认 5）个、涉及至少
      `min-tags`（默认 3）种标签、其中多数是空元素：每个这样的 id 报告一次，在第一个元素处；
    - 不属于这样一群的虚构标签：`<delect>`，或 HTML 中不存在、名称不含 `-`/`:` 的空标签并带有
      形如随机串的 id。

    正常模板里重复的 id（列表中每项都写 `id="title"`）只在同一种标签上，不报告；自定义元素
    （`<my-widget>`）、Word 粘贴的 `<o:p>`、内容管理系统的 `<ucapcontent>` 不是虚构标签。

    ## 原因与依据

    2019 年《政府网站与政务新媒体检查指标》单项否决项“页面被挂马、内容被篡改”（confirmed）。
    随机 id 空标签群是黑帽 SEO 批量篡改页面的典型特征，在山西某民政局政府网站制度页面
    （`h4sia`）和 `42hbk` 等样本中均可见（confirmed）；阈值为推断（unconfirmed），可配置。

    ## 错误示例

    ```html
    <legend id="h4sia"></legend><samp id="h4sia"></samp>  <!-- expect: junk-tag-cluster -->
    <sup id="h4sia"></sup>
    <mark id="h4sia"><del id="h4sia"></del></mark>
    <menuitem id="h4sia"></menuitem>
    <div class="content"><p>为进一步加强市民政局政府网站管理，结合我单位实际，制定本制度。</p></div>
    ```

    ## 正确示例

    ```html
    <ul class="list">
    <li><a id="title" href="t1.html">关于做好防汛工作的通知</a><span id="times">2024-07-01</span></li>
    <li><a id="title" href="t2.html">关于开展安全生产检查的通知</a><span id="times">2024-06-28</span></li>
    <li><a id="title" href="t3.html">关于公布政务服务事项清单的通知</a><span id="times">2024-06-20</span></li>
    </ul>
    <my-share id="share"></my-share>
    ```

    ## 选项

    - `min-elements`（整数，默认 `5`）：共用同一随机 id 的元素达到此数才报告。
    - `min-tags`（整数，默认 `3`）：这些元素至少涉及几种不同的标签。
    """

    code = "SL103"
    name = "junk-tag-cluster"
    Options = Options

    def check(self, page: Page) -> Iterator[Finding]:
        opts: Options = self.options
        groups: dict[str, list[Any]] = {}
        # page.ids (shared) holds every id: most pages have no random-looking one and need no walk.
        if any(_RANDOM_ID.match(ident) for ident in page.ids if 5 <= len(ident) <= 6):
            for el in _WITH_ID(page.root):
                ident = el.get("id")
                if _RANDOM_ID.match(ident):
                    groups.setdefault(ident, []).append(el)
        clustered: set[str] = set()
        for ident, els in groups.items():
            if len(els) < opts.min_elements:
                continue
            tags = sorted({el.tag for el in els})
            empty = sum(1 for el in els if _empty(el))
            if len(tags) >= opts.min_tags and 2 * empty > len(els):
                clustered.add(ident)
                shown = "、".join(tags[:8]) + ("等" if len(tags) > 8 else "")
                yield self.finding(els[0], f"{len(els)} 个元素（{shown}）共用随机 id `{ident}`，"
                                           f"其中 {empty} 个为空，是被植入垃圾代码的特征")
        suspects = [el for els in groups.values() for el in els if _invented(el.tag) and _empty(el)]
        suspects.extend(page.root.iter(*JUNK_TAGS))
        seen: set[Any] = set()
        for el in sorted(suspects, key=lambda e: e.sourceline or 0):
            if el in seen or el.get("id") in clustered:
                continue
            seen.add(el)
            yield self.finding(el, f"页面中有虚构的空标签 `<{el.tag}>`，是被植入垃圾代码的特征")


def _invented(tag: Any) -> bool:
    return (isinstance(tag, str) and tag not in _KNOWN and "-" not in tag and ":" not in tag
            and not tag.startswith(("ucap", "trs")))
