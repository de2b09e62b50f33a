"""The stages wired together for one docs tree: read -> extract -> link -> build -> check.

This is the only wiring: the commands, the report and the diff call `build_spec` (docs -> spec) or
`build_and_check` (docs -> spec + findings + validity), never each other. One broken page never
stops the others: an exception while reading or extracting a page becomes a `page.crash` diagnostic.

A spec is valid, i.e. written and handed to the client generator, unless `check` found something
that makes it unusable as OpenAPI: a schema violation (`check.openapi`), a `$ref` that leads nowhere
(`check.dangling_ref`, which would also crash the validator) or path placeholders that disagree with
the declared path parameters (`check.path_params`, which no client can call). Everything else is a
diagnostic on a spec that is still written: a lossy spec with its losses listed beats no spec.
"""

from __future__ import annotations

import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.build.check import consistency
from generator.build.check import document as check_module
from generator.build.check.document import Findings
from generator.build.check.repair import check_and_repair
from generator.build.finish import invalid_examples as build_extras
from generator.build.finish.linked_statuses import linked_error_statuses
from generator.build.finish.tags import describe_tags
from generator.build.link import link
from generator.build.render.openapi import render_spec
from generator.core.codes import INVALIDATING  # `check` codes that make a spec unusable
from generator.core.config import DEFAULT_CONFIG, ConfigError, Service, default_service, load_services
from generator.core.limits import DEFAULT_MAX_PAGE_BYTES
from generator.core.model import Diagnostic, Page, Severity, Source
from generator.docs.read import OutsideRoot, outside_root, read_data
from generator.report.census import census
from generator.report.model import Coverage
from generator.speed import meta_prefetch, stage_cache
from generator.speed import validator_memory as spec_validator
from generator.speed.page_cache import PageCache
from generator.speed.parallel import default_jobs, extract_pages, extract_read, read_tree, relaxed_gc
from generator.speed.stage_cache import StageCache, value_bytes


@dataclass
class BuildResult:
    service: Service
    spec: dict[str, Any]
    pages: list[Page]
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]


def rst_files(docs_dir: Path) -> list[Path]:
    return sorted(p for p in docs_dir.rglob("*.rst") if p.is_file())


def refused_page(path: Path, root: Path, max_page_bytes: int = DEFAULT_MAX_PAGE_BYTES) -> Page | None:
    """The page standing in for a file that must not be read (outside the docs root, too large), else None."""
    rel = path.relative_to(root).as_posix()
    why = outside_root(path, root)
    if why is not None:  # a link out of the tree must never bring in a page (or /etc/passwd) from elsewhere
        return _diagnosed_page(rel, "page.outside_root", why)
    size = path.stat().st_size
    if size > max_page_bytes:  # docutils needs tens of times a page's size: refuse before reading
        return _diagnosed_page(rel, "page.too_large", f"{size} bytes, above the limit of {max_page_bytes}"
                               " (--max-page-bytes); not read")
    return None


def _diagnosed_page(rel: str, code: str, message: str) -> Page:
    page = Page(file=rel, title="", is_api=False)
    page.diagnostics.append(Diagnostic(Source(rel, 0), code, Severity.ERROR, message))
    return page


def extract_page(path: Path, root: Path, max_page_bytes: int = DEFAULT_MAX_PAGE_BYTES) -> Page:
    """One file of the tree, in this process and without the cache."""
    refused = refused_page(path, root, max_page_bytes)
    return refused or extract_data(path.read_bytes(), path.relative_to(root).as_posix())


def extract_data(data: bytes, rel: str) -> Page:
    # imported here: a rebuild served from the stage cache extracts nothing, and the extractors' imports (their
    # prose patterns compiled) are a tenth of it
    from generator.docs.extract import extract

    try:
        return extract(read_data(data, rel))
    except OutsideRoot as exc:
        return _diagnosed_page(rel, "page.outside_root", str(exc))
    except Exception as exc:  # a page must never take the tree down with it
        page = Page(file=rel, title="", is_api=False)
        last = traceback.extract_tb(exc.__traceback__)[-1]
        page.diagnostics.append(Diagnostic(Source(rel, 0), "page.crash", Severity.ERROR,
                                           f"{type(exc).__name__}: {exc} (in {last.name}:{last.lineno})"))
        return page


