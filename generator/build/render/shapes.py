"""Shape digests of linked tables: two tables share a component name only when their shapes are equal.

The shape of a table is its rows (name, required, type, constraints) with every referenced table
replaced by *its* shape, and a reference back to a table already being described written as
`@cycle:<name>`. Digesting each child once and embedding the digest (not the child's text) keeps
the cost linear in the number of tables: re-encoding nested text grew exponentially with the depth
of `:ref:` chains (depth 26 took 2.3 GB).

Whether a reference closes a cycle depends only on which tables of the *same* strongly connected
component are being described, so a digest is memoised per (table, those tables): once per table
outside cycles, and within a cycle under a work bound (`MAX_CYCLE_STATES`); past it, references
inside that cycle are written as `@cycle:<name>` and a `schema.cycle_budget` diagnostic says so.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from generator.core.model import Diagnostic, Field, Schema, Severity
from generator.core.types import Kind, TypeExpr

MAX_CYCLE_STATES = 10_000


def shape_digests(schemas: dict[str, Schema], root: str, diagnostics: list[Diagnostic],
                  known: dict[str, str] | None = None) -> dict[str, str]:
    """Digest of `root` and of every table it reaches (keys of `schemas`) not already in `known`."""
    done: dict[str, str] = dict(known or {})
    for comp in _components(schemas, root, done):  # Tarjan's order: after every component it reaches
        if len(comp) == 1 and comp[0] not in _children(schemas[comp[0]]):
            key = comp[0]
            done[key] = _digest(schemas[key], lambda ref: done[ref])
            continue
        _cyclic(schemas, comp, set(comp), done, diagnostics)
    return done


def _cyclic(schemas: dict[str, Schema], comp: list[str], members: set[str], done: dict[str, str],
            diagnostics: list[Diagnostic]) -> None:
    memo: dict[tuple[str, frozenset[str]], str] = {}
    budget = [MAX_CYCLE_STATES]

    def sig(key: str, ctx: frozenset[str]) -> str:
        if key in ctx:
            return f"@cycle:{schemas[key].name}"
        state = (key, ctx)
        if state not in memo:
            budget[0] -= 1
            if budget[0] < 0:
                raise _OverBudget
            inner = ctx | {key}
            memo[state] = _digest(schemas[key], lambda ref: sig(ref, inner) if ref in members else done[ref])
        return memo[state]

    try:
        # the recursion is bounded by the component's size, and the component by the budget
        for key in sorted(comp):
            done[key] = sig(key, frozenset())
    except (_OverBudget, RecursionError):
        first = schemas[sorted(comp)[0]]
        diagnostics.append(Diagnostic(first.source, "schema.cycle_budget", Severity.WARNING,
                                      f"{len(comp)} tables reference each other in a cycle too large to compare"
                                      " exactly; references inside it compared by name"))
        for key in comp:
            done[key] = _digest(schemas[key], lambda ref: f"@cycle:{schemas[ref].name}" if ref in members
                                else done[ref])


class _OverBudget(Exception):
    pass


def _digest(schema: Schema, child: Any) -> str:
    parts = [[f.name, f.required, _type_sig(f.type, child), _constraint_sig(f)] for f in schema.fields]
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def _type_sig(t: TypeExpr, child: Any) -> Any:
    wrappers: list[str] = []
    while t.items is not None and not (t.kind is Kind.REF and t.ref is not None):
        wrappers.append(t.kind.value)
        t = t.items
    if t.kind is Kind.REF and t.ref is not None:
        out: Any = ["ref", child(t.ref)]
    else:
        out = [t.kind.value, t.format, t.max_length]
    for kind in reversed(wrappers):
        out = [kind, out]
    return out


def _constraint_sig(f: Field) -> Any:
    c = f.constraints
    return [c.enum, c.min_length, c.max_length, c.minimum, c.maximum, c.min_items, c.max_items, c.pattern,
            c.exclusive_minimum, c.exclusive_maximum, c.multiple_of, *(["nullable"] if c.nullable else []),
            # only where it changes the schema: a row Mandatory "Yes" that is required for a case only
            *(["required_conditional"] if c.required_conditional and f.required else [])]


def _children(schema: Schema) -> list[str]:
    out = []
    for f in schema.fields:
        t = f.type
        while t.items is not None and not (t.kind is Kind.REF and t.ref is not None):
            t = t.items
        if t.kind is Kind.REF and t.ref is not None:
            out.append(t.ref)
    return out


def _components(schemas: dict[str, Schema], root: str, known: dict[str, str]) -> list[list[str]]:
    """Strongly connected components reachable from `root` and not `known`, sinks first (iterative Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    out: list[list[str]] = []
    work: list[tuple[str, list[str], int]] = [(root, _children(schemas[root]), 0)]
    index[root] = low[root] = 0
    stack.append(root)
    on_stack.add(root)
    counter = 1
    while work:
        key, kids, i = work[-1]
        if i < len(kids):
            work[-1] = (key, kids, i + 1)
            kid = kids[i]
            if kid in known:
                continue
            if kid not in index:
                index[kid] = low[kid] = counter
                counter += 1
                stack.append(kid)
                on_stack.add(kid)
                work.append((kid, _children(schemas[kid]), 0))
            elif kid in on_stack:
                low[key] = min(low[key], index[kid])
            continue
        work.pop()
        if work:
            parent = work[-1][0]
            low[parent] = min(low[parent], low[key])
        if low[key] == index[key]:
            comp = []
            while True:
                k = stack.pop()
                on_stack.discard(k)
                comp.append(k)
                if k == key:
                    break
            out.append(comp)
    return out
