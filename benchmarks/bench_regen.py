"""Regeneration speed, in one run: the docutils floor, then cold / warm / one-page-change / --jobs 1 builds
of one tree with their ratios to the floor and the caches' hits and misses, `check` as a share of the cold
build, the whole corpus with `build-all` (time and peak memory) and the client generation of every
configured service, cold and stamped.

    python benchmarks/bench_regen.py [TREE] [--corpus DIR] [--jobs N] [--no-corpus] [--no-client]

Prints only (timings vary with the machine and its load; no test asserts a time). The floor is stock
docutils (`publish_doctree` with our roles and settings, none of our fast paths) parsing every page of
TREE with one process per core, which every build has to do at least once; the line after it is the same
parse through our read path (settings computed once, `generator.speed.patches.docutils_fast`), in a build's pool.
A build here is what `python -m generator build` does without writing files (`pipeline.build_and_check`):
read + extract (pool, page cache), link + openapi (stage cache), check + repair (stage cache; meanwhile a
forked process writes the build's stage entry and puts the YAML text into the stage cache, as `build` does),
the YAML text (stage cache), each timed. Every cache used lives in a temporary folder; the validator's
in-process memory of checked schemas is emptied before the cold and the uncached runs, so they start from
nothing.
"""

from __future__ import annotations

import argparse
import io
import multiprocessing
import os
import resource
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

from docutils.core import publish_doctree  # noqa: E402

from generator.build.pipeline import build_and_check, rst_files  # noqa: E402
from generator.core.config import default_service  # noqa: E402
from generator.docs import read
from generator.docs.read import read_text  # noqa: E402
from generator.speed import parallel
from generator.speed import validator_memory as spec_validator
from generator.speed.layer import patches_in_place  # noqa: E402
from generator.speed.page_cache import PageCache  # noqa: E402
from generator.speed.parallel import default_jobs, extract_pages  # noqa: E402
from generator.speed.stage_cache import StageCache, cached_dump_yaml  # noqa: E402
from generator.speed.layer import speed_for

CORPUS = ROOT.parent / "shared" / "corpus"
DEFAULT_TREE = CORPUS / "modelarts@1ba1873"
T = TypeVar("T")


def _parse(path: Path) -> int:
    # the floor is stock docutils: these workers are forked from a process without the fast paths in place
    fast = sys.modules.get("generator.speed.patches.docutils_fast")
    assert fast is None or not fast.installed(), "the floor must not run with our docutils fast paths"
    read._register()  # our Sphinx roles and directives, so the nodes are those of a build
    overrides = dict(read._SETTINGS, warning_stream=io.StringIO())
    text = path.read_text(encoding="utf-8", errors="replace")
    return len(publish_doctree(text, source_path=path.name, settings_overrides=overrides).children)


def _parse_ours(path: Path) -> int:
    return len(read_text(path.read_text(encoding="utf-8", errors="replace"), path.name).doctree.children)


