"""``--format text``: ``path:line:col: CODE [name] message``, the source line with a caret, a summary."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

import click

from sitelint.engine import RunResult
from sitelint.findings import Finding, Severity
from sitelint.report import ReportContext, counts

_ASCII = re.compile(r"[\x00-\x7f]+")
_COLORS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}
_LABELS = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}


def display_width(text: str) -> int:
    """Terminal columns: CJK and full-width characters take two (ASCII never does)."""
    others = _ASCII.sub("", text)
    return len(text) + sum(1 for ch in others if unicodedata.east_asian_width(ch) in "WF")


def _style(text: str, ctx: ReportContext, **kw: object) -> str:
    return click.style(text, **kw) if ctx.color else text  # type: ignore[arg-type]


def _caret(f: Finding, ctx: ReportContext) -> str:
    """The source line, and a caret under the column: each line after a newline ("" without a snippet)."""
    if not f.snippet or not ctx.show_source:
        return ""
    source = f.snippet.replace("\t", " ").rstrip()
    bar = f"{f.line} | "
    if f.column is None:
        return f"\n{_style(bar, ctx, fg='blue')}{source}"
    # The snippet may be a window into a long line: place the caret by the text before the tag.
    col = f.column
    if len(f.snippet) >= 160 and col > 40:
        col = 41
    pad = " " * display_width(source[: max(0, col - 1)])
    under, caret = " " * len(str(f.line)) + " | ", "^"
    if ctx.color:
        bar, under = click.style(bar, fg="blue"), click.style(under, fg="blue")
        caret = click.style(caret, fg="red", bold=True)
    return f"\n{bar}{source}\n{under}{pad}{caret}"


def format_finding(f: Finding, ctx: ReportContext) -> str:
    where = f"{f.path}:{f.line}:{f.column}" if f.column is not None else f"{f.path}:{f.line}"
    severity = f.severity or Severity.ERROR
    code = f.code
    if ctx.color:
        where, code = click.style(where, bold=True), click.style(code, fg=_COLORS[severity], bold=True)
    head = f"{where}: {code} [{f.rule}] {f.message}"
    if severity != Severity.ERROR:
        head += f"（{_LABELS[severity]}）"
    if f.fix is not None:
        head += f" [*] {f.fix.description}"
    return head + _caret(f, ctx)


def render(result: RunResult, ctx: ReportContext) -> str:
    out = [format_finding(f, ctx) for f in result.findings]
    c = counts(result)
    total = len(result.findings)
    if total:
        out.append("")
        by_rule = Counter((f.code, f.rule) for f in result.findings)
        for (code, rule), n in sorted(by_rule.items()):
            out.append(f"{n:>6}  {code}  {rule}")
        tally = f"错误 {c['errors']}，警告 {c['warnings']}，提示 {c['infos']}"
        out.append(f"检查了 {result.files} 个文件，发现 {total} 个问题：{tally}。")
    else:
        out.append(_style(f"检查了 {result.files} 个文件，未发现问题。", ctx, fg="green"))
    out.append("")  # the final newline, without copying the whole report once more
    return "\n".join(out)


def render_statistics(result: RunResult) -> str:
    """``--statistics``: the number of findings per rule, most frequent first."""
    by_rule = Counter((f.code, f.rule) for f in result.findings)
    lines = [f"{n:>6}  {code}  {rule}" for (code, rule), n in sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0]))]
    c = counts(result)
    lines.append(f"检查了 {result.files} 个文件，发现 {len(result.findings)} 个问题：错误 {c['errors']}，"
                 f"警告 {c['warnings']}，提示 {c['infos']}。")
    return "\n".join(lines) + "\n"
