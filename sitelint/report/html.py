"""``--format html``: one self-contained page an editor opens in a browser (works offline).

Totals per rule and per directory with bars, a table of findings that can be
filtered by rule and severity and searched, each with the page, line, the
Chinese message, the offending snippet highlighted and the rule's explanation.
Filters are mirrored in the address (``report.html#rule=ad-link&severity=error&q=…``)
so a filtered view can be shared.
"""

from __future__ import annotations

import datetime
import json
import os
from collections import Counter
from html import escape
from typing import Any

from sitelint.engine import RunResult
from sitelint.findings import Finding, Severity
from sitelint.report import ReportContext, counts

_LABELS = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}

_CSS = """
*{box-sizing:border-box}body{font:14px/1.6 "PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;
margin:0;color:#1f2328;background:#f6f8fa}header{background:#9b1c1c;color:#fff;padding:16px 24px}
header h1{margin:0;font-size:20px}header p{margin:4px 0 0}main{padding:16px 24px;max-width:1400px}
section{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:12px 16px;margin-bottom:16px}
h2{font-size:16px;margin:0 0 8px}.totals span{display:inline-block;margin-right:16px;font-weight:600}
.error{color:#b42318}.warning{color:#9a6700}.info{color:#0969da}
.bars{display:grid;grid-template-columns:minmax(180px,max-content) 1fr 48px;gap:4px 8px;align-items:center}
.bar{height:12px;background:#e5534b;border-radius:3px;min-width:2px}.bar.dir{background:#3b82f6}
.filters{display:flex;gap:8px;flex-wrap:wrap;align-items:center}.filters select,.filters input{padding:4px 6px;
font:inherit}.filters input{min-width:260px}table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid #eaeef2;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#f6f8fa;position:sticky;top:0}td.loc{white-space:nowrap;font-family:monospace}
pre{margin:4px 0 0;padding:6px;background:#f6f8fa;overflow-x:auto;white-space:pre-wrap;word-break:break-all}
mark{background:#ffd8b5;border-bottom:2px solid #e5534b}.badge{font-weight:600;white-space:nowrap}
details{margin-top:4px}details pre{background:#fffbe6}.empty{color:#57606a}
"""

_JS = """
(function(){
  var rows=[].slice.call(document.querySelectorAll('#findings tbody tr'));
  var rule=document.getElementById('f-rule'),sev=document.getElementById('f-severity'),q=document.getElementById('f-q');
  var shown=document.getElementById('shown');
  function apply(){
    var r=rule.value,s=sev.value,t=q.value.trim().toLowerCase(),n=0;
    rows.forEach(function(row){
      var text=row.textContent.toLowerCase();
      var ok=(!r||row.dataset.rule===r)&&(!s||row.dataset.severity===s)&&(!t||text.indexOf(t)>=0);
      row.hidden=!ok;if(ok){n++;}
    });
    shown.textContent=n;
    var h=[];if(r){h.push('rule='+encodeURIComponent(r));}if(s){h.push('severity='+s);}
    if(t){h.push('q='+encodeURIComponent(t));}
    history.replaceState(null,'',h.length?'#'+h.join('&'):location.pathname+location.search);
  }
  function fromHash(){
    location.hash.replace(/^#/,'').split('&').forEach(function(kv){
      var p=kv.split('='),v=decodeURIComponent(p[1]||'');
      if(p[0]==='rule'){rule.value=v;}if(p[0]==='severity'){sev.value=v;}if(p[0]==='q'){q.value=v;}
    });
  }
  [rule,sev].forEach(function(el){el.addEventListener('change',apply);});
  q.addEventListener('input',apply);
  fromHash();apply();
})();
"""


def _snippet(f: Finding) -> str:
    text = f.snippet.rstrip("\n")
    if not text:
        return ""
    col = f.column
    if col is not None and len(text) >= 160 and col > 40:
        col = 41  # the snippet is a window into a long line
    if col is None or col > len(text):
        return f"<pre>{escape(text)}</pre>"
    start = col - 1
    end = text.find(">", start)
    end = len(text) if end < 0 else end + 1
    return f"<pre>{escape(text[:start])}<mark>{escape(text[start:end])}</mark>{escape(text[end:])}</pre>"


