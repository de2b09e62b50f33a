"""One METHOD+path documented on several pages: one operation, each page a variant of it.

A call on a deprecated page beside its current one follows the current page (`prefer_current`); calls on several
current pages are merged (`merge_operations`).
"""

from __future__ import annotations

import copy
import re
from typing import Any

from generator.core.model import Diagnostic, DocOperation, Severity
from generator.core.spec import STATUS_ASSUMED, component_name

# pages under these folders or with these words in their path are superseded by a page elsewhere
_HISTORICAL = re.compile(r"deprecated|discarded|unrecommended|out-of-date|out_of_date|historical|old_version", re.I)


def is_historical(file: str) -> bool:
    return bool(_HISTORICAL.search(file))


def prefer_current(first: dict[str, Any], rendered: dict[str, Any], op: DocOperation, components: dict[str, Any],
                   diagnostics: list[Diagnostic]) -> dict[str, Any]:
    """A call documented on a deprecated page beside its current one: the current page's shapes win, the
    deprecated page stays listed as a variant, and differing shapes are reported, never `anyOf`-ed."""
    old_first = is_historical(first["x-source"]["file"])
    current, old = (rendered, first) if old_first else (first, rendered)
    differs = [part for part in ("parameters", "requestBody", "responses")
               if _shape(current.get(part), components) != _shape(old.get(part), components)]
    where = f"{old['x-source']['file']}:{old['x-source']['line']}"
    # one operation.merged per page folded into another's operation, as for every merge (the report counts them)
    diagnostics.append(Diagnostic(
        op.source, "operation.merged", Severity.INFO,
        f"{op.method.upper()} {op.path} is also documented on the deprecated page {where}; "
        f"operation {current['operationId']} follows the current page"))
    if differs:
        diagnostics.append(Diagnostic(
            op.source, "operation.deprecated_conflict", Severity.WARNING,
            f"{op.method.upper()} {op.path}: the deprecated page {where} documents other {', '.join(differs)} "
            f"than the current page {current['x-source']['file']}:{current['x-source']['line']}; "
            f"the current page's are kept, the deprecated one is a variant"
            + ("; its request body is accepted too (marked deprecated)" if "requestBody" in differs else "")))
    out = dict(current)
    if "requestBody" in differs:
        out["requestBody"] = accept_deprecated_body(current.get("requestBody"), old.get("requestBody"),
                                                    components)
    variants = current.get("x-otc-variants") or [_variant(current)]
    out["x-otc-variants"] = [*variants, *({**v, "deprecated": True}
                                          for v in (old.get("x-otc-variants") or [_variant(old)]))]
    out["tags"] = sorted(set(current.get("tags", [])) | set(old.get("tags", [])))
    listing = "\n".join(f"- {v['summary']} ({v['x-source']['file']}:{v['x-source']['line']})"
                        + (" (deprecated)" if v.get("deprecated") else "") for v in out["x-otc-variants"])
    base = (current.get("description") or "").split("\n\nThis call is documented on several pages:")[0]
    out["description"] = f"{base}\n\nThis call is documented on several pages:\n{listing}".strip()
    return out


def accept_deprecated_body(current: dict[str, Any] | None, old: dict[str, Any] | None,
                           components: dict[str, Any]) -> dict[str, Any]:
    """The request body of a call whose deprecated page sends another body than its current page: the server
    still takes what the deprecated page documents (its client function sends it, recorded traffic holds it),
    so the operation's body accepts both; the deprecated page's alternatives carry `deprecated: true`. An
    alternative of the same wire shape as a current one is not repeated; a body is required only where both
    pages require one. The deprecated page's examples stay in its `x-otc-variants` entry: the operation shows
    the current page's (and a defect is counted once)."""
    current, old = current or {}, old or {}
    out = {k: v for k, v in current.items() if k != "content"}
    content: dict[str, Any] = {m: dict(v) for m, v in current.get("content", {}).items()}
    for media, mo in old.get("content", {}).items():
        mine = content.setdefault(media, {})
        have = _alternatives(mine.get("schema"))
        shapes = [_shape(a, components) for a in have]
        added = [{**a, "deprecated": True} for a in _alternatives(mo.get("schema"))
                 if isinstance(a, dict) and _shape(a, components) not in shapes]
        alternatives = have + added
        if alternatives:
            mine["schema"] = _union(alternatives)
    if content:
        out["content"] = content
    out["required"] = bool(current.get("required") and old.get("required"))
    return out


def _shape(part: Any, components: dict[str, Any], seen: tuple[str, ...] = ()) -> Any:
    """A part of an operation without its documentation or component names: what goes over the wire."""
    if isinstance(part, dict):
        ref = part.get("$ref")
        name = component_name(ref) if isinstance(ref, str) else None
        if name is not None:
            return "<cycle>" if name in seen else _shape(components.get(name), components, (*seen, name))
        return {k: _shape(v, components, seen) for k, v in part.items()
                if k not in ("description", "summary", "x-source", "examples", "example", "x-caption")}
    if isinstance(part, list):
        return [_shape(v, components, seen) for v in part]
    return part


