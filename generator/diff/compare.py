"""Structural comparison of two OpenAPI specs, operation by operation.

Schemas are compared by following `$ref`s from each operation, never by component name: OTC
component names come from nested-table titles, which change when the shape does not. `x-source`
(docs provenance) is read for locations but never compared.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from generator.core.spec import VARIANTS, deref, pointer, source_of
from generator.diff.model import Change, DiffResult, Location, OperationRef
from generator.diff.paths import PathOperation, operations, pair_moved, path_parameter_names, superseded

Schema = Mapping[str, Any]

# Wider formats last: a value of an earlier format always fits a later one.
_FORMAT_ORDER = {
    "int32": ("integer", 0),
    "int64": ("integer", 1),
    "float": ("number", 0),
    "double": ("number", 1),
}
# (keyword, True when a larger value admits more)
_LIMITS = (
    ("maxLength", True),
    ("maximum", True),
    ("exclusiveMaximum", True),
    ("maxItems", True),
    ("maxProperties", True),
    ("minLength", False),
    ("minimum", False),
    ("exclusiveMinimum", False),
    ("minItems", False),
    ("minProperties", False),
)
# String formats openapi-python-client maps to a type other than `str` (notes: openapi-python-client).
_PY_STRING_TYPES = {"date-time": "datetime", "date": "date", "uuid": "UUID", "binary": "File"}
_ZERO_BY_DEFAULT = frozenset({"minLength", "minItems", "minProperties"})
_COMPOSITIONS = ("allOf", "oneOf", "anyOf")


def diff_specs(old: Mapping[str, Any], new: Mapping[str, Any]) -> DiffResult:
    return _Differ(old, new).run()


@dataclass(frozen=True)
class _Node:
    """One side of a position being compared."""

    schema: Schema
    pointer: str
    source: str | None


@dataclass(frozen=True)
class _Ctx:
    op: OperationRef
    direction: str  # "request" | "response"
    field: str  # how the user names this position, e.g. "EndpointsReq.dev_service"


def _child(node: _Node, *tokens: str, schema: Schema | None = None) -> _Node:
    """The node at `tokens` below `node` (same provenance), by default as an empty placeholder."""
    return _Node(schema if schema is not None else {}, node.pointer + pointer(*tokens), node.source)


def _source(obj: Any, fallback: str | None) -> str | None:
    return source_of(obj) or fallback


def _show(value: Any) -> str:
    if isinstance(value, str):
        return f"`{value}`"
    if isinstance(value, bool) or value is None:
        return f"`{str(value).lower() if value is not None else 'null'}`"
    return f"`{value}`"


def _show_set(values: Iterable[Any]) -> str:
    return ", ".join(_show(v) for v in sorted(values, key=repr))


class _Differ:
    def __init__(self, old: Mapping[str, Any], new: Mapping[str, Any]) -> None:
        self.old = old
        self.new = new
        self.out: list[Change] = []

    # ------------------------------------------------------------ plumbing

    def emit(
        self,
        rule_id: str,
        ctx_op: OperationRef,
        at_old: _Node | Location | None,
        at_new: _Node | Location | None,
        /,
        **params: Any,
    ) -> None:
        def loc(node: _Node | Location | None) -> Location | None:
            if isinstance(node, _Node):
                return Location(node.pointer, node.source)
            return node

        self.out.append(
            Change(
                rule_id,
                ctx_op,
                loc(at_old),
                loc(at_new),
                tuple(sorted((k, str(v)) for k, v in params.items())),
            )
        )

    def resolve(self, spec: Mapping[str, Any], node: _Node) -> tuple[_Node, str | None]:
        """Follow `$ref`s; return the target node and the component name when there was one."""
        r = deref(spec, node.schema, node.pointer)
        src = node.source
        for target in r.targets:  # the innermost provenance on the way wins
            src = _source(target, src)
        return _Node(r.node if isinstance(r.node, Mapping) else {}, r.pointer, src), r.name

    def resolve_nullable(self, spec: Mapping[str, Any], node: _Node) -> tuple[_Node, str | None, bool]:
        """`resolve`, seeing through nullability: `anyOf: [X, {type: null}]` is X that may be null.

        The builder writes a nullable `$ref` that way (and `type: [T, "null"]`, `enum: [..., null]`
        for inline schemas), so without this a field becoming nullable would read as a new union.
        """
        resolved, name = self.resolve(spec, node)
        for key in ("anyOf", "oneOf"):
            alts = resolved.schema.get(key)
            if not isinstance(alts, list) or len(alts) < 2:
                continue
            rest = [(i, a) for i, a in enumerate(alts) if not _is_null(a)]
            if len(rest) == len(alts):
                continue
            if len(rest) == 1:
                i, alt = rest[0]
                inner, inner_name = self.resolve(spec, _Node(alt, f"{resolved.pointer}/{key}/{i}", resolved.source))
                return inner, inner_name or name, True
            trimmed = {k: v for k, v in resolved.schema.items() if k != key}
            trimmed[key] = [a for _, a in rest]
            return replace(resolved, schema=trimmed), name, True
        return resolved, name, _is_nullable(resolved.schema)

    # ------------------------------------------------------------ operations

    def run(self) -> DiffResult:
        old_ops, new_ops = operations(self.old), operations(self.new)
        removed = [old_ops[k] for k in sorted(old_ops.keys() - new_ops.keys())]
        added = [new_ops[k] for k in sorted(new_ops.keys() - old_ops.keys())]
        pairs = [(old_ops[k], new_ops[k]) for k in sorted(old_ops.keys() & new_ops.keys())]
        moved = pair_moved(removed, added)
        moved_old = {id(o) for o, _ in moved}
        moved_new = {id(n) for _, n in moved}
        for op in removed:
            if id(op) not in moved_old:
                ref = OperationRef(op.path, op.method.upper(), op.operation_id)
                self.emit("operation-removed", ref, Location(op.pointer, _source(op.op, None)), None)
        for op in added:
            if id(op) not in moved_new:
                ref = OperationRef(op.path, op.method.upper(), op.operation_id)
                self.emit("operation-added", ref, None, Location(op.pointer, _source(op.op, None)))
        for old, new in pairs + moved:
            self.operation(old, new)
        api = self._unique(self.out)

        # Migration notes: what changes for a user who moves from a kept operation to its successor.
        self.out = []
        unpaired = [op for op in added if id(op) not in moved_new]
        for (was, still), successor in superseded(pairs, unpaired):
            ref = OperationRef(successor.path, successor.method.upper(), successor.operation_id)
            self.emit(
                "operation-superseded",
                ref,
                Location(was.pointer, _source(was.op, None)),
                Location(successor.pointer, _source(successor.op, None)),
                old=f"{was.method.upper()} {was.path}",
                old_id=was.operation_id,
                moved_to=still.source_file or "",
            )
            self.operation(was, successor)
        return DiffResult(api, self._unique(self.out))

    @staticmethod
    def _unique(changes: list[Change]) -> tuple[Change, ...]:
        # One component reached along several routes of an operation yields the same change twice.
        unique = {(c.rule_id, c.operation, c.old, c.new, c.params): c for c in changes}
        return tuple(sorted(unique.values(), key=Change.sort_key))

    def operation(self, old: PathOperation, new: PathOperation) -> None:
        ref = OperationRef(new.path, new.method.upper(), new.operation_id)
        o = _Node(old.op, old.pointer, _source(old.op, None))
        n = _Node(new.op, new.pointer, _source(new.op, None))
        if old.path != new.path and old.key != new.key:
            self.emit("operation-path-changed", ref, o, n, old=old.path, new=new.path)
        if old.operation_id != new.operation_id:
            self.emit("operation-id-changed", ref, o, n, old=old.operation_id, new=new.operation_id)
        old_tags, new_tags = sorted(old.op.get("tags") or []), sorted(new.op.get("tags") or [])
        if old_tags != new_tags:
            self.emit("operation-tags-changed", ref, o, n, old=_show_set(old_tags), new=_show_set(new_tags))
        if new.op.get("deprecated") and not old.op.get("deprecated"):
            self.emit("operation-deprecated", ref, o, n)
        for key in ("summary", "description"):
            if (old.op.get(key) or "") != (new.op.get(key) or ""):
                self.emit(f"operation-{key}-changed", ref, o, n, old=old.op.get(key) or "", new=new.op.get(key) or "")
        self.parameters(ref, old, new)
        self.request_body(ref, o, n)
        self.responses(ref, o, n)
        self.pages(ref, old, new, o, n)

    def pages(self, ref: OperationRef, old: PathOperation, new: PathOperation, o: _Node, n: _Node) -> None:
        """The pages documenting one call (`x-otc-variants`): each is a function of the client.

        The wire contract is the merged operation, compared above; a page that comes or goes adds or removes a
        function. The owner page's operationId is the operation's: its rename is `operation-id-changed`.
        """
        def pages(op: PathOperation) -> dict[str, Mapping[str, Any]]:
            # every listed page, with or without its own parts (specs written before they were kept)
            found = {str(v.get("operationId", "")): v for v in op.op.get(VARIANTS) or [] if isinstance(v, Mapping)}
            return found or {op.operation_id: op.op}

        before, after = pages(old), pages(new)
        owners = {old.operation_id, new.operation_id}
        for page in sorted(before.keys() - after.keys() - owners):
            at = Location(f"{o.pointer}/x-otc-variants", _source(before[page], o.source))
            self.emit("operation-page-removed", ref, at, n, page=page)
        for page in sorted(after.keys() - before.keys() - owners):
            at = Location(f"{n.pointer}/x-otc-variants", _source(after[page], n.source))
            self.emit("operation-page-added", ref, o, at, page=page)

    # ------------------------------------------------------------ parameters

    def _params(self, spec: Mapping[str, Any], op: PathOperation) -> dict[tuple[str, str], _Node]:
        found: dict[tuple[str, str], _Node] = {}
        op_src = _source(op.op, None)
        # Path-level parameters first so operation-level ones override them, as OpenAPI specifies.
        for owner, base in ((op.item, pointer("paths", op.path)), (op.op, op.pointer)):
            for i, raw in enumerate(owner.get("parameters") or []):
                node, _ = self.resolve(spec, _Node(raw, f"{base}/parameters/{i}", op_src))
                where, name = str(node.schema.get("in", "")), str(node.schema.get("name", ""))
                # Header names are case-insensitive on the wire.
                found[(where, name.lower() if where == "header" else name)] = replace(
                    node, source=_source(node.schema, op_src)
                )
        return found

    def parameters(self, ref: OperationRef, old: PathOperation, new: PathOperation) -> None:
        o_params, n_params = self._params(self.old, old), self._params(self.new, new)
        gone = sorted(o_params.keys() - n_params.keys())
        came = sorted(n_params.keys() - o_params.keys())
        common = [(o_params[k], n_params[k]) for k in sorted(o_params.keys() & n_params.keys())]

        # Path parameters are matched by position: `{pid}` and `{project_id}` in the same slot are one.
        o_path = path_parameter_names(old.path)
        n_path = path_parameter_names(new.path)
        if len(o_path) == len(n_path):
            for o_name, n_name in zip(o_path, n_path, strict=True):
                ok, nk = ("path", o_name), ("path", n_name)
                if o_name != n_name and ok in gone and nk in came:
                    gone.remove(ok)
                    came.remove(nk)
                    common.append((o_params[ok], n_params[nk]))
                    self.emit(
                        "request-path-parameter-renamed",
                        ref,
                        o_params[ok],
                        n_params[nk],
                        old=o_name,
                        new=n_name,
                    )

        # The same name in another location is a move, not a removal plus an addition.
        for ok in list(gone):
            moved_to = [nk for nk in came if nk[1] == ok[1]]
            if len(moved_to) == 1:
                nk = moved_to[0]
                gone.remove(ok)
                came.remove(nk)
                self.emit(
                    "request-parameter-location-changed",
                    ref,
                    o_params[ok],
                    n_params[nk],
                    field=ok[1],
                    old=ok[0],
                    new=nk[0],
                )
                common.append((o_params[ok], n_params[nk]))

        # A query parameter under a new name: the same evidence as a renamed body field.
        o_query = {k[1]: _param_as_schema(o_params[k]) for k in o_params if k[0] == "query"}
        n_query = {k[1]: _param_as_schema(n_params[k]) for k in n_params if k[0] == "query"}
        gone_q = [k[1] for k in gone if k[0] == "query"]
        came_q = [k[1] for k in came if k[0] == "query"]
        for o_name, n_name in self.renames(o_query, n_query, gone_q, came_q):
            ok, nk = ("query", o_name), ("query", n_name)
            gone.remove(ok)
            came.remove(nk)
            self.emit(
                "request-query-parameter-renamed",
                ref,
                o_params[ok],
                n_params[nk],
                location="query",
                old=o_name,
                new=n_name,
            )
            common.append((o_params[ok], n_params[nk]))

        for key in gone:
            self.emit("request-parameter-removed", ref, o_params[key], None, field=key[1], location=key[0])
        for key in came:
            node = n_params[key]
            rule_id = "request-parameter-added-required" if node.schema.get("required") else "request-parameter-added"
            self.emit(rule_id, ref, None, node, field=key[1], location=key[0])
        for o, n in common:
            self.parameter(ref, o, n)

    def parameter(self, ref: OperationRef, o: _Node, n: _Node) -> None:
        name, where = str(n.schema.get("name")), str(n.schema.get("in"))
        if n.schema.get("required") and not o.schema.get("required"):
            self.emit("request-parameter-became-required", ref, o, n, field=name, location=where)
        elif o.schema.get("required") and not n.schema.get("required") and where != "path":
            self.emit("request-parameter-became-optional", ref, o, n, field=name, location=where)
        if n.schema.get("deprecated") and not o.schema.get("deprecated"):
            self.emit("request-parameter-deprecated", ref, o, n, field=name, location=where)
        if (o.schema.get("description") or "") != (n.schema.get("description") or ""):
            self.emit(
                "request-parameter-description-changed",
                ref,
                o,
                n,
                field=name,
                old=o.schema.get("description") or "",
                new=n.schema.get("description") or "",
            )
        self.schema(
            _Ctx(ref, "request", name),
            _Node(o.schema.get("schema") or {}, o.pointer + "/schema", o.source),
            _Node(n.schema.get("schema") or {}, n.pointer + "/schema", n.source),
            frozenset(),
        )

    # ------------------------------------------------------------ bodies

    def request_body(self, ref: OperationRef, op_o: _Node, op_n: _Node) -> None:
        raw_o, raw_n = op_o.schema.get("requestBody"), op_n.schema.get("requestBody")
        if raw_o is None and raw_n is None:
            return
        if raw_n is None:
            o, _ = self.resolve(self.old, _Node(raw_o or {}, op_o.pointer + "/requestBody", op_o.source))
            # A GET page whose example request shows `{ }` gets an optional body that describes nothing.
            undocumented = not o.schema.get("required") and not any(
                (media or {}).get("schema") for media in (o.schema.get("content") or {}).values()
            )
            self.emit("request-body-removed-undocumented" if undocumented else "request-body-removed", ref, o, op_n)
            return
        n, _ = self.resolve(self.new, _Node(raw_n, op_n.pointer + "/requestBody", op_n.source))
        if raw_o is None:
            self.emit(
                "request-body-added-required" if n.schema.get("required") else "request-body-added",
                ref,
                op_o,
                n,
            )
            return
        o, _ = self.resolve(self.old, _Node(raw_o, op_o.pointer + "/requestBody", op_o.source))
        if n.schema.get("required") and not o.schema.get("required"):
            self.emit("request-body-became-required", ref, o, n)
        self.content(_Ctx(ref, "request", "request body"), o, n, status="")

    def responses(self, ref: OperationRef, op_o: _Node, op_n: _Node) -> None:
        o_all: Mapping[str, Any] = op_o.schema.get("responses") or {}
        n_all: Mapping[str, Any] = op_n.schema.get("responses") or {}
        for status in sorted(set(o_all) | set(n_all)):
            o_ptr, n_ptr = f"{op_o.pointer}/responses/{status}", f"{op_n.pointer}/responses/{status}"
            if status not in n_all:
                rule_id = (
                    "response-success-status-removed"
                    if str(status).startswith("2")
                    else "response-non-success-status-removed"
                )
                self.emit(rule_id, ref, _Node({}, o_ptr, op_o.source), op_n, status=status)
                continue
            if status not in o_all:
                rule_id = "response-success-status-added" if str(status).startswith("2") else "response-status-added"
                self.emit(rule_id, ref, op_o, _Node({}, n_ptr, op_n.source), status=status)
                continue
            o, _ = self.resolve(self.old, _Node(o_all[status], o_ptr, op_o.source))
            n, _ = self.resolve(self.new, _Node(n_all[status], n_ptr, op_n.source))
            if (o.schema.get("description") or "") != (n.schema.get("description") or ""):
                self.emit(
                    "response-description-changed",
                    ref,
                    o,
                    n,
                    status=status,
                    old=o.schema.get("description") or "",
                    new=n.schema.get("description") or "",
                )
            self.content(_Ctx(ref, "response", f"response {status}"), o, n, status=str(status))
            self.response_headers(ref, o, n, str(status))

    def response_headers(self, ref: OperationRef, o: _Node, n: _Node, status: str) -> None:
        # Header names are case-insensitive on the wire.
        o_all = {k.lower(): (k, v) for k, v in (o.schema.get("headers") or {}).items()}
        n_all = {k.lower(): (k, v) for k, v in (n.schema.get("headers") or {}).items()}
        for name in sorted(o_all.keys() - n_all.keys()):
            at = _child(o, "headers", o_all[name][0])
            self.emit("response-header-removed", ref, at, n, field=o_all[name][0], status=status)
        for name in sorted(n_all.keys() - o_all.keys()):
            at = _child(n, "headers", n_all[name][0])
            self.emit("response-header-added", ref, o, at, field=n_all[name][0], status=status)
        for name in sorted(o_all.keys() & n_all.keys()):
            (o_key, o_raw), (n_key, n_raw) = o_all[name], n_all[name]
            oh, _ = self.resolve(self.old, _child(o, "headers", o_key, schema=o_raw))
            nh, _ = self.resolve(self.new, _child(n, "headers", n_key, schema=n_raw))
            self.schema(
                _Ctx(ref, "response", f"header {n_key}"),
                _Node(oh.schema.get("schema") or {}, oh.pointer + "/schema", oh.source),
                _Node(nh.schema.get("schema") or {}, nh.pointer + "/schema", nh.source),
                frozenset(),
            )

    def content(self, ctx: _Ctx, o: _Node, n: _Node, status: str) -> None:
        def media(node: _Node) -> dict[str, tuple[str, Any]]:
            # `application/json;charset=utf8` and `application/json` are one media type for a client.
            content = node.schema.get("content") or {}
            return {k.split(";")[0].strip().lower(): (k, v) for k, v in sorted(content.items())}

        o_media, n_media = media(o), media(n)
        where = f"{status}" if status else ""
        for mt in sorted(o_media.keys() - n_media.keys()):
            at = _child(o, "content", o_media[mt][0])
            self.emit(f"{ctx.direction}-media-type-removed", ctx.op, at, n, old=mt, status=where)
        for mt in sorted(n_media.keys() - o_media.keys()):
            at = _child(n, "content", n_media[mt][0])
            self.emit(f"{ctx.direction}-media-type-added", ctx.op, o, at, new=mt, status=where)
        for mt in sorted(o_media.keys() & n_media.keys()):
            (o_key, o_mt), (n_key, n_mt) = o_media[mt], n_media[mt]
            o_schema = (o_mt or {}).get("schema") or {}
            n_schema = (n_mt or {}).get("schema") or {}
            self.schema(
                ctx,
                _child(o, "content", o_key, "schema", schema=o_schema),
                _child(n, "content", n_key, "schema", schema=n_schema),
                frozenset(),
            )

    # ------------------------------------------------------------ schemas

    def schema(self, ctx: _Ctx, o_in: _Node, n_in: _Node, seen: frozenset[tuple[str, str]]) -> None:
        o, o_name, o_null = self.resolve_nullable(self.old, o_in)
        n, n_name, n_null = self.resolve_nullable(self.new, n_in)
        if o_null != n_null:
            kind = "nullable" if n_null else "non-nullable"
            self.emit(f"{ctx.direction}-became-{kind}", ctx.op, o, n, field=ctx.field)
        if (o.pointer, n.pointer) in seen:  # recursive schema: this pair is already being compared
            return
        if o_name and n_name and o_name != n_name:
            # The component name is the generated model's class name, which user code imports.
            self.emit(f"{ctx.direction}-model-renamed", ctx.op, o, n, field=ctx.field, old=o_name, new=n_name)
        seen = seen | {(o.pointer, n.pointer)}
        os_, ns = o.schema, n.schema
        d = ctx.direction

        o_type, n_type = _types(os_), _types(ns)
        if o_type != n_type and o_type and n_type:
            # A type change is read on the row that declares the field, not in the table it links to.
            self.emit(
                f"{d}-type-changed",
                ctx.op,
                replace(o, source=_source(o_in.schema, o.source)),
                replace(n, source=_source(n_in.schema, n.source)),
                field=ctx.field,
                old=_describe(self, self.old, o),
                new=_describe(self, self.new, n),
            )
            return
        self.format(ctx, o, n)
        self.enum(ctx, o, n)
        for keyword, larger_is_wider in _LIMITS:
            self.limit(ctx, o, n, keyword, larger_is_wider)
        if "default" in os_ and "default" in ns and os_["default"] != ns["default"]:
            self.emit(
                f"{d}-default-changed",
                ctx.op,
                o,
                n,
                field=ctx.field,
                old=_show(os_["default"]),
                new=_show(ns["default"]),
            )
        elif d == "request" and "default" in os_ and "default" not in ns:
            self.emit("request-default-removed", ctx.op, o, n, field=ctx.field, old=_show(os_["default"]))
        for key in _COMPOSITIONS:
            o_alts, n_alts = os_.get(key) or [], ns.get(key) or []
            if len(o_alts) != len(n_alts):
                self.emit(
                    f"{d}-composition-changed",
                    ctx.op,
                    o,
                    n,
                    field=ctx.field,
                    old=len(o_alts),
                    new=len(n_alts),
                )
            else:
                for i, (oa, na) in enumerate(zip(o_alts, n_alts, strict=True)):
                    self.schema(
                        replace(ctx, field=f"{ctx.field}<{i}>"),
                        _Node(oa, f"{o.pointer}/{key}/{i}", o.source),
                        _Node(na, f"{n.pointer}/{key}/{i}", n.source),
                        seen,
                    )
        for key, suffix in (("items", "[]"), ("additionalProperties", "{}")):  # array items, map values
            if isinstance(os_.get(key), Mapping) and isinstance(ns.get(key), Mapping):
                self.schema(
                    replace(ctx, field=f"{ctx.field}{suffix}"),
                    _child(o, key, schema=os_[key]),
                    _child(n, key, schema=ns[key]),
                    seen,
                )
        if "properties" in os_ or "properties" in ns:
            # Fields of a named component read as `Component.field`; inline objects keep the path.
            self.properties(replace(ctx, field=o_name or n_name or ctx.field), o, n, seen)

    def format(self, ctx: _Ctx, o: _Node, n: _Node) -> None:
        o_fmt, n_fmt = o.schema.get("format"), n.schema.get("format")
        d = ctx.direction
        if "string" in _types(o.schema) and _PY_STRING_TYPES.get(str(o_fmt)) != _PY_STRING_TYPES.get(str(n_fmt)):
            # date-time, date, uuid and binary give the generated attribute another Python type.
            self.emit(
                f"{d}-type-changed",
                ctx.op,
                o,
                n,
                field=ctx.field,
                old=_describe(self, self.old, o),
                new=_describe(self, self.new, n),
            )
            return
        if o_fmt == n_fmt or o_fmt is None or n_fmt is None:
            # A format appearing or vanishing is the docs getting more or less precise, not a new type.
            return
        o_rank, n_rank = _FORMAT_ORDER.get(str(o_fmt)), _FORMAT_ORDER.get(str(n_fmt))
        if o_rank and n_rank and o_rank[0] == n_rank[0]:
            kind = "widened" if n_rank[1] > o_rank[1] else "narrowed"
            self.emit(f"{d}-format-{kind}", ctx.op, o, n, field=ctx.field, old=o_fmt, new=n_fmt)
        else:
            self.emit(f"{d}-format-changed", ctx.op, o, n, field=ctx.field, old=_show(o_fmt), new=_show(n_fmt))

    def enum(self, ctx: _Ctx, o: _Node, n: _Node) -> None:
        # `null` in an enum is nullability (reported on its own), not a value.
        o_enum, n_enum = _non_null_enum(o.schema), _non_null_enum(n.schema)
        d = ctx.direction
        if o_enum is None and n_enum is None:
            return
        if o_enum is None:
            self.emit(f"{d}-enum-added", ctx.op, o, n, field=ctx.field, new=_show_set(n_enum or []))
            return
        if n_enum is None:
            self.emit(f"{d}-enum-removed", ctx.op, o, n, field=ctx.field, old=_show_set(o_enum))
            return
        o_set, n_set = _hashable_set(o_enum), _hashable_set(n_enum)
        if o_set - n_set:
            self.emit(f"{d}-enum-value-removed", ctx.op, o, n, field=ctx.field, old=_show_set(o_set - n_set))
        if n_set - o_set:
            self.emit(f"{d}-enum-value-added", ctx.op, o, n, field=ctx.field, new=_show_set(n_set - o_set))

    def limit(self, ctx: _Ctx, o: _Node, n: _Node, keyword: str, larger_is_wider: bool) -> None:
        o_val, n_val = o.schema.get(keyword), n.schema.get(keyword)
        if keyword in _ZERO_BY_DEFAULT:  # `minLength: 0` says nothing more than no minLength
            o_val, n_val = o_val or None, n_val or None
        if o_val == n_val or isinstance(o_val, bool) or isinstance(n_val, bool):
            return
        # A missing limit is the widest one.
        if o_val is None:
            wider = False
        elif n_val is None:
            wider = True
        else:
            wider = (n_val > o_val) == larger_is_wider
        kind = "widened" if wider else "narrowed"
        self.emit(
            f"{ctx.direction}-limit-{kind}",
            ctx.op,
            o,
            n,
            field=ctx.field,
            limit=keyword,
            old="none" if o_val is None else o_val,
            new="none" if n_val is None else n_val,
        )

    def properties(self, ctx: _Ctx, o: _Node, n: _Node, seen: frozenset[tuple[str, str]]) -> None:
        d = ctx.direction
        o_props: Mapping[str, Any] = o.schema.get("properties") or {}
        n_props: Mapping[str, Any] = n.schema.get("properties") or {}
        o_req, n_req = set(o.schema.get("required") or []), set(n.schema.get("required") or [])

        def node(side: _Node, props: Mapping[str, Any], name: str) -> _Node:
            return _Node(
                props[name],
                f"{side.pointer}/properties/{pointer(name)[1:]}",
                _source(props[name], side.source),
            )

        gone = [p for p in o_props if p not in n_props]
        came = [p for p in n_props if p not in o_props]
        renames = self.renames(o_props, n_props, gone, came)
        for old_name, new_name in renames:
            gone.remove(old_name)
            came.remove(new_name)
            self.emit(
                f"{d}-property-renamed",
                ctx.op,
                node(o, o_props, old_name),
                node(n, n_props, new_name),
                field=f"{ctx.field}.{old_name}",
                new=new_name,
            )
        for name in sorted(gone):
            self.emit(f"{d}-property-removed", ctx.op, node(o, o_props, name), n, field=f"{ctx.field}.{name}")
        for name in sorted(came):
            rule_id = f"{d}-property-added"
            if d == "request" and name in n_req:
                rule_id = "request-property-added-required"
            self.emit(rule_id, ctx.op, o, node(n, n_props, name), field=f"{ctx.field}.{name}")
        pairs = [(p, p) for p in o_props if p in n_props] + renames
        for o_pname, n_pname in sorted(pairs):
            on, nn = node(o, o_props, o_pname), node(n, n_props, n_pname)
            field = f"{ctx.field}.{o_pname}"
            was_req, is_req = o_pname in o_req, n_pname in n_req
            if is_req and not was_req:
                self.emit(f"{d}-property-became-required", ctx.op, on, nn, field=field)
            elif was_req and not is_req:
                self.emit(f"{d}-property-became-optional", ctx.op, on, nn, field=field)
            if nn.schema.get("deprecated") and not on.schema.get("deprecated"):
                self.emit(f"{d}-property-deprecated", ctx.op, on, nn, field=field)
            if (on.schema.get("description") or "") != (nn.schema.get("description") or ""):
                self.emit(
                    "property-description-changed",
                    ctx.op,
                    on,
                    nn,
                    field=field,
                    old=_desc(on.schema),
                    new=_desc(nn.schema),
                )
            self.schema(replace(ctx, field=field), on, nn, seen)

    def renames(
        self, o_props: Mapping[str, Any], n_props: Mapping[str, Any], gone: list[str], came: list[str]
    ) -> list[tuple[str, str]]:
        """Removed/added fields of one object that are the same field under a new name.

        Evidence must be clear: the same structural shape plus one more sign (same row position in
        a table where as many rows went as came, identical description, one name containing the
        other, or the same name in another spelling), and the match must be unique in both
        directions. Anything less stays a removal plus an addition.
        """
        if not gone or not came:
            return []
        o_order, n_order = list(o_props), list(n_props)
        substitution = len(gone) == len(came)
        shape_o = {g: _shape(self, self.old, o_props[g]) for g in gone}
        shape_n = {c: _shape(self, self.new, n_props[c]) for c in came}

        def best(
            name: str,
            pool: list[str],
            shapes: dict[str, Hashable],
            mine: Hashable,
            my_props: Mapping[str, Any],
            my_order: list[str],
            other_props: Mapping[str, Any],
            other_order: list[str],
        ) -> str | None:
            ties: tuple[Callable[[str], bool], ...] = (
                # Row position only counts in a pure substitution (as many rows gone as came);
                # otherwise rows shift and unrelated fields line up by accident.
                lambda c: substitution and _same_slot(my_order, name, other_order, c, pool),
                lambda c: bool(_desc(my_props[name])) and _desc(other_props[c]) == _desc(my_props[name]),
                lambda c: c in name or name in c,
                lambda c: _spelling(c) == _spelling(name),
            )
            # Same shape alone is weak (many fields are plain strings), so one more sign is required.
            same = [c for c in pool if shapes[c] == mine and any(tie(c) for tie in ties)]
            if len(same) <= 1:
                return same[0] if same else None
            for tie in ties:
                narrowed = [c for c in same if tie(c)]
                if len(narrowed) == 1:
                    return narrowed[0]
            return None

        result = []
        for g in gone:
            c = best(g, came, shape_n, shape_o[g], o_props, o_order, n_props, n_order)
            if c is None:
                continue
            back = best(c, gone, shape_o, shape_n[c], n_props, n_order, o_props, o_order)
            if back == g:
                result.append((g, c))
        return result


def _same_slot(a_order: list[str], a: str, b_order: list[str], b: str, b_pool: list[str]) -> bool:
    """`a` and `b` sit in the same table row and a neighbour row is the same field (or also replaced)."""
    i, j = a_order.index(a), b_order.index(b)
    if i != j:
        return False
    a_pool = set(a_order) - set(b_order)

    def neighbour_matches(k: int) -> bool:
        inside_a, inside_b = 0 <= i + k < len(a_order), 0 <= j + k < len(b_order)
        if not inside_a or not inside_b:
            return inside_a == inside_b  # both at the table edge
        x, y = a_order[i + k], b_order[j + k]
        return x == y or (x in a_pool and y in b_pool)

    return neighbour_matches(-1) and neighbour_matches(1)


def _spelling(name: str) -> str:
    """`pageSize`, `page_size` and `page-size` are one name spelt three ways."""
    return name.replace("_", "").replace("-", "").lower()


def _param_as_schema(node: _Node) -> dict[str, Any]:
    """A parameter seen as a property (its schema plus its description), for rename detection."""
    inner = node.schema.get("schema")
    return {**(inner if isinstance(inner, Mapping) else {}), "description": node.schema.get("description") or ""}


def _desc(schema: Any) -> str:
    return str(schema.get("description") or "") if isinstance(schema, Mapping) else ""


def _types(schema: Schema) -> frozenset[str]:
    raw = schema.get("type")
    if isinstance(raw, str):
        types = {raw}
    elif isinstance(raw, list):
        types = {str(t) for t in raw}
    elif "properties" in schema:
        types = {"object"}
    elif "items" in schema:
        types = {"array"}
    else:
        types = set()
    # `null` alongside a type is optionality, which the required/unset rules already cover.
    types.discard("null")
    return frozenset(types)


def _describe(differ: _Differ, spec: Mapping[str, Any], node: _Node, depth: int = 0) -> str:
    types = sorted(_types(node.schema)) or ["any"]
    text = "|".join(types)
    if node.schema.get("format"):
        text += f" ({node.schema['format']})"
    items = node.schema.get("items")
    if "array" in types and isinstance(items, Mapping) and depth < 3:
        inner, _ = differ.resolve(spec, _Node(items, "", None))
        text = f"array of {_describe(differ, spec, inner, depth + 1)}"
    return f"`{text}`" if depth == 0 else text


def _is_null(schema: Any) -> bool:
    return isinstance(schema, Mapping) and schema.get("type") == "null" and len(
        [k for k in schema if not str(k).startswith("x-") and k != "description"]
    ) == 1


def _is_nullable(schema: Schema) -> bool:
    raw = schema.get("type")
    return (isinstance(raw, list) and "null" in raw) or None in (schema.get("enum") or [])


def _non_null_enum(schema: Schema) -> list[Any] | None:
    values = schema.get("enum")
    if not isinstance(values, list):
        return None
    kept = [v for v in values if v is not None]
    return kept or None


def _hashable_set(values: Iterable[Any]) -> set[Any]:
    return {v if isinstance(v, Hashable) else repr(v) for v in values}


def _shape(differ: _Differ, spec: Mapping[str, Any], schema: Any, depth: int = 0) -> Hashable:
    """A name- and wording-free fingerprint of a schema, for rename detection."""
    if not isinstance(schema, Mapping) or depth > 4:
        return None
    node, _ = differ.resolve(spec, _Node(schema, "", None))
    s = node.schema
    props = s.get("properties") or {}
    return (
        tuple(sorted(_types(s))),
        s.get("format"),
        tuple(sorted(repr(v) for v in s.get("enum") or [])),
        _shape(differ, spec, s.get("items"), depth + 1),
        tuple(sorted((k, _shape(differ, spec, v, depth + 1)) for k, v in props.items())),
    )
