"""Find, parse and validate configuration; build each check's typed options.

Configuration lives in ``sitelint.toml`` (top level) or in ``[tool.sitelint]``
of ``pyproject.toml``, found by searching upward from the first linted path.
Every key is validated: an unknown key or a wrong type is a :class:`ConfigError`
naming the key and the file (the CLI exits 2).
"""

from __future__ import annotations

import dataclasses
import datetime
import tomllib
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitelint.findings import Severity

CONFIG_FILES = ("sitelint.toml", "pyproject.toml")
DEFAULT_MAX_FILE_SIZE = 20 * 1024 * 1024


class ConfigError(Exception):
    """A configuration problem; the message names the file and the key."""


@dataclass(frozen=True)
class Config:
    path: Path | None = None
    base: Path = field(default_factory=Path.cwd)
    domains: tuple[str, ...] = ()
    root: Path | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    kinds: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    per_file_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    severity: Mapping[str, Severity] = field(default_factory=dict)
    content_selectors: tuple[str, ...] = ()
    encoding: str | None = None
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    #: the build date checks compare dates with (``--today``); the engine fills in the real date
    today: datetime.date | None = None
    #: custom keyword / regex rules declared in the configuration (sitelint.custom.RuleSpec)
    rules: tuple[Any, ...] = ()
    checks: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return str(self.path) if self.path else "命令行"


