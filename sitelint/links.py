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
from typing import Any
from urllib.parse import unquote_to_bytes, urljoin, urlsplit

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
_XPATH = " | ".join(f"//{tag}[@{a}]" for tag, attrs in URL_ATTRS.items() for a in attrs) + (
    " | //meta[@http-equiv][@content]"
)
# <link rel> values that name a resource to fetch; others (dns-prefetch, preconnect) are hints.
_SKIP_LINK_REL = {"dns-prefetch", "preconnect", "search", "pingback", "webmention", "profile"}
NOT_NAVIGABLE = ("javascript:", "mailto:", "tel:", "data:", "sms:", "about:", "blob:", "callto:", "vbscript:")
_REFRESH_URL = re.compile(r"""^\s*\d*\s*[;,]?\s*(?:url\s*=\s*)?["']?([^"']*)["']?\s*$""", re.IGNORECASE)
_PSEUDO_HOST = "sitelint.invalid"


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

    @property
    def external(self) -> bool:
        return not self.internal and self.scheme in ("http", "https", "")

    @property
    def navigable(self) -> bool:
        return self.scheme in ("http", "https", "")


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


class Resolver:
    """Resolve URLs written on one page."""

    def __init__(self, page_path: str, domains: tuple[str, ...], base_href: str | None = None) -> None:
        self.domains = domains
        self.home = domains[0] if domains else _PSEUDO_HOST
        page_url = f"http://{self.home}/{_quote_path(page_path)}"
        self.base = urljoin(page_url, base_href.strip()) if base_href else page_url

    def is_own_host(self, host: str) -> bool:
        return host == _PSEUDO_HOST or host in self.domains

    def resolve(self, raw: str) -> tuple[str, str, str, bool, str | None, str]:
        """(url, scheme, host, internal, target, fragment) for one attribute value."""
        value = raw.strip()
        lowered = value.lower()
        if lowered.startswith(NOT_NAVIGABLE):
            return value, lowered.split(":", 1)[0], "", False, None, ""
        try:
            absolute = urljoin(self.base, value)
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


def _quote_path(path: str) -> str:
    return path.replace("%", "%25").replace("#", "%23").replace("?", "%3F")


def srcset_urls(value: str) -> Iterator[str]:
    for candidate in value.split(","):
        url = candidate.strip().split(" ", 1)[0]
        if url:
            yield url


def extract_links(root: Any, resolver: Resolver) -> list[Link]:
    links: list[Link] = []
    for el in root.xpath(_XPATH):
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag == "meta":
            if el.get("http-equiv", "").strip().lower() != "refresh":
                continue
            m = _REFRESH_URL.match(el.get("content", ""))
            values = [("content", m.group(1))] if m and m.group(1).strip() else []
        elif tag == "link" and _SKIP_LINK_REL & set(el.get("rel", "").lower().split()):
            continue
        elif tag == "input" and el.get("type", "").lower() != "image":
            continue
        else:
            values = []
            for attr in URL_ATTRS[tag]:
                val = el.get(attr)
                if val is None:
                    continue
                if attr == "srcset":
                    values.extend((attr, u) for u in srcset_urls(val))
                else:
                    values.append((attr, val))
        for attr, raw in values:
            if not raw.strip():
                continue
            url, scheme, host, internal, target, fragment = resolver.resolve(raw)
            links.append(Link(el, tag, attr, raw.strip(), url, scheme, host, internal, target, fragment))
    return links
