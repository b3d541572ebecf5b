"""Maps on a page (SL401 nonstandard-map): 审图号 shapes, map words, map hosts, caption context.

A 审图号 (map approval number) is ``GS(2019)1822号`` (national), ``GS京(2022)1061号`` (national,
issued through a province) or ``粤S(2023)066号`` (provincial); ASCII, full-width, 六角 or 方头
brackets and spaces are all seen on real pages. :func:`find_review_numbers` tells well-formed
numbers from near misses (``GS2019-1822``, ``GS(19)1822号``, a missing 号) so that a malformed
one is reported with the expected form rather than as "missing".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import Any
from urllib.parse import urlsplit

from sitelint.tree import text_content

_ZERO_WIDTH = re.compile("[\u200b-\u200d\ufeff]")
_PROV = "京津沪渝冀晋辽吉黑苏浙皖闽赣鲁豫鄂湘粤琼川蜀贵黔云滇陕秦甘陇青蒙桂藏宁新港澳台"
_PREFIX = rf"(?:GS[{_PROV}]?|[{_PROV}]S)"
_OPEN = r"[(（〔【\[［﹝]"
_CLOSE = r"[)）〕】\]］﹞]"
#: a well-formed 审图号
VALID = re.compile(rf"(?<![A-Za-z]){_PREFIX}\s*{_OPEN}\s*(?:19|20)\d{{2}}\s*{_CLOSE}\s*\d+(?:\s*-\s*\d+)*\s*号")
#: something that is meant to be a 审图号: brackets with a wrong year, no brackets, or no 号
_NEAR = re.compile(
    rf"(?<![A-Za-z]){_PREFIX}\s*(?:{_OPEN}\s*\d{{2,4}}\s*{_CLOSE}|(?:19|20)\d{{2}}\s*[-—－/]?)\s*\d+(?:\s*-\s*\d+)*\s*号?"
)
#: the label, and what is written after it
_LABEL = re.compile(r"审\s*图\s*号\s*[:：]?\s*(?P<value>[^\s，。；;,、]{0,24}(?:\s+[^\s，。；;,、]{1,12})?)")
EXPECTED_FORM = "GS(2019)1822号、GS京(2022)1061号 或 粤S(2023)066号"

#: approved online map services (host suffix, or host/path prefix)
APPROVED = ("tianditu.gov.cn", "bzdt.ch.mnr.gov.cn", "map.baidu.com", "amap.com", "autonavi.com", "map.qq.com")
#: known map services that carry no 审图号 (foreign): embedding one is an error
UNAPPROVED = (
    "maps.google.com", "google.com/maps", "google.cn/maps", "ditu.google.cn", "maps.googleapis.com",
    "openstreetmap.org", "openstreetmap.fr", "mapbox.com", "bing.com/maps", "virtualearth.net",
    "arcgis.com", "arcgisonline.com", "mapquest.com", "cartocdn.com", "thunderforest.com", "stadiamaps.com",
)
#: words that say a picture is a map
MAP_WORDS = ("地图", "行政区划图", "区划图", "区位图", "交通图", "地形图", "影像图", "区位示意图", "位置示意图",
             "交通示意图", "map", "ditu")
#: phrases with 地图/map in them that are not maps
EXEMPT = ("网站地图", "站点地图", "地图导航", "sitemap", "site map", "usemap", "image map")

#: tags that hold a word-level piece of a caption block
INLINE = frozenset({"a", "span", "font", "strong", "b", "em", "i", "u", "small", "picture", "sup", "sub", "label"})
CAPTION_MAX = 40
_IMAGE_EXT = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp", ".svg", ".tif", ".tiff")
_ICONISH = re.compile(r"(?:^|[^a-z])(?:icon|ico|logo|btn|button|bg|arrow|nav|menu)(?:[^a-z]|$)", re.I)


def normalise(text: str) -> str:
    return _ZERO_WIDTH.sub("", text)


@dataclass(frozen=True)
class ReviewNumber:
    value: str
    valid: bool


def may_hold_review_number(text: str) -> bool:
    """False when ``text`` (or any part of it) cannot hold a 审图号: every form has the S of GS/粤S, or the
    label's 审, 图 and 号."""
    return "S" in text or ("审" in text and "图" in text and "号" in text)


