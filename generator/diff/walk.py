"""Walking two specs side by side: what in the old spec is the same thing in the new one.

The walker pairs operations, their pages, parameters, request bodies, responses, media types,
headers, schemas and properties, and yields each pairing as a typed change (what went, what came,
what is on both sides and where each side lives); `generator.diff.checks` judges them. It judges
nothing itself: every pairing is yielded before the walk goes below it, so a consumer that judges
as it reads sees the specs in document order.

Schemas are paired by following `$ref`s from each operation, never by component name: OTC
component names come from nested-table titles, which change when the shape does not. `x-source`
(docs provenance) is read for locations but never compared.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any, Literal

from generator.core.spec import REQUIRED_UNSTATED, VARIANTS, pointer, source_of
from generator.diff.examples import restatement
from generator.diff.match import param_as_schema, renames
from generator.diff.model import OperationRef
from generator.diff.nodes import Ctx, Node, child, mismatches, resolve, resolve_nullable, source, types
from generator.diff.paths import PathOperation, operations, pair_moved, path_parameter_names, superseded
from generator.diff.variants import StatusStated, VariantsDelta, page_pairs, status_stated, variants_delta

COMPOSITIONS = ("allOf", "oneOf", "anyOf")
ParamKey = tuple[str, str]  # (location, name); header names in lower case


# ---------------------------------------------------------------- typed changes


@dataclass(frozen=True, slots=True)
class OperationsDelta:
    """Operations of one spec only (a moved operation is paired, not listed here)."""

    removed: tuple[tuple[OperationRef, Node], ...]
    added: tuple[tuple[OperationRef, Node], ...]


@dataclass(frozen=True, slots=True)
class Superseded:
    """A kept operation (`was` in the old spec, `still` in the new) whose docs page now documents `successor`."""

    ref: OperationRef  # the successor's
    was: PathOperation
    still: PathOperation
    o: Node
    n: Node


@dataclass(frozen=True, slots=True)
class OperationPair:
    ref: OperationRef  # the new side's
    old: PathOperation
    new: PathOperation
    o: Node
    n: Node


@dataclass(frozen=True, slots=True)
class PagesDelta:
    """Pages (`x-otc-variants`) documenting the call on one side only, owner pages aside."""

    ref: OperationRef
    o: Node
    n: Node
    removed: tuple[tuple[str, Node], ...]  # (page operationId, where)
    added: tuple[tuple[str, Node], ...]


@dataclass(frozen=True, slots=True)
class ParameterPair:
    """One parameter on both sides; `how` says by what evidence the two are one."""

    ref: OperationRef
    how: Literal["same", "path-renamed", "moved", "query-renamed"]
    old_key: ParamKey
    new_key: ParamKey
    o: Node
    n: Node


@dataclass(frozen=True, slots=True)
class ParametersDelta:
    ref: OperationRef
    paired: tuple[ParameterPair, ...]  # same key first (sorted), then the others in the order found
    removed: tuple[tuple[ParamKey, Node], ...]
    added: tuple[tuple[ParamKey, Node], ...]


@dataclass(frozen=True, slots=True)
class RequestBodyPair:
    """The request body of an operation; `o` or `n` is None on the side that has none."""

    ref: OperationRef
    op_o: Node
    op_n: Node
    o: Node | None
    n: Node | None
    # the old body's table had no Mandatory column: its optional body states nothing (`x-otc-required-unstated`)
    o_unstated: bool = False


@dataclass(frozen=True, slots=True)
class ResponsePair:
    """One status of an operation; `o` or `n` is None on the side without it (the other is a placeholder)."""

    ref: OperationRef
    status: Any  # the key as written in the spec
    op_o: Node
    op_n: Node
    o: Node | None
    n: Node | None


@dataclass(frozen=True, slots=True)
class MediaTypesDelta:
    ctx: Ctx
    o: Node
    n: Node
    status: str  # "" for the request body
    removed: tuple[tuple[str, Node], ...]  # (media type without parameters, where)
    added: tuple[tuple[str, Node], ...]


@dataclass(frozen=True, slots=True)
class HeadersDelta:
    ref: OperationRef
    status: str
    o: Node
    n: Node
    removed: tuple[tuple[str, Node], ...]  # (header name as written, where)
    added: tuple[tuple[str, Node], ...]


@dataclass(frozen=True, slots=True)
class SchemaPair:
    """A schema position on both sides, `$ref`s followed and nullability seen through."""

    ctx: Ctx
    o_in: Node  # as written at the position (the row that declares the field)
    n_in: Node
    o: Node  # resolved
    n: Node
    o_name: str | None  # component name, when a `$ref` led there
    n_name: str | None
    o_null: bool
    n_null: bool
    repeated: bool  # a recursive schema: this pair is already being compared further up
    type_changed: bool  # both sides have a type, not the same one
    comparable: bool  # neither: the keywords and the parts below can be compared one by one
    old_spec: Mapping[str, Any]
    new_spec: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class CompositionPair:
    ctx: Ctx
    o: Node
    n: Node
    key: str  # allOf, oneOf or anyOf
    old_count: int
    new_count: int


@dataclass(frozen=True, slots=True)
class PropertiesDelta:
    ctx: Ctx  # field: the component name, else the position's
    o: Node
    n: Node
    renamed: tuple[tuple[str, str, Node, Node], ...]  # (old name, new name, old, new)
    removed: tuple[tuple[str, Node], ...]
    added: tuple[tuple[str, Node, bool], ...]  # (name, where, required)
    # the side's tables had no Mandatory column: its `required` states nothing (`x-otc-required-unstated`)
    o_unstated: bool = False
    n_unstated: bool = False
    was_required: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class PropertyPair:
    ctx: Ctx  # field: `Component.property`
    o: Node
    n: Node
    was_required: bool
    is_required: bool
    stated: bool = True  # both sides' tables say whether the field is required


@dataclass(frozen=True, slots=True)
class BecameMap:
    """An object with fields restated as a map (`Map<String,String>`): same JSON, no model class any more."""

    ctx: Ctx
    o_in: Node  # the rows declaring the field
    n_in: Node
    o: Node
    n: Node
    o_name: str | None  # the model class that goes away
    keys: tuple[str, ...]  # former fields the map's description still names


Pair = (
    OperationsDelta
    | Superseded
    | OperationPair
    | PagesDelta
    | ParametersDelta
    | ParameterPair
    | RequestBodyPair
    | ResponsePair
    | MediaTypesDelta
    | HeadersDelta
    | SchemaPair
    | CompositionPair
    | PropertiesDelta
    | PropertyPair
    | BecameMap
    | VariantsDelta
    | StatusStated
)


# ---------------------------------------------------------------- the walk


def _ref(op: PathOperation) -> OperationRef:
    return OperationRef(op.path, op.method.upper(), op.operation_id)


def _node(op: PathOperation) -> Node:
    return Node(op.op, op.pointer, source_of(op.op))


class Walker:
    """Operations are paired once; `api` and `migration` walk below the pairs, yielding each pairing first."""

    def __init__(self, old: Mapping[str, Any], new: Mapping[str, Any]) -> None:
        self.old = old
        self.new = new
        old_ops, new_ops = operations(old), operations(new)
        removed = [old_ops[k] for k in sorted(old_ops.keys() - new_ops.keys())]
        added = [new_ops[k] for k in sorted(new_ops.keys() - old_ops.keys())]
        self.kept = [(old_ops[k], new_ops[k]) for k in sorted(old_ops.keys() & new_ops.keys())]
        # the old operation a change is reported under (`OperationRef` names the new side's path when it moved)
        self._old_ops: dict[tuple[str, str], Mapping[str, Any]] = {}
        self._pages: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())  # the walked operation's
        self._ops: tuple[Mapping[str, Any], Mapping[str, Any]] = ({}, {})
        self._kept_pages = frozenset().union(*(_page_files(o.op) for o in old_ops.values())) & frozenset().union(
            *(_page_files(n.op) for n in new_ops.values()))
        self.moved = pair_moved(removed, added)
        moved_old = {id(o) for o, _ in self.moved}
        moved_new = {id(n) for _, n in self.moved}
        self.removed = [op for op in removed if id(op) not in moved_old]
        self.added = [op for op in added if id(op) not in moved_new]

    def api(self) -> Iterator[Pair]:
        """What changes for a user of the old spec."""
        yield OperationsDelta(
            tuple((_ref(op), _node(op)) for op in self.removed),
            tuple((_ref(op), _node(op)) for op in self.added),
        )
        for old, new in self.kept + self.moved:
            yield from self.operation(old, new)

    def migration(self) -> Iterator[Pair]:
        """What changes for a user who moves from a kept operation to its successor."""
        for (was, still), successor in superseded(self.kept, self.added):
            yield Superseded(_ref(successor), was, still, _node(was), _node(successor))
            yield from self.operation(was, successor)

    # ------------------------------------------------------------ operations

    def operation(self, old: PathOperation, new: PathOperation) -> Iterator[Pair]:
        ref, o, n = _ref(new), _node(old), _node(new)
        self._old_ops[(ref.method, ref.path)] = old.op
        self._ops = (old.op, new.op)
        self._pages = (_page_files(old.op), _page_files(new.op))
        yield OperationPair(ref, old, new, o, n)
        yield from self.parameters(ref, old, new)
        yield from self.request_body(ref, o, n)
        yield from self.responses(ref, o, n)
        yield self.pages(ref, old, new, o, n)

    def _cited(self, node: Node, referrer: str | None, side: int) -> Node:
        """A shared component's rows are filed under the page that defined the table first, which may be a page
        this update added or removed, unrelated to this operation: a change of this operation then cites the row on
        its own page that references the component."""
        pages = self._pages[side]
        cited = node.source.rsplit(":", 1)[0] if node.source else None
        # a page documented on both sides is a fair citation (it references the table too, and names the row)
        if not pages or not cited or not referrer or cited in pages or cited in self._kept_pages:
            return node
        return replace(node, source=referrer) if referrer.rsplit(":", 1)[0] in pages else node

    def pages(self, ref: OperationRef, old: PathOperation, new: PathOperation, o: Node, n: Node) -> PagesDelta:
        """The pages documenting one call (`x-otc-variants`): each is a function of the client.

        The wire contract is the merged operation, paired above; a page that comes or goes adds or removes a
        function. The owner page's operationId is the operation's: its rename is the operation's.
        """
        def pages(op: PathOperation) -> dict[str, Mapping[str, Any]]:
            # every listed page, with or without its own parts (specs written before they were kept)
            found = {str(v.get("operationId", "")): v for v in op.op.get(VARIANTS) or [] if isinstance(v, Mapping)}
            return found or {op.operation_id: op.op}

        before, after = pages(old), pages(new)
        owners = {old.operation_id, new.operation_id}
        return PagesDelta(
            ref,
            o,
            n,
            tuple(
                (page, Node(before[page], f"{o.pointer}/x-otc-variants", source(before[page], o.source)))
                for page in sorted(before.keys() - after.keys() - owners)
            ),
            tuple(
                (page, Node(after[page], f"{n.pointer}/x-otc-variants", source(after[page], n.source)))
                for page in sorted(after.keys() - before.keys() - owners)
            ),
        )

    # ------------------------------------------------------------ parameters

    @staticmethod
    def _params(spec: Mapping[str, Any], op: PathOperation) -> dict[ParamKey, Node]:
        found: dict[ParamKey, Node] = {}
        op_src = source(op.op, None)
        # Path-level parameters first so operation-level ones override them, as OpenAPI specifies.
        for owner, base in ((op.item, pointer("paths", op.path)), (op.op, op.pointer)):
            for i, raw in enumerate(owner.get("parameters") or []):
                node, _ = resolve(spec, Node(raw, f"{base}/parameters/{i}", op_src))
                where, name = str(node.schema.get("in", "")), str(node.schema.get("name", ""))
                # Header names are case-insensitive on the wire.
                found[(where, name.lower() if where == "header" else name)] = replace(
                    node, source=source(node.schema, op_src)
                )
        return found

    def parameters(self, ref: OperationRef, old: PathOperation, new: PathOperation) -> Iterator[Pair]:
        o_params, n_params = self._params(self.old, old), self._params(self.new, new)
        gone = sorted(o_params.keys() - n_params.keys())
        came = sorted(n_params.keys() - o_params.keys())
        same = sorted(o_params.keys() & n_params.keys())
        paired = [ParameterPair(ref, "same", k, k, o_params[k], n_params[k]) for k in same]

        def pair(how: Literal["path-renamed", "moved", "query-renamed"], ok: ParamKey, nk: ParamKey) -> None:
            gone.remove(ok)
            came.remove(nk)
            paired.append(ParameterPair(ref, how, ok, nk, o_params[ok], n_params[nk]))

        # Path parameters are matched by position: `{pid}` and `{project_id}` in the same slot are one.
        o_path = path_parameter_names(old.path)
        n_path = path_parameter_names(new.path)
        if len(o_path) == len(n_path):
            for o_name, n_name in zip(o_path, n_path, strict=True):
                ok, nk = ("path", o_name), ("path", n_name)
                if o_name != n_name and ok in gone and nk in came:
                    pair("path-renamed", ok, nk)

        # The same name in another location is a move, not a removal plus an addition.
        for ok in list(gone):
            moved_to = [nk for nk in came if nk[1] == ok[1]]
            if len(moved_to) == 1:
                pair("moved", ok, moved_to[0])

        # A query parameter under a new name: the same evidence as a renamed body field.
        o_query = {k[1]: param_as_schema(o_params[k]) for k in o_params if k[0] == "query"}
        n_query = {k[1]: param_as_schema(n_params[k]) for k in n_params if k[0] == "query"}
        gone_q = [k[1] for k in gone if k[0] == "query"]
        came_q = [k[1] for k in came if k[0] == "query"]
        for o_name, n_name in renames(self.old, self.new, o_query, n_query, gone_q, came_q):
            pair("query-renamed", ("query", o_name), ("query", n_name))

        yield ParametersDelta(
            ref,
            tuple(paired),
            tuple((k, o_params[k]) for k in gone),
            tuple((k, n_params[k]) for k in came),
        )
        for p in paired:
            yield p
            yield from self.schema(
                Ctx(ref, "request", str(p.n.schema.get("name"))),
                Node(p.o.schema.get("schema") or {}, p.o.pointer + "/schema", p.o.source),
                Node(p.n.schema.get("schema") or {}, p.n.pointer + "/schema", p.n.source),
                frozenset(),
            )

    # ------------------------------------------------------------ bodies and responses

    @staticmethod
    def _body_unstated(spec: Mapping[str, Any], body: Node) -> bool:
        """Whether every media type's schema of `body` comes from tables without a Mandatory column."""
        schemas = [m.get("schema") for m in (body.schema.get("content") or {}).values() if isinstance(m, Mapping)]
        nodes = [resolve(spec, Node(s, body.pointer, body.source))[0] for s in schemas if isinstance(s, Mapping)]
        return bool(nodes) and all(n.schema.get(REQUIRED_UNSTATED) for n in nodes)

    def request_body(self, ref: OperationRef, op_o: Node, op_n: Node) -> Iterator[Pair]:
        raw_o, raw_n = op_o.schema.get("requestBody"), op_n.schema.get("requestBody")
        if raw_o is None and raw_n is None:
            return
        o = None if raw_o is None else resolve(self.old, Node(raw_o, op_o.pointer + "/requestBody", op_o.source))[0]
        n = None if raw_n is None else resolve(self.new, Node(raw_n, op_n.pointer + "/requestBody", op_n.source))[0]
        yield RequestBodyPair(ref, op_o, op_n, o, n, o is not None and self._body_unstated(self.old, o))
        if o is not None and n is not None:
            yield from self.content(Ctx(ref, "request", "request body"), o, n, status="")

    def responses(self, ref: OperationRef, op_o: Node, op_n: Node) -> Iterator[Pair]:
        o_all: Mapping[str, Any] = op_o.schema.get("responses") or {}
        n_all: Mapping[str, Any] = op_n.schema.get("responses") or {}
        # a success status the old build assumed and the docs now state is one response, compared as such
        stated = status_stated(o_all, n_all) or ("", "")
        for status in sorted((set(o_all) | set(n_all)) - {stated[0]}):
            o_status: str = stated[0] if status == stated[1] else status
            o_ptr, n_ptr = f"{op_o.pointer}/responses/{o_status}", f"{op_n.pointer}/responses/{status}"
            if status not in n_all:
                yield ResponsePair(ref, status, op_o, op_n, Node({}, o_ptr, op_o.source), None)
                continue
            if o_status not in o_all:
                yield ResponsePair(ref, status, op_o, op_n, None, Node({}, n_ptr, op_n.source))
                continue
            o, _ = resolve(self.old, Node(o_all[o_status], o_ptr, op_o.source))
            n, _ = resolve(self.new, Node(n_all[status], n_ptr, op_n.source))
            if o_status != status:
                yield StatusStated(ref, str(o_status), str(status), o, n)
            yield ResponsePair(ref, status, op_o, op_n, o, n)
            yield from self.content(Ctx(ref, "response", f"response {status}"), o, n, status=str(status))
            yield from self.headers(ref, o, n, str(status))

    def headers(self, ref: OperationRef, o: Node, n: Node, status: str) -> Iterator[Pair]:
        # Header names are case-insensitive on the wire.
        o_all = {k.lower(): (k, v) for k, v in (o.schema.get("headers") or {}).items()}
        n_all = {k.lower(): (k, v) for k, v in (n.schema.get("headers") or {}).items()}
        gone = [o_all[name][0] for name in sorted(o_all.keys() - n_all.keys())]
        came = [n_all[name][0] for name in sorted(n_all.keys() - o_all.keys())]
        yield HeadersDelta(
            ref,
            status,
            o,
            n,
            tuple((key, child(o, "headers", key)) for key in gone),
            tuple((key, child(n, "headers", key)) for key in came),
        )
        for name in sorted(o_all.keys() & n_all.keys()):
            (o_key, o_raw), (n_key, n_raw) = o_all[name], n_all[name]
            oh, _ = resolve(self.old, child(o, "headers", o_key, schema=o_raw))
            nh, _ = resolve(self.new, child(n, "headers", n_key, schema=n_raw))
            yield from self.schema(
                Ctx(ref, "response", f"header {n_key}"),
                Node(oh.schema.get("schema") or {}, oh.pointer + "/schema", oh.source),
                Node(nh.schema.get("schema") or {}, nh.pointer + "/schema", nh.source),
                frozenset(),
            )

    def content(self, ctx: Ctx, o: Node, n: Node, status: str) -> Iterator[Pair]:
        def media(node: Node) -> dict[str, tuple[str, Any]]:
            # `application/json;charset=utf8` and `application/json` are one media type for a client.
            content = node.schema.get("content") or {}
            return {k.split(";")[0].strip().lower(): (k, v) for k, v in sorted(content.items())}

        o_media, n_media = media(o), media(n)
        yield MediaTypesDelta(
            ctx,
            o,
            n,
            status,
            tuple((mt, child(o, "content", o_media[mt][0])) for mt in sorted(o_media.keys() - n_media.keys())),
            tuple((mt, child(n, "content", n_media[mt][0])) for mt in sorted(n_media.keys() - o_media.keys())),
        )
        for mt in sorted(o_media.keys() & n_media.keys()):
            (o_key, o_mt), (n_key, n_mt) = o_media[mt], n_media[mt]
            o_schema = (o_mt or {}).get("schema") or {}
            n_schema = (n_mt or {}).get("schema") or {}
            old_op = self._old_ops.get((ctx.op.method, ctx.op.path))
            found = mismatches(old_op, status, mt) if old_op is not None else ()
            restated = restatement(self.old, old_op, o_schema, self.new, self._ops[1], n_schema, status, mt, ctx.field)
            yield from self.bodies(
                replace(ctx, at="", mismatches=found, restated=restated),
                child(o, "content", o_key, "schema", schema=o_schema),
                child(n, "content", n_key, "schema", schema=n_schema),
                status,
                mt,
            )

    def bodies(self, ctx: Ctx, o: Node, n: Node, status: str, media: str) -> Iterator[Pair]:
        """A merged operation's alternatives are paired by the page each is the body of, never by position."""
        found = page_pairs(*self._ops, o, n, status, media)
        if found is None:
            yield from self.schema(ctx, o, n, frozenset())
            return
        yield variants_delta(ctx, o, n, self._ops[1], found, status)
        for a, b in found[0]:
            yield from self.schema(ctx, Node(a.schema, a.pointer, o.source), Node(b.schema, b.pointer, n.source),
                                   frozenset())

    # ------------------------------------------------------------ schemas

    def schema(self, ctx: Ctx, o_in: Node, n_in: Node, seen: frozenset[tuple[str, str]]) -> Iterator[Pair]:
        o, o_name, o_null = resolve_nullable(self.old, o_in)
        n, n_name, n_null = resolve_nullable(self.new, n_in)
        o, n = self._cited(o, o_in.source, 0), self._cited(n, n_in.source, 1)
        repeated = (o.pointer, n.pointer) in seen
        o_type, n_type = (frozenset(), frozenset()) if repeated else (types(o.schema), types(n.schema))
        type_changed = o_type != n_type and bool(o_type) and bool(n_type)
        pair = SchemaPair(
            ctx, o_in, n_in, o, n, o_name, n_name, o_null, n_null, repeated, type_changed,
            not repeated and not type_changed, self.old, self.new,
        )
        yield pair
        if not pair.comparable:
            return
        seen = seen | {(o.pointer, n.pointer)}
        os_, ns = o.schema, n.schema
        if _became_map(os_, ns):
            # one change, not one removal per former field: the keys still travel, now as map entries
            yield BecameMap(ctx, o_in, n_in, o, n, o_name, _named_keys(os_, ns, n_in.schema))
            return
        for key in COMPOSITIONS:
            o_alts, n_alts = os_.get(key) or [], ns.get(key) or []
            if not o_alts and not n_alts:
                continue
            yield CompositionPair(ctx, o, n, key, len(o_alts), len(n_alts))
            if len(o_alts) == len(n_alts):
                for i, (oa, na) in enumerate(zip(o_alts, n_alts, strict=True)):
                    yield from self.schema(
                        replace(ctx, field=f"{ctx.field}<{i}>"),
                        Node(oa, f"{o.pointer}/{key}/{i}", o.source),
                        Node(na, f"{n.pointer}/{key}/{i}", n.source),
                        seen,
                    )
        for key, suffix, step in (("items", "[]", "/*"), ("additionalProperties", "{}", "/?")):  # items, map values
            if isinstance(os_.get(key), Mapping) and isinstance(ns.get(key), Mapping):
                yield from self.schema(
                    replace(ctx, field=f"{ctx.field}{suffix}", at=ctx.at + step),
                    child(o, key, schema=os_[key]),
                    child(n, key, schema=ns[key]),
                    seen,
                )
        if "properties" in os_ or "properties" in ns:
            # Fields of a named component read as `Component.field`; inline objects keep the path.
            yield from self.properties(replace(ctx, field=o_name or n_name or ctx.field), o, n, seen)

    def properties(self, ctx: Ctx, o: Node, n: Node, seen: frozenset[tuple[str, str]]) -> Iterator[Pair]:
        o_props: Mapping[str, Any] = o.schema.get("properties") or {}
        n_props: Mapping[str, Any] = n.schema.get("properties") or {}
        o_req, n_req = set(o.schema.get("required") or []), set(n.schema.get("required") or [])
        o_unstated, n_unstated = bool(o.schema.get(REQUIRED_UNSTATED)), bool(n.schema.get(REQUIRED_UNSTATED))

        def node(side: Node, props: Mapping[str, Any], name: str) -> Node:
            at = f"{side.pointer}/properties/{pointer(name)[1:]}"
            found = Node(props[name], at, source(props[name], side.source))
            return self._cited(found, side.source, 0 if side is o else 1)

        gone = [p for p in o_props if p not in n_props]
        came = [p for p in n_props if p not in o_props]
        renamed = renames(self.old, self.new, o_props, n_props, gone, came)
        for old_name, new_name in renamed:
            gone.remove(old_name)
            came.remove(new_name)
        yield PropertiesDelta(
            ctx,
            o,
            n,
            tuple((a, b, node(o, o_props, a), node(n, n_props, b)) for a, b in renamed),
            tuple((name, node(o, o_props, name)) for name in sorted(gone)),
            tuple((name, node(n, n_props, name), name in n_req) for name in sorted(came)),
            o_unstated,
            n_unstated,
            frozenset(o_req & set(n_props)),
        )
        for o_pname, n_pname in sorted([(p, p) for p in o_props if p in n_props] + renamed):
            on, nn = node(o, o_props, o_pname), node(n, n_props, n_pname)
            field_ctx = replace(ctx, field=f"{ctx.field}.{o_pname}", at=f"{ctx.at}/{o_pname}")
            yield PropertyPair(field_ctx, on, nn, o_pname in o_req, n_pname in n_req,
                               not (o_unstated or n_unstated))
            yield from self.schema(field_ctx, on, nn, seen)


def _page_files(op: Mapping[str, Any]) -> frozenset[str]:
    """The docs files of an operation's pages (its own and those merged into it)."""
    parts = [op, *[v for v in op.get(VARIANTS) or [] if isinstance(v, Mapping)]]
    return frozenset(src.rsplit(":", 1)[0] for src in (source_of(p) for p in parts) if src)


def _became_map(o: Mapping[str, Any], n: Mapping[str, Any]) -> bool:
    return bool(o.get("properties")) and not n.get("properties") and n.get("additionalProperties") not in (None, False)


def _named_keys(o: Mapping[str, Any], n: Mapping[str, Any], n_row: Mapping[str, Any]) -> tuple[str, ...]:
    """The old fields whose names the new side's description (of the row or of the map) still spells out."""
    text = " ".join(str(s.get("description") or "") for s in (n_row, n))
    words = set(re.findall(r"[A-Za-z0-9_.\-]+", text))
    return tuple(name for name in o.get("properties") or {} if name in words)
