"""Custom rules without Python: keyword and regex rules declared in the configuration.

```toml
[[tool.sitelint.rules]]
name = "banned-word"             # kebab-case, unique
code = "QS001"                   # your own prefix; "SL" is reserved for sitelint and its plugins
message = "出现本县禁用词 `{match}`"
words = ["某某词", "另一个词"]    # and/or
patterns = ['第[一二三]季度?报表']  # regular expressions (the `regex` module), run with a timeout
where = ["text", "title"]        # text | title | links | attributes  (default: text)
severity = "warning"             # error | warning | info (default: error)
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import regex

from sitelint.check import NAME_RE, PageCheck
from sitelint.config import ConfigError
from sitelint.findings import Finding, Severity

CUSTOM_CODE_RE = re.compile(r"^(?!SL)[A-Z]{1,4}\d{3}$")
PLACES = ("text", "title", "links", "attributes")
_KEYS = {"name", "code", "message", "words", "patterns", "where", "severity", "ignore-case", "timeout"}
_TEXT = "//body//text()[not(ancestor::script or ancestor::style or ancestor::noscript or ancestor::template)]"
_TITLE = "//title//text() | //h1//text()"
_ATTRS = "//@alt | //@title | //@content | //@placeholder | //@value"


@dataclass(frozen=True)
class RuleSpec:
    name: str
    code: str
    message: str
    words: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    where: tuple[str, ...] = ("text",)
    severity: Severity = Severity.ERROR
    ignore_case: bool = True
    timeout: float = 1.0
    origin: str = "config"


def parse_rules(value: Any, key: str, where: str) -> tuple[RuleSpec, ...]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ConfigError(f"{where}: 配置项 `{key}` 应为表的数组（[[rules]]）")
    specs = []
    for i, item in enumerate(value):
        at = f"{key}[{i}]"
        unknown = set(item) - _KEYS
        if unknown:
            raise ConfigError(f"{where}: 自定义规则 `{at}` 有未知的键 `{sorted(unknown)[0]}`")
        specs.append(_spec(item, at, where))
    return tuple(specs)


def _string(item: Mapping[str, Any], k: str, at: str, where: str, default: str | None = None) -> str:
    value = item.get(k, default)
    if not isinstance(value, str) or not value:
        raise ConfigError(f"{where}: 自定义规则 `{at}.{k}` 应为非空字符串")
    return value


def _strings(item: Mapping[str, Any], k: str, at: str, where: str) -> tuple[str, ...]:
    value = item.get(k, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ConfigError(f"{where}: 自定义规则 `{at}.{k}` 应为非空字符串的列表")
    return tuple(value)


def _spec(item: Mapping[str, Any], at: str, where: str) -> RuleSpec:
    name, code = _string(item, "name", at, where), _string(item, "code", at, where)
    if not NAME_RE.match(name):
        raise ConfigError(f"{where}: 自定义规则 `{at}.name` 应为 kebab-case，实际为 `{name}`")
    if not CUSTOM_CODE_RE.match(code):
        raise ConfigError(f"{where}: 自定义规则 `{at}.code` 应形如 QS001（SL 前缀保留给 sitelint），实际为 `{code}`")
    words, patterns = _strings(item, "words", at, where), _strings(item, "patterns", at, where)
    if not words and not patterns:
        raise ConfigError(f"{where}: 自定义规则 `{at}` 需要 `words` 或 `patterns`")
    for p in patterns:
        try:
            regex.compile(p)
        except regex.error as exc:
            raise ConfigError(f"{where}: 自定义规则 `{at}.patterns` 中的正则表达式无效：`{p}`（{exc}）") from None
    places = _strings(item, "where", at, where) or ("text",)
    bad = [p for p in places if p not in PLACES]
    if bad:
        raise ConfigError(f"{where}: 自定义规则 `{at}.where` 的 `{bad[0]}` 不是 {', '.join(PLACES)} 之一")
    try:
        severity = Severity.parse(_string(item, "severity", at, where, "error"))
    except ValueError as exc:
        raise ConfigError(f"{where}: 自定义规则 `{at}.severity`：{exc}") from None
    timeout = item.get("timeout", 1.0)
    if not isinstance(timeout, int | float) or isinstance(timeout, bool) or timeout <= 0:
        raise ConfigError(f"{where}: 自定义规则 `{at}.timeout` 应为正数（秒）")
    ignore_case = item.get("ignore-case", True)
    if not isinstance(ignore_case, bool):
        raise ConfigError(f"{where}: 自定义规则 `{at}.ignore-case` 应为布尔值")
    message = _string(item, "message", at, where, "出现了配置中禁止的内容 `{match}`")
    return RuleSpec(name, code, message, words, patterns, places, severity, ignore_case, float(timeout), where)


class CustomRule(PageCheck):
    """用户在配置中声明的关键词或正则规则。"""

    spec: RuleSpec

    @classmethod
    def docs(cls) -> str:
        s = cls.spec
        lines = [f"自定义规则：{s.message}", "", f"来自配置文件 {s.origin}。", "", "## 检查内容", "",
                 f"在 {', '.join(s.where)} 中查找："]
        lines += [f"- 词语 `{w}`" for w in s.words] + [f"- 正则 `{p}`" for p in s.patterns]
        return "\n".join(lines)

    @classmethod
    def summary(cls) -> str:
        return f"自定义规则：{cls.spec.message}"

    def __init__(self, options: Any = None) -> None:
        super().__init__(options)
        spec = self.spec
        alternatives = [regex.escape(w) for w in spec.words] + [f"(?:{p})" for p in spec.patterns]
        self.pattern = regex.compile("|".join(alternatives), regex.IGNORECASE if spec.ignore_case else 0)

    def check(self, page: Any) -> Iterator[Finding]:
        spec = self.spec
        for node, text in _places(page, spec.where):
            try:
                m = self.pattern.search(text, timeout=spec.timeout)
            except TimeoutError:
                message = f"自定义规则的正则表达式超过 {spec.timeout:g} 秒仍未完成，已跳过本页其余部分：请简化表达式"
                yield self.finding(node, message, severity=Severity.WARNING)
                return
            if m is not None:
                yield self.finding(node, spec.message.replace("{match}", m.group(0)))


def _places(page: Any, where: tuple[str, ...]) -> Iterator[tuple[Any, str]]:
    root = page.root
    if "text" in where:
        for t in root.xpath(_TEXT):
            yield t.getparent(), str(t)
    if "title" in where:
        for t in root.xpath(_TITLE):
            yield t.getparent(), str(t)
    if "links" in where:
        for link in page.links:
            yield link.element, f"{link.raw} {page.text_of(link.element) if link.tag == 'a' else ''}"
    if "attributes" in where:
        for a in root.xpath(_ATTRS):
            yield a.getparent(), str(a)


def make_checks(specs: tuple[RuleSpec, ...]) -> tuple[type[PageCheck], ...]:
    classes = []
    for spec in specs:
        cls = type(f"Custom_{spec.code}", (CustomRule,), {
            "spec": spec, "name": spec.name, "code": spec.code, "default_severity": spec.severity,
            "origin": "config", "__module__": __name__,
        })
        classes.append(cls)
    return tuple(classes)
