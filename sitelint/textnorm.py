"""Text normalisation, keyword matching and host lists shared by the content-safety checks.

Spam hides its words: ``&#28595;&#38376;`` entities, ``\\u6fb3`` and ``%E6%BE%B3`` escapes,
full-width ``ｂｅｔ３６５``, zero-width characters between the characters of a word.
:func:`normalize` undoes all of that (REGULATIONS "Conventions": decode before keyword
matching); :class:`KeywordMatcher` finds listed words in normalised text with one compiled
regex and drops the hits that only quote a prohibition ("严禁…赌博、六合彩"); :class:`HostList`
matches hosts against suffix lists (ad networks; government, media and analytics hosts). Word and host lists are
packaged data files under ``sitelint/data`` (format: ``# comments``, ``[family]`` headers,
one entry a line), loaded once per process and cached with the matchers built from them.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Any
from urllib.parse import unquote_to_bytes

from sitelint.links import Link, decode_path
from sitelint.tree import text_content

__all__ = [
    "BARE_CATEGORY_WORDS",
    "FAMILY_LABELS",
    "Hit",
    "HostList",
    "KeywordMatcher",
    "ad_label",
    "is_brand",
    "keyword_matcher",
    "link_texts",
    "load_hostlist",
    "load_wordlist",
    "nfkc",
    "normalize",
]

# U+200B–U+200D, U+2060 word joiner, U+FEFF BOM / ZWNBSP, U+00AD soft hyphen.
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_INVISIBLE = re.compile(f"[{_ZERO_WIDTH}]+")
# What makes Chinese text not NFKC-normal almost every time: full-width ASCII (，：（）), U+3000 and other
# spaces. Normalising just these runs is several times faster than NFKC over the whole text.
_COMMON_COMPAT = re.compile("[\u00a0\u2000-\u200a\u3000\uff01-\uff5e]+")
_UNICODE_ESCAPES = re.compile(r"(?:[\\%]u[0-9a-fA-F]{4})+")  # \u6fb3 (JS, JSON) and %u6fb3 (escape())
_PERCENT_ESCAPES = re.compile(r"(?:%[0-9a-fA-F]{2})+")
_ESCAPE_CHARS = ("&", "\\", "%")
_SHORT = 256  # strings up to this length are cached (links, anchor texts, titles)
_CACHE_LIMIT = 16384  # entries per cache, cleared when full

#: Category words that the regulations themselves use ("不得刊登商业广告", "严禁…色情、赌博"): never keywords.
BARE_CATEGORY_WORDS = frozenset({"赌博", "色情", "博彩", "广告"})

#: A prohibition before a hit, in the same clause: the text quotes a rule or a warning, not spam.
_NEGATION_WORDS = "不得|严禁|禁止|打击|杜绝|防范|远离|抵制|整治|警惕|谨防|拒绝|查处|查获|取缔|收缴"
_CLAUSE_END = "。；;！!？?，,\n"
_NEGATED = re.compile(rf"(?:{_NEGATION_WORDS})(?:[^{_CLAUSE_END}]{{0,8}}|[^{_CLAUSE_END}]*、[^{_CLAUSE_END}]*)\Z")
_NEGATION_REACH = 40  # how far back an enumeration ("严禁散布淫秽、色情、赌博、六合彩") may reach
_CHAINED = re.compile(rf"[^{_CLAUSE_END}]{{0,6}}\Z")  # "严禁百家乐、时时彩": the second hit inherits

#: Chinese names of the word families in messages ("链接文字含赌博类词语 …").
FAMILY_LABELS: Mapping[str, str] = MappingProxyType({
    "gambling-brand": "赌博类",
    "gambling": "赌博类",
    "porn-brand": "色情类",
    "porn": "色情类",
    "loan": "高利贷类",
    "private-server": "私服外挂类",
    "custom": "违规",
})


def is_brand(family: str) -> bool:
    """Brand names (and words the user configured) count wherever they appear; topic words need context."""
    return family.endswith("-brand") or family == "custom"


# --- normalisation ----------------------------------------------------------------------------

def _decode_unicode_escapes(m: re.Match[str]) -> str:
    units = m.group()
    text = "".join(chr(int(units[i + 2:i + 6], 16)) for i in range(0, len(units), 6))
    try:  # join surrogate pairs (\ud83d\ude00); a lone surrogate keeps the escape as written
        return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le")
    except UnicodeDecodeError:
        return units


def _decode_percent_escapes(m: re.Match[str]) -> str:
    try:
        return unquote_to_bytes(m.group()).decode("utf-8")
    except UnicodeDecodeError:
        return m.group()


def _decode(text: str) -> str:
    if "&" in text:
        text = html.unescape(text)
    if "u" in text and ("\\u" in text or "%u" in text):
        text = _UNICODE_ESCAPES.sub(_decode_unicode_escapes, text)
    if "%" in text:
        text = _PERCENT_ESCAPES.sub(_decode_percent_escapes, text)
        if "&#" in text:  # entities that were percent-encoded
            text = html.unescape(text)
    return text


def _nfkc_match(m: re.Match[str]) -> str:
    return unicodedata.normalize("NFKC", m.group())


def _nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``, fast when only the common compatibility characters differ.

    Normalising segments and then finding the whole normalised gives the same result as NFKC of
    the whole; anything else (combining marks, ①, ℃) falls back to the full normalisation.
    """
    if unicodedata.is_normalized("NFKC", text):
        return text
    text = _COMMON_COMPAT.sub(_nfkc_match, text)
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)


def nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``, the same string, fast for Chinese text whose only
    compatibility characters are full-width punctuation and wide spaces (see ``_nfkc``)."""
    return _nfkc(text)


def _normalize(text: str) -> str:
    if text.isascii() and not any(c in text for c in _ESCAPE_CHARS):
        return text.lower()
    text = _decode(text)
    if any(c in text for c in _ZERO_WIDTH):
        text = _INVISIBLE.sub("", text)
    return _nfkc(_nfkc(text).casefold())


_normalize_short = lru_cache(maxsize=_CACHE_LIMIT)(_normalize)


def normalize(text: str) -> str:
    """Text as a keyword matcher should see it.

    Decodes HTML entities, ``\\uXXXX``/``%uXXXX`` escapes and ``%XX`` runs that form valid UTF-8;
    removes zero-width characters (U+200B–U+200D, U+2060, U+FEFF) and soft hyphens; applies NFKC
    (full-width to half-width) and case folding. Positions in the result do not map back to
    ``text``. Format checks (文号, dates) must read the raw text instead.
    """
    return _normalize_short(text) if len(text) <= _SHORT else _normalize(text)


# --- data files -------------------------------------------------------------------------------

@cache
def load_wordlist(name: str) -> Mapping[str, tuple[str, ...]]:
    """A packaged list ``sitelint/data/<name>`` (``.txt`` optional) as ``{family: entries}``.

    Lines: ``# comment``, ``[family]``, or one entry (a trailing ``  # comment`` is dropped).
    Entries before the first header belong to the family ``default``. Read once per process.
    """
    filename = name if name.endswith(".txt") else f"{name}.txt"
    text = resources.files("sitelint.data").joinpath(filename).read_text(encoding="utf-8")
    families: dict[str, list[str]] = {}
    family = "default"
    for raw in text.splitlines():
        line = raw.split(" #", 1)[0].split("\t#", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            family = line[1:-1].strip()
            families.setdefault(family, [])
        else:
            families.setdefault(family, []).append(line)
    return MappingProxyType({k: tuple(v) for k, v in families.items()})


# --- keywords ---------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Hit:
    word: str  # the listed word, normalised
    family: str
    start: int  # offsets in the normalised text
    end: int


def _guard(word: str, *, end: bool = False) -> str:
    """Characters that must not touch one edge of a word (letters or digits, by the edge character).

    A word starting with an ASCII letter or digit must not follow one of the same class
    ("zhangkaiyun" is a name, "jpg电子版" is not "pg电子"); at its end only a short ASCII run
    (≤4: "m88", "pk10") needs the guard ("m888"), so "bet365app" and "kaiyunsports" still match.
    """
    run = 0
    for ch in reversed(word) if end else word:
        if not (ch.isascii() and ch.isalnum()):
            break
        run += 1
    if not run or (end and run > 4):
        return ""
    return "0123456789" if (word[-1] if end else word[0]).isdigit() else "abcdefghijklmnopqrstuvwxyz"


def _trie_pattern(words: Iterable[str]) -> str:
    """One alternation shaped as a trie (shared prefixes factored out, longer words first): far faster
    than a flat alternation of a few hundred literals, in ``re`` as in ``regex``."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = None

    def build(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


class KeywordMatcher:
    """Listed words in normalised text, found by one compiled regex.

    ``families`` maps a family name to its words (written in any form: they are normalised
    here). The bare category words (:data:`BARE_CATEGORY_WORDS`) are never keywords. ASCII
    edges are guarded against running into other letters or digits (see :func:`_guard`). With
    ``negation`` (the default) a hit preceded in the same clause by a prohibition (不得|严禁|禁止|
    打击|杜绝|防范|远离|抵制|整治…, within 8 characters or across a 、-enumeration) is dropped, as
    is a hit chained to such a hit ("严禁百家乐、时时彩"). An entry may name compounds that contain its
    word but are not it, each after " !" ("赔率 !理赔率": the 赔率 of 理赔率, an insurer's claim rate, is no hit).
    """

    def __init__(self, families: Mapping[str, Iterable[str]], *, negation: bool = True) -> None:
        self.negation = negation
        self.family_of: dict[str, str] = {}
        #: word -> (compound, offset of the word in it): "赔率 !理赔率" lists 理赔率 as not a hit of 赔率
        self._compounds: dict[str, tuple[tuple[str, int], ...]] = {}
        for family, entries in families.items():
            for entry in entries:
                word, *compounds = entry.split(EXCEPT)
                key = normalize(word).strip()
                if key and key not in BARE_CATEGORY_WORDS:
                    self.family_of.setdefault(key, family)
                    found = [(c, c.find(key)) for c in (normalize(x).strip() for x in compounds) if key in c]
                    if found:
                        self._compounds[key] = (*self._compounds.get(key, ()), *found)
        self._guards = {w: g for w in self.family_of if any(g := (_guard(w), _guard(w, end=True)))}
        self._regex = re.compile(_trie_pattern(self.family_of)) if self.family_of else None
        self._cache: dict[str, tuple[Hit, ...]] = {}

    def __bool__(self) -> bool:
        return self._regex is not None

    def find(self, text: str) -> list[Hit]:
        """Hits in ``text``, which must already be :func:`normalize`-d."""
        hits: list[Hit] = []
        if self._regex is None:
            return hits
        last_negated: Hit | None = None
        pos = 0
        while (m := self._regex.search(text, pos)) is not None:
            word, start, end = m.group(), m.start(), m.end()
            guard = self._guards.get(word)
            if guard and ((start and text[start - 1] in guard[0]) or (end < len(text) and text[end] in guard[1])):
                pos = start + 1
                continue
            compounds = self._compounds.get(word)
            if compounds and any(at <= start and text.startswith(c, start - at) for c, at in compounds):
                pos = start + 1  # inside a listed compound that is not the word (理赔率)
                continue
            pos = end
            hit = Hit(word, self.family_of[word], start, end)
            if self.negation and self._negated(text, hit, last_negated):
                last_negated = hit
            else:
                hits.append(hit)
        return hits

    def may_match(self, raw: str) -> bool:
        """Cheap superset test: could any text inside ``raw`` hold a hit? (No guards, no negation.)

        Lets a check normalise and scan all of a page's link texts at once, and look at each
        link only when this says yes.
        """
        return self._regex is not None and self._regex.search(normalize(raw)) is not None

    def search(self, raw: str) -> tuple[Hit, ...]:
        """``find(normalize(raw))``, cached for short strings (navigation repeats on every page)."""
        if len(raw) > _SHORT:
            return tuple(self.find(normalize(raw)))
        found = self._cache.get(raw)
        if found is None:
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.clear()
            found = self._cache[raw] = tuple(self.find(normalize(raw)))
        return found

    @staticmethod
    def _negated(text: str, hit: Hit, previous: Hit | None) -> bool:
        if previous is not None and _CHAINED.match(text, previous.end, hit.start):
            return True
        return _NEGATED.search(text, max(0, hit.start - _NEGATION_REACH), hit.start) is not None


#: separates a word list entry's word from the compounds that are not it: "赔率 !理赔率"
EXCEPT = " !"


@lru_cache(maxsize=64)
def keyword_matcher(
    name: str = "spam_keywords",
    extra: tuple[str, ...] = (),
    allow: tuple[str, ...] = (),
) -> KeywordMatcher:
    """The matcher for a packaged word list plus ``extra`` words (family ``custom``) minus ``allow``ed words.

    Built once per distinct argument tuple and process (checks pass their options here).
    """
    allowed = {normalize(w).strip() for w in allow}
    families = {
        f: [w for w in ws if normalize(w.split(EXCEPT)[0]).strip() not in allowed]
        for f, ws in load_wordlist(name).items()
    }
    families["custom"] = [w for w in extra if normalize(w).strip() not in allowed]
    return KeywordMatcher(families)


# --- hosts ------------------------------------------------------------------------------------

class HostList:
    """Host suffixes by family; ``example.com`` matches ``example.com`` and ``a.example.com`` only."""

    def __init__(self, families: Mapping[str, Iterable[str]]) -> None:
        self.family_of: dict[str, str] = {}
        for family, hosts in families.items():
            for host in hosts:
                key = host.strip().lower().strip(".")
                if key.startswith("*."):
                    key = key[2:]
                if key:
                    self.family_of.setdefault(key, family)
        self._cache: dict[str, tuple[str, str] | None] = {}

    def __bool__(self) -> bool:
        return bool(self.family_of)

    def match(self, host: str) -> tuple[str, str] | None:
        """(listed suffix, family) for ``host``, or None. Cached: a site links to few hosts."""
        try:
            return self._cache[host]
        except KeyError:
            pass
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        found = self._cache[host] = self._match(host)
        return found

    def _match(self, host: str) -> tuple[str, str] | None:
        name = host.lower().rstrip(".")
        while name:
            family = self.family_of.get(name)
            if family is not None:
                return name, family
            dot = name.find(".")
            if dot < 0:
                return None
            name = name[dot + 1:]
        return None


@lru_cache(maxsize=64)
def load_hostlist(name: str, extra: tuple[str, ...] = (), extra_family: str = "custom") -> HostList:
    """A packaged host list (``sitelint/data/<name>``) plus ``extra`` hosts in family ``extra_family``."""
    families: dict[str, Iterable[str]] = dict(load_wordlist(name)) if name else {}
    families[extra_family] = (*families.get(extra_family, ()), *extra)
    return HostList(families)


# --- advertising labels -----------------------------------------------------------------------

_AD_TOKEN = re.compile(
    r"ads?\d*|adverts?|advertis(?:e|ement|ements|ing)|ad(?:box|banner|slot|wrap|sense)|guanggao|tuiguang|zanzhu"
    r"|sponsors?|sponsored"
)
_TOKEN_SPLIT = re.compile(r"[\s_\-]+")
_OPEN, _CLOSE = r"[\[【(「〔<]?\s*", r"\s*[\]】)」〕>]?[:：]?"
_AD_WORDS = r"广告|推广|赞助|赞助商|广告位|广告位招租|广告招商|商业推广|ad|ads|advertisement|sponsored"
_AD_LABEL = re.compile(rf"{_OPEN}(?:{_AD_WORDS}){_CLOSE}")
_AD_PREFIX = re.compile(r"[\[【(「〔]\s*(?:广告|推广|赞助)\s*[\]】)」〕]")
_NOT_LABEL_TAGS = frozenset({"a", "script", "style", "option", "title"})


def _ad_token(el: Any) -> str | None:
    for attr in ("class", "id"):
        value = el.get(attr)
        if value:
            for token in _TOKEN_SPLIT.split(value.lower()):
                if _AD_TOKEN.fullmatch(token):
                    return f'{attr}="{value.strip()}"'
    return None


def _label_text(text: str | None) -> str | None:
    if not text or len(text) > 24:
        return None
    stripped = text.strip()
    return stripped if stripped and _AD_LABEL.fullmatch(normalize(stripped)) else None


def ad_label(el: Any, depth: int = 4) -> str | None:
    """How ``el`` (a link) is marked as advertising, or None.

    Marks: an "【广告】…" prefix of its own text; on the element or one of its ``depth`` nearest
    ancestors, a class or id token such as ``ad``, ``ads``, ``advert``, ``guanggao``, ``sponsor``
    (split at ``-``/``_``: ``ad-box``, ``top_ads``; never ``adv``/``head``), or a label of its own —
    direct text, a childless non-link child or a tail whose whole text is 广告/推广/赞助商 ….
    A word inside a sentence ("推广应用") or a link reading "广告" (a 广告监管 menu) is not a label.
    """
    prefix = _AD_PREFIX.match(normalize((text_content(el) or "")[:40]).lstrip())
    if prefix:
        return prefix.group()
    node = el
    for _ in range(depth + 1):
        if node is None or node.tag in ("body", "html"):
            return None
        found = _ad_token(node)
        if found is None and node is not el:
            found = _label_text(node.text) or next(
                (label for child in node for label in _child_labels(child)), None)
        if found:
            return found
        node = node.getparent()
    return None


def _child_labels(child: Any) -> Iterator[str]:
    if isinstance(child.tag, str) and child.tag not in _NOT_LABEL_TAGS and len(child) == 0:
        label = _label_text(child.text)
        if label:
            yield label
    label = _label_text(child.tail)
    if label:
        yield label


# --- links ------------------------------------------------------------------------------------

def link_texts(link: Link, limit: int = 300, *, texts: bool = True) -> Iterator[tuple[str, str]]:
    """What a reader or a search engine reads of a link, as (where, raw text) pairs, cheapest first.

    ``链接地址``: host and decoded path of an http(s) URL (no query: share buttons carry the
    page's own title there), or a ``javascript:`` URL as written; for ``<a>``/``<area>`` also
    ``链接标题`` (``title``), ``链接文字`` (text, or ``alt`` of an area) and ``链接图片说明`` (``alt`` of
    images inside), unless ``texts`` is false. Texts are clipped to ``limit`` characters and not
    yet normalised.
    """
    if link.scheme in ("http", "https", ""):
        location = (link.target or "") if link.internal else (link.url.partition("://")[2] or link.url)
        yield "链接地址", decode_path(location.partition("#")[0].partition("?")[0])
    elif link.scheme == "javascript":
        yield "链接地址", link.raw[:limit]
    el = link.element
    if not texts or link.tag not in ("a", "area"):
        return
    title = el.get("title")
    if title:
        yield "链接标题", title[:limit]
    text = el.get("alt") if link.tag == "area" else text_content(el)
    if text and text.strip():
        yield "链接文字", " ".join(text[:limit].split())
    for img in el.iter("img") if link.tag == "a" else ():
        alt = img.get("alt")
        if alt:
            yield "链接图片说明", alt[:limit]