def build_spec(docs_dir: Path, service: Service | str, jobs: int | None = 1, cache: PageCache | None = None,
               *, max_page_bytes: int = DEFAULT_MAX_PAGE_BYTES, stages: StageCache | None = None) -> BuildResult:
    """`jobs`: processes extracting pages (None: every core); `cache`: where extracted pages are kept;
    `stages`: where the results of link + render (keyed by the tree's bytes) are kept.

    The defaults (one process, no cache) are the library's: the commands choose both from their options.
    """
    # Pages from the cache, the linked model and the spec are hundreds of thousands of objects, none of them
    # garbage until the build is done: at the default thresholds the collector walks them again and again
    # (more than half of loading a tree's pages from the cache).
    with relaxed_gc():
        result, pending = _build_spec(docs_dir, service, jobs, cache, max_page_bytes, stages)
    stage_cache.write_pending(stages, pending)
    return result


def _build_spec(docs_dir: Path, service: Service | str, jobs: int | None, cache: PageCache | None,
                max_page_bytes: int, stages: StageCache | None) -> tuple[BuildResult, stage_cache.Pending]:
    """The build, and the stage entry it made (not yet written: `build_and_check` has it pickled and written by
    the process that makes the YAML, `stage_cache.yaml_ahead`)."""
    svc = default_service(service) if isinstance(service, str) else service
    docs_dir = Path(docs_dir)
    if not docs_dir.is_dir():
        raise FileNotFoundError(f"docs folder {docs_dir} does not exist")
    files = rst_files(docs_dir)
    if stages is None:
        pages = extract_pages(files, docs_dir, jobs, cache, max_page_bytes=max_page_bytes)
        return _link_and_render(docs_dir, svc, pages), []

    # Keyed by every docs file's path and bytes (read once: the pages extracted are those of the key, and
    # nothing after extraction reads the tree again) and the service. The entry holds the pages as link left
    # them (it completes their fields' types).
    tree = read_tree(files, docs_dir, max_page_bytes)
    looked_up = stages.key("build", tree.digest.encode(), repr(svc).encode(), str(max_page_bytes).encode())
    hit = stages.get("build", looked_up)
    if isinstance(hit, tuple) and len(hit) == 3:
        return BuildResult(svc, hit[0], hit[2], hit[1]), []
    pages = extract_read(tree, jobs, cache)
    # the example placements of the operations (and components) a docs change left alone are the last build's
    placed = build_extras.PlacementMemo(spec_validator.load_memory(stages.root, "placements", svc.name))
    result = _link_and_render(docs_dir, svc, pages, placed)
    spec_validator.save_memory(stages.root, "placements", svc.name, placed.used)
    # written before the check repairs the spec in place: the build's entry is the spec as built
    return result, [("build", looked_up, (result.spec, result.diagnostics, result.pages))]


def _link_and_render(docs_dir: Path, svc: Service, pages: list[Page],
                     placements: build_extras.PlacementMemo | None = None) -> BuildResult:
    schemas = link(pages)
    out = render_spec(svc, pages, schemas, placements)
    describe_tags(out.spec, pages)
    out.diagnostics.extend(linked_error_statuses(out.spec, pages))
    diagnostics = [d for p in pages for d in p.diagnostics] + out.diagnostics + consistency.check(pages)
    diagnostics.sort()
    return BuildResult(svc, out.spec, pages, diagnostics)


@dataclass
class CheckedBuild:
    """A built spec with `check`'s findings and the verdict on them."""

    result: BuildResult
    findings: Findings
    valid: bool
    # wall seconds of "build" (read to render), "check" and "yaml_wait" (after the check, for the process making
    # the YAML and writing the build's entry meanwhile): never in any output
    seconds: dict[str, float] = field(default_factory=dict, compare=False)

    @property
    def diagnostics(self) -> list[Diagnostic]:
        """Every diagnostic of the build and of `check`, sorted (what the reports receive)."""
        return sorted(self.result.diagnostics + self.findings.diagnostics)

    def census(self, extra: list[Diagnostic] | None = None) -> Coverage:
        """The counts of this build; `extra`: diagnostics of later steps (client generation)."""
        r = self.result
        return census(r.service.name, r.pages, r.spec, sorted(self.diagnostics + (extra or [])), self.valid,
                      self.findings)


def is_valid(findings: Findings) -> bool:
    return not any(d.code in INVALIDATING for d in findings.diagnostics)


def build_and_check(docs_dir: Path, service: Service, jobs: int | None = 1, cache: PageCache | None = None,
                    *, max_page_bytes: int = DEFAULT_MAX_PAGE_BYTES, stages: StageCache | None = None,
                    yaml_ahead: bool = False) -> CheckedBuild:
    """`yaml_ahead`: the caller writes the spec's YAML with `stages` next (see `checked`)."""
    with relaxed_gc():  # as `build_spec`
        started = time.perf_counter()
        result, pending = _build_spec(docs_dir, service, jobs, cache, max_page_bytes, stages)
        built = time.perf_counter()
        # the build's entry is written by the process that makes the YAML during the check, else before it
        findings, valid, waited = _checked(result.spec, Source(f"<{service.name}.openapi.yaml>", 0), stages, jobs,
                                           _ahead(yaml_ahead, jobs), pending)
    checked_s = time.perf_counter() - built - waited
    return CheckedBuild(result, findings, valid, {"build": built - started, "check": checked_s, "yaml_wait": waited})


