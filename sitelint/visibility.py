"""Can a reader see this element?  One lazy, memoised visibility analysis per page.

Used by checks that look for hidden spam links (暗链), hidden archive labels and the like.  CSS comes
from inline ``style`` attributes, the page's ``<style>`` blocks and local stylesheets passed in by the
caller; it is parsed with tinycss2 and compiled sheets are cached across pages.  Only a simple selector
subset is understood (type, .class, #id, *, [attr], [attr=v], descendant and ``>``); a selector using
anything else is ignored, so an unknown selector can never hide an element.  Nothing is recursive.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

import tinycss2

_OPTS = {"skip_whitespace": True, "skip_comments": True}
_CONTAINERS = frozenset({"noscript", "template", "textarea", "title", "head", "script", "style"})
#: a table's structure, and what HTML parsing leaves inside it (anything else written there is moved out)
_TABLE_STRUCTURE = frozenset({"table", "tbody", "thead", "tfoot", "tr"})
_TABLE_CONTENT = frozenset({"caption", "colgroup", "col", "tbody", "thead", "tfoot", "tr", "td", "th", "script",
                            "style", "template", "form", "input"})
_WANTED = frozenset(
    "display visibility opacity font-size width height max-width max-height overflow overflow-x overflow-y "
    "position left top right bottom margin margin-left margin-top text-indent clip clip-path color background "
    "background-color".split()
)
_OFFSETS = ("left", "top", "right", "bottom", "margin-left", "margin-top")
_UNITS = {"px": 1.0, "pt": 4 / 3, "pc": 16.0, "in": 96.0, "cm": 96 / 2.54, "mm": 96 / 25.4, "q": 96 / 101.6,
          "em": 16.0, "rem": 16.0, "ex": 8.0, "ch": 8.0}
_NAMED = {"white": "#ffffff", "black": "#000000", "red": "#ff0000", "green": "#008000", "blue": "#0000ff",
          "yellow": "#ffff00", "gray": "#808080", "grey": "#808080", "silver": "#c0c0c0", "navy": "#000080",
          "maroon": "#800000", "purple": "#800080", "orange": "#ffa500", "whitesmoke": "#f5f5f5"}


class _Decl(NamedTuple):
    name: str  # longhand name after shorthand expansion
    toks: list[Any]  # significant value tokens
    node: Any  # the tinycss2 Declaration, for the human-readable text


class _Compound(NamedTuple):
    tag: str | None
    ident: str | None
    classes: frozenset[str]
    attrs: tuple[tuple[str, str | None], ...]


class _Rule(NamedTuple):
    groups: tuple[tuple[_Compound, ...], ...]  # split at descendant combinators; '>' chains; all right to left
    spec: tuple[int, int, int]
    order: int
    sel: list[Any]  # selector tokens, serialised only when a reason is written
    decls: tuple[_Decl, ...]


_Index = dict[str, list[_Rule]]  # keyed by "#id", ".class", "[attr", "tag" or "*" of the rightmost compound
_Merged = dict[str, list[tuple[int, _Rule]]]  # all of a page's sheets; int = the sheet's position
_Win = tuple[_Decl, tuple[str, _Rule] | None]  # winning declaration, (sheet prefix, rule) or None if inline


class _Hide(NamedTuple):
    el: Any
    reason: str
    container: bool = False


class _State(NamedTuple):
    box: _Hide | None  # not overridable by descendants: display, opacity, size, offscreen, colour, ...
    vis: _Hide | None  # inherited visibility; a descendant may set visibility:visible
    font: float  # inherited computed font size in px; a descendant may enlarge it
    tiny: _Hide | None


_ROOT = _State(None, None, 16.0, None)


class Visibility:
    """Per-page answer to "can a reader see this element?", computed lazily and memoised per element."""

    def __init__(self, root: Any, stylesheets: Sequence[tuple[str, str]] = ()) -> None:
        """root: lxml.html document root; stylesheets: (label, css_text) of local linked stylesheets."""
        self._root = root
        self._given = stylesheets
        self._index: _Merged | None = None
        self._prefixes: list[str] = []
        self._attr_keys: frozenset[str] = frozenset()
        self._memo: dict[Any, _State] = {}
        self._near: dict[tuple[int, Any], Any] = {}

    def hidden_reason(self, el: Any) -> str | None:
        """None if visible, else a short Chinese reason naming the rule and where it came from."""
        st = self._state(el)
        hide = st.box or st.vis or st.tiny
        if hide is None or hide.el is el:  # a <textarea> box itself is visible; only its content is not
            return None if hide is None or el.tag == "textarea" else hide.reason
        return f"位于 <{hide.el.tag}> 内" if hide.container else f"祖先 {_desc(hide.el)} {hide.reason}"

    def is_visible(self, el: Any) -> bool:
        return self.hidden_reason(el) is None

    def _load(self) -> _Merged:
        sheets = [(f"{label} 中的", css) for label, css in self._given]
        for st in self._root.iter("style"):
            if _style_applies(st):
                line = f"（第 {st.sourceline} 行）" if st.sourceline else ""
                sheets.append((f"<style>{line}中的", st.text or ""))
        self._prefixes = [prefix for prefix, _ in sheets]
        self._index, self._attr_keys = _merge(tuple(css for _, css in sheets))
        return self._index

    def _state(self, el: Any) -> _State:
        memo = self._memo
        st = memo.get(el)
        if st is not None:
            return st
        chain, node = [el], _rendered_parent(el)
        while node is not None:  # walk up to the first known ancestor ...
            st = memo.get(node)
            if st is not None:
                break
            chain.append(node)
            node = _rendered_parent(node)
        else:
            st = _ROOT
        for node in reversed(chain):  # ... then compute downwards
            st = memo[node] = self._compute(node, st)
        return st

    def _compute(self, el: Any, p: _State) -> _State:
        tag = el.tag
        if p.box is not None or not isinstance(tag, str):
            return p
        if tag in _CONTAINERS:
            return p._replace(box=_Hide(el, f"<{tag}> 元素的内容不显示", True))
        d = self._declared(el)
        if not d and tag not in _SIZED and el.get("hidden") is None:
            return p  # nothing declared and no hiding attribute: as the parent (most elements)
        box = _attr_reason(el, tag, d) or (_style_reason(d) if d else None)
        if box or not d:
            return p._replace(box=_Hide(el, box)) if box else p
        vis, font, tiny = p.vis, p.font, p.tiny
        if "visibility" in d:
            kw = _kw(d["visibility"])
            vis = _Hide(el, _fmt([d["visibility"]])) if kw in ("hidden", "collapse") else vis
            vis = None if kw == "visible" else vis
        if (size := _first(d, "font-size")) is not None:
            font = _font_px(size, p.font)
            tiny = None if font >= 1 else tiny or _Hide(el, _fmt([d["font-size"]], "（字号过小）"))
        return _State(None, vis, font, tiny)

    def _declared(self, el: Any) -> dict[str, _Win]:
        """Winning declaration per property: (important, inline, specificity, source order)."""
        best: dict[str, tuple[tuple[Any, ...], _Win]] = {}
        index = self._load() if self._index is None else self._index
        if index:
            get = index.get
            found = [rules for rules in (get("*"), get(el.tag)) if rules]
            cls, eid = el.get("class"), el.get("id")
            if cls:
                found += [rules for c in cls.split() if (rules := get(f".{c}"))]
            if eid and (rules := get(f"#{eid}")):
                found.append(rules)
            if self._attr_keys:
                found += [rules for a in el.keys() if a in self._attr_keys and (rules := get(f"[{a}"))]
            for rules in found:
                for pos, rule in rules:
                    if self._matches(rule.groups, el):
                        for dc in rule.decls:
                            key = (dc.node.important, 0, rule.spec, pos, rule.order)
                            _offer(best, dc, key, (self._prefixes[pos], rule))
        if style := el.get("style"):
            for i, dc in enumerate(_inline(style)):
                _offer(best, dc, (dc.node.important, 1, (0, 0, 0), 0, i), None)
        return {name: win for name, (_, win) in best.items()} if best else {}

    def _matches(self, groups: tuple[tuple[_Compound, ...], ...], el: Any) -> bool:
        top = (el if _cmatch(groups[0][0], el) else None) if len(groups[0]) == 1 else _chain(groups[0], el)
        for chain in groups[1:]:  # descendant combinator: the nearest matching ancestor is always optimal
            top = None if top is None else self._nearest(chain, top.getparent())
        return top is not None

    def _nearest(self, chain: tuple[_Compound, ...], node: Any) -> Any:
        """Top of the nearest match of chain at node or above; memoised so deep pages stay linear."""
        seen: list[tuple[int, Any]] = []
        found = None
        while node is not None:
            key = (id(chain), node)
            if key in self._near:
                found = self._near[key]
                break
            seen.append(key)
            if (found := _chain(chain, node)) is not None:
                break
            node = node.getparent()
        self._near.update(dict.fromkeys(seen, found))
        return found


def _rendered_parent(el: Any) -> Any:
    """The element a browser renders ``el`` inside: its parent, except for content written straight into a
    table's structure (``<table><a …>``), which HTML parsing moves out to just before the table ("foster
    parenting"), so the table's styles do not reach it. libxml2 leaves it where it was written."""
    parent = el.getparent()
    if parent is None or parent.tag not in _TABLE_STRUCTURE or el.tag in _TABLE_CONTENT:
        return parent
    table = parent
    while table is not None and table.tag != "table":
        table = table.getparent()
    return parent if table is None else table.getparent()


