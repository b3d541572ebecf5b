"""SL201 unattributed-repost: a reposted article without a traceable source (来源)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sitelint.check import PageCheck
from sitelint.content import (
    CENTRAL_MEDIA,
    PROVINCIAL_PARTY_MEDIA,
    is_government_body,
    is_local_media,
    is_own_source,
    normalize_name,
    repost_statement,
    same_organisation,
    shown_source,
)
from sitelint.findings import Finding, Severity
from sitelint.page import Page

VAGUE = ("网络", "网友", "互联网", "网上", "网络整理", "综合网络", "来自网络", "微信", "朋友圈", "微博", "综合",
         "佚名", "未知", "不详", "转载", "本站", "本网", "本网站")
_ISSUERS = ("发布机构", "发文机关", "发文机构", "发布单位", "责任部门", "发文单位")
# "来自网络", "网友投稿", "网络整理" are as vague as "网络"
_AFFIX = re.compile(r"^(?:来自|源自|综合自|转自|摘自)|(?:投稿|整理|转载|摘编|提供|分享|资料|综合)$")


@dataclass(frozen=True)
class Options:
    #: 本站主办单位（及其办公室等）名称；为空时从页脚“主办单位”和 SiteName 读取
    publisher: tuple[str, ...] = ()
    #: 权威来源：来源名称包含其中任一项即可（另加任何政府机关、*.gov.cn 和本地媒体）
    authoritative_sources: tuple[str, ...] = CENTRAL_MEDIA + PROVINCIAL_PARTY_MEDIA
    #: 不可追溯的来源写法
    vague_sources: tuple[str, ...] = VAGUE


@lru_cache(maxsize=16)
def _normalized(names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(normalize_name(v) for v in names)


class UnattributedRepost(PageCheck):
    """转载的文章没有注明可追溯的来源。

    ## 检查内容

    文章页（有标题和发布日期，来自 `ArticleTitle`/`PubDate` 元数据、信息栏的“发布时间”或 front matter；
    栏目首页和列表页不算）如果是转载——正文写了“转载自”“转自”“原标题：”，front matter 写了
    `repost: true`，信息栏写了“文章类型：转载”，或者来源（信息栏“来源”，否则元数据 `ContentSource`）
    是本站主办单位以外的单位——就必须在页面上注明可追溯的来源：

    - 没有“来源/信息来源/稿源”栏，或该栏为空：错误；
    - 来源写成“网络”“网友”“互联网”“微信”“朋友圈”等，或转载却写“本站”：错误；
    - 来源不在权威来源名单中：警告。默认名单为中央媒体、省级党报，本地的党报、融媒体中心和“某某发布”，
      任何政府机关和 *.gov.cn 网站；
    - 页面显示的来源与元数据 `ContentSource` 不一致：警告。

    只看信息栏、信息公开表和正文开头结尾的署名行（如“（来源：新华社）”），不看导航、面包屑和页脚；
    正文中的“资料来源：”不是本页来源。本单位（或同级政府部门）的原创文章写本单位名称或“本站”都不算转载。

    ## 原因与依据

    《通辽市政府网站管理办法》第十一条：“转载信息应保证来源可溯，不得歪曲、篡改标题原意”，并注明来源；
    湖北省要求“转载时必须注明来源”；山西省民政厅制度第九条只允许转载人民日报、新华社、山西日报、
    山西新闻网和各级人民政府网站的信息。页面元数据规范要求详情页的 `ContentSource` 与页面显示的来源一致。

    ## 错误示例

    ```html
    <meta name="ArticleTitle" content="全国秋粮收获过半"><meta name="PubDate" content="2024-10-12 09:30">
    <div id="zoom"><p>原标题：全国秋粮收获过半 进度快于去年同期</p>  <!-- expect: unattributed-repost -->
    <p>记者从农业农村部获悉，截至目前全国秋粮已收获过半，各地抢抓晴好天气组织机收。</p></div>
    ```

    ## 正确示例

    ```html
    <meta name="ArticleTitle" content="全国秋粮收获过半"><meta name="PubDate" content="2024-10-12 09:30">
    <div class="info">发布时间：2024-10-12 来源：新华社</div>
    <div id="zoom"><p>原标题：全国秋粮收获过半 进度快于去年同期</p>
    <p>记者从农业农村部获悉，截至目前全国秋粮已收获过半，各地抢抓晴好天气组织机收。</p></div>
    ```

    ## 选项

    - `publisher`（字符串列表，默认空）：本站主办单位名称，如 `["某某市人民政府", "某某市人民政府办公室"]`；
      为空时读取页脚“主办单位”和 `SiteName`。同一地方的政府部门（如某某市统计局）的稿件视为本站原创。
    - `authoritative-sources`（字符串列表）：权威来源，来源名称包含其中一项即可，默认为中央媒体与省级党报。
    - `vague-sources`（字符串列表）：不可追溯的来源写法，默认 `网络 网友 互联网 微信 朋友圈 本站 …`。
    """

    code = "SL201"
    name = "unattributed-repost"
    Options = Options

    def check(self, page: Page) -> Iterator[Finding]:
        if not (page.meta.get("ArticleTitle") or page.title) or not page.pub_date or page.is_list_page:
            return
        opts: Options = self.options
        own = opts.publisher or page.publishers
        issuers = tuple(f.value for k in _ISSUERS if (f := page.fields.get(k)) is not None and f.value)
        shown = shown_source(page)
        meta = page.meta.get("ContentSource", "").strip()
        claimed = shown.value if shown is not None and shown.value else meta
        signal = repost_statement(page)
        vague = _normalized(opts.vague_sources)
        if signal is None and not self._vague(claimed, vague - {"本站", "本网", "本网站"}):
            # Without a statement, only a source naming someone else makes a repost (and only when we
            # know who the site is: the footer may be written by a script).
            if not claimed or not own + issuers or is_own_source(claimed, own + issuers):
                return
        if signal is not None:
            why = f"（{signal[1]}）"
        elif self._vague(claimed, vague):
            why = ""
        else:
            origin = "来源" if shown is not None and shown.value else "元数据 ContentSource"
            why = f"（{origin} `{claimed}` 不是本站主办单位{f' `{own[0]}`' if own else ''}）"
        if shown is None or not shown.value:
            detail = f"，元数据 ContentSource 为 `{meta}`" if meta and signal is not None else ""
            if shown is not None:
                yield self.finding(self._at(shown), f"转载内容的“{shown.label}”为空{why}{detail}")
            else:
                yield self.finding(self._anchor(page, signal), f"转载内容没有在页面上注明来源{why}{detail}")
            return
        value = normalize_name(shown.value)
        if self._vague(value, vague):
            yield self.finding(self._at(shown), f"转载内容的来源 `{shown.value}` 不可追溯{why}")
            return
        listed = any(normalize_name(a) in value for a in opts.authoritative_sources if a)
        warn = Severity.WARNING
        if not (listed or is_government_body(value) or is_local_media(value, own)):
            yield self.finding(self._at(shown), f"转载来源 `{shown.value}` 不在权威来源名单中", severity=warn)
        if meta and not same_organisation(meta, shown.value):
            message = f"页面显示的来源 `{shown.value}` 与元数据 ContentSource `{meta}` 不一致"
            yield self.finding(self._at(shown), message, severity=warn)

    @staticmethod
    def _vague(name: str, vague: AbstractSet[str]) -> bool:
        value = normalize_name(name)
        return bool(value) and (value in vague or _AFFIX.sub("", value) in vague)

    @staticmethod
    def _at(shown: Any) -> Any:
        return shown.line if shown.element is None else shown.element

    @staticmethod
    def _anchor(page: Page, signal: tuple[Any, str] | None) -> Any:
        """Where to report a missing source: the repost statement, else the article title, else line 1."""
        if signal is not None:
            return signal[0]
        heading = next((h for root in page.content_roots for h in root.iter("h1", "h2")), None)
        return heading if heading is not None else 1
