"""Markdown sources rendered to HTML that keeps the editor's line numbers.

Each block is emitted on the line where it starts in the source, so the lxml
tree built from the rendered HTML reports ``sourceline`` values that are lines
of the Markdown file (front matter included), inline HTML blocks too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from mdit_py_plugins.front_matter import front_matter_plugin


@dataclass(slots=True)
class Rendered:
    html: str
    front_matter: dict[str, Any] = field(default_factory=dict)
    # (line, message) when the front matter is not a valid YAML mapping
    front_matter_error: tuple[int, str] | None = None


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).use(front_matter_plugin)


def _front_matter(content: str) -> tuple[dict[str, Any], tuple[int, str] | None]:
    try:
        data = yaml.safe_load(content) if content.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return {}, (line, f"front matter 不是有效的 YAML：{problem}")
    if data is None:
        return {}, None
    if not isinstance(data, dict):
        return {}, (1, "front matter 应为键值表（YAML mapping）")
    return {str(k): v for k, v in data.items()}, None


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
