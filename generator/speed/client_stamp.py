"""The stamp that lets `generate` skip a client whose inputs have not changed.

A stamp is kept in the cache folder (`<cache>/stamps-v1/<generated folder hash>/<service>.json`), not in
the client project, so the committed `generated/` stays exactly what the generator writes. It records:

- `inputs`: a sha256 of what the client, the spec file and the diagnostics file are made from: the checked
  spec's exact value, the diagnostics report of the build, the service's configuration and the generator's
  version (its Python sources, its templates, openapi-python-client's and ruff's versions);
- `outputs`: a sha256 of what the commit wrote: every file of `generated/<service>/` (path and bytes;
  caches such as `__pycache__` left out) and the spec and diagnostics files.

A client is skipped only when both agree with the current run and the files on disk; a stamp that is
missing, unreadable or of another version means "regenerate". The generated folder's hash is part of
the stamp's path: two checkouts sharing one cache folder keep stamps of their own.
"""

from __future__ import annotations

import functools
import hashlib
import json
from importlib import metadata
from pathlib import Path
from typing import Any

from generator.core.emit import write_text_atomic
from generator.core.exact import value_bytes
from generator.speed.page_cache import PACKAGE_DIR, code_version, settings_version
from generator.speed.stage_cache import libraries_version

_VERSION = 1
# folders a client's own tools write into (tests, type checks); they are not generator output
IGNORED = frozenset({"__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".hypothesis"})


@functools.cache
def generator_version() -> str:
    """Our sources plus every non-Python file the client is made from, and the two tools that write it."""
    h = hashlib.sha256(code_version().encode())
    for folder in ("client/templates", "client/upstream_templates", "client/runtime"):
        for path in sorted(p for p in (PACKAGE_DIR / folder).rglob("*") if p.is_file()):
            h.update(path.relative_to(PACKAGE_DIR).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for tool in ("openapi-python-client", "ruff"):
        try:
            h.update(f"{tool}={metadata.version(tool)}".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{tool}=-".encode())
    h.update(settings_version().encode() + libraries_version().encode())
    return h.hexdigest()


def inputs_digest(spec: dict[str, Any], build_report: str, service: Any) -> str:
    h = hashlib.sha256()
    for part in (generator_version().encode(), repr(service).encode(), value_bytes(spec), build_report.encode()):
        h.update(len(part).to_bytes(8, "big"))
        h.update(part)
    return h.hexdigest()


def tree_digest(folder: Path) -> str | None:
    """sha256 of every file under `folder` (relative path and bytes; symlinks by their target), None if absent."""
    if not folder.is_dir():
        return None
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if IGNORED.intersection(rel.parts):
            continue
        if path.is_symlink():
            h.update(b"L" + rel.as_posix().encode("utf-8", "surrogateescape") + b"\0" + str(path.readlink()).encode(
                "utf-8", "surrogateescape") + b"\0")
        elif path.is_file():
            data = path.read_bytes()
            h.update(b"F" + rel.as_posix().encode("utf-8", "surrogateescape") + b"\0"
                     + len(data).to_bytes(8, "big") + data)
    return h.hexdigest()


def file_digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def outputs_digest(client_dir: Path, files: list[Path]) -> str:
    return hashlib.sha256(json.dumps([tree_digest(client_dir), *(file_digest(f) for f in files)]).encode()
                          ).hexdigest()


def stamp_path(cache_dir: Path, generated_dir: Path, service: str) -> Path:
    where = hashlib.sha256(str(generated_dir.absolute()).encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return cache_dir / "stamps-v1" / where / f"{service}.json"


def is_current(cache_dir: Path, generated_dir: Path, service: str, inputs: str, client_dir: Path,
               files: list[Path]) -> bool:
    """True when the stamp says these inputs made exactly what is on disk now."""
    try:
        stamp = json.loads(stamp_path(cache_dir, generated_dir, service).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(stamp, dict) or stamp.get("version") != _VERSION or stamp.get("inputs") != inputs:
        return False
    return stamp.get("outputs") == outputs_digest(client_dir, files)


def write(cache_dir: Path, generated_dir: Path, service: str, inputs: str, client_dir: Path,
          files: list[Path]) -> None:
    """Record what was just committed (after the commit: a run killed before leaves the old stamp, which no
    longer matches the files, so the next run regenerates)."""
    stamp = {"version": _VERSION, "service": service, "inputs": inputs,
             "outputs": outputs_digest(client_dir, files)}
    try:
        write_text_atomic(stamp_path(cache_dir, generated_dir, service), json.dumps(stamp, indent=1) + "\n")
    except OSError:
        pass  # an unwritable cache costs the next run a regeneration, never this one


def remove(cache_dir: Path, generated_dir: Path, service: str) -> None:
    stamp_path(cache_dir, generated_dir, service).unlink(missing_ok=True)
