"""The last naming step of a build: the names of the lock for every identity found again, fresh names for the rest.

A fresh name (an identity the lock does not know) is the name the docs give it, unless the lock binds that name
to another identity or retired it: then it is numbered (`naming.lock_reserved`), so a name never moves from one
identity to another (no rebinding, issue 22). A locked name that differs from the one the docs now give is kept
and said (`naming.locked`). Identities of the lock the spec no longer has move their names to `retired`, bound
to the identity they had: only that identity takes them again.

A table none of whose identities is found again (its page relabelled) is found by where it is used instead, and
tables merged into one component since keep their own classes (`generator.build.lock.sites`).

An operation and the pages of its shared endpoint are one family: the operation's function is the one of one of
its pages, so they may share a name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from generator.build.lock.file import Function, NamesLock
from generator.build.lock.identity import component_identities, docs_paths, family, operation_identity
from generator.build.lock.sites import Sites, join_locked, shape_digest, site_claims, split_merged
from generator.core.model import Diagnostic, Severity, Source
from generator.core.spec import ALIASES, VARIANTS, X_ID, iter_operations, rename_components, x_source
from generator.docs.naming import snake_name


def apply_lock(spec: dict[str, Any], lock: NamesLock | None) -> tuple[NamesLock, list[Diagnostic]]:
    """Rename `spec` in place after `lock` (None: a first release, nothing renamed); the lock of the result."""
    diagnostics: list[Diagnostic] = []
    if lock is not None:
        renamed, heirs = _functions(spec, lock, diagnostics)
        _aliases(spec, lock)
        _top_level_tags(spec)
        for merged, own in split_merged(spec, lock.models, lock.sites):
            diagnostics.append(Diagnostic(_source(spec["components"]["schemas"][own]), "naming.locked", Severity.INFO,
                                          f"{', '.join(component_identities(spec['components']['schemas'][own]))}: "
                                          f"the docs merge it into '{merged}' (one shape); the lock keeps its own "
                                          f"model"))
        for apart, locked in join_locked(spec, lock.models, lock.sites):
            kept = next(n for n in apart if n in spec["components"]["schemas"])
            diagnostics.append(Diagnostic(_source(spec["components"]["schemas"][kept]), "naming.locked",
                                          Severity.INFO, f"{', '.join(apart)}: the docs name them apart, one shape "
                                          f"and one model '{locked}' of the names lock: the lock keeps them one"))
        _models(spec, lock, diagnostics, renamed, heirs)
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


def _inherited(nodes: list[tuple[str, dict[str, Any]]], lock: NamesLock) -> dict[str, Function]:
    """A call documented on one page that other pages join: the page the docs still name as the lock names the
    call keeps the call's locked names (whichever page comes first: the lock never goes by order)."""
    shared_before = {family(i) for i in lock.functions if i != family(i)}
    out: dict[str, Function] = {}
    for ident, node in nodes:
        fam = family(ident)
        if (ident != fam and ident not in lock.functions and fam in lock.functions and fam not in shared_before
                and node.get("operationId") == lock.functions[fam].name and fam not in out):
            out[fam] = out[ident] = lock.functions[fam]
    return out


def _functions(spec: dict[str, Any], lock: NamesLock,
               diagnostics: list[Diagnostic]) -> tuple[dict[str, tuple[str, str]], set[str]]:
    """Names the functions; identity -> (the name the docs give, the name given) of each one named, and the pages
    that took their call's names (`_inherited`)."""
    renamed: dict[str, tuple[str, str]] = {}
    nodes = list(function_nodes(spec))
    inherited = _inherited(nodes, lock)
    reserved: dict[str, str | None] = {snake_name(f.name): ident for ident, f in lock.functions.items()}
    for old in lock.aliases:  # a deliberate rename's old name: the client still has it (deprecated)
        reserved.setdefault(snake_name(old), None)
    for name, ident in lock.retired_functions.items():
        reserved.setdefault(snake_name(name), ident or None)
    revived = {ident: Function(name) for name, ident in lock.retired_functions.items() if ident}
    used: dict[str, str] = {}
    fresh: list[tuple[str, dict[str, Any]]] = []
    for ident, node in nodes:
        if not isinstance(node.get("operationId"), str) or not node["operationId"]:
            continue  # nothing to name (a spec not built here)
        locked = lock.functions.get(ident) or revived.get(ident) or inherited.get(ident)
        key = snake_name(locked.name) if locked is not None else ""
        if locked is None or (key in used and not _shares(used[key], ident)):
            fresh.append((ident, node))
            continue
        derived = str(node.get("operationId", ""))
        if derived != locked.name:
            diagnostics.append(Diagnostic(_source(node), "naming.locked", Severity.INFO,
                                          f"{ident}: the docs now name it '{derived}'; the lock keeps '{locked.name}'"))
        node["operationId"] = locked.name
        renamed[ident] = (derived, locked.name)
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
        renamed[ident] = (wanted, name)
        used[snake_name(name)] = ident
    return renamed, {i for i in inherited if i != family(i)}


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
    spec["tags"] = [have.get(name) or _kept_tag(spec, name, have) for name in names]


