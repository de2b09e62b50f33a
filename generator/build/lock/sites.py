"""Where each model is used: the second key of a model's identity, for when its first one is lost (issue 22).

A table's identity is its label (`table vpc_apiv3_0007_0__request_addextendcidroption`); docs regenerated with
another page label relabel every table of the page, and tables of one shape share one component, so which
identities a component carries moves with the shapes of other tables. Where a model is used does not: a *site*
is the function that reaches it + its body + the field path to it (`POST /v3/{}/vpc/vpcs/{} request vpc`,
`GET /v3/{}/vpcs response 200 vpcs[].tags[]`). The lock keeps the model name at each site, so that
- a component none of whose tables is found again takes the one locked name its sites agree on (`site_claims`);
- a component now made of tables (or used at sites) locked to several names is split again, one component per
  name, each site pointing to the one of its locked name (`split_merged`): no class of the client is renamed by a
  merge;
- components of one shape that the lock binds to one name, which the docs now name apart, are one again
  (`join_locked`);
- of components that claim one name (tables that shared a class now differ), the one a request uses keeps it.
Sites that are positions (`|0`: the first page of a shared call's `anyOf`) never decide: file order is no identity.

Computed from a built spec alone (like the identities), never written on it: a build without a lock is unchanged.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

from generator.build.lock.identity import component_identities
from generator.core.spec import COMPONENT_SCHEMAS, VARIANTS, X_ID, component_name, iter_operations, rename_components

_COMPOSED = ("allOf", "anyOf", "oneOf")


def _function_nodes(spec: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(identity, node) of every operation and `x-otc-variants` entry with an identity (as `mark_identities` sets)."""
    for _, _, op in iter_operations(spec):
        if isinstance(op.get(X_ID), str):
            yield op[X_ID], op
        for v in op.get(VARIANTS) or []:
            if isinstance(v, dict) and isinstance(v.get(X_ID), str):
                yield v[X_ID], v


