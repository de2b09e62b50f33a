"""The last naming step of a build: the names of the lock for every identity found again, fresh names for the rest.

A fresh name (an identity the lock does not know) is the name the docs give it, unless the lock binds that name
to another identity or retired it: then it is numbered (`naming.lock_reserved`), so a name never moves from one
identity to another (no rebinding, issue 22). A locked name that differs from the one the docs now give is kept
and said (`naming.locked`). Identities of the lock the spec no longer has move their names to `retired`, bound
to the identity they had: only that identity takes them again.

An operation and the pages of its shared endpoint are one family: the operation's function is the one of one of
its pages, so they may share a name.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator.build.lock.file import Function, NamesLock
from generator.build.lock.identity import X_ID, component_identities, family, operation_identity
from generator.core.model import Diagnostic, Severity, Source
from generator.core.spec import ALIASES, VARIANTS, iter_operations, rename_components, x_source
from generator.docs.naming import snake_name


def apply_lock(spec: dict[str, Any], lock: NamesLock | None) -> tuple[NamesLock, list[Diagnostic]]:
    """Rename `spec` in place after `lock` (None: a first release, nothing renamed); the lock of the result."""
    diagnostics: list[Diagnostic] = []
    if lock is not None:
        _functions(spec, lock, diagnostics)
        _aliases(spec, lock)
        _top_level_tags(spec)
        _models(spec, lock, diagnostics)
    return derive_lock(spec, lock), sorted(diagnostics)


def function_nodes(spec: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(identity, node) of every operation, each followed by its `x-otc-variants` entries."""
    for path, method, op in iter_operations(spec):
        yield str(op.get(X_ID) or operation_identity(method, path)), op
        for v in op.get(VARIANTS) or []:
            if isinstance(v, dict) and isinstance(v.get(X_ID), str) and "operationId" in v:
                yield v[X_ID], v


def _source(node: Any) -> Source:
    src = x_source(node)
    return Source(src.file, src.line or 0) if src is not None else Source("<spec>", 0)


def _shares(holder: str | None, identity: str) -> bool:
    """May `identity` take a name `holder` has? Itself, or an operation and one of its own pages."""
    if holder is None:
        return False
    return holder == identity or (family(holder) == family(identity)
                                  and (holder == family(holder) or identity == family(identity)))


def _functions(spec: dict[str, Any], lock: NamesLock, diagnostics: list[Diagnostic]) -> None:
    reserved: dict[str, str | None] = {snake_name(f.name): ident for ident, f in lock.functions.items()}
    for old in lock.aliases:  # a deliberate rename's old name: the client still has it (deprecated)
        reserved.setdefault(snake_name(old), None)
    for name, ident in lock.retired_functions.items():
        reserved.setdefault(snake_name(name), ident or None)
    revived = {ident: Function(name) for name, ident in lock.retired_functions.items() if ident}
    used: dict[str, str] = {}
    fresh: list[tuple[str, dict[str, Any]]] = []
    for ident, node in function_nodes(spec):
        if not isinstance(node.get("operationId"), str) or not node["operationId"]:
            continue  # nothing to name (a spec not built here)
        locked = lock.functions.get(ident) or revived.get(ident)
        key = snake_name(locked.name) if locked is not None else ""
        if locked is None or (key in used and not _shares(used[key], ident)):
            fresh.append((ident, node))
            continue
        derived = str(node.get("operationId", ""))
        if derived != locked.name:
            diagnostics.append(Diagnostic(_source(node), "naming.locked", Severity.INFO,
                                          f"{ident}: the docs now name it '{derived}'; the lock keeps '{locked.name}'"))
        node["operationId"] = locked.name
        if locked.tags:
            node["tags"] = list(locked.tags)
        used[key] = ident
    for ident, node in fresh:
        wanted = str(node.get("operationId", ""))
        name, n = wanted, 2
        while any(snake_name(name) in taken and not _shares(taken[snake_name(name)], ident)
                  for taken in (used, reserved)):
            name, n = f"{wanted}{n}", n + 1
        if name != wanted:
            holder = used.get(snake_name(wanted)) or reserved.get(snake_name(wanted))
            why = f"is bound to {holder}" if holder else "is retired"
            diagnostics.append(Diagnostic(_source(node), "naming.lock_reserved", Severity.WARNING,
                                          f"{ident}: the name '{wanted}' {why} in the names lock; this one is "
                                          f"'{name}'"))
        node["operationId"] = name
        used[snake_name(name)] = ident


