"""CSS selectors (``content-selectors`` in the config) as XPath: cssselect when installed, else a simple subset."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

_CSS_TOKEN = re.compile(
    r"\s*(?P<comb>[>+~])\s*|(?P<ws>\s+)|(?P<tag>\*|[A-Za-z][\w-]*)|#(?P<id>[\w-]+)|\.(?P<cls>[\w-]+)"
    r"|\[\s*(?P<attr>[\w-]+)\s*(?:(?P<op>[~|^$*]?=)\s*(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)'|(?P<bare>[\w-]+))\s*)?\]"
)


def _css_simple(selector: str) -> str:
    """XPath for a simple CSS selector: tags, #id, .class, [attr op value], descendant and child combinators."""
    out: list[str] = ["descendant-or-self::"]
    step: list[str] = []
    tag = "*"
    pos = 0
    sel = selector.strip()

    def flush() -> None:
        nonlocal tag, step
        out.append(tag + "".join(f"[{c}]" for c in step))
        tag, step = "*", []

    while pos < len(sel):
        m = _CSS_TOKEN.match(sel, pos)
        if m is None or m.end() == pos:
            raise ValueError(f"unsupported CSS selector: {selector!r}")
        pos = m.end()
        if m.group("comb") or m.group("ws"):
            comb = m.group("comb") or " "
            if comb not in (" ", ">"):
                raise ValueError(f"unsupported CSS combinator {comb!r} in {selector!r}")
            flush()
            out.append("/" if comb == ">" else "/descendant::")
        elif m.group("tag"):
            tag = m.group("tag").lower()
        elif m.group("id"):
            step.append(f"@id='{m.group('id')}'")
        elif m.group("cls"):
            step.append(f"contains(concat(' ', normalize-space(@class), ' '), ' {m.group('cls')} ')")
        else:
            attr, op = m.group("attr"), m.group("op")
            value = next((v for v in (m.group("dq"), m.group("sq"), m.group("bare")) if v is not None), "")
            if "'" in value:
                raise ValueError(f"unsupported quote in {selector!r}")
            step.append({
                None: f"@{attr}",
                "=": f"@{attr}='{value}'",
                "~=": f"contains(concat(' ', normalize-space(@{attr}), ' '), ' {value} ')",
                "^=": f"starts-with(@{attr}, '{value}')",
                "*=": f"contains(@{attr}, '{value}')",
                "$=": f"substring(@{attr}, string-length(@{attr}) - {len(value) - 1}) = '{value}'",
                "|=": f"(@{attr}='{value}' or starts-with(@{attr}, '{value}-'))",
            }[op])
    flush()
    return "".join(out)


@lru_cache(maxsize=256)
def css_xpath(selector: str) -> str:
    """An XPath expression for a CSS selector (lxml's cssselect when installed, else a simple subset)."""
    try:
        from cssselect import GenericTranslator  # type: ignore[import-not-found,unused-ignore]

        return str(GenericTranslator().css_to_xpath(selector))
    except ImportError:
        return " | ".join(_css_simple(part) for part in selector.split(","))


def select(root: Any, selectors: Sequence[str]) -> list[Any]:
    """The outermost elements matching any of ``selectors``, in document order (bad selectors select nothing)."""
    found: list[Any] = []
    for sel in selectors:
        try:
            found.extend(root.xpath(css_xpath(sel)))
        except Exception:  # an unsupported or invalid selector selects nothing
            continue
    unique = {id(el): el for el in found if isinstance(getattr(el, "tag", None), str)}
    ordered = sorted(unique.values(), key=_doc_order(root))
    kept = set(ordered)
    return [el for el in ordered if not any(a in kept for a in el.iterancestors())]


def _doc_order(root: Any) -> Any:
    order: dict[Any, int] = {}

    def key(el: Any) -> int:
        if not order:
            order.update((e, i) for i, e in enumerate(root.iter()))
        return order.get(el, 0)

    return key
