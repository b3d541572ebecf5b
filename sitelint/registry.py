"""Discover checks through the ``sitelint.checks`` entry points, built-ins included.

A plugin that fails to import, or that is not a proper check, is a
:class:`PluginError` naming it; the CLI exits 2 rather than run without it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from importlib.metadata import entry_points

from sitelint.check import CODE_RE, NAME_RE, Check, PageCheck, SiteCheck
from sitelint.config import ConfigError
from sitelint.meta import META_RULES, MetaRule

GROUP = "sitelint.checks"


class PluginError(Exception):
    pass


@dataclass(frozen=True)
class Registry:
    checks: tuple[type[Check], ...]
    meta: tuple[MetaRule, ...] = META_RULES

    def by_key(self) -> dict[str, str]:
        """Every name and code, mapped to the check's name."""
        keys: dict[str, str] = {}
        for rule in self.rules():
            keys[rule.name] = rule.name
            keys[rule.code] = rule.name
        return keys

    def rules(self) -> list[type[Check] | MetaRule]:
        return sorted([*self.meta, *self.checks], key=lambda r: r.code)

    def with_checks(self, extra: Iterable[type[Check]], where: str) -> Registry:
        """This registry plus checks declared in the configuration (custom rules)."""
        try:
            return Registry(validate([*self.checks, *extra], custom=True))
        except PluginError as exc:
            raise ConfigError(f"{where}: {exc}") from None

    def get(self, key: str) -> type[Check] | MetaRule | None:
        for rule in self.rules():
            if key in (rule.name, rule.code):
                return rule
        return None


def validate(classes: Iterable[type[Check]], custom: bool = False) -> tuple[type[Check], ...]:
    seen_names: dict[str, str] = {rule.name: "sitelint" for rule in META_RULES}
    seen_codes: dict[str, str] = {rule.code: "sitelint" for rule in META_RULES}
    out = []
    for cls in classes:
        label = f"{cls.__module__}.{cls.__qualname__}"
        if not (isinstance(cls, type) and issubclass(cls, (PageCheck, SiteCheck))):
            raise PluginError(f"插件 `{label}` 不是 PageCheck 或 SiteCheck 的子类")
        if not NAME_RE.match(cls.name or ""):
            raise PluginError(f"插件 `{label}` 的名称 `{cls.name}` 不是 kebab-case")
        if not (CODE_RE.match(cls.code or "") or (custom and cls.origin == "config")):
            raise PluginError(f"插件 `{label}` 的代码 `{cls.code}` 不符合 SLnnn 格式")
        for key, seen in ((cls.name, seen_names), (cls.code, seen_codes)):
            if key in seen:
                raise PluginError(f"插件 `{label}` 的 `{key}` 与 {seen[key]} 重复")
            seen[key] = label
        out.append(cls)
    return tuple(sorted(out, key=lambda c: c.code))


def load_registry() -> Registry:
    classes = []
    for ep in entry_points(group=GROUP):
        try:
            cls = ep.load()
        except Exception as exc:  # a broken plugin must be named, never skipped
            raise PluginError(f"无法加载检查插件 `{ep.name}`（{ep.value}）：{type(exc).__name__}: {exc}") from exc
        if getattr(cls, "name", None) != ep.name:
            raise PluginError(f"入口点 `{ep.name}` 指向的检查名称为 `{getattr(cls, 'name', None)}`，两者应一致")
        if ep.dist is not None and ep.dist.name != "sitelint":
            cls.origin = ep.dist.name
        classes.append(cls)
    return Registry(validate(classes))
