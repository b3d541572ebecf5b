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
from sitelint.cache import default_dir as default_cache_dir
from sitelint.config import ConfigError, find_config, load_config, parse_date
from sitelint.distributed import DaskError
from sitelint.engine import Engine
from sitelint.pagepass import no_collections
from sitelint.progress import Progress
from sitelint.registry import PluginError, Registry, load_registry
from sitelint.report import FORMATS as REPORT_FORMATS
from sitelint.report import ReportContext, renderer


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


def _show_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from sitelint.accel import speedups

    click.echo(f"sitelint, version {__version__} (C accelerator: {'on' if speedups is not None else 'off'})")
    ctx.exit()


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_show_version,
              help="显示版本，以及 C 加速模块是否在用（见 README“Dependencies”），然后退出。")
def main() -> None:
    """sitelint：政府网站发布前检查（暗链、商业广告、转载来源、政策解读、归档、地图、失效链接）。"""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(readable=False, path_type=str))  # unreadable: SL002, not a stop
@click.option("--format", "formats", type=click.Choice(REPORT_FORMATS), multiple=True,
              help="输出格式（默认 text）。可多次给出，与 --output 按顺序配对。")
@click.option("-o", "--output", "outputs", type=click.Path(dir_okay=False, path_type=str), multiple=True,
              help="把报告写入文件；多个 --format 时按顺序配对，未配对的一个格式写到标准输出。")
@click.option("--config", "config_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="配置文件（默认向上查找 sitelint.toml 或含 [tool.sitelint] 的 pyproject.toml）。")
@click.option("--select", multiple=True, help="只运行这些检查（名称、代码或代码前缀，逗号分隔）。")
@click.option("--ignore", multiple=True, help="不运行这些检查（名称、代码或代码前缀，逗号分隔）。")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="并行进程数（默认：全部 CPU 核心）。")
@click.option("--dask-scheduler", metavar="ADDRESS", envvar="SITELINT_DASK_SCHEDULER",
              help="在 Dask 集群上检查页面（如 tcp://10.0.0.5:8786；需安装 sitelint[dask]）。")
@click.option("--color/--no-color", default=None, help="是否彩色输出（默认仅在终端中；遵守 NO_COLOR）。")
@click.option("-q", "--quiet", is_flag=True, help="只输出问题，不显示源代码行和进度。")
@click.option("--statistics", is_flag=True, help="只输出每项检查的问题数。")
@click.option("--today", metavar="YYYY-MM-DD", help="构建日期（默认今天）：栏目更新、发布日期等检查以此为准。")
@click.option("--baseline", type=click.Path(dir_okay=False, path_type=Path),
              help="基线文件：只报告基线中没有的新问题，并统计基线中已修复的问题。")
@click.option("--write-baseline", type=click.Path(dir_okay=False, path_type=Path),
              help="把当前全部问题写入基线文件（之后用 --baseline 只看新问题）。")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path),
              help="结果缓存目录（默认用户缓存目录，或环境变量 SITELINT_CACHE_DIR）。")
@click.option("--no-cache", is_flag=True, help="不使用缓存，全部重新检查。")
@click.option("--fix", "apply_fixes", is_flag=True, help="自动修复可安全修复的问题（原子写入），然后重新检查。")
@click.option("--unsafe-fixes", is_flag=True, help="同时应用不保证安全的修复。")
@click.option("--diff", "show_diff", is_flag=True, help="只显示 --fix 会做的修改（统一 diff），不写文件。")
@no_collections()
def lint(paths: tuple[str, ...], formats: tuple[str, ...], outputs: tuple[str, ...], config_file: Path | None,
         select: tuple[str, ...], ignore: tuple[str, ...], jobs: int | None, dask_scheduler: str | None,
         color: bool | None, quiet: bool, statistics: bool, today: str | None, baseline: Path | None,
         write_baseline: Path | None, cache_dir: Path | None, no_cache: bool, apply_fixes: bool, unsafe_fixes: bool,
         show_diff: bool) -> None:
    """检查 PATHS 中的 HTML 与 Markdown 页面（默认当前目录）。"""
    pairs = _pair_outputs(list(formats) or ["text"], list(outputs))
    registry = _registry()
    try:
        cfg_path = config_file or find_config(Path(paths[0]) if paths else Path.cwd())
        config = load_config(cfg_path)
        if today is not None:
            config = dataclasses.replace(config, today=parse_date(today, "--today", "命令行"))
        engine = Engine(registry, config, select=_split(select), ignore=_split(ignore), jobs=jobs,
                        scheduler=dask_scheduler or None)
        known = None
        if baseline is not None:
            from sitelint.baseline import load_baseline

            known = load_baseline(baseline)
    except ConfigError as exc:
        _fail(f"配置错误：{exc}")
        return
    progress = None if quiet or os.environ.get("CI") else Progress(sys.stderr)
    try:
        cache = None if no_cache else (cache_dir or default_cache_dir())
        result = engine.run(list(paths) or ["."], progress=progress, baseline=known, cache_dir=cache)
    except DaskError as exc:  # the cluster, not the pages: a clear line, exit 2
        _fail(f"Dask 错误：{exc}")
        return
    except Exception:  # the engine itself failed: say so loudly, exit 2
        import traceback

        traceback.print_exc()
        _fail("内部错误，检查未完成（请把上面的信息报告给 sitelint 维护者）")
        return
    finally:
        if progress is not None:
            progress.close()
    if show_diff or apply_fixes:
        from sitelint.fix import plan_all, write_atomically

        plans = [p for p in plan_all(result.findings, result.sources, unsafe_fixes, config.encoding)
                 if p.after != p.before]
        if show_diff:
            click.echo("".join(p.diff() for p in plans), nl=False)
            sys.exit(1 if plans else 0)
        for plan in plans:
            write_atomically(plan.fs_path, plan.after)
        fixed = sum(len(p.applied) for p in plans)
        if fixed:
            click.echo(f"已修复 {fixed} 个问题（{len(plans)} 个文件），重新检查：", err=True)
            result = engine.run(list(paths) or ["."], baseline=known, cache_dir=cache)
    if write_baseline is not None:
        from sitelint.baseline import write_baseline as write_baseline_file

        write_baseline_file(write_baseline, result.findings)
        click.echo(f"已把 {len(result.findings)} 个问题写入基线 {write_baseline}", err=True)
        sys.exit(2 if result.internal_errors else 0)
    ctx = ReportContext(show_source=not quiet, rules=registry.rules(), version=__version__)
    for fmt, output in pairs:
        if statistics and fmt == "text":
            from sitelint.report.text import render_statistics

            text = render_statistics(result)
        else:
            use_color = output is None and _use_color(color, sys.stdout)
            text = renderer(fmt)(result, dataclasses.replace(ctx, color=use_color))
        if output:
            Path(output).write_text(text, encoding="utf-8")
        else:
            click.echo(text, nl=False, color=_use_color(color, sys.stdout))
    if baseline is not None and not quiet:
        click.echo(f"基线：{result.baselined} 个已知问题未报告，{result.fixed} 个基线问题已修复。", err=True)
    sys.exit(result.exit_code)


