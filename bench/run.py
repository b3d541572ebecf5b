"""Benchmark: sitelint against a bare lxml parse of the same synthetic government sites.

usage: python bench/run.py [N ...]        (default: 1000 10000)

For each N it generates an N-page site with ../shared/bench/gensite.py (or
bench/gensite.py when the shared one is absent), then measures, each in a fresh
process: a bare parse (read + lxml.html parse of every page, one process), and
``sitelint`` with the whole default rule set at -j1 and -j2 without the result
cache (and at -j2 without the C accelerator, SITELINT_NO_SPEEDUPS=1), then with a
warm cache: the whole site again, and one edited page (what a pre-commit hook does;
site checks still read the whole site from the cache). It prints wall time, pages
per second, peak RSS (the largest single process) and the ratio of each run to the
bare parse, as a Markdown table for the README.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
GENSITE = HERE.parent.parent / "shared" / "bench" / "gensite.py"
OUT = HERE / "out"

BARE = """
import os, sys, lxml.html
parser = lxml.html.HTMLParser(encoding="utf-8")
n = 0
for d, _, names in os.walk(sys.argv[1]):
    for name in names:
        if name.endswith(".html"):
            with open(os.path.join(d, name), "rb") as fh:
                lxml.html.document_fromstring(fh.read(), parser=parser)
            n += 1
print(n)
"""


def site(n: int) -> Path:
    target = OUT / f"site-{n}"
    if not (target / "index.html").exists():
        target.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, str(GENSITE), str(target), str(n)], check=True)
    return target


def measure(cmd: list[str], runs: int = 5, env: dict[str, str] | None = None) -> tuple[float, float]:
    """(median wall seconds, peak RSS MiB of the largest process) of ``runs`` runs of a command, each in a
    fresh child (the machine is shared: one run can be off by 10 %)."""
    results = sorted(_measure_once(cmd, env) for _ in range(runs))
    return results[len(results) // 2]


def _measure_once(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    wrapper = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)\n"
        "wall = time.perf_counter() - t\n"
        "print(wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    # Run outside the source tree so nothing there shadows the installed package and its entry points.
    out = subprocess.run([sys.executable, "-c", wrapper, *cmd], check=True, capture_output=True, text=True, cwd=OUT,
                         env=None if env is None else {**os.environ, **env})
    wall, rss_kib = out.stdout.split()
    return float(wall), int(rss_kib) / 1024


def pages_in(path: Path) -> int:
    return sum(1 for _d, _s, names in os.walk(path) for name in names if name.endswith(".html"))


def main(sizes: list[int]) -> None:
    # As an installed package has them: byte-compiled modules (PYTHONDONTWRITEBYTECODE may be set here).
    for package in ("sitelint", "sitelint_checks"):
        spec = importlib.util.find_spec(package)
        assert spec is not None and spec.origin is not None, f"{package} is not installed"
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(spec.origin).parent)], check=True,
                       stdout=subprocess.DEVNULL)
    sitelint = [sys.executable, "-m", "sitelint.cli", "--format", "json", "--output", os.devnull]
    cold = [*sitelint, "--no-cache"]
    rows = []
    for n in sizes:
        path = site(n)
        pages = pages_in(path)
        bare_wall, bare_rss = measure([sys.executable, "-c", BARE, str(path)])
        rows.append((pages, "bare lxml parse", 1, bare_wall, bare_rss, 1.0))
        for jobs in (1, 2):
            wall, rss = measure([*cold, "-j", str(jobs), str(path)])
            rows.append((pages, "sitelint, all checks, no cache", jobs, wall, rss, wall / bare_wall))
        wall, rss = measure([*cold, "-j", "2", str(path)], env={"SITELINT_NO_SPEEDUPS": "1"})
        rows.append((pages, "the same without the C accelerator", 2, wall, rss, wall / bare_wall))
        cache = OUT / f"cache-{n}"
        shutil.rmtree(cache, ignore_errors=True)
        warm = [*sitelint, "--cache-dir", str(cache), "-j", "2"]
        measure([*warm, str(path)], runs=1)  # fill the cache
        one_page = next(path.glob("zcwj/*.html"))
        for label, target in (("whole site", path), ("one changed page", one_page)):
            if label == "one changed page":
                one_page.write_bytes(one_page.read_bytes() + b"\n")  # an edit, as in a pre-commit run
            wall, rss = measure([*warm, str(target)])
            rows.append((pages, f"sitelint, warm cache, {label}", 2, wall, rss, wall / bare_wall))
    print("| pages | run | processes | wall (s) | pages/s | peak RSS (MiB, largest process) | × bare parse |")
    print("|---:|---|---:|---:|---:|---:|---:|")
    for pages, what, jobs, wall, rss, ratio in rows:
        print(f"| {pages} | {what} | {jobs} | {wall:.2f} | {pages / wall:,.0f} | {rss:.0f} | {ratio:.2f} |")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10000])