def _offer(best: dict[str, tuple[tuple[Any, ...], _Win]], dc: _Decl, key: tuple[Any, ...],
           src: tuple[str, _Rule] | None) -> None:
    if dc.name not in best or key > best[dc.name][0]:
        best[dc.name] = (key, (dc, src))


# --- CSS compilation -----------------------------------------------------------------------------

@functools.lru_cache(maxsize=128)
def _compile(css: str) -> _Index:
    index: _Index = {}
    order, stack = 0, [iter(tinycss2.parse_stylesheet(css, **_OPTS))]
    while stack:  # a stack of iterators keeps source order through nested @media blocks
        rule = next(stack[-1], None)
        if rule is None:
            stack.pop()
        elif rule.type == "at-rule":  # only @media screen / all; @font-face, @keyframes, print ... skipped
            if rule.lower_at_keyword == "media" and rule.content and _screen(tinycss2.serialize(rule.prelude)):
                stack.append(iter(tinycss2.parse_rule_list(rule.content, **_OPTS)))
        elif rule.type == "qualified-rule":
            decls = _decls(tinycss2.parse_declaration_list(rule.content, **_OPTS))
            for sel in _split_commas(rule.prelude) if decls else ():
                if (parsed := _parse_selector(sel)) is not None:
                    order += 1
                    c = parsed[0][0][0]
                    key = (f"#{c.ident}" if c.ident else f".{min(c.classes)}" if c.classes else c.tag
                           or (f"[{c.attrs[0][0]}" if c.attrs else "*"))
                    index.setdefault(key, []).append(_Rule(parsed[0], parsed[1], order, sel, decls))
    return index


