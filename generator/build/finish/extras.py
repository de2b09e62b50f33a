"""What the built document needs so that consumers (portals, linters, mock servers) take it as it is.

Runs on the finished document at the end of `generator.build.render.openapi`:
- `info_extras`: `info.license` and `info.contact` from the service configuration.
- `describe_tags` (called by `generator.build.pipeline`, which has the pages): tag descriptions from the
  intro text of the docs section.
- `drop_unreferenced`: components no operation reaches leave the spec, each with a diagnostic.
- `error_bodies`: error responses the docs list without a body get the shared `OTCError` body.
- `linked_error_statuses` (called by `generator.build.pipeline`): 4xx responses from the status-code table a page
  links to instead of listing codes itself.
- `number_repeated_placeholders`: a placeholder used twice in one path is declared once per occurrence.
- `widen_int32`: an integer whose documented example exceeds int32 becomes int64.
- `place_examples`: a documented example that contradicts its own schema (a documentation defect)
  leaves `examples`, where portals show it and mock servers serve it, for `x-otc-invalid-examples`,
  keeping its value, its `x-source` and the first mismatches. The check stage, the conformance
  tests and the report read it from there.
"""

from __future__ import annotations

import copy
import hashlib
from dataclasses import dataclass, field
from typing import Any

from generator.build.check.document import INVALID_EXAMPLES, example_checks
from generator.core.config import Service
from generator.core.exact import value_bytes
from generator.core.model import Diagnostic, Page, Severity, Source
from generator.core.spec import iter_contents, iter_variants, ref_values, with_variants

# as many mismatches per example as the check stage reports (`example.schema_mismatch`)
MISMATCHES_KEPT = 5


# (media object's index in the operation's contents, example name, its first mismatches as (at, message))
Moves = tuple[tuple[int, str, tuple[tuple[str, str], ...]], ...]


@dataclass
class PlacementMemo:
    """The moves `place_examples` found per operation (or variant), keyed by its exact value and that of every
    component schema (all `check.example_checks` reads). `known`: an earlier build's; `used`: this build's.
    Made by `generator.build.pipeline.build_spec` for one render."""

    known: dict[bytes, Moves] = field(default_factory=dict)
    used: dict[bytes, Moves] = field(default_factory=dict)


def _moves(spec: dict[str, Any], op: Any, validators: dict[str, Any]) -> Moves:
    contents = [c.media_object for c in iter_contents(op)]
    found = []
    for _, media, name, _, errors in example_checks(spec, op, validators):
        if isinstance(errors, list) and errors and name in (media.get("examples") or {}):
            index = next(i for i, m in enumerate(contents) if m is media)
            found.append((index, name, tuple(("/" + "/".join(str(p) for p in e.instance_path), e.message[:300])
                                             for e in errors[:MISMATCHES_KEPT])))
    return tuple(found)


def place_examples(spec: dict[str, Any], memo: PlacementMemo | None = None) -> int:
    """Move every example that contradicts its schema to `x-otc-invalid-examples`; returns how many moved.

    Only after `widen_nulls`: an example whose only contradiction is a documented null is evidence
    for the schema, not a defect, and stays.
    """
    validators: dict[str, Any] = {}
    components = b""
    if memo is not None:
        schemas = spec.get("components", {}).get("schemas", {})
        components = hashlib.sha256(value_bytes(schemas)).digest()
    moves: list[tuple[dict[str, Any], str, tuple[tuple[str, str], ...]]] = []
    for item in spec.get("paths", {}).values():
        for op in with_variants(item.values()):  # a page's own parts hold its examples too
            if memo is None:
                found = _moves(spec, op, validators)
            else:
                key = hashlib.sha256(components + value_bytes(op)).digest()
                known = memo.used.get(key)
                known = memo.known.get(key) if known is None else known
                found = known if isinstance(known, tuple) else _moves(spec, op, validators)
                memo.used[key] = found
            contents = [c.media_object for c in iter_contents(op)] if found else []
            moves.extend((contents[index], name, mismatches) for index, name, mismatches in found)
    for media, remembered, mismatches in moves:
        # the spec's own key, not an equal string from the memory: stage entries pickle a shared object once, so
        # their bytes stay those of a build without the memory
        name = next(k for k in media["examples"] if k == remembered)
        ex = media["examples"].pop(name)
        media.setdefault(INVALID_EXAMPLES, {})[name] = {
            **ex, "x-mismatches": [{"at": at, "message": message} for at, message in mismatches]}
        if not media["examples"]:
            del media["examples"]
    return len(moves)