def merge_operations(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """One operation for a call documented on several pages (DNS public/private zones, OBS `?acl`...).

    OpenAPI allows one operation per method and path, so the pages become variants of it: every
    page stays listed in `x-otc-variants`; parameters are the union (required only where every
    variant requires them); differing bodies become `anyOf`; responses are merged per status.
    """
    variants = a.get("x-otc-variants") or [_variant(a)]
    out = dict(a)
    out["x-otc-variants"] = [*variants, _variant(b)]
    n_before = len(variants)
    params: dict[tuple[str, str], dict[str, Any]] = {(p["name"], p["in"]): dict(p) for p in a.get("parameters", [])}
    b_keys = {(p["name"], p["in"]) for p in b.get("parameters", [])}
    for key, p in params.items():
        if key not in b_keys and p["in"] != "path":
            p["required"] = False
    for p in b.get("parameters", []):
        key = (p["name"], p["in"])
        if key not in params:
            params[key] = {**p, "required": p["in"] == "path"} if n_before else dict(p)
        elif not p.get("required"):
            params[key]["required"] = params[key]["in"] == "path"
    if params:
        out["parameters"] = list(params.values())
    body_a, body_b = a.get("requestBody"), b.get("requestBody")
    if body_a or body_b:
        merged_body = _merge_content(body_a or {}, body_b or {})
        merged_body["required"] = bool(body_a and body_b and body_a.get("required") and body_b.get("required"))
        out["requestBody"] = merged_body
    responses = dict(a.get("responses", {}))
    for status, resp in b.get("responses", {}).items():
        if status not in responses:
            responses[status] = resp
            continue
        mine = dict(responses[status])
        if not resp.get(STATUS_ASSUMED):
            mine.pop(STATUS_ASSUMED, None)  # one page states the status: the call's is stated
        if resp.get("description") and resp["description"] != mine.get("description"):
            mine["description"] = f"{mine.get('description', '')} / {resp['description']}".strip(" /")
        merged = _merge_content(mine, resp)
        if "content" in merged:
            mine["content"] = merged["content"]
        if resp.get("headers"):
            mine["headers"] = {**resp["headers"], **mine.get("headers", {})}
        responses[status] = mine
    out["responses"] = {k: responses[k] for k in sorted(responses)}
    out["tags"] = sorted(set(a.get("tags", [])) | set(b.get("tags", [])))
    if not (a.get("deprecated") and b.get("deprecated")):
        out.pop("deprecated", None)
    listing = "\n".join(f"- {v['summary']} ({v['x-source']['file']}:{v['x-source']['line']})"
                         for v in out["x-otc-variants"])
    base = (a.get("description") or "").split("\n\nThis call is documented on several pages:")[0]
    out["description"] = f"{base}\n\nThis call is documented on several pages:\n{listing}".strip()
    return out


# what a page documents of the call it shares with other pages: enough for a client function of its own
_VARIANT_PARTS = ("description", "tags", "deprecated", "parameters", "requestBody", "responses")


def _variant(op: dict[str, Any]) -> dict[str, Any]:
    """One page of a call documented on several: its operationId, summary and provenance, and its own parts
    (a deep copy: the merged operation's parts are rewritten by later merges, the page's stay as documented)."""
    out = {"operationId": op["operationId"], "summary": op.get("summary", ""), "x-source": op["x-source"]}
    parts = {k: copy.deepcopy(op[k]) for k in _VARIANT_PARTS if k in op}
    parts.setdefault("responses", {})
    return {**out, **parts}


def _merge_content(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in a.items() if k != "content"}
    content: dict[str, Any] = {m: dict(v) for m, v in a.get("content", {}).items()}
    for media, mb in b.get("content", {}).items():
        if media not in content:
            content[media] = dict(mb)
            continue
        ma = content[media]
        schemas = [s for s in (_alternatives(ma.get("schema")) + _alternatives(mb.get("schema"))) if s is not None]
        unique: list[Any] = []
        for sch in schemas:
            if sch not in unique:
                unique.append(sch)
        if unique:
            ma["schema"] = _union(unique)
        if mb.get("examples"):
            ma["examples"] = {**ma.get("examples", {}), **mb["examples"]}
    if content:
        out["content"] = content
    return out


# keywords that describe a schema without constraining it
_ANNOTATIONS = frozenset({"deprecated", "description", "title", "x-source"})


def _union(alternatives: list[Any]) -> Any:
    """One schema for the bodies of several pages: the one, an `anyOf`, or `{}` where one page's body takes
    anything (documented by example only): an `anyOf` with an open member is that member, and linters flag it
    (Redocly `no-illogical-composition-keywords`); each page's own schema stays in its `x-otc-variants` entry."""
    if any(isinstance(a, dict) and set(a) <= _ANNOTATIONS for a in alternatives):
        return {}
    return alternatives[0] if len(alternatives) == 1 else {"anyOf": alternatives}


def _alternatives(schema: Any) -> list[Any]:
    # `{}` is a body documented without a table (OBS bucket policy: any JSON): an alternative that takes anything,
    # not an absent one; dropping it made the merged body reject that page's documented request
    if schema is None:
        return []
    if isinstance(schema, dict) and list(schema) == ["anyOf"]:
        return list(schema["anyOf"])
    return [schema]