@functools.lru_cache(maxsize=4096)
def _inline(style: str) -> tuple[_Decl, ...]:
    return _decls(tinycss2.parse_declaration_list(style, **_OPTS))


@functools.lru_cache(maxsize=64)
def _merge(texts: tuple[str, ...]) -> tuple[_Merged, frozenset[str]]:
    merged: _Merged = {}
    for pos, css in enumerate(texts):
        for key, rules in _compile(css).items():
            merged.setdefault(key, []).extend((pos, rule) for rule in rules)
    return merged, frozenset(key[1:] for key in merged if key.startswith("["))


def _screen(media: str) -> bool:
    return any(part.strip().lower() in ("screen", "all", "only screen") for part in media.split(","))


def _style_applies(st: Any) -> bool:
    if (st.get("media") and not _screen(st.get("media"))) or (st.get("type") or "text/css").lower() != "text/css":
        return False
    node = st.getparent()
    while node is not None and node.tag not in ("noscript", "template"):
        node = node.getparent()
    return node is None


def _decls(nodes: Iterable[Any]) -> tuple[_Decl, ...]:
    out: list[_Decl] = []
    for n in nodes:
        if n.type == "declaration" and n.lower_name in _WANTED:
            toks = [t for t in n.value if t.type not in ("whitespace", "comment")]
            out.extend(_Decl(name, sub, n) for name, sub in _expand(n.lower_name, toks) if toks)
    return tuple(out)


