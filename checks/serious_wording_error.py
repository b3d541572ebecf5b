"""SL107 serious-wording-error."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import regex

from sitelint import gongwen
from sitelint.check import PageCheck
from sitelint.config import ConfigError
from sitelint.findings import Edit, Finding, Fix, Safety, Severity
from sitelint.page import Page
from sitelint.textnorm import normalize

# A page whose CMS wrote its Chinese text as character references: the source alone cannot tell.
_ENCODED = re.compile(r"&#(?:[xX][4-9][0-9a-fA-F]{3}|[1-4]\d{4});")


@dataclass(frozen=True)
class Options:
    #: 追加的 错误写法 → 正确写法
    extra_pairs: dict[str, str] = field(default_factory=dict)
    #: 追加的正则表达式（regex 模块语法）→ 正确写法或说明
    extra_patterns: dict[str, str] = field(default_factory=dict)
    #: 不检查的内置错误写法
    exclude: tuple[str, ...] = ()
    #: 每个自定义正则表达式在一个页面上的运行时限（秒）
    timeout: float = 0.5


_Options = Options


class SeriousWordingError(PageCheck):
    """页面文字出现国名、领导人姓名、机构名称等严重表述错误（如“中华人民共合国”“攻府”）。

    ## 检查内容

    在页面文字（正文、模板、标题，含下拉菜单等隐藏后可展开的文字，不含脚本和注释）中查找版本化
    数据文件 `sitelint/data/wording_errors.txt` 中的错误写法，例如 `攻府`→`政府`、
    `中华人民共合国`→`中华人民共和国`、`齐齐哈市`→`齐齐哈尔市`、`温家室`→`温家宝`、`秸杆`→`秸秆`、
    `领导小姐`→`领导小组`、`扶贪`→`扶贫`。文字按段落读：实体和转义解码、零宽字符去掉、全角转半角，
    段落内被行内标签隔开的文字连起来。为了速度，只有源码中出现了错误写法、或用字符实体书写中文的页面
    才逐段阅读，所以完全被标签拆开的错误写法（`中华人民<b>共合国</b>`）可能漏掉。报告给出正确写法，
    并附带只在 `--unsafe-fixes` 下应用的修正（同形的人名等需要人工确认）。

    内置词表只收不会误伤正确文字的写法：单独的“杜会”不收（“杜会长”“杜会计”是姓杜的人），只收
    “杜会主义”“全杜会”等固定搭配；单独的“党史教育”不收（“党史教育基地”是专有名词），只收专题活动
    名称“党史教育动员大会”等。错误写法恰是正确写法的一部分时（用户扩展时可能出现），出现正确写法
    的地方不报告。

    ## 原因与依据

    《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号，已确认）把“出现严重表述错误”列为
    单项否决；2015 年普查的说明是“严重错别字（例如，将党和国家领导人姓名写错）”，抽查通报中
    超过 3 处即不合格，检查重点是国名、机构名称和领导人姓名（REGULATIONS §11）。词表中的错例来自
    公开通报（已确认）；“党史教育动员大会”等几条是按 issue #4 补充的，未经通报确认。一处即可否决，
    所以是错误。

    ## 错误示例

    ```html
    <div class="footer">主办：某某市人民攻府办公室</div>  <!-- expect: serious-wording-error -->
    <div id="zoom">
    <p>根据《中华人民共合国网络安全法》，结合本市实际，制定本办法。</p>  <!-- expect: serious-wording-error -->
    <p>全市秸杆综合利用率达到90%。</p>  <!-- expect: serious-wording-error -->
    </div>
    ```

    ## 正确示例

    ```html
    <div id="zoom">
    <p>根据《中华人民共和国网络安全法》，市政府成立政府网站工作领导小组。</p>
    <p>杜会长出席会议。参观党史教育基地，加强青少年党史教育。齐齐哈尔市秸秆综合利用。</p>
    </div>
    ```

    ## 选项

    - `extra-pairs`（表，默认空）：追加的 `错误写法 = "正确写法"`，如 `{"某某县人民攻府" = "某某县人民政府"}`。
    - `extra-patterns`（表，默认空）：追加的正则表达式（`regex` 模块语法）→ 正确写法或说明。每个表达式
      在一个页面上最多运行 `timeout` 秒，超时报告为一条警告并跳过，不会拖住整个构建。
    - `exclude`（字符串列表，默认空）：不检查的内置错误写法，如站点确有名叫“杜家豪”的人时 `["杜家豪"]`。
    - `timeout`（数字，默认 0.5）：每个自定义正则表达式在一个页面上的运行时限（秒）。
    """

    code = "SL107"
    name = "serious-wording-error"
    default_severity = Severity.ERROR
    Options = Options

    def __init__(self, options: Any = None) -> None:
        super().__init__(options)
        opts: _Options = self.options
        pairs = gongwen.wording_pairs()
        for wrong in opts.exclude:
            pairs.pop(normalize(wrong), None)
        for wrong, right in opts.extra_pairs.items():
            if not isinstance(right, str) or not normalize(wrong).strip():
                raise ConfigError(f"选项 `checks.{self.name}.extra-pairs` 的 `{wrong}` 应对应一个字符串（正确写法）")
            pairs[normalize(wrong).strip()] = (right, "自定义")
        self.pairs = pairs
        words = sorted(pairs, key=len, reverse=True)
        # the listed words with the standard library's re (faster for plain alternatives); user regexes with regex
        self.pattern = re.compile("|".join(re.escape(w) for w in words)) if words else None
        # the precondition on the source in one scan: a listed word or Chinese written as character references
        self.suspect = re.compile(f"{self.pattern.pattern}|{_ENCODED.pattern}") if self.pattern else None
        self.patterns: list[tuple[Any, str, str]] = []
        for source, right in opts.extra_patterns.items():
            try:
                self.patterns.append((regex.compile(source), source, str(right)))
            except regex.error as exc:
                raise ConfigError(
                    f"选项 `checks.{self.name}.extra-patterns` 中的正则表达式无效：`{source}`（{exc}）") from None

    def check(self, page: Page) -> Iterator[Finding]:
        raw = page.text
        if self.suspect is not None:
            suspect = self.suspect.search(raw) is not None
        else:
            suspect = "&#" in raw and _ENCODED.search(raw) is not None
        if not self.patterns and not suspect:
            return
        blocks = gongwen.blocks([page.root], soft_breaks=page.is_markdown)
        starts, parts, pos = [], [], 0
        for block in blocks:
            text = normalize(block.text)
            starts.append(pos)
            parts.append(text)
            pos += len(text) + 1
        joined = "\n".join(parts)
        src = gongwen.Source(page)
        hits: list[tuple[int, str, str, str, bool]] = []  # (offset in joined, matched, right, category, fixable)
        if self.pattern is not None:
            for m in self.pattern.finditer(joined):
                right, category = self.pairs[m.group()]
                if not gongwen.within_right(joined, m.start(), m.group(), right):
                    hits.append((m.start(), m.group(), right, category, True))
        for compiled, source, right in self.patterns:
            try:
                hits.extend((m.start(), m.group(), right, "自定义", False) for m in
                            compiled.finditer(joined, timeout=self.options.timeout) if m.group())
            except TimeoutError:
                yield self.finding(None, f"自定义表述错误模式 `{source}` 在本页运行超过 {self.options.timeout:g} 秒，"
                                   "已跳过：请简化这个正则表达式", severity=Severity.WARNING)
        for start, matched, right, category, fixable in sorted(hits):
            el = blocks[max(0, bisect.bisect_right(starts, start) - 1)].element
            offset = src.find(el, matched)
            fix = None
            if offset is not None and fixable:
                fix = Fix(f"改为 `{right}`", (Edit(offset, matched, right),), Safety.UNSAFE)
            yield self.finding(src.anchor(el, offset), f"严重表述错误（{category}）：`{matched}`，应为 `{right}`",
                               fix=fix)