def find_review_numbers(text: str) -> list[ReviewNumber]:
    """Every 审图号 in ``text``, well-formed or not (a bare label with nothing after it is skipped)."""
    if not may_hold_review_number(text):
        return []
    text = normalise(text)
    found: list[ReviewNumber] = []
    spans: list[tuple[int, int]] = []
    for m in VALID.finditer(text):
        found.append(ReviewNumber(m.group(0), True))
        spans.append(m.span())
    for m in _NEAR.finditer(text):
        if not any(s <= m.start() < e for s, e in spans):
            found.append(ReviewNumber(m.group(0).strip(), False))
            spans.append(m.span())
    for m in _LABEL.finditer(text):
        start = m.start("value")
        value = m.group("value").strip()
        if value and not any(s <= start < e for s, e in spans):
            found.append(ReviewNumber(value, False))
    return found


@lru_cache(maxsize=32)
def _word_patterns(
    words: tuple[str, ...], exempt: tuple[str, ...]
) -> tuple[tuple[re.Pattern[str], ...], tuple[tuple[str, re.Pattern[str] | None], ...]]:
    """The compiled exempt phrases, and each word with its regex (None: a plain substring test)."""
    phrases = tuple(re.compile(re.escape(phrase), re.I) for phrase in exempt)
    found = tuple((word, re.compile(rf"(?<![A-Za-z]){re.escape(word)}s?(?![A-Za-z])", re.I) if word.isascii()
                   else None) for word in words)
    return phrases, found


@lru_cache(maxsize=4096)
def word_hit(text: str, words: tuple[str, ...], exempt: tuple[str, ...]) -> str | None:
    """The first map word in ``text`` once exempt phrases (网站地图, …) are taken out (cached: alt texts and
    captions such as “图片” repeat from page to page)."""
    phrases, patterns = _word_patterns(words, exempt)
    text = normalise(text)
    for phrase in phrases:
        text = phrase.sub(" ", text)
    for word, rx in patterns:
        if (word in text) if rx is None else rx.search(text):
            return word
    return None


_CAMEL = re.compile(r"([a-z])([A-Z])")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_SENTENCE_END = re.compile(r"[。！？；!?;]")


@lru_cache(maxsize=4096)
def file_tokens(src: str) -> tuple[str, ...]:
    """The words of an image file name: ``/up/cityMap_2023.jpg`` -> city, map, 2023, jpg (cached: template
    pictures repeat from page to page)."""
    name = urlsplit(src.strip()).path.rsplit("/", 1)[-1]
    name = _CAMEL.sub(r"\1 \2", name)
    return tuple(t for t in _NOT_ALNUM.split(name.lower()) if t)


def iconish(el: Any) -> bool:
    """A template icon, logo or button rather than a picture in the text."""
    for attr in ("width", "height"):
        value = (el.get(attr) or "").strip().removesuffix("px")
        if value.isdigit() and int(value) <= 64:
            return True
    return any(_ICONISH.search(el.get(a) or "") for a in ("class", "id", "src"))


def linked_away(el: Any) -> bool:
    """Inside a link to a page (a button), not to a larger copy of the image."""
    for anc in el.iterancestors("a"):
        href = (anc.get("href") or "").split("?")[0].split("#")[0].lower()
        return bool(href) and not href.endswith(_IMAGE_EXT)
    return False


def host_listed(url: str, entries: tuple[str, ...]) -> str | None:
    """The entry (``host`` or ``host/path``) that ``url`` falls under: a suffix of the host, a prefix of the path."""
    try:
        parts = urlsplit(url if "//" in url else "//" + url)
        host = (parts.hostname or "").lower()
    except ValueError:
        return None
    path = parts.path or "/"
    for entry in entries:
        e_host, _, e_path = entry.lower().partition("/")
        if (host == e_host or host.endswith("." + e_host)) and path.startswith("/" + e_path):
            return entry
    return None


@lru_cache(maxsize=32)
def _entry_hosts(entries: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(entry.lower().partition("/")[0] for entry in entries))


# "(?:https?:)?//…" would find the same hosts; starting at the "//" lets the regex engine jump to it.
_SCRIPT_URL = re.compile(r"""//([^\s'"`<>\\]+)""")


def script_map_host(text: str, entries: tuple[str, ...]) -> str | None:
    """The first listed map service an inline script loads tiles or an API from (Leaflet, OpenLayers …)."""
    hosts = _entry_hosts(entries)
    for m in _SCRIPT_URL.finditer(text):
        url = m.group(1)
        lowered = url.lower()  # a listed host is written in the URL, or it cannot be on it
        if any(host in lowered for host in hosts):
            entry = host_listed("//" + url, entries)
            if entry is not None:
                return entry
    return None