def floor(files: list[Path], jobs: int) -> float:
    """Stock docutils (`publish_doctree` with our roles and settings) over every page, one process per
    core (pool start included, as in a build), as issue 12 measured it."""
    fast = sys.modules.get("generator.speed.patches.docutils_fast")  # put in place by an in-process build of an earlier round
    was = fast is not None and fast.installed()
    if fast is not None and was:
        fast.uninstall()
    try:
        t = time.perf_counter()
        with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            list(pool.map(_parse, files, chunksize=max(1, len(files) // (jobs * 4))))
        return time.perf_counter() - t
    finally:
        if fast is not None and was:
            fast.install()


def floor_ours(files: list[Path], jobs: int) -> float:
    """The same pages through our read path (`read.read_text`: settings computed once, the docutils fast
    paths) in a pool set up as a build's (`generator.speed.parallel`: largest page first, worker GC settings)."""
    t = time.perf_counter()
    order = sorted(files, key=lambda p: -p.stat().st_size)
    with patches_in_place(), ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork"),
                                                 initializer=parallel._init_worker, initargs=(None,)) as pool:
        list(pool.map(_parse_ours, order))
    return time.perf_counter() - t


def cpu_seconds() -> float:
    """User + system CPU time of this process and its finished children (the pool workers, once joined)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def cpu_timed(fn: Callable[[], T]) -> tuple[float, float, T]:
    """Wall seconds, CPU seconds (all processes: less sensitive to other load on the machine), result."""
    t, c = time.perf_counter(), cpu_seconds()
    out = fn()
    return time.perf_counter() - t, cpu_seconds() - c, out


def timed(fn: Callable[[], T]) -> tuple[float, T]:
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


class Row:
    def __init__(self, name: str, build: float, check_s: float, yaml_s: float, pages: PageCache | None,
                 stages: StageCache | None, note: str = "") -> None:
        self.name, self.build, self.check, self.yaml, self.note = name, build, check_s, yaml_s, note
        self.pages, self.stages = pages, stages
        self.cpu = 0.0  # CPU seconds of the whole build, all processes
        self.page = 0.0  # of a one-page change: seconds the changed page takes alone (`page_alone`)

    @property
    def total(self) -> float:
        return self.build + self.check + self.yaml

    def cache(self) -> str:
        if self.pages is None or self.stages is None:
            return "-"
        p, s = self.pages.stats, self.stages.stats
        return f"pages {p.hits} hit/{p.misses} miss, stages {s.hits} hit/{s.misses} miss"


def forget() -> None:
    """Empty what a process remembers between builds, so that a cold build starts from nothing (pool workers are
    forked from this process and would inherit it)."""
    from generator.core import types
    from generator.speed import prose_memo as prose_cache

    spec_validator.VALID.clear()
    prose_cache._memo.clear()
    types._parse_type.cache_clear()


def _page_alone(path: Path, rel: str) -> float:
    from generator.build.pipeline import extract_data

    data = path.read_bytes()
    t = time.perf_counter()
    extract_data(data, rel)
    return time.perf_counter() - t


def page_alone(path: Path, rel: str) -> float:
    """Seconds to read + extract one page in a process forked from this one (what the one-page build does with
    that page, from the same state, without warming this process for it)."""
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork")) as pool:
        return pool.submit(_page_alone, path, rel).result()


def build_once(tree: Path, service: str, jobs: int | None, cache_dir: Path | None, name: str) -> Row:
    pages = PageCache(cache_dir) if cache_dir else None
    stages = StageCache(cache_dir) if cache_dir else None
    cpu = cpu_seconds()
    # as `build` does: the build's entry and the YAML made by a forked process during the check
    built = build_and_check(tree, default_service(service), speed=speed_for(jobs, pages, stages), yaml_ahead=True)
    yaml_s, _ = timed(lambda: cached_dump_yaml(built.result.spec, stages))
    # the wait after the check for the process making the YAML (and writing the build's entry) is the YAML's
    row = Row(name, built.seconds["build"], built.seconds["check"], yaml_s + built.seconds.get("yaml_wait", 0.0),
              pages, stages)
    row.cpu = cpu_seconds() - cpu
    return row


def run_generate(cmd: list[str], env: dict[str, str]) -> tuple[float, int, dict[str, tuple[str, str]]]:
    """Wall seconds, exit status, and per service (state, seconds) from generate's closing table."""
    t = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    secs = time.perf_counter() - t
    rows = {}
    for line in proc.stdout.splitlines():
        parts = line.split()
        if len(parts) == 4 and parts[1] in ("regenerated", "unchanged", "failed"):
            rows[parts[0]] = (parts[1], parts[2])
    return secs, proc.returncode, rows


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
    ap.add_argument("--rounds", type=int, default=3,
                    help="floor and cold build measured this many times, alternately; the table is the round of the "
                         "median cold/floor ratio (a shared machine's speed drifts within a minute)")
    args = ap.parse_args()
    service = default_service(args.tree.name.split("@")[0]).name
    files = rst_files(args.tree)
    tmp = Path(tempfile.mkdtemp(prefix="bench-regen-"))
    try:
        changed = tmp / "tree"
        shutil.copytree(args.tree, changed)
        # a real docs edit: an API page's function text, which is the operation's description, so the spec
        # changes and check and YAML run again
        marker = "\nFunction\n--------\n\n"
        api = [p for p in rst_files(changed) if marker in p.read_text(encoding="utf-8")]
        page = next((p for p in api if "create" in p.name.lower()), api[0])
        text = page.read_text(encoding="utf-8")
        i = text.index(marker) + len(marker)
        page.write_text(text[:i] + "Changed for the benchmark. " + text[i:], encoding="utf-8")
        ours_s, ours_cpu, _ = cpu_timed(lambda: floor_ours(files, args.jobs))
        rounds: list[tuple[float, float, list[Row]]] = []
        for k in range(max(1, args.rounds)):
            floor_s, floor_cpu, _ = cpu_timed(lambda: floor(files, args.jobs))
            cache_dir = tmp / f"cache{k}"
            forget()
            rows = [build_once(args.tree, service, args.jobs, cache_dir, "cold (empty cache)"),
                    build_once(args.tree, service, args.jobs, cache_dir, "warm (no change)")]
            # the copy has the same relative paths and bytes, so only the changed page misses
            alone = page_alone(page, page.relative_to(changed).as_posix())
            row = build_once(changed, service, args.jobs, cache_dir, "one page changed")
            row.note = f"{page.relative_to(changed).as_posix()}; that page alone {alone:.2f} s, the rest " \
                       f"{row.total - alone:.2f} s"
            row.page = alone
            rows.append(row)
            rounds.append((floor_s, floor_cpu, rows))
        from generator.speed.patches import docutils_fast

        fast_paths = docutils_fast.supported()
        by_ratio = sorted(rounds, key=lambda r: r[2][0].total / r[0])
        floor_s, floor_cpu, rows = by_ratio[len(by_ratio) // 2]
        forget()
        rows.append(build_once(args.tree, service, 1, None, "--jobs 1, no cache"))
        forget()  # else the workers start with the prose and type memos the --jobs 1 build filled
        with patches_in_place():  # as in a build (the speed layer's run)
            extract_s, extract_cpu, _ = cpu_timed(lambda: extract_pages(files, args.tree, args.jobs, None))

        print(f"{args.tree.name}: {len(files)} files, {args.jobs} jobs, cpu_count {os.cpu_count()}, "
              f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())} (at the end of these builds)")
        print(f"{'run':22s} {'total s':>8s} {'/floor':>7s} {'extract+render':>15s} {'check s':>8s} {'yaml s':>7s}"
              f" {'check %':>8s}  cache")
        print(f"{'docutils floor':22s} {floor_s:8.2f} {1:7.2f}  (CPU {floor_cpu:.2f} s in all processes)")
        print(f"{'floor, our read path':22s} {ours_s:8.2f} {ours_s / floor_s:7.2f}  (CPU {ours_cpu:.2f} s = "
              f"{ours_cpu / floor_cpu:.2f} x the floor's; docutils fast paths "
              f"{'on' if fast_paths else 'off: docutils is not the pinned version'})")
        for r in rows:
            print(f"{r.name:22s} {r.total:8.2f} {r.total / floor_s:7.2f} {r.build:15.2f} {r.check:8.2f} {r.yaml:7.2f}"
                  f" {r.check / r.total:8.1%}  CPU {r.cpu:.2f} s ({r.cpu / floor_cpu:.2f} x floor's)  {r.cache()}"
                  f"{'  ' + r.note if r.note else ''}")
        print(f"{'extraction alone':22s} {extract_s:8.2f} {extract_s / floor_s:7.2f}  (CPU {extract_cpu:.2f} s = "
              f"{extract_cpu / floor_cpu:.2f} x the floor's; read + extract of every page, {args.jobs} jobs, "
              "no cache: the part of extract+render before link)")
        print("rounds (floor s, cold s, cold/floor, check %, one page s = the page alone + the rest), the table above "
              "is the median: " + "; ".join(
                  f"{f:.2f}, {rs[0].total:.2f}, {rs[0].total / f:.2f}x, {rs[0].check / rs[0].total:.1%}, "
                  f"{rs[2].total:.2f} = {rs[2].page:.2f} + {rs[2].total - rs[2].page:.2f}" for f, _, rs in rounds))
        cold = rows[0]
        print(f"check: {cold.check:.2f} s of the cold build's {cold.total:.2f} s = {cold.check / cold.total:.1%} "
              f"(uncached, one process: {rows[3].check / rows[3].total:.1%})")

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
            base = [sys.executable, "-m", "generator", "generate", "--specs-dir", str(tmp / "specs"),
                    "--generated-dir", str(tmp / "generated"), "--cache-dir", str(tmp / "gen-cache"),
                    "--jobs", str(args.jobs)]
            (tmp / "specs").mkdir()
            runs = [("cold (empty cache, no client)", run_generate(base, env)),
                    ("stamped (no change)", run_generate(base, env))]
            print("\nclient generation (generate, every configured service):")
            for label, (secs, code, per) in runs:
                services = ", ".join(f"{name} {state} {s} s" for name, (state, s) in sorted(per.items()))
                print(f"  {label:30s} {secs:6.1f} s, exit {code}: {services}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
