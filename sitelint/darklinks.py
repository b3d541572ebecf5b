"""暗链 analysis for SL101 hidden-external-link: where a hidden link goes, how it is hidden, what scripts do.

Hidden is not the same as 暗链 (DESIGN "Visibility is shared knowledge"): dropdown menus, share panels,
dialogs and login items are hidden until a click. :class:`Judge` therefore weighs the *destination* and
the *hiding technique* of a link that :mod:`sitelint.visibility` already found hidden:

* on-site, the site's own registrable domain (config ``domains`` or the ``SiteDomain`` meta), or a
  trusted host (``*.gov.cn``, conac.cn, the ``trusted_hosts`` list, option ``trusted-hosts``): not 暗链,
  unless the link carries a *brand* spam word (compromised government sites link each other's planted
  pages); topic words (校园贷, 网赌) are what government warnings are about;
* a spam word in the link (text, title, image alt, host and path; entities and escapes decoded), an
  ad-network host or a free TLD abused by spam sites (``ad_hosts``): error;
* an unknown host hidden by an attacker technique (off-screen offsets, tiny font, zero size, colour
  equal to the background, tiny ``<marquee>``, clipping, a zero-size ``<iframe>``) outside any
  interactive widget: error; inside a widget (menu, dropdown, share panel, dialog …): warning;
  ``font-size:0`` two or more levels up is the inline-block gap fix of a list, not a technique;
* an unknown host hidden the way UI hides things (``display:none``, ``visibility:hidden``, the
  ``hidden`` attribute, ``opacity:0``, ``text-indent``, ``<noscript>``, ``<template>``): warning;
* a well-known platform (share services, official accounts, search engines, maps, app stores, video
  players; option ``benign-hosts``) hidden the UI way, or inside a widget: ordinary UI, not reported
  (info on request) — widget class names vary too much to require one; hidden by a technique outside a
  widget: warning.

Scripts are read without running them (:func:`decode_script`): string literals are decoded (JS escapes),
then ``"a" + "b"``, ``unescape(…)``/``decodeURIComponent(…)``/``atob(…)``, ``String.fromCharCode(…)``,
``['a','b'].join('')`` and ``"…".split("").reverse().join("")`` are folded into literals. The HTML those
literals write is parsed and judged like the page's own links; ``location``/``location.href``
assignments and ``location.replace``/``assign`` calls are redirects, and a redirect guarded by a test
of ``document.referrer`` or of a crawler ``userAgent`` is search-engine cloaking.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Generic, TypeVar
from urllib.parse import unquote, urlsplit

import lxml.etree
import lxml.html

from sitelint.findings import Severity
from sitelint.lazy import lazy
from sitelint.links import Link, decode_path, extract_links, host_forms
from sitelint.standards import script_elements
from sitelint.textnorm import (
    FAMILY_LABELS,
    HostList,
    KeywordMatcher,
    is_brand,
    keyword_matcher,
    link_texts,
    load_hostlist,
)
from sitelint.visibility import Visibility

if TYPE_CHECKING:
    from sitelint.page import Page

__all__ = [
    "BENIGN_HOSTS",
    "TRUSTED_HOSTS",
    "Judge",
    "Verdict",
    "decode_script",
    "lists",
    "site_key",
]

#: Trusted whatever the data file says (REGULATIONS §1 legitimate exceptions).
TRUSTED_HOSTS = ("gov.cn", "conac.cn", "bszs.conac.cn", "dcs.conac.cn", "beian.miit.gov.cn", "beian.gov.cn")

#: Well-known platforms whose links sit in share panels, "更多" dropdowns and QR-code popups.
BENIGN_HOSTS = (
    # share services
    "service.weibo.com", "connect.qq.com", "sns.qzone.qq.com", "share.v.t.qq.com", "widget.renren.com",
    "share.renren.com", "share.baidu.com", "bshare.cn", "jiathis.com", "www.douban.com", "www.facebook.com",
    "twitter.com", "x.com", "www.linkedin.com",
    # official accounts on platforms
    "weibo.com", "weibo.cn", "mp.weixin.qq.com", "www.douyin.com", "www.toutiao.com", "www.kuaishou.com",
    "www.bilibili.com", "space.bilibili.com", "www.ixigua.com",
    # video players embedded in tabs and carousels
    "v.qq.com", "player.youku.com", "player.bilibili.com",
    # search engines and maps
    "www.baidu.com", "m.baidu.com", "map.baidu.com", "api.map.baidu.com", "www.so.com", "www.sogou.com",
    "cn.bing.com", "www.bing.com", "www.google.com", "www.amap.com", "uri.amap.com", "map.qq.com",
    # app stores
    "apps.apple.com", "itunes.apple.com", "sj.qq.com", "a.app.qq.com", "app.mi.com", "appgallery.huawei.com",
    "appstore.huawei.com", "play.google.com",
)


@lru_cache(maxsize=16)
def lists(trusted: tuple[str, ...] = (), benign: tuple[str, ...] = ()) -> tuple[
        KeywordMatcher, HostList, HostList, HostList]:
    """(spam words, ad and abused hosts, trusted hosts, benign platforms) with a check's extra hosts, built once."""
    return (keyword_matcher("spam_keywords"), load_hostlist("ad_hosts"),
            load_hostlist("trusted_hosts", TRUSTED_HOSTS + trusted), HostList({"benign": BENIGN_HOSTS + benign}))


