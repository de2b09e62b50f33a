"""Reading an OpenAPI 3.1 document: the one place that knows how a spec is laid out.

Every stage that walks a spec (`check`, the client view, the report, the diff, the payload
validator, the pytest plugin) goes through here for: the HTTP methods of a path item, the
operations, an operation's (side, status, media) contents, `$ref`s (cycles end the walk instead
of looping), the `x-source` provenance that `openapi` writes on every node it makes from the docs,
JSON media types, JSON pointers, and compiling a schema into a validator.

Validators assert `format: int32|int64` as a range. JSON Schema 2020-12 treats `format` as an
annotation and jsonschema-rs only checks formats on strings, yet an out-of-range integer breaks
every typed SDK (openapi-core asserts it too). String formats stay annotations: about half of the
timestamps in the OTC docs' examples have no offset or a `+0000` one (not RFC 3339), and the
generated client parses them anyway.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple
from urllib.parse import unquote

import jsonschema_rs

# the order `openapi` writes operations in, and the order every walker visits them
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
COMPONENT_SCHEMAS = "#/components/schemas/"
JSON_MEDIA_RE = re.compile(r"^application/(?:[\w.+-]+\+)?json$", re.IGNORECASE)
INT_RANGES = {"int32": (-(2**31), 2**31 - 1), "int64": (-(2**63), 2**63 - 1)}


class SpecError(Exception):
    """The spec itself cannot be used (unreadable, not OpenAPI, dangling or cyclic `$ref`)."""


# -- JSON pointers ---------------------------------------------------------------------------------


def escape_pointer_token(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def unescape_pointer_token(token: str) -> str:
    return unquote(token).replace("~1", "/").replace("~0", "~")


def pointer(*tokens: str | int) -> str:
    """`pointer("paths", "/a/{b}", "get")` == `/paths/~1a~1{b}/get`."""
    return "".join("/" + escape_pointer_token(str(t)) for t in tokens)


def resolve_pointer(doc: Any, ptr: str, name: str = "<spec>") -> Any:
    """The node at `ptr` (`#/...`, `/...` or ``); SpecError when it leads nowhere."""
    node: Any = doc
    if ptr in ("", "#"):
        return node
    for raw in ptr.lstrip("#").lstrip("/").split("/"):
        token = unescape_pointer_token(raw)
        try:
            node = node[int(token)] if isinstance(node, list) else node[token]
        except (KeyError, IndexError, ValueError, TypeError) as exc:
            raise SpecError(f"{name}: dangling reference {ptr!r}") from exc
    return node


# -- $ref ------------------------------------------------------------------------------------------


def iter_refs(node: Any, at: str = "") -> Iterator[tuple[str, str]]:
    """(pointer of the referring node, `$ref` value) for every `$ref` under `node`, depth first."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str):
            yield at, ref
        for k, v in node.items():
            yield from iter_refs(v, f"{at}/{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from iter_refs(v, f"{at}/{i}")


def ref_values(node: Any) -> list[str]:
    """The `$ref` values under `node` in `iter_refs`' order, without their pointers: the walk every reachability
    question makes, on every build, over every schema a component reaches (no pointer strings, no generators)."""
    out: list[str] = []
    todo = [node]
    while todo:
        n = todo.pop()
        if isinstance(n, dict):
            ref = n.get("$ref")
            if isinstance(ref, str):
                out.append(ref)
            todo.extend(reversed(n.values()))
        elif isinstance(n, list):
            todo.extend(reversed(n))
    return out


def ref_name(ref: str) -> str:
    """The last token of a `$ref`: the component name for `#/components/schemas/X`."""
    return ref.rsplit("/", 1)[-1]


def component_name(ref: str) -> str | None:
    return ref[len(COMPONENT_SCHEMAS):] if ref.startswith(COMPONENT_SCHEMAS) else None


def rename_components(doc: dict[str, Any], renames: Mapping[str, str]) -> None:
    """Rename component schemas (`old name -> new name`) and rewrite every `$ref` to them, in place; the
    components stay sorted by name."""
    renames = {old: new for old, new in renames.items() if old != new}
    schemas = (doc.get("components") or {}).get("schemas")
    if not renames or not isinstance(schemas, dict):
        return
    refs = {COMPONENT_SCHEMAS + old: COMPONENT_SCHEMAS + new for old, new in renames.items()}
    todo: list[Any] = [doc]
    while todo:
        node = todo.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref in refs:
                node["$ref"] = refs[ref]
            todo.extend(node.values())
        elif isinstance(node, list):
            todo.extend(node)
    renamed = {str(renames.get(name, name)): schema for name, schema in schemas.items()}
    doc["components"]["schemas"] = {k: renamed[k] for k in sorted(renamed)}


@dataclass(frozen=True)
class Resolved:
    """Where a `$ref` chain ends: the node, its pointer, and the nodes passed on the way."""

    node: Any
    pointer: str
    targets: tuple[Any, ...] = ()  # each `$ref`'s target, in order (the last is `node`)

    @property
    def name(self) -> str | None:
        """The name of the last component reached, None when no `$ref` was followed."""
        return ref_name(self.pointer) if self.targets else None


def deref(doc: Any, node: Any, at: str = "", *, strict: bool = False, name: str = "<spec>") -> Resolved:
    """Follow the local `$ref` chain starting at `node` (found at pointer `at`).

    Strict: a remote, dangling or cyclic reference raises SpecError. Lenient: the walk ends at the
    last node it could reach (a cycle ends where it closes).
    """
    seen: set[str] = set()
    targets: list[Any] = []
    while isinstance(node, Mapping) and isinstance(node.get("$ref"), str):
        ref = node["$ref"]
        if not ref.startswith("#") or ref in seen:
            if strict:
                raise SpecError(f"{name}: unsupported or cyclic reference {ref!r} at {at}")
            break
        seen.add(ref)
        try:
            target = resolve_pointer(doc, ref, name)
        except SpecError:
            if strict:
                raise
            break
        if not strict and not isinstance(target, Mapping):
            break
        node, at = target, ref[1:]
        targets.append(target)
    return Resolved(node, at, tuple(targets))


def reachable_schemas(doc: Mapping[str, Any], schema: Any) -> dict[str, Any]:
    """The component schemas `schema` reaches through `$ref`s (transitively, cycles included)."""
    schemas = doc.get("components", {}).get("schemas", {})
    reached: dict[str, Any] = {}
    todo = ref_values(schema)
    while todo:
        name = ref_name(todo.pop())
        if name in reached or name not in schemas:
            continue
        reached[name] = schemas[name]
        todo.extend(r for r in ref_values(schemas[name]) if r.startswith(COMPONENT_SCHEMAS))
    return reached


# -- x-source --------------------------------------------------------------------------------------


class XSource(NamedTuple):
    """Docs provenance `openapi` writes on a node: the page and line it came from."""

    file: str
    line: int | None

    def __str__(self) -> str:
        return f"{self.file}:{self.line}" if self.line is not None else self.file


def x_source(node: Any) -> XSource | None:
    """The node's `x-source`, None when it has none (or one without a file)."""
    src = node.get("x-source") if isinstance(node, Mapping) else None
    if not isinstance(src, Mapping) or "file" not in src:
        return None
    line = src.get("line")
    return XSource(str(src["file"]), int(line) if line is not None else None)


def source_of(node: Any) -> str | None:
    """`file:line` of the node's `x-source` (just `file` without a line), None without one."""
    src = x_source(node)
    return str(src) if src is not None else None


# -- operations and their contents -----------------------------------------------------------------


def is_json_media(media_type: str) -> bool:
    """`application/json`, `application/x+json` (parameters allowed) and `*/*`."""
    base = media_type.split(";", 1)[0].strip()
    return base == "*/*" or bool(JSON_MEDIA_RE.match(base))


_PATH_PARAM = re.compile(r"\{[^}/]*\}")


def endpoint_path(path: str) -> str:
    """`/v2/{project_id}/x` and `/v2/{pid}/x` name the same endpoint: only the segments count, not the
    placeholders' names (docs rename them: `{id}` -> `{port_id}`)."""
    return _PATH_PARAM.sub("{}", path.rstrip("/") or "/")


def iter_operations(doc: Mapping[str, Any], *, sort_paths: bool = False) -> Iterator[tuple[str, str, Any]]:
    """(path, method, operation) in document order of paths (or sorted), HTTP_METHODS order within."""
    paths = doc.get("paths") or {}
    for path in sorted(paths) if sort_paths else paths:
        item = paths[path]
        if not isinstance(item, Mapping):
            continue
        for method in HTTP_METHODS:
            op = item.get(method)
            if isinstance(op, Mapping):
                yield path, method, op


# pages documenting one METHOD + path are merged into one operation; each keeps its own parts here
VARIANTS = "x-otc-variants"
# on an object made from tables without a Mandatory column: its `required` (absent) states nothing
REQUIRED_UNSTATED = "x-otc-required-unstated"
# the former names of a deliberately renamed function (`generator.build.lock`): the client keeps them, deprecated
ALIASES = "x-otc-deprecated-aliases"
# on a success response the page never stated (no status documented, a body table without one): the build assumed it
STATUS_ASSUMED = "x-otc-status-assumed"
# the stable identity of what a client names (`generator.build.lock.identity`)
X_ID = "x-otc-id"


def iter_variants(op: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    """The `x-otc-variants` entries of a merged operation that carry their page's own `parameters`,
    `requestBody` and `responses` (an operation-like node: the walkers that fix operations fix these too)."""
    for v in op.get(VARIANTS) or []:
        if isinstance(v, dict) and "responses" in v:
            yield v


def with_variants(ops: Iterable[Any]) -> Iterator[Any]:
    """Each operation of `ops` (the values of a path item), followed by its variants that carry their own parts."""
    for op in ops:
        yield op
        if isinstance(op, Mapping):
            yield from iter_variants(op)


def iter_examples(doc: Mapping[str, Any]) -> Iterator[tuple[Any, Any, Any]]:
    """(operation or variant, media type object, example object) of every documented example of every request
    body and response of `doc`, in document order (inline content only: the build writes no `$ref` there)."""
    for item in (doc.get("paths") or {}).values():
        for op in with_variants(item.values() if isinstance(item, Mapping) else ()):
            if not isinstance(op, Mapping):
                continue
            body = op.get("requestBody")
            contents = [body.get("content") if isinstance(body, Mapping) else None]
            contents += [r.get("content") for r in (op.get("responses") or {}).values() if isinstance(r, Mapping)]
            for content in contents:
                for media in (content or {}).values() if isinstance(content, Mapping) else ():
                    if not isinstance(media, Mapping):
                        continue
                    for ex in (media.get("examples") or {}).values():
                        if isinstance(ex, Mapping):
                            yield op, media, ex


class Content(NamedTuple):
    """One media type of a request body or of a response."""

    side: Literal["request", "response"]
    status: str | None  # the response's status key; None for the request body
    media: str
    media_object: Any
    pointer: str  # of the media type object, relative to the operation (`$ref`s followed: to their target)

    @property
    def label(self) -> str:
        """How diagnostics name the position: `request` or `response 200`."""
        return self.side if self.status is None else f"response {self.status}"

    @property
    def schema(self) -> Any:
        return self.media_object.get("schema") if isinstance(self.media_object, Mapping) else None


def iter_contents(op: Mapping[str, Any], doc: Any = None) -> Iterator[Content]:
    """The request body's media types, then each response's; with `doc`, `$ref`d bodies are followed."""
    def contents(raw: Any, at: str) -> tuple[Mapping[str, Any], str]:
        if doc is not None:
            r = deref(doc, raw, at)
            raw, at = r.node, r.pointer
        content = raw.get("content") if isinstance(raw, Mapping) else None
        return (content if isinstance(content, Mapping) else {}), at

    body, at = contents(op.get("requestBody"), "/requestBody")
    for media, m in body.items():
        yield Content("request", None, str(media), m, f"{at}/content/{escape_pointer_token(str(media))}")
    for status, resp in (op.get("responses") or {}).items():
        content, at = contents(resp, pointer("responses", str(status)))
        for media, m in content.items():
            yield Content("response", str(status), str(media), m,
                          f"{at}/content/{escape_pointer_token(str(media))}")


# -- validators ------------------------------------------------------------------------------------


class IntFormat:
    """The `format` keyword for jsonschema-rs: int32/int64 asserted as ranges, other formats ignored."""

    def __init__(self, parent_schema: Any, value: Any, schema_path: Any) -> None:
        self.range = INT_RANGES.get(value) if isinstance(value, str) else None
        self.name = value

    def validate(self, instance: Any) -> None:
        if self.range is None or not isinstance(instance, int) or isinstance(instance, bool):
            return
        low, high = self.range
        if not low <= instance <= high:
            raise ValueError(f"{instance} is outside the {self.name} range")


def validator_root(doc: Mapping[str, Any], schema: Any, *,
                   embed: Literal["reached", "all"] = "reached") -> dict[str, Any]:
    """`schema` as a standalone JSON Schema document whose `components` resolve its `$ref`s.

    `reached` embeds only the component schemas `schema` reaches: compiling all of a 1000-schema
    spec for every example made checking slower than parsing the docs. `all` embeds the whole
    `components` (for long-lived validators whose schema paths must point at the spec's nodes).
    """
    root: dict[str, Any] = ({"not": {}} if not schema else {}) if isinstance(schema, bool) else dict(schema)
    if embed == "all":
        root["components"] = doc.get("components") or {}
    else:
        root["components"] = {"schemas": reachable_schemas(doc, schema)}
    return root


def compile_root(root: dict[str, Any], *, int_ranges: bool = True) -> Any:
    """A Draft 2020-12 validator (OpenAPI 3.1's dialect) for a root made by `validator_root`."""
    if int_ranges:
        return jsonschema_rs.Draft202012Validator(root, keywords={"format": IntFormat})
    return jsonschema_rs.Draft202012Validator(root)


def compile_schema(doc: Mapping[str, Any], schema: Any, *, embed: Literal["reached", "all"] = "reached",
                   int_ranges: bool = True) -> Any:
    """One schema of `doc` compiled into a validator; see `validator_root` and `compile_root`."""
    return compile_root(validator_root(doc, schema, embed=embed), int_ranges=int_ranges)
