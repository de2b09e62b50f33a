"""One client function per docs page, also where several pages document one METHOD + path.

The spec has one operation per METHOD + path (OpenAPI allows no more): pages documenting the same call
(DNS public and private zones on `POST /v2/zones`, the three PTR pages, ECS batch start/stop/reboot on
`POST /v1/{project_id}/cloudservers/action`) are merged into it, and each page stays listed in
`x-otc-variants` with its own `parameters`, `requestBody` and `responses` (generator.build.render.openapi). The client
view replaces such an operation by one operation per page, named by the page's operationId, with the page's
own request and response models.

openapi-python-client takes one operation per (path, method), so each page's operation gets a path key of its
own: the shared path plus a URL fragment naming the variant (`/v2/zones#otc-variant-1`). A fragment is no part
of a request, and the generated `url` strings lose it anyway (`strip_markers`, run by generator.client.project
on the written package; anything left over fails the generation): every function requests the shared path.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

from generator.client.common import CodegenError, source
from generator.core.model import Diagnostic, Severity
from generator.core.spec import ALIASES, HTTP_METHODS, VARIANTS, iter_variants

MARKER = "#otc-variant-"
# the key of the view's operation: which `x-otc-variants` entry of the spec operation it is
VARIANT_INDEX = "x-otc-variant"
SPEC_PATH = "x-otc-spec-path"
_PARTS = ("parameters", "requestBody", "responses")
# in a generated module the marker sits at the end of the path inside the `url` string literal
_MARKER_IN_URL = re.compile(re.escape(MARKER) + r"\d+(?=\")")


def split_variants(view: dict[str, Any], notes: list[Diagnostic]) -> None:
    """Replace each merged operation whose every variant carries its own parts by one operation per variant.

    A merged operation from a spec without the parts (an older spec) stays one operation. The new path keys
    follow the shared path, so the order of the paths (and of the generated output) stays deterministic.
    """
    paths: dict[str, Any] = view.get("paths") or {}
    out: dict[str, Any] = {}
    for path, item in paths.items():
        if not isinstance(item, dict):
            out[path] = item
            continue
        extra: dict[str, dict[str, Any]] = {}
        shared = {k: v for k, v in item.items() if k not in HTTP_METHODS}  # path-level parameters, servers...
        for method in [m for m in HTTP_METHODS if isinstance(item.get(m), dict)]:
            op = item[method]
            variants = list(iter_variants(op))
            if len(variants) < 2 or len(variants) != len(op.get(VARIANTS) or []):
                continue
            del item[method]
            for i in range(len(variants)):
                key = f"{path}{MARKER}{i}"
                extra.setdefault(key, copy.deepcopy(shared))[method] = _variant_operation(path, method, op, i)
            notes.append(Diagnostic(source(op), "client.variants_split", Severity.INFO,
                                    f"{method.upper()} {path}: documented on {len(variants)} pages; the client has "
                                    "one function per page (" + ", ".join(v["operationId"] for v in variants) + ")"))
        if any(m in item for m in HTTP_METHODS):
            out[path] = item
        out.update(extra)
    if "paths" in view:
        view["paths"] = out


def _variant_operation(path: str, method: str, op: dict[str, Any], index: int) -> dict[str, Any]:
    variants = op[VARIANTS]
    variant = variants[index]
    out = {k: copy.deepcopy(v) for k, v in op.items()
           if k not in (VARIANTS, *_PARTS, "operationId", "summary", "description", "tags", "deprecated",
                        "x-source", ALIASES)}
    out["operationId"] = variant["operationId"]
    if variant.get("summary"):
        out["summary"] = variant["summary"]
    others = [str(v.get("summary") or v["operationId"]) for j, v in enumerate(variants) if j != index]
    own = str(variant.get("description") or "").strip()
    call = f"{method.upper()} {op.get(SPEC_PATH, path)}"
    note = (f"One of {len(variants)} docs pages for {call} (the others: {'; '.join(others)}); each page has its own "
            f"function, all calling {call}.")
    out["description"] = f"{own}\n\n{note}" if own else note
    tags = variant.get("tags") or op.get("tags")
    if tags:
        out["tags"] = copy.deepcopy(tags)
    for part in _PARTS:
        if part in variant:
            out[part] = copy.deepcopy(variant[part])
    if variant.get("deprecated"):
        out["deprecated"] = True
    if variant.get(ALIASES):  # the page's own former names, not the operation's
        out[ALIASES] = list(variant[ALIASES])
    out["x-source"] = copy.deepcopy(variant["x-source"])
    out[SPEC_PATH] = op.get(SPEC_PATH, path)
    out[VARIANT_INDEX] = index
    return out


def spec_operation(spec: dict[str, Any], view_op: dict[str, Any], spec_path: str, method: str) -> dict[str, Any]:
    """The spec node a view operation stands for: the operation, or the page's entry in its `x-otc-variants`."""
    op: dict[str, Any] = spec["paths"][spec_path][method]
    index = view_op.get(VARIANT_INDEX)
    return op if index is None else dict(op[VARIANTS][int(index)])


def client_path(path: str) -> str:
    """The request path of a view path key: without the variant marker."""
    return path.split(MARKER, 1)[0]


def strip_markers(package_dir: Path) -> int:
    """Cut the variant markers from the generated modules' `url` strings; returns how many were cut.

    Raises CodegenError if a marker is left anywhere in the package (a generator change put it elsewhere):
    a client that sends a fragment or shows it in a docstring is not shipped.
    """
    cut = 0
    for f in sorted(package_dir.rglob("*.py")):
        text = f.read_text(encoding="utf-8")
        if MARKER not in text:
            continue
        new, n = _MARKER_IN_URL.subn("", text)
        cut += n
        if MARKER in new:
            raise CodegenError(f"{f.relative_to(package_dir)}: a client-view variant marker ({MARKER}...) is left "
                               "outside a url string")
        f.write_text(new, encoding="utf-8")
    return cut