_SECOND_LEVEL = frozenset("com net org gov edu ac mil co or ne go".split())
_IP = re.compile(r"^[\d.]+$|^\[?[0-9a-f:]+\]?$")


@lru_cache(maxsize=4096)
def site_key(host: str) -> str:
    """The registrable part of a host: ``www.gz.gov.cn`` → ``gz.gov.cn``, ``m.example.com`` → ``example.com``
    (cached: a site links to few hosts)."""
    host = host.lower().strip(".")
    if _IP.match(host):
        return host
    labels = host.split(".")
    if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


# --- how a link is hidden, and where ------------------------------------------------------------

# Reasons written by sitelint.visibility that UI also uses to hide things until a click.
_UI_HIDING = ("display:none", "visibility:hidden", "visibility:collapse", "hidden 属性", "opacity", "文字缩进",
              'type="hidden"', "位于 <")
_WIDGET_WORDS = re.compile(
    r"nav|menu|drop|share|dialog|modal|popup|pop-|layer|tips|tooltip|slide|select|more|login|toolbar|qrcode|ewm"
    r"|erweima|mobile|wap|accordion|collapse|hover|toggle|yqlj|friend|fxk|fenxiang", re.IGNORECASE)
# short pinyin abbreviations are matched as whole class/id tokens: xl 下拉, zk 展开, fx 分享, dh 导航, cd 菜单 …
_WIDGET_TOKENS = frozenset("xl xlk zk sq fx dh cd ejdh ejcd erji sub subnav tab tabs".split())
_TOKEN_SPLIT = re.compile(r"[^A-Za-z]+|(?<=[a-z])(?=[A-Z])")
_WIDGET_TAGS = frozenset({"nav", "menu", "select", "dialog", "details", "option"})
_WIDGET_ROLES = frozenset({"menu", "menubar", "navigation", "dialog", "alertdialog", "listbox", "tooltip", "tabpanel"})


def is_trick(reason: str) -> bool:
    """Hidden by a technique UI has no use for (off-screen, tiny font, zero size, same colour, marquee)."""
    low = reason.lower()
    return not any(marker in low for marker in _UI_HIDING)


def hider_depth(reason_of: Callable[[Any], str | None], el: Any, limit: int = 8) -> int:
    """How many levels above ``el`` the element that hides it is (0: ``el`` itself)."""
    depth, node = 0, el
    while node is not None and depth < limit and (reason_of(node) or "").startswith("祖先"):
        node, depth = node.getparent(), depth + 1
    return depth