def _kept_tag(spec: dict[str, Any], name: str, have: dict[str, Any]) -> dict[str, Any]:
    """A module the lock keeps that no docs folder is named after any more (the folder was renamed): the
    description of the folder its operations are in now, which that folder's own tag had (`describe_tags`)."""
    by_index = {src.file: t for t in have.values() if (src := x_source(t)) is not None and "description" in t}
    folders = sorted({src.file.rpartition("/")[0] for _, node in function_nodes(spec)
                      if name in (node.get("tags") or ()) and (src := x_source(node)) is not None})
    for folder in folders:
        found = by_index.get(f"{folder}/index.rst")
        if found is not None:
            return {"name": name, "description": found["description"], "x-source": dict(found["x-source"])}
    return {"name": name}


_BODY = re.compile(r"^(?P<function>.+) (?P<role>request|response \S+)$")


def _wanted(name: str, found: list[str], renamed: dict[str, tuple[str, str]]) -> str:
    """The name of a new body component: after its function's name, when the lock named the function otherwise."""
    for ident in found:
        m = _BODY.match(ident)
        if m is not None and m["function"] in renamed:
            derived, given = renamed[m["function"]]
            if name.startswith(derived) and derived != given:
                return given + name[len(derived):]
    return name


def _joined(ident: str, present: set[str], heirs: set[str]) -> str | None:
    """The identity a page's body had while its call was documented on that one page (`GET /p response 200` for
    `GET /p @anchor response 200`), if it is gone now and the page took its call's names (`_inherited`)."""
    m = _BODY.match(ident)
    if m is None or m["function"] not in heirs:
        return None
    single = f"{family(m['function'])} {m['role']}"
    return single if single not in present else None


