"""Which side an example failure blames: the docs (they contradict themselves), the generator (we misread the
page) or neither for sure.

An example that fails the schema built from its own page is a documentation defect only when the schema says what
the page says. Some of our readings are known to be lossy; a failure at a keyword one of them produced is ours
until shown otherwise (issue 23: "Our misreads are not docs defects"). The rules, in order, each with a stable
reason (counted by `generator.devtools.example_census`):

- `required` of a property whose name is no name (a placeholder row: "Network address of the ECS", `[items]`), of
  a parameter of the operation (a header or path table read as body), or of a response table that is another
  page's (a request table reused for a response): generator. Otherwise the example leaves out what its table
  marks mandatory: docs.
- `type: object` met by a non-object: a free-form `Object`/`Json` (no properties) is any JSON value, a list met by
  an object with properties is a `:ref:`-only Type cell read as one object: generator. Other type clashes (a
  string where the table says Integer) are the docs'; null where a type is stated is unclear.
- `enum`: an enum inferred from prose, one with a placeholder value (`compute:xxx`), one whose values are field
  names (its own name, or its siblings' under a condition: the words of a condition), defaults ("the default value
  is 8 for IPv4 and 64 for IPv6"), or one that leaves out the example's value although the description names it:
  generator. The value in another letter case ("tcp" for TCP) or another type ("2" for 2, "true" for true): docs.
  Otherwise unclear (prose enums are lossy).
- a bound (`minimum` ... `maxItems`) whose description states ranges per case, unless the value lies in none of
  the stated ranges, or an exact length its description does not call exact (the prose reader's rule:
  `docs.prose.ranges.is_exact_length`): generator; otherwise the example breaks the stated range: docs.
- `pattern` (read from prose) and anything else: unclear; `format`: docs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from generator.docs.prose.ranges import is_exact_length

DOCS, GENERATOR, UNCLEAR = "docs", "generator", "unclear"
Blame = tuple[str, str]  # (side, reason)

_NAME = re.compile(r"^[A-Za-z_$@][\w$@.:-]*$")
_BOUNDS = {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "minItems",
           "maxItems", "multipleOf"}
_PER_CASE = re.compile(r"\b(?:if|when|unless|for)\b[^.]*\d|\d[^.]*\b(?:if|when|unless|for)\b|\(\D*\d[^)]*\)", re.I)
_RANGE = re.compile(r"(?<![\w.,])(\d[\d,]*(?:\.\d+)?)\s*(?:-|–|~|to)\s*(\d[\d,]*(?:\.\d+)?)(?![\w.,]*\d)")
_PLACEHOLDER = re.compile(r"x{3,}|[{}<>]")
_CONDITION = re.compile(r"\b(?:if|when|unless|only|both|cannot|either)\b", re.I)


def _json_text(value: Any) -> str:
    return "true" if value is True else "false" if value is False else str(value)


def node_at(spec: Any, path: Sequence[Any]) -> Any:
    node = spec
    for key in path:
        if isinstance(node, dict):
            node = node.get(str(key))
        elif isinstance(node, list) and isinstance(key, int) and key < len(node):
            node = node[key]
        else:
            return None
    return node


def _file(node: Any) -> str:
    src = node.get("x-source") if isinstance(node, dict) else None
    return str(src.get("file", "")) if isinstance(src, dict) else ""


def blame(spec: dict[str, Any], schema_path: Sequence[Any], instance: Any, message: str, *, part: str,
          page_file: str, parameters: Sequence[str] = ()) -> Blame:
    """`schema_path`: the failing keyword's path from the document root (jsonschema-rs' `schema_path`);
    `instance`: the value that failed; `parameters`: names of the operation's path, query and header parameters."""
    keyword = str(schema_path[-1]) if schema_path else ""
    node = node_at(spec, schema_path[:-1]) if schema_path else None
    node = node if isinstance(node, dict) else {}
    if keyword == "required":
        m = re.match(r'^"(.*)" is a required property', message)
        name = m.group(1) if m else ""
        prop = (node.get("properties") or {}).get(name)
        if not _NAME.match(name):
            return GENERATOR, "required.placeholder_row"
        if name in parameters or name.lower() in {p.lower() for p in parameters}:
            return GENERATOR, "required.parameter_as_body"
        own = _file(prop) or _file(node)
        if part != "request" and own and own != page_file:
            return GENERATOR, "required.other_pages_table"
        return DOCS, "required.left_out"
    if keyword == "type":
        want = node.get("type")
        if instance is None:
            return UNCLEAR, "type.null"
        if want == "object" or (isinstance(want, list) and "object" in want):
            if not node.get("properties") and not node.get("additionalProperties"):
                return GENERATOR, "type.any_value_as_object"
            if isinstance(instance, list):
                return GENERATOR, "type.list_as_object"
        if want == "array" and isinstance(instance, dict):
            return UNCLEAR, "type.object_as_list"
        return DOCS, "type.other_type"
    if keyword == "enum":
        return _enum(spec, schema_path, node, instance)
    if keyword in _BOUNDS:
        text = str(node.get("description") or "")
        if _PER_CASE.search(text) and _in_a_stated_range(text, instance) is not False:
            return GENERATOR, "range.per_case"
        if keyword in ("minLength", "maxLength") and node.get("minLength") == node.get("maxLength") and not any(
                is_exact_length(sentence) for sentence in re.split(r"(?<=\.)\s+|\n+", text)):
            return GENERATOR, "range.exact_length"
        return DOCS, "range.broken"
    if keyword == "format":
        return DOCS, "format.broken"
    if keyword == "pattern":
        return UNCLEAR, "pattern.from_prose"
    return UNCLEAR, f"other.{keyword or 'root'}"