def widget(el: Any, depth: int = 10) -> str | None:
    """The interactive widget (menu, dropdown, share panel, dialog …) ``el`` sits in, described, or None."""
    node = el.getparent()
    while node is not None and depth > 0 and node.tag not in ("body", "html"):
        if node.tag in _WIDGET_TAGS:
            return f"<{node.tag}>"
        if (node.get("role") or "").lower() in _WIDGET_ROLES:
            return f'<{node.tag} role="{node.get("role")}">'
        if node.get("aria-expanded") is not None or node.get("aria-haspopup") is not None:
            return f"<{node.tag}> 弹出区"
        for attr in ("id", "class"):
            value = node.get(attr)
            if value and (_WIDGET_WORDS.search(value)
                          or any(t.lower() in _WIDGET_TOKENS for t in _TOKEN_SPLIT.split(value))):
                return f'<{node.tag} {attr}="{value.strip()}">'
        node = node.getparent()
        depth -= 1
    return None


def in_noscript(el: Any) -> bool:
    return any(a.tag == "noscript" for a in el.iterancestors())


# --- the judgement --------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Verdict:
    severity: Severity
    message: str


def _short(value: str, limit: int = 120) -> str:
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1] + "…"


class Judge:
    """Weighs the destination of one page's external links (lists built once per options, see the check)."""

    def __init__(self, page: Page, matcher: KeywordMatcher, ad_hosts: HostList, trusted: HostList,
                 benign: HostList, report_benign: bool) -> None:
        self.page = page
        self.matcher, self.ad_hosts, self.trusted, self.benign = matcher, ad_hosts, trusted, benign
        self.report_benign = report_benign

    @lazy
    def own(self) -> frozenset[str]:
        """Registrable domains of the site itself: config ``domains`` and the ``SiteDomain`` meta."""
        hosts = list(self.page.config.domains)
        declared = self.page.meta.get("SiteDomain", "").strip()
        if declared:
            hosts.append(urlsplit(declared if "//" in declared else f"//{declared}").hostname or "")
        return frozenset(site_key(f) for h in hosts if h for f in host_forms(h))

    # destination -------------------------------------------------------------------------------
    def foreign(self, link: Link) -> bool:
        """An off-site http(s) link to a host that is neither the site's own nor trusted."""
        return bool(link.external and link.host and self.trusted.match(link.host) is None
                    and site_key(link.host) not in self.own)

    def spam(self, link: Link) -> str | None:
        """Why the destination is spam: a listed word, an ad network, an abused TLD; None if nothing says so.

        On the site's own and trusted hosts only brand names count: 政府网站 warn about 校园贷 and 网赌.
        """
        brands_only = not self.foreign(link)
        for where, text in link_texts(link):
            for hit in self.matcher.search(text):
                if not brands_only or is_brand(hit.family):
                    return f"{where}含{FAMILY_LABELS.get(hit.family, '违规')}词语 `{hit.word}`"
        return self.spam_host(link.host)

    def spam_host(self, host: str) -> str | None:
        listed = self.ad_hosts.match(host) if host else None
        if listed is None:
            return None
        if listed[1] == "suspicious-tld":
            return f"顶级域名 `.{listed[0]}` 常被赌博、色情网站滥用"
        return f"主机 `{listed[0]}` 是广告联盟或推广跟踪地址"

    def spam_url(self, url: str, host: str) -> str | None:
        """:meth:`spam` for a bare URL (a redirect target): its host and decoded path."""
        brands_only = self.trusted.match(host) is not None
        location = decode_path(url.partition("://")[2].partition("#")[0].partition("?")[0] or url)
        for hit in self.matcher.search(location):
            if not brands_only or is_brand(hit.family):
                return f"地址含{FAMILY_LABELS.get(hit.family, '违规')}词语 `{hit.word}`"
        return self.spam_host(host)

    # hidden links ------------------------------------------------------------------------------
    def hidden(self, link: Link, reason: str, prefix: str = "",
               reason_of: Callable[[Any], str | None] | None = None) -> Verdict | None:
        """The verdict on a foreign link that is hidden for ``reason`` (``reason_of``: the visibility used)."""
        raw, host = _short(link.raw), link.host
        what = f"{prefix}隐藏外部链接 `{raw}`" if prefix else f"隐藏的外部链接 `{raw}`"
        why = self.spam(link)
        if why:
            return Verdict(Severity.ERROR, f"{what} 指向 {host}，{why}；隐藏方式：{reason}")
        if link.tag == "a" and "文字缩进" in reason and not reason.startswith(("祖先", "位于")):
            return None  # text-indent on the link itself: a logo whose text gives way to a background image
        trick, box = is_trick(reason), widget(link.element)
        if trick and "字号过小" in reason and hider_depth(reason_of or self.page.hidden_reason, link.element) > 1:
            trick = False  # font-size:0 on a list is the inline-block gap fix; items get their size from CSS
        place = f"，位于 {box} 中" if box and box not in reason else ""
        if self.benign.match(host) is not None:
            if trick and not box:
                return Verdict(Severity.WARNING, f"{what} 指向 {host}，用暗链常见手法隐藏：{reason}")
            if self.report_benign:
                return Verdict(Severity.INFO, f"{what} 指向常见平台 {host}（{reason}{place}），可能是分享或下拉菜单")
            return None
        if trick and not box:
            return Verdict(Severity.ERROR, f"{what} 指向未知外部网站 {host}，用暗链常见手法隐藏：{reason}")
        return Verdict(Severity.WARNING, f"{what} 指向未知外部网站 {host}（{reason}{place}），请确认不是暗链")

    def refresh(self, link: Link, prefix: str = "") -> Verdict | None:
        """A ``<meta http-equiv="refresh">`` to a foreign host."""
        what = f'{prefix}<meta http-equiv="refresh"> 把页面自动跳转到外部网站 `{_short(link.raw)}`'
        why = self.spam_url(link.url, link.host)
        if why:
            return Verdict(Severity.ERROR, f"{what}，{why}")
        if in_noscript(link.element):
            return Verdict(Severity.ERROR, f"{what}，写在 <noscript> 内，只对不执行脚本的访问者（搜索引擎爬虫）跳转")
        return Verdict(Severity.WARNING, f"{what}（{link.host}），请确认")

    # scripts -----------------------------------------------------------------------------------
    def scripts(self) -> Iterator[tuple[int, Verdict]]:
        """(line, verdict) for redirects and links that the page's inline scripts produce.

        Nothing is decoded unless some inline script uses a sink (``location``, ``document.write``,
        ``innerHTML``, ``unescape``, ``fromCharCode`` …); then every inline script that builds markup is
        read too, because the string is often defined in one script and written by another.
        """
        inline = [(s, text) for s in self.page.shared(script_elements)
                  if not s.get("src") and (text := s.text) and len(text) <= _MAX_SCRIPT and _is_js(s)]
        if not any(_SINKS.search(text) for _, text in inline):
            return
        styles: list[tuple[str, str]] | None = None
        for script, text in inline:
            if in_noscript(script) or (decoded := _read_script(text)) is None:
                continue
            found = list(self._redirects(decoded, decoded))
            if decoded.markup():
                if styles is None:
                    styles = [("页面 <style> 中的", st.text or "") for st in self.page.root.iter("style")]
                found += self._written(decoded, text, script, styles)
            line = script.sourceline or 1
            for offset, verdict in found:
                yield line + text.count("\n", 0, offset), verdict

    def _redirects(self, decoded: Decoded, outer: Decoded, depth: int = 0) -> Iterator[tuple[int, Verdict]]:
        for offset, url in decoded.redirects():
            if not _ABSOLUTE.match(url):
                continue  # a relative target stays on this site
            _, scheme, host, internal, _, _ = self.page.resolver.resolve(url)
            if internal or scheme not in ("http", "https") or not host or site_key(host) in self.own:
                continue
            what = f"脚本把访客跳转到外部网站 `{_short(url)}`"
            why = self.spam_url(url, host)
            if why:
                yield offset, Verdict(Severity.ERROR, f"{what}，{why}")
            elif self.trusted.match(host) or self.benign.match(host):
                continue
            elif cloaking := decoded.cloaking or outer.cloaking:
                yield offset, Verdict(Severity.ERROR, f"{what}（{host}），以{cloaking}为条件（搜索引擎劫持）")
            elif decoded.by_agent or outer.by_agent:
                yield offset, Verdict(Severity.WARNING, f"{what}（{host}），按浏览器类型（navigator.userAgent）跳转，"
                                                        "请确认是本站的手机版")
        if depth < 1:  # code inside strings: setTimeout("location.href='…'"), eval(unescape("…"))
            for offset, value in decoded.literals():
                if "location" in value:
                    inner = decode_script(value)
                    for _, verdict in self._redirects(inner, outer, depth + 1):
                        yield offset, verdict

    def _written(self, decoded: Decoded, text: str, script: Any,
                 styles: Sequence[tuple[str, str]]) -> list[tuple[int, Verdict]]:
        markup = decoded.markup()
        try:
            root = lxml.html.document_fromstring("".join(value for _, value in markup))
        except (lxml.etree.ParserError, ValueError):
            return []
        frame = Visibility(root, styles)
        found = []
        for link in extract_links(root, self.page.resolver):
            if link.external and (self.foreign(link) or self.spam(link)):
                verdict = self._judge_written(link, frame, script if _WRITE.search(decoded.code) else None)
                if verdict is not None:
                    start = next((off for off, value in markup if link.raw in value), markup[0][0])
                    offset = max(start, text.find(link.raw, start))  # the URL as written, when it is not encoded
                    found.append((offset, verdict))
        return found

    def _judge_written(self, link: Link, frame: Visibility, writer: Any) -> Verdict | None:
        """A link in markup a script writes; ``writer`` is the ``<script>`` when it uses ``document.write``."""
        if link.tag == "meta":
            return self.refresh(link, "脚本写入的 ")
        why = self.spam(link)
        if link.tag not in ("a", "area", "iframe", "frame"):
            return Verdict(Severity.ERROR, f"脚本写入的外部资源 `{_short(link.raw)}`，{why}") if why else None
        reason = frame.hidden_reason(link.element) or self._written_into(writer)
        if reason is not None:
            return self.hidden(link, reason, "脚本写入的", frame.hidden_reason)
        if why is None:
            return None
        return Verdict(Severity.ERROR, f"脚本写入的外部链接 `{_short(link.raw)}` 指向 {link.host}，{why}")

    def _written_into(self, writer: Any) -> str | None:
        """Why what ``document.write`` puts where the script stands is hidden, or None."""
        parent = writer.getparent() if writer is not None else None
        if parent is None or parent.tag in ("head", "html", "body"):
            return None
        reason = self.page.hidden_reason(parent)
        return f"写入位置 <{parent.tag}> {reason}" if reason else None