def _models(spec: dict[str, Any], lock: NamesLock, diagnostics: list[Diagnostic],
            renamed: dict[str, tuple[str, str]], heirs: set[str]) -> None:
    schemas: dict[str, Any] = (spec.get("components") or {}).get("schemas") or {}
    ids = {name: component_identities(schema) for name, schema in schemas.items()}
    present = {i for found in ids.values() for i in found}
    reserved: dict[str, str | None] = {name.lower(): ident for ident, name in lock.models.items()}
    for name, ident in lock.retired_models.items():
        reserved.setdefault(name.lower(), ident or None)
    revived = {ident: name for name, ident in lock.retired_models.items() if ident}
    taken: dict[str, str] = {name.lower(): name for name, found in ids.items() if not found}  # the generator's own
    renames: dict[str, str] = {}
    # Each component claims the locked names of its tables; when several claim one name (tables that shared a
    # component now differ), the one a request uses keeps it (a request model renamed breaks callers, a response
    # model is only read), then the one whose shape is the locked model's (its table did not change: code built on
    # the class keeps working, and the part that changed takes the new class), then the one holding the most of the
    # tables locked to it, then the one the docs still give that name, then the smallest identity: never the order
    # of the pages.
    # (by sites, not requested, shape changed, tables locked (negated), docs name differs, first table, component,
    # name)
    sites = Sites(spec)
    claims: list[tuple[bool, bool, bool, int, bool, str, str, str]] = []

    def changed(name: str, locked: str) -> bool:
        return locked in lock.shapes and lock.shapes[locked] != shape_digest(schemas[name])

    unfound: set[str] = set()
    for name, found in ids.items():
        bound: dict[str, list[str]] = {}
        for i in found:
            j = i if (i in lock.models or i in revived) else _joined(i, present, heirs)
            locked = (lock.models.get(j) or revived.get(j)) if j is not None else None
            if locked:
                bound.setdefault(locked, []).append(j or i)
        claims += [(False, not sites.requested(name), changed(name, locked), -len(tables), locked != name,
                    min(tables), name, locked) for locked, tables in bound.items()]
        if found and not bound:
            unfound.add(name)
    # a component none of whose tables the lock knows (relabelled: the page's label changed) takes the name its
    # sites had, after every component that still has a table of that name
    by_sites = site_claims(sites, lock.sites, unfound) if lock.sites else {}
    claims += [(True, False, False, 0, False, min(ids[name]), name, locked) for name, locked in by_sites.items()]
    for *_, table, name, locked in sorted(claims):
        if name in renames or locked.lower() in taken:
            continue
        if locked != name:
            diagnostics.append(Diagnostic(_source(schemas[name]), "naming.locked", Severity.INFO,
                                          f"{table}: the docs now name it '{name}'; the lock keeps '{locked}'"))
        taken[locked.lower()] = name
        renames[name] = locked
    fresh = [name for name, found in ids.items() if found and name not in renames]
    wanted_by = {name: _wanted(name, ids[name], renamed) for name in fresh}
    heir = _heirs(lock, present, wanted_by)
    for name in fresh:
        wanted = wanted_by[name]
        candidate, n = wanted, 2
        inherited = heir.get(name)
        if inherited is not None and inherited.lower() not in taken:
            candidate = wanted = inherited
        while candidate.lower() in taken or (candidate != inherited and candidate.lower() in reserved
                                             and reserved[candidate.lower()] not in ids[name]):
            candidate, n = f"{wanted}{n}", n + 1
        if candidate != wanted:
            holder = reserved.get(wanted.lower())
            why = f"is bound to {holder}" if holder else "is retired" if wanted.lower() in reserved else "is taken"
            diagnostics.append(Diagnostic(_source(schemas[name]), "naming.lock_reserved", Severity.WARNING,
                                          f"{', '.join(ids[name])}: the model name '{wanted}' {why} in the names "
                                          f"lock; this one is '{candidate}'"))
        taken[candidate.lower()] = name
        renames[name] = candidate
    rename_components(spec, renames)


def _heirs(lock: NamesLock, present: set[str], wanted_by: dict[str, str]) -> dict[str, str]:
    """New component -> the locked model name it inherits: a name whose tables all left the docs in this update,
    the docs' name for the component or that name numbered (`HostPath2`, numbered by an earlier lock), when the
    component is the only one the docs give that name. Docs regenerated with new table labels (modelarts 2024:
    every `modelarts_03_*` label became an `en-us_topic_*` one) leave no identity found again; the same table
    under its new label is its name's heir, as it is without a lock. Reserving the name would rename the class
    (`AiProject` -> `AiProject2`) exactly when the lock is there to keep it."""
    bound: dict[str, set[str]] = {}
    spelt: dict[str, str] = {}
    for ident, name in lock.models.items():
        bound.setdefault(name.lower(), set()).add(ident)
        spelt.setdefault(name.lower(), name)
    vacated = sorted((name for name, idents in bound.items() if not idents & present),
                     key=lambda n: (len(n), n))
    claimants: dict[str, list[str]] = {}
    for component, wanted in wanted_by.items():
        claimants.setdefault(wanted.lower(), []).append(component)
    out: dict[str, str] = {}
    for base, found in claimants.items():
        heirs = [n for n in vacated if n == base or (n.startswith(base) and n[len(base):].isdigit())]
        if len(found) == 1 and heirs:
            out[found[0]] = spelt[heirs[0]]
    return out


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
    out.sites = Sites(spec).names()
    out.shapes = {name: shape_digest(schema) for name, schema in ((spec.get("components") or {}).get("schemas")
                                                                  or {}).items() if component_identities(schema)}
    out.paths = {**(previous.paths if previous is not None else {}), **docs_paths(spec)}
    if previous is None:
        return out
    in_use = {name.lower() for name in ((spec.get("components") or {}).get("schemas") or {})}
    for ident, name in previous.models.items():
        # merged into a component of another name: its own name stays its own (reserved); one that lost its name
        # to the other tables of its former component is bound to the name it has now
        if ident in out.models and name.lower() not in in_use:
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
