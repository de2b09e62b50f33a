"""The stages wired together for one docs tree: read -> extract -> link -> render -> finish -> check -> repair.

This is the only wiring: the commands, the report and the diff call `build_spec` (docs -> spec) or
`build_and_check` (docs -> spec + findings + validity), never each other. One broken page never
stops the others: an exception while reading or extracting a page becomes a `page.crash` diagnostic.

How the stages run (caches, worker processes, memos, the collector's settings) is the `speed`'s
(`generator.build.runner.Speed`), handed in by the caller: the plain one (`PLAIN`, the default) runs each stage
once, in order, in this process, with the libraries as shipped; the speed layer's (`generator.speed.layer`,
chosen by the commands' options) gives the same bytes sooner. Nothing here knows how.

A spec is valid, i.e. written and handed to the client generator, unless `check` found something
that makes it unusable as OpenAPI: a schema violation (`check.openapi`), a `$ref` that leads nowhere
(`check.dangling_ref`, which would also crash the validator) or path placeholders that disagree with
the declared path parameters (`check.path_params`, which no client can call). Everything else is a
diagnostic on a spec that is still written: a lossy spec with its losses listed beats no spec.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from generator.build.check import consistency
from generator.build.check.document import ExampleMemo, Findings, SpecErrors
from generator.build.check.repair import check_and_repair
from generator.build.finish.invalid_examples import PlacementMemo
from generator.build.finish.linked_statuses import linked_error_statuses
from generator.build.finish.tags import describe_tags
from generator.build.link import link
from generator.build.lock import NamesLock, apply_lock
from generator.build.pages import extract_data, extract_page, refused_page, rst_files
from generator.build.render.openapi import render_spec
from generator.build.runner import PLAIN, BuildResult, Run, Speed
from generator.core.codes import INVALIDATING
from generator.core.config import DEFAULT_CONFIG, ConfigError, Service, default_service, load_services
from generator.core.limits import DEFAULT_MAX_PAGE_BYTES
from generator.core.model import Diagnostic, Page, Source

__all__ = ["INVALIDATING_CODES", "BuildResult", "CheckedBuild", "UnusableInput", "build_and_check",
           "build_and_check_named", "build_spec", "checked", "extract_data", "extract_page", "is_valid", "locked",
           "refused_page", "resolve_service", "rst_files"]

# `check` codes that make a spec unusable (see the module docstring); any other finding leaves it valid
INVALIDATING_CODES = INVALIDATING


def build_spec(docs_dir: Path, service: Service | str, *, max_page_bytes: int = DEFAULT_MAX_PAGE_BYTES,
               speed: Speed = PLAIN, names_lock: NamesLock | None = None) -> BuildResult:
    """docs -> spec; `speed`: how the stages run (`generator.speed.layer.speed_for` makes the commands');
    `names_lock`: the names of the last release (`generator.build.lock`; None: names as the docs give them)."""
    svc = default_service(service) if isinstance(service, str) else service
    with speed.run() as run:
        return _build(run, Path(docs_dir), svc, max_page_bytes, names_lock)


def _build(run: Run, docs_dir: Path, svc: Service, max_page_bytes: int,
           names_lock: NamesLock | None = None) -> BuildResult:
    """read -> extract every page, then link -> render -> finish (`_link_and_render`), then the names lock."""
    if not docs_dir.is_dir():
        raise FileNotFoundError(f"docs folder {docs_dir} does not exist")

    def render(pages: list[Page], placements: PlacementMemo | None) -> BuildResult:
        return _link_and_render(svc, pages, placements)

    return locked(run.build(docs_dir, svc, rst_files(docs_dir), max_page_bytes, render), names_lock)


def locked(result: BuildResult, names_lock: NamesLock | None) -> BuildResult:
    """The last naming step: `result` renamed after `names_lock`, with the lock of its names. Renamed on a copy:
    the speed layer keeps the spec as built (unlocked) for a later build with another lock."""
    if names_lock is None:
        new_lock, _ = apply_lock(result.spec, None)
        return replace(result, names_lock=new_lock)
    spec = pickle.loads(pickle.dumps(result.spec, protocol=pickle.HIGHEST_PROTOCOL))
    new_lock, diagnostics = apply_lock(spec, names_lock)
    return replace(result, spec=spec, diagnostics=sorted(result.diagnostics + diagnostics), names_lock=new_lock)


def _link_and_render(svc: Service, pages: list[Page], placements: PlacementMemo | None = None) -> BuildResult:
    schemas = link(pages)
    out = render_spec(svc, pages, schemas, placements)
    describe_tags(out.spec, pages)
    out.diagnostics.extend(linked_error_statuses(out.spec, pages))
    diagnostics = [d for p in pages for d in p.diagnostics] + out.diagnostics + consistency.check(pages)
    diagnostics.sort()
    return BuildResult(svc, out.spec, pages, diagnostics)


def _check(run: Run, spec: dict[str, Any], origin: Source) -> tuple[Findings, bool]:
    """check -> repair, in place: whatever would still make the document invalid is repaired at the smallest
    scope (`check.repair`)."""

    def check(memo: ExampleMemo | None, spec_errors: SpecErrors | None) -> tuple[Findings, bool]:
        return check_and_repair(spec, origin, INVALIDATING_CODES, memo=memo, spec_errors=spec_errors)

    return run.check(spec, origin, check)


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


def is_valid(findings: Findings) -> bool:
    return not any(d.code in INVALIDATING_CODES for d in findings.diagnostics)


def build_and_check(docs_dir: Path, service: Service, *, max_page_bytes: int = DEFAULT_MAX_PAGE_BYTES,
                    yaml_ahead: bool = False, speed: Speed = PLAIN,
                    names_lock: NamesLock | None = None) -> CheckedBuild:
    """`build_spec`, then `check`; `yaml_ahead`: the caller writes the spec's YAML with `speed.dump_yaml` next
    (the speed layer makes it while the spec is checked); `names_lock`: as `build_spec`'s."""
    with speed.run(yaml_ahead=yaml_ahead) as run:
        result = _build(run, Path(docs_dir), service, max_page_bytes, names_lock)
        findings, valid = _check(run, result.spec, Source(f"<{service.name}.openapi.yaml>", 0))
    return CheckedBuild(result, findings, valid, run.seconds)


def checked(spec: dict[str, Any], origin: Source, *, yaml_ahead: bool = False,
            speed: Speed = PLAIN) -> tuple[Findings, bool]:
    """`check_and_repair` of `spec` (repaired in place); `yaml_ahead`: as `build_and_check`'s."""
    with speed.run(yaml_ahead=yaml_ahead) as run:
        return _check(run, spec, origin)


class UnusableInput(Exception):
    """A docs tree or services config a command cannot use; the CLI prints it as one line and exits 2."""


def build_and_check_named(docs_dir: Path, name: str, config: Path | None = None, *,
                          max_page_bytes: int = DEFAULT_MAX_PAGE_BYTES, yaml_ahead: bool = False,
                          speed: Speed = PLAIN, names_lock: NamesLock | None = None) -> CheckedBuild:
    """`build_and_check` for a tree and a service named on the command line."""
    if not docs_dir.is_dir():
        raise UnusableInput(f"{docs_dir} is not a folder")
    try:
        service = resolve_service(name, config)
    except ConfigError as exc:
        raise UnusableInput(str(exc)) from exc
    return build_and_check(docs_dir, service, max_page_bytes=max_page_bytes, yaml_ahead=yaml_ahead, speed=speed,
                           names_lock=names_lock)


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
