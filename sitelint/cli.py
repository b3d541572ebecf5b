"""Command line: ``sitelint [OPTIONS] [PATHS]...`` (lint), ``sitelint rules``, ``sitelint explain NAME``.

Exit status: 0 no finding at error severity; 1 at least one; 2 usage,
configuration or internal error.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from sitelint import __version__
from sitelint.config import ConfigError, find_config, load_config, parse_date
from sitelint.engine import Engine
from sitelint.registry import PluginError, Registry, load_registry
from sitelint.report import ReportContext, renderers

FORMATS = ("text", "json")


class DefaultGroup(click.Group):
    """``sitelint PATHS`` means ``sitelint lint PATHS``."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h", "--version")):
            args = ["lint", *args]
        return super().parse_args(ctx, args)


def _fail(message: str) -> None:
    click.echo(f"sitelint: {message}", err=True)
    sys.exit(2)


def _split(values: Sequence[str]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def _registry() -> Registry:
    try:
        return load_registry()
    except PluginError as exc:
        _fail(str(exc))
        raise  # unreachable


def _use_color(choice: bool | None, stream: Any) -> bool:
    if choice is not None:
        return choice
    if os.environ.get("NO_COLOR"):
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sitelint")
def main() -> None:
    """sitelint：政府网站发布前检查（暗链、商业广告、转载来源、政策解读、归档、地图、失效链接）。"""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True, help="输出格式。")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=str), help="把报告写入文件而不是标准输出。")
@click.option("--config", "config_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="配置文件（默认向上查找 sitelint.toml 或含 [tool.sitelint] 的 pyproject.toml）。")
@click.option("--select", multiple=True, help="只运行这些检查（名称、代码或代码前缀，逗号分隔）。")
@click.option("--ignore", multiple=True, help="不运行这些检查（名称、代码或代码前缀，逗号分隔）。")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="并行进程数（默认：全部 CPU 核心）。")
@click.option("--color/--no-color", default=None, help="是否彩色输出（默认仅在终端中；遵守 NO_COLOR）。")
@click.option("-q", "--quiet", is_flag=True, help="只输出问题，不显示源代码行。")
@click.option("--today", metavar="YYYY-MM-DD", help="构建日期（默认今天）：栏目更新、发布日期等检查以此为准。")
def lint(paths: tuple[str, ...], fmt: str, output: str | None, config_file: Path | None,
         select: tuple[str, ...], ignore: tuple[str, ...], jobs: int | None, color: bool | None,
         quiet: bool, today: str | None) -> None:
    """检查 PATHS 中的 HTML 与 Markdown 页面（默认当前目录）。"""
    registry = _registry()
    try:
        cfg_path = config_file or find_config(Path(paths[0]) if paths else Path.cwd())
        config = load_config(cfg_path)
        if today is not None:
            config = dataclasses.replace(config, today=parse_date(today, "--today", "命令行"))
        engine = Engine(registry, config, select=_split(select), ignore=_split(ignore), jobs=jobs)
    except ConfigError as exc:
        _fail(f"配置错误：{exc}")
        return
    try:
        result = engine.run(list(paths) or ["."])
    except Exception:  # the engine itself failed: say so loudly, exit 2
        import traceback

        traceback.print_exc()
        _fail("内部错误，检查未完成（请把上面的信息报告给 sitelint 维护者）")
        return
    stream = sys.stdout
    ctx = ReportContext(color=output is None and _use_color(color, stream), show_source=not quiet)
    text = renderers()[fmt](result, ctx)
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False, color=ctx.color)
    sys.exit(result.exit_code)


@main.command()
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
def rules(fmt: str) -> None:
    """列出全部检查：代码、名称、默认级别、说明。"""
    registry = _registry()
    rows = [(r.code, r.name, str(r.default_severity), r.summary(), r.origin) for r in registry.rules()]
    if fmt == "json":
        import json

        keys = ("code", "name", "severity", "summary", "origin")
        click.echo(json.dumps([dict(zip(keys, row, strict=True)) for row in rows], ensure_ascii=False, indent=2))
        return
    width = max(len(r[1]) for r in rows)
    for code, name, severity, summary, origin in rows:
        extra = "" if origin == "sitelint" else f"  [{origin}]"
        click.echo(f"{code}  {name:<{width}}  {severity:<7}  {summary}{extra}")


@main.command()
@click.argument("name")
def explain(name: str) -> None:
    """显示检查 NAME（名称或代码）的完整说明。"""
    rule = _registry().get(name)
    if rule is None:
        _fail(f"没有名为 `{name}` 的检查（`sitelint rules` 列出全部检查）")
        return
    click.echo(f"{rule.code} {rule.name}（默认级别：{rule.default_severity}）\n")
    click.echo(rule.docs())


if __name__ == "__main__":  # pragma: no cover
    main()