def _bodies(node: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    """(role, schema) of the JSON bodies of an operation, the request first (one schema per role)."""
    body = node.get("requestBody")
    for media in ((body or {}).get("content") or {}).values() if isinstance(body, dict) else ():
        if isinstance(media, dict) and "schema" in media:
            yield "request", media["schema"]
            break
    for status, resp in sorted((node.get("responses") or {}).items(), key=lambda kv: str(kv[0])):
        for media in ((resp or {}).get("content") or {}).values() if isinstance(resp, dict) else ():
            if isinstance(media, dict) and "schema" in media:
                yield f"response {status}", media["schema"]
                break


MAX_SITE_DEPTH = 64  # schema levels below a body
_REQUEST = re.compile(r" request (?=\S)")  # a site's role: `POST /v2/x request a.b`, not `... response 200 a.b`


class Sites:
    """Every site of every component with an identity in `spec`, and the `$ref` node each site goes through."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.schemas: dict[str, Any] = (spec.get("components") or {}).get("schemas") or {}
        self.of: dict[str, dict[str, dict[str, Any]]] = {}  # component -> site -> the `$ref` node reaching it
        for ident, node in _function_nodes(spec):
            for role, schema in _bodies(node):
                self._walk(schema, f"{ident} {role} ", "", ())

    def _walk(self, node: Any, site: str, path: str, stack: tuple[str, ...], depth: int = 0) -> None:
        # a site is a naming hint, not a contract: deeper than the build's own nesting bound (which reports
        # such tables) no site is recorded, so a hostile page's depth cannot exhaust the stack here
        if depth > MAX_SITE_DEPTH:
            return
        depth += 1
        if isinstance(node, list):
            for i, v in enumerate(node):
                self._walk(v, site, f"{path}|{i}", stack, depth)
            return
        if not isinstance(node, dict):
            return
        ref = node.get("$ref")
        target = component_name(ref) if isinstance(ref, str) else None
        if target is not None:
            if target in stack or not isinstance(self.schemas.get(target), dict):
                return  # a recursive model: its sites are those of its first level
            if path and component_identities(self.schemas[target]):
                self.of.setdefault(target, {}).setdefault(site + path, node)
            self._walk(self.schemas[target], site, path, (*stack, target), depth)
            return
        for key, value in node.items():
            if key == "properties" and isinstance(value, dict):
                for prop, sub in value.items():
                    self._walk(sub, site, f"{path}.{prop}" if path else prop, stack, depth)
            elif key == "items":
                self._walk(value, site, f"{path}[]", stack, depth)
            elif key == "additionalProperties":
                self._walk(value, site, f"{path}{{}}", stack, depth)
            elif key in _COMPOSED:
                self._walk(value, site, path, stack, depth)

    def requested(self, name: str) -> bool:
        """Does a request body use the component (a class callers build)?"""
        return any(_REQUEST.search(site) for site in self.of.get(name, {}))

    def names(self) -> dict[str, str]:
        """site -> the component used there: what the lock keeps."""
        return {site: name for name, sites in self.of.items() for site in sites}


def site_claims(sites: Sites, lock_sites: dict[str, str], unfound: set[str]) -> dict[str, str]:
    """component -> the locked name its sites agree on, for the components of `unfound` (none of whose tables the
    lock knows). Unambiguous only: sites locked to two names give none; a name several such components claim goes
    to the one a request uses, when only one does (a request model renamed breaks callers, a response model is
    only read), else to none."""
    wanted: dict[str, str] = {}
    for name in sorted(unfound):
        agreed = {lock_sites[s] for s in sites.of.get(name, {}) if s in lock_sites}
        if len(agreed) == 1:
            wanted[name] = agreed.pop()
    claimants: dict[str, list[str]] = {}
    for name, locked in wanted.items():
        claimants.setdefault(locked.lower(), []).append(name)
    out: dict[str, str] = {}
    for names in claimants.values():
        asked = [n for n in names if sites.requested(n)] if len(names) > 1 else names
        if len(asked) == 1:
            out[asked[0]] = wanted[asked[0]]
    return out


def split_merged(spec: dict[str, Any], models: dict[str, str], lock_sites: dict[str, str]) -> list[tuple[str, str]]:
    """Split each component that the lock binds to several names: tables of one shape merged since (the lock binds
    its tables to several names), or a table relabelled and merged with another (its sites are locked to a name
    none of its tables has). A copy per name but one (the component's own, else the one most of its tables have,
    else the one most of its `$ref` nodes have), reached from the sites locked to it. The copy holds the tables
    locked to its name, else the tables the lock does not know (when the original's are known), else an identity
    of its own (`sites NAME`), so that the next build finds it again. A site the lock does not know, or shared by
    sites locked to two names, stays with the original. (component, copy) of each split (the components are then
    re-sorted).

    A split copies the `$ref`s its component holds, so a model used through a split one is split on the next pass
    (`job_config.inputs[]` of two functions that shared `JobConfig`): passes repeat while any splits, one per
    level of nesting at most."""
    split: list[tuple[str, str]] = []
    for _ in range(MAX_SITE_DEPTH):
        done = _split_pass(spec, models, lock_sites)
        if not done:
            break
        split += done
    return split


def _split_pass(spec: dict[str, Any], models: dict[str, str], lock_sites: dict[str, str]) -> list[tuple[str, str]]:
    sites = Sites(spec)
    schemas = sites.schemas
    split: list[tuple[str, str]] = []
    for name in sorted(schemas):
        ids = component_identities(schemas[name])
        if not ids:
            continue  # the generator's own (a wrapper): never split
        by_name: dict[str, list[str]] = {}
        for i in ids:
            if i in models:
                by_name.setdefault(models[i], []).append(i)
        # each `$ref` node (shared by the sites through one component) goes to the one name its sites agree on
        refs: dict[int, tuple[dict[str, Any], set[str]]] = {}
        for site, node in sites.of.get(name, {}).items():
            entry = refs.setdefault(id(node), (node, set()))
            entry[1].add(lock_sites.get(site, "") if _stable(site) else "")
        nodes_of: Counter[str] = Counter(next(iter(n)) for _, n in refs.values() if len(n) == 1 and "" not in n)
        names = set(by_name) | set(nodes_of)
        if len(names) < 2:
            continue
        # the original stays with the name the docs give it, when it is one of them (the fewest renames)
        keeper = name if name in names else min(names, key=lambda n: (-len(by_name.get(n, ())), -nodes_of[n], n))
        unknown = [i for i in ids if i not in models]
        site_only = [n for n in names if n != keeper and n not in by_name and nodes_of[n]]
        for locked in sorted(n for n in names if n != keeper):
            moved = [node for node, locked_as in refs.values() if locked_as == {locked}]
            if not moved:
                continue
            copy_name, n = locked, 2
            while copy_name in schemas:
                copy_name, n = f"{locked}{n}", n + 1
            # the tables the lock does not know are the relabelled ones of this name only when the others are
            # known (the keeper's): which page a table of a merged component comes from is not on the spec
            own = (by_name.get(locked) or (unknown if len(site_only) == 1 and keeper in by_name else [])
                   or [f"sites {locked}"])
            twin = copy.deepcopy(schemas[name])
            twin[X_ID] = _ids(own)
            schemas[copy_name] = twin
            for node in moved:
                node["$ref"] = COMPONENT_SCHEMAS + copy_name
            ids = [i for i in ids if i not in own]
            schemas[name][X_ID] = _ids(ids or [f"sites {keeper}"])
            split.append((name, copy_name))
    if split:
        spec["components"]["schemas"] = {k: schemas[k] for k in sorted(schemas)}
    return split


def _shape(schema: Any, *, refs: bool = True) -> str:
    """What a component holds (fields, types, enums, bounds, and with `refs` the models it refers to), not how the
    docs word or file it (descriptions, examples, sources, identities, captions)."""
    def bare(node: Any) -> Any:
        if isinstance(node, list):
            return [bare(v) for v in node]
        if not isinstance(node, dict):
            return node
        return {k: ("" if k == "$ref" and not refs else bare(v)) for k, v in node.items()
                if k not in ("description", "title", "example", "examples") and not k.startswith("x-")}
    return json.dumps(bare(schema), sort_keys=True, ensure_ascii=False, default=str)


def shape_digest(schema: Any) -> str:
    """A short digest of what a component holds, the models it refers to blanked (their names are the docs' before
    the lock names them, the lock's after): whether a locked model's table changed since the lock was written."""
    return hashlib.sha256(_shape(schema, refs=False).encode("utf-8")).hexdigest()[:12]


def join_locked(spec: dict[str, Any], models: dict[str, str],
                lock_sites: dict[str, str]) -> list[tuple[list[str], str]]:
    """Join again the components of one shape that the lock binds to one name: the docs named them apart (the name
    they shared now names another shape, so each page prefixes its own; or relabelled tables got new captions), but
    they were one class of the last release and still are one shape. A component is bound to a name by its tables,
    else, when the lock knows none of them, by its sites. The component the docs give that name, else the first by
    name, stays; the others' `$ref`s go to it and their tables join its identities. (the docs' names, the locked
    name) of each join."""
    schemas: dict[str, Any] = (spec.get("components") or {}).get("schemas") or {}
    sites = Sites(spec)
    groups: dict[tuple[str, str], list[str]] = {}
    spelt: dict[str, str] = {}
    for name in sorted(schemas):
        ids = component_identities(schemas[name])
        bound = {models[i] for i in ids if i in models}
        if ids and not bound:
            bound = {lock_sites.get(site, "") for site in sites.of.get(name, {}) if _stable(site)}
        if len(bound) == 1 and "" not in bound:
            name_of = bound.pop()
            groups.setdefault((name_of.lower(), _shape(schemas[name])), []).append(name)
            spelt[name_of.lower()] = name_of
    out: list[tuple[list[str], str]] = []
    for (key, _), names in sorted(groups.items()):
        if len(names) < 2:
            continue
        keeper = next((n for n in names if n.lower() == key), names[0])
        others = [n for n in names if n != keeper]
        ids = [i for n in names for i in component_identities(schemas[n])]
        schemas[keeper][X_ID] = _ids(sorted(set(ids)))
        for n in others:
            del schemas[n]
        rename_components(spec, {n: keeper for n in others})
        schemas = spec["components"]["schemas"]
        out.append((names, spelt[key]))
    return out


def _stable(site: str) -> bool:
    """A site that names where a model is used, not which page of a shared call comes first: `POST /x request |0`
    is the first body of the call's `anyOf`, the first page by file name, and a renamed file reorders them."""
    return "|" not in site


def _ids(ids: list[str]) -> str | list[str]:
    ordered = sorted(ids)
    return ordered[0] if len(ordered) == 1 else ordered
