"""SL202 missing-policy-interpretation."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from sitelint import policy
from sitelint.check import SiteCheck
from sitelint.findings import Finding, Severity
from sitelint.page import Page
from sitelint.site import SiteIndex


@dataclass(frozen=True)
class Options:
    #: `ColumnName`/`ColumnType` 中含有这些词的页面是政策文件
    policy_columns: tuple[str, ...] = ("政策文件", "规范性文件")
    #: `ColumnName`/`ColumnType` 中含有这些词的页面是解读
    interpretation_columns: tuple[str, ...] = ("政策解读",)
    #: 链接文字或目标标题含有这些词，即为指向解读的链接
    interpretation_words: tuple[str, ...] = ("解读", "图解", "问答")
    #: 只要求这些栏目（`ColumnName`/`ColumnType`）的政策文件有解读；空表示不限
    require_columns: tuple[str, ...] = ()
    #: 只要求标题含这些词的政策文件有解读（如 办法、规定、意见、方案、措施）；空表示不限
    require_title_words: tuple[str, ...] = ()
    #: 机关代字以这些字结尾的文号是函件，不据此把页面当作政策文件
    letter_marks: tuple[str, ...] = ("函",)


_Options = Options  # the class attribute below shadows the name in annotations


class MissingPolicyInterpretation(SiteCheck):
    """政策文件没有链接到它的解读，或解读没有链接回政策原文。

    ## 检查内容

    在整个站点中检查政策文件与解读的双向链接：

    - 政策文件页面（配置 `[kinds] policy`、front matter `kind: policy`，或信息公开表中有文号
      （如 `某府办〔2024〕5号`）并有索引号/发布机构，或栏目 `ColumnName`/`ColumnType` 为政策文件、
      规范性文件）应在正文中链接到解读（链接文字或目标页面含“解读”“图解”“问答”，或目标是解读页面）。
      站内已有解读链接到它、或解读标题 `关于《…》的解读` 中的文件名与它的标题对上，而它没有链接
      到这个解读，是错误；站内根本没有它的解读，是警告。
    - 解读页面（配置 `[kinds] interpretation`、front matter `kind: interpretation`、标题含“解读”，或在
      政策解读栏目中）必须在正文中链接回政策原文；政策文件链接到它而它没有链接回去，报告在解读页面上。

    只看页面自己的正文：导航里指向“政策解读”栏目的链接、指向栏目列表页的链接都不算。配置优先于
    页面上的猜测；栏目的列表页不是该栏目的文档。机关代字以“函”结尾的文号（函件）不据此认定为政策文件。

    ## 原因与依据

    韶关市政府网站管理办法（韶府办〔2023〕5号）第十九条：“在政策文件页面提供解读材料页面入口，在解读
    材料页面关联政策文件有关内容”；通辽市要求解读与文件同步发布。检查通报中常见“解读稿未与政策原文
    做好双向关联”“政策文件未被解读”（REGULATIONS §4）。页面的分类规则尚无官方确认，故可配置。

    ## 错误示例

    ```markdown
    ---
    title: 关于《万载县城市管理办法》的解读
    kind: interpretation  # expect: missing-policy-interpretation
    ---

    # 关于《万载县城市管理办法》的解读

    《办法》共六章四十条，明确了城市管理的职责分工。
    ```

    ## 正确示例

    ```markdown
    ---
    title: 关于《万载县城市管理办法》的解读
    kind: interpretation
    ---

    # 关于《万载县城市管理办法》的解读

    原文链接：[万载县人民政府关于印发《万载县城市管理办法》的通知](/zcwj/2024/t20240105_1.html)
    ```

    ## 选项

    - `policy-columns`（默认 `["政策文件", "规范性文件"]`）、`interpretation-columns`（默认 `["政策解读"]`）：
      按栏目元数据认定页面类型。
    - `interpretation-words`（默认 `["解读", "图解", "问答"]`）：链接文字含这些词即为解读链接。
    - `require-columns`、`require-title-words`（默认空，即所有政策文件都要有解读）：只要求这些栏目、
      或标题含这些词（如 `["办法", "规定", "意见", "方案", "措施"]`）的政策文件有解读；两项都设时都要满足。
    - `letter-marks`（默认 `["函"]`）：机关代字以这些字结尾的文号不使页面成为政策文件。
    """

    code = "SL202"
    name = "missing-policy-interpretation"
    Options = Options

    def collect(self, page: Page) -> policy.DocFacts | None:
        opts: _Options = self.options
        found = policy.page_kind(page, opts.policy_columns, opts.interpretation_columns, opts.letter_marks)
        if found is None:
            return None
        kind, why = found
        title = policy.doc_title(page)
        column = f"{page.meta.get('ColumnName', '')} {page.meta.get('ColumnType', '')}"
        needs = kind == policy.POLICY and (not opts.require_columns or any(c in column for c in opts.require_columns)) \
            and (not opts.require_title_words or any(w in title for w in opts.require_title_words))
        return policy.DocFacts(kind, needs, title, policy.names(title), page.place(policy.heading_line(page)),
                               _served(page, policy.content_links(page)), why)

    def check_site(self, site: SiteIndex, facts: Mapping[str, Any]) -> Iterator[Finding]:
        opts: _Options = self.options
        docs: dict[str, policy.DocFacts] = {p: f for p, f in facts.items() if isinstance(f, policy.DocFacts)}
        kind = {p: f.kind for p, f in docs.items()}
        words = opts.interpretation_words
        says: dict[str, bool] = {}  # link text -> it names an interpretation (link texts repeat)

        def says_interpretation(text: str) -> bool:
            found = says.get(text)
            if found is None:
                found = says[text] = any(w in text for w in words)
            return found

        interps = [p for p, k in kind.items() if k == policy.INTERPRETATION]
        policies = [p for p, k in kind.items() if k == policy.POLICY]
        cited_by = {i: {t for t, _text in docs[i].links if t is not None} for i in interps}  # what each one links to
        first_citing: dict[str, str] = {}  # a page -> the first interpretation that links to it
        for i in interps:
            for cited in cited_by[i]:
                first_citing.setdefault(cited, i)
        named = [(i, docs[i].names) for i in interps if docs[i].names]
        unlinked: set[tuple[str, str]] = set()  # (interpretation, policy) linked one way only
        for p in policies:
            doc = docs[p]
            to_interp = []
            for t, text in doc.links:
                target_kind = kind.get(t or "")
                if target_kind == policy.INTERPRETATION or (target_kind is None and says_interpretation(text)):
                    to_interp.append(t)
            for t in to_interp:
                if t in cited_by and p not in cited_by[t] and (t, p) not in unlinked:
                    unlinked.add((t, p))
                    yield self.at(t, docs[t].place, f"解读没有链接回政策原文 `/{p}`（原文已链接到本解读）")
            if to_interp:
                continue
            pair = first_citing.get(p)
            if pair is None and named:
                pair = next((i for i, names in named if any(n in doc.title for n in names)), None)
            if pair is not None:
                yield self.at(p, doc.place, f"政策文件没有链接到它的解读 `/{pair}`（{docs[pair].title}）")
            elif doc.needs:
                yield self.at(p, doc.place, f"政策文件没有解读：正文中没有指向解读的链接，站内也没有它的解读"
                                           f"（认定依据：{doc.why}）", severity=Severity.WARNING)
        reported = {i for i, _p in unlinked}
        for i in interps:
            doc = docs[i]
            if i in reported or any(kind.get(t or "") == policy.POLICY
                                    or (kind.get(t or "") is None and policy.says_origin(text, doc.names))
                                    for t, text in doc.links):
                continue
            origin = next((p for p in policies if any(n in docs[p].title for n in doc.names)), None)
            shown = f" `/{origin}`" if origin else ""
            yield self.at(i, doc.place, f"解读没有链接到政策原文{shown}（{doc.title}）")


def _served(page: Page, links: tuple[policy.DocLink, ...]) -> tuple[policy.DocLink, ...]:
    """``links`` with each on-site target replaced by the site file it is served from (None: no such file;
    without the site's files, none is known)."""
    site = page.site
    if site is None:
        return tuple((None, text) for _target, text in links)
    known, resolve = site.resolved, site.resolve  # most targets: resolved already, on this page or an earlier one
    return tuple((None if target is None else known.get(target) or resolve(target), text) for target, text in links)
