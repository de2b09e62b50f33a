"""Regeneration speed, in one run: the docutils floor, then cold / warm / one-page-change / --jobs 1 builds
of one tree with their ratios to the floor, the whole corpus with `build-all` (time and peak memory) and
the client generation of the configured services.

    python benchmarks/bench_regen.py [TREE] [--corpus DIR] [--jobs N] [--no-corpus] [--no-client]

Prints only (timings vary with the machine and its load; no test asserts a time). The floor is docutils
parsing every page of TREE with one process per core, which every build has to do at least once.
A build here is what `python -m generator build` does without writing: read + extract (pool, cache),
link, openapi, then check, timed apart. Every cache used lives in a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.cache import CacheStats, PageCache  # noqa: E402
from generator.check import check  # noqa: E402
from generator.config import default_service  # noqa: E402
from generator.model import Source  # noqa: E402
from generator.parallel import default_jobs  # noqa: E402
from generator.pipeline import build_spec, rst_files  # noqa: E402
from generator.read import read_text  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
DEFAULT_TREE = CORPUS / "modelarts@1ba1873"
T = TypeVar("T")


def _parse(path: Path) -> int:
    return len(read_text(path.read_text(encoding="utf-8", errors="replace"), path.name).doctree.children)


def floor(files: list[Path], jobs: int) -> float:
    """docutils alone over every page, one process per core (pool start included, as in a build)."""
    t = time.perf_counter()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(_parse, files, chunksize=max(1, len(files) // (jobs * 4))))
    return time.perf_counter() - t


def timed(fn: Callable[[], T]) -> tuple[float, T]:
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


class Row:
    def __init__(self, name: str, build: float, check_s: float, stats: CacheStats | None, note: str = "") -> None:
        self.name, self.build, self.check, self.stats, self.note = name, build, check_s, stats, note


def build_once(tree: Path, service: str, jobs: int | None, cache: PageCache | None, name: str) -> Row:
    secs, result = timed(lambda: build_spec(tree, service, jobs, cache))
    check_s, _ = timed(lambda: check(result.spec, Source(f"<{service}.openapi.yaml>", 0)))
    return Row(name, secs, check_s, cache.stats if cache else None)


def tree_rss_sampler(pid: int, stop: threading.Event, peak: list[int]) -> None:
    """Peak of the summed RSS of `pid` and its descendants, sampled every 50 ms (all workers at once)."""
    while not stop.is_set():
        children: dict[int, list[int]] = {}
        rss: dict[int, int] = {}
        for d in os.listdir("/proc"):
            if not d.isdigit():
                continue
            try:
                with open(f"/proc/{d}/status") as f:
                    fields = dict(line.split(":", 1) for line in f if ":" in line)
            except OSError:
                continue
            children.setdefault(int(fields.get("PPid", "0").strip() or 0), []).append(int(d))
            rss[int(d)] = int(fields.get("VmRSS", "0 kB").split()[0])
        total, todo = 0, [pid]
        while todo:
            p = todo.pop()
            total += rss.get(p, 0)
            todo.extend(children.get(p, []))
        peak[0] = max(peak[0], total)
        stop.wait(0.05)


def run_measured(cmd: list[str], env: dict[str, str]) -> tuple[float, int, int, int]:
    """Wall seconds, peak summed RSS of the process tree (kB), largest single-process peak RSS (kB), exit."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stop, peak = threading.Event(), [0]
    sampler = threading.Thread(target=tree_rss_sampler, args=(proc.pid, stop, peak), daemon=True)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    stop.set()
    sampler.join()
    # ru_maxrss of wait4 is the largest peak among the process and its waited-for descendants (Linux: kB)
    return time.perf_counter() - t, peak[0], usage.ru_maxrss, proc.returncode


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("tree", nargs="?", type=Path, default=DEFAULT_TREE)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--jobs", type=int, default=default_jobs())
    ap.add_argument("--no-corpus", action="store_true")
    ap.add_argument("--no-client", action="store_true")
    args = ap.parse_args()
    service = default_service(args.tree.name.split("@")[0]).name
    files = rst_files(args.tree)
    tmp = Path(tempfile.mkdtemp(prefix="bench-regen-"))
    try:
        floor_s = floor(files, args.jobs)
        cache_dir = tmp / "cache"
        rows = [build_once(args.tree, service, args.jobs, PageCache(cache_dir), "cold (empty cache)"),
                build_once(args.tree, service, args.jobs, PageCache(cache_dir), "warm (no change)")]
        changed = tmp / "tree"
        shutil.copytree(args.tree, changed)
        page = next(p for p in rst_files(changed) if "create" in p.name.lower())
        page.write_text(page.read_text(encoding="utf-8") + "\n\nOne more sentence for the benchmark.\n",
                        encoding="utf-8")
        # the copy has the same relative paths and bytes, so only the changed page misses
        row = build_once(changed, service, args.jobs, PageCache(cache_dir), "one page changed")
        row.note = page.relative_to(changed).as_posix()
        rows.append(row)
        rows.append(build_once(args.tree, service, 1, None, "--jobs 1, no cache"))

        print(f"{args.tree.name}: {len(files)} files, {args.jobs} jobs, cpu_count {os.cpu_count()}, "
              f"load average {os.getloadavg()[0]:.1f}")
        print(f"{'run':24s} {'build s':>8s} {'/floor':>7s} {'check s':>8s} {'check %':>8s}  cache")
        print(f"{'docutils floor':24s} {floor_s:8.2f} {1:7.2f}")
        for r in rows:
            total = r.build + r.check
            print(f"{r.name:24s} {r.build:8.2f} {r.build / floor_s:7.2f} {r.check:8.2f} {r.check / total:8.1%}  "
                  f"{r.stats or '-'}{'  ' + r.note if r.note else ''}")

        env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONHASHSEED="0")
        if not args.no_corpus:
            cmd = [sys.executable, "-m", "generator", "build-all", str(args.corpus), "-o", str(tmp / "org"),
                   "--jobs", str(args.jobs), "--no-cache"]
            secs, tree_kb, single_kb, code = run_measured(cmd, env)
            trees = sum(1 for p in args.corpus.iterdir() if p.is_dir())
            print(f"\nwhole corpus ({trees} trees, build-all --jobs {args.jobs} --no-cache): {secs:.1f} s, "
                  f"exit {code}; "
                  f"peak RSS {tree_kb / 1024:.0f} MB summed over all processes, "
                  f"{single_kb / 1024:.0f} MB largest single process")
        if not args.no_client:
            cmd = [sys.executable, "-m", "generator", "generate", "--specs-dir", str(tmp / "specs"),
                   "--generated-dir", str(tmp / "generated"), "--cache-dir", str(tmp / "cache")]
            (tmp / "specs").mkdir()
            secs, _, _, code = run_measured(cmd, env)
            print(f"client generation (generate, every configured service, warm page cache): {secs:.1f} s, exit {code}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
