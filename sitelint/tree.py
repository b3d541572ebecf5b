"""Small tree and text helpers shared by the page views: bounded loops, nothing recursive."""

from __future__ import annotations

from typing import Any

from lxml import etree

#: tags whose text a reader does not get as page text
SKIP_TAGS = frozenset(("script", "style", "textarea", "noscript", "template", "select", "option"))

_TEXTS = etree.XPath(
    ".//text()[not(parent::script or parent::style or parent::textarea or parent::option)]", smart_strings=False
)


#: tags whose text :func:`text` leaves out (the parents _TEXTS leaves out)
NO_TEXT = ("script", "style", "textarea", "option")
_tostring = etree.tostring


def text_content(el: Any) -> str:
    """Every text node of ``el`` and its descendants, scripts included (lxml.html's ``text_content()``).

    Serialised as text: the same libxml2 node content as XPath's string(), without an XPath evaluation."""
    return _tostring(el, method="text", encoding=str, with_tail=False)  # type: ignore[no-any-return]


def text(el: Any) -> str:
    """The text of ``el`` and its descendants (not its tail), scripts and styles left out."""
    tag = el.tag
    if tag.__class__ is str:
        if len(el) == 0:  # a leaf (most cells and paragraphs): its own text only
            return "" if tag in NO_TEXT else el.text or ""
        if next(el.iter(*NO_TEXT), None) is None:  # nothing left out: every text node, joined in C
            return _tostring(el, method="text", encoding=str, with_tail=False)  # type: ignore[no-any-return]
    return "".join(_TEXTS(el))


def inside(el: Any, targets: frozenset[Any] | set[Any]) -> Any:
    """The first of ``targets`` that is ``el`` or an ancestor of it, else None."""
    node = el
    while node is not None:
        if node in targets:
            return node
        node = node.getparent()
    return None


def collapse_spaces(value: str) -> str:
    """``re.sub(r"\\s+", " ", value)``, several times faster: runs of whitespace become one space."""
    out = " ".join(value.split())
    if not out:
        return " " if value else ""
    if value[0].isspace():
        out = " " + out
    if value[-1].isspace():
        out += " "
    return out