def _expand(name: str, t: list[Any]) -> list[tuple[str, list[Any]]]:
    if name == "overflow":
        return [("overflow-x", t[:1]), ("overflow-y", t[1:2] or t[:1])]
    if name == "margin":
        return [("margin-top", t[:1]), ("margin-left", t[3:4] if len(t) > 3 else t[1:2] or t[:1])]
    if name == "background":  # the shorthand's colour token; none means transparent
        return [("background-color", [x for x in t if _color(x) is not None][-1:])]
    return [(name, t)]


def _split_commas(toks: list[Any]) -> list[list[Any]]:
    out: list[list[Any]] = [[]]
    for t in toks:
        if t == ",":
            out.append([])
        else:
            out[-1].append(t)
    return out


def _parse_selector(toks: list[Any]) -> tuple[tuple[tuple[_Compound, ...], ...], tuple[int, int, int]] | None:
    comps: list[list[tuple[str, Any]]] = []  # each compound as (kind, value) parts, left to right
    combs: list[str] = []
    cur: list[tuple[str, Any]] | None = None
    comb, i = "", 0
    while i < len(toks):
        t, i = toks[i], i + 1
        if t.type in ("whitespace", "comment") or t == ">":
            if cur is not None:
                comps.append(cur)
                cur = None
            if t == ">" and not comps:
                return None
            comb = ">" if t == ">" else comb or " "
            continue
        if cur is None:
            combs += [comb] if comps else []
            cur, comb = [], ""
        if t.type == "ident" and not cur:
            cur.append(("tag", t.lower_value))
        elif t == "*" and not cur:
            cur.append(("any", None))
        elif t == "." and i < len(toks) and toks[i].type == "ident":
            cur.append(("class", toks[i].value))
            i += 1
        elif t.type == "hash" and t.is_identifier:
            cur.append(("id", t.value))
        elif t.type == "[] block" and (attr := _parse_attr(t.content)) is not None:
            cur.append(("attr", attr))
        else:
            return None  # pseudo-classes, +, ~, namespaces, ...: ignore the whole selector
    if cur is None and (comb == ">" or not comps):
        return None
    built = [_build(c) for c in [*comps, *([cur] if cur is not None else [])]]
    groups, chain = [], [built[-1]]
    for k in range(len(built) - 2, -1, -1):
        if combs[k] == ">":
            chain.append(built[k])
        else:
            groups.append(tuple(chain))
            chain = [built[k]]
    groups.append(tuple(chain))
    spec = (sum(c.ident is not None for c in built), sum(len(c.classes) + len(c.attrs) for c in built),
            sum(c.tag is not None for c in built))
    return tuple(groups), spec


def _parse_attr(content: list[Any]) -> tuple[str, str | None] | None:
    t = [x for x in content if x.type not in ("whitespace", "comment")]
    if len(t) == 1 and t[0].type == "ident":
        return t[0].lower_value, None
    if len(t) == 3 and t[0].type == "ident" and t[1] == "=" and t[2].type in ("ident", "string"):
        return t[0].lower_value, t[2].value
    return None


def _build(parts: list[tuple[str, Any]]) -> _Compound:
    ids = {v for k, v in parts if k == "id"}
    ident = None if not ids else ids.pop() if len(ids) == 1 else "\0"  # two different ids never match
    return _Compound(next((v for k, v in parts if k == "tag"), None), ident,
                     frozenset(v for k, v in parts if k == "class"), tuple(v for k, v in parts if k == "attr"))


# --- selector matching (iterative) --------------------------------------------------------------

def _chain(chain: tuple[_Compound, ...], el: Any) -> Any:
    node = el
    for i, comp in enumerate(chain):
        node = node.getparent() if i else node
        if node is None or not _cmatch(comp, node):
            return None
    return node


def _cmatch(c: _Compound, el: Any) -> bool:
    if not isinstance(el.tag, str) or (c.tag and c.tag != el.tag) or (c.ident and el.get("id") != c.ident):
        return False
    if c.classes and not c.classes.issubset((el.get("class") or "").split()):
        return False
    return all((a := el.get(n)) is not None and (v is None or a == v) for n, v in c.attrs)


