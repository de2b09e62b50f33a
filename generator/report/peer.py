"""Our figures next to the peer's (opentelekomcloud/gen-sdk-toolset @ d7ce52b) for modelarts@1ba1873.

The peer's numbers are its published measurements (shared/notes/peer-gen-sdk-toolset.md, "Measured on
modelarts@1ba1873" and "Gaps found in that run"); they are constants because we cannot rerun the peer here
(it reads docs only through the GitHub API). Ours are computed from the build every time.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from generator.build.check.document import INVALID_EXAMPLES
from generator.core.model import Field, Page
from generator.core.spec import iter_contents, iter_operations, x_source
from generator.core.types import Kind, TypeExpr
from generator.report.model import Coverage

PEER_TREE = "modelarts@1ba1873"


@dataclass(frozen=True)
class PeerRow:
    measure: str
    peer: str
    ours: str
    note: str

    def cells(self) -> list[str]:
        return [self.measure, self.peer, self.ours, self.note]


def _fields(page: Page) -> Iterator[tuple[bool, Field]]:
    """(nested?, field) once per table row: alias operations (ECS v2.1/v2) share deep copies of one page's rows."""
    seen: set[tuple[int, str]] = set()

    def once(nested: bool, fields: list[Field]) -> Iterator[tuple[bool, Field]]:
        for f in fields:
            key = (f.source.line, f.name)
            if key not in seen:
                seen.add(key)
                yield nested, f

    for s in page.schemas:
        yield from once(True, s.fields)
    for op in page.operations:
        for params in op.parameters.values():
            yield from once(False, params)
        if op.request_body is not None:
            yield from once(False, op.request_body.fields)
        for r in op.responses:
            if r.body is not None:
                yield from once(False, r.body.fields)
            yield from once(False, r.headers)


def _nested_array(t: TypeExpr) -> bool:
    return t.kind is Kind.ARRAY and t.items is not None and t.items.kind is Kind.ARRAY


@dataclass(frozen=True)
class FieldFigures:
    top_level: int
    nested: int
    maps: int
    arrays_of_arrays: int
    enums: int
    enums_inferred: int
    limits: int
    defaults: int


def field_figures(pages: list[Page]) -> FieldFigures:
    top = nested = maps = arrays2 = enums = inferred = limits = defaults = 0
    for page in pages:
        for is_nested, f in _fields(page):
            nested += is_nested
            top += not is_nested
            maps += f.type.has(Kind.MAP)
            arrays2 += _nested_array(f.type)
            c = f.constraints
            enums += c.enum is not None
            inferred += c.enum is not None and c.enum_inferred
            limits += any(v is not None for v in (c.minimum, c.maximum, c.min_length, c.max_length, c.min_items,
                                                  c.max_items, c.pattern)) or f.type.max_length is not None
            defaults += c.has_default
    return FieldFigures(top, nested, maps, arrays2, enums, inferred, limits, defaults)


def _pct(part: int, whole: int) -> str:
    return f"{part}/{whole} = {100 * part / whole:.1f}%" if whole else f"{part}/0"


def compare(cov: Coverage, pages: list[Page], spec: dict[str, Any]) -> list[PeerRow]:
    ff = field_figures(pages)
    api = len(cov.api_pages)
    ops = [op for _, _, op in iter_operations(spec)]
    multi_status = sum(1 for op in ops if len(op.get("responses", {})) > 1)
    responses = sum(len(op.get("responses", {})) for op in ops)
    # distinct blocks: alias operations (ECS v2.1/v2) carry the same examples twice
    response_examples = len({x_source(ex) for op in ops for c in iter_contents(op) if c.side == "response"
                             for place in ("examples", INVALID_EXAMPLES)
                             for ex in (c.media_object.get(place) or {}).values()})
    query_in_path = sum(1 for p in spec.get("paths", {}) if "?" in p)
    query_params = sum(1 for op in ops for p in op.get("parameters", []) if p.get("in") == "query")
    e, r = cov.examples, cov.rows
    return [
        PeerRow("API pages turned into operations", _pct(191, 222), _pct(cov.api_pages_with_operations, api),
                "peer: 31 historical_apis pages rejected as 'S3/OBS style'"),
        PeerRow("operations", "193 endpoints", str(cov.operations_in_spec), "peer counts 2 calling_apis pages too"),
        PeerRow("parameter rows counted", "2287 (top-level only, of 8675 nodes)",
                f"{r.total} (top-level {ff.top_level}, in nested tables {ff.nested})",
                "ours: every table row, nested tables included"),
        PeerRow("rows resolved", _pct(2275, 2287), _pct(r.resolved, r.total), ""),
        PeerRow("rows with an unknown type", "12 seen (+18 nested unseen)", str(r.unknown_type),
                "each with a type.unknown diagnostic"),
        PeerRow("map-typed cells", "107 typed String (counted as recognised)", f"{ff.maps} typed as maps",
                "ours: additionalProperties with the value schema"),
        PeerRow("arrays of arrays", "7 typed Integer/String", str(ff.arrays_of_arrays), ""),
        PeerRow("per-status responses", "none: all response tables merged (45 endpoints with several)",
                f"{responses} responses; {multi_status} operations document several statuses",
                "ours: status tables and bold status lines, each its own response"),
        PeerRow("response examples with their status code", "0 of 225", str(response_examples),
                "ours: examples in the spec, under their status"),
        PeerRow("fields with an enum", "0 (not read)", f"{ff.enums} ({ff.enums_inferred} inferred)", ""),
        PeerRow("fields with limits (min/max/length/pattern/items)", "0 (not read)", str(ff.limits), ""),
        PeerRow("fields with a default", "0 (not read)", str(ff.defaults), ""),
        PeerRow("paths keeping a query string", "yes (demanager: 8 'path' params)",
                f"{query_in_path} ({query_params} query parameters)", ""),
        PeerRow("example blocks", "428 blocks, 301 parsed as JSON",
                f"{e.total} blocks, {e.total - e.unparseable} parsed, {e.invalid} contradict their tables",
                "ours skips blocks holding only a request line"),
        PeerRow("issues / diagnostics", "85", f"{len(cov.diagnostics)} ({cov.by_severity()['error']} errors)",
                "ours also records info-level decisions"),
    ]
