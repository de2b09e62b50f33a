"""Stage 4: is the document valid, and is it what the docs show?

openapi-spec-validator checks the OpenAPI rules. On top of it, what that validator does not see:
dangling `$ref`s (it raises on them instead of reporting), examples that contradict their schema,
operationIds that collide once snake-cased, and constructs openapi-python-client drops or mangles
without a word (a parameter with `content:` is dropped, a property named like a model method is
moved to `additional_properties`, components differing only in case overwrite each other's module).

openapi-spec-validator 0.9.0's messages depend on its schema backend: `check.openapi` texts (and
so the diagnostics bytes) are stable only with OPENAPI_SPEC_VALIDATOR_SCHEMA_VALIDATOR_BACKEND pinned
(jsonschema-rs everywhere here). Examples are checked with jsonschema-rs (2020-12, OpenAPI 3.1's
dialect) through `generator.core.spec`'s compiler, the payload validator's, which asserts
`format: int32|int64` as ranges. An integer above int32 in a field typed without a size is evidence
for int64 (`widen_int32`, before the check); a number outside int64 (DMS: 9223372036854776000, a
Java `Long.MAX_VALUE` printed through a double) is a documentation defect like any other mismatch:
no client, server or mock can hold it, so it must not stay where consumers look (`int_ranges=False`
is kept for callers that want 2020-12's annotation-only `format`).

`check` returns `Findings`: the diagnostics, and the example checks in structured form (which
examples were held against a schema, and each mismatch with its operation, part and pointer), so
the coverage report reads them instead of parsing message text.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from generator.build.check.blame import Blame, blame
from generator.core import spec as S
from generator.core.exact import value_bytes
from generator.core.model import Diagnostic, Severity, Source

# property names that collide with methods/attributes of the generated attrs classes
RESERVED_PROPERTIES = frozenset({"to_dict", "from_dict", "additional_properties", "additional_keys"})
# shown per example; the rest of a badly broken example adds nothing for the docs writers
_MISMATCHES_PER_EXAMPLE = 5
_MAX_TEXT = 400  # a mismatch stays one readable line (long enum lists are cut)

ExampleKey = tuple[str, int]  # the example's x-source (file, line)
# openapi-spec-validator's errors for a document (`stock_spec_errors`, or the same errors from the speed layer's
# memory of passed checks: `generator.speed.validator_memory.spec_errors`)
SpecErrors = Callable[[dict[str, Any]], Iterable[Any]]


@dataclass(frozen=True, order=True)
class ExampleMismatch:
    """An example that contradicts its schema: a documentation defect of the page it came from."""

    source: Source  # the example's x-source
    operation_id: str
    part: str  # "request" or "response 200"
    example: str  # the example's name
    pointer: str  # JSON pointer into the example; "" = the example as a whole
    message: str
    blame: str = ""  # which side the failure blames (`generator.build.check.blame`), and why
    blame_reason: str = ""

    @classmethod
    def make(cls, source: Source, operation_id: str, part: str, example: str, pointer: str,
             message: str, blamed: Blame = ("", "")) -> ExampleMismatch:
        """The message is cut where the diagnostic's text is cut, so the two always agree."""
        head = cls(source, operation_id, part, example, pointer, "").text()
        return cls(source, operation_id, part, example, pointer, (head + message)[:_MAX_TEXT][len(head):], *blamed)

    def text(self) -> str:
        return f"{self.operation_id} {self.part} example {self.example}: at {self.pointer or '/'}: {self.message}"

    def diagnostic(self) -> Diagnostic:
        return Diagnostic(self.source, "example.schema_mismatch", Severity.ERROR, self.text()[:_MAX_TEXT],
                          self.blame, self.blame_reason)


@dataclass
class Findings:
    diagnostics: list[Diagnostic] = field(default_factory=list)  # everything found, mismatches included
    mismatches: list[ExampleMismatch] = field(default_factory=list)
    checked_examples: set[ExampleKey] = field(default_factory=set)  # every example held against a schema


def snake(name: str) -> str:
    s = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name)
    s = re.sub(r"([a-z\d])([A-Z])", r"\1_\2", s)
    return re.sub(r"[^A-Za-z0-9]+", "_", s).strip("_").lower()


def _source(node: Any, fallback: Source) -> Source:
    xs = S.x_source(node)
    return Source(xs.file, xs.line or 0) if xs is not None else fallback


@dataclass
class ExampleMemo:
    """What `_check_examples` added per operation, keyed by the operation's exact value and that of every
    component schema (all it reads: `spec.compile_schema` embeds only component schemas). `known`: from an
    earlier build; `used`: this build's, to keep. Made by the speed layer (`generator.speed.layer`) for one check."""

    known: dict[bytes, Findings] = field(default_factory=dict)
    used: dict[bytes, Findings] = field(default_factory=dict)