def _wrapper(el: Any) -> Any:
    while True:
        parent = el.getparent()
        if parent is None or not isinstance(parent.tag, str) or parent.tag.lower() not in INLINE:
            return el
        if len([c for c in parent if isinstance(c.tag, str)]) > 1 and parent.tag.lower() != "a":
            return el
        el = parent


def _holds_image(el: Any) -> bool:
    return el.tag in ("img", "iframe", "embed", "object") or next(el.iter("img", "iframe"), None) is not None


class Near:
    """Text shown near a picture; what a reader sees of it is worked out only when asked."""

    __slots__ = ("_visible", "caption", "el", "text")

    def __init__(self, el: Any, text: str, visible: Callable[[], str], caption: str) -> None:
        #: where the text is shown
        self.el = el
        #: all of it
        self.text = text
        self._visible: str | Callable[[], str] = visible
        #: the text that may name the picture ("" if this is not a caption position or too long)
        self.caption = caption

    @property
    def visible(self) -> str:
        """What a reader sees of the text."""
        if not isinstance(self._visible, str):
            self._visible = self._visible()
        return self._visible


def _outside_links(el: Any) -> str:
    parts = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str) and child.tag not in ("a", "script", "style"):
            parts.append(_outside_links(child))
        parts.append(child.tail or "")
    return "".join(parts)


def caption_text(el: Any, collapsed: str | None = None) -> str:
    """``el``'s text without its links (a link saying 办事地图 is not a caption), if it is short enough
    to be a caption: at most CAPTION_MAX characters and no sentence break. ``collapsed``, the element's
    text with whitespace collapsed if known, answers for a long element without reading its text again."""
    if (collapsed is not None and len(collapsed) > 4 * CAPTION_MAX) or len(text_content(el)) > 4 * CAPTION_MAX:
        return ""
    text = " ".join(normalise(_outside_links(el)).split())
    return text if len(text) <= CAPTION_MAX and not _SENTENCE_END.search(text.rstrip("。")) else ""


def _one_picture(block: Any) -> bool:
    """At most one picture or frame inside ``block``."""
    pictures = block.iter("img", "iframe")
    next(pictures, None)
    return next(pictures, None) is None


def _after_image(el: Any) -> bool:
    prev = el.getprevious()
    while prev is not None and not isinstance(prev.tag, str):
        prev = prev.getprevious()
    return prev is not None and _holds_image(prev)


def _placement(el: Any, text_of: Callable[[Any], str]) -> tuple[Any, Any, Any]:
    """(wrap, block, anchor) of a picture for :func:`context`: the picture with its inline wrappers, the block
    holding it (None at the root), and the element whose neighbours may caption it (the block when it is a
    small caption block of its own, else the wrap)."""
    wrap = _wrapper(el)
    block = wrap.getparent()
    if block is None:
        return wrap, None, wrap
    small = _one_picture(block) and len(text_of(block)) <= 2 * CAPTION_MAX
    return wrap, block, block if small and block.tag not in ("body", "figure") else wrap


def context(page: Any, el: Any, text_of: Callable[[Any], str] | None = None) -> Iterator[Near]:
    """Text around a map: figure caption, its own caption block and the blocks next to it.

    The image's own attributes are not included. Only the figure caption, the picture's own
    block and the blocks right before and after it can name the picture; the one after that is
    searched for a 审图号 only. ``text_of`` is ``page.text_of``, or a memo of it (pictures of one
    block share their context).
    """
    text_of = text_of or page.text_of
    for fig in el.iterancestors("figure"):
        for cap in fig.iter("figcaption"):
            text = text_of(cap)
            yield Near(cap, text, partial(visible_text, page, cap), caption_text(cap, text))
        break
    wrap, block, anchor = _placement(el, text_of)
    if block is None:
        return
    if anchor is block:
        text = text_of(block)
        yield Near(block, text, partial(visible_text, page, block), caption_text(block, text))
        if block.tag in ("td", "th") and block.getparent() is not None:
            anchor = block.getparent()  # a picture in a table cell: its caption is in the next row
    elif wrap.tail and wrap.tail.strip():
        tail = normalise(wrap.tail).strip()
        yield Near(block, tail, partial(_if_visible, page, block, tail), tail if len(tail) <= CAPTION_MAX else "")
    for step, limit in (("getnext", 2), ("getprevious", 1)):
        sib, seen = getattr(anchor, step)(), 0
        while sib is not None and seen < limit:
            if isinstance(sib.tag, str) and sib.tag not in ("script", "style", "br"):
                if _holds_image(sib) or (step == "getprevious" and _after_image(sib)):
                    break  # another picture, or (above) the caption of the picture before
                text = text_of(sib)
                cap = caption_text(sib, text) if seen == 0 else ""
                yield Near(sib, text, partial(visible_text, page, sib), cap)
                seen += 1
            sib = getattr(sib, step)()


