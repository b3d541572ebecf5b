"""Policy documents and their interpretations (SL202 missing-policy-interpretation): what a page is,
what it is called, and which of its own content links go to documents.

Kinds, strongest first: the ``[kinds]`` globs of the config (they win over everything the page
says; a column's list page under the glob is not a document), Markdown front matter ``kind:``,
then what the page shows: a 文号 in its disclosure table next to a 索引号 or 发布机构, the column
(``ColumnName``/``ColumnType``), or 解读 in its title. Only links inside the page's own content
count, and a link to a column index is not a link to a document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sitelint.archive import front_matter_line
from sitelint.content import is_column_index
from sitelint.gongwen import find_doc_numbers, first_doc_number
from sitelint.site import Place

POLICY, INTERPRETATION = "policy", "interpretation"
_KIND_WORDS = {"policy": POLICY, "政策文件": POLICY, "interpretation": INTERPRETATION, "解读": INTERPRETATION,
               "政策解读": INTERPRETATION}
_NUMBER_FIELDS = ("文号", "发文字号")
_COMPANION_FIELDS = ("索引号", "信息索引", "发布机构", "发文机关", "发文机构", "发文单位")
_TITLE_FIELDS = ("标题", "信息名称")
_NAME = re.compile(r"《([^《》]{2,80})》")
_ORIGIN_WORDS = ("原文", "政策文件", "文件全文")


#: A link in the page's own content to another document: (target, text) — the decoded site path of an on-site
#: link (None for an off-site one), and the link text and title attribute. A plain tuple: documents have many,
#: and they are made in the page pass and sent to the site pass (a NamedTuple pickles through Python code).
DocLink = tuple[str | None, str]


@dataclass(frozen=True)
class DocFacts:
    kind: str
    #: a policy that must have an interpretation (per the check's options)
    needs: bool
    title: str
    #: the 《…》 names in the title
    names: tuple[str, ...]
    #: where a finding about the whole page goes (front matter ``kind:``, the heading, the content)
    place: Place
    #: the content links to documents, each as (the site file it is served from, None if off-site or missing;
    #: its text): resolved in the page pass, where the site's files are known and most targets already resolved
    links: tuple[DocLink, ...]
    #: why the page is of this kind, for messages
    why: str


def page_kind(page: Any, policy_columns: tuple[str, ...], interpretation_columns: tuple[str, ...],
              letter_marks: tuple[str, ...]) -> tuple[str, str] | None:
    """(kind, why) for a policy document or an interpretation page, None for anything else (worked out once
    per page for each set of options: three checks ask)."""
    known = page.shared(_kinds)
    key = (policy_columns, interpretation_columns, letter_marks)
    if key not in known:
        known[key] = _page_kind(page, policy_columns, interpretation_columns, letter_marks)
    return known[key]


def _kinds(page: Any) -> dict[tuple[tuple[str, ...], ...], tuple[str, str] | None]:
    return {}


def _page_kind(page: Any, policy_columns: tuple[str, ...], interpretation_columns: tuple[str, ...],
               letter_marks: tuple[str, ...]) -> tuple[str, str] | None:
    configured = {k: page.configured_kind(k) for k in (POLICY, INTERPRETATION)}
    for kind, says in configured.items():
        if says:
            return None if is_column_index(page.path) else (kind, "配置 [kinds]")
    declared = _KIND_WORDS.get(str(page.front_matter.get("kind", "")).strip().lower())
    if declared is not None and configured[declared] is None:
        return declared, "front matter kind"
    if is_column_index(page.path) or page.front_matter.get("kind"):
        return None
    if configured[POLICY] is None:
        fields = page.fields
        number = next((f.value for n in _NUMBER_FIELDS if (f := fields.get(n)) is not None and f.value), "")
        found = first_doc_number(number)
        if found is not None and not found.code.endswith(letter_marks) and any(n in fields for n in _COMPANION_FIELDS):
            return POLICY, f"文号 {found.text}"
        column = _column(page)
        if any(c in column for c in policy_columns):
            return POLICY, "所在栏目"
    if configured[INTERPRETATION] is None:
        title = doc_title(page)
        pictured = ("图解" in title or "问答" in title) and "《" in title
        if "解读" in title or pictured or any(c in _column(page) for c in interpretation_columns):
            return INTERPRETATION, "标题或栏目"
    return None


def _column(page: Any) -> str:
    return f"{page.meta.get('ColumnName', '')} {page.meta.get('ColumnType', '')}"


def doc_title(page: Any) -> str:
    """The document's own title: ``ArticleTitle``, the disclosure table's 标题, front matter, ``<title>``."""
    fields = page.fields
    for value in (page.meta.get("ArticleTitle"), *(f.value for n in _TITLE_FIELDS if (f := fields.get(n)))):
        if value and value.strip():
            return str(value).strip()
    return str(page.title)


def names(title: str) -> tuple[str, ...]:
    return tuple(m.group(1).strip() for m in _NAME.finditer(title))


def heading_line(page: Any, kind_key: str = "kind") -> int:
    """Where to report on the page as a whole: the front matter line declaring it, else its heading."""
    line = front_matter_line(page.lines, kind_key) if page.is_markdown else None
    if line is not None:
        return line
    roots = page.content_roots
    for root in roots:
        for el in root.iter("h1", "h2", "ucaptitle"):
            return page.line_of(el)
    return page.line_of(roots[0]) if roots else 1


def content_links(page: Any) -> tuple[DocLink, ...]:
    """The page's own links to documents: in its content, navigable, not to a column index nor to itself."""
    # The <a>/<area> elements of the content, found from the content roots (a few elements) rather than by
    # asking about every link of the page (page.is_chrome_link, inlined).
    anchors = {el for root in page.content_roots for el in root.iter("a", "area")}
    if not anchors:
        return ()
    found = []
    path = page.path
    for link in page.links:
        el = link.element
        if el not in anchors or link.scheme not in ("http", "https", ""):
            continue
        target = link.target
        if link.internal and (target is None or target == path):
            continue
        if is_column_index(target if target is not None else link.url):
            continue
        shown = " ".join((el.text or "").split()) if len(el) == 0 else page.text_of(el)  # most links: one text node
        text = f"{shown} {el.get('title') or ''}".strip()
        found.append((link.target if link.internal else None, text))
    return tuple(found)


def says_origin(text: str, wanted: tuple[str, ...]) -> bool:
    """Link text that points at a policy's 原文: 原文, one of the interpretation's 《names》, or a 文号."""
    return (any(w in text for w in _ORIGIN_WORDS) or any(f"《{n}》" in text or n in text for n in wanted)
            or next(find_doc_numbers(text), None) is not None)