def checked(spec: dict[str, Any], origin: Source, stages: StageCache | None = None,
            jobs: int | None = None, *, yaml_ahead: bool = False) -> tuple[Findings, bool]:
    """`check_and_repair` of `spec` (repaired in place), from `stages` when this exact spec was checked before;
    `jobs`: processes checking its schemas against the dialect ahead of the validator (None: every core);
    `yaml_ahead`: the caller writes the spec's YAML next (`stage_cache.cached_dump_yaml` with `stages`), so it is
    made while the spec is checked (`stage_cache.yaml_ahead`)."""
    with relaxed_gc():  # as `build_spec`
        findings, valid, _ = _checked(spec, origin, stages, jobs, _ahead(yaml_ahead, jobs), [])
    return findings, valid


def _ahead(yaml_ahead: bool, jobs: int | None) -> bool:
    return yaml_ahead and (default_jobs() if jobs is None else jobs) > 1  # not with one job: one process asked for


def _checked(spec: dict[str, Any], origin: Source, stages: StageCache | None, jobs: int | None,
             yaml_ahead: bool, pending: stage_cache.Pending) -> tuple[Findings, bool, float]:
    """The findings, the verdict, and the seconds spent waiting for the YAML process after the check."""
    if stages is None:
        # whatever would still make the document invalid is repaired at the smallest scope (check.repair)
        with meta_prefetch.ahead(spec, jobs):
            return *check_and_repair(spec, origin, INVALIDATING), 0.0
    before = value_bytes(spec)  # made once: a walk of the whole spec counts on a one-page rebuild
    key = stages.key("check", before, repr(origin).encode(), repr(sorted(INVALIDATING)).encode())
    hit = stages.get("check", key)
    if isinstance(hit, tuple) and len(hit) == 3 and isinstance(hit[0], Findings):
        stage_cache.write_pending(stages, pending)  # before the spec is replaced by its repaired self
        if hit[2] is not None:  # the repaired document
            spec.clear()
            spec.update(hit[2])
        return hit[0], bool(hit[1]), 0.0
    loaded = spec_validator.load(stages.root)
    # the example checks of the operations (and components) a docs change left alone are those of the last build
    memo = check_module.ExampleMemo(spec_validator.load_memory(stages.root, "examples", repr(origin)))
    with stage_cache.yaml_ahead(spec, stages, enabled=yaml_ahead, pending=pending) as waited:
        with meta_prefetch.when_needed(spec, jobs):
            findings, valid = check_and_repair(spec, origin, INVALIDATING, memo=memo)
    spec_validator.save_memory(stages.root, "examples", repr(origin), memo.used)
    spec_validator.save(stages.root, loaded)
    stages.put("check", key, (findings, valid, None if value_bytes(spec) == before else spec))
    return findings, valid, waited.seconds


class UnusableInput(Exception):
    """A docs tree or services config a command cannot use; the CLI prints it as one line and exits 2."""


def build_and_check_named(docs_dir: Path, name: str, config: Path | None = None, jobs: int | None = 1,
                          cache: PageCache | None = None, *,
                          max_page_bytes: int = DEFAULT_MAX_PAGE_BYTES, stages: StageCache | None = None,
                          yaml_ahead: bool = False) -> CheckedBuild:
    """`build_and_check` for a tree and a service named on the command line."""
    if not docs_dir.is_dir():
        raise UnusableInput(f"{docs_dir} is not a folder")
    try:
        service = resolve_service(name, config)
    except ConfigError as exc:
        raise UnusableInput(str(exc)) from exc
    return build_and_check(docs_dir, service, jobs, cache, max_page_bytes=max_page_bytes, stages=stages,
                           yaml_ahead=yaml_ahead)


def resolve_service(name: str, config: Path | None = None) -> Service:
    """The service's entry in the services config when listed there, else the defaults for `name`.

    A config that is given but cannot be read, or is malformed, raises ConfigError: falling back to
    defaults would build with the wrong title and endpoint without a word. Only when no config was
    given and the default one does not exist (an installed generator, no repository) are all
    services unlisted.
    """
    if config is None and not DEFAULT_CONFIG.is_file():
        return default_service(name)
    for s in load_services(config or DEFAULT_CONFIG):
        if s.name == name:
            return s
    return default_service(name)
