"""How the pipeline's stages are run: the one seam where the speed layer comes in.

`generator.build.pipeline` says what the stages are and in which order; a `Speed` says how they are run: which
pages come from a cache, how many processes extract them, whether a stage's result is looked up before it is
computed, which memo a stage is given, how the collector is tuned meanwhile. Whatever a `Speed` does, the
output is the bytes `PLAIN` gives: every stage once, in order, in this process, with the libraries as shipped
(tests/speed/test_speed_switch.py builds the corpus both ways). The speed layer's own is
`generator.speed.layer.Speed`.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from generator.build.check.document import ExampleMemo, Findings, SpecErrors
from generator.build.finish.invalid_examples import PlacementMemo
from generator.build.lock import NamesLock
from generator.build.pages import extract_page
from generator.core.config import Service
from generator.core.emit import dump_yaml
from generator.core.model import Diagnostic, Page, Severity, Source


@dataclass
class BuildResult:
    service: Service
    spec: dict[str, Any]
    pages: list[Page]
    diagnostics: list[Diagnostic] = field(default_factory=list)
    names_lock: NamesLock | None = None  # the names of `spec` (`generator.build.lock`), set by the pipeline

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]


# link -> render -> finish of a tree's pages; the memo holds an earlier build's example placements (or None)
Render = Callable[[list[Page], PlacementMemo | None], BuildResult]
# check -> repair of a spec, in place: (findings, valid); with an earlier build's example checks (or None) and
# where openapi-spec-validator's errors come from (None: the stock validator)
Check = Callable[[ExampleMemo | None, SpecErrors | None], tuple[Findings, bool]]


class Run(Protocol):
    """One build and/or check, run by a `Speed`."""

    # wall seconds of "build" (read to render), "check" and "yaml_wait" (after the check, waiting for work the
    # speed layer did meanwhile): never in any output
    seconds: dict[str, float]

    def build(self, docs_dir: Path, service: Service, files: list[Path], max_page_bytes: int,
              render: Render) -> BuildResult:
        """The pages of `files` (under `docs_dir`) extracted, then `render`ed."""
        ...

    def check(self, spec: dict[str, Any], origin: Source, check: Check) -> tuple[Findings, bool]:
        """`check` of `spec` (repaired in place)."""
        ...


class Speed(Protocol):
    def run(self, *, yaml_ahead: bool = False) -> AbstractContextManager[Run]:
        """A build and/or check; `yaml_ahead`: the caller writes the spec's YAML with `dump_yaml` next."""
        ...

    def dump_yaml(self, doc: Any) -> str:
        """`emit.dump_yaml(doc)`'s text."""
        ...

    def validate(self, spec: Any, validate: Callable[[Any], None]) -> None:
        """`validate(cls)`: the whole of openapi-spec-validator with the validator class `cls` (None: the one the
        document's version asks for), raising its first error."""
        ...


class PlainRun:
    """Every stage once, in order, in this process."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def build(self, docs_dir: Path, service: Service, files: list[Path], max_page_bytes: int,
              render: Render) -> BuildResult:
        started = time.perf_counter()
        result = render([extract_page(path, docs_dir, max_page_bytes) for path in files], None)
        self.seconds["build"] = time.perf_counter() - started
        return result

    def check(self, spec: dict[str, Any], origin: Source, check: Check) -> tuple[Findings, bool]:
        started = time.perf_counter()
        findings, valid = check(None, None)
        self.seconds["check"] = time.perf_counter() - started
        self.seconds["yaml_wait"] = 0.0
        return findings, valid


class PlainSpeed:
    """No speed: no cache, no process but this one, no memo, stock libraries."""

    @contextlib.contextmanager
    def run(self, *, yaml_ahead: bool = False) -> Iterator[Run]:
        yield PlainRun()

    def dump_yaml(self, doc: Any) -> str:
        return dump_yaml(doc)

    def validate(self, spec: Any, validate: Callable[[Any], None]) -> None:
        validate(None)


PLAIN: Speed = PlainSpeed()
