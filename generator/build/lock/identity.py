"""Stable identities of what a client names, written on the spec as `x-otc-id` when it is rendered.

A name must follow what the docs document, never how they word or file it (issue 22): a retitle, a move to
another folder or a new page that happens to come first must not move a name. So:
- an operation is its METHOD + path (`GET /v2/zones`);
- a page on a shared endpoint (an `x-otc-variants` entry) is the operation's identity + its page's anchor
  (`POST /v2/zones @dns_api_64001`): the `:original_name:`, else the page's own label, else its file name
  without the folder (`Page.anchor`);
- a request or response body is its page's identity (the operation's; the variant's where the endpoint is
  shared) + its role (`... request`, `... response 200`);
- a nested table is its RST label (`table create_zone_req`), else its page's anchor + its caption name, numbered
  when one page has several of that name;
- an enum class is named after its owner (the client's), so it follows the owner's name.

Several tables of one shape share a component: its `x-otc-id` lists all their identities (sorted). Where a
component is used is its second key (`generator.build.lock.sites`), kept in the lock, not on the spec.
The identities are on the spec so that the lock (`generator.build.lock.apply`), the diff and a history replay
compute them from a built spec alone.
"""

from __future__ import annotations

from collections import Counter
from pathlib import PurePosixPath
from typing import Any

from generator.core.model import DocOperation, Page, Schema
from generator.core.spec import VARIANTS, X_ID, endpoint_path, iter_operations


def page_anchor(page: Page) -> str:
    return page.anchor or PurePosixPath(page.file).stem


def operation_identity(method: str, path: str) -> str:
    # a renamed placeholder (`{id}` -> `{port_id}`) is the same endpoint: its function keeps its name
    return f"{method.upper()} {endpoint_path(path)}"


_METHODS = frozenset({"GET", "PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE"})


def canonical(identity: str) -> str:
    """An identity as this version writes it: locks written before placeholders stopped counting
    (`PUT /v1/{project_id}/x` -> `PUT /v1/{}/x`) keep binding their names."""
    method, _, rest = identity.partition(" ")
    if method not in _METHODS or not rest.startswith("/"):
        return identity
    path, sep, tail = rest.partition(" ")
    return f"{method} {endpoint_path(path)}{sep}{tail}"


def shown(identity: str, paths: dict[str, str]) -> str:
    """An identity as the lock file shows it, with the docs' placeholder names (`GET /v3/{project_id}/vpcs`, from
    `paths`: canonical path -> the docs' path); `canonical` reads it back."""
    method, _, rest = identity.partition(" ")
    if method not in _METHODS or not rest.startswith("/"):
        return identity
    path, sep, tail = rest.partition(" ")
    return f"{method} {paths.get(path, path)}{sep}{tail}"


def docs_paths(spec: dict[str, Any]) -> dict[str, str]:
    """canonical path -> the path as the spec (the docs) writes it."""
    out: dict[str, str] = {}
    for path in sorted(spec.get("paths") or {}):
        out.setdefault(endpoint_path(str(path)), str(path))
    return out


def variant_identity(operation: str, anchor: str) -> str:
    return f"{operation} @{anchor}"


def family(identity: str) -> str:
    """The operation identity a function identity belongs to (its own for an operation)."""
    return identity.split(" @", 1)[0]


def _table_identities(pages: list[Page]) -> dict[str, str]:
    """schema key -> identity, for every body and nested table of `pages`."""
    out: dict[str, str] = {}
    pages_per_call = Counter((op.method, op.path) for page in pages for op in page.operations)
    for page in pages:
        anchor = page_anchor(page)
        names = Counter(s.name for s in page.schemas if not s.label)
        seen: Counter[str] = Counter()
        for s in page.schemas:
            if s.label:
                out[s.key] = f"table {s.label}"
                continue
            seen[s.name] += 1
            out[s.key] = f"{anchor} table {s.name}" + (f" #{seen[s.name]}" if names[s.name] > 1 else "")
        for op in page.operations:
            owner = operation_identity(op.method, op.path)
            if pages_per_call[(op.method, op.path)] > 1:
                owner = variant_identity(owner, anchor)
            for role, body in _bodies(op):
                out.setdefault(body.key, f"{owner} {role}")
    return out


def _bodies(op: DocOperation) -> list[tuple[str, Schema]]:
    out = [("request", op.request_body)] if op.request_body is not None else []
    return out + [(f"response {r.status}", r.body) for r in op.responses if r.body is not None]


def mark_identities(spec: dict[str, Any], pages: list[Page], names: dict[str, str]) -> None:
    """`x-otc-id` on every operation, `x-otc-variants` entry and component made of a table (`names`: schema key ->
    component name, as rendered)."""
    anchors = {page.file: page_anchor(page) for page in pages}
    for path, method, op in iter_operations(spec):
        identity = operation_identity(method, path)
        op[X_ID] = identity
        given: Counter[str] = Counter()
        for v in op.get(VARIANTS) or []:
            file = str((v.get("x-source") or {}).get("file", ""))
            own = variant_identity(identity, anchors.get(file) or PurePosixPath(file).stem)
            given[own] += 1  # two pages without an anchor, of one file name: numbered in page order
            v[X_ID] = own if given[own] == 1 else f"{own} #{given[own]}"
    tables = _table_identities(pages)
    per_component: dict[str, set[str]] = {}
    for key, name in names.items():
        if key in tables:
            per_component.setdefault(name, set()).add(tables[key])
    schemas = (spec.get("components") or {}).get("schemas") or {}
    for name, ids in per_component.items():
        if isinstance(schemas.get(name), dict):
            ordered = sorted(ids)
            schemas[name][X_ID] = ordered[0] if len(ordered) == 1 else ordered


def component_identities(schema: Any) -> list[str]:
    """The identities a component's `x-otc-id` lists (none for a component made by the generator itself)."""
    value = schema.get(X_ID) if isinstance(schema, dict) else None
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value] if isinstance(value, list) else []
