"""SL102 ad-link."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from sitelint import textnorm
from sitelint.check import PageCheck
from sitelint.findings import Finding, Severity
from sitelint.links import Link, link_text
from sitelint.page import Page
from sitelint.textnorm import FAMILY_LABELS, HostList, KeywordMatcher, ad_label, is_brand, link_texts


@dataclass(frozen=True)
class Options:
    #: 追加的违规词语（任何链接上出现都报告）
    extra_keywords: tuple[str, ...] = ()
    #: 从内置词表中去掉的词语
    allow_keywords: tuple[str, ...] = ()
    #: 追加的广告联盟或推广跟踪主机（按后缀匹配）
    extra_ad_hosts: tuple[str, ...] = ()
    #: 信任的主机（按后缀匹配）：指向它们的链接不检查
    allow_hosts: tuple[str, ...] = ()


_WHAT = {"script": "脚本", "iframe": "内嵌框架", "frame": "框架", "embed": "嵌入对象", "object": "嵌入对象",
         "img": "图片", "link": "外部资源", "meta": "自动跳转"}
_LABELLED = frozenset({"a", "area", "iframe", "frame", "embed", "object", "script"})
_Lists = tuple[KeywordMatcher, HostList, HostList, HostList]


@lru_cache(maxsize=16)
def _lists(opts: Options) -> _Lists:
    hosts = textnorm.load_hostlist
    return (textnorm.keyword_matcher("spam_keywords", opts.extra_keywords, opts.allow_keywords),
            hosts("ad_hosts", opts.extra_ad_hosts, "ad-network"), hosts("trusted_hosts"), hosts("", opts.allow_hosts))


@lru_cache(maxsize=16)
def _quiet(opts: Options) -> tuple[set[str], set[tuple[str, str, str, str]]]:
    """Caches of a pure function (navigation, footers and share buttons repeat on every page, so most links are
    one set lookup), bounded: cleared when full. On-site link targets known to hold no keyword; and (raw, url,
    scheme, host) of off-site links that their address alone clears when their texts are not read (a trusted
    or allowed host whose address holds no brand word)."""
    return set(), set()


_QUIET_LIMIT = 65536


class AdLink(PageCheck):
    """页面链接或嵌入了商业广告、广告联盟、推广跟踪地址，或赌博、色情、高利贷类垃圾链接。

    ## 检查内容

    逐个检查页面中的链接与嵌入资源（`<a>`、`<area>`、`<iframe>`、`<script>`、`<embed>`、`<img>` 等）：

    - 指向广告联盟或推广跟踪地址（`googlesyndication.com`、`doubleclick.net`、`pos.baidu.com`、
      `cpro.baidu.com`、`s.click.taobao.com` 等，按主机后缀匹配）——错误；
    - 链接文字、`title`、链接内图片的 `alt`、链接地址（主机与路径）含赌博、色情、高利贷、私服外挂类
      词语——错误。先解码实体与转义、全角转半角、去掉零宽字符再匹配，所以 `&#28595;&#38376;…`、
      `ｂｅｔ３６５`、被零宽字符拆开的词都能发现。品牌词（bet365、开云体育、澳门银河…）指向哪里都算；
      话题词（时时彩、校园贷…）只在链接指向政府、党媒、教育机构以外的外部网站时才算；
    - 标为广告的区域（`class`/`id` 为 `ad`、`ads`、`advert`、`guanggao` 等，或带有“广告”“推广”
      “赞助商”字样的标签）中指向外部商业网站的链接——错误；
    - 指向常被滥用的免费顶级域名（`.tk .ga .ml .cf .gq`）而没有违规词语的链接——警告。

    每个元素最多报告一次。正文中没有链接的违规词语不在此检查。站内专题横幅、政府网站与党媒链接、
    访问统计（`hm.baidu.com`、`cnzz.com`）、分享按钮、党政机关标识不是广告；“不得刊登商业广告”
    “严禁散布淫秽、色情、赌博”“防范校园贷”这类引用禁止性规定的文字不算命中；福彩、体彩、开奖、
    澳门、成人教育、推广应用等正常用语不是违规词语。词表与主机表见 `sitelint/data/` 下的
    `spam_keywords.txt`、`ad_hosts.txt` 与 `trusted_hosts.txt`。

    ## 原因与依据

    通辽市政府网站管理办法第十一条与湖北省相关规定：“不得刊登商业广告或链接商业广告页面”；韶关市
    （韶府办〔2023〕5号）第十八条：“不得发布或链接商业广告等经营性信息”；定海区第十、十一条禁止发布
    或链接“商业广告（广告软文）”；《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）把
    “发布或链接反动、暴力、色情等内容”列为单项否决项，整个网站直接不合格。被植入的博彩链接常用实体
    编码和全角字符躲避人工检查，发布前自动检查最可靠。

    ## 错误示例

    ```html
    <a href="https://www.bet365-vip.com/">体育资讯</a>  <!-- expect: ad-link -->
    <a href="/news/1.html">&#28595;&#38376;&#38134;&#27827;官网</a>  <!-- expect: ad-link -->
    <script src="//pagead2.googlesyndication.com/pagead/js/adsbygoogle.js"></script>  <!-- expect: ad-link -->
    <div class="ad"><a href="https://www.example-loans.com/">低息贷款</a></div>  <!-- expect: ad-link -->
    ```

    ## 正确示例

    ```html
    <p>政府网站不得刊登商业广告或链接商业广告页面。</p>
    <a href="https://www.cwl.gov.cn/">中国福利彩票开奖公告</a>
    <div class="ad"><a href="/zt/2024/index.html"><img src="/images/zt.jpg" alt="专题"></a></div>
    <script src="https://hm.baidu.com/hm.js?1234567890abcdef"></script>
    <a href="/jyzx/cjjy.html">成人教育招生简章</a>
    ```

    ## 选项

    - `extra-keywords`（字符串列表，默认空）：追加的违规词语，出现在任何链接上都报告。
    - `allow-keywords`（字符串列表，默认空）：从内置词表中去掉的词语（如体育频道确需报道“赔率”）。
      “赌博”“色情”“博彩”“广告”这类类别词本来就不是关键词。
    - `extra-ad-hosts`（字符串列表，默认空）：追加的广告联盟或推广跟踪主机，按后缀匹配。
    - `allow-hosts`（字符串列表，默认空）：信任的主机，按后缀匹配，指向它们的链接不做任何检查
      （例如经批准合作的票务网站）。
    """

    code = "SL102"
    name = "ad-link"
    Options = Options

    def check(self, page: Page) -> Iterator[Finding]:
        lists = _lists(self.options)
        matcher = lists[0]
        # One normalisation and scan of all link texts; links are looked at one by one only on a hit.
        texts = matcher.may_match(link_text(page.root))
        quiet, cleared = _quiet(self.options)
        reported: set[int] = set()
        for link in page.links:
            address = None
            if link.internal and not texts:  # the common case, kept cheap: an on-site link whose path has no keyword
                target = link.target or ""
                if target in quiet:
                    continue
                if not matcher.search(target):
                    if len(quiet) >= _QUIET_LIMIT:
                        quiet.clear()
                    quiet.add(target)
                    continue
            elif not texts:
                address = (link.raw, link.url, link.scheme, link.host)
                if address in cleared:
                    continue
            if id(link.element) in reported:
                continue
            found = self._judge(link, lists, texts)
            if found is not None:
                reported.add(id(link.element))
                yield self.finding(link, found[0], severity=found[1])
            elif address is not None and self._by_address(link, lists):
                if len(cleared) >= _QUIET_LIMIT:
                    cleared.clear()
                cleared.add(address)

    @staticmethod
    def _by_address(link: Link, lists: _Lists) -> bool:
        """Whether _judge cleared the link without looking at its element: the host is allowed or trusted
        (only an untrusted host has the ad label around the link read)."""
        _matcher, _ad_hosts, trusted_hosts, allowed = lists
        host = link.host
        return bool(host and allowed and allowed.match(host)) or not link.external or (
            trusted_hosts.match(host) is not None)

    @staticmethod
    def _judge(link: Link, lists: _Lists, texts: bool) -> tuple[str, Severity | None] | None:
        matcher, ad_hosts, trusted_hosts, allowed = lists
        host = link.host
        if host and allowed and allowed.match(host):
            return None
        raw = link.raw if len(link.raw) <= 120 else link.raw[:117] + "…"  # the value quoted in messages
        listed = ad_hosts.match(host) if host and not link.internal else None
        if listed is not None and listed[1] != "suspicious-tld":
            return f"{_WHAT.get(link.tag, '链接')}指向广告联盟或推广跟踪地址 `{listed[0]}`：`{raw}`", None
        # On-site, government, media and analytics links, and mailto:/javascript: UI: brand words only.
        trusted = not link.external or trusted_hosts.match(host) is not None
        for where, text in link_texts(link, texts=texts):
            for hit in matcher.search(text):
                if not trusted or is_brand(hit.family):
                    return f"{where}含{FAMILY_LABELS.get(hit.family, '违规')}词语 `{hit.word}`：`{raw}`", None
        if trusted:
            return None
        if link.tag in _LABELLED and (label := ad_label(link.element)):
            return f"标为广告的区域（`{label}`）中有外部链接：`{raw}`", None
        if listed is not None:
            return f"链接指向常被滥用的顶级域名 `.{listed[0]}`：`{raw}`", Severity.WARNING
        return None
