"""Markdown sources rendered to HTML that keeps the editor's line numbers.

Each block is emitted on the line where it starts in the source, so the lxml
tree built from the rendered HTML reports ``sourceline`` values that are lines
of the Markdown file (front matter included), inline HTML blocks too.

Headings get the ids GitHub gives them (``## 办事指南`` -> ``id="办事指南"``), so
``[见指南](guide.md#办事指南)`` has a target; link destinations are kept as the
editor wrote them (not percent-encoded), so messages quote what is in the source.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.common import normalize_url
from markdown_it.renderer import RendererHTML
from markdown_it.rules_core import StateCore
from mdit_py_plugins.front_matter import front_matter_plugin


@dataclass(slots=True)
class Rendered:
    html: str
    front_matter: dict[str, Any] = field(default_factory=dict)
    # (line, message) when the front matter is not a valid YAML mapping, or cannot be loaded
    front_matter_error: tuple[int, str] | None = None


class _Parser(MarkdownIt):
    """markdown-it that leaves link destinations as written.

    markdown-it percent-encodes destinations (``新闻/通知.html`` becomes ``%E6%96%B0…``) and
    punycodes hosts; the resolver reads raw paths and percent-escapes alike, and messages
    should quote the source. Which destinations are allowed at all (``javascript:``,
    ``data:``) is still decided on markdown-it's normalized form, exactly as before.
    """

    def normalizeLink(self, url: str) -> str:  # markdown-it's hook
        return url

    def validateLink(self, url: str) -> bool:  # markdown-it's hook
        return normalize_url.validateLink(normalize_url.normalizeLink(url))


# GitHub's heading slugs (github-slugger): lower-case, drop everything but letters, marks,
# decimal and letter numbers, connector punctuation ("_") and "-", spaces become "-".
_ASCII_DROP = re.compile(r"[^a-z0-9_\- ]")
_KEEP_CATEGORIES = frozenset({"Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "Pc"})
# Symbols that Unicode counts as alphabetic (circled and squared Latin letters): kept.
_ALPHABETIC_SYMBOLS = ((0x24B6, 0x24E9), (0x1F130, 0x1F149), (0x1F150, 0x1F169), (0x1F170, 0x1F189))


def _kept(ch: str) -> bool:
    if unicodedata.category(ch) in _KEEP_CATEGORIES:
        return True
    code = ord(ch)
    return any(lo <= code <= hi for lo, hi in _ALPHABETIC_SYMBOLS)


def github_slug(text: str) -> str:
    """The fragment GitHub gives a heading with this text (before de-duplication)."""
    text = text.lower()
    if text.isascii():
        return _ASCII_DROP.sub("", text).replace(" ", "-")
    return "".join("-" if ch == " " else ch for ch in text if ch in "- " or _kept(ch))


def _heading_ids(state: StateCore) -> None:
    """Give every heading GitHub's id: its slug, "-1", "-2" … for repeats in document order."""
    seen: dict[str, int] = {}
    tokens = state.tokens
    for i, tok in enumerate(tokens):
        if tok.type != "heading_open" or tok.attrGet("id") is not None:
            continue
        inline = tokens[i + 1] if i + 1 < len(tokens) else None
        children = (inline.children or []) if inline is not None else []
        slug = github_slug("".join(c.content for c in children if c.type in ("text", "code_inline")))
        result = slug
        while result in seen:  # github-slugger's loop: "a", "a-1", "a-2" …, skipping ids already taken
            seen[slug] += 1
            result = f"{slug}-{seen[slug]}"
        seen[result] = 0
        if result:
            tok.attrSet("id", result)


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = _Parser("commonmark", {"html": True}).enable(["table", "strikethrough"]).use(front_matter_plugin)
    md.core.ruler.push("heading_ids", _heading_ids)
    return md


def _front_matter(content: str) -> tuple[dict[str, Any], tuple[int, str] | None]:
    try:
        data = yaml.safe_load(content) if content.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return {}, (line, f"front matter 不是有效的 YAML：{problem}")
    except Exception as exc:  # parsed, but a value cannot be built (2024-02-30), or nested too deep
        return {}, _unloadable(content, exc)
    if data is None:
        return {}, None
    if not isinstance(data, dict):
        return {}, (1, "front matter 应为键值表（YAML mapping）")
    return {str(k): v for k, v in data.items()}, None


def _unloadable(content: str, exc: Exception) -> tuple[int, str]:
    """(line, message) for front matter PyYAML parsed but could not load: at the first value that fails."""
    if isinstance(exc, RecursionError):
        return 1, "front matter 不是有效的 YAML：嵌套层次过深"
    try:
        found = _failing_scalar(yaml.SafeLoader(content))
    except Exception:  # locating is best effort: the finding stands without it
        found = None
    if found is None:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return 1, f"front matter 不是有效的 YAML：{reason}"
    node, failed = found
    line = node.start_mark.line + 2  # the content starts on the line after the opening "---"
    if node.tag == "tag:yaml.org,2002:timestamp":
        return line, f"front matter 不是有效的 YAML：`{node.value}` 不是存在的日期或时间"
    value = node.value if len(node.value) <= 40 else node.value[:40] + "…"
    return line, f"front matter 不是有效的 YAML：`{value}` 无法读取（{str(failed)[:80]}）"


def _failing_scalar(loader: yaml.SafeLoader) -> tuple[yaml.ScalarNode, Exception] | None:
    """The first scalar, in document order, that ``loader`` cannot construct."""
    try:
        stack = [loader.get_single_node()]
        seen: set[int] = set()
        while stack:
            node = stack.pop()
            if node is None or id(node) in seen:  # aliases share nodes
                continue
            seen.add(id(node))
            if isinstance(node, yaml.MappingNode):
                stack.extend(n for pair in reversed(node.value) for n in reversed(pair))
            elif isinstance(node, yaml.SequenceNode):
                stack.extend(reversed(node.value))
            elif isinstance(node, yaml.ScalarNode):
                try:
                    loader.construct_object(node)
                except Exception as failed:
                    return node, failed
        return None
    finally:
        loader.dispose()


def render(text: str) -> Rendered:
    md = _parser()
    env: dict[str, Any] = {}
    tokens = md.parse(text, env)
    renderer = md.renderer
    assert isinstance(renderer, RendererHTML)
    out: list[str] = []
    line = 0
    result = Rendered("")
    for i, tok in enumerate(tokens):
        if tok.type == "front_matter":
            result.front_matter, result.front_matter_error = _front_matter(tok.content)
            continue
        if tok.map and tok.nesting >= 0 and line < tok.map[0]:
            out.append("\n" * (tok.map[0] - line))
            line = tok.map[0]
        if tok.type == "inline":
            html = renderer.renderInline(tok.children or [], md.options, env)
        elif tok.type in renderer.rules:
            html = renderer.rules[tok.type](tokens, i, md.options, env)
        else:
            html = renderer.renderToken(tokens, i, md.options, env)
        if tok.block:  # lines are placed by the padding above, never by the renderer's own newlines
            html = html.strip("\n")
        out.append(html)
        line += html.count("\n")
    result.html = "".join(out)
    return result
