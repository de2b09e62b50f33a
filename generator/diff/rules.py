"""The change rules, as data: a stable id, a level, a message template and the reason for the level.

Rule ids are part of the tool's interface (CI filters and the JSON output use them), so they
never change meaning; retire an id rather than reuse it. Templates are `str.format` strings over
the parameters a comparison records (`field`, `old`, `new`, ...). Where direction matters (a
wider integer is harmless to send but could surprise a reader) there is one rule per direction,
so the level never depends on code paths.

Levels, as oasdiff has them, judged for the clients *this project generates* (openapi-python-client
models, open `StrEnum`/`IntEnum`s that keep unknown values, Python's unbounded `int`, no client-side
checks of limits or formats):
- error: breaks a correct existing client: code written against the previous client no longer runs
  (a function, argument, model field or module is gone or renamed, a new argument is required), or
  every call of the previous client is now refused or unparsed;
- warning: may break some: only some calls or values fail (a narrower limit, a removed request
  enum value, a default that changed) or only type-checked code notices (a value that may be unset);
- info: nothing existing breaks: additions, wider responses, wording.
The semantic version follows the level: an error or a warning is a breaking change (major; minor
while at 0.x), an API info change is additive (minor), a documentation-only change a patch.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Level(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _LEVEL_RANK[self]


_LEVEL_RANK = {Level.INFO: 0, Level.WARNING: 1, Level.ERROR: 2}


class Classification(StrEnum):
    """The semantic-versioning reading of a level (what the version bump and the changelog use)."""

    DOCUMENTATION = "documentation"
    NON_BREAKING = "non-breaking"
    BREAKING = "breaking"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {
    Classification.DOCUMENTATION: 0,
    Classification.NON_BREAKING: 1,
    Classification.BREAKING: 2,
}


class Category(StrEnum):
    """Keep-a-Changelog section a change is listed under."""

    ADDED = "Added"
    CHANGED = "Changed"
    DEPRECATED = "Deprecated"
    REMOVED = "Removed"


@dataclass(frozen=True)
class Rule:
    id: str
    level: Level
    category: Category
    template: str
    reason: str  # why this level, for our generated clients (one line, shown in docs and JSON)
    docs_only: bool = False  # wording: no code or wire change at all
    text: bool = False  # old and new are texts (descriptions, summaries): the comment shows a word diff

    @property
    def classification(self) -> Classification:
        if self.level is not Level.INFO:
            return Classification.BREAKING
        return Classification.DOCUMENTATION if self.docs_only else Classification.NON_BREAKING


E, W, I = Level.ERROR, Level.WARNING, Level.INFO  # noqa: E741 - I reads as "info" in the table
ADD, CHG, DEP, REM = Category.ADDED, Category.CHANGED, Category.DEPRECATED, Category.REMOVED


def _docs(rule_id: str, template: str) -> Rule:
    return Rule(rule_id, I, CHG, template, "wording only: no generated code or request changes", docs_only=True,
                text=True)


_RULES = (
    # operations
    Rule("operation-removed", E, REM, "Operation `{method} {path}` (`{operation_id}`) was removed.",
         "the generated function disappears"),
    Rule("operation-added", I, ADD, "New operation `{method} {path}` (`{operation_id}`).", "a new function"),
    Rule("operation-path-changed", E, CHG,
         "`{operation_id}` moved from `{old}` to `{new}` — update the arguments you pass.",
         "the previous client calls a URL that is no longer documented"),
    Rule("operation-id-changed", E, CHG,
         "Operation `{method} {path}` is now `{new}` (was `{old}`): the generated function was renamed "
         "— update your code.",
         "the generated module and function are renamed"),
    Rule("operation-tags-changed", E, CHG, "Operation moved from tag(s) {old} to {new} (new client module).",
         "the tag names the client module the function is imported from"),
    Rule("operation-deprecated", I, DEP, "Operation `{method} {path}` is now deprecated.",
         "the call still works"),
    Rule("operation-moved-to-deprecated-pages", I, DEP,
         "Operation `{method} {path}` moved to the out-of-date pages (docs folder {new}, was {old}): it is now "
         "deprecated; it still works and its function keeps its module.",
         "the call still works; the names lock keeps the function where it was"),
    Rule("operation-superseded", I, DEP,
         "`{method} {path}` (`{operation_id}`) replaces `{old}` (`{old_id}`) on its docs page; the old "
         "operation is still documented (in `{moved_to}`). Differences when migrating are listed below.",
         "the old operation is still documented and works"),
    # a call documented on several pages: each page is a function of the client (x-otc-variants)
    Rule("operation-page-removed", E, REM,
         "`{method} {path}`: the docs page of `{page}` no longer documents this call; its function is gone.",
         "the generated function of that page disappears"),
    Rule("operation-page-added", I, ADD, "`{method} {path}`: also documented by the page of `{page}` (a new function).",
         "a new function"),
    _docs("operation-summary-changed", "Summary changed."),
    _docs("operation-description-changed", "Description changed."),
    # parameters
    Rule("request-parameter-removed", E, REM, "{location} parameter `{field}` was removed.",
         "the function loses the keyword argument; calls passing it raise TypeError"),
    Rule("request-parameter-added-required", E, ADD, "New required {location} parameter `{field}`.",
         "every existing call lacks the new required argument"),
    Rule("request-parameter-added", I, ADD, "New optional {location} parameter `{field}`.",
         "a new keyword argument with a default"),
    Rule("request-parameter-became-required", E, CHG, "{location} parameter `{field}` is now required.",
         "calls that omitted it lack a required argument"),
    Rule("request-parameter-became-optional", I, CHG, "{location} parameter `{field}` is now optional.",
         "calls that pass it still work"),
    Rule("request-parameter-location-changed", E, CHG, "Parameter `{field}` moved from the {old} to the {new}.",
         "the previous client sends it where the service no longer reads it"),
    Rule("request-path-parameter-renamed", W, CHG,
         "Path parameter `{old}` is now called `{new}` (same position in the path).",
         "same URL; only calls passing it by keyword break"),
    Rule("request-query-parameter-renamed", E, CHG,
         "{location} parameter `{old}` is now called `{new}` — update your code.",
         "the keyword argument is renamed, and the previous client sends the old name"),
    Rule("request-parameter-deprecated", I, DEP, "{location} parameter `{field}` is now deprecated.",
         "the call still works"),
    _docs("request-parameter-description-changed", "Description of parameter `{field}` changed."),
    # bodies and media types
    Rule("request-body-removed", E, REM, "The request body was removed.", "the function loses its `body` argument"),
    Rule("request-body-removed-undocumented", W, REM,
         "The optional request body, which the docs never described, was removed.",
         "only calls that passed a body the docs never described break"),
    Rule("request-body-added-required", E, ADD, "A required request body was added.",
         "every existing call lacks the new required `body` argument"),
    Rule("request-body-added", I, ADD, "An optional request body was added.", "a new optional `body` argument"),
    Rule("request-body-became-required", E, CHG, "The request body is now required.",
         "calls that omitted `body` lack a required argument"),
    Rule("request-body-required-stated", W, CHG,
         "The request body is now stated as required (the old table had no Mandatory column).",
         "the old docs did not say; the generated `body` argument becomes required"),
    Rule("request-media-type-removed", E, REM, "Request media type `{old}` is no longer accepted.",
         "the previous client sends a body the service refuses"),
    Rule("request-media-type-added", I, ADD, "Request media type `{new}` is now accepted.", "one more way to send"),
    Rule("response-media-type-removed", E, REM, "Response {status} no longer returns `{old}`.",
         "the parsed response type the code relies on goes away"),
    Rule("response-media-type-added", W, ADD, "Response {status} may now return `{new}`.",
         "the client parses a status's body as the media type it knew; a body of the new type is not parsed"),
    Rule("response-success-status-removed", E, REM, "Success status {status} was removed.",
         "the return type of the generated function changes"),
    Rule("response-non-success-status-removed", I, REM, "Error status {status} is no longer documented.",
         "error statuses all raise the runtime's OTCAPIError"),
    Rule("response-success-status-added", W, ADD, "New success status {status}.",
         "the previous client returns no parsed body for a success status it does not know"),
    Rule("response-status-added", I, ADD, "New response status {status}.",
         "error statuses all raise the runtime's OTCAPIError"),
    Rule("response-header-removed", W, REM, "Response {status} no longer returns header `{field}`.",
         "headers are not modelled; only code reading this one from `response.headers` notices"),
    Rule("response-header-added", I, ADD, "Response {status} now returns header `{field}`.", "an addition"),
    _docs("response-description-changed", "Description of response {status} changed."),
    # properties, per direction
    Rule("request-property-removed", E, REM, "Request field `{field}` was removed — stop sending it.",
         "the model loses the constructor argument"),
    Rule("response-property-removed", E, REM, "Response field `{field}` was removed.",
         "the model loses the attribute code reads"),
    Rule("request-property-renamed", E, CHG, "Request field `{field}` was renamed to `{new}` — update your code.",
         "the constructor argument is renamed"),
    Rule("response-property-renamed", E, CHG, "Response field `{field}` was renamed to `{new}` — update your code.",
         "the attribute code reads is renamed"),
    Rule("request-property-added-required", E, ADD, "New required request field `{field}`.",
         "every existing construction of the model lacks the argument"),
    Rule("request-property-added", I, ADD, "New optional request field `{field}`.", "a new optional argument"),
    Rule("response-property-added", I, ADD, "New response field `{field}`.",
         "previous clients keep unknown fields in `additional_properties`"),
    Rule("request-property-became-required", E, CHG, "Request field `{field}` is now required.",
         "constructions that omitted it lack a required argument"),
    Rule("request-property-became-optional", I, CHG, "Request field `{field}` is now optional.",
         "constructions that pass it still work"),
    Rule("response-property-became-optional", E, CHG,
         "Response field `{field}` is no longer always present (it may be unset).",
         "the previous client's `from_dict` raises KeyError when a required field is missing"),
    Rule("response-property-became-required", I, CHG, "Response field `{field}` is now always present.",
         "a narrower response"),
    Rule("request-required-unstated", I, CHG,
         "Request object `{field}` no longer states which fields are required (its table lost the Mandatory "
         "column; {old} were required).",
         "a table without a Mandatory column states nothing; the generated arguments become optional"),
    Rule("response-required-unstated", W, CHG,
         "Response object `{field}` no longer states which fields are always present (its table lost the "
         "Mandatory column; {old} were).",
         "nothing changes on the wire; only type-checked code notices attributes that may be unset"),
    Rule("request-object-became-map", W, CHG,
         "Request field `{field}` is now a map of keys to values instead of the object `{old}`: the class goes "
         "away, the JSON sent does not change. Keys still documented: {keys}.",
         "the same JSON on the wire; only code constructing the removed class changes"),
    Rule("response-object-became-map", W, CHG,
         "Response field `{field}` is now a map of keys to values instead of the object `{old}`: the class goes "
         "away, the JSON received does not change. Keys still documented: {keys}.",
         "the same JSON on the wire; code reading attributes of the removed class reads map entries instead"),
    Rule("request-became-nullable", I, CHG, "Request field `{field}` now accepts `null`.", "a wider request"),
    Rule("request-became-non-nullable", W, CHG, "Request field `{field}` no longer accepts `null`.",
         "only calls sending `None` fail"),
    Rule("response-became-nullable", W, CHG, "Response field `{field}` may now be `null`.",
         "code that reads it may meet `None`"),
    Rule("response-became-non-nullable", I, CHG, "Response field `{field}` is no longer `null`.",
         "a narrower response: code that handled `None` still works"),
    Rule("request-type-changed", E, CHG, "Request field `{field}` changed type from {old} to {new}.",
         "the model's argument has another Python type"),
    Rule("response-type-changed", E, CHG, "Response field `{field}` changed type from {old} to {new}.",
         "the attribute has another Python type; the previous client may fail to parse it"),
    Rule("request-type-corrected", W, CHG,
         "Request field `{field}` changed type from {old} to {new}: docs corrected — the previous build reported "
         "that its example contradicted the old type ({cited}).",
         "the old type contradicted the docs' own example: calls that followed the example already sent this type"),
    Rule("response-type-corrected", W, CHG,
         "Response field `{field}` changed type from {old} to {new}: docs corrected — the previous build reported "
         "that its example contradicted the old type ({cited}).",
         "the old type contradicted the docs' own example: the service most likely sent this type all along"),
    Rule("request-body-restated", W, CHG,
         "The {body} was restated: docs corrected — the body now matches its example. The old side's table "
         "contradicted that example ({cited}); the new table accepts it, so the JSON "
         "sent does not change, the generated model does ({count} changes: {changes}).",
         "the service took the example's JSON all along; only code built from the contradicted table changes"),
    Rule("response-body-restated", W, CHG,
         "The {body} was restated: docs corrected — the body now matches its example. The old side's table "
         "contradicted that example ({cited}); the new table accepts it, so the JSON "
         "received does not change, the generated model does ({count} changes: {changes}).",
         "the service sent the example's JSON all along; only code reading the contradicted table's fields changes"),
    Rule("request-format-widened", I, CHG,
         "Request field `{field}` widened from {old} to {new}; values you send still fit.", "a wider request"),
    Rule("request-format-narrowed", W, CHG,
         "Request field `{field}` narrowed from {old} to {new}; large values are no longer accepted.",
         "same Python type; only calls sending values beyond the narrower format fail"),
    Rule("response-format-widened", I, CHG,
         "Response field `{field}` widened from {old} to {new}.",
         "both are a Python `int`/`float`, which does not overflow"),
    Rule("response-format-narrowed", I, CHG, "Response field `{field}` narrowed from {old} to {new}; values still fit.",
         "a narrower response"),
    Rule("request-format-changed", W, CHG, "Request field `{field}` changed format from {old} to {new}.",
         "same Python type (formats that change it are type changes); some values may be refused"),
    Rule("response-format-changed", I, CHG, "Response field `{field}` changed format from {old} to {new}.",
         "same Python type (formats that change it are type changes); the client does not check formats"),
    Rule("request-enum-value-removed", W, REM, "Request field `{field}` no longer accepts {old}.",
         "only calls sending that value fail"),
    Rule("request-enum-value-added", I, ADD, "Request field `{field}` now also accepts {new}.", "a wider request"),
    Rule("response-enum-value-added", I, CHG, "Response field `{field}` may now return {new}.",
         "the generated enums are open: an unknown value is kept, not refused"),
    Rule("response-enum-value-removed", I, CHG, "Response field `{field}` no longer returns {old}.",
         "a narrower response"),
    Rule("request-enum-added", E, CHG, "Request field `{field}` is now restricted to {new}.",
         "the argument becomes an enum: a plain `str` has no `.value` when the model serialises it"),
    Rule("request-enum-removed", I, CHG, "Request field `{field}` is no longer restricted to fixed values.",
         "an enum member is a `str`/`int`, so existing calls still type-check and serialise"),
    Rule("response-enum-added", I, CHG, "Response field `{field}` is now an enum of {new}.",
         "the open `StrEnum`/`IntEnum` is a `str`/`int`, so existing code keeps working"),
    Rule("response-enum-removed", W, CHG, "Response field `{field}` is no longer an enum (was {old}).",
         "the attribute becomes a plain `str`/`int`: comparisons work, `.value` and `.name` do not"),
    Rule("request-limit-narrowed", W, CHG, "Request field `{field}`: {limit} tightened from {old} to {new}.",
         "only calls sending values in the excluded range fail (the client checks no limits)"),
    Rule("request-limit-widened", I, CHG, "Request field `{field}`: {limit} relaxed from {old} to {new}.",
         "a wider request"),
    Rule("response-limit-widened", I, CHG, "Response field `{field}`: {limit} widened from {old} to {new}.",
         "the client checks no limits on what it reads"),
    Rule("response-limit-narrowed", I, CHG, "Response field `{field}`: {limit} narrowed from {old} to {new}.",
         "a narrower response"),
    Rule("request-default-changed", W, CHG,
         "Default of request field `{field}` changed from {old} to {new}; omitting it behaves differently.",
         "only calls that omit the field behave differently"),
    Rule("request-default-removed", I, CHG,
         "Request field `{field}` no longer documents a default (was {old}); the client stops sending it.",
         "the service applies its own default"),
    Rule("response-default-changed", I, CHG, "Documented default of response field `{field}` changed.",
         "a default does not change what the client parses", docs_only=True),
    Rule("request-property-deprecated", I, DEP, "Request field `{field}` is now deprecated.", "it still works"),
    Rule("response-property-deprecated", I, DEP, "Response field `{field}` is now deprecated.", "it is still sent"),
    Rule("request-composition-changed", W, CHG, "Request schema `{field}` now has {new} alternatives (was {old}).",
         "the argument's union type changes; calls with a dropped alternative fail"),
    Rule("response-composition-changed", W, CHG, "Response schema `{field}` now has {new} alternatives (was {old}).",
         "the attribute's union type changes; code handling only known alternatives may miss one"),
    Rule("request-model-renamed", E, CHG, "Request model `{old}` is now `{new}`.",
         "the class code imports and constructs is renamed"),
    Rule("response-model-renamed", W, CHG, "Response model `{old}` is now `{new}`.",
         "attribute access keeps working; only code naming the class (imports, annotations) breaks"),
    # the class of this use split from a class that stays (`generator.build.lock.sites`): one of the tables that
    # shared it changed, so they are two classes now; the old one is still there for the others
    Rule("request-model-split", W, CHG, "Request model `{old}` is now `{new}` here: the tables that shared `{old}` "
         "differ now, and `{old}` stays for the others.",
         "code passing a `{old}` here still runs (it serialises alike); a type checker asks for `{new}`"),
    Rule("response-model-split", I, CHG, "Response model `{old}` is now `{new}` here: the tables that shared "
         "`{old}` differ now, and `{old}` stays for the others.",
         "attribute access keeps working; an annotation naming `{old}` here is flagged by a type checker"),
    _docs("property-description-changed", "Description of `{field}` changed."),
    # a merged operation's alternatives, paired by the page each is the body of (`generator.diff.variants`)
    Rule("request-variant-removed", E, REM, "The call no longer takes the request body of `{page}`.",
         "the body that page's function sends has no place in the operation any more"),
    Rule("request-variant-added", I, ADD, "The call also takes the request body of `{page}`.",
         "one more page's body; the bodies existing functions send are unchanged"),
    Rule("response-variant-removed", E, REM, "Response {status} no longer returns the body of `{page}`.",
         "the model that page's function parses its answer into has no place in the operation any more"),
    Rule("response-variant-added", I, ADD, "Response {status} may also return the body of `{page}`.",
         "one more page's body; existing functions parse the bodies of their own pages"),
    Rule("response-success-status-stated", W, CHG,
         "The docs now state success status {new} (the page stated none: {old} was assumed).",
         "the function now answers under the stated status; code that checked the assumed status code sees another"),
)

RULES: dict[str, Rule] = {r.id: r for r in _RULES}
TEXT_RULES = frozenset(r.id for r in _RULES if r.text)

if len(RULES) != len(_RULES):  # pragma: no cover - guards against a copy-paste id
    raise RuntimeError("duplicate rule id in generator.diff.rules")


def rule(rule_id: str) -> Rule:
    return RULES[rule_id]
