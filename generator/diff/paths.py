"""Operation identity across two specs: normalised paths and pairing of moved operations."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from generator.core.spec import endpoint_path, iter_operations, pointer, x_source

_PARAM = re.compile(r"\{[^}/]*\}")


def normalise_path(path: str) -> str:
    """`/v2/{project_id}/x` and `/v2/{pid}/x` name the same endpoint; only the segments count."""
    return endpoint_path(path)


def path_parameter_names(path: str) -> list[str]:
    return [m.group(0)[1:-1] for m in _PARAM.finditer(path)]


@dataclass(frozen=True)
class PathOperation:
    method: str  # lower case, as in the spec
    path: str
    item: Mapping[str, Any]  # the path item (for path-level parameters)
    op: Mapping[str, Any]

    @property
    def key(self) -> tuple[str, str]:
        return (self.method, normalise_path(self.path))

    @property
    def operation_id(self) -> str:
        return str(self.op.get("operationId", ""))

    @property
    def pointer(self) -> str:
        return pointer("paths", self.path, self.method)

    @property
    def source_file(self) -> str | None:
        src = x_source(self.op)
        return src.file if src is not None else None


def operations(spec: Mapping[str, Any]) -> dict[tuple[str, str], PathOperation]:
    """Operations keyed by (method, normalised path); on a collision the first path in sort order wins."""
    found: dict[tuple[str, str], PathOperation] = {}
    paths = spec.get("paths") or {}
    for path, method, op in iter_operations(spec, sort_paths=True):
        operation = PathOperation(method, path, paths[path], op)
        found.setdefault(operation.key, operation)
    return found


def pair_moved(removed: list[PathOperation], added: list[PathOperation]) -> list[tuple[PathOperation, PathOperation]]:
    """Pair a removed with an added operation when the evidence is unambiguous.

    First by operationId; then, because OTC renames the page anchor when it changes the URI (DMS
    `ShowInstanceExtendProductInfo` became `ShowEngineInstanceExtendProductInfo`), by method plus
    the same docs page; last by method plus the same literal segments, i.e. only `{param}` segments
    were inserted or dropped (DMS `GET /v2/products` -> `GET /v2/{engine}/products`). A candidate
    must be unique on both sides at each step, otherwise the operations stay removed + added.
    """
    pairs: list[tuple[PathOperation, PathOperation]] = []
    for key_of in (
        lambda o: (o.method, o.operation_id) if o.operation_id else None,
        lambda o: (o.method, o.source_file) if o.source_file else None,
        lambda o: (o.method, _literal_segments(o.path)),
    ):
        left = _unique_by(removed, key_of)
        right = _unique_by(added, key_of)
        for key in sorted(set(left) & set(right), key=str):
            pairs.append((left[key], right[key]))
        paired_old = {id(p[0]) for p in pairs}
        paired_new = {id(p[1]) for p in pairs}
        removed = [o for o in removed if id(o) not in paired_old]
        added = [o for o in added if id(o) not in paired_new]
    return sorted(pairs, key=lambda p: (p[1].path, p[1].method))


def superseded(
    kept: list[tuple[PathOperation, PathOperation]], added: list[PathOperation]
) -> list[tuple[tuple[PathOperation, PathOperation], PathOperation]]:
    """Kept operations whose docs page now documents a new operation instead.

    OTC moves an old URI to an "out-of-date" page and reuses its page for the new URI (DMS
    `POST /v2/{project_id}/instances` -> `POST /v2/{engine}/{project_id}/instances`). The old call
    still works, so this is no removal, but users need to know what differs when they migrate.
    Returns ((old in old spec, old in new spec), successor) for unique same-method matches.
    """
    by_page: dict[tuple[str, str], list[tuple[PathOperation, PathOperation]]] = {}
    for old, new in kept:
        if old.source_file and new.source_file and old.source_file != new.source_file:
            by_page.setdefault((old.method, old.source_file), []).append((old, new))
    successors = _unique_by(added, lambda o: (o.method, o.source_file) if o.source_file else None)
    result = []
    for key, olds in sorted(by_page.items()):
        if len(olds) == 1 and key in successors:
            result.append((olds[0], successors[key]))
    return result


def _literal_segments(path: str) -> tuple[str, ...]:
    return tuple(seg for seg in path.strip("/").split("/") if not _PARAM.fullmatch(seg))


def _unique_by(ops: list[PathOperation], key_of: Any) -> dict[Any, PathOperation]:
    seen: dict[Any, list[PathOperation]] = {}
    for op in ops:
        key = key_of(op)
        if key is not None:
            seen.setdefault(key, []).append(op)
    return {k: v[0] for k, v in seen.items() if len(v) == 1}
