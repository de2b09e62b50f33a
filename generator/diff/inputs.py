"""Reading the two sides of a diff: a spec file (YAML/JSON) or a docs tree built on the fly.

Every problem with an input is an `InputError`, which the command turns into exit code 2.
"""

from __future__ import annotations

import copy
import importlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.build.lock import NamesLock, apply_lock
from generator.core.config import ConfigError, tree_name
from generator.core.untrusted import DEFAULT_LIMITS, Limits, UntrustedInput, load_document


class InputError(Exception):
    """An input the diff cannot use (unreadable, invalid, mismatched or empty)."""


@dataclass(frozen=True)
class LoadedSpec:
    label: str  # what the report calls this side
    spec: Mapping[str, Any]
    service: str | None  # the service the spec says it describes


def load(path: Path, service: str | None = None, limits: Limits = DEFAULT_LIMITS, jobs: int | None = 1,
         cache: Any = None, no_speed: bool = False) -> LoadedSpec:
    """`jobs` and `cache` (a `generator.speed.page_cache.PageCache` or None) are handed to the build of a docs tree,
    unless `no_speed` (`--no-speed`): then it is built and validated without the speed layer."""
    if path.is_dir():
        speed = _speed(path, jobs, cache, no_speed)
        spec = build_docs(path, service or tree_name(path), speed=speed)
        validate_built(spec, path, speed)
    elif path.is_file():
        spec = read_spec_file(path, limits)
        validate(spec, path)
    else:
        raise InputError(f"{path}: no such file or directory")
    return LoadedSpec(str(path), spec, spec_service(spec))


def renamed(side: LoadedSpec, lock: NamesLock) -> tuple[LoadedSpec, NamesLock]:
    """A side built from a docs tree with the names of `lock`, as a release builds it (`generator.build.lock`; the
    lock is the build's last naming step, so renaming the built spec is building with the lock), and its lock."""
    spec = copy.deepcopy(dict(side.spec))
    new_lock, _ = apply_lock(spec, lock)
    return LoadedSpec(side.label, spec, side.service), new_lock


def read_spec_file(path: Path, limits: Limits = DEFAULT_LIMITS) -> Mapping[str, Any]:
    try:
        # Bounded: size, nesting, number length and YAML alias expansion (an alias bomb in an
        # `example` would otherwise take gigabytes once the comparison walks it).
        data = load_document(path, limits)
    except UntrustedInput as exc:
        what = "not JSON/YAML" if exc.code in ("input.invalid_json", "input.invalid_yaml") else "not usable JSON/YAML"
        raise InputError(f"{path}: {what} ({exc.code}): {exc.message}") from exc
    if not isinstance(data, Mapping):
        raise InputError(f"{path}: not an OpenAPI document (top level is not a mapping)")
    return data


def _lazy(path: Path, module: str) -> Any:
    # Imported lazily, for start-up speed only: the builder is heavy and a spec-to-spec diff does not need it.
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise InputError(f"{path}: cannot build docs trees here ({module}: {exc})") from exc


def _speed(path: Path, jobs: int | None, cache: Any, no_speed: bool = False) -> Any:
    """The speed layer with `jobs` and `cache` (the page cache's folder holds the later stages' results too: a
    side built before, by `build` or an earlier diff, comes from there), or the plain pipeline with `no_speed`."""
    root = getattr(cache, "root", None)
    stages = _lazy(path, "generator.speed.stage_cache").StageCache(root) if isinstance(root, Path) else None
    return _lazy(path, "generator.speed.layer").speed_for(jobs, cache, stages, no_speed=no_speed)


def build_docs(path: Path, service: str, jobs: int | None = 1, cache: Any = None, *,
               speed: Any = None) -> Mapping[str, Any]:
    """`speed`: how the build runs (`generator.build.runner.Speed`), else the speed layer with `jobs` and `cache`."""
    pipeline = _lazy(path, "generator.build.pipeline")
    if not any(path.rglob("*.rst")):
        raise InputError(f"{path}: docs tree has no .rst files, so no API pages")
    try:
        # listed in specs/services.toml: its title matches the committed specs
        configured = pipeline.resolve_service(service)
    except ConfigError as exc:  # a broken config is a bad input, never a silent fallback to defaults
        raise InputError(str(exc)) from exc
    speed = speed or _speed(path, jobs, cache)
    try:
        result = pipeline.build_spec(path, configured, speed=speed)
    except Exception as exc:  # noqa: BLE001 - any builder failure is a bad input for the diff
        raise InputError(f"{path}: building the spec failed: {exc}") from exc
    spec = getattr(result, "spec", result)
    if not isinstance(spec, Mapping):
        raise InputError(f"{path}: the builder returned no spec")
    if not spec.get("paths"):
        raise InputError(f"{path}: docs tree has no API pages (no operations were found)")
    return spec


def validate_built(spec: Mapping[str, Any], path: Path, speed: Any) -> None:
    """`validate` for a spec this generator built (OpenAPI 3.1), as `speed` validates (the speed layer: by the
    validator that remembers the schemas that passed the meta-schema check, in the cache's folder when there is
    one: the same verdict and first error, without checking again what an earlier build or diff checked)."""
    speed.validate(spec, lambda cls: validate(spec, path, cls))


def validate(spec: Mapping[str, Any], path: Path, cls: Any = None) -> None:
    """The document's first error as an `InputError`; `cls`: the validator class (None: by the document's version)."""
    from openapi_spec_validator import validate as validate_spec

    try:
        validate_spec(dict(spec), cls=cls)
    except Exception as exc:  # noqa: BLE001 - the validator raises several unrelated types
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise InputError(f"{path}: not valid OpenAPI: {first[:300]}") from exc


def spec_service(spec: Mapping[str, Any]) -> str | None:
    info = spec.get("info")
    info = info if isinstance(info, Mapping) else {}
    for value in (spec.get("x-service"), info.get("x-service"), info.get("title")):
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def check_same_service(old: LoadedSpec, new: LoadedSpec) -> None:
    """Refuse to diff two different services: every operation would read as removed and added."""
    o_spec, n_spec = old.spec, new.spec
    o_info = o_spec.get("info") if isinstance(o_spec.get("info"), Mapping) else {}
    n_info = n_spec.get("info") if isinstance(n_spec.get("info"), Mapping) else {}
    assert isinstance(o_info, Mapping) and isinstance(n_info, Mapping)
    for what, a, b in (
        (
            "x-service",
            o_spec.get("x-service") or o_info.get("x-service"),
            n_spec.get("x-service") or n_info.get("x-service"),
        ),
        ("info.title", o_info.get("title"), n_info.get("title")),
    ):
        if a and b:
            if str(a).strip().lower() != str(b).strip().lower():
                raise InputError(f"different services: {old.label} has {what} {a!r}, {new.label} has {b!r}")
            return
