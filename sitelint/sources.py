"""Organisations and sources: whose site this is, who a source names, where a page says it comes from.

* organisation names: :func:`normalize_name`, :func:`is_government_body`, :func:`locality`,
  :func:`same_organisation`;
* the site's own **publishers** (主办单位 in the footer, else ``SiteName``), from the 主办/版权所有
  lines :func:`publisher_names` finds while :mod:`sitelint.regions` walks the page;
* **sources** (来源): central and provincial party media, :func:`is_own_source`, :func:`is_local_media`,
  the source a reader sees (:func:`shown_source`) and a repost statement (:func:`repost_statement`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from lxml import etree

from sitelint.fields import SOURCE_LABELS, TRAD, Field

if TYPE_CHECKING:
    from sitelint.page import Page

# --- organisation names ----------------------------------------------------------------------------

_NAME_NOISE = re.compile(r"[\s\u00a0\u3000\"'“”‘’《》〈〉「」『』]+")
_GOV_SUFFIX = re.compile(
    r"(?:人民政府|政府|委员会|办公室|办公厅|人大常委会|政协|法院|检察院|局|厅|部|委|署|院|中心|办|处|站|所|队|"
    r"管理局|监督局|政府网|政务网|政务网站|政府网站|门户网站|人民政府网|政务服务网)$"
)
_GOV_NOT = re.compile(r"(?:公司|集团|有限|股份|商店|门诊部|俱乐部|培训中心|公众号|报社|杂志社|电视台|出版社)")
_LOCALITY = re.compile(
    r"^(?:中国)?(?P<loc>[\u4e00-\u9fff]{2,12}?(?:特别行政区|自治区|自治州|自治县|省|市|区|县|州|盟|旗))"
)
_GOV_HOST = re.compile(r"(?:^|[^\w-])[\w.-]*\.gov\.cn\b", re.IGNORECASE)


def normalize_name(name: str) -> str:
    """An organisation or source name for comparison: no spaces, no quotes or brackets."""
    return _NAME_NOISE.sub("", name.translate(TRAD))


def is_government_body(name: str) -> bool:
    """A 国家机关/事业单位 or government website by its name (…人民政府, …局, …办公厅, …政务网, *.gov.cn)."""
    n = normalize_name(name)
    if _GOV_HOST.search(n) or n in ("中国政府网", "中央人民政府"):
        return True
    return bool(_GOV_SUFFIX.search(n)) and not _GOV_NOT.search(n)


def locality(name: str) -> str | None:
    """The place an organisation name starts with: "万载县统计局" -> "万载县", "广州市人民政府" -> "广州市"."""
    m = _LOCALITY.match(normalize_name(name))
    return m.group("loc") if m else None


def same_organisation(a: str, b: str) -> bool:
    """Whether two names plausibly name the same organisation (one contains the other, spaces ignored)."""
    na, nb = normalize_name(a), normalize_name(b)
    if not na or not nb:
        return False
    return na == nb or (min(len(na), len(nb)) >= 2 and (na in nb or nb in na))


# --- the site's publishers ---------------------------------------------------------------------------

_SPONSOR = r"主\s*办(?:\s*单\s*位)?\s*[:：]\s*(?P<name>[^\s|｜,，;；:：<]{2,40})"
_PUBLISHER_RE = re.compile(
    _SPONSOR + r"|(?P<owner>[\u4e00-\u9fff（）()]{4,40}?)\s*(?:©|&copy;|\(c\)|\(C\))?\s*版权所有"
    r"|版权所有\s*[:：©]?\s*(?:©|&copy;)?\s*(?P<owner2>[\u4e00-\u9fff（）()]{4,40})"
)
_SITE_SUFFIX = re.compile(r"(?:门户)?(?:网站|网)$")
_GOV_END = re.compile(r"政府$")
# Without 版权所有 in the text only the 主办 alternative can match; alone it is much faster on long paragraphs.
_SPONSOR_RE = re.compile(_SPONSOR)


def publisher_names(stripped: str) -> list[str]:
    """The names in the 主办单位 and 版权所有 lines of one (stripped) text node."""
    if "版权所有" in stripped:
        return [m.group("name") or m.group("owner") or m.group("owner2") for m in _PUBLISHER_RE.finditer(stripped)]
    if "主" in stripped and "办" in stripped:
        return [m.group("name") for m in _SPONSOR_RE.finditer(stripped)]
    return []


def publishers(page: Page, hits: Iterable[tuple[Any, str]], in_content: Callable[[Any], bool]) -> tuple[str, ...]:
    """主办单位 written outside the content (the footer), then ``SiteName`` and the organisation it names."""
    names: list[str] = []
    for owner, name in hits:
        if not in_content(owner) and name not in names:
            names.append(name)
    site_name = page.meta.get("SiteName", "").strip()
    if site_name:
        for candidate in _site_names(site_name):
            if candidate and candidate not in names:
                names.append(candidate)
    return tuple(names)


@lru_cache(maxsize=256)
def _site_names(site_name: str) -> tuple[str, str]:
    """``SiteName`` and the organisation it names ("某市人民政府门户网站" -> "某市人民政府"); the same on
    every page of a site."""
    org = _SITE_SUFFIX.sub("", site_name)
    if "人民政府" not in org:
        org = _GOV_END.sub("", org) or org
    return site_name, org


# --- sources (来源) ------------------------------------------------------------------------------------

#: Central media and sites (the default authoritative sources of reposts), matched as substrings.
CENTRAL_MEDIA: tuple[str, ...] = (
    "新华社", "新华网", "人民日报", "人民网", "求是", "央视", "中央电视台", "中央广播电视总台", "央广", "国际在线",
    "光明日报", "光明网", "经济日报", "中国日报", "中国新闻网", "中新社", "中国网", "中国政府网", "学习强国",
    "people.com.cn", "xinhuanet.com", "news.cn", "cctv.com", "gmw.cn", "qstheory.cn", "gov.cn",
)
#: Provincial party papers (REGULATIONS §3: "plus provincial party media").
PROVINCIAL_PARTY_MEDIA: tuple[str, ...] = (
    "北京日报", "天津日报", "河北日报", "山西日报", "内蒙古日报", "辽宁日报", "吉林日报", "黑龙江日报", "解放日报",
    "新华日报", "浙江日报", "安徽日报", "福建日报", "江西日报", "大众日报", "河南日报", "湖北日报", "湖南日报",
    "南方日报", "广西日报", "海南日报", "重庆日报", "四川日报", "贵州日报", "云南日报", "西藏日报", "陕西日报",
    "甘肃日报", "青海日报", "宁夏日报", "新疆日报", "兵团日报",
)
_OWN_WORDS = frozenset(("本站", "本网", "本网站", "本站原创", "原创", "平台发布"))
# "市政府办公室", "区统计局", "我局", "本单位": the site's own government, named without its place
_OWN_RELATIVE = re.compile(
    r"^(?:本|我)(?:局|委|办|厅|部|院|中心|单位|站|网|省|市|区|县|镇|乡)|^(?:省|市|区|县|州|旗|盟|镇|乡|街道)"
)
_PLACE_SUFFIX = re.compile(r"(?:特别行政区|自治区|自治州|自治县|省|市|区|县|州|盟|旗)$")
_LOCAL_MEDIA = re.compile(r"(?:日报|晚报|报社|广播电视台|电视台|融媒体中心|新闻网|新闻中心)|发布$")
_REPOST_RE = re.compile(
    r"原标题\s*[:：《“]|(?:转载|转发)(?:自|于)\s*\S|(?:^|[（(【\s])转自\s*\S|(?:本文|文章|此文|该文|稿件|内容|信息)来源于"
)
_REPOST_NOT = re.compile(r"不得|禁止|严禁|谢绝|请勿|未经|如需|请注明")
_REPOST_XPATH = etree.XPath(
    ".//text()[contains(., '原标题') or contains(., '转载') or contains(., '转自') or contains(., '来源于')]"
)
_REPOST_WORDS = ("原标题", "转载", "转自", "来源于")


def is_own_source(name: str, publishers: Sequence[str]) -> bool:
    """Whether a source names the site itself: 本站/本网, one of ``publishers``, or a government body of the
    same place ("万载县统计局" on 万载县人民政府's site)."""
    n = normalize_name(name)
    if n in _OWN_WORDS or any(same_organisation(n, p) for p in publishers):
        return True
    if _OWN_RELATIVE.match(n) and (is_government_body(n) or n.startswith(("本", "我"))):
        return True
    place = locality(n)
    return bool(place) and is_government_body(n) and any(locality(p) == place for p in publishers)


def is_local_media(name: str, publishers: Sequence[str]) -> bool:
    """The party paper, 融媒体中心 or official account ("广州发布") of the site's own place: 广州日报 on
    广州市人民政府's site."""
    n = normalize_name(name)
    if not _LOCAL_MEDIA.search(n):
        return False
    stems = {_PLACE_SUFFIX.sub("", place) for p in publishers if (place := locality(p))}
    return any(len(stem) >= 2 and n.startswith(stem) for stem in stems)


def shown_source(page: Page) -> Field | None:
    """The source a reader sees: front matter ``source``, the 来源 field of the info bar, or a credit line in
    the body ("（来源：新华社）"). An empty 来源 field is returned when nothing better is shown."""
    for key in ("source", "来源"):
        if key in page.front_matter:
            line = next((i for i, text in enumerate(page.lines, 1) if text.startswith(f"{key}:")), 1)
            return Field(key, str(page.front_matter[key] or "").strip(), None, line)
    found = next((page.content.fields[k] for k in SOURCE_LABELS if k in page.content.fields), None)
    if found is not None and found.value:
        return found
    return next(iter(page.content.credits), found)


_CLAUSE_END = re.compile(r"[）)】。，,；;\n]")


def _clause(text: str, start: int) -> str:
    """The statement quoted in a message: from the match to the end of its clause, at most 24 characters."""
    text = text[start:].lstrip("（(【 ")
    end = _CLAUSE_END.search(text)
    return text[: min(end.start() if end else len(text), 24)].strip()


def repost_statement(page: Page) -> tuple[Any, str] | None:
    """Where the page says it is a repost, as (anchor, what it says): front matter ``repost: true``,
    "文章类型：转载", or "原标题：" / "转载自…" / "转自…" in the content (not "未经授权不得转载")."""
    if page.front_matter.get("repost") is True:
        line = next((i for i, text in enumerate(page.lines, 1) if text.startswith("repost:")), 1)
        return line, "front matter 标明 repost: true"
    kind = page.content.fields.get("文章类型") or page.content.fields.get("稿件类型")
    if kind is not None and kind.value in ("转载", "编译", "摘编"):
        return kind.element, f"{kind.label}为“{kind.value}”"
    content = page.content_text  # each word's first character first: one character is found several times faster
    if not any(word[0] in content and word in content for word in _REPOST_WORDS):
        return None  # none of the words in the content's text: no text node of it holds one
    for root in page.content.roots:
        for text in _REPOST_XPATH(root):
            m = _REPOST_RE.search(str(text))
            if m and not _REPOST_NOT.search(str(text)[: m.end() + 6]):
                el = text.getparent()
                return (el.getparent() if text.is_tail else el), f"页面写明“{_clause(str(text), m.start())}”"
    return None