def _aliases(spec: dict[str, Any], lock: NamesLock) -> None:
    """`x-otc-deprecated-aliases` on each function deliberately renamed: the client keeps its old names."""
    for ident, node in function_nodes(spec):
        old = sorted(name for name, alias in lock.aliases.items()
                     if alias.identity == ident and alias.new == node.get("operationId"))
        if old:
            node[ALIASES] = old


def _top_level_tags(spec: dict[str, Any]) -> None:
    """The document's tag list after the lock moved operations back to their modules (descriptions kept)."""
    names = sorted({str(t) for _, node in function_nodes(spec) for t in node.get("tags") or ()})
    have = {str(t.get("name")): t for t in spec.get("tags") or () if isinstance(t, dict)}
    spec["tags"] = [have.get(name) or {"name": name} for name in names]


def _models(spec: dict[str, Any], lock: NamesLock, diagnostics: list[Diagnostic]) -> None:
    schemas: dict[str, Any] = (spec.get("components") or {}).get("schemas") or {}
    ids = {name: component_identities(schema) for name, schema in schemas.items()}
    reserved: dict[str, str | None] = {name.lower(): ident for ident, name in lock.models.items()}
    for name, ident in lock.retired_models.items():
        reserved.setdefault(name.lower(), ident or None)
    revived = {ident: name for name, ident in lock.retired_models.items() if ident}
    taken: dict[str, str] = {name.lower(): name for name, found in ids.items() if not found}  # the generator's own
    renames: dict[str, str] = {}
    claimed: set[str] = set()
    fresh: list[str] = []
    for name, found in ids.items():
        if not found:
            continue
        locked = next(((i, lock.models.get(i) or revived[i]) for i in found
                       if i not in claimed and (i in lock.models or i in revived)), None)
        if locked is None or locked[1].lower() in taken:
            fresh.append(name)
            continue
        claimed.add(locked[0])
        if locked[1] != name:
            diagnostics.append(Diagnostic(_source(schemas[name]), "naming.locked", Severity.INFO,
                                          f"{locked[0]}: the docs now name it '{name}'; the lock keeps '{locked[1]}'"))
        taken[locked[1].lower()] = name
        renames[name] = locked[1]
    for name in fresh:
        candidate, n = name, 2
        while candidate.lower() in taken or (candidate.lower() in reserved
                                             and reserved[candidate.lower()] not in ids[name]):
            candidate, n = f"{name}{n}", n + 1
        if candidate != name:
            holder = reserved.get(name.lower())
            why = f"is bound to {holder}" if holder else "is retired" if name.lower() in reserved else "is taken"
            diagnostics.append(Diagnostic(_source(schemas[name]), "naming.lock_reserved", Severity.WARNING,
                                          f"{', '.join(ids[name])}: the model name '{name}' {why} in the names lock; "
                                          f"this one is '{candidate}'"))
        taken[candidate.lower()] = name
        renames[name] = candidate
    rename_components(spec, renames)


def derive_lock(spec: dict[str, Any], previous: NamesLock | None = None) -> NamesLock:
    """The lock of a built (and locked) spec: its names, and the previous lock's retired names and aliases."""
    info = spec.get("info") or {}
    out = NamesLock(service=str(info.get("x-service") or ""))
    for ident, node in function_nodes(spec):
        name, tags = node.get("operationId"), node.get("tags")
        if isinstance(name, str) and name:  # a spec not built here may leave it out
            out.functions.setdefault(ident, Function(name, tuple(str(t) for t in tags)
                                                     if isinstance(tags, list) else ()))
    for name, schema in ((spec.get("components") or {}).get("schemas") or {}).items():
        for ident in component_identities(schema):
            out.models.setdefault(ident, name)
    if previous is None:
        return out
    for ident, name in previous.models.items():
        if ident in out.models:  # merged into a component of another name: its own name stays its own
            out.models[ident] = name
    bound = {snake_name(f.name) for f in out.functions.values()}
    out.retired_functions = {name: ident for name, ident in previous.retired_functions.items()
                             if snake_name(name) not in bound}
    for ident, f in previous.functions.items():
        if ident not in out.functions and snake_name(f.name) not in bound:
            out.retired_functions[f.name] = ident
    models = {name.lower() for name in out.models.values()}
    out.retired_models = {name: ident for name, ident in previous.retired_models.items() if name.lower() not in models}
    for ident, name in previous.models.items():
        if ident not in out.models and name.lower() not in models:
            out.retired_models[name] = ident
    out.aliases = dict(previous.aliases)
    return out