# --- hiding techniques ---------------------------------------------------------------------------

#: elements whose attributes alone can hide them: a hidden input, and a marquee or frame sized to nothing
_SIZED = frozenset({"input", "marquee", "iframe", "frame"})


def _attr_reason(el: Any, tag: str, d: dict[str, _Win]) -> str | None:
    if el.get("hidden") is not None and _kw(d.get("display")) in (None, "none"):
        return "带有 hidden 属性"
    if tag == "input" and (el.get("type") or "").strip().lower() == "hidden":
        return '<input type="hidden"> 不显示'
    if tag not in _SIZED or tag == "input":
        return None
    for name in ("width", "height"):
        size = _px(_first(d, name)) if name in d else _attr_num(el.get(name))
        if size is not None and size <= 1:
            return f"<{tag}> 的 {name} 为 {size:g}（尺寸过小）"
    if tag != "marquee":
        return None
    if (_attr_num(el.get("scrollamount")) or 0) >= 1000 or (_attr_num(el.get("scrolldelay")) or 0) >= 10000:
        return "<marquee> 的 scrollamount/scrolldelay 取值异常（内容无法阅读）"
    return None


def _style_reason(d: dict[str, _Win]) -> str | None:
    if _kw(d.get("display")) == "none":
        return _fmt([d["display"]])
    if (op := _opacity(_first(d, "opacity"))) is not None and op <= 0.01:
        return _fmt([d["opacity"]], "（完全透明）")
    if (ind := _px(_first(d, "text-indent"))) is not None and ind <= -999:
        return _fmt([d["text-indent"]], "（文字缩进移出屏幕）")
    clipped = [w for w in (d.get("overflow-x"), d.get("overflow-y")) if w and _kw(w) in ("hidden", "clip")]
    for name in ("width", "height", "max-width", "max-height") if clipped else ():
        if (size := _px(_first(d, name))) is not None and size <= 1:
            return _fmt([d[name], clipped[0]], "（尺寸过小且溢出隐藏）")
    if _kw(d.get("position")) in ("absolute", "fixed"):
        for name in _OFFSETS:
            if (off := _px(_first(d, name))) is not None and off <= -999:
                return _fmt([d["position"], d[name]], "（移出屏幕）")
        if _empty_rect(_first(d, "clip")):
            return _fmt([d["position"], d["clip"]], "（裁剪为不可见）")
    if _empty_clip_path(_first(d, "clip-path")):
        return _fmt([d["clip-path"]], "（裁剪为不可见）")
    return _colour_reason(d)


def _colour_reason(d: dict[str, _Win]) -> str | None:
    if (fg := _color(_first(d, "color"))) is None:
        return None
    if fg[1] == 0:
        return _fmt([d["color"]], "（文字颜色透明）")
    bg = _color(_first(d, "background-color"))
    if bg is not None and bg[1] > 0 and bg[0] == fg[0]:
        return _fmt([d["color"], d["background-color"]], "（文字颜色与背景色相同）")
    return None


def _empty_rect(tok: Any) -> bool:
    if tok is None or tok.type != "function" or tok.lower_name != "rect":
        return False
    vals = [_px(t) for t in tok.arguments if t.type not in ("whitespace", "comment") and t != ","]
    if len(vals) != 4 or None in vals:
        return False
    top, right, bottom, left = (v or 0.0 for v in vals)
    return bottom - top <= 1 or right - left <= 1


def _empty_clip_path(tok: Any) -> bool:
    if tok is None or tok.type != "function":
        return False
    args = [t for t in tok.arguments if t.type not in ("whitespace", "comment")]
    if tok.lower_name == "inset":
        end = next((i for i, t in enumerate(args) if t.type == "ident"), len(args))  # stop at "round"
        v = [t.value if t.type == "percentage" else 0.0 for t in args[:end]] or [0.0]
        top, right = v[0], v[1] if len(v) > 1 else v[0]
        bottom, left = v[2] if len(v) > 2 else top, v[3] if len(v) > 3 else right
        return top + bottom >= 100 or right + left >= 100
    if tok.lower_name in ("circle", "ellipse"):
        return bool(args) and _px(args[0]) == 0
    if tok.lower_name == "polygon":
        return len({tinycss2.serialize(p).strip() for p in _split_commas(tok.arguments) if p}) < 3
    return False


