"""Links as a browser resolves them: which element, where it goes, on-site or off.

Every URL-bearing attribute counts (a, area, img, srcset, source, script, link,
iframe, frame, embed, object, video, audio, track, input[type=image] and
``<meta http-equiv=refresh>``). Relative, root-relative and own-domain absolute
URLs are internal and resolve to a path under the site root; ``<base href>`` is
honoured; percent-encoding is undone (UTF-8, then GB18030 as old sites wrote it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import unquote_to_bytes, urljoin, urlsplit

from lxml import etree

from sitelint.accel import speedups

# Where URLs live: tag -> attributes.
URL_ATTRS: dict[str, tuple[str, ...]] = {
    "a": ("href",),
    "area": ("href",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "script": ("src",),
    "link": ("href",),
    "iframe": ("src",),
    "frame": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "input": ("src",),
}
_TAGS = (*URL_ATTRS, "meta")
# <link rel> values that name a resource to fetch; others (dns-prefetch, preconnect) are hints.
_SKIP_LINK_REL = {"dns-prefetch", "preconnect", "search", "pingback", "webmention", "profile"}
NOT_NAVIGABLE = ("javascript:", "mailto:", "tel:", "data:", "sms:", "about:", "blob:", "callto:", "vbscript:")
_REFRESH_URL = re.compile(r"""^\s*\d*\s*[;,]?\s*(?:url\s*=\s*)?["']?([^"']*)["']?\s*$""", re.IGNORECASE)
_PSEUDO_HOST = "sitelint.invalid"
# characters no host may hold (the URL standard's forbidden host code points, those urlsplit lets through)
_FORBIDDEN_HOST = re.compile(r"[\x00\t\n\r #/<>?@\\^|]")


@dataclass(slots=True)
class Link:
    element: Any
    tag: str
    attr: str
    raw: str
    url: str
    scheme: str
    host: str
    internal: bool
    # site-relative, decoded path of the target for internal links ("" is the site root)
    target: str | None
    fragment: str
    #: the element is the ordinal-th element of its tag in document order (for positions)
    ordinal: int = 0

    @property
    def external(self) -> bool:
        return not self.internal and self.scheme in ("http", "https", "")

    @property
    def navigable(self) -> bool:
        return self.scheme in ("http", "https", "")


@lru_cache(maxsize=1024)
def host_forms(host: str) -> tuple[str, ...]:
    """``host`` lower-cased, and in its other IDNA spelling when it has one: a 中文域名 is written both ways
    (``政府.cn``, ``xn--mxtq1m.cn``) and browsers treat them as one host."""
    host = host.lower().rstrip(".")
    try:
        if not host.isascii():
            other = host.encode("idna").decode("ascii")
        elif "xn--" in host:
            other = host.encode("ascii").decode("idna")
        else:
            return (host,)
    except UnicodeError:  # a label IDNA cannot spell (too long, empty): the host as written only
        return (host,)
    other = other.lower()
    return (host,) if other == host else (host, other)


def decode_path(path: str) -> str:
    """Percent-decode a URL path: UTF-8 first, GB18030 as older sites wrote it."""
    if "%" not in path:
        return path
    raw = unquote_to_bytes(path)
    for enc in ("utf-8", "gb18030"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", "replace")


Resolved = tuple[str, str, str, bool, str | None, str]
# Resolutions repeat across the pages of a site (navigation, footers); keyed so that the
# key holds everything the answer depends on. Bounded: cleared when full.
_CACHE: dict[tuple[str, str, tuple[str, ...]], Resolved] = {}
_CACHE_LIMIT = 200_000
# The same, for the values that do not name this page ("#…", "?…"): one dict per (directory, domains), keyed
# by the value alone, so the common lookup is one string-keyed get.
_DIR_CACHES: dict[tuple[str, tuple[str, ...]], dict[str, Resolved]] = {}
_DIR_CACHE_COUNT, _DIR_CACHE_LIMIT = 512, 20_000
# Root-relative ("/x/y.html") and absolute http(s) values resolve the same from every directory: a miss in a
# directory's cache is answered from this one, per domains, before the value is worked out again.
_SITE_CACHES: dict[tuple[str, ...], dict[str, Resolved]] = {}
_SITE_CACHE_LIMIT = 100_000
# What _fast leaves to urljoin: dot segments, backslashes, userinfo, IPv6 hosts, whitespace inside.
_SPECIAL = re.compile(r"/\.|[\\@\[\t\n\r]")


class Resolver:
    """Resolve URLs written on one page."""

    def __init__(self, page_path: str, domains: tuple[str, ...], base_href: str | None = None) -> None:
        self.domains = domains
        self.home = domains[0] if domains else _PSEUDO_HOST
        self.page_path = page_path
        self.directory = page_path.rpartition("/")[0]
        page_url = f"http://{self.home}/{_quote_path(page_path)}"
        self.has_base, self.base = False, page_url
        if base_href and base_href.strip():
            try:
                base = urljoin(page_url, base_href.strip())
                parts = urlsplit(base)
                usable = parts.port is None or parts.port >= 0  # .port and .hostname raise for what they cannot read
                usable = usable and not _FORBIDDEN_HOST.search(parts.hostname or "")
            except ValueError:
                usable = False
            if usable:  # a base URL that does not parse is ignored, as browsers ignore it
                self.has_base, self.base = True, base
        cache = _DIR_CACHES.get((self.directory, domains))
        if cache is None:
            if len(_DIR_CACHES) >= _DIR_CACHE_COUNT:
                _DIR_CACHES.clear()
            cache = _DIR_CACHES[(self.directory, domains)] = {}
        self._dir_cache: dict[str, Resolved] = cache
        site_cache = _SITE_CACHES.get(domains)
        if site_cache is None:
            site_cache = _SITE_CACHES[domains] = {}
        self._site_cache: dict[str, Resolved] = site_cache

    def is_own_host(self, host: str) -> bool:
        return host == _PSEUDO_HOST or host in self.domains

    def resolve(self, raw: str) -> Resolved:
        """(url, scheme, host, internal, target, fragment) for one attribute value."""
        value = raw.strip()
        if self.has_base:
            return self._general(value)
        if not value.startswith(("#", "?")):
            cache = self._dir_cache
            found = cache.get(value)
            if found is None:
                found = self._uncached(value)
                if len(cache) >= _DIR_CACHE_LIMIT:
                    cache.clear()
                cache[value] = found
            return found
        # Only relative references depend on the page's directory.
        relative = not value.startswith("/") and ":" not in value.partition("/")[0]
        key = ("/" + self.page_path if value[:1] in ("#", "?") else self.directory if relative else "", value,
               self.domains)
        hit = _CACHE.get(key)
        if hit is None:
            hit = self._fast(value, relative) or self._general(value)
            if len(_CACHE) >= _CACHE_LIMIT:
                _CACHE.clear()
            _CACHE[key] = hit
        return hit

    def _uncached(self, value: str) -> Resolved:
        """``value`` (stripped, not "#…"/"?…") resolved without a base: from the site cache when it does not
        depend on the directory."""
        if not value.startswith("/") and not value[:8].lower().startswith(("http://", "https://")):
            relative = ":" not in value.partition("/")[0]
            return self._fast(value, relative) or self._general(value)
        cache = self._site_cache
        found = cache.get(value)
        if found is None:
            found = self._fast(value, False) or self._general(value)
            if len(cache) >= _SITE_CACHE_LIMIT:
                cache.clear()
            cache[value] = found
        return found

    def _fast(self, value: str, relative: bool) -> Resolved | None:
        """The common shapes without urljoin; None hands the value to the general path."""
        if value.startswith("//") or _SPECIAL.search(value):
            return None
        rest, _, fragment = value.partition("#")
        path = rest.partition("?")[0]
        if relative:
            if path.startswith(".") or "/." in path:
                return None
            suffix = value[len(path):]
            if not path:  # "#frag" or "?query": this page
                path = self.page_path
            elif self.directory:
                path = f"{self.directory}/{path}"
            return self._internal(path, suffix, fragment)
        if value.startswith("/"):
            return self._internal(path.lstrip("/"), value[len(path):], fragment)
        scheme, sep, after = value.partition("://")
        scheme = scheme.lower()
        if not sep or scheme not in ("http", "https"):
            return None
        netloc = after
        for stop in "/?#":
            netloc = netloc.partition(stop)[0]
        host = netloc.partition(":")[0].lower().rstrip(".")
        if not self.is_own_host(host):
            return value, scheme, host, False, None, decode_path(fragment)
        tail = after[len(netloc):]
        return value, scheme, host, True, decode_path(tail.partition("#")[0].partition("?")[0]).lstrip("/"), (
            decode_path(fragment))

    def _internal(self, path: str, suffix: str, fragment: str) -> Resolved:
        shown = ("/" if self.home == _PSEUDO_HOST else f"http://{self.home}/") + path + suffix
        return shown, "http", self.home, True, decode_path(path), decode_path(fragment)

    def _general(self, value: str) -> Resolved:
        lowered = value.lower()
        if lowered.startswith(NOT_NAVIGABLE):
            return value, lowered.split(":", 1)[0], "", False, None, ""
        try:
            absolute = urljoin(self.base, _browser_slashes(value) if "\\" in value else value)
            parts = urlsplit(absolute)
            host = (parts.hostname or "").lower().rstrip(".")
        except ValueError:
            return value, "invalid", "", False, None, ""
        scheme = parts.scheme.lower()
        internal = scheme in ("http", "https") and self.is_own_host(host)
        fragment = decode_path(parts.fragment)
        if not internal:
            return absolute, scheme, host, False, None, fragment
        target = decode_path(parts.path).lstrip("/")
        shown = absolute.replace(f"http://{_PSEUDO_HOST}", "", 1) if host == _PSEUDO_HOST else absolute
        return shown, scheme, host, True, target, fragment


def _browser_slashes(value: str) -> str:
    """``value`` as a browser reads it: in an http(s) or relative URL, a backslash before the query or the
    fragment is a slash (``d\\page.html`` is ``d/page.html``); other schemes keep theirs."""
    end = len(value)
    for stop in "?#":
        at = value.find(stop)
        if 0 <= at < end:
            end = at
    head = value[:end]
    scheme, colon, _rest = head.partition(":")
    if colon and not any(c in scheme for c in "/\\") and scheme.lower() not in ("http", "https"):
        return value
    return head.replace("\\", "/") + value[end:]


def _quote_path(path: str) -> str:
    return path.replace("%", "%25").replace("#", "%23").replace("?", "%3F")


def srcset_urls(value: str) -> Iterator[str]:
    for candidate in value.split(","):
        url = candidate.strip().split(" ", 1)[0]
        if url:
            yield url


def extract_links(root: Any, resolver: Resolver) -> list[Link]:
    """Every URL-bearing attribute under ``root`` (itself included), in document order, resolved."""
    if speedups is not None:
        known = {} if resolver.has_base else resolver._dir_cache
        shared = {} if resolver.has_base else resolver._site_cache
        resolve = resolver.resolve

        def other(links: list[Link], el: Any, tag: str, ordinal: int) -> None:
            for attr, raw in _urls(el, tag):
                if value := raw.strip():
                    links.append(Link(el, tag, attr, value, *resolve(raw), ordinal))

        found = speedups.links(root, _CODES, known, shared, resolve, Link, other)
        if found is not None:
            return found
    return _py_extract_links(root, resolver)


#: tag -> code for the C loop: 1 for <a>, 2 for <meta>, 3 for the others
_CODES = {tag: 1 if tag == "a" else 2 if tag == "meta" else 3 for tag in _TAGS}


def _py_extract_links(root: Any, resolver: Resolver) -> list[Link]:
    links: list[Link] = []
    seen: dict[str, int] = {}
    resolve = resolver.resolve
    # resolve()'s own caches, looked up inline: the directory's, then the site's (a value first met in this
    # directory may have been resolved from another one)
    known = {} if resolver.has_base else resolver._dir_cache
    shared = {} if resolver.has_base else resolver._site_cache
    anchors = 0  # the ordinal of the next <a>
    for el in root.iter(*_TAGS):
        tag = el.tag
        if tag == "a":  # most of them: _urls inlined, counted without the dict
            raw = el.get("href")
            if raw is not None and (value := raw.strip()):
                found = known.get(value) or shared.get(value)
                links.append(Link(el, "a", "href", value, *(found or resolve(raw)), anchors))
            anchors += 1
            continue
        ordinal = seen.get(tag, 0)
        seen[tag] = ordinal + 1
        if tag == "meta" and el.get("http-equiv") is None:  # most <meta>: no redirect
            continue
        for attr, raw in _urls(el, tag):
            if value := raw.strip():
                links.append(Link(el, tag, attr, value, *resolve(raw), ordinal))
    return links


def offsite_links(page: Any) -> list[Link]:
    """The page's links that are not internal, in document order: ``page.shared(offsite_links)`` gives the
    checks that only weigh off-site destinations a short list (most links of a page are on-site)."""
    return [link for link in page.links if not link.internal]


def _urls(el: Any, tag: str) -> list[tuple[str, str]]:
    """(attribute, URL) pairs an element carries."""
    if tag == "a":
        href = el.get("href")
        return [("href", href)] if href is not None else []
    if tag == "meta":
        if el.get("http-equiv", "").strip().lower() != "refresh":
            return []
        m = _REFRESH_URL.match(el.get("content", ""))
        return [("content", m.group(1))] if m and m.group(1).strip() else []
    if tag == "link" and _SKIP_LINK_REL & set(el.get("rel", "").lower().split()):
        return []
    if tag == "input" and el.get("type", "").lower() != "image":
        return []
    values: list[tuple[str, str]] = []
    for attr in URL_ATTRS[tag]:
        val = el.get(attr)
        if val is None:
            continue
        if attr == "srcset":
            values.extend((attr, u) for u in srcset_urls(val))
        else:
            values.append((attr, val))
    return values


_LINK_TEXT = etree.XPath("//a//text()|//a//img/@alt|//a/@title|//area/@alt|//area/@title", smart_strings=False)
_FRAGMENT_TARGETS = etree.XPath("//@id | //a/@name", smart_strings=False)


def link_text(root: Any) -> str:
    """What the links of ``root``'s document say, joined in document order: the text and image ``alt`` inside
    each ``<a>``, its ``title``, and ``alt``/``title`` of each ``<area>`` (the accelerator's one walk, or
    the XPath that defines it)."""
    if speedups is not None:
        return speedups.link_text(root)
    return "".join(_LINK_TEXT(root))


def fragment_targets(root: Any) -> frozenset[str]:
    """The ``#fragment`` targets of ``root``'s document: every ``id`` and every ``<a name>``."""
    if speedups is not None:
        return speedups.ids(root)
    return frozenset(_FRAGMENT_TARGETS(root))