def _context_scope(el: Any, text_of: Callable[[Any], str]) -> Any:
    """An element whose text holds every text :func:`context` yields for ``el`` (None: ``el`` is in a figure,
    whose caption may be anywhere in it)."""
    if next(el.iterancestors("figure"), None) is not None:
        return None
    wrap, block, anchor = _placement(el, text_of)
    if block is None:
        return wrap  # nothing is yielded
    if anchor is block and block.tag in ("td", "th") and block.getparent() is not None:
        anchor = block.getparent()
    parent = anchor.getparent() if anchor is not wrap else None
    return parent if parent is not None else block  # the anchor's siblings, the block and the wrap's tail


# The characters outside ASCII that re.IGNORECASE matches to an ASCII letter (İ ı for i, ſ for s, the Kelvin
# sign for k): found once by matching every code point against every letter.
_FOLDS_TO_ASCII = "\u0130\u0131\u017f\u212a"


@lru_cache(maxsize=16)
def _telltales(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """A character each map word needs (its last one; for an ASCII word every character :func:`word_hit`'s
    case-blind regex matches to it), the S every 审图号 form has, and 图 (the label's): a text with none of them
    names no map and holds no 审图号. One character class, which the regex engine scans fast. None when a word
    has no such character."""
    keys = {"S", "图"}
    for word in words:
        chars = "".join(word.split())
        if not chars:
            return None
        key = chars[-1]
        keys.add(key)
        if word.isascii():
            keys.update((key.lower(), key.upper()))
            keys.update(c for c in _FOLDS_TO_ASCII if re.fullmatch(re.escape(key), c, re.IGNORECASE))
    return re.compile("[" + "".join(re.escape(k) for k in sorted(keys)) + "]")


class Surroundings:
    """One page's element texts, each read once (pictures of one block share their context), and which
    surroundings of pictures are quiet: hold no map word and no 审图号."""

    __slots__ = ("_page", "_quiet", "_telltales", "_texts")

    def __init__(self, page: Any, words: tuple[str, ...]) -> None:
        self._page = page
        #: see :func:`_telltales` (``words`` lowercased as the check passes them to :func:`word_hit`)
        self._telltales = _telltales(words)
        self._texts: dict[Any, str] = {}
        self._quiet: dict[Any, bool] = {}

    def text_of(self, el: Any) -> str:
        """``page.text_of(el)``, read once."""
        text = self._texts.get(el)
        if text is None:
            text = self._texts[el] = self._page.text_of(el)
        return text

    def quiet(self, el: Any) -> bool:
        """True when no text :func:`context` yields for ``el`` can hold a map word or a 审图号: answered from
        the text of one enclosing element, without building the context."""
        telltales = self._telltales
        scope = _context_scope(el, self.text_of) if telltales is not None else None
        if scope is None or telltales is None:
            return False
        found = self._quiet.get(scope)
        if found is None:
            found = self._quiet[scope] = telltales.search(self.text_of(scope)) is None
        return found


def _if_visible(page: Any, el: Any, text: str) -> str:
    return text if page.visible(el) else ""


def visible_text(page: Any, el: Any) -> str:
    """The text of ``el`` a reader sees: hidden descendants (a ``display:none`` span) left out."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        if not page.visible(node):
            return
        parts.append(node.text or "")
        for child in node:
            if isinstance(child.tag, str) and child.tag not in ("script", "style", "template"):
                walk(child)
            parts.append(child.tail or "")

    walk(el)
    return " ".join(normalise("".join(parts)).split())


def hidden_holder(page: Any, el: Any, value: str) -> Any:
    """The outermost hidden element inside ``el`` whose text holds ``value`` (``el`` if none)."""
    for node in el.iter():
        if isinstance(node.tag, str) and value in normalise(text_content(node)) and not page.visible(node):
            return node
    return el
