"""Component names: which table each component is named after, and what a name clash becomes.

Component names come from the docs (`EndpointsReq`); request and response bodies are named after
the operationId (`UpdateNotebookRequest`, `UpdateNotebookResponse`, `UpdateNotebookResponse404`).
Two tables with one name and the same shape share a component; with different shapes the later one
is renamed `<OperationId><Name>` and a `schema.name_conflict` diagnostic says so. The element of a list field is
named in the singular (`topics` -> Topic) unless a table named so by its own field has another shape.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.build.render.shapes import shape_digests
from generator.core.model import Diagnostic, DocOperation, Field, Page, Schema, Severity
from generator.core.types import Kind, TypeExpr
from generator.docs.naming import model_name


def parameter_refs(op: DocOperation) -> Iterator[tuple[Field, str]]:
    """Each parameter of `op` with each schema key its type refers to, in document order."""
    for fs in op.parameters.values():
        for f in fs:
            for ref in f.type.refs():
                if ref.ref is not None:
                    yield f, ref.ref


def pascal(name: str) -> str:
    """A component name openapi-python-client keeps as is: letters and digits, PascalCase."""
    if re.fullmatch(r"[A-Z][A-Za-z0-9]*", name):
        return name
    words = [w for w in re.split(r"[^A-Za-z0-9]+", name) if w]
    out = "".join(w[0].upper() + w[1:] for w in words)
    if not out or not out[0].isalpha():
        out = "Schema" + out
    return out


class ComponentNames:
    """The names of the tables the operations reach, in first-reached order (`assign`)."""

    def __init__(self, pages: list[Page], schemas: dict[str, Schema], diagnostics: list[Diagnostic]) -> None:
        self.pages = pages
        self.schemas = schemas
        self.diagnostics = diagnostics
        self.names: dict[str, str] = {}  # schema key -> component name
        self._owner: dict[str, DocOperation] = {}  # schema key -> first operation that reaches it
        self._signatures: dict[str, str] = {}  # schema key -> shape digest (see `generator.build.render.shapes`)

    def _reachable(self) -> list[str]:
        """Schema keys in first-reached order: page order, then operation, then depth-first.

        Iterative: a chain of `:ref:`-linked tables may be any number of levels deep.
        """
        order: list[str] = []
        seen: set[str] = set()

        def visit(root: str, op: DocOperation) -> None:
            if root in seen:
                return
            seen.add(root)
            self._owner[root] = op
            order.append(root)
            stack = [iter(self._children(root))]
            while stack:
                key = next(stack[-1], None)
                if key is None:
                    stack.pop()
                    continue
                if key in seen:
                    continue
                seen.add(key)
                self._owner[key] = op
                order.append(key)
                stack.append(iter(self._children(key)))

        for page in self.pages:
            for op in page.operations:
                for _, ref in parameter_refs(op):
                    visit(ref, op)
                if op.request_body is not None:
                    visit(op.request_body.key, op)
                for whole in op.request_body_type.refs() if op.request_body_type is not None else []:
                    if whole.ref is not None:
                        visit(whole.ref, op)
                for r in op.responses:
                    if r.body is not None:
                        visit(r.body.key, op)
                    for whole in r.body_type.refs() if r.body_type is not None else []:
                        if whole.ref is not None:
                            visit(whole.ref, op)
        return order

    def _children(self, key: str) -> list[str]:
        return [ref.ref for f in self.schemas[key].fields for ref in f.type.refs() if ref.ref is not None]

    def _signature(self, key: str) -> str:
        """The shape of a table and of everything it reaches, as a digest: equal digests, equal shapes."""
        if key not in self._signatures:
            self._signatures = shape_digests(self.schemas, key, self.diagnostics, self._signatures)
        return self._signatures[key]

    def assign(self) -> dict[str, str]:
        """schema key -> component name, for every table an operation reaches (bodies first)."""
        order = self._reachable()
        bodies = [k for k in order if self._is_body(k)]
        body_set = set(bodies)
        taken: dict[str, tuple[str, str]] = {}  # lower-case name -> (name as given out, shape signature)
        referrers = self._referring_fields(order)
        # the names tables take without a singular: a list's element never takes one of them from another shape
        natural: dict[str, set[str]] = {}
        for key in order:
            field = referrers.get(key, (None, False))[0]
            natural.setdefault(pascal(model_name(self.schemas[key], field, key in body_set)).lower(),
                               set()).add(self._signature(key))
        for key in bodies + [k for k in order if k not in body_set]:  # bodies first: they own derived names
            schema = self.schemas[key]
            field, listed = referrers.get(key, (None, False))
            name = pascal(model_name(schema, field, key in body_set))
            sig = self._signature(key)
            if listed:
                # the element of a list field is named in the singular (`topics` -> Topic), unless a table
                # named so by its own field (`topic`) has another shape: then after the list field, as before
                item = pascal(model_name(schema, field, key in body_set, item=True))
                if natural.get(item.lower(), {sig}) == {sig}:
                    name = item
            held = taken.get(name.lower())
            if held is None or held[1] == sig or key in body_set:
                self.names[key] = self._claim(name, sig, taken)
                continue
            final = self._claim(pascal(self._owner[key].operation_id + name), sig, taken)
            docs_named = schema.name[:1].isupper()  # `Table 3 EndpointsReq`, not "server field description"
            self.diagnostics.append(Diagnostic(
                schema.source, "schema.name_conflict", Severity.WARNING if docs_named else Severity.INFO,
                f"'{name}' already names a different shape; this table becomes '{final}'"))
            self.names[key] = final
        return self.names

    def _referring_fields(self, order: list[str]) -> dict[str, tuple[str, bool]]:
        """schema key -> the name of the first field (in first-reached order) whose type refers to it, and
        whether that field is a list of it."""
        out: dict[str, tuple[str, bool]] = {}
        for page in self.pages:
            for op in page.operations:
                for param, key in parameter_refs(op):
                    out.setdefault(key, (param.name, _lists(param.type, key)))
        for key in order:
            for f in self.schemas[key].fields:
                for ref in f.type.refs():
                    if ref.ref is not None:
                        out.setdefault(ref.ref, (f.name, _lists(f.type, ref.ref)))
        return out

    @staticmethod
    def _claim(name: str, sig: str, taken: dict[str, tuple[str, str]]) -> str:
        """`name`, else `name2`, `name3`...: the first one free or already holding this very shape."""
        candidate, n = name, 2
        while candidate.lower() in taken and taken[candidate.lower()][1] != sig:
            candidate, n = f"{name}{n}", n + 1
        return taken.setdefault(candidate.lower(), (candidate, sig))[0]

    def _is_body(self, key: str) -> bool:
        return "#" in key and not key.rsplit("#", 1)[1].isdigit()


def _lists(t: TypeExpr, key: str) -> bool:
    """`t` is an array whose items are the table `key` (`Array of Topic objects`)."""
    return t.kind is Kind.ARRAY and t.items is not None and t.items.kind is Kind.REF and t.items.ref == key