def _in_a_stated_range(text: str, instance: Any) -> bool | None:
    """Whether the value (a number, or the length of a string or list) lies in one of the ranges the description
    states ("600-90,000 GB for 100 MB/s instances, 1200-90,000 GB for ..."); None when it states none. A value no
    stated case allows is the docs' defect whatever we made of the cases (their union is ours)."""
    size = len(instance) if isinstance(instance, (str, list)) else instance
    if isinstance(size, bool) or not isinstance(size, (int, float)):
        return None
    pairs = [(float(a.replace(",", "")), float(b.replace(",", "")))
             for a, b in _RANGE.findall(text)]
    return any(low <= size <= high for low, high in pairs) if pairs else None


def _enum(spec: dict[str, Any], schema_path: Sequence[Any], node: dict[str, Any], instance: Any) -> Blame:
    values = [v for v in node.get("enum") or [] if v is not None]
    text = str(node.get("description") or "")
    if node.get("x-enum-inferred"):
        return GENERATOR, "enum.inferred"
    if any(isinstance(v, str) and _PLACEHOLDER.search(v) for v in values):
        return GENERATOR, "enum.placeholder_value"
    # "mandatory when **protocol** is **TERMINATED_HTTPS**", "**a** and **b** cannot both be set": the words of a
    # condition on fields (this one or its siblings) are not values of this field
    path = list(schema_path)
    owner = node_at(spec, path[:-3]) if len(path) >= 4 and path[-3] == "properties" else None
    own = {str(path[-2])} if owner is not None else set()
    siblings = set((owner or {}).get("properties") or {}) - own
    source = node.get("x-otc-enum-source")
    said = str(source.get("text", "")) if isinstance(source, dict) else text
    strings = {v for v in values if isinstance(v, str)}
    # sibling names are a condition's words only where a condition is stated; "Verification method. The options are
    # **mobile** and **email**." (IAM, beside the fields `mobile` and `email`) is a value set
    if own & strings or (siblings & strings and _CONDITION.search(said)):
        return GENERATOR, "enum.field_names"
    # "2" for the integer 2, "true" for the boolean: the example's type is wrong, not our value set
    if isinstance(instance, str) and any(not isinstance(v, str) and instance == _json_text(v) for v in values):
        return DOCS, "enum.other_type"
    # "The default value is **8** for an IPv4 subnet and **64** for an IPv6 subnet": defaults, not a value set
    if values and all(re.search(rf"\bdefault\b[^.]{{0,60}}(?<![\w-]){re.escape(str(v))}(?![\w-])", text, re.I)
                      for v in values):
        return GENERATOR, "enum.defaults"
    # a value the description marks as one (**v**, `v`, "v") that the enum lacks: our list is short. A plain word
    # of the prose is no value ("Resources are **managed** ..." vs "- **MANAGED**: Resources are managed by ...")
    if isinstance(instance, str) and instance and re.search(
            rf"(\*\*|`|\"|')\s*{re.escape(instance)}\s*\1", text):
        return GENERATOR, "enum.value_in_description"
    if instance is None:
        return UNCLEAR, "enum.null"
    if isinstance(instance, str) and instance.lower() in {str(v).lower() for v in values}:
        return DOCS, "enum.other_case"
    return UNCLEAR, "enum.from_prose"