def _bars(items: list[tuple[str, int]], css: str) -> str:
    top = max((n for _k, n in items), default=1)
    cells = []
    for label, n in items:
        width = max(1, round(100 * n / top))
        cells.append(f'<div>{label}</div><div><div class="bar {css}" style="width:{width}%"></div></div><div>{n}</div>')
    return f'<div class="bars">{"".join(cells)}</div>' if cells else '<p class="empty">无</p>'


def _directory(path: str, prefix: str) -> str:
    """The column a page is in: its first directory below what every linted path shares."""
    rest = path[len(prefix):].lstrip("/") if prefix and path.startswith(prefix) else path
    head, sep, _tail = rest.partition("/")
    return f"{head}/" if sep else "（根目录）"


def render(result: RunResult, ctx: ReportContext) -> str:
    c = counts(result)
    findings = result.findings
    by_rule = Counter((f.code, f.rule) for f in findings)
    rule_bars = _bars([(f'<code>{escape(code)}</code> {escape(rule)}', n)
                       for (code, rule), n in sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0]))], "")
    dirs = [p.rpartition("/")[0] for p in result.paths]
    prefix = os.path.commonpath(dirs) if dirs and all(d and not d.startswith("/") for d in dirs) else ""
    by_dir = Counter(_directory(f.path, prefix) for f in findings)
    dir_bars = _bars([(escape(d), n) for d, n in by_dir.most_common(30)], "dir")
    docs: dict[str, str] = {}
    for _code, rule in by_rule:
        r = ctx.rule(rule)
        docs[rule] = r.docs() if r is not None else ""
    rows = []
    for f in findings:
        sev = f.severity or Severity.ERROR
        loc = f"{f.path}:{f.line}" + (f":{f.column}" if f.column is not None else "")
        explanation = escape(docs.get(f.rule, ""))
        rows.append(
            f'<tr data-rule="{escape(f.rule)}" data-severity="{sev}">'
            f'<td class="badge {sev}">{_LABELS[sev]}</td>'
            f"<td><code>{escape(f.code)}</code><br>{escape(f.rule)}</td>"
            f'<td class="loc">{escape(loc)}</td>'
            f"<td>{escape(f.message)}{_snippet(f)}"
            f"<details><summary>说明与修改方法</summary><pre>{explanation}</pre></details></td></tr>"
        )
    rule_options = "".join(f'<option value="{escape(rule)}">{escape(code)} {escape(rule)}（{n}）</option>'
                           for (code, rule), n in sorted(by_rule.items()))
    now = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
    body = "".join(rows) or '<tr><td colspan="4" class="empty">未发现问题。</td></tr>'
    meta: dict[str, Any] = {"files": result.files, "findings": len(findings), **c}
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>sitelint 检查报告</title>
<style>{_CSS}</style>
</head>
<body>
<header><h1>sitelint 检查报告</h1>
<p>检查了 {result.files} 个文件，发现 {len(findings)} 个问题 · 生成于 {now} ·
sitelint {escape(ctx.version)}</p></header>
<main>
<section class="totals"><span class="error">错误 {c['errors']}</span><span class="warning">警告 {c['warnings']}</span>
<span class="info">提示 {c['infos']}</span></section>
<section><h2>按检查统计</h2>{rule_bars}</section>
<section><h2>按栏目（目录）统计</h2>{dir_bars}</section>
<section>
<div class="filters"><label>检查 <select id="f-rule"><option value="">全部</option>{rule_options}</select></label>
<label>级别 <select id="f-severity"><option value="">全部</option><option value="error">错误</option>
<option value="warning">警告</option><option value="info">提示</option></select></label>
<label>搜索 <input id="f-q" type="search" placeholder="页面、消息或代码"></label>
<span>显示 <b id="shown">{len(findings)}</b> / {len(findings)} 条</span></div>
<table id="findings"><thead><tr><th>级别</th><th>检查</th><th>位置</th><th>问题</th></tr></thead>
<tbody>{body}</tbody></table>
</section>
</main>
<script type="application/json" id="summary">{escape(json.dumps(meta, ensure_ascii=False), quote=False)}</script>
<script>{_JS}</script>
</body>
</html>
"""
