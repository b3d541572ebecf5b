"""A page: decoded once, with lazy views every check shares.

``Page`` holds the decoded text of one HTML or Markdown file and builds, on
first use, the lxml tree (Markdown is rendered with source lines kept), the
links, ids, ``<meta>`` tags, front matter, visibility and positions. Checks
only read it.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import lxml.etree as etree

from sitelint.config import Config
from sitelint.content import ContentAnalysis, Field, analyse, is_column_index, is_list_page, publication_date
from sitelint.lazy import lazy
from sitelint.links import Link, Resolver, extract_links, fragment_targets
from sitelint.positions import LXML_LINE_CAP, Positions, lone_cr_as_lf, lxml_line, snippet
from sitelint.regions import marked_elements
from sitelint.site import LinkFact, LinkRecord, Place, SiteFiles
from sitelint.suppress import ATTRIBUTE, NO_SCOPE, element_scope
from sitelint.tree import text_content

HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")
MARKDOWN_SUFFIXES = (".md", ".markdown")
PAGE_SUFFIXES = HTML_SUFFIXES + MARKDOWN_SUFFIXES


def html_parser() -> Any:
    """A parser for one page: UTF-8 input, no depth limit, plain lxml elements.

    Not lxml.html's element classes: a proxy of a Python subclass costs more to make, and checks walk the
    tree many times (text_content() is :func:`sitelint.tree.text_content`)."""
    return etree.HTMLParser(encoding="utf-8", huge_tree=True)


_PARSER = html_parser()

StylesheetLoader = Callable[[str], str | None]
T = TypeVar("T")


def page_format(name: str) -> str | None:
    lowered = name.lower()
    if lowered.endswith(HTML_SUFFIXES):
        return "html"
    if lowered.endswith(MARKDOWN_SUFFIXES):
        return "markdown"
    return None


def glob_match(path: str, pattern: str) -> bool:
    """Glob on a site-relative posix path; ``**`` crosses directories, ``dir/`` means everything below."""
    if pattern.endswith("/"):
        pattern += "**"
    if fnmatch.fnmatchcase(path, pattern):
        return True
    # "zcwj/**" also matches files directly under zcwj/, and "**/x" matches a top-level x.
    if "**/" in pattern and fnmatch.fnmatchcase(path, pattern.replace("**/", "")):
        return True
    return pattern.endswith("/**") and path.startswith(pattern[:-2])


class Page:
    def __init__(
        self,
        path: str,
        text: str,
        config: Config,
        *,
        fmt: str = "html",
        stylesheet_loader: StylesheetLoader | None = None,
        site: SiteFiles | None = None,
        utf8: bytes | None = None,
    ) -> None:
        #: site-relative posix path ("zcwj/2024/a.html")
        self.path = path
        self.text = text
        #: ``text`` encoded as UTF-8, when the caller has those bytes (the file's own, decoded as UTF-8)
        self._utf8 = utf8
        self.config = config
        self.format = fmt
        self._load_stylesheet = stylesheet_loader
        #: the built site's files (for resolving link targets during the page pass); may be None
        self.site = site
        #: (line, message) problems met while parsing, reported by the engine
        self.parse_problems: list[tuple[int, str]] = []
        self._shared: dict[Callable[[Page], Any], Any] = {}

    # --- source ---------------------------------------------------------------------------

    @lazy
    def utf8(self) -> bytes:
        """``text`` encoded as UTF-8 (``surrogatepass``): the file's own bytes when it was UTF-8."""
        return self._utf8 if self._utf8 is not None else self.text.encode("utf-8", "surrogatepass")

    @lazy
    def lines(self) -> list[str]:
        return self.text.splitlines()

    @lazy
    def _rendered(self) -> Any:
        from sitelint.markdown import render

        rendered = render(self.text)
        if rendered.front_matter_error:
            self.parse_problems.append(rendered.front_matter_error)
        return rendered

    @property
    def is_markdown(self) -> bool:
        return self.format == "markdown"

    @lazy
    def html(self) -> str:
        """The HTML the tree is built from (the rendered body for Markdown)."""
        return self._rendered.html if self.is_markdown else self.text

    @lazy
    def front_matter(self) -> dict[str, Any]:
        return self._rendered.front_matter if self.is_markdown else {}

    # --- tree -----------------------------------------------------------------------------

    @lazy
    def root(self) -> Any:
        data = self.html.encode("utf-8", "surrogatepass") if self.is_markdown else self.utf8
        if b"\r" in data:  # libxml2 counts only LF as a line break: an old Mac file's lines would all be line 1
            data = lone_cr_as_lf(data)
        parser = html_parser()
        root = etree.fromstring(data, parser) if data and not data.isspace() else None
        for entry in parser.error_log:
            if "depth" in entry.message.lower():
                self.parse_problems.append(
                    (entry.line or 1, "标记嵌套过深，浏览器与 sitelint 都只能解析其中一部分，其余内容未检查")
                )
                break
        if root is None:
            root = etree.fromstring(b"<html><body></body></html>", _PARSER)
        return root

    @lazy
    def positions(self) -> Positions:
        return Positions(self.html, self.root)

    def position(self, el: Any) -> tuple[int, int | None]:
        line, col = self.positions.of(el)
        return (line, None) if self.is_markdown else (line, col)

    def line_of(self, el: Any) -> int:
        """``position(el)[0]`` without scanning the source for the column: lxml's line unless libxml2 capped it."""
        line = lxml_line(el)
        return line if line < LXML_LINE_CAP else self.position(el)[0]

    def iter(self, *tags: str) -> Iterable[Any]:
        return self.root.iter(*tags) if tags else self.root.iter()

    # --- derived views ---------------------------------------------------------------------

    @lazy
    def base_href(self) -> str | None:
        for el in self.root.iter("base"):
            href = el.get("href")
            if href:
                return str(href)
        return None

    @lazy
    def resolver(self) -> Resolver:
        return Resolver(self.path, self.config.domains, self.base_href)

    @lazy
    def links(self) -> list[Link]:
        return extract_links(self.root, self.resolver)

    @lazy
    def ids(self) -> frozenset[str]:
        """Fragment targets on this page: every id and every ``<a name>``."""
        return fragment_targets(self.root)

    @lazy
    def meta(self) -> dict[str, str]:
        """``<meta name=… content=…>`` by name as written (first occurrence wins)."""
        found: dict[str, str] = {}
        for el in self.root.iter("meta"):
            name = el.get("name")
            if name is not None and name not in found:
                found[name] = (el.get("content") or "").strip()
        return found

    @lazy
    def title(self) -> str:
        if self.is_markdown and isinstance(self.front_matter.get("title"), str):
            return str(self.front_matter["title"]).strip()
        for el in self.root.iter("title"):
            return self.text_of(el)
        return ""

    @lazy
    def visibility(self) -> Any:
        from sitelint.visibility import Visibility

        sheets: list[tuple[str, str]] = []
        if self._load_stylesheet is not None:
            for link in self.links:
                if link.tag == "link" and link.internal and link.target and "stylesheet" in (
                    link.element.get("rel", "").lower()
                ):
                    css = self._load_stylesheet(link.target)
                    if css is not None:
                        sheets.append((link.target, css))
        return Visibility(self.root, sheets)

    def visible(self, el: Any) -> bool:
        return bool(self.visibility.is_visible(el))

    def hidden_reason(self, el: Any) -> str | None:
        reason = self.visibility.hidden_reason(el)
        return str(reason) if reason is not None else None

    @staticmethod
    def text_of(el: Any) -> str:
        """The element's text with whitespace collapsed."""
        return " ".join(text_content(el).split())

    @lazy
    def may_ignore(self) -> bool:
        """Whether ``data-sitelint-ignore`` is written anywhere in the HTML (else no element has a scope)."""
        return ATTRIBUTE in self.html

    def place(self, line: int) -> Place:
        """A picklable anchor for a site finding at ``line`` of this page, with the line's text."""
        return Place(line, snippet(self.lines, line, None))

    def link_fact(self, link: Link) -> LinkFact:
        """A picklable anchor for a site finding at ``link``."""
        return LinkFact._make(self.link_record(link))

    def link_record(self, link: Link) -> LinkRecord:
        """:meth:`link_fact` as a plain tuple, the cheaper shape for site facts (see :data:`LinkRecord`)."""
        scope = element_scope(link.element) if self.may_ignore else NO_SCOPE
        # Markdown: the line the start tag begins on (lxml gives the line of its ">"); HTML pages are placed from
        # the source by the engine when a finding is reported
        line = self.position(link.element)[0] if self.is_markdown else lxml_line(link.element)
        return (link.tag, link.attr, link.raw, link.target or "", link.fragment, line, link.ordinal, scope)

    def shared(self, compute: Callable[[Page], T]) -> T:
        """``compute(self)``, computed once per page: for a helper module's view that several checks ask for."""
        cache = self._shared
        if compute in cache:
            return cache[compute]  # type: ignore[no-any-return]
        value = cache[compute] = compute(self)
        return value

    # --- kinds ------------------------------------------------------------------------------

    def configured_kind(self, kind: str) -> bool | None:
        """What the ``[kinds]`` globs say about this page (None: config says nothing about ``kind``)."""
        patterns = self.config.kinds.get(kind)
        if not patterns:
            return None
        return any(glob_match(self.path, p) for p in patterns)

    # --- content (sitelint/content.py): template chrome is not content -----------------------

    @lazy
    def content(self) -> ContentAnalysis:
        """The page's own content, fields and publisher, computed once (see :mod:`sitelint.content`)."""
        return analyse(self)

    @property
    def content_roots(self) -> list[Any]:
        """Elements holding the page's own content (article, info bar, disclosure table), never the chrome."""
        return self.content.roots

    @property
    def content_body(self) -> Any:
        """The article body (its paragraphs), inside the first content root."""
        return self.content.body

    def in_content(self, el: Any) -> bool:
        """Whether ``el`` is inside one of the content roots."""
        return self.content.contains(el)

    def is_chrome_link(self, link: Link) -> bool:
        """A link of the template (outside the content) or to a column index page, not to a document."""
        target = link.target if link.target is not None else link.url
        return not self.in_content(link.element) or is_column_index(target)

    @lazy
    def content_text(self) -> str:
        """The text of the content roots (every text node, scripts included), one root per line: a cheap
        precondition for searches in the content ("no 废止 in it: no block of it says 废止")."""
        return "\n".join(map(text_content, self.content.roots))

    @lazy
    def marked(self) -> list[tuple[Any, str, str | None, str | None]]:
        """(element, tag, class, id) for each element of <body> with a class, an id or a marking tag
        (<footer>, <nav> …), in document order: from the content analysis when it has run, else one pass."""
        if "content" in self.__dict__:
            return self.content.marked
        body = self.root.find("body")
        return marked_elements(body if body is not None else self.root)

    @property
    def fields(self) -> dict[str, Field]:
        """Labelled fields of the info bar and disclosure table, by normalised label ("来源", "发布机构")."""
        return self.content.fields

    @property
    def publishers(self) -> tuple[str, ...]:
        """The site's own publisher names: 主办单位 in the footer, then ``SiteName``."""
        return self.content.publishers

    @lazy
    def pub_date(self) -> str | None:
        """The publication date as written (front matter, ``PubDate`` meta, then the info bar), or None."""
        return publication_date(self)

    @lazy
    def is_list_page(self) -> bool:
        """A column's index or list page (by its name, or a body of links), not a document."""
        return is_list_page(self)