def info_extras(service: Service) -> dict[str, Any]:
    return {
        "contact": {"name": service.contact_name, "url": service.contact_url or service.docs_repository},
        "license": {"name": service.license, "url": service.license_url},
    }


def _tag_of_folder(folder: str) -> str:
    """The tag `generator.docs.extract` gives the pages of `folder` (its last name, title-cased)."""
    name = folder.rsplit("/", 1)[-1]
    return " ".join(w.capitalize() for w in name.replace("-", "_").split("_") if w)


def describe_tags(spec: dict[str, Any], pages: list[Page]) -> None:
    """A tag's description is the intro text of its docs section (`<folder>/index.rst`), where there is one.

    Most sections have none (the index lists the pages, nothing more): their tags stay without a description
    rather than get an invented one. The text was taken when the index page was extracted (`Page.text`).
    """
    texts = {p.file: p.text for p in pages}
    folders: dict[str, set[str]] = {}
    for item in spec.get("paths", {}).values():
        for op in item.values():
            files = [op.get("x-source", {}).get("file", "")]
            files += [v.get("x-source", {}).get("file", "") for v in op.get("x-otc-variants") or []]
            for file in files:
                folder = str(file).rpartition("/")[0]
                if folder and _tag_of_folder(folder) in op.get("tags", []):
                    folders.setdefault(_tag_of_folder(folder), set()).add(folder)
    for tag in spec.get("tags", []):
        for folder in sorted(folders.get(tag["name"], ())):
            found = texts.get(f"{folder}/index.rst")
            if found is None:  # no such page, or one not parsed (refused, crashed)
                continue
            text, line = found.intro
            if text:
                tag["description"] = text
                tag["x-source"] = {"file": f"{folder}/index.rst", "line": line}
                break


def drop_unreferenced(spec: dict[str, Any]) -> list[Diagnostic]:
    """Drop components that no operation reaches, each with a `component.unreferenced` diagnostic.

    (`schema.unreferenced` is link's code for tables never rendered at all.)

    They arise where two tables of one name and shape share a component (`generator.build.render.openapi`): the second
    table's nested tables were named after their own operation, and nothing refers to those names.
    """
    schemas: dict[str, Any] = spec.get("components", {}).get("schemas", {})
    prefix = "#/components/schemas/"
    todo = ref_values({k: v for k, v in spec.items() if k != "components"})
    reached: set[str] = set()
    while todo:
        ref = todo.pop()
        name = ref[len(prefix):] if ref.startswith(prefix) else ""
        if name in schemas and name not in reached:
            reached.add(name)
            todo.extend(ref_values(schemas[name]))
    out = []
    for name in sorted(set(schemas) - reached):
        xs = schemas.pop(name).get("x-source") or {}
        out.append(Diagnostic(Source(str(xs.get("file", "<spec>")), int(xs.get("line", 0))),
                              "component.unreferenced", Severity.INFO,
                              f"'{name}' is referenced by no operation (its parent table shares the component of a "
                              "table with the same name and shape); dropped from the spec"))
    return out


OTC_ERROR = "OTCError"
_OTC_ERROR_REF = f"#/components/schemas/{OTC_ERROR}"


def otc_error_schema() -> dict[str, Any]:
    """The error body OTC documents ("Response" in each API reference's "Calling APIs"; the shapes the client
    runtime's `parse_error_body` reads). Every member is optional: services use one of three shapes."""
    text = {"type": "string"}
    return {
        "type": "object",
        "description": "Error body of an Open Telekom Cloud API: `error_code` and `error_msg` (most services), "
                       "the same or `code` and `message` inside `error` (OpenStack-derived services), or `code` "
                       "and `message` (older services). The codes are listed in the API reference's "
                       "error-code appendix.",
        "properties": {
            "error_code": {**text, "description": "Error code, e.g. `ModelArts.0104`."},
            "error_msg": {**text, "description": "Error message."},
            "code": {"type": ["string", "integer"], "description": "Error code (older services)."},
            "message": {**text, "description": "Error message (older services)."},
            "error": {"type": "object", "description": "The error, nested (OpenStack-derived services).",
                      "properties": {"code": {"type": ["string", "integer"]}, "error_code": text,
                                     "message": text, "error_msg": text}},
            "request_id": {**text, "description": "Request ID, where the service returns one."},
        },
    }


