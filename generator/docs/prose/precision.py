"""Enum precision: a value set is an `enum` only when its sentence states the complete set for this field.

Every reader of `generator.docs.prose.enums` names the kind of sentence its values came from (`ACCEPTED`) and asks
`judge` whether that sentence really states this field's set. The kinds `judge` refuses (`REJECTED`) keep the values
out of `enum`: they stay in the description and in `Constraints.values_mentioned` (the spec's
`x-otc-values-mentioned`), with an `enum.<kind>` finding. A set stated in branches ("If **type** is **A**, the value
can be ...; if **type** is **B**, ...") is the union of every branch the cell states, or nothing.
"""

from __future__ import annotations

import re

from generator.core.types import Kind, TypeExpr
from generator.docs.prose.result import ProseResult, scalar_kind

# the kinds of sentence an enum may come from (x-otc-enum-source.kind)
BULLETS, BOLD_ITEMS, OPTIONS, VALUE_CAN_BE, ONLY_SUPPORTED, FIXED, UPPER_CASE_ITEMS, BRANCHES_UNION = (
    "bullets", "bold-items", "options", "value-can-be", "only-supported", "fixed", "upper-case-items", "branches-union")
ACCEPTED = (BULLETS, BOLD_ITEMS, OPTIONS, VALUE_CAN_BE, ONLY_SUPPORTED, FIXED, UPPER_CASE_ITEMS, BRANCHES_UNION)
# the kinds of sentence that mention values without stating this field's set (finding `enum.<kind>`)
CONDITION, CONDITIONAL, DEFAULT, PLACEHOLDER, CASE_LABELS, ITEM_LEVEL, JSON_CONTENT, NOTES, FIELD_NAMES, REFERENCE = (
    "condition", "conditional", "default", "placeholder", "case-labels", "item-level", "json-content", "notes",
    "field-names", "reference")
RANGE = "range"
REJECTED = (CONDITION, CONDITIONAL, DEFAULT, PLACEHOLDER, CASE_LABELS, ITEM_LEVEL, JSON_CONTENT, NOTES, FIELD_NAMES,
            REFERENCE, RANGE)

_WHY = {
    CONDITION: "the values name the condition on another field, not this field's values",
    CONDITIONAL: "one branch of a conditional set; no other branch is stated",
    DEFAULT: "the values are defaults (per case), not the set of allowed values",
    PLACEHOLDER: "a value holds a placeholder (xxx, {...}, <...>, yyyyMMdd): no closed set",
    CASE_LABELS: "the list items are case labels with a number or range each, not values",
    ITEM_LEVEL: "the values belong to a part of the value (an item of a compound string), not the whole",
    JSON_CONTENT: "the field holds JSON text; the values are mentioned beside it, not its values",
    NOTES: "the list is of constraints or notes about marked names, not of options",
    FIELD_NAMES: "the values name fields (the field's own name, or \"the **x** field\"), not values of this one",
    REFERENCE: "no sentence announces the list and the cell refers to another page for the values: a selection",
    RANGE: "the two numbers are the ends of a range (\"from 1 to 36500\"), not the only values",
}
# "For details, see ...", "For more specifications, see ...", "For details about possible values, see ..."
REFERS_ELSEWHERE = re.compile(r"\bfor (?:more )?(?:details|information|\w+)(?: about [^,.]+)?, see\b", re.I)

