"""SL105 pinyin-injection."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import lxml.etree as etree

from sitelint.check import PageCheck
from sitelint.findings import Finding, Severity
from sitelint.page import Page

_TONES = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
_HIT = re.compile(rf"[\u4e00-\u9fff]\((?P<py>[a-z{_TONES}]{{1,6}})\)(?=(?P<next>[\u4e00-\u9fff]))?")
_TONED = re.compile(f"[{_TONES}]")
# A pinyin syllable: initial + final (plain ASCII hits must be one, e.g. "ban"; "km", "kg" are units).
_SYLLABLE = re.compile(
    r"^(?:[bpmfdtnlgkhjqxrzcsyw]|zh|ch|sh)?(?:a|ai|an|ang|ao|e|ei|en|eng|er|i|ia|ian|iang|iao|ie|in|ing|iong|iu|"
    r"o|ong|ou|u|ua|uai|uan|uang|ue|ui|un|uo|v|ve)$"
)
# In the page source: "(pinyin)" right after a CJK character (a literal "(" first: a fast scan).
_RAW = re.compile(rf"\((?:[a-z{_TONES}]{{1,6}})\)")
_TEXT = etree.XPath("//body//text()[not(ancestor::script or ancestor::style or ancestor::textarea)]")


@dataclass(frozen=True)
class Options:
    #: 同一页面中命中次数达到此数才报告
    min_hits: int = 3


class PinyinInjection(PageCheck):
    """正文汉字后被插入了拼音（采集站、篡改页面的特征）。

    ## 检查内容

    在页面文字（不含脚本、样式）中查找“汉字(拼音)”：汉字后紧跟括号中的 1–6 个拼音字母，如
    `區(qū)`、`網(wǎng)站`、`辦(ban)公廳`。带声调的拼音一律计入；不带声调的只有在是合法拼音音节、
    且括号后紧接着汉字（插在词中间）时才计入，所以表格里的 `面积(ha)`、`距离(km)` 这类单位不算。
    同一页面命中不少于 `min-hits`（默认 3）处时报告一次，位置为第一处，消息给出命中数和示例。

    ## 原因与依据

    采集站和被篡改的页面会在汉字后插入拼音以规避重复检测，例如定海区政务新媒体管理办法的镜像
    “信息來(lái)源:區(qū)府辦”、“國務院辦(ban)公廳”（confirmed，REGULATIONS §13）。发布这样的页面说明
    内容来自被污染的转载源。阈值为推断（unconfirmed），默认只作警告。

    ## 错误示例

    ```html
    <div class="info">信息來(lái)源:區(qū)府辦</div>  <!-- expect: pinyin-injection -->
    <p>根據(jù)《國(guó)務(wù)院辦公廳關(guān)於推進(jìn)政務(wù)新媒體健康有序發(fā)展的意見(jiàn)》，結(jié)合我區(qū)實(shí)際，制定本辦法。</p>
    ```

    ## 正确示例

    ```html
    <table><tr><th>地块</th><th>面积(ha)</th><th>距离(km)</th><th>容积率(far)</th></tr></table>
    <p>“蹚(tāng)浑水”中的“蹚”字读音为 tāng。</p>
    ```

    ## 选项

    - `min-hits`（整数，默认 `3`）：同一页面中命中达到此数才报告。
    """

    code = "SL105"
    name = "pinyin-injection"
    default_severity = Severity.WARNING
    Options = Options

    def check(self, page: Page) -> Iterator[Finding]:
        opts: Options = self.options
        text = page.text
        raw = sum(1 for m in _RAW.finditer(text) if m.start() and "\u4e00" <= text[m.start() - 1] <= "\u9fff")
        if raw < opts.min_hits:
            return
        hits: list[tuple[str, object]] = []
        for node in _TEXT(page.root):
            if "(" not in node:
                continue
            for m in _HIT.finditer(node):
                py = m.group("py")
                if _TONED.search(py) or (m.group("next") and _SYLLABLE.match(py)):
                    hits.append((m.group(0)[:len(py) + 3], node.getparent()))
        if len(hits) >= opts.min_hits:
            examples = "、".join(dict.fromkeys(f"`{h}`" for h, _el in hits[:5]))
            yield self.finding(hits[0][1], f"页面中有 {len(hits)} 处汉字后被插入拼音，如 {examples}")