def check(spec: dict[str, Any], origin: Source | None = None, *, int_ranges: bool = True,
          memo: ExampleMemo | None = None, spec_errors: SpecErrors | None = None) -> Findings:
    """`memo`: the example checks of operations an earlier build checked (None: every example is checked);
    `spec_errors`: where openapi-spec-validator's errors come from (None: `stock_spec_errors`)."""
    origin = origin or Source("<spec>", 0)
    found = Findings()
    out = found.diagnostics
    schemas: dict[str, Any] = spec.get("components", {}).get("schemas", {})
    components = hashlib.sha256(value_bytes((schemas, int_ranges))).digest() if memo else b""

    # dangling refs first: the validator raises PointerToNowhere instead of reporting them
    # (their pointers are spelled out only when one dangles: pointer strings for every node are a tenth of check)
    dangles = any(S.component_name(r) not in schemas for r in S.ref_values(spec))
    dangling = False
    for pointer, ref in S.iter_refs(spec) if dangles else ():
        if S.component_name(ref) not in schemas:
            out.append(Diagnostic(origin, "check.dangling_ref", Severity.ERROR, f"{pointer}: $ref {ref} leads nowhere"))
            dangling = True
    if not dangling:
        out.extend(_spec_validator(spec, origin, spec_errors or stock_spec_errors))

    # operationIds: unique, also once snake-cased (the client's module names)
    seen: dict[str, str] = {}
    validators: dict[str, Any] = {}
    for path, method, op in S.iter_operations(spec):
        op_id = op.get("operationId", "")
        key = snake(op_id)
        src = _source(op, origin)
        if key in seen:
            out.append(Diagnostic(src, "check.operation_id_clash", Severity.ERROR,
                                  f"operationId {op_id} clashes with {seen[key]} once snake-cased"))
        seen[key] = op_id
        if not re.fullmatch(r"/[^{}\s?#]*(\{[A-Za-z0-9_.\-]+\}[^{}\s?#]*)*", path):
            out.append(Diagnostic(src, "check.path_template", Severity.ERROR, f"malformed path template {path!r}"))
        placeholders = set(re.findall(r"\{([^}]+)\}", path))
        declared = {p["name"] for p in op.get("parameters", []) if p.get("in") == "path"}
        if placeholders != declared:
            out.append(Diagnostic(src, "check.path_params", Severity.ERROR,
                                  f"{method.upper()} {path}: placeholders {sorted(placeholders)} vs declared "
                                  f"{sorted(declared)}"))
        for p in op.get("parameters", []):
            if "content" in p:
                out.append(Diagnostic(src, "check.param_content", Severity.ERROR,
                                      f"parameter {p['name']} uses content: (dropped by the client generator)"))
        if not dangling and memo is None:
            _check_examples(spec, op, src, validators, found, int_ranges)
        elif not dangling and memo is not None:
            op_key = hashlib.sha256(components + value_bytes(op) + repr(src).encode("utf-8", "surrogatepass")).digest()
            added = memo.used.get(op_key) or memo.known.get(op_key)
            if not isinstance(added, Findings):
                added = Findings()
                _check_examples(spec, op, src, validators, added, int_ranges)
            memo.used[op_key] = added
            found.diagnostics.extend(added.diagnostics)
            found.mismatches.extend(added.mismatches)
            found.checked_examples.update(added.checked_examples)

    # names: case-insensitive unique components, reserved property names
    lowered: dict[str, str] = {}
    for name, schema in schemas.items():
        src = _source(schema, origin)
        if name.lower() in lowered:
            out.append(Diagnostic(src, "check.component_case_clash", Severity.ERROR,
                                  f"components {name} and {lowered[name.lower()]} differ only in case"))
        lowered[name.lower()] = name
        for prop, sub in schema.get("properties", {}).items():
            if prop in RESERVED_PROPERTIES:
                out.append(Diagnostic(_source(sub, src), "check.reserved_property", Severity.WARNING,
                                      f"{name}.{prop} collides with a method of the generated model; the client keeps"
                                      " it in additional_properties"))
            if not re.search(r"[A-Za-z0-9]", prop):
                # a docs row like ``-`` (Object) means "the body is this", not a property of that name
                out.append(Diagnostic(_source(sub, src), "check.placeholder_property", Severity.WARNING,
                                      f"{name}: property {prop!r} has no letter or digit (a placeholder row?)"))
    out.extend(_binary_in_json(spec, origin))
    return found


def _binary_in_json(spec: dict[str, Any], origin: Source) -> list[Diagnostic]:
    """`format: binary` reachable from a JSON body: a JSON document cannot carry bytes (FormData or a file?)."""
    out = []
    schemas: dict[str, Any] = spec.get("components", {}).get("schemas", {})
    for path, method, op in S.iter_operations(spec):
        for c in S.iter_contents(op):
            if not S.is_json_media(c.media):
                continue
            names = sorted({S.ref_name(ref) for _, ref in S.iter_refs(c.schema or {})})
            hits = [f"{n}.{p}" for n in names for p, sub in schemas.get(n, {}).get("properties", {}).items()
                    if isinstance(sub, dict) and sub.get("format") == "binary"]
            if hits:
                out.append(Diagnostic(_source(op, origin), "check.binary_in_json", Severity.WARNING,
                                      f"{method.upper()} {path} {c.label} {c.media}: binary {', '.join(hits)}"))
    return out


