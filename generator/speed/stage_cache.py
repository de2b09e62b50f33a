"""Results of the stages after extraction, cached by the content of their input (beside the page cache).

Extraction is cached per page (`generator.speed.page_cache.PageCache`); what follows is cheap to key but costly
to redo on an unchanged tree: link + openapi render + tag descriptions + linked status tables ("build",
keyed by every docs file's relative path and bytes, the service's configuration and the page limit),
`check` with its repairs ("check", keyed by the rendered spec's exact value and the check's
parameters), and the YAML text of a spec ("yaml", keyed by the spec's exact value; on a miss, put
together from the YAML of its paths and components, "yaml-pieces"). Each key also
holds the generator's code version and the settings the page cache uses, so a code change misses.

A spec's exact value is `generator.core.exact.value_bytes`. The entries live in `<cache>/stages-v1` with
the page cache's rules: atomic writes, lock-free reads, checksummed entries (a damaged one is a miss and
is rewritten), least recently used evicted beyond the size bound. A hit returns a fresh copy: callers may mutate it.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import metadata
from typing import Any

from generator.core.emit import dump_yaml
from generator.core.exact import value_bytes
from generator.speed.page_cache import EntryStore, settings_version
from generator.speed.patches import yaml_fast


@dataclass
class StageCache(EntryStore):
    folder = "stages-v1"

    def key(self, stage: str, *parts: bytes) -> str:
        h = hashlib.sha256()
        for part in (self.code.encode(), settings_version().encode(), libraries_version().encode(), stage.encode(),
                     *parts):
            h.update(len(part).to_bytes(8, "big"))
            h.update(part)
        return h.hexdigest()

    def get(self, stage: str, key: str) -> Any | None:
        entry = self._load(key)
        return entry[1] if isinstance(entry, tuple) and len(entry) == 2 and entry[0] == stage else None

    def put(self, stage: str, key: str, value: Any) -> None:
        # the stage's name inside the entry too: a value is only ever read back by the stage that wrote it
        self._store(key, (stage, value))
        self.prune()  # a few entries per build: the bound holds after every write

    def _accept(self, value: object) -> bool:
        return isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], str)


# What besides our code decides the stages' output: the validators (messages, verdicts) and the YAML emitter.
_LIBRARIES = ("PyYAML", "openapi-spec-validator", "openapi-schema-validator", "jsonschema", "jsonschema-rs",
              "jsonschema-path", "referencing")
# check.openapi message texts depend on the validator's schema backend (see generator.build.check.document)
_BACKEND_ENV = "OPENAPI_SPEC_VALIDATOR_SCHEMA_VALIDATOR_BACKEND"


@functools.cache
def _installed() -> str:
    versions = []
    for name in _LIBRARIES:
        try:
            versions.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name}=-")
    return ";".join(versions)


def libraries_version() -> str:
    return f"{_installed()};backend={os.environ.get(_BACKEND_ENV, '')}"


# Entries a stage made and has not written yet: (stage, key, value), written by `yaml_ahead`'s process.
Pending = list[tuple[str, str, Any]]


@dataclass
class Waited:
    """The seconds `yaml_ahead` spent waiting for its process at the end (beyond the check: the YAML's and the
    pending entries' share of the wall time)."""

    seconds: float = 0.0


@contextlib.contextmanager
def yaml_ahead(doc: Any, stages: StageCache | None, *, enabled: bool = True,
               pending: Pending | None = None) -> Iterator[Waited]:
    """For the duration (a check), a forked process writes the `pending` entries (the build's: pickled there,
    not here) and puts the YAML of `doc` as it is now into `stages`, on a core the check leaves idle much of the
    time; it is waited for at the end. The check leaves all but a broken document as it is, so the caller's
    `cached_dump_yaml` then finds the text; a repaired document is dumped again there. The fork's copy of the
    memory is the document and the pending entries as they were when the check began, whatever the check then
    changes. Without a process (`enabled` false: the caller writes no YAML; a fork that is not safe: not Linux,
    or other threads) the pending entries are written here, first. A process that fails costs its entries: the
    next build misses them."""
    child = _fork_dump(doc, stages, pending or []) if enabled and stages is not None else None
    if child is None:
        write_pending(stages, pending or [])
    waited = Waited()
    try:
        yield waited
    finally:
        if child is not None:
            started = time.perf_counter()
            child.join()
            waited.seconds = time.perf_counter() - started


def write_pending(stages: StageCache | None, pending: Pending) -> None:
    for stage, key, value in pending:
        assert stages is not None
        stages.put(stage, key, value)


def _fork_dump(doc: Any, stages: StageCache, pending: Pending) -> Any:
    if sys.platform != "linux" or threading.active_count() != 1:
        return None  # a fork with other threads may copy a lock they hold
    # (multiprocessing flushes the standard streams before it forks: the child never writes their buffers again)
    child = multiprocessing.get_context("fork").Process(target=_dump_into, args=(doc, stages, pending), daemon=True)
    try:
        child.start()
    except OSError:  # no process to spare: the caller writes the entries and dumps the YAML itself
        return None
    return child


def _dump_into(doc: Any, stages: StageCache, pending: Pending) -> None:
    write_pending(stages, pending)
    cached_dump_yaml(doc, stages)


def cached_dump_yaml(doc: Any, stages: StageCache | None) -> str:
    """`emit.dump_yaml`, from the cache when this exact document was dumped before (written by libyaml behind
    `yaml_fast`'s representer: the same bytes)."""
    if stages is None:
        return _dump_yaml(doc)
    key = stages.key("yaml", value_bytes(doc))
    text = stages.get("yaml", key)
    if isinstance(text, str):
        return text
    text = _pieced_yaml(doc, stages) if isinstance(doc, dict) else None
    if text is None:
        text = _dump_yaml(doc)
    stages.put("yaml", key, text)
    return text


def _dump_yaml(doc: Any) -> str:
    return dump_yaml(doc, libyaml_dumper=yaml_fast.dumper())


def _pieces(doc: dict[str, Any]) -> list[tuple[str, Any]]:
    """The document cut at its top two levels: (top key, one-entry sub-document) in document order."""
    out: list[tuple[str, Any]] = []
    for k, v in doc.items():
        if isinstance(v, dict) and v:
            out.extend((k, {k: {k2: v2}}) for k2, v2 in v.items())
        else:
            out.append((k, {k: v}))
    return out


def _pieced_yaml(doc: dict[str, Any], stages: StageCache) -> str | None:
    """The YAML of `doc` from the YAML of its pieces (one path, one component...), those of the previous
    document of the same title reused: a one-page change dumps a few pieces, not the whole spec.

    A block-style mapping entry is written the same whatever comes before it (no anchors: `emit` never
    writes them), so the document is its first piece followed by each later piece without its first
    line (the repeated top key). Where that cannot hold (a key that is not `key:` alone on its line, a
    piece the emitter closes with `...`) the whole document is dumped instead (None).
    """
    if not all(isinstance(k, str) for k in doc):
        return None
    store_key = stages.key("yaml-pieces", repr(doc.get("info", {}).get("title") if isinstance(doc.get("info"), dict)
                                               else None).encode())
    previous = stages.get("yaml-pieces", store_key)
    known: dict[bytes, str] = previous if isinstance(previous, dict) else {}
    used: dict[bytes, str] = {}
    parts: list[str] = []
    last_top: str | None = None
    for top, piece in _pieces(doc):
        h = hashlib.sha256(value_bytes(piece)).digest()
        text = used.get(h) or known.get(h)
        if not isinstance(text, str):
            text = _dump_yaml(piece)
        used[h] = text
        if text.endswith("\n...\n"):
            return None
        split = isinstance(doc[top], dict) and bool(doc[top])
        head, sep, body = text.partition("\n")
        if split and (not sep or not head.endswith(":") or head.startswith((" ", "?")) or body[:1] != " "):
            return None
        parts.append(body if split and top == last_top else text)
        last_top = top
    stages.put("yaml-pieces", store_key, used)
    return "".join(parts)