def find_config(start: Path) -> Path | None:
    """The nearest sitelint.toml, or pyproject.toml with [tool.sitelint], upward from ``start``."""
    here = start.resolve()
    if not here.is_dir():
        here = here.parent
    for directory in (here, *here.parents):
        for name in CONFIG_FILES:
            candidate = directory / name
            if not candidate.is_file():
                continue
            if name == "sitelint.toml" or "sitelint" in _read_toml(candidate).get("tool", {}):
                return candidate
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: 不是有效的 TOML：{exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: 无法读取配置文件：{exc.strerror}") from None


def load_config(path: Path | None) -> Config:
    if path is None:
        return Config()
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("sitelint")
        if table is None:
            raise ConfigError(f"{path}: 缺少 [tool.sitelint] 表")
        prefix = "tool.sitelint."
    else:
        table, prefix = data, ""
    return parse_config(table, path, prefix)


def _str_list(value: Any, key: str, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: 配置项 `{key}` 应为字符串列表，实际为 {_type_name(value)}")
    return tuple(value)


#: the page kinds ``[kinds]`` may name (DESIGN's three, and the kinds the metadata and freshness checks tell apart)
KINDS = ("policy", "interpretation", "archive", "home", "column", "article")

_TYPE_NAMES: dict[type, str] = {bool: "布尔值", int: "整数", float: "数字", str: "字符串", list: "列表", dict: "表"}


def _type_name(value: Any) -> str:
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def _table(value: Any, key: str, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: 配置项 `{key}` 应为表（table），实际为 {_type_name(value)}")
    return value


def parse_config(table: Mapping[str, Any], path: Path | None, prefix: str = "") -> Config:
    where = str(path) if path else "配置"
    base = path.parent if path else Path.cwd()
    values: dict[str, Any] = {"path": path, "base": base}
    for key, value in table.items():
        full = prefix + key
        if key in ("domains", "select", "ignore", "extend-select", "exclude", "content-selectors"):
            items = _str_list(value, full, where)
            if key == "domains":  # each in both IDNA spellings (中文域名 and xn--), the first as written first
                from sitelint.links import host_forms

                items = tuple(dict.fromkeys(f for d in items if d.strip() for f in host_forms(d.strip())))
            values[key.replace("-", "_")] = items
        elif key == "root":
            if not isinstance(value, str):
                raise ConfigError(f"{where}: 配置项 `{full}` 应为字符串，实际为 {_type_name(value)}")
            values["root"] = (base / value).resolve()
        elif key == "encoding":
            if not isinstance(value, str):
                raise ConfigError(f"{where}: 配置项 `{full}` 应为字符串，实际为 {_type_name(value)}")
            values["encoding"] = value
        elif key == "max-file-size":
            if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
                raise ConfigError(f"{where}: 配置项 `{full}` 应为正整数（字节数）")
            values["max_file_size"] = value
        elif key == "rules":
            from sitelint.custom import parse_rules

            values["rules"] = parse_rules(value, full, where)
        elif key == "today":
            values["today"] = parse_date(value, full, where)
        elif key in ("kinds", "per-file-ignores"):
            tbl = _table(value, full, where)
            if key == "kinds" and (unknown := [k for k in tbl if k not in KINDS]):
                raise ConfigError(f"{where}: 未知的页面类型 `{full}.{unknown[0]}`（可用：{'、'.join(KINDS)}）")
            values[key.replace("-", "_")] = {k: _str_list(v, f"{full}.{k}", where) for k, v in tbl.items()}
        elif key == "severity":
            tbl = _table(value, full, where)
            sev: dict[str, Severity] = {}
            for name, level in tbl.items():
                if not isinstance(level, str):
                    raise ConfigError(f"{where}: 配置项 `{full}.{name}` 应为 \"error\"、\"warning\" 或 \"info\"")
                try:
                    sev[name] = Severity.parse(level)
                except ValueError as exc:
                    raise ConfigError(f"{where}: 配置项 `{full}.{name}`：{exc}") from None
            values["severity"] = sev
        elif key == "checks":
            tbl = _table(value, full, where)
            values["checks"] = {k: _table(v, f"{full}.{k}", where) for k, v in tbl.items()}
        else:
            raise ConfigError(f"{where}: 未知的配置项 `{full}`")
    return Config(**values)


def parse_date(value: Any, key: str, where: str) -> datetime.date:
    """A TOML date or a "YYYY-MM-DD" string."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ConfigError(f"{where}: 配置项 `{key}` 应为日期（YYYY-MM-DD），实际为 `{value}`")


# --- per-check typed options -------------------------------------------------------------


def build_options(options_cls: type[Any] | None, raw: Mapping[str, Any], check_name: str, where: str) -> Any:
    """Validate ``raw`` (kebab-case keys from config) against a check's frozen options dataclass."""
    prefix = f"tool.sitelint.checks.{check_name}" if where.endswith("pyproject.toml") else f"checks.{check_name}"
    if options_cls is None:
        if raw:
            key = next(iter(raw))
            raise ConfigError(f"{where}: 检查 `{check_name}` 没有选项 `{prefix}.{key}`")
        return None
    hints = typing.get_type_hints(options_cls)
    fields = {f.name: f for f in dataclasses.fields(options_cls)}
    kwargs: dict[str, Any] = {}
    for key, value in raw.items():
        attr = key.replace("-", "_")
        if attr not in fields:
            known = "、".join(name.replace("_", "-") for name in fields) or "（无）"
            raise ConfigError(f"{where}: 检查 `{check_name}` 没有选项 `{prefix}.{key}`（可用：{known}）")
        kwargs[attr] = _coerce(value, hints[attr], f"{prefix}.{key}", where)
    return options_cls(**kwargs)


def _coerce(value: Any, hint: Any, key: str, where: str) -> Any:
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        inner = [a for a in args if a is not type(None)]
        for alternative in inner[:-1]:  # the first alternative the value is; the last one explains a mismatch
            try:
                return _coerce(value, alternative, key, where)
            except ConfigError:
                continue
        return _coerce(value, inner[-1], key, where)
    if origin in (tuple, list, frozenset):
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            raise ConfigError(f"{where}: 选项 `{key}` 应为列表，实际为 {_type_name(value)}")
        item = args[0] if args else Any
        items = [_coerce(v, item, key, where) for v in value]
        return origin(items)
    if origin is dict or hint is dict:
        if not isinstance(value, dict):
            raise ConfigError(f"{where}: 选项 `{key}` 应为表，实际为 {_type_name(value)}")
        item = args[1] if len(args) == 2 else Any
        return {k: _coerce(v, item, f"{key}.{k}", where) for k, v in value.items()}
    if hint is Any:
        return value
    if hint is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if hint is int and isinstance(value, bool):
        raise ConfigError(f"{where}: 选项 `{key}` 应为整数，实际为布尔值")
    if isinstance(hint, type) and not isinstance(value, hint):
        expected = _TYPE_NAMES.get(hint, hint.__name__)
        raise ConfigError(f"{where}: 选项 `{key}` 应为{expected}，实际为 {_type_name(value)}")
    return value
