"""The speed layer: how the pipeline's stages run fast (`generator.build.runner.Speed`), and its one switch.

`Speed` runs a build with everything this package has: pages from the page cache and extracted in worker
processes (`parallel`), the results of link + render and of check from the stage cache (`stage_cache`), the
example placements and checks of the operations an unchanged document keeps (`ExampleMemo`, `PlacementMemo`),
the validator's memory of passed meta-schema checks with workers checking ahead of it (`validator_memory`,
`meta_prefetch`), the YAML written by a forked process while the spec is checked (`stage_cache.yaml_ahead`),
a relaxed collector (`parallel.relaxed_gc`) and the patches of third-party internals (`patches`), in place only
for the duration of a run. None of it changes an output byte.

The switch: `OTC_APIGEN_NO_SPEED=1` in the environment (or `--no-speed` on a command that builds) runs the
plain pipeline instead (`generator.build.runner.PLAIN`): no cache, one process, no memo, stock libraries.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.build.check.document import ExampleMemo, Findings
from generator.build.finish.invalid_examples import PlacementMemo
from generator.build.runner import PLAIN, BuildResult, Check, Render
from generator.build.runner import Speed as SpeedHooks
from generator.core.codes import INVALIDATING
from generator.core.config import Service
from generator.core.exact import value_bytes
from generator.core.model import Source
from generator.speed import meta_prefetch, stage_cache
from generator.speed import validator_memory as spec_validator
from generator.speed.page_cache import PageCache
from generator.speed.parallel import default_jobs, extract_pages, extract_read, read_tree, relaxed_gc
from generator.speed.patches import docutils_fast, validator_fast
from generator.speed.stage_cache import StageCache, cached_dump_yaml

NO_SPEED_ENV = "OTC_APIGEN_NO_SPEED"
# the codes that make a spec invalid decide the check's verdict: part of its key
_INVALIDATING = repr(sorted(INVALIDATING)).encode()


def switched_off() -> bool:
    """Whether the environment asks for no speed (`OTC_APIGEN_NO_SPEED` set to anything but empty or 0)."""
    return os.environ.get(NO_SPEED_ENV, "").strip() not in ("", "0")


def speed_for(jobs: int | None = 1, cache: PageCache | None = None, stages: StageCache | None = None, *,
              no_speed: bool = False) -> SpeedHooks:
    """What the commands' options ask for: `Speed(jobs, cache, stages)`, or the plain pipeline with `no_speed`
    (`--no-speed`) or `OTC_APIGEN_NO_SPEED`."""
    if no_speed or switched_off():
        return PLAIN
    return Speed(jobs, cache, stages)


@contextlib.contextmanager
def patches_in_place() -> Iterator[None]:
    """For the duration, every patch whose libraries are at their verified versions (`patches.VERIFIED`); then
    each library as it was before (a nested use leaves what an outer one installed)."""
    had_docutils, had_validator = docutils_fast.installed(), validator_fast.installed()
    docutils_fast.install()
    validator_fast.install()
    try:
        yield
    finally:
        if not had_validator:
            validator_fast.uninstall()
        if not had_docutils:
            docutils_fast.uninstall()


@dataclass
class Speed:
    """`jobs`: processes extracting pages and checking schemas ahead of the validator (None: every core);
    `pages`: the page cache; `stages`: the stage cache (the validator's memory lives in its folder)."""

    jobs: int | None = 1
    pages: PageCache | None = None
    stages: StageCache | None = None

    @contextlib.contextmanager
    def run(self, *, yaml_ahead: bool = False) -> Iterator[SpeedRun]:
        # Pages from the cache, the linked model and the spec are hundreds of thousands of objects, none of them
        # garbage until the build is done: at the default thresholds the collector walks them again and again
        # (more than half of loading a tree's pages from the cache).
        with relaxed_gc(), patches_in_place():
            # not with one job: one process asked for
            run = SpeedRun(self, yaml_ahead and (default_jobs() if self.jobs is None else self.jobs) > 1)
            yield run
            stage_cache.write_pending(self.stages, run.pending)  # a build not checked in this run

    def dump_yaml(self, doc: Any) -> str:
        return cached_dump_yaml(doc, self.stages)

    def validate(self, spec: Any, validate: Callable[[Any], None]) -> None:
        root = self.stages.root if self.stages is not None else None
        loaded = spec_validator.load(root) if root is not None else 0
        # a document found clean before, but for its wording (what a docs change most often is), is clean again
        clean = spec_validator.clean_digest(spec)
        try:
            if clean not in spec_validator.VALID:
                with patches_in_place():
                    validate(spec_validator.validator_class())
                spec_validator.VALID.add(clean)
        finally:
            if root is not None:
                spec_validator.save(root, loaded)


class SpeedRun:
    def __init__(self, speed: Speed, yaml_ahead: bool) -> None:
        self.speed = speed
        self.yaml_ahead = yaml_ahead
        self.seconds: dict[str, float] = {}
        # the stage entry the build made, not yet written: written by the process that makes the YAML during the
        # check (`stage_cache.yaml_ahead`: pickled there, not here), else before the check, else at the run's end
        self.pending: stage_cache.Pending = []

    def build(self, docs_dir: Path, service: Service, files: list[Path], max_page_bytes: int,
              render: Render) -> BuildResult:
        started = time.perf_counter()
        result = self._build(docs_dir, service, files, max_page_bytes, render)
        self.seconds["build"] = time.perf_counter() - started
        return result

    def _build(self, docs_dir: Path, service: Service, files: list[Path], max_page_bytes: int,
               render: Render) -> BuildResult:
        speed, stages = self.speed, self.speed.stages
        if stages is None:
            return render(extract_pages(files, docs_dir, speed.jobs, speed.pages, max_page_bytes=max_page_bytes),
                          None)
        # Keyed by every docs file's path and bytes (read once: the pages extracted are those of the key, and
        # nothing after extraction reads the tree again) and the service. The entry holds the pages as link left
        # them (it completes their fields' types).
        tree = read_tree(files, docs_dir, max_page_bytes)
        looked_up = stages.key("build", tree.digest.encode(), repr(service).encode(), str(max_page_bytes).encode())
        hit = stages.get("build", looked_up)
        if isinstance(hit, tuple) and len(hit) == 3:
            return BuildResult(service, hit[0], hit[2], hit[1])
        pages = extract_read(tree, speed.jobs, speed.pages)
        # the example placements of the operations (and components) a docs change left alone are the last build's
        placed = PlacementMemo(spec_validator.load_memory(stages.root, "placements", service.name))
        result = render(pages, placed)
        spec_validator.save_memory(stages.root, "placements", service.name, placed.used)
        # kept before the check repairs the spec in place: the build's entry is the spec as built
        self.pending = [("build", looked_up, (result.spec, result.diagnostics, result.pages))]
        return result

    def check(self, spec: dict[str, Any], origin: Source, check: Check) -> tuple[Findings, bool]:
        started = time.perf_counter()
        findings, valid, waited = self._check(spec, origin, check)
        self.seconds["check"] = time.perf_counter() - started - waited
        self.seconds["yaml_wait"] = waited
        return findings, valid

    def _check(self, spec: dict[str, Any], origin: Source, check: Check) -> tuple[Findings, bool, float]:
        """The findings, the verdict, and the seconds spent waiting for the YAML process after the check."""
        speed, stages, pending = self.speed, self.speed.stages, self.pending
        self.pending = []
        if stages is None:
            with meta_prefetch.ahead(spec, speed.jobs):
                return *check(None, spec_validator.spec_errors), 0.0
        before = value_bytes(spec)  # made once: a walk of the whole spec counts on a one-page rebuild
        key = stages.key("check", before, repr(origin).encode(), _INVALIDATING)
        hit = stages.get("check", key)
        if isinstance(hit, tuple) and len(hit) == 3 and isinstance(hit[0], Findings):
            stage_cache.write_pending(stages, pending)  # before the spec is replaced by its repaired self
            if hit[2] is not None:  # the repaired document
                spec.clear()
                spec.update(hit[2])
            return hit[0], bool(hit[1]), 0.0
        loaded = spec_validator.load(stages.root)
        # the example checks of the operations (and components) a docs change left alone are the last build's
        memo = ExampleMemo(spec_validator.load_memory(stages.root, "examples", repr(origin)))
        with stage_cache.yaml_ahead(spec, stages, enabled=self.yaml_ahead, pending=pending) as waited:
            with meta_prefetch.when_needed(spec, speed.jobs):
                findings, valid = check(memo, spec_validator.spec_errors)
        spec_validator.save_memory(stages.root, "examples", repr(origin), memo.used)
        spec_validator.save(stages.root, loaded)
        stages.put("check", key, (findings, valid, None if value_bytes(spec) == before else spec))
        return findings, valid, waited.seconds