# --- reading scripts without running them -----------------------------------------------------------

_SINKS = re.compile(r"location|document\s*\.\s*write|innerHTML|unescape|fromCharCode|atob|insertAdjacentHTML")
_JS_TYPES = frozenset({"javascript", "ecmascript", "jscript", "babel", "module", ""})
# A redirect, link markup, or a way of hiding either: only such scripts are decoded. One alternation of
# case-insensitive words cannot skip ahead (it tries every branch at every character), so each branch is
# searched alone, and only when its guard, a piece of it without "i" or "s" (re.IGNORECASE matches "ı" and
# "ſ" to those), is in the lowered text: re.IGNORECASE matches any other letter only to what lowers to it.
_WORTH_DECODING = (
    ("locat", re.compile(r"location(?:\s*\.\s*href)?\s*=(?!=)|location\s*\.\s*(?:replace|assign)\s*\(", re.IGNORECASE)),
    ("<", re.compile(r"<\s*(?:a|area|i?frame|meta|script)\b", re.IGNORECASE)),
    ("%3c", re.compile(r"%3c", re.IGNORECASE)),
    ("\\", re.compile(r"\\u0*3c|\\x3c", re.IGNORECASE)),
    ("fromcharcode", re.compile(r"fromCharCode", re.IGNORECASE)),
    ("atob", re.compile(r"atob", re.IGNORECASE)),
    ("cape", re.compile(r"unescape", re.IGNORECASE)),
    ("eval", re.compile(r"eval\s*\(", re.IGNORECASE)),
    (".join", re.compile(r"\.join\s*\(", re.IGNORECASE)),
)
_MAX_SCRIPT = 200_000  # injected scripts are small; minified libraries pasted inline are not worth reading
# Strings end at their line (or, for templates and comments, at the end of the text): never a rescan, so linear.
# A string, or a comment (starts with "/"). Every branch starts with its literal, so a search skips ahead to
# the next quote or slash; the "//" not after "\\" or ":" (a URL) is tested after its first "/" for that.
_TOKENS = re.compile(
    r""""(?:[^"\\\n]|\\[\s\S])*"|'(?:[^'\\\n]|\\[\s\S])*'|`(?:[^`\\]|\\[\s\S])*(?:`|\Z)"""
    r"""|/\*[\s\S]*?(?:\*/|\Z)|/(?<![\\:]/)/[^\n]*"""
)
_JS_ESCAPE = re.compile(r"\\(?:u\{([0-9a-fA-F]{1,6})\}|u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2})|(\r\n|[\s\S]))")
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0", "\n": "", "\r\n": ""}
_L = r"\x00(\d+)\x01"  # a literal placeholder in the folded code
_LN = r"\x00\d+\x01"
_PLACEHOLDER = re.compile(_L)
_NOT_NEWLINE = re.compile(r"[^\n]")
_CONCAT = re.compile(rf"{_L}\s*\+\s*{_L}")
_CALL = re.compile(rf"\b(?:window\s*\.\s*)?(unescape|decodeURIComponent|decodeURI|atob)\s*\(\s*{_L}\s*\)")
_CALLED = re.compile(r"unescape|decodeURI|atob")  # in every match of _CALL; starts at a literal, so it skips ahead
_JOIN = re.compile(rf"\[\s*((?:{_LN}\s*,\s*)*{_LN})\s*,?\s*\]\s*\.\s*join\s*\(\s*(?:{_L})?\s*\)")
_REVERSE = re.compile(rf"{_L}\s*\.\s*split\s*\(\s*{_L}\s*\)\s*\.\s*reverse\s*\(\s*\)\s*\.\s*join\s*\(\s*{_L}\s*\)")
_NUM = r"(?:0[xX][0-9a-fA-F]+|\d+)"
_CHARCODE = re.compile(rf"\bString\s*\.\s*fromCharCode\s*\(\s*({_NUM}(?:\s*,\s*{_NUM})*)\s*\)")
_TARGET = r"(?:\x00(?P<{0}>\d+)\x01|(?P<{1}>[A-Za-z_$][\w$]*)(?![\w$]|\s*[.(\[]))"
_REDIRECT = re.compile(
    r"\blocation(?:\s*\.\s*href)?\s*=(?!=)\s*" + _TARGET.format("l1", "n1")
    + r"|\blocation\s*\.\s*(?:replace|assign)\s*\(\s*" + _TARGET.format("l2", "n2")
)
_NOT_VARIABLES = frozenset({"location", "window", "document", "top", "self", "parent", "this", "undefined", "null"})
_REFERRER = re.compile(r"document\s*\.\s*referrer")
_AGENT = re.compile(r"userAgent", re.IGNORECASE)
_CRAWLER = re.compile(r"spider|bot\b|bot[|/)\"']|crawl|slurp", re.IGNORECASE)
_WRITE = re.compile(r"document\s*\.\s*write")
_ABSOLUTE = re.compile(r"^(?:https?:)?//", re.IGNORECASE)
_MARKUP = re.compile(r"<\s*(?:a|area|iframe|frame|meta|script)\b", re.IGNORECASE)


