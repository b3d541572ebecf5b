"""The page pass on a Dask cluster gives exactly the findings of a local run.

A real ``dask.distributed`` cluster (a scheduler and one worker process on this machine) runs the
page pass; discovery, the site pass and the decision stay in the client.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from clirun import run

distributed = pytest.importorskip("distributed")

import sitelint.distributed as dist  # noqa: E402

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "site"


@pytest.fixture(scope="module")
def scheduler() -> Any:
    cluster = distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=True, dashboard_address=None)
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


def _diagnostics(args: list[str]) -> tuple[int, list[dict[str, Any]]]:
    result = run(["--format", "json", "--no-cache", "-q", *args, "."], EXAMPLE)
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)["diagnostics"]


def test_cluster_finds_what_a_local_run_finds(scheduler: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dist, "BATCH", 4)  # several batches, so results must come back in page order
    local = _diagnostics(["-j1"])
    remote = _diagnostics(["--dask-scheduler", scheduler])
    assert local[1], "the demo site has findings"
    assert remote == local


def test_pages_are_sent_when_workers_cannot_read_the_site(scheduler: str, monkeypatch: pytest.MonkeyPatch) -> None:
    sent: list[bool] = []
    real = dist._with_data

    def with_data(task: Any) -> Any:
        sent.append(True)
        return real(task)

    monkeypatch.setattr(dist, "_shared_file_system", lambda *_: False)
    monkeypatch.setattr(dist, "_with_data", with_data)
    local = _diagnostics(["-j1"])
    remote = _diagnostics(["--dask-scheduler", scheduler])
    assert sent and remote == local


def test_a_worker_sees_the_site_only_with_the_same_files(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_bytes(b"<p>x</p>")
    assert dist._sees(str(tmp_path), [("a.html", 8)])
    assert not dist._sees(str(tmp_path), [("a.html", 9)])
    assert not dist._sees(str(tmp_path / "elsewhere"), [("a.html", 8)])


def test_another_sitelint_version_on_the_workers_is_refused(scheduler: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dist, "__version__", "0.0.0-other")
    result = run(["--dask-scheduler", scheduler, "--no-cache", "."], EXAMPLE)
    assert result.exit_code == 2
    assert "0.0.0-other" in result.stderr  # names the versions that differ


def test_an_unreachable_scheduler_is_a_clear_error() -> None:
    with pytest.raises(dist.DaskError):
        dist.connect("tcp://127.0.0.1:9", timeout=2)