def stock_spec_errors(spec: dict[str, Any]) -> Iterable[Any]:
    # imported on first use for start-up speed only (no cycle): commands that never check should not pay for it
    from openapi_spec_validator import OpenAPIV31SpecValidator  # noqa: PLC0415

    return OpenAPIV31SpecValidator(spec).iter_errors()


def _spec_validator(spec: dict[str, Any], origin: Source, spec_errors: SpecErrors) -> list[Diagnostic]:
    out = []
    try:
        for err in spec_errors(spec):
            where = "/".join(str(p) for p in err.absolute_path)
            out.append(Diagnostic(origin, "check.openapi", Severity.ERROR, f"{where}: {err.message}"[:500]))
    except Exception as exc:  # the validator raises on some malformed input instead of reporting it
        out.append(Diagnostic(origin, "check.openapi", Severity.ERROR,
                              f"openapi-spec-validator failed: {type(exc).__name__}: {exc}"[:500]))
    return out


# Where a documented example that contradicts its schema lives (a documentation defect): not in `examples`,
# where portals show it and mocks serve it, but here, with its `x-source` and `x-mismatches`
# (see generator/build/finish/invalid_examples.py).
INVALID_EXAMPLES = "x-otc-invalid-examples"


def example_checks(spec: dict[str, Any], op: Any, validators: dict[str, Any], int_ranges: bool = True
                   ) -> Iterator[tuple[str, dict[str, Any], str, dict[str, Any], list[Any] | ValueError]]:
    """(part, media object, name, example, schema errors) for each example of a JSON body with a component schema
    (or an array of one).

    The errors are the ValueError instead where jsonschema-rs cannot compile the schema (too deep).

    Examples are read from both places, `examples` and `x-otc-invalid-examples`: the verdict is the
    schema's, not the placement's.
    """
    for c in S.iter_contents(op):
        schema = c.schema or {}
        refs = [s["$ref"] for s in schema.get("anyOf", []) if isinstance(s, dict) and "$ref" in s]
        # a body that is an array of a component (CCE's `[items]` tables): its examples are lists of that component
        items = schema.get("items") if schema.get("type") == "array" else None
        item_ref = items.get("$ref") if isinstance(items, dict) else None
        if not S.is_json_media(c.media) or not (schema.get("$ref") or refs or item_ref):
            continue
        placed = {**(c.media_object.get("examples") or {}), **(c.media_object.get(INVALID_EXAMPLES) or {})}
        for name, ex in placed.items():
            # a merged operation: an example is checked against the body of the page it came from
            own = [r for r in refs if name.startswith(S.ref_name(r))]
            ref = schema.get("$ref") or (max(own, key=len) if own else None)
            key = ref or (f"[{item_ref}]" if item_ref else repr(refs))
            validator = validators.get(key)
            try:
                if validator is None:  # compiling is the expensive part: once per schema, not per example
                    target = {"$ref": ref} if ref else ({"type": "array", "items": {"$ref": item_ref}} if item_ref
                                                        else {"anyOf": schema["anyOf"]})
                    validator = validators[key] = S.compile_schema(spec, target, int_ranges=int_ranges)
                errors: list[Any] | ValueError = list(validator.iter_errors(ex.get("value")))
            except ValueError as exc:  # jsonschema-rs refuses what it cannot compile (e.g. "Recursion limit")
                errors = exc
            yield c.label, c.media_object, str(name), ex, errors


def _check_examples(spec: dict[str, Any], op: Any, src: Source, validators: dict[str, Any],
                    found: Findings, int_ranges: bool) -> None:
    """Every example of a JSON body with a component schema, held against that schema."""
    for part, _, name, ex, errors in example_checks(spec, op, validators, int_ranges):
        ex_src = _source(ex, src)
        if isinstance(errors, ValueError):
            found.diagnostics.append(Diagnostic(ex_src, "check.example_unchecked", Severity.WARNING,
                                                f"{op.get('operationId')} {part} example {name}: not checked:"
                                                f" {errors}"[:400]))
            continue
        found.checked_examples.add((ex_src.file, ex_src.line))
        params = [str(p.get("name")) for p in op.get("parameters", []) if isinstance(p, dict) and p.get("name")]
        for e in errors[:_MISMATCHES_PER_EXAMPLE]:
            at = "/" + "/".join(str(p) for p in e.instance_path)
            blamed = blame(spec, list(e.schema_path), e.instance, str(e.message), part=part, page_file=ex_src.file,
                           parameters=params)
            m = ExampleMismatch.make(ex_src, str(op.get("operationId")), part, name, "" if at == "/" else at,
                                     str(e.message), blamed)
            found.mismatches.append(m)
            found.diagnostics.append(m.diagnostic())
