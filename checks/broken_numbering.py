"""SL506 broken-numbering."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sitelint import gongwen
from sitelint.check import PageCheck
from sitelint.findings import Finding, Severity
from sitelint.page import Page
from sitelint.tree import text_content

_WS = " \t\u00a0\u3000"
_LEVELS = {"chapter": "章", "section": "节", "article": "条", "item": "（）", "list": "、"}
# Cheap preconditions on the source, each led by a literal (fast): an item numbered 二 or more. With each, the
# character it needs, looked for first (one character is found several times faster than a regex scans).
_SECOND = tuple((lead, re.compile(p)) for lead, p in (
    ("第", "第[二三四五六七八九十百]"), ("（", "（[二三四五六七八九十]"), ("(", r"\([二三四五六七八九十]"),
    ("、", "、(?<=[二三四五六七八九十]、)")))
# What starts afresh under a new item of a level.
_RESETS = {"章": ("节", "（）"), "节": ("（）",), "条": ("（）",)}


@dataclass(frozen=True)
class Options:
    #: 检查的编号层级：chapter（第一章）、section（第一节）、article（第一条）、item（（一））、list（一、）
    levels: tuple[str, ...] = ("chapter", "section", "article", "item", "list")


_Options = Options


class BrokenNumbering(PageCheck):
    """正文中的章、条、（一）、一、等编号跳号、重复、倒序或残缺（如“第十二条”只剩“第十”）。

    ## 检查内容

    按顺序读正文中位于段首（或 `<br>` 换行后行首）的编号：`第一章`、`第一节`、`第一条`（条号后须有
    空格或冒号，繁体“第一條”亦可）、`（一）`、`一、`，汉字数字到“九十九”“一百零一”及以上。同一层级的编号应逐一递增：跳过
    （第二章之后是第四章）、重复（两个第九条）、倒序都报告；条文号丢了“条”字和尾数（段首只剩
    “第十 ”）报告为残缺，并说明按顺序应是第几条。重复或倒序的编号按“应为下一个编号”继续往下数，
    跳号按写出的编号继续往下数，所以一处错误只报告一次。

    条按全文连续编号，章连续编号，节在每章内、（一）在每条（或每章）内重新开始。编号回到“一”
    总是允许的（附件、正文中引用的另一份文件、目录之后的正文都会重新编号），“附件”一行之后所有
    层级重新开始。正文叙述中引用的条文（“依照本办法第五条”）、引号开头的段落、链接文字（列表页的
    标题）都不是编号。只看页面自己的内容，不看模板。

    ## 原因与依据

    条文号和层次序数是引用的依据：解读、修改决定、废止决定和其他文件都按“第X条”“（X）”指向条文，
    编号错乱后这些引用就指向错误的内容。GB/T 9704-2012 7.3.3 规定文中结构层次序数依次用“一、”
    “（一）”“1.”“（1）”标注。真实例子见 seeds：某民政局《政府网站、政务新媒体运维管理制度》第十二条
    至第十五条的条文号只剩“第十 ”；六安市信访局的政府网站管理办法从第二章直接跳到第四章。检查规则
    （什么算编号、哪些层级重新开始）由文件结构推断，未经官方确认（REGULATIONS 未收录），默认是警告。

    ## 错误示例

    ```html
    <div id="zoom">
    <p>第一章 总 则</p>
    <p>第十条 政府网站和政务新媒体信息的发布、转载，应当严格审核。</p>
    <p>第二章 内容保障</p>
    <p>第十一条 政府网站首页动态栏目每周更新不少于1次。</p>
    <p>第四章 安全管理</p>  <!-- expect: broken-numbering -->
    <p>第十  要畅通在线互动渠道，实现与网民的有效互动。</p>  <!-- expect: broken-numbering -->
    <p>第十三条 本制度自发布之日起施行。</p>
    </div>
    ```

    ## 正确示例

    ```html
    <div id="zoom">
    <p>第一条 依照本办法第五条的规定执行。</p>
    <p>第二条 政府网站开设、下线及变更：</p>
    <p>（一）开设政府网站应当备案；</p>
    <p>（二）下线应当公告。</p>
    <p>第三条 政务新媒体管理：</p>
    <p>（一）统一标识。</p>
    <p>附件</p>
    <p>第一条 本细则适用于全市政府网站。</p>
    <ul><li><a href="/zcwj/1.html">第三章 内容保障（解读）</a></li></ul>
    </div>
    ```

    ## 选项

    - `levels`（字符串列表，默认全部）：检查的编号层级，`chapter`（第一章）、`section`（第一节）、
      `article`（第一条）、`item`（（一））、`list`（一、）。
    """

    code = "SL506"
    name = "broken-numbering"
    default_severity = Severity.WARNING
    Options = Options

    def check(self, page: Page) -> Iterator[Finding]:
        text = page.text
        # a sequence can only break from its second item on
        if not any(lead in text and p.search(text) for lead, p in _SECOND):
            return
        opts: _Options = self.options
        wanted = {_LEVELS[k] for k in opts.levels if k in _LEVELS}
        src = gongwen.Source(page)
        expected: dict[str, int | None] = dict.fromkeys(gongwen.ITEM_SHAPES)
        for block in page.shared(gongwen.content_blocks):
            for _, line in gongwen.lines(block):
                if gongwen.is_annex(line):
                    expected = dict.fromkeys(gongwen.ITEM_SHAPES)
                    continue
                item = gongwen.parse_item(line)
                if item is None or item.level not in wanted or _linked(block.element, line):
                    continue
                value, want = item.value, expected[item.level]
                message = None
                if item.garbled is not None:  # "第十  …": the article number lost its tail and 条
                    if want is None or not gongwen.int_to_cn(want).startswith(item.garbled):
                        continue
                    value = want
                    message = f"条文编号残缺：`{item.text}`，按顺序应为 `第{gongwen.int_to_cn(want)}条`"
                elif want is not None and value != want and value != 1:
                    message = gongwen.sequence_problem(item.level, value, want)
                    if value < want:  # a repeated or stray number stands where the next one belongs
                        value = want
                expected[item.level] = value + 1
                for lower in _RESETS.get(item.level, ()):
                    expected[lower] = None
                if message is not None:
                    bare = line.strip(_WS)
                    offset = src.find(block.element, bare[: len(item.text) + 16])
                    if offset is None:
                        offset = src.find(block.element, item.text)
                    yield self.finding(src.anchor(block.element, offset), message)


def _linked(el: Any, line: str) -> bool:
    """The line is link text (a list page's title), not a heading of this page."""
    for a in el.iter("a"):
        label = (text_content(a) or "").strip(_WS)
        if label and line.strip(_WS).startswith(label[:12]):
            return True
    return False
