"""The page pass on a Dask cluster: past one machine, the same work the local process pool does.

``sitelint --dask-scheduler tcp://host:8786 SITE`` sends the page pass to the workers of a running
``dask.distributed`` scheduler; discovery, the site pass, the decision and the reports stay in this
process, so the findings are the same as a local run's. Install ``sitelint[dask]`` here and on every
worker (the same sitelint version: checked before anything is sent).

Workers read the pages themselves when they see the site at the same path with the same files (a
shared file system, as CI runners with a common workspace have); otherwise this process reads the
pages and the site's stylesheets and sends them with the tasks. Pages go in batches, so the
scheduler's per-task overhead is paid once per batch. A batch that fails on a worker is retried;
a cluster that cannot be reached or keeps failing ends the run with exit 2, never with findings
silently missing.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from sitelint import __version__
from sitelint.worker import PageResult, Task, WorkerState, lint_task, set_state

#: pages per Dask task: big enough that scheduling costs little, small enough to spread and show progress
BATCH = 64
#: how many pages a worker must see, at the same size, to be trusted with the shared file system
_SAMPLES = 8
#: stylesheets larger than this are not sent (the local loader skips them too)
_MAX_SHEET = 2_000_000


class DaskError(Exception):
    """The cluster cannot run the page pass (not installed, unreachable, other version, a batch keeps failing)."""


def _worker_version() -> str:
    return __version__


def _sees(root: str, samples: Sequence[tuple[str, int]]) -> bool:
    """Whether this worker sees the site at ``root``: each sample file there, with the same size."""
    try:
        return all(os.path.getsize(os.path.join(root, rel)) == size for rel, size in samples)
    except OSError:
        return False


def _lint_batch(tasks: list[Task], state: WorkerState) -> list[PageResult]:
    """Run on a worker: the page pass over one batch (the same function the local pool runs)."""
    set_state(state)
    return [lint_task(task) for task in tasks]


def connect(address: str, timeout: float = 30) -> Any:
    """A client of the scheduler at ``address``, after checking every worker runs this sitelint version."""
    try:
        from distributed import Client
    except ImportError as exc:
        raise DaskError("需要 dask.distributed：pip install \"sitelint[dask]\"（本机与每个 worker 都要安装）") from exc
    try:
        client = Client(address, set_as_default=False, timeout=timeout)
    except (OSError, TimeoutError) as exc:
        raise DaskError(f"无法连接 Dask 调度器 {address}：{exc}") from exc
    try:
        versions = client.run(_worker_version)
    except Exception as exc:  # a worker without sitelint cannot even unpickle the function
        client.close()
        raise DaskError(f"Dask worker 上没有可用的 sitelint（请安装 sitelint {__version__}）：{exc}") from exc
    if not versions:
        client.close()
        raise DaskError(f"Dask 调度器 {address} 没有可用的 worker")
    other = {addr: v for addr, v in versions.items() if v != __version__}
    if other:
        client.close()
        listed = "，".join(f"{addr} 为 {v}" for addr, v in sorted(other.items()))
        raise DaskError(f"Dask worker 的 sitelint 版本与本机（{__version__}）不同：{listed}")
    return client


def _shared_file_system(client: Any, state: WorkerState, tasks: Sequence[Task]) -> bool:
    samples: list[tuple[str, int]] = []
    for task in tasks[:: max(1, len(tasks) // _SAMPLES)][:_SAMPLES]:
        try:
            samples.append((os.path.relpath(task.fs_path, state.site.root), os.path.getsize(task.fs_path)))
        except (OSError, ValueError):
            continue
    seen = client.run(_sees, str(state.site.root), samples)
    return bool(seen) and all(seen.values())


def _with_data(task: Task) -> Task:
    """The task with the page's bytes, for a worker that cannot read the site (unreadable: left to the worker)."""
    try:
        with open(task.fs_path, "rb") as fh:
            return replace(task, data=fh.read())
    except OSError:
        return task


def _with_stylesheets(state: WorkerState) -> WorkerState:
    """The state with every stylesheet of the site loaded, for workers that cannot read the site."""
    for rel in state.site.files:
        if rel.lower().endswith(".css"):
            full = state.site.root / rel
            try:
                small = full.stat().st_size < _MAX_SHEET
            except OSError:
                small = False
            if small:
                state.load_stylesheet(rel)
    return state


def page_pass(address: str, tasks: list[Task], state: WorkerState,
              progress: Callable[[int, int], None] | None = None, *, ship: bool | None = None,
              client: Any = None) -> list[PageResult]:
    """The page pass of ``tasks`` on the cluster at ``address``, results in the order of ``tasks``.

    ``ship`` sends the pages' bytes with the tasks (None: only when the workers do not see the site).
    """
    own = client is None
    client = connect(address) if client is None else client
    try:
        # workers have working directories of their own: paths that mean the same anywhere
        tasks = [replace(t, fs_path=os.path.abspath(t.fs_path)) for t in tasks]
        if ship is None:
            ship = not _shared_file_system(client, state, tasks)
        if ship:
            tasks = [_with_data(t) for t in tasks]
            state = _with_stylesheets(state)
        [state_future] = client.scatter([state], broadcast=True, hash=False)
        batches = [tasks[i:i + BATCH] for i in range(0, len(tasks), BATCH)]
        futures = client.map(_lint_batch, batches, state=state_future, pure=False, retries=2)
        index = {f.key: i for i, f in enumerate(futures)}
        results: list[list[PageResult] | None] = [None] * len(batches)
        done = 0
        from distributed import as_completed

        for future in as_completed(futures, loop=client.loop):
            try:
                batch = future.result()
            except Exception as exc:
                raise DaskError(f"Dask worker 处理页面时失败（已重试）：{type(exc).__name__}: {exc}") from exc
            results[index[future.key]] = batch
            future.release()
            done += len(batch)
            if progress is not None:
                progress(done, len(tasks))
        return [r for batch in results if batch is not None for r in batch]
    finally:
        if own:
            client.close()