_COND_WORD = re.compile(r"\b(?:if|when|whenever|unless|where|in case)\b", re.I)
_CONDITIONAL_START = re.compile(r"^(?:\W*)(?:if|when|whenever|unless|only when|only if|in case)\b", re.I)
_PLACEHOLDER = re.compile(r"(?<![A-Za-z])(?:xxx+|XXX+)(?![A-Za-z])|\{[A-Za-z_][\w -]*\}|<[A-Za-z_][\w -]*>|\.\.\.")
# a date or time format (`yyyyMMdd-yyyyMMdd`, `YYYY-MM-DD`, `HH:mm:ss`) among words (`month`, `day`) stands for
# every date of that format; a set made only of formats (DMS `partition_format`: `yyyy/MM/dd`) is a set of formats
_DATE_FORMAT = re.compile(r"(?<![A-Za-z])(?:yyyy|YYYY)(?![A-Za-z])|(?<![A-Za-z])(?:yyyy|YYYY)[-/._]?MM|HH:mm")
# not "The default storage classes are as follows:" (OBS creating_a_bucket.rst:66): the header sets the bucket's
# default class, the sentence lists the classes; "The default values are as follows:" stays a default
_DEFAULT_LEAD = re.compile(r"\bdefaults?\b(?! (?!values?\b)\w+(?: \w+)? (?:are|is) as follows)", re.I)
# "The value of **BYDAY** can be": the set of a named part of the value
# (case-sensitive: "the value of this parameter" names no part; an upper-case token or a marked word does)
_ITEM_LEAD = re.compile(r"\b(?:[Vv]alues?|[Oo]ptions?) (?:of|in|for) (?:the |each |every )?(?:\*\*[^*]+\*\*|`[^`]+`|"
                        r"[A-Z][A-Z0-9_]{1,}\b)")
# "The options for dedicated resource pools with GPU specifications are as follows:": the set of one case
_QUALIFIED_LEAD = re.compile(r"\b(?:options?|values?)\s+(?:available\s+)?for\s+(?!this\b|the (?:parameter|field)\b)"
                             r"(?!\*\*|`)[^:：]*?(?:(?:are|is) as follows\s*[:：]?|[:：])\s*$", re.I)
_JSON_TEXT = re.compile(r"\bJSON(?:[- ]formatted)? (?:strings?|texts?)\b|\bin JSON format\b|\bJSON-encoded\b", re.I)
_NOTES_LEAD = re.compile(r"^\W*(?:constraints?|notes?|remarks?|restrictions?|caution|instructions)\W*[:：]\W*$", re.I)
_CASE_ITEM = re.compile(r"^\s*\**[\w.\-/]+\**\s*[:：]\s*\**-?\d")


def _unmark(s: str) -> str:
    return s.replace("**", "").replace("`", "")


def _first_at(sentence: str, value: str) -> int:
    m = re.search(rf"(?<![\w:]){re.escape(value)}(?![\w:])", sentence)
    return m.start() if m else -1


def _is_range(plain: str, values: list[str]) -> bool:
    """"The value is from 1 to 36500.", "an integer ranging from 30 to 365", "between 1 and 100": two numbers that
    bound a range (OBS WORM Days, KMS pending days)."""
    if len(values) != 2 or not all(re.fullmatch(r"-?\d[\d,]*(?:\.\d+)?", v) for v in values):
        return False
    a, b = (re.escape(v) for v in values)
    return bool(re.search(rf"\bfrom\s+{a}\s+(?:to|through)\s+{b}(?![\w.,]*\d)|\bbetween\s+{a}\s+and\s+{b}"
                          rf"|(?<![\w.,]){a}\s*(?:-|–|~)\s*{b}(?![\w.,]*\d)", plain))


