"""Every diagnostic code the tool emits, declared once: severity, stage, what it means and which lists it is on.

A code is stable (CI filters, reports and the pinned corpus figures use it): never reuse one for another meaning.
The lists that act on codes are derived from here (`INVALIDATING`, `PROSE_DEFECTS`, `ANNOTATED`, ...); the
README's table is `markdown_table()` (`python -m generator.devtools.codes --write README.md`), and
tests/core/test_codes.py fails on a code emitted anywhere in generator/ without being declared here.

Stages: `docs` reads the pages (docutils, extraction, naming), `prose` reads description cells (its findings go
out at the severity declared here), `build` links and renders the spec, `check` validates and repairs it,
`client` adapts it for the client generator, `input` refuses a payload, HAR or spec file given to `validate` or
`diff` (a verdict code in their reports, not a `Diagnostic`: no severity).

Where lists disagreed, the attributes say how each code is treated (decisions are in the commit message):
- `defect`: the documentation is wrong, a docs writer should fix it (not a decision of the tool);
- `annotated` (derived): every defect becomes a GitHub annotation on its RST line (`report --format github`),
  at its own severity;
- `reported`: counted among the report's `documentation_defects` (diagnostics JSON, HTML and text reports).
  Only the example mismatches and contradicted defaults are: counting the other defects there would change the
  pinned figures, so the two attributes stay apart on purpose.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from generator.core.model import Severity


class Stage(StrEnum):
    DOCS = "docs"
    PROSE = "prose"
    BUILD = "build"
    CHECK = "check"
    CLIENT = "client"
    INPUT = "input"


@dataclass(frozen=True)
class Code:
    code: str
    severities: tuple[Severity, ...]  # as emitted; several when the case decides; () for an input verdict
    stage: Stage
    meaning: str  # one line
    defect: bool = False  # the documentation is wrong (see the module docstring)
    invalidates: bool = False  # while a finding of it stands, the spec is invalid: repaired, else not written
    reported: bool = False  # counted in the report's documentation_defects
    pinned: bool = False  # its count per corpus tree is pinned in tests/corpus/expected.py
    explains_row: bool = False  # accounts for a table row that was not resolved (the report's reconciliation)
    drops_example: bool = False  # an example block dropped before the spec (the report's `unparseable`)

    @property
    def annotated(self) -> bool:
        """A GitHub annotation on pull requests: every documentation defect, info never."""
        return self.defect and any(s is not Severity.INFO for s in self.severities)

    @property
    def severity(self) -> Severity:
        """The one severity of a code emitted at a single one (the prose findings)."""
        if len(self.severities) != 1:
            raise ValueError(f"{self.code} is emitted at {len(self.severities)} severities")
        return self.severities[0]


E, W, I = (Severity.ERROR,), (Severity.WARNING,), (Severity.INFO,)  # noqa: E741 - I reads as "info" in the table
EW, WI, NONE = (Severity.ERROR, Severity.WARNING), (Severity.WARNING, Severity.INFO), ()
DOCS, PROSE, BUILD, CHECK, CLIENT, INPUT = Stage

_CODES = (
    # docs: reading the pages
    Code("page.crash", E, DOCS, "extracting the page raised; the page is kept without operations", pinned=True),
    Code("page.outside_root", E, DOCS, "the file resolves outside the docs root (a symlink): not read"),
    Code("page.too_large", E, DOCS, "the file is above --max-page-bytes: not read"),
    Code("read.invalid_utf8", E, DOCS, "the file is not UTF-8; read with U+FFFD for the bad bytes"),
    Code("rst.error", E, DOCS, "docutils reports an error in the page's markup"),
    Code("rst.warning", W, DOCS, "docutils reports a warning in the page's markup"),
    Code("table.malformed", EW, DOCS, "docutils cannot read a table (at docutils' level)", defect=True),
    Code("page.no_title", I, DOCS, "the page has no section: not an API page"),
    Code("page.not_api", I, DOCS, "no 'METHOD /path' line in a URI section: not an API page"),
    Code("page.no_uri", W, DOCS, "request/response sections but no 'METHOD /path' line: no operation", pinned=True),
    Code("uri.repaired", W, DOCS, "a malformed URI line (unbalanced braces, '&' for '?') read as repaired"),
    Code("uri.alias", I, DOCS, "a second URI line: a second operation with the same shapes"),
    Code("naming.fallback", I, DOCS, "the title has no verb the naming grammar reads; a fallback operationId"),
    Code("naming.collision", W, DOCS, "the operationId is already used by another page; this one is numbered"),
    Code("section.unknown", W, DOCS, "a section the extractor does not read; only scanned for tables", pinned=True),
    Code("table.unclassified", W, DOCS, "a table that could not be given a role (parameters, body, statuses)"),
    Code("table.row_shape", E, DOCS, "a row with another number of cells than the header: dropped", defect=True,
         pinned=True, explains_row=True),
    Code("table.empty_name", E, DOCS, "a row without a parameter name: dropped", defect=True, pinned=True,
         explains_row=True),
    Code("table.unknown_column", W, DOCS, "a column of a field table no reader understands: its cells are lost",
         pinned=True),
    Code("table.placeholder_row", I, DOCS, "a row holding only placeholders ('-'): no field"),
    Code("table.map_key", I, DOCS, "a row named by a placeholder or prose: the values of a map, not a property"),
    Code("table.cells_swapped", W, DOCS, "the Type and Mandatory cells are swapped: read the other way round"),
    Code("type.unknown", E, DOCS, "a Type cell neither in the type grammar nor naming a table: left untyped",
         defect=True, pinned=True, explains_row=True),
    Code("type.no_column", I, DOCS, "the table has no Type column: the type is inferred"),
    Code("field.alternatives", I, DOCS, "a row named `a or b`: two alternative fields, each optional"),
    Code("field.conditional_required", I, DOCS, "the Mandatory cell states a condition: read as required or not"),
    Code("field.microversion_bound", I, DOCS, "a response field mandatory only in some microversions: optional"),
    Code("param.query_in_path_table", I, DOCS, "a path-table row that is no placeholder of the path: a query "
         "parameter"),
    Code("param.auth_header", I, DOCS, "X-Auth-Token documented as a header: expressed by the security scheme"),
    Code("param.content_type_header", I, DOCS, "Content-Type documented as a header: the request media type"),
    Code("param.undocumented_path", W, DOCS, "a path placeholder without a table row: typed string"),
    Code("param.query_from_uri", I, DOCS, "a query parameter only in the URI line: typed string"),
    Code("param.name_spaced", W, DOCS, "a query row naming a key of the request line with a space in it, or a "
         "header row with a space after a hyphen (a wrapped cell): named without the space"),
    Code("param.subresource_key", I, DOCS, "a query row the request line writes without a value (`?tagging`): "
         "the sub-resource, optional"),
    Code("status.unparsed", W, DOCS, "a status-code cell with no status code in it: row skipped"),
    Code("status.none", W, DOCS, "no status code documented: 200 assumed", pinned=True),
    Code("status.from_body", I, DOCS, "a status with a response table but no row in a status-code table"),
    Code("status.from_prose", I, DOCS, "a status code taken from a sentence"),
    Code("status.from_appendix", I, DOCS, "status codes only linked to an appendix: the default response"),
    Code("response.body_unbound", W, BUILD, "a response body described by a table the tree does not hold: "
         "documented without a schema"),
    Code("response.body_by_reference", I, BUILD, "a response body read from another page's table the page refers to"),
    Code("response.request_table", W, BUILD, "a response field described by another page's request table: no "
         "property of it is required"),
    Code("response.header_in_body", I, DOCS, "a response-table row that is a header: documented as a header"),
    Code("example.xml", I, DOCS, "a non-JSON example kept as text"),
    Code("example.invalid_json", E, DOCS, "an example block that is not JSON: dropped", defect=True, pinned=True,
         drops_example=True),
    Code("example.embedded_json", I, DOCS, "the one JSON document of a code block that also holds steps or "
         "commands: read as the example"),
    Code("example.raw_body", I, DOCS, "a sample body that is a bare value (`1234567890`), no JSON document: kept "
         "as raw bytes (application/octet-stream)"),
    Code("xml.root_row", I, DOCS, "an element row naming the root element of its body's XML examples: the "
         "document itself, not a field"),
    Code("example.too_deep", E, DOCS, "an example nested beyond the limit: dropped", drops_example=True),
    Code("example.number_too_long", E, DOCS, "an example number too long for any client: dropped",
         drops_example=True),
    Code("example.number_not_finite", E, DOCS, "an example number beyond any float (or NaN): dropped",
         drops_example=True),
    Code("example.error_body", I, DOCS, "a response example that is an error body: on the default response"),
    Code("example.undocumented_status", W, DOCS, "an example for a status no table documents: status added"),
    # prose: description cells (the severity here is the one they go out at)
    Code("enum.inferred", W, PROSE, "enum values inferred from upper-case words in option texts"),
    Code("enum.unparsed", W, PROSE, "options announced but no values found"),
    Code("enum.partial", I, PROSE, "some items under an enum lead-in carry no value"),
    Code("enum.range_item", I, PROSE, "an option is a range: no enum"),
    Code("enum.null_value", I, PROSE, "null listed as an option: kept out of the enum"),
    Code("enum.placeholder_letters", I, PROSE, "single-letter options explaining a format: no enum"),
    Code("enum.not_scalar", I, PROSE, "an option list on a non-scalar field: no enum"),
    Code("enum.within_open_range", I, PROSE, "values marked beside a one-sided bound: points of a range, no enum"),
    Code("enum.condition", I, PROSE, "the marked values name a condition on another field: no enum"),
    Code("enum.default", I, PROSE, "values stated as defaults (per case): no enum"),
    Code("enum.placeholder", I, PROSE, "a value holds a placeholder (xxx, {...}, <...>): no enum"),
    Code("enum.case_labels", I, PROSE, "list items are case labels with a number or range each: no enum"),
    Code("enum.item_level", I, PROSE, "values of a part of a compound value: no enum"),
    Code("enum.json_content", I, PROSE, "values mentioned beside a field of JSON text: no enum"),
    Code("enum.notes", I, PROSE, "a list of constraints or notes about marked names: no enum"),
    Code("enum.field_names", I, PROSE, "the values include the field's own name: names of fields, no enum"),
    Code("enum.reference", I, PROSE, "unannounced values beside a reference to another page for them: no enum"),
    Code("enum.range", I, PROSE, "two numbers that bound a range ('from 1 to 36500'), read as a range: no enum"),
    Code("enum.type_mismatch", W, PROSE, "an option is not a value of the field's type: no enum", defect=True),
    Code("enum.contradicts_example", W, PROSE, "the cell's example is not among its values", defect=True),
    Code("enum.contradicts_pattern", W, PROSE, "options do not match the pattern the cell states: no enum",
         defect=True),
    Code("default.none", I, PROSE, "the default is stated as none/null/empty: no value"),
    Code("default.conditional", I, PROSE, "the default depends on a condition: no default"),
    Code("default.type_mismatch", W, PROSE, "the default is not a value of the field's type: no default",
         defect=True),
    Code("default.not_in_enum", W, PROSE, "the default is not among the options: no default", defect=True),
    Code("default.contradicts_constraints", W, PROSE, "the default breaks limits the same cell states: no default",
         defect=True, reported=True),
    Code("prose.enum_example_only", I, PROSE, "values given as examples, not a closed set"),
    Code("prose.enum_conditional", I, PROSE, "values stated under a condition"),
    Code("prose.enum_ambiguous", I, PROSE, "a value-set sentence not read as one (other parameters, no plain list)"),
    Code("prose.default_behaviour", I, PROSE, "a default stated as a behaviour, not a value"),
    Code("prose.default_example_only", I, PROSE, "a default given as an example"),
    Code("prose.default_contradicts_type", I, PROSE, "a default stated for a field of a non-scalar type"),
    Code("prose.range_example_only", I, PROSE, "numbers given as examples, not limits"),
    Code("prose.range_conditional", I, PROSE, "a range stated under a condition"),
    Code("prose.range_ambiguous", I, PROSE, "a range sentence not read as the field's limits (bytes, several values)"),
    Code("prose.range_contradicts_type", I, PROSE, "a numeric range stated for a string"),
    Code("prose.range_not_scalar", I, PROSE, "a range or length stated for a non-scalar field"),
    Code("range.union", I, PROSE, "ranges stated per case: the field takes their union"),
    Code("range.case_only", I, PROSE, "one range stated for one case only: not the field's"),
    Code("range.length_not_exact", I, PROSE, "\"contains N characters\" of a value that is not a fixed-size token: a "
         "maximum length"),
    Code("range.impossible", I, PROSE, "a minimum above the maximum: no range"),
    Code("prose.pattern_ambiguous", I, PROSE, "a regular expression named but not stated, or not compiling"),
    Code("prose.pattern_contradicts_type", I, PROSE, "a pattern stated for a non-string field"),
    Code("prose.items_conditional", I, PROSE, "an array size stated under a condition"),
    Code("prose.items_ambiguous", I, PROSE, "array-size words without a readable bound"),
    # build: linking and rendering
    Code("ref.dangling", E, BUILD, "a reference to a table that does not exist: a free-form object", defect=True,
         pinned=True, explains_row=True),
    Code("ref.own_table", W, DOCS, "a row links another page's table while its page has its own unlabelled "
         "table for that row: the page's own is taken"),
    Code("ref.unread_table", W, BUILD, "a row refers to a table on a page with no call (not read): a free-form "
         "object, never a same-page table of the field's name"),
    Code("ref.self", WI, BUILD, "a row whose reference names the table it sits in: the table its description names "
         "(warning, a docs slip), else a recursive type (info)", defect=True),
    Code("schema.unreferenced", W, BUILD, "a nested table no field refers to"),
    Code("schema.cycle_budget", W, BUILD, "tables referencing each other in a cycle too large to compare exactly"),
    Code("schema.name_conflict", WI, BUILD, "a name already taken by another shape: the table is renamed (warning "
         "when the docs named it)", pinned=True),
    Code("naming.lock_reserved", W, BUILD, "a new name that the names lock binds to another identity or has retired:"
         " the new one is numbered"),
    Code("naming.locked", I, BUILD, "the names lock keeps a name where the docs now derive another one"),
    Code("field.duplicate", W, BUILD, "a field documented twice in one table: the first row kept"),
    Code("field.null_allowed", I, BUILD, "the description says the field may be null"),
    Code("field.required_conditional", I, BUILD, "Mandatory \"Yes\" but required only in a case: not required"),
    Code("field.inconsistent", W, BUILD, "a field documented differently on two pages: each page keeps its own"),
    Code("param.duplicate", W, BUILD, "a parameter documented twice: the first kept"),
    Code("default.out_of_range", W, BUILD, "a default outside the field's documented limits: dropped", defect=True,
         reported=True),
    Code("operation.merged", I, BUILD, "a call documented on several pages: merged into one operation", pinned=True),
    Code("operation.deprecated_conflict", W, BUILD, "a deprecated page documents other shapes than the current one"),
    Code("component.unreferenced", I, BUILD, "a component no operation reaches: dropped from the spec"),
    Code("path.repeated_placeholder", W, BUILD, "a placeholder repeated in a path: later occurrences numbered"),
    Code("status.from_appendix_table", I, BUILD, "a success status from the service's status-code appendix (the page "
         "names none)"),
    Code("status.from_linked_table", I, BUILD, "status codes from the status-code table the page links to"),
    Code("example.null_widened", I, BUILD, "a response example shows null: the property may be null"),
    Code("example.int64_widened", I, BUILD, "an example holds a value beyond int32: the property is int64"),
    Code("type.any_by_example", I, BUILD, "a free Object/Json the page's example gives a non-object for: any value"),
    Code("type.list_by_example", I, BUILD, "a Type cell naming one table the page's example gives a list of: an array"),
    # check: validating the written spec
    Code("check.openapi", E, CHECK, "openapi-spec-validator rejects the spec", invalidates=True),
    Code("check.dangling_ref", E, CHECK, "a $ref that leads nowhere", invalidates=True),
    Code("check.path_params", E, CHECK, "path placeholders and declared path parameters disagree", invalidates=True),
    Code("check.path_template", E, CHECK, "a malformed path template"),
    Code("check.operation_id_clash", E, CHECK, "two operationIds that clash once snake-cased"),
    Code("check.param_content", E, CHECK, "a parameter with content: (dropped by the client generator)"),
    Code("check.component_case_clash", E, CHECK, "two components differing only in case"),
    Code("check.reserved_property", W, CHECK, "a property colliding with a method of the generated model"),
    Code("check.placeholder_property", W, CHECK, "a property name without a letter or digit (a placeholder row)"),
    Code("check.binary_in_json", W, CHECK, "binary format inside a JSON body"),
    Code("check.example_unchecked", W, CHECK, "an example the validator could not check"),
    Code("example.schema_mismatch", E, CHECK, "an example contradicts its page's tables", defect=True,
         reported=True, pinned=True),
    Code("check.repaired", E, CHECK, "what made the spec invalid, removed at the smallest scope"),
    Code("operation.dropped_invalid", E, CHECK, "an operation the repair could only drop whole"),
    # client: the view the client generator is given
    Code("client.untyped_array_union", I, CLIENT, "a union of arrays of untyped items: Any"),
    Code("client.reserved_property", W, CLIENT, "a property reserved in generated models: in additional_properties"),
    Code("client.enum_dropped", I, CLIENT, "an enum the client cannot express: a plain type"),
    Code("client.enum_duplicate", I, CLIENT, "repeated enum values listed once"),
    Code("client.enum_varnames", I, CLIENT, "enum values colliding as Python names: members numbered"),
    Code("client.raw_body", I, CLIENT, "a body sent or returned as raw bytes"),
    Code("client.text_body", I, CLIENT, "a response body returned as text"),
    Code("client.union_body_required", I, CLIENT, "an optional body with alternative schemas: required"),
    Code("client.binary_in_json", W, CLIENT, "binary inside a JSON schema: a string"),
    Code("client.untyped_param", I, CLIENT, "a parameter without a type: a string"),
    Code("client.array_header", I, CLIENT, "an array header: one comma-separated string"),
    Code("client.repeated_path_param", W, CLIENT, "a placeholder repeated in a path: later occurrences numbered"),
    Code("client.long_name", I, CLIENT, "a name too long for a module or class: shortened"),
    Code("client.class_renamed", I, CLIENT, "a class name already taken: renamed"),
    Code("client.operation_id_renamed", W, CLIENT, "operationIds clashing once snake-cased: numbered"),
    Code("client.error_body", I, CLIENT, "error responses with the common error body: OTCAPIError, no model"),
    Code("client.variants_split", I, CLIENT, "a call documented on several pages: one function per page"),
    Code("client.pagination_unclear", I, CLIENT, "a paged list whose paging is unclear: no iterator"),
    # input: files and payloads given to validate and diff
    Code("input.unreadable", NONE, INPUT, "the file cannot be read"),
    Code("input.too_large", NONE, INPUT, "the input is above the size limit"),
    Code("input.empty", NONE, INPUT, "the input is empty"),
    Code("input.not_utf8", NONE, INPUT, "the input is not UTF-8"),
    Code("input.invalid_json", NONE, INPUT, "the input is not JSON"),
    Code("input.truncated", NONE, INPUT, "the JSON or HAR is cut off"),
    Code("input.invalid_yaml", NONE, INPUT, "the input is not YAML"),
    Code("input.yaml_aliases", NONE, INPUT, "YAML aliases (refused: they can expand without bound)"),
    Code("input.too_deep", NONE, INPUT, "the input is nested beyond the limit"),
    Code("input.number_too_long", NONE, INPUT, "a number longer than the limit"),
    Code("input.number_out_of_range", NONE, INPUT, "a number beyond the double range"),
    Code("input.not_har", NONE, INPUT, "not a HAR file (no log.entries list)"),
    Code("input.bad_entry", NONE, INPUT, "a HAR entry without a request method or URL"),
    Code("input.bad_base64", NONE, INPUT, "a HAR body that is not valid base64"),
    Code("input.bad_status", NONE, INPUT, "a status that is not an HTTP status"),
    Code("input.no_body", NONE, INPUT, "an envelope without a body"),
    Code("input.no_operation", NONE, INPUT, "no operation given for a payload"),
    Code("input.no_side", NONE, INPUT, "no side (request or response) given for a payload"),
    Code("input.unknown_operation", NONE, INPUT, "an operation the spec does not have"),
    Code("input.unusable", NONE, INPUT, "a payload that cannot be used (no more precise code)"),
    Code("input.uncheckable", NONE, INPUT, "the validator raised on this payload: it alone is skipped"),
)

CODES: dict[str, Code] = {c.code: c for c in _CODES}

if len(CODES) != len(_CODES):  # pragma: no cover - guards against a copy-paste code
    raise RuntimeError("duplicate code in generator.core.codes")


def _where(**wanted: bool) -> frozenset[str]:
    return frozenset(c.code for c in _CODES if all(getattr(c, k) == v for k, v in wanted.items()))


# the derived lists (tests/core/test_codes.py pins each)
INVALIDATING = _where(invalidates=True)  # build.check.repair, build.pipeline
DEFECTS = _where(defect=True)
PROSE_DEFECTS = frozenset(c for c in DEFECTS if CODES[c].stage is Stage.PROSE)  # the prose census' defects
ANNOTATED = _where(annotated=True)  # report.as_github
REPORTED = _where(reported=True)  # report.census (documentation_defects)
PINNED = tuple(c.code for c in _CODES if c.pinned)  # devtools.corpus.MAIN_CODES, in declaration order
EXPLAINS_ROW = _where(explains_row=True)  # report.model
DROPS_EXAMPLE = _where(drops_example=True)  # report.census, report.reconcile


def severity(code: str) -> Severity:
    """The severity a code is emitted at (KeyError for an undeclared code, ValueError for one of several)."""
    return CODES[code].severity


# ---------------------------------------------------------------- the README's table


def _yes(flag: bool) -> str:
    return "yes" if flag else ""


def markdown_table() -> str:
    """Every code as a Markdown table, in declaration order (stage by stage)."""
    rows = ["| code | severity | stage | defect | invalidates | annotated | meaning |",
            "|---|---|---|---|---|---|---|"]
    for c in _CODES:
        sev = " or ".join(str(s) for s in c.severities) or "— (verdict)"
        meaning = c.meaning.replace("|", "\\|")
        rows.append(f"| `{c.code}` | {sev} | {c.stage} | {_yes(c.defect)} | {_yes(c.invalidates)} | "
                    f"{_yes(c.annotated)} | {meaning} |")
    return "\n".join(rows) + "\n"