def error_bodies(spec: dict[str, Any]) -> int:
    """Error responses (4xx, 5xx, `default`) the docs list without a body get the shared `OTCError` body.

    The pages list the status codes; the body shape is documented once per service. Returns the number of
    responses given the body (a merged call's variants' own responses included); `OTCError` is added only when
    one is.
    """
    schemas: dict[str, Any] = spec.setdefault("components", {}).setdefault("schemas", {})
    if OTC_ERROR in schemas and schemas[OTC_ERROR] != otc_error_schema():
        return 0  # a docs table of that name: leave the responses as documented
    n = 0
    for item in spec.get("paths", {}).values():
        for op in with_variants(item.values()):
            for status, resp in op.get("responses", {}).items():
                if (status[:1] in ("4", "5") or status == "default") and not resp.get("content"):
                    resp["content"] = {"application/json": {"schema": {"$ref": _OTC_ERROR_REF}}}
                    n += 1
    if n:
        schemas[OTC_ERROR] = otc_error_schema()
        spec["components"]["schemas"] = {k: schemas[k] for k in sorted(schemas)}
    return n


def linked_error_statuses(spec: dict[str, Any], pages: list[Page]) -> list[Diagnostic]:
    """4xx responses for operations whose status section only links to the service's status-code table.

    "If a 2xx status code is returned ... For details, see Status Code": the linked table (an appendix) lists
    the 4xx codes the service answers with. Each becomes a response with the shared `OTCError` body and the
    row's `x-source`; one `status.from_linked_table` diagnostic per operation names them.
    """
    schemas = spec.setdefault("components", {}).setdefault("schemas", {})
    if OTC_ERROR in schemas and schemas[OTC_ERROR] != otc_error_schema():
        return []  # a docs table of that name: no shared error body to point at
    by_label = {label: p.file for p in pages for label in p.labels}
    texts = {p.file: p.text for p in pages}
    by_call = {(str(o.get("x-otc-docs-path", path)), method): o
               for path, item in spec.get("paths", {}).items() for method, o in item.items()}
    rows: dict[str, list[tuple[str, str, int]]] = {}
    out: list[Diagnostic] = []
    for page in pages:
        for op in page.operations:
            target = by_label.get(op.status_link or "")
            rendered = by_call.get((op.path, op.method))
            if target is None or rendered is None or target == page.file:
                continue
            owners = [rendered.get("x-source", {})]
            owners += [v.get("x-source", {}) for v in rendered.get("x-otc-variants", [])]
            if page.file not in {str(o.get("file")) for o in owners}:
                continue  # the call is another page's (a duplicate dropped from the spec)
            if target not in rows:  # taken when the linked page was extracted (`Page.text`)
                linked = texts.get(target)
                rows[target] = list(linked.status_rows) if linked is not None else []
            added = []
            # the page's own variant of a merged call gets the codes too (its client function parses them)
            own = [v for v in iter_variants(rendered) if str(v.get("x-source", {}).get("file")) == page.file]
            for code, descr, line in rows[target]:
                for v in own:
                    if code not in v["responses"]:
                        v["responses"][code] = {"description": descr or code, "content": {
                            "application/json": {"schema": {"$ref": _OTC_ERROR_REF}}},
                            "x-source": {"file": target, "line": line}}
                        v["responses"] = {k: v["responses"][k] for k in sorted(v["responses"])}
                if code not in rendered["responses"]:
                    body = {"application/json": {"schema": {"$ref": _OTC_ERROR_REF}}}
                    rendered["responses"][code] = {"description": descr or code, "content": body,
                                                   "x-source": {"file": target, "line": line}}
                    added.append(code)
            if added:
                rendered["responses"] = {k: rendered["responses"][k] for k in sorted(rendered["responses"])}
                out.append(Diagnostic(op.source, "status.from_linked_table", Severity.INFO,
                                      f"status codes {', '.join(added)} from the status-code table the page links to "
                                      f"({target})"))
    if out:
        schemas = spec["components"]["schemas"]
        schemas[OTC_ERROR] = otc_error_schema()
        spec["components"]["schemas"] = {k: schemas[k] for k in sorted(schemas)}
    return out


