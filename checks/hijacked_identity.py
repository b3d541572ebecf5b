"""SL104 hijacked-identity."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sitelint import standards
from sitelint.archive import front_matter_line
from sitelint.check import PageCheck
from sitelint.findings import Finding
from sitelint.page import Page
from sitelint.textnorm import FAMILY_LABELS, is_brand, keyword_matcher, normalize

# A topic word ("百家乐", "时时彩") alone may be news about a police case; with these it is an advert.
_CUES = re.compile(r"官网|官方|网址|app|下载|注册|平台|开户|娱乐|手机版|入口")


@dataclass(frozen=True)
class Options:
    #: 另外视为违规的词语
    extra_words: tuple[str, ...] = ()
    #: 不视为违规的词语（从词表中去掉）
    allow_words: tuple[str, ...] = ()
    #: 本站的政府网站标识码（如 "4401000004"）；配置后，SiteIDCode 与之不同的页面即报告
    site_id_code: str = ""
    #: 同一构建中合法出现的其他标识码（如集约化平台上的部门子站）
    allowed_codes: tuple[str, ...] = ()


class HijackedIdentity(PageCheck):
    """页面的身份信息被篡改或冒用：标题、站点名称、发布机构含赌博色情词语，或使用了其他网站的标识码。

    ## 检查内容

    读取页面的身份信息：`<title>`（Markdown 为 front matter `title`）、各个 `<h1>`、
    `<meta name="ArticleTitle">`、`<meta name="SiteName">`、信息栏或信息公开表中的“发布机构”（及
    “发文机关”“发文机构”），在其中查找 `sitelint/data/spam_keywords.txt` 中的词语（先解码
    `&#28595;` 等实体和转义、全角转半角、去零宽字符，所以用实体编码藏起来的“澳门银河”也能发现；
    编码本身不算问题）：

    - 品牌名（beat365、365bet、pg电子、麻将胡了、澳门金沙、明升ms88……）出现即报告；
    - 话题词（百家乐、时时彩、老虎机……）只有同一处还出现“官网、网址、app、下载、注册、平台、娱乐、
      开户、手机版、入口”等推广用语时才报告（“我市破获一起百家乐赌博案”是新闻）；
    - 前面有“严禁、打击、取缔”等禁止性用语的不算。

    每个被篡改的位置报告一次，消息给出命中的词语。

    配置了本站标识码 `site-id-code` 时，页面 `<meta name="SiteIDCode">` 与之不同（也不在
    `allowed-codes` 中）也报告：“页面使用了其他网站的标识码”。未配置时不做这项比较。

    ## 原因与依据

    2019 年《政府网站与政务新媒体检查指标》单项否决项“发布或链接反动、暴力、色情等内容”
    “内容被篡改”（confirmed）。真实样本：山西某民政局制度页面的标题与发布机构被改为
    “beat365官方app下载手机版_世界杯365网站打不开_365bet官网网址是多少民政局”，六安市信访局页面标题被
    追加“-pg电子麻将胡了”（confirmed，REGULATIONS §13）。

    政府网站标识码是网站的身份，须“将网站标识代码加入网站页面”（confirmed，REGULATIONS §8）。仿冒页面
    会照搬真网站的 SiteIDCode、主办单位和 ICP 备案号（语料中的广东人社厅仿冒登录页即如此），所以标识码
    不能证明页面真实；反过来，自己的构建中出现别的网站的标识码，说明页面是整页照搬来的，或混入了仿冒
    页面。这项比较为推断（unconfirmed），配置后才生效。

    ## 错误示例

    ```html
    <title>六安市信访局政府网站管理暂行办法-pg电子麻将胡了</title>  <!-- expect: hijacked-identity -->
    <meta name="SiteName" content="六安市信访局">
    <h1>六安市信访局政府网站管理暂行办法</h1>
    ```

    ## 正确示例

    ```html
    <title>我市破获一起利用百家乐实施网络赌博案 _ 某某市公安局</title>
    <meta name="SiteName" content="某某市公安局">
    <h1>严禁参与网络赌博 远离时时彩、百家乐</h1>
    <p>我市重庆万州开通直飞澳门航线；福彩、体彩销售网点开奖信息每日公布。</p>
    ```

    ## 选项

    - `extra-words`（字符串列表，默认空）：另外视为违规的词语（出现即报告）。
    - `allow-words`（字符串列表，默认空）：从词表中去掉的词语。
    - `site-id-code`（字符串，默认空）：本站的政府网站标识码，如 `"4401000004"`、`"bm07000001"`。
    - `allowed-codes`（字符串列表，默认空）：同一构建中合法出现的其他标识码（集约化平台上的部门子站等）。
    """

    code = "SL104"
    name = "hijacked-identity"
    Options = Options

    def check(self, page: Page) -> Iterator[Finding]:
        opts: Options = self.options
        matcher = keyword_matcher("spam_keywords", tuple(opts.extra_words), tuple(opts.allow_words))
        for where, anchor, raw in self._places(page):
            text = normalize(raw)
            hits = matcher.find(text)
            if not hits:
                continue
            brands = [h for h in hits if is_brand(h.family)]
            if not brands and not _CUES.search(text):
                continue
            shown = "、".join(dict.fromkeys(f"`{h.word}`" for h in (brands or hits)))
            family = FAMILY_LABELS.get((brands or hits)[0].family, "违规")
            yield self.finding(anchor, f"{where}含{family}词语 {shown}：`{raw.strip()[:60]}`")
        own = "".join(opts.site_id_code.split()).lower()
        if own:
            allowed = {own, *("".join(c.split()).lower() for c in opts.allowed_codes)}
            for el in page.shared(standards.meta_elements):
                code = "".join((el.get("content") or "").split())
                if el.get("name") == "SiteIDCode" and code and code.lower() not in allowed:
                    allowed.add(code.lower())  # a repeated tag is reported once
                    message = f"页面使用了其他网站的标识码 `{code}`（本站为 `{opts.site_id_code.strip()}`）"
                    yield self.finding(el, message)

    @staticmethod
    def _places(page: Page) -> Iterator[tuple[str, Any, str]]:
        """(what it is, anchor, raw text) for each piece of the page's identity."""
        # The three tags from the page's one walk of them (in document order, each kept in its own list).
        title: Any = None
        metas: list[Any] = []
        headings: list[Any] = []
        for el in standards.elements(page, "title", "meta", "h1"):
            tag = el.tag
            if tag == "meta":
                metas.append(el)
            elif tag == "h1":
                headings.append(el)
            elif title is None:
                title = el
        if page.is_markdown:
            if page.title:
                yield "页面标题", front_matter_line(page.lines, "title") or 1, page.title
        elif title is not None:
            yield "页面标题", title, page.text_of(title)
        for el in metas:
            name = el.get("name")
            if name in ("ArticleTitle", "SiteName") and el.get("content"):
                where = "文章标题（ArticleTitle）" if name == "ArticleTitle" else "站点名称（SiteName）"
                yield where, el, el.get("content")
        for el in headings:
            yield "页面大标题", el, page.text_of(el)
        for label in ("发布机构", "发文机关", "发文机构"):
            fld = page.fields.get(label)
            if fld is not None and fld.value:
                yield label, fld.line, fld.value
