"""``sitelint init``: a commented starter configuration, guessed from the site's own pages."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

from sitelint.decode import decode_bytes
from sitelint.page import HTML_SUFFIXES

_SAMPLE = 300
# Column names and the directory names that commonly hold them, and the kind they mean.
_KINDS = {
    "policy": ({"政策文件", "规范性文件", "市政府文件", "政府文件"}, {"zcwj", "gfxwj", "zfwj", "zcfg"}),
    "interpretation": ({"政策解读", "图文解读", "解读"}, {"zcjd", "jd"}),
    "archive": ({"历史资料", "归档", "网页归档"}, {"archive", "lszl", "gd"}),
}


def _pages(top: Path) -> list[Path]:
    found: list[Path] = []
    for current, dirs, names in os.walk(top):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "node_modules")
        found.extend(Path(current) / n for n in sorted(names) if n.lower().endswith(HTML_SUFFIXES))
    return found


def _root(top: Path, pages: list[Path]) -> Path:
    """The shallowest directory with an index page: where the built site starts."""
    indexes = [p.parent for p in pages if p.name.lower() in ("index.html", "index.htm", "index.shtml")]
    return min(indexes, key=lambda d: (len(d.relative_to(top).parts), str(d))) if indexes else top


def _meta(text: str) -> dict[str, str]:
    import lxml.html

    try:
        root = lxml.html.document_fromstring(text)
    except Exception:
        return {}
    out: dict[str, str] = {}
    for el in root.iter("meta", "link"):
        key = el.get("name") or el.get("property") or (el.get("rel") if el.tag == "link" else None)
        value = el.get("content") or el.get("href")
        if key and value:
            out.setdefault(key, value.strip())
    return out


def _host(value: str) -> str:
    value = value.strip()
    host = urlsplit(value if "//" in value else "//" + value).hostname or ""
    return host.lower().rstrip(".")


def starter_config(top: Path) -> str:
    pages = _pages(top)
    root = _root(top, pages)
    hosts: Counter[str] = Counter()
    kinds: dict[str, set[str]] = {k: set() for k in _KINDS}
    for page in pages[:_SAMPLE]:
        try:
            meta = _meta(decode_bytes(page.read_bytes()).text)
        except OSError:
            continue
        for key in ("SiteDomain", "canonical", "og:url"):
            if meta.get(key) and _host(meta[key]):
                hosts[_host(meta[key])] += 1
        column = meta.get("ColumnName", "")
        rel = page.relative_to(root) if root in page.parents else page.relative_to(top)
        first = rel.parts[0] if len(rel.parts) > 1 else ""
        for kind, (names, dirs) in _KINDS.items():
            if first and (column in names or first.lower() in dirs):
                kinds[kind].add(f"{first}/**")
    domains = [h for h, _n in hosts.most_common(4)]
    for host in list(domains):
        bare = host.removeprefix("www.")
        if bare != host and bare not in domains:
            domains.append(bare)
    return _render(top, root, domains, kinds, len(pages))


def _toml_list(items: list[str]) -> str:
    return "[" + ", ".join(f'"{i}"' for i in items) + "]"


def _render(top: Path, root: Path, domains: list[str], kinds: dict[str, set[str]], count: int) -> str:
    rel_root = root.relative_to(top).as_posix() if root != top else "."
    lines = [
        "# sitelint 配置（由 `sitelint init` 根据站点页面生成，请核对后提交）",
        f"# 共发现 {count} 个页面。完整说明：sitelint explain NAME；全部检查：sitelint rules",
        "",
        "# 本站的域名：指向这些域名的链接按站内链接检查（取自页面的 SiteDomain / canonical）",
        f"domains = {_toml_list(domains)}" if domains else "domains = []  # 未能从页面中识别，请填写",
        "",
        "# 构建结果所在目录（相对本文件）",
        f'root = "{rel_root}"',
        "",
        "# 要运行的检查（代码、代码前缀或名称），默认全部",
        '# select = ["SL"]',
        "# ignore = []",
        "",
        "# 页面正文所在位置（CSS 选择器），在内置的模板识别之外补充",
        '# content-selectors = ["#zoom"]',
        "",
        "[kinds]  # 哪些页面是政策文件、解读、归档页（相对站点根目录的 glob）",
    ]
    for kind in _KINDS:
        found = sorted(kinds[kind])
        lines.append(f"{kind} = {_toml_list(found)}" if found else f"# {kind} = []")
    lines += [
        "",
        "[per-file-ignores]  # 例：历史栏目暂不检查失效链接",
        '# "legacy/**" = ["broken-internal-link"]',
        "",
        "# [checks.unattributed-repost]  # 各检查的选项，见 sitelint explain NAME",
        '# publisher = ["某某市人民政府办公室"]',
        "",
    ]
    return "\n".join(lines)
