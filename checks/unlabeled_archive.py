"""SL301 unlabeled-archive."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from sitelint import archive
from sitelint.check import PageCheck
from sitelint.content import is_column_index
from sitelint.findings import Finding, Severity
from sitelint.page import Page


@dataclass(frozen=True)
class Options:
    #: 标明页面已归档的 `<meta name>`（内容非空且不是 false/0/否 即为已归档）
    archive_meta: tuple[str, ...] = ("filing", "archived")
    #: 归档标识的字样
    label: str = "已归档"
    #: 引出归档日期的字样
    date_labels: tuple[str, ...] = ("归档时间", "归档日期")
    #: 标识距正文开头最多多少个字（不计空白）；null 表示不检查位置
    max_offset: int | None = 300
    #: 构建日期（YYYY-MM-DD）：归档时间不得晚于它；不设时用运行的构建日期（`--today`/配置 `today`）
    as_of: str | None = None


_Options = Options  # the class attribute below shadows the name in annotations


class UnlabeledArchive(PageCheck):
    """已归档的页面没有醒目地标注“已归档”和归档时间。

    ## 检查内容

    已归档的页面——配置 `[kinds] archive` 的路径、Markdown front matter `archived: true`，或在配置
    未说明归档范围时带有 `<meta name="filing">` 之类标记的页面——必须让读者看到“已归档”字样和
    “归档时间”加日期（`2022年12月31日`、`2022-12-31`、`2022/12/31` 均可）。缺少标识、标识被隐藏、
    有标识但没有归档时间，分别报告。标识应在正文开头附近（正文上方、标题旁或信息栏中），模板
    导航、页脚里的“已归档信息”链接和读屏文字不算；归档时间不得早于页面的发布日期（`PubDate`），
    也不得晚于构建日期。

    正文里只是提到“归档”二字（档案工作新闻、“归档资料”栏目链接）的页面不算已归档页面；
    `[kinds] archive` 覆盖到的栏目列表页（`index.html`、`list_2.html`）也不算。

    ## 原因与依据

    韶关市政府网站管理办法（韶府办〔2023〕5号）第十三条：“归档后页面应能正常访问，并在页面显著
    位置清晰注明‘已归档’字样和归档时间”；六安市要求按 DA/T 80—2019 做网页归档（REGULATIONS §5）。
    读者要能一眼看出页面内容已不再更新，隐藏的标识等于没有。标识的位置与日期格式尚无官方确认，
    所以位置可配置，且只报警告。

    ## 错误示例

    ```markdown
    ---
    title: 2019年城区道路改造工程公告
    archived: true  # expect: unlabeled-archive
    ---

    # 2019年城区道路改造工程公告

    工程已于2019年12月完工。
    ```

    ## 正确示例

    ```markdown
    ---
    title: 2019年城区道路改造工程公告
    archived: true
    date: 2019-03-01
    ---

    **已归档** 归档时间：2022年12月31日

    # 2019年城区道路改造工程公告

    工程已于2019年12月完工。
    ```

    ## 选项

    - `archive-meta`（字符串列表，默认 `["filing", "archived"]`）：标明已归档的 `<meta name>`；只在配置
      没有 `[kinds] archive` 时使用（配置优先于猜测）。
    - `label`（字符串，默认 `已归档`）；`date-labels`（字符串列表，默认 `["归档时间", "归档日期"]`）。
    - `max-offset`（整数或不设，默认 300）：标识之前最多允许的正文字数（不计空白）。
    - `as-of`（`YYYY-MM-DD`，默认不设）：与归档时间比较的构建日期；不设时用本次运行的构建日期
      （命令行 `--today` 或配置 `today`，都没有时为运行当天，由引擎确定，检查本身不读时钟）；
      引擎没有构建日期时不比较。
    """

    code = "SL301"
    name = "unlabeled-archive"
    Options = Options

    def check(self, page: Page) -> Iterator[Finding]:
        opts: _Options = self.options
        if not self._archived(page, opts):
            return
        text = archive.PageText(page.root)
        roots = page.content_roots
        area = archive.StatusArea(text, roots[0] if roots else None, opts.max_offset)
        labels = text.find(archive.spaced(opts.label), archive.is_label)
        shown = [m for m in labels if page.visible(text.owner(m.start()))]
        dates = [m for w in opts.date_labels for m in text.find(rf"{archive.spaced(w)}\s*[:：]?\s*{archive.DATE}")]
        seen_dates = [m for m in dates if page.visible(text.owner(m.start("y")))]
        if not shown:
            hidden = [m for m in labels if area.near(m.start())]
            if hidden:
                el = text.owner(hidden[0].start())
                yield self.finding(el, f"“{opts.label}”标识读者看不到（{page.hidden_reason(el) or '被隐藏'}）")
            else:
                where = archive.front_matter_line(page.lines, "archived") or area.anchor
                yield self.finding(where, f"已归档页面没有“{opts.label}”标识"
                                   + ("" if seen_dates else f"，也没有{opts.date_labels[0]}"))
            return
        label_el = text.owner(shown[0].start())
        if seen_dates:
            yield from self._dates(page, text, seen_dates[0], opts)
        elif dates:
            reason = page.hidden_reason(text.owner(dates[0].start("y"))) or "被隐藏"
            yield self.finding(label_el, f"有“{opts.label}”标识，但{opts.date_labels[0]}读者看不到（{reason}）")
        else:
            yield self.finding(label_el, f"有“{opts.label}”标识，但没有{opts.date_labels[0]}及日期")
        if not any(area.near(m.start()) for m in shown):
            yield self.finding(label_el, f"“{opts.label}”标识不在正文开头附近", severity=Severity.WARNING)

    def _dates(self, page: Page, text: archive.PageText, m: re.Match[str], opts: _Options) -> Iterator[Finding]:
        el, value, date = text.owner(m.start("y")), m.group(0).strip(), archive.parse_date(m)
        published = archive.pub_date(page)
        built = dt.date.fromisoformat(opts.as_of) if opts.as_of else page.config.today
        if date is None:
            yield self.finding(el, f"归档时间不是有效日期：`{value}`")
        elif built is not None and date > built:
            yield self.finding(el, f"归档时间 `{value}` 晚于构建日期 {built.isoformat()}")
        elif published is not None and date < published:
            yield self.finding(el, f"归档时间 `{value}` 早于页面发布日期 {published.isoformat()}")

    @staticmethod
    def _archived(page: Page, opts: _Options) -> bool:
        if archive.truthy(page.front_matter.get("archived")):
            return True
        configured = page.configured_kind("archive")  # config globs win over guesses (the meta markers)
        if configured is not None:  # a glob takes in the column's list pages too: they are not archived
            return configured and not is_column_index(page.path)
        return any(archive.truthy(page.meta.get(name)) for name in opts.archive_meta if name in page.meta)