def number_repeated_placeholders(spec: dict[str, Any]) -> list[Diagnostic]:
    """A placeholder the docs use twice in one path (`/v2.1/{project_id}/os-quota-sets/{project_id}`) is declared
    once per occurrence: `{project_id_2}`, marked `x-otc-same-as: project_id`.

    OpenAPI tools reject a repeated template name (Spectral `path-params`), and the second occurrence is a
    value of its own on the wire (Nova's `os-quota-sets/{tenant_id}`: the project whose quotas are read).
    """
    out: list[Diagnostic] = []
    paths: dict[str, Any] = spec.get("paths", {})
    renames: dict[str, str] = {}
    for path, item in paths.items():
        seen: dict[str, int] = {}
        parts = []
        for i, piece in enumerate(path.split("{")):
            if i == 0 or "}" not in piece:
                parts.append(piece)
                continue
            name, rest = piece.split("}", 1)
            seen[name] = seen.get(name, 0) + 1
            parts.append(name + "}" + rest if seen[name] == 1 else f"{name}_{seen[name]}}}{rest}")
        new_path = "{".join(parts)
        if new_path == path:
            continue
        renames[path] = new_path
        for node in with_variants(item.values()):  # a variant's own parameters name the same placeholders
            node["x-otc-docs-path"] = path  # as the page writes it (the report matches pages to operations by it)
            params = node.setdefault("parameters", [])
            for name, count in seen.items():
                decl = next((p for p in params if p.get("in") == "path" and p.get("name") == name), None)
                for n in range(2, count + 1):
                    extra = copy.deepcopy(decl) if decl else {"in": "path", "required": True,
                                                              "schema": {"type": "string"}}
                    extra["name"] = f"{name}_{n}"
                    extra["x-otc-same-as"] = name
                    params.append(extra)
                    if not any(node is op for op in item.values()):
                        continue  # one diagnostic per spec operation, not per page of it
                    src = node.get("x-source") or {}
                    out.append(Diagnostic(Source(str(src.get("file", "<spec>")), int(src.get("line", 0))),
                                          "path.repeated_placeholder", Severity.WARNING,
                                          f"{{{name}}} appears {count} times in {path}; occurrence {n} is declared "
                                          f"as {{{name}_{n}}}"))
    if renames:
        spec["paths"] = {renames.get(k, k): v for k, v in paths.items()}
    return out


INT32 = (-(2**31), 2**31 - 1)


def widen_int32(spec: dict[str, Any]) -> list[Diagnostic]:
    """An integer the docs type without a size is `int32`; where the docs' own example holds a larger value (a
    millisecond timestamp), the property becomes `int64`, with an `example.int64_widened` diagnostic.

    Validators that check formats (Spectral, Redocly, Prism) would otherwise reject the documented example.
    Runs before `place_examples`: the example is evidence for the schema, not a defect.
    """
    schemas: dict[str, Any] = spec.get("components", {}).get("schemas", {})
    out: list[Diagnostic] = []
    done: set[int] = set()

    def walk(value: Any, schema: Any, src: dict[str, Any], where: str, depth: int = 0) -> None:
        if depth > 12 or not isinstance(schema, dict):
            return
        ref = schema.get("$ref")
        if isinstance(ref, str) and ref.rsplit("/", 1)[-1] in schemas:
            where = ref.rsplit("/", 1)[-1]
            schema = schemas[where]
        for alt in schema.get("anyOf", []):
            walk(value, alt, src, where, depth + 1)
        if isinstance(value, bool):
            return
        if isinstance(value, int) and schema.get("format") == "int32" and not INT32[0] <= value <= INT32[1]:
            schema["format"] = "int64"
            if id(schema) not in done:
                done.add(id(schema))
                out.append(Diagnostic(Source(str(src.get("file", "<spec>")), int(src.get("line", 0))),
                                      "example.int64_widened", Severity.INFO,
                                      f"{where} is int64: a documented example holds {value}"))
        elif isinstance(value, dict) and isinstance(schema.get("properties"), dict):
            for key, sub in value.items():
                walk(sub, schema["properties"].get(key), src, f"{where}.{key}", depth + 1)
        elif isinstance(value, list) and isinstance(schema.get("items"), dict):
            for item in value:
                walk(item, schema["items"], src, where, depth + 1)

    for item in spec.get("paths", {}).values():
        for op in with_variants(item.values()):
            contents = [op.get("requestBody", {}).get("content", {})]
            contents += [r.get("content") or {} for r in op.get("responses", {}).values()]
            for content in contents:
                for media in content.values():
                    for ex in (media.get("examples") or {}).values():
                        walk(ex.get("value"), media.get("schema"), ex.get("x-source") or op.get("x-source") or {},
                             str(op.get("operationId", "")))
    return out
