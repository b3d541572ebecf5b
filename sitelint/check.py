"""What a check is: declared attributes and a pure ``check``.

A :class:`PageCheck` sees one page and yields findings. A :class:`SiteCheck`
collects small picklable facts from each page during the page pass
(``collect``) and, once every page has been seen, yields findings over the
site index (``check_site``); it never re-parses a page. Neither filters its own
output by configuration: selection, severity and suppression are the engine's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from sitelint.findings import Finding, Fix, Severity

if TYPE_CHECKING:
    from sitelint.page import Page
    from sitelint.site import SiteIndex

NAME_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
CODE_RE = re.compile(r"^SL\d{3}$")
#: The fixed sections of a check's documentation, in order.
DOC_SECTIONS = ("检查内容", "原因与依据", "错误示例", "正确示例", "选项")


class Check:
    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    #: which page formats the check reads: "html", "markdown"
    formats: ClassVar[tuple[str, ...]] = ("html", "markdown")
    default_severity: ClassVar[Severity] = Severity.ERROR
    #: a frozen dataclass of the check's options (None: no options)
    Options: ClassVar[type[Any] | None] = None
    #: run when config and command line select nothing explicitly
    enabled_by_default: ClassVar[bool] = True
    #: inline directives and ignores may turn the check off
    can_ignore: ClassVar[bool] = True
    #: the same finding on many pages comes from one template: report it once, with the count
    per_template: ClassVar[bool] = False
    #: set by the registry for checks from other distributions
    origin: ClassVar[str] = "sitelint"

    def __init__(self, options: Any = None) -> None:
        if options is None and self.Options is not None:
            options = self.Options()
        self.options = options

    @classmethod
    def summary(cls) -> str:
        doc = (cls.__doc__ or "").strip()
        return doc.splitlines()[0].strip() if doc else ""

    @classmethod
    def docs(cls) -> str:
        import inspect

        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def doc_sections(cls) -> Mapping[str, str]:
        """The docstring split by its ``## 标题`` headings."""
        sections: dict[str, list[str]] = {}
        current: list[str] | None = None
        for line in cls.docs().splitlines():
            if line.startswith("## "):
                current = sections.setdefault(line[3:].strip(), [])
            elif current is not None:
                current.append(line)
        return {k: "\n".join(v).strip() for k, v in sections.items()}

    def finding(
        self,
        anchor: Any,
        message: str,
        *,
        severity: Severity | None = None,
        fix: Fix | None = None,
    ) -> Finding:
        """A finding at ``anchor``: an lxml element, a Link, a 1-based line number, or None (the file)."""
        return Finding(rule=self.name, message=message, severity=severity, fix=fix, anchor=anchor)


class PageCheck(Check):
    def check(self, page: Page) -> Iterator[Finding]:
        raise NotImplementedError


class SiteCheck(Check):
    def collect(self, page: Page) -> Any:
        """Picklable facts about one page for ``check_site`` (None: nothing to keep)."""
        return None

    def check_site(self, site: SiteIndex, facts: Mapping[str, Any]) -> Iterator[Finding]:
        """Findings over the whole site; ``facts`` maps page path to what ``collect`` returned.

        Anchor findings with :meth:`at`, naming the page and a line (or a
        :class:`~sitelint.site.LinkFact`).
        """
        raise NotImplementedError

    def at(
        self,
        path: str,
        anchor: Any,
        message: str,
        *,
        severity: Severity | None = None,
    ) -> Finding:
        """A site finding on page ``path`` at a line number, a Place (``page.place(line)`` in collect(): the
        line's text comes with it) or a LinkFact."""
        return Finding(rule=self.name, message=message, severity=severity, path=path, anchor=anchor)
