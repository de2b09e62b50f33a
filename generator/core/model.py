"""The intermediate model: what a docs page says about an API, independent of docutils and OpenAPI.

Extraction fills it; the builder renders it. Every element carries the `Source` it came from so the
spec can point back at the page and line.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from generator.core.types import TypeExpr


@dataclass(frozen=True, order=True)
class Source:
    file: str  # path relative to the docs root, with forward slashes
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


class Severity(StrEnum):
    ERROR = "error"  # something the docs say was lost or is wrong
    WARNING = "warning"  # kept, but with a guess or a gap the reader should know about
    INFO = "info"  # a decision worth recording (e.g. a header row mapped to security)


@dataclass(frozen=True, order=True)
class Diagnostic:
    source: Source
    code: str  # stable, dotted: "type.unknown", "table.malformed", ...
    severity: Severity
    message: str
    # an example failure: the side it blames ("docs", "generator", "unclear") and the rule that says so
    blame: str = ""
    blame_reason: str = ""

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "code": self.code,
            "severity": str(self.severity),
            "file": self.source.file,
            "line": self.source.line,
            "message": self.message,
        }
        if self.blame:
            out["blame"] = self.blame
            out["blame_reason"] = self.blame_reason
        return out


# ---------------------------------------------------------------- constraints from prose


@dataclass
class Constraints:
    enum: list[str | int | float | bool] | None = None
    enum_inferred: bool = False
    enum_source: tuple[str, str] | None = None  # (kind of sentence, the sentence): `docs.prose.precision`
    values_mentioned: list[str] | None = None  # values a sentence names that are no enum of this field
    enum_names: tuple[str, ...] | None = None  # member names of an integer enum from the docs ("0: disabled")
    default: Any = None
    has_default: bool = False
    minimum: float | int | None = None
    maximum: float | int | None = None
    min_length: int | None = None
    max_length: int | None = None
    min_items: int | None = None
    max_items: int | None = None
    pattern: str | None = None
    deprecated: bool = False
    exclusive_minimum: float | int | None = None  # "greater than 0" on a number
    exclusive_maximum: float | int | None = None
    multiple_of: float | int | None = None
    nullable: bool = False  # the description says the field may be null ("can be set to null")
    required_conditional: bool = False  # "mandatory only when **type** is ...": never unconditionally required


@dataclass
class Field:
    name: str
    type: TypeExpr
    required: bool
    description: str
    source: Source
    constraints: Constraints = field(default_factory=Constraints)
    required_note: str | None = None  # "Yes if Tag is present." and friends
    desc_refs: list[str] = field(default_factory=list)  # `:ref:` targets in the description ("see Table 3")
    map_key: bool = False  # the name cell stands for any key ("{User defined key}"): the row types a map's values


@dataclass
class Schema:
    """A nested table (or a body table) describing one object."""

    name: str  # component name as the docs show it (EndpointsReq), sanitised later
    fields: list[Field]
    source: Source
    label: str | None = None  # normalised RST label, if any
    title: str = ""  # the caption text
    key: str = ""  # unique in the tree, set by `link`; REF types point at it
    subject: str | None = None  # the field a caption says it describes ("**server** field description")
    # no table of it has a Mandatory column: `required` below says nothing, rather than "all optional"
    required_unstated: bool = False
    request_side: bool = False  # the table sits in a Request section: its Mandatory column is about requests


class ParamLocation(StrEnum):
    """Where a documented field goes: the keys of `DocOperation.parameters`."""

    PATH = "path"
    QUERY = "query"
    HEADER = "header"
    BODY = "body"
    RESPONSE_BODY = "response_body"
    RESPONSE_HEADER = "response_header"


@dataclass
class Example:
    name: str
    media_type: str
    value: Any  # parsed JSON, or the raw text for non-JSON media types
    source: Source
    status: str | None = None  # for responses
    is_request: bool = True
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Response:
    status: str  # "200", "4XX", "default"
    description: str
    source: Source
    body: Schema | None = None
    body_type: TypeExpr | None = None  # when the body is an array/map/primitive, not a table of fields
    body_source: Source | None = None  # the row that states `body_type` (`[items]`, `-`)
    media_type: str = "application/json"
    headers: list[Field] = field(default_factory=list)
    examples: list[Example] = field(default_factory=list)
    from_prose: bool = False  # named in a sentence ("2xx, for example, 200, 202, or 204"), not in a table
    assumed: bool = False  # the page names no status for it (a body table, or nothing documented): 200 assumed
    body_ref: tuple[str, int] | None = None  # (label, line): "the response parameters, see Table 4" of another page


@dataclass
class DocOperation:
    """One call as a docs page documents it (before it becomes an OpenAPI operation)."""

    operation_id: str
    method: str  # lower-case
    path: str
    summary: str
    description: str
    source: Source
    tag: str
    parameters: dict[ParamLocation, list[Field]] = field(default_factory=dict)
    request_body: Schema | None = None
    request_body_type: TypeExpr | None = None
    request_body_source: Source | None = None
    request_media_type: str = "application/json"
    request_examples: list[Example] = field(default_factory=list)
    responses: list[Response] = field(default_factory=list)
    deprecated: bool = False
    security: bool = True  # X-Auth-Token (mapped to the security scheme, not a parameter)
    alias_of: str | None = None  # when a page documents the same call under another URI
    status_link: str | None = None  # label the status section links to ("For details, see Status Code")

    def bodies(self) -> Iterator[Schema]:
        """The request body table, then each response's body table."""
        if self.request_body is not None:
            yield self.request_body
        for r in self.responses:
            if r.body is not None:
                yield r.body


@dataclass(frozen=True)
class PageText:
    """What `build.finish` reads from a page: a section intro, a status-code table (extract/page_text)."""

    intro: tuple[str, int] = ("", 0)  # the paragraphs before the page list, the first one's line
    status_rows: tuple[tuple[str, str, int], ...] = ()  # (4xx code, description, line) of its tables
    success_rows: tuple[tuple[str, str, int], ...] = ()  # (2xx code, description, line) of its tables


@dataclass
class Page:
    """One RST file after extraction."""

    file: str
    title: str
    is_api: bool
    operations: list[DocOperation] = field(default_factory=list)
    schemas: list[Schema] = field(default_factory=list)  # every nested table, keyed later by label
    diagnostics: list[Diagnostic] = field(default_factory=list)
    rows_total: int = 0  # every parameter row seen, nested tables included
    rows_resolved: int = 0
    rows_unknown_type: int = 0
    rows_failed: int = 0
    labels: list[str] = field(default_factory=list)  # `.. _label:` of the page itself (what `:ref:`s name)
    # what names the page across retitles and moves (`:original_name:`, else its own label; `generator.build.lock`)
    anchor: str = ""
    text: PageText | None = None  # read from the doctree for later stages (None: the page was not parsed)
    # a page with no call (`public_parameters/data_structure.rst`): the labels of its tables -> their lines. Their
    # rows are not read, but a `:ref:` to one still says which table a row means (`build.link`)
    unread_tables: dict[str, int] = field(default_factory=dict)

    def fields(self) -> Iterator[Field]:
        """Every table row of the page: nested tables, then per operation parameters, bodies, headers."""
        for s in self.schemas:
            yield from s.fields
        for op in self.operations:
            for params in op.parameters.values():
                yield from params
            for body in op.bodies():
                yield from body.fields
            for r in op.responses:
                yield from r.headers
