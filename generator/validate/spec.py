"""An OpenAPI 3.1 document reduced to what payload checking needs: operations and their schemas.

Schemas stay as pointers into the original document so that a violation can be traced back
to the `x-source` of the node that declared the violated constraint.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from generator.core import spec as S
from generator.core.spec import SpecError, escape_pointer_token, source_of
from generator.core.untrusted import DEFAULT_LIMITS, Limits, UntrustedInput, load_document


@dataclass(frozen=True)
class Parameter:
    name: str
    location: str  # path | query | header | cookie
    required: bool
    schema_pointer: str | None  # JSON pointer into the spec, None when the parameter has no schema
    source: str | None


@dataclass(frozen=True)
class Operation:
    operation_id: str
    method: str  # upper case
    path: str
    pointer: str  # JSON pointer of the operation object
    parameters: tuple[Parameter, ...]
    request_body_required: bool
    request_media: Mapping[str, str | None]  # media type -> schema pointer
    responses: Mapping[str, Mapping[str, str | None]]  # status key -> media type -> schema pointer
    source: str | None

    @property
    def label(self) -> str:
        return f"{self.operation_id} ({self.method} {self.path})"


@dataclass(frozen=True)
class _Template:
    operation: Operation
    segments: tuple[re.Pattern[str] | str, ...]
    names: tuple[tuple[str, ...], ...]
    # Higher ranks first: literal segments beat mixed ones ("{a}:{b}"), which beat bare placeholders.
    rank: tuple[int, ...]


_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")


def _compile_segment(segment: str) -> tuple[re.Pattern[str] | str, tuple[str, ...], int]:
    names = tuple(_PLACEHOLDER.findall(segment))
    if not names:
        return segment, (), 2
    pattern = "".join(
        f"(?P<p{i}>[^/]+?)" if i % 2 else re.escape(part) for i, part in enumerate(_PLACEHOLDER.split(segment))
    )
    # re.split puts captured names at odd indexes; group names must be identifiers, hence p1, p3...
    return re.compile(f"^{pattern}$"), names, 0 if _PLACEHOLDER.fullmatch(segment) else 1


@dataclass
class Spec:
    document: Mapping[str, Any]
    name: str = "<spec>"
    operations: dict[str, Operation] = field(default_factory=dict)
    # the other pages of a merged call (`x-otc-variants`) by their operationId: selectable, never path-matched
    pages: dict[str, Operation] = field(default_factory=dict)
    _templates: list[_Template] = field(default_factory=list)

    @classmethod
    def load(cls, path: str | Path, limits: Limits = DEFAULT_LIMITS) -> Spec:
        p = Path(path)
        try:
            # Safe, bounded loading: the spec is data (no objects constructed, aliases bounded).
            doc = load_document(p, limits)
        except UntrustedInput as exc:
            raise SpecError(f"{p}: not a usable YAML/JSON spec ({exc.code}): {exc.message}") from exc
        return cls.from_dict(doc, name=str(p))

    @classmethod
    def from_dict(cls, document: object, name: str = "<spec>") -> Spec:
        if not isinstance(document, Mapping) or not isinstance(document.get("paths"), Mapping):
            raise SpecError(f"{name}: not an OpenAPI document (no `paths`)")
        spec = cls(document=document, name=name)
        try:
            spec._index()
        except (AttributeError, TypeError, KeyError, ValueError) as exc:
            # A `paths` tree of the wrong shapes (a list where an object belongs, ...).
            raise SpecError(f"{name}: not an OpenAPI document: {type(exc).__name__}: {exc}") from exc
        return spec

    # -- document access ---------------------------------------------------------------------------

    def resolve_pointer(self, pointer: str) -> Any:
        return S.resolve_pointer(self.document, pointer, self.name)

    def deref(self, node: Any, pointer: str) -> tuple[Any, str]:
        """Follow `$ref` chains of parameter/requestBody/response objects; returns (node, pointer)."""
        r = S.deref(self.document, node, pointer, strict=True, name=self.name)
        return r.node, r.pointer

    # -- indexing -------------------------------------------------------------------------------------

    def _index(self) -> None:
        seen_ids: set[str] = set()
        paths = self.document["paths"]
        for path, method, op in S.iter_operations(self.document):
            item_ptr = S.pointer("paths", path)
            op_ptr = f"{item_ptr}/{method}"
            op_id = str(op.get("operationId") or f"{method.upper()} {path}")
            if op_id in seen_ids:
                raise SpecError(f"{self.name}: duplicate operationId {op_id!r}")
            seen_ids.add(op_id)
            body_required, media = self._request_body(op, op_ptr)
            operation = Operation(
                operation_id=op_id,
                method=method.upper(),
                path=path,
                pointer=op_ptr,
                parameters=self._parameters(paths[path].get("parameters", []), f"{item_ptr}/parameters", op, op_ptr),
                request_body_required=body_required,
                request_media=media,
                responses=self._responses(op, op_ptr),
                source=source_of(op),
            )
            self.operations[op_id] = operation
            self._templates.append(self._template(operation))
            for i, v in enumerate(op.get(S.VARIANTS) or []):
                # a page of a call documented on several (its client function's own schemas); requests are
                # matched to the merged operation, a page is chosen by its operationId only
                v_id = str(v.get("operationId") or "") if isinstance(v, Mapping) and "responses" in v else ""
                if not v_id or v_id == op_id:
                    continue
                v_ptr = f"{op_ptr}/{S.VARIANTS}/{i}"
                body_required, media = self._request_body(v, v_ptr)
                self.pages.setdefault(v_id, Operation(
                    operation_id=v_id, method=method.upper(), path=path, pointer=v_ptr,
                    parameters=self._parameters(paths[path].get("parameters", []), f"{item_ptr}/parameters", v, v_ptr),
                    request_body_required=body_required, request_media=media, responses=self._responses(v, v_ptr),
                    source=source_of(v)))

    def _parameters(self, shared: Any, shared_ptr: str, op: Mapping[str, Any], op_ptr: str) -> tuple[Parameter, ...]:
        merged: dict[tuple[str, str], Parameter] = {}
        for raw_list, base in ((shared, shared_ptr), (op.get("parameters", []), f"{op_ptr}/parameters")):
            for i, raw in enumerate(raw_list or []):
                param, ptr = self.deref(raw, f"{base}/{i}")
                if not isinstance(param, Mapping) or "name" not in param or "in" not in param:
                    raise SpecError(f"{self.name}: malformed parameter at {ptr}")
                # Operation-level parameters override path-level ones of the same name and location.
                merged[(param["in"], param["name"])] = Parameter(
                    name=str(param["name"]),
                    location=str(param["in"]),
                    required=bool(param.get("required", param["in"] == "path")),
                    schema_pointer=f"{ptr}/schema" if "schema" in param else None,
                    source=source_of(param) or source_of(param.get("schema")),
                )
        return tuple(merged.values())

    def _content(self, content: Any, base: str) -> dict[str, str | None]:
        out: dict[str, str | None] = {}
        for media, obj in (content or {}).items():
            has_schema = isinstance(obj, Mapping) and "schema" in obj
            out[str(media)] = f"{base}/content/{escape_pointer_token(media)}/schema" if has_schema else None
        return out

    def _request_body(self, op: Mapping[str, Any], op_ptr: str) -> tuple[bool, dict[str, str | None]]:
        if "requestBody" not in op:
            return False, {}
        body, ptr = self.deref(op["requestBody"], f"{op_ptr}/requestBody")
        return bool(body.get("required", False)), self._content(body.get("content"), ptr)

    def _responses(self, op: Mapping[str, Any], op_ptr: str) -> dict[str, dict[str, str | None]]:
        out: dict[str, dict[str, str | None]] = {}
        for status, raw in (op.get("responses") or {}).items():
            resp, ptr = self.deref(raw, f"{op_ptr}/responses/{escape_pointer_token(str(status))}")
            out[str(status).upper()] = self._content(resp.get("content"), ptr)
        return out

    def _template(self, operation: Operation) -> _Template:
        compiled = [_compile_segment(s) for s in operation.path.strip("/").split("/")]
        return _Template(
            operation=operation,
            segments=tuple(c[0] for c in compiled),
            names=tuple(c[1] for c in compiled),
            rank=tuple(c[2] for c in compiled),
        )

    # -- lookup ---------------------------------------------------------------------------------------

    def find_operation(self, selector: str) -> Operation | None:
        """By operationId, or by "METHOD /path/template"."""
        if selector in self.operations:
            return self.operations[selector]
        if selector in self.pages:
            return self.pages[selector]
        method, _, path = selector.strip().partition(" ")
        for op in self.operations.values():
            if op.method == method.upper() and op.path == path.strip():
                return op
        return None

    def base_paths(self) -> list[str]:
        """Path prefixes of `servers` (variables at their defaults), longest first."""
        prefixes = {""}
        for server in self.document.get("servers") or []:
            url = str(server.get("url", ""))
            for var, spec in (server.get("variables") or {}).items():
                url = url.replace("{" + var + "}", str(spec.get("default", "")))
            prefix = urlsplit(url).path.rstrip("/")
            prefixes.add(prefix)
        return sorted(prefixes, key=lambda p: (-len(p), p))

    def match_path(self, method: str, raw_path: str) -> tuple[Operation, dict[str, str]] | None:
        """Match a concrete request path (server base path stripped) to an operation template.

        Segment-wise: at each position a literal segment beats a placeholder, so
        `/v1/{p}/notebooks/flavors` wins over `/v1/{p}/notebooks/{id}` for `.../notebooks/flavors`.
        """
        for prefix in self.base_paths():
            if prefix and not (raw_path == prefix or raw_path.startswith(prefix + "/")):
                continue
            parts = raw_path[len(prefix) :].strip("/").split("/")
            best: tuple[tuple[int, ...], Operation, dict[str, str]] | None = None
            for tpl in self._templates:
                if tpl.operation.method != method.upper() or len(tpl.segments) != len(parts):
                    continue
                values = _match_segments(tpl, parts)
                if values is not None and (best is None or tpl.rank > best[0]):
                    best = (tpl.rank, tpl.operation, values)
            if best is not None:
                return best[1], best[2]
        return None


def _match_segments(tpl: _Template, parts: list[str]) -> dict[str, str] | None:
    values: dict[str, str] = {}
    for seg, names, part in zip(tpl.segments, tpl.names, parts, strict=True):
        if isinstance(seg, str):
            if unquote(part) != seg:
                return None
            continue
        m = seg.match(part)
        if m is None:
            return None
        for name, value in zip(names, m.groups(), strict=True):
            values[name] = unquote(value)
    return values
