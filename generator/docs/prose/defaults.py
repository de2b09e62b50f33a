"""Defaults: the value a sentence states as the default, or why none is taken (a behaviour, a condition, an
example, a value of another type or outside the options), and the check of a default against the cell's limits."""

from __future__ import annotations

import re
from typing import Any

from generator.core.types import Kind, TypeExpr
from generator.docs.prose.result import ProseResult, convert
from generator.docs.prose.words import EXAMPLE_ONLY, plain

# "if this parameter is not specified, ..." is what a default means, not a condition on it
_ABSENT = re.compile(
    r"\b(?:if|when)\s+(?:this|the|it|\*\*[^*]+\*\*|no|the value)?\s*(?:parameter|field|value)?\s*(?:is|are)?\s*"
    r"(?:not (?:specified|set|configured|provided|passed|transferred|carried|included|left blank)|left (?:blank|empty)|"
    r"unspecified|omitted|empty|not)\b[^,]*,?|\b(?:if|when)\s+no\s+\w+\s+(?:is|are)\s+(?:available|specified|set|"
    r"provided|entered|configured|selected)\s*,?", re.I)
_CONDITION = re.compile(r"\b(?:if|when|unless|only when|in case|depending on|depends on|varies|otherwise|"
                        r"whether)\b|\bis set to\b|\bfor (?:a |an |the )?(?:\*\*)?[\w-]+(?:\*\*)? (?:instance|node|"
                        r"cluster|type|engine|pool|mode|database|db|edition|flavor|disk|queue)s?\b", re.I)
# words after the value that make it depend on something else ("5 GB for EVS and 50 GB for EFS")
_AFTER_VALUE = re.compile(r"\b(?:for|if|when|unless|depending|otherwise|in case|based on|varies)\b", re.I)
_VALUE_TOKEN = (r"(?:\*\*(?P<b>[^*]+)\*\*|`(?P<c>[^`]+)`|\"(?P<q>[^\"]+)\"|“(?P<q2>[^”]+)”|"
                r"(?P<w>-?\d[\d,]*(?:\.\d+)?|true|false|[A-Za-z0-9_][\w.:/-]*))")
_DEFAULT_VALUE = [re.compile(p, re.I) for p in (
    r"\bdefault(?: value| setting)?(?: of this parameter| of the parameter)?\**\s*(?:is|:|：|=)\s*"
    r"(?:set to\s+)?"
    + _VALUE_TOKEN,
    r"\bdefaults? to\s+" + _VALUE_TOKEN,
    r"\bthe default value\s+" + _VALUE_TOKEN + r"\s*(?:\([^)]*\)\s*)?(?:is|will be) used",
    r"\bthe default \w+(?: \w+)? is\s+(?:\*\*(?P<b>[^*]+)\*\*|`(?P<c>[^`]+)`|(?P<w>-?\d[\d,]*(?:\.\d+)?)\b)",
    r"^(?:by default, )?" + _VALUE_TOKEN + r"\s+(?:is|will be) (?:used|applied|selected|returned) by default\b",
    r"(?:is|are|be|value)\s+(?:set to\s+)?" + _VALUE_TOKEN + r"\s+by default\b",
    r"^by default, (?:the value is |the value of this parameter is |this parameter is (?:set to )?)" + _VALUE_TOKEN,
    r"^" + _VALUE_TOKEN + r"\s*\((?:the )?default(?: value)?\)",
    r"^" + _VALUE_TOKEN + r"\s*[:：].*\((?:the )?default(?: value)?\)",
    r"^(?:\*\*(?P<b>(?!default)[^*]+)\*\*|`(?P<c>[^`]+)`)\s*(?:\(|[:：]\s*)(?:the )?default(?: value)?\b",
)]
_NO_VALUE = {"none", "null", "empty", "n/a", "na", "-", "left", "blank", "unspecified", "not", "no default",
             "not specified", "the", "a", "an", "this", "that", "it", "used", "set", "enabled", "disabled", "returned",
             "queried", "selected", "applied", "configured", "created", "displayed", "bound", "mounted"}


