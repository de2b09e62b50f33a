"""Stage 3: linked model -> OpenAPI 3.1.0 document (a plain dict, deterministic order).

The `build` command runs the whole pipeline; this stage only renders: `render_spec`. This module assembles the
document; its parts are rendered beside it: component names (`names`), schemas (`schemas`), operations
(`operations`), one call on several pages (`merge`), nulls the examples show (`nulls`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from generator.build.finish.error_bodies import error_bodies
from generator.build.finish.example_types import types_from_examples
from generator.build.finish.info import info_extras
from generator.build.finish.invalid_examples import PlacementMemo, place_examples
from generator.build.finish.placeholders import number_repeated_placeholders
from generator.build.finish.unreferenced import drop_unreferenced
from generator.build.finish.wide_integers import widen_int32
from generator.build.lock.identity import mark_identities
from generator.build.render.merge import is_historical, merge_operations, prefer_current
from generator.build.render.names import ComponentNames
from generator.build.render.nulls import widen_nulls
from generator.build.render.operations import OperationRenderer, array_body
from generator.core.config import Service
from generator.core.model import Diagnostic, Page, Schema, Severity
from generator.core.spec import HTTP_METHODS
from generator.docs.naming import unique_operation_ids

OPENAPI_VERSION = "3.1.0"
SECURITY_SCHEME = "token"


@dataclass
class RenderedSpec:
    spec: dict[str, Any]
    diagnostics: list[Diagnostic] = field(default_factory=list)


class SpecRenderer(OperationRenderer):
    def __init__(self, service: Service, pages: list[Page], schemas: dict[str, Schema],
                 placements: PlacementMemo | None = None) -> None:
        super().__init__({}, [])
        self.service = service
        self.placements = placements  # the example placements of an earlier build (`invalid_examples.place_examples`)
        self.pages = pages
        self.schemas = schemas
        self.components: dict[str, dict[str, Any]] = {}

    def render(self) -> RenderedSpec:
        self.names.update(ComponentNames(self.pages, self.schemas, self.diagnostics).assign())
        for key, name in self.names.items():
            if name not in self.components and array_body(self.schemas[key]) is None:  # (rendered inline)
                self.components[name] = self.object_schema(self.schemas[key])
        paths: dict[str, dict[str, Any]] = {}
        self.diagnostics.extend(unique_operation_ids([op for page in self.pages for op in page.operations]))
        for page in self.pages:
            for op in page.operations:
                item = paths.setdefault(op.path, {})
                rendered = self.operation(op)
                if op.method in item:
                    first = item[op.method]
                    if is_historical(first["x-source"]["file"]) != is_historical(op.source.file):
                        item[op.method] = prefer_current(first, rendered, op, self.components,
                                                         self.diagnostics)
                        continue
                    self.diagnostics.append(Diagnostic(
                        op.source, "operation.merged", Severity.INFO,
                        f"{op.method.upper()} {op.path} is also documented at {first['x-source']['file']}:"
                        f"{first['x-source']['line']}; merged into operation {first['operationId']}"))
                    item[op.method] = merge_operations(first, rendered)
                    continue
                item[op.method] = rendered
        sorted_paths = {
            p: {m: paths[p][m] for m in sorted(paths[p], key=HTTP_METHODS.index)} for p in sorted(paths)
        }
        tags = sorted({op.tag for page in self.pages for op in page.operations})
        svc = self.service
        server_vars = {v: {"default": svc.default_region if v == "region" else v}
                       for v in re.findall(r"\{(\w+)\}", svc.endpoint)}
        spec: dict[str, Any] = {
            "openapi": OPENAPI_VERSION,
            "info": {
                "title": svc.title,
                "version": svc.docs_commit or "0.0.0",
                "description": f"{svc.title} API of Open Telekom Cloud, generated from its API reference.",
                **info_extras(svc),
                "x-service": svc.name,
            },
            "servers": [{"url": svc.endpoint, **({"variables": server_vars} if server_vars else {})}],
            "security": [{SECURITY_SCHEME: []}],
            "tags": [{"name": t} for t in tags],
            "paths": sorted_paths,
            "components": {
                "schemas": {k: self.components[k] for k in sorted(self.components)},
                "securitySchemes": {
                    SECURITY_SCHEME: {
                        "type": "apiKey",
                        "in": "header",
                        "name": "X-Auth-Token",
                        "description": "IAM token (see IAM 'Obtaining a User Token').",
                    }
                },
            },
        }
        self.diagnostics.extend(types_from_examples(spec))  # first: the nulls and longs inside are then walked
        self.diagnostics.extend(widen_nulls(spec))
        self.diagnostics.extend(widen_int32(spec))
        place_examples(spec, self.placements)  # after the widening: a documented null or long is evidence, not a defect
        self.diagnostics.extend(drop_unreferenced(spec))
        error_bodies(spec)
        self.diagnostics.extend(number_repeated_placeholders(spec))
        mark_identities(spec, self.pages, self.names)
        if svc.docs_commit:
            spec["info"]["x-docs"] = {"commit": svc.docs_commit, **({"date": svc.docs_date} if svc.docs_date else {})}
        return RenderedSpec(spec, self.diagnostics)


def render_spec(service: Service, pages: list[Page], schemas: dict[str, Schema],
                placements: PlacementMemo | None = None) -> RenderedSpec:
    return SpecRenderer(service, pages, schemas, placements).render()