def _pair_outputs(formats: list[str], outputs: list[str]) -> list[tuple[str, str | None]]:
    """Pair each --format with its --output in order; at most one format goes to standard output."""
    if len(outputs) > len(formats):
        raise click.UsageError("--output 多于 --format：每个输出文件都要有对应的格式")
    if len(formats) - len(outputs) > 1:
        raise click.UsageError("只有一个格式可以写到标准输出：请为其余 --format 给出 --output")
    padded: list[str | None] = [*outputs, *([None] * (len(formats) - len(outputs)))]
    return list(zip(formats, padded, strict=True))


_CONFIG_OPTION = click.option(
    "--config", "config_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="配置文件（默认从当前目录向上查找）；其中的自定义规则也会列出。")


def _configured_registry(config_file: Path | None) -> Registry:
    registry = _registry()
    try:
        config = load_config(config_file or find_config(Path.cwd()))
        if not config.rules:
            return registry
        from sitelint.custom import make_checks

        return registry.with_checks(make_checks(config.rules), config.label)
    except ConfigError as exc:
        _fail(f"配置错误：{exc}")
        raise


@main.command()
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True)
@_CONFIG_OPTION
def rules(fmt: str, config_file: Path | None) -> None:
    """列出全部检查：代码、名称、默认级别、说明。"""
    registry = _configured_registry(config_file)
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
@_CONFIG_OPTION
def explain(name: str, config_file: Path | None) -> None:
    """显示检查 NAME（名称或代码）的完整说明。"""
    rule = _configured_registry(config_file).get(name)
    if rule is None:
        _fail(f"没有名为 `{name}` 的检查（`sitelint rules` 列出全部检查）")
        return
    click.echo(f"{rule.code} {rule.name}（默认级别：{rule.default_severity}）\n")
    click.echo(rule.docs())


@main.command()
@click.argument("directory", default=".", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="覆盖已有的 sitelint.toml。")
@click.option("--stdout", "to_stdout", is_flag=True, help="输出到标准输出而不写文件。")
def init(directory: Path, force: bool, to_stdout: bool) -> None:
    """在 DIRECTORY 写一份带注释的 sitelint.toml（从页面元数据识别站点根目录与域名）。"""
    from sitelint.init import starter_config

    text = starter_config(directory)
    if to_stdout:
        click.echo(text, nl=False)
        return
    target = directory / "sitelint.toml"
    if target.exists() and not force:
        _fail(f"{target} 已存在（用 --force 覆盖，或 --stdout 查看）")
    target.write_text(text, encoding="utf-8")
    click.echo(f"已写入 {target}", err=True)


def entry() -> None:
    """The ``sitelint`` command: :func:`main`, then a hard exit once the output is flushed.

    A run keeps every page's result alive until it ends; freeing them one by one at interpreter
    shutdown does nothing useful and costs a noticeable part of a large run (about 0.3 s of a
    10,000-page run), so the process ends with ``os._exit``, as mypy does. Files are written and
    closed, worker pools and the cache are shut down before this point.
    """
    try:
        main()
        code: object = 0
    except SystemExit as exc:
        code = exc.code
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (sitelint | head): nothing more to say
            pass
    os._exit(code or 0)


if __name__ == "__main__":  # pragma: no cover
    entry()