def _is_js(script: Any) -> bool:
    return (script.get("type") or "javascript").lower().rpartition("/")[2] in _JS_TYPES


def _js_unescape(body: str) -> str:
    def one(m: re.Match[str]) -> str:
        code = m.group(1) or m.group(2) or m.group(3)
        if code:
            return chr(min(int(code, 16), 0x10FFFF))
        return _SIMPLE_ESCAPES.get(m.group(4), m.group(4))

    text = _JS_ESCAPE.sub(one, body) if "\\" in body else body
    try:  # join surrogate pairs written as \ud83d\ude00
        return text.encode("utf-16", "surrogatepass").decode("utf-16")
    except UnicodeError:
        return text.encode("utf-8", "replace").decode("utf-8")


def _unescape(value: str) -> str:
    """JavaScript's unescape(): %XX as Latin-1 code units, %uXXXX; then UTF-8 if the bytes form it."""
    text = re.sub(r"%u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), value)
    try:
        return unquote(text, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        return unquote(text, encoding="latin-1")


def _char_codes(numbers: str) -> str:
    codes = (int(n, 16) if n[:2].lower() == "0x" else int(n) for n in re.split(r"\s*,\s*", numbers))
    return "".join(chr(c) for c in codes if c <= 0x10FFFF)


def _atob(value: str) -> str | None:
    try:
        raw = base64.b64decode(value.strip() + "=" * (-len(value.strip()) % 4), validate=True)
    except (binascii.Error, ValueError):
        return None
    return raw.decode("utf-8", "replace")


@dataclass(slots=True)
class Decoded:
    """A script with its string literals decoded and folded (``code`` holds ``\\x00N\\x01`` placeholders).

    Outside the placeholders ``code`` is the script text as written (comments blanked out, same length),
    so a position in ``code`` maps back to the script through the nearest placeholder before it.
    """

    code: str
    values: list[str]
    spans: list[tuple[int, int]]  # where each literal (or the expression folded into it) is in the script

    def source(self, pos: int) -> int:
        """The script offset of position ``pos`` of ``code``."""
        folded_end, source_end = 0, 0
        for m in _PLACEHOLDER.finditer(self.code, 0, pos):
            folded_end, source_end = m.end(), self.spans[int(m.group(1))][1]
        return source_end + pos - folded_end

    def literals(self) -> Iterator[tuple[int, str]]:
        """(offset, value) of the literals left after folding, in order."""
        for m in _PLACEHOLDER.finditer(self.code):
            n = int(m.group(1))
            yield self.spans[n][0], self.values[n]

    def markup(self) -> list[tuple[int, str]]:
        """The literals that hold link markup, in order (their concatenation is what the script writes)."""
        found = [(off, value) for off, value in self.literals() if "<" in value]
        return found if any(_MARKUP.search(value) for _, value in found) else []

    def redirects(self) -> Iterator[tuple[int, str]]:
        """(offset, target) of ``location`` assignments whose target is a literal or a variable holding one."""
        if "location" not in self.code:  # _REDIRECT starts with \b: it cannot skip ahead
            return
        for m in _REDIRECT.finditer(self.code):
            index = m.group("l1") or m.group("l2")
            name = m.group("n1") or m.group("n2")
            if index is None and name and name not in _NOT_VARIABLES:
                bound = re.search(rf"(?<![\w$.]){re.escape(name)}\s*=(?!=)\s*{_L}", self.code)
                index = bound.group(1) if bound else None
            if index is not None:
                yield self.source(m.start()), self.values[int(index)].strip()

    @property
    def cloaking(self) -> str | None:
        """What the redirect is conditioned on when that is search-engine cloaking."""
        every = self.code + "".join(self.values)
        if _REFERRER.search(every):
            return "来访来源（document.referrer）"
        if _AGENT.search(every) and _CRAWLER.search(every):
            return "搜索引擎爬虫的 User-Agent（navigator.userAgent）"
        return None

    @property
    def by_agent(self) -> bool:
        return bool(_AGENT.search(self.code))


def _worth_decoding(text: str) -> bool:
    """Whether the script redirects, holds link markup or hides either (see _WORTH_DECODING)."""
    low = text.lower()
    return any(guard in low and pattern.search(text) is not None for guard, pattern in _WORTH_DECODING)


_T = TypeVar("_T")


class _ScriptMemo(Generic[_T]):
    """A pure function of a script's text, remembered: template scripts repeat on every page of a site.

    Bounded by the total length of the texts kept (least recently used go first); holds no page state.
    """

    def __init__(self, compute: Callable[[str], _T], budget: int) -> None:
        self._compute, self._budget = compute, budget
        self._store: dict[str, _T] = {}
        self._size = 0

    def __call__(self, text: str) -> _T:
        store = self._store
        try:
            value = store.pop(text)  # put back below: now the most recently used
        except KeyError:
            value = self._compute(text)
            self._size += len(text)
            while self._size > self._budget and store:
                oldest = next(iter(store))
                self._size -= len(oldest)
                del store[oldest]
        store[text] = value
        return value

    def clear(self) -> None:
        self._store.clear()
        self._size = 0


def _decode_if_worth(text: str) -> Decoded | None:
    return decode_script(text) if _worth_decoding(text) else None


#: :func:`decode_script` of a script worth decoding, None for the others; keeps 1 M characters of scripts at most
_read_script = _ScriptMemo(_decode_if_worth, 1_000_000)


def decode_script(text: str) -> Decoded:
    """Fold the literals of one script (see the module docstring); nothing is executed."""
    values: list[str] = []
    spans: list[tuple[int, int]] = []
    parts: list[str] = []
    if "\x00" in text or "\x01" in text:
        text = text.replace("\x00", " ").replace("\x01", " ")

    def literal(value: str, start: int, end: int) -> str:
        values.append(value)
        spans.append((start, end))
        return f"\x00{len(values) - 1}\x01"

    def code(chunk: str, base: int) -> str:
        if "fromCharCode" not in chunk:
            return chunk
        return _CHARCODE.sub(lambda m: literal(_char_codes(m.group(1)), base + m.start(), base + m.end()), chunk)

    last = 0
    for m in _TOKENS.finditer(text):
        parts.append(code(text[last:m.start()], last))
        token = m.group()
        if token[0] != "/":  # a string
            body = token[1:-1] if len(token) > 1 and token[-1] == token[0] else token[1:]
            if token[0] == "`":
                body = re.sub(r"\$\{[^}]*\}", "", body)
            parts.append(literal(_js_unescape(body), m.start(), m.end()))
        else:  # a comment: blanked, keeping its length and line breaks
            parts.append(_NOT_NEWLINE.sub(" ", token))
        last = m.end()
    parts.append(code(text[last:], last))
    folded = "".join(parts)

    def value(index: str | None) -> str:
        return values[int(index)] if index is not None else ""

    def fold(m: re.Match[str]) -> str:
        inner = list(_PLACEHOLDER.finditer(m.group()))
        start = spans[int(inner[0].group(1))][0] - inner[0].start()
        end = spans[int(inner[-1].group(1))][1] + len(m.group()) - inner[-1].end()
        result: str | None
        if m.re is _CONCAT:
            result = value(m.group(1)) + value(m.group(2))
        elif m.re is _CALL:
            result = _atob(value(m.group(2))) if m.group(1) == "atob" else _unescape(value(m.group(2)))
        elif m.re is _JOIN:
            separator = "," if m.group(2) is None else value(m.group(2))
            result = separator.join(values[int(i)] for i in _PLACEHOLDER.findall(m.group(1)))
        else:
            result = value(m.group(1))[::-1] if value(m.group(2)) == value(m.group(3)) == "" else None
        return m.group() if result is None else literal(result, start, end)

    for _ in range(8):  # nested forms fold from the inside out; the bound keeps hostile input linear
        before = folded
        for pattern in (_CONCAT, _CALL, _JOIN, _REVERSE):
            if pattern is not _CALL or _CALLED.search(folded):  # _CALL starts with \b: it cannot skip ahead
                folded = pattern.sub(fold, folded)
        if folded == before:
            break
    return Decoded(folded, values, spans)
