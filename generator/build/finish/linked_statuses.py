"""4xx responses from the status-code table a page links to instead of listing codes itself (called by
`generator.build.pipeline`, which has the pages)."""

from __future__ import annotations

from typing import Any

from generator.build.finish.error_bodies import OTC_ERROR, OTC_ERROR_REF, otc_error_schema
from generator.core.model import Diagnostic, Page, Severity
from generator.core.spec import iter_variants


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
                            "application/json": {"schema": {"$ref": OTC_ERROR_REF}}},
                            "x-source": {"file": target, "line": line}}
                        v["responses"] = {k: v["responses"][k] for k in sorted(v["responses"])}
                if code not in rendered["responses"]:
                    body = {"application/json": {"schema": {"$ref": OTC_ERROR_REF}}}
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