def judge(sentence: str, values: list[str], *, items: list[str] | None = None) -> str | None:
    """The rejected kind of the sentence `values` came from, or None when it states this field's complete set.
    `sentence`: the lead sentence (Markdown or plain text); `items`: the list items' texts for a list."""
    if any(_PLACEHOLDER.search(v) for v in values):
        return PLACEHOLDER
    formats = sum(1 for v in values if _DATE_FORMAT.search(v))
    if 0 < formats < len(values):
        return PLACEHOLDER
    if _is_range(_unmark(sentence), values):
        return RANGE
    if items and len(items) >= 2 and all(_CASE_ITEM.match(_unmark(i)) for i in items):
        return CASE_LABELS
    if items is not None and _NOTES_LEAD.match(sentence):
        return NOTES
    plain = _unmark(sentence)
    where = [p for p in (_first_at(plain, v) for v in values) if p >= 0]
    first = min(where) if where else len(plain)
    before = plain[:first]
    if _DEFAULT_LEAD.search(before):
        return DEFAULT
    for p in where:
        clause = re.split(r"[,;:：]", plain[:p])[-1]
        if _COND_WORD.search(clause):
            return CONDITION
    if _ITEM_LEAD.search(sentence[:_first_at(sentence, values[0])] if values and _first_at(sentence, values[0]) >= 0
                         else sentence):
        return ITEM_LEVEL
    if _CONDITIONAL_START.match(plain) or _QUALIFIED_LEAD.search(plain):
        return CONDITIONAL
    return None


def reject(result: ProseResult, kind: str, values: list[str], sentence: str) -> None:
    """Values mentioned but not a set: out of `enum`, into `values_mentioned`, with the reason."""
    c = result.constraints
    mentioned = list(dict.fromkeys([*(c.values_mentioned or []), *values]))
    c.values_mentioned = mentioned
    # a branch is no decision yet (`sentence_pass` still reads the other branches): a prose.* finding
    code = "prose.enum_conditional" if kind == CONDITIONAL else f"enum.{kind.replace('-', '_')}"
    result.findings.append((code, f"{_WHY[kind]}: {', '.join(values)} "
                            f"(mentioned, no enum) in {_unmark(sentence)[:100]!r}"))


def branch(result: ProseResult, sentence: str, values: list[str]) -> None:
    """One branch of a conditional set, kept for the union (`union_of_branches`)."""
    result.branches.setdefault(_unmark(sentence), values)


def union_of_branches(result: ProseResult) -> list[str] | None:
    """The values of every branch the cell states, when it states two or more; else None."""
    if len(result.branches) < 2:
        return None
    return list(dict.fromkeys(v for vs in result.branches.values() for v in vs))


def per_case(sentence: str, values: list[str]) -> tuple[list[str], list[str]] | None:
    """"**EQUAL_TO** for **HOST_NAME**; **REGEX**, **STARTS_WITH** or **EQUAL_TO** for **PATH**": values per case,
    every case stated. (the union of the cases' values, the case labels) or None when the sentence is no such list."""
    plain = _unmark(sentence)
    labels = [v for v in values if re.search(rf"\bfor (?:an? |the )?{re.escape(v)}(?![\w:])", plain)]
    if not labels or not re.search(r";", plain):
        return None
    return [v for v in values if v not in labels], labels


def enum_against_json_text(text: str, type_: TypeExpr | None, result: ProseResult) -> None:
    """A string field that holds JSON text ("... in JSON strings"): the names a sentence beside it lists are what
    the JSON may hold, not the values of the string."""
    c = result.constraints
    if c.enum is None or scalar_kind(type_) is not Kind.STRING or not _JSON_TEXT.search(text):
        return
    values = [str(v) for v in c.enum]
    sentence = c.enum_source[1] if c.enum_source else ""
    c.enum, c.enum_source, c.enum_inferred = None, None, False
    reject(result, JSON_CONTENT, values, sentence)


def enum_against_own_name(name: str, result: ProseResult) -> None:
    """"Engine ID ... The value can be **engine_id**, **engine_name + engine_version**, or **image_url**." (modelarts
    creating_a_training_job.rst:277): a value set holding the field's own name lists which fields may be given,
    not values of this one."""
    c = result.constraints
    if not c.enum or name not in c.enum:
        return
    values = [str(v) for v in c.enum]
    sentence = c.enum_source[1] if c.enum_source else ""
    c.enum, c.enum_source, c.enum_inferred, c.enum_names = None, None, False, None
    reject(result, FIELD_NAMES, values, sentence)