def _marked_value(m: re.Match[str]) -> str:
    for g in ("b", "c", "q", "q2", "w"):
        v = m.groupdict().get(g)
        if v:
            return v.strip()
    return ""


def _default_kind(type_: TypeExpr | None) -> Kind | None:
    if type_ is None:
        return None
    return type_.kind


def learn_default(unit: Any, type_: TypeExpr | None, result: ProseResult) -> None:
    s = unit.text
    core = _ABSENT.sub("", s, count=1).strip()
    value: str | None = None
    m: re.Match[str] | None = None
    for pat in _DEFAULT_VALUE:
        for cand in pat.finditer(core):
            v = _marked_value(cand)
            if v.lower().rstrip(".") in ("none", "null", "empty", "n/a", "na", "-"):
                result.findings.append(("default.none", f"the default is stated as {v!r}: no value"))
                return
            if v.lower().rstrip(".") not in _NO_VALUE:
                value, m = v, cand
                break
        if value is not None:
            break
    if value is None or m is None:
        result.findings.append(("prose.default_behaviour", f"default stated as a behaviour, not a value: {s[:80]!r}"))
        return
    if EXAMPLE_ONLY.search(core[:m.start()]) and not re.search(r"\bdefault\b", core[:20], re.I):
        result.findings.append(("prose.default_example_only", f"default given as an example: {s[:80]!r}"))
        return
    tail = "" if unit.in_list and re.search(r"\(default(?: value)?\)", core[:m.end() + 3], re.I) else core[m.end():]
    head = core[:m.start()]
    if _AFTER_VALUE.search(re.split(r"(?<!\d)[.;]|[.;](?!\d)", tail, maxsplit=1)[0]) or _CONDITION.search(head):
        result.findings.append(("default.conditional", f"default depends on a condition: {s[:80]!r}"))
        return
    kind = _default_kind(type_)
    if kind is Kind.ARRAY or kind not in (Kind.STRING, Kind.INTEGER, Kind.NUMBER, Kind.BOOLEAN):
        result.findings.append(("prose.default_contradicts_type", f"default {value!r} on a {kind} field"))
        return
    value = value.rstrip(".,;:")
    converted = convert(plain(value), kind)
    if converted is None or converted == "":
        result.findings.append(("default.type_mismatch", f"default {value!r} is not a {kind}"))
        return
    enum = result.constraints.enum
    if enum is not None and converted not in enum:
        result.findings.append(("default.not_in_enum", f"default {converted!r} is not among the options"))
        return
    result.constraints.default = converted
    result.constraints.has_default = True


def default_against_limits(result: ProseResult) -> None:
    """"The value must be greater than 0. ... the default value 0 is used": the cell contradicts itself. The
    default is reported as a documentation defect and left out (a spec whose default breaks its own schema is
    invalid); the limits stay."""
    c = result.constraints
    if not c.has_default:
        return
    v = c.default
    why = None
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        if c.minimum is not None and v < c.minimum:
            why = f"below the minimum {c.minimum}"
        elif c.maximum is not None and v > c.maximum:
            why = f"above the maximum {c.maximum}"
        elif c.exclusive_minimum is not None and v <= c.exclusive_minimum:
            why = f"not greater than {c.exclusive_minimum}"
        elif c.exclusive_maximum is not None and v >= c.exclusive_maximum:
            why = f"not less than {c.exclusive_maximum}"
    elif isinstance(v, str):
        if c.min_length is not None and len(v) < c.min_length:
            why = f"shorter than {c.min_length} characters"
        elif c.max_length is not None and len(v) > c.max_length:
            why = f"longer than {c.max_length} characters"
        elif c.pattern is not None and re.search(c.pattern, v) is None:
            why = f"not matching {c.pattern!r}"
    if why is None and c.enum is not None and v not in c.enum:
        why = "not among the options"
    if why is not None:
        result.findings.append(("default.contradicts_constraints", f"default {v!r} is {why} the same cell states: "
                                "a documentation defect; no default"))
        c.default, c.has_default = None, False
