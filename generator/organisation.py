"""Every service of an organisation: find the docs trees under a folder and build them in parallel.

Each sub-folder is a docs checkout (`<repo>/api-ref/source/`; service name = repo folder) or else,
when it holds `.rst` files at any depth, a tree itself, as in the corpus (`<service>@<commit>/`;
service name = the part before `@`). A `services.toml` (given, or at the top of the folder) names a
tree by its `docs` path and wins over the folder name. Each tree is built in a worker process, one
tree at a time per worker, so peak memory is that of a few builds whatever the number of services;
a worker reads and writes the page cache like any build. Outputs are named by the tree's folder
(`modelarts@1ba1873.openapi.yaml`), which stays unique when one service is there at several commits.
"""

from __future__ import annotations

import multiprocessing
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from generator.build.pipeline import build_and_check
from generator.core.config import Service, default_service, load_services, tree_name
from generator.core.emit import dump_json, write_text_atomic
from generator.report.census import census_of
from generator.report.diagnostics import report
from generator.speed.layer import speed_for
from generator.speed.page_cache import PageCache, code_version
from generator.speed.stage_cache import StageCache


@dataclass(frozen=True)
class Tree:
    label: str  # the tree's folder name: unique under the organisation folder, names the outputs
    docs: Path
    service: Service


@dataclass(frozen=True)
class ServiceResult:
    label: str
    service: str
    pages: int
    operations: int
    errors: int
    seconds: float
    spec_written: bool
    note: str = ""  # why no spec was written
    title: str = ""
    defects: int = 0  # documentation defects (the report's count)

    @property
    def exit_status(self) -> int:
        return 0 if self.spec_written else 1


def discover(org_dir: Path, config: Path | None = None) -> list[Tree]:
    """The docs trees directly under `org_dir`, sorted by folder name."""
    cfg = config if config is not None else org_dir / "services.toml"
    listed = {s.docs.resolve(): s for s in load_services(cfg)} if config is not None or cfg.is_file() else {}
    trees = []
    for child in sorted(p for p in org_dir.iterdir() if p.is_dir() and not p.name.startswith(".")):
        checkout = child / "api-ref" / "source"
        if checkout.is_dir():
            docs = checkout
        elif any(child.rglob("*.rst")):
            docs = child
        else:
            continue
        service = listed.get(docs.resolve()) or default_service(tree_name(docs))
        trees.append(Tree(child.name, docs, service))
    return trees


def build_tree(tree: Tree, out_dir: Path, cache_dir: Path | None, no_speed: bool = False) -> ServiceResult:
    """Build, check and write one tree's spec (when valid) and diagnostics; never raises. `no_speed`: the plain
    pipeline (`--no-speed`)."""
    started = time.perf_counter()
    try:
        cache = PageCache(cache_dir) if cache_dir is not None else None
        stages = StageCache(cache_dir) if cache_dir is not None else None
        speed = speed_for(1, cache, stages, no_speed=no_speed)
        built = build_and_check(tree.docs, tree.service, speed=speed)
        rep = report(census_of(built))
        write_text_atomic(out_dir / f"{tree.label}.diagnostics.json", dump_json(rep))
        if built.valid:
            write_text_atomic(out_dir / f"{tree.label}.openapi.yaml", speed.dump_yaml(built.result.spec))
        s = rep["summary"]
        return ServiceResult(tree.label, tree.service.name, s["pages"], s["operations_in_spec"],
                             s["diagnostics"]["by_severity"]["error"], time.perf_counter() - started, built.valid,
                             "" if built.valid else "invalid spec (see diagnostics)", tree.service.title,
                             s["documentation_defects"])
    except Exception as exc:  # one service's failure is that service's status, never the organisation's run
        last = traceback.extract_tb(exc.__traceback__)[-1]
        return ServiceResult(tree.label, tree.service.name, 0, 0, 0, time.perf_counter() - started, False,
                             f"crashed: {type(exc).__name__}: {exc} (in {last.name}:{last.lineno})")


def build_all(trees: list[Tree], out_dir: Path, jobs: int, cache_dir: Path | None,
              on_done: Callable[[ServiceResult], None] = lambda r: None, *,
              no_speed: bool = False) -> list[ServiceResult]:
    """Build every tree, `jobs` at a time; results in the order of `trees`, `on_done` as each finishes; `no_speed`:
    each tree by the plain pipeline (`build_tree`)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    if jobs == 1:
        results = []
        for tree in trees:
            results.append(build_tree(tree, out_dir, cache_dir, no_speed))
            on_done(results[-1])
        return results
    done: dict[str, ServiceResult] = {}
    if cache_dir is not None:
        code_version()  # hashed once, before the fork: every worker keys its pages by the same version
    ctx = multiprocessing.get_context("fork" if sys.platform == "linux" else None)
    # biggest trees first: the last one to finish is then a small one
    order = sorted(trees, key=lambda t: -_size(t.docs))
    with ProcessPoolExecutor(max_workers=max(1, min(jobs, len(trees))), mp_context=ctx) as pool:
        futures: dict[Future[ServiceResult], Tree] = {pool.submit(build_tree, t, out_dir, cache_dir, no_speed): t
                                                   for t in order}
        for fut, tree in _completed(futures):
            try:
                result = fut.result()
            except BrokenProcessPool as exc:  # a worker killed (e.g. out of memory): its trees fail
                result = ServiceResult(tree.label, tree.service.name, 0, 0, 0, 0.0, False, f"worker died: {exc}")
            done[tree.label] = result
            on_done(result)
    return [done[t.label] for t in trees]


def _completed(futures: dict[Future[ServiceResult], Tree]) -> Iterator[tuple[Future[ServiceResult], Tree]]:
    for fut in as_completed(futures):
        yield fut, futures[fut]


def _size(docs: Path) -> int:
    return sum(p.stat().st_size for p in docs.rglob("*.rst") if p.is_file())