# --- small value helpers -------------------------------------------------------------------------

def _first(d: dict[str, _Win], name: str) -> Any:
    win = d.get(name)
    return win[0].toks[0] if win is not None and win[0].toks else None


def _kw(win: _Win | None) -> str | None:
    tok = win[0].toks[0] if win is not None and win[0].toks else None
    return str(tok.lower_value) if tok is not None and tok.type == "ident" else None


def _px(tok: Any) -> float | None:
    if tok is not None and tok.type == "dimension" and tok.lower_unit in _UNITS:
        return float(tok.value) * _UNITS[tok.lower_unit]
    return 0.0 if tok is not None and tok.type in ("number", "percentage", "dimension") and tok.value == 0 else None


def _opacity(tok: Any) -> float | None:
    if tok is not None and tok.type in ("number", "percentage"):
        return float(tok.value) / (100 if tok.type == "percentage" else 1)
    return None


def _attr_num(value: str | None) -> float | None:
    s = (value or "").strip().lower().removesuffix("px")
    try:
        n = float(s.rstrip("%"))
    except ValueError:
        return None
    return None if s.endswith("%") and n else n


def _font_px(tok: Any, parent: float) -> float:
    if tok.type == "dimension" and tok.lower_unit in ("em", "ex", "ch"):
        return float(tok.value) * parent / (1 if tok.lower_unit == "em" else 2)
    if tok.type == "percentage":
        return float(tok.value) * parent / 100
    if tok.type == "ident":
        return {"inherit": parent, "smaller": parent / 1.2, "larger": parent * 1.2}.get(tok.lower_value, 16.0)
    px = _px(tok)
    return px if px is not None else parent if tok.type == "number" else 16.0


def _color(tok: Any) -> tuple[str, float] | None:
    """(normalised '#rrggbb', alpha) for hex, a few names, transparent and rgb()/rgba(); else None."""
    if tok is None:
        return None
    if tok.type == "hash":
        h = tok.value.lower()
        h = "".join(ch * 2 for ch in h) if len(h) in (3, 4) else h
        if len(h) in (6, 8) and all(ch in "0123456789abcdef" for ch in h):
            return "#" + h[:6], int(h[6:], 16) / 255 if len(h) == 8 else 1.0
    elif tok.type == "ident" and (tok.lower_value in _NAMED or tok.lower_value == "transparent"):
        return _NAMED.get(tok.lower_value, "#000000"), 0.0 if tok.lower_value == "transparent" else 1.0
    elif tok.type == "function" and tok.lower_name in ("rgb", "rgba"):
        nums = [t for t in tok.arguments if t.type in ("number", "percentage")]
        if len(nums) >= 3:
            vals = [round(t.value * 2.55 if t.type == "percentage" else t.value) for t in nums[:3]]
            alpha = min(1.0, _opacity(nums[3]) or 0.0) if len(nums) > 3 else 1.0
            return "#" + "".join(f"{max(0, min(255, v)):02x}" for v in vals), alpha
    return None


def _text(dc: _Decl) -> str:
    n = dc.node
    return f"{n.name}:{tinycss2.serialize(n.value).strip()}" + (" !important" if n.important else "")


def _fmt(wins: Sequence[_Win], note: str = "") -> str:
    groups: dict[str | None, list[str]] = {}
    for dc, src in wins:
        where = None if src is None else f"{src[0]} `{tinycss2.serialize(src[1].sel).strip()}`"
        texts = groups.setdefault(where, [])
        texts += [] if _text(dc) in texts else [_text(dc)]
    parts = [f"内联样式 {'; '.join(t)}" if w is None else f"被 {w} 设为 {'; '.join(t)}" for w, t in groups.items()]
    return "，".join(parts) + note


def _desc(el: Any) -> str:
    if el.get("id"):
        return f'<{el.tag} id="{el.get("id")}">'
    classes = (el.get("class") or "").split()
    return f'<{el.tag} class="{classes[0]}">' if classes else f"<{el.tag}>"
