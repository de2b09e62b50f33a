"""Description cells are full RST; this module reads constraints out of them.

Structure (bullet lists, bold values) comes from the docutils nodes; sentence patterns are matched
on the cell's text. Every pattern here has a test in tests/test_prose.py. What a pattern half
understands is returned as a finding (code, message), never dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from docutils import nodes

from generator.core.model import Constraints
from generator.core.types import Kind, TypeExpr

# ---------------------------------------------------------------- rendering


def to_markdown(node: nodes.Node) -> str:
    """A cell (or any body node) as compact CommonMark: paragraphs, bullets, bold, code."""
    parts = [_block(child) for child in node.children]
    return "\n\n".join(p for p in parts if p).strip()


def _block(node: nodes.Node) -> str:
    if isinstance(node, nodes.paragraph):
        return _inline(node)
    if isinstance(node, (nodes.bullet_list, nodes.enumerated_list)):
        items = []
        for i, item in enumerate(node.children, 1):
            marker = "-" if isinstance(node, nodes.bullet_list) else f"{i}."
            body = "\n".join(_block(c) for c in item.children).replace("\n", "\n  ")
            items.append(f"{marker} {body}")
        return "\n".join(items)
    if isinstance(node, nodes.literal_block):
        return "```\n" + node.astext() + "\n```"
    if isinstance(node, nodes.Element) and (
        isinstance(node, nodes.Admonition) or node.tagname in ("note", "warning", "important", "caution", "tip")
    ):
        inner = " ".join(_block(c) for c in node.children if not isinstance(c, nodes.title))
        return f"> **{node.tagname.capitalize()}**: {inner}"
    if isinstance(node, nodes.Element):
        return "\n\n".join(p for p in (_block(c) for c in node.children) if p)
    return node.astext()


def _inline(node: nodes.Node) -> str:
    out = []
    for child in node.children:
        if isinstance(child, nodes.strong):
            out.append(f"**{child.astext()}**")
        elif isinstance(child, nodes.emphasis):
            out.append(f"*{child.astext()}*")
        elif isinstance(child, nodes.literal):
            out.append(f"`{child.astext()}`")
        else:
            out.append(child.astext())
    return " ".join("".join(out).split())


def plain_text(node: nodes.Node) -> str:
    return " ".join(node.astext().split())


# ---------------------------------------------------------------- findings


@dataclass
class ProseResult:
    constraints: Constraints = field(default_factory=Constraints)
    findings: list[tuple[str, str]] = field(default_factory=list)  # (code, message)


_ENUM_LEADIN = re.compile(
    r"(options?|enums?|enumeration values?|enumerated values?|possible values?|valid values?|"
    r"values? (?:can|must) be(?: one of)?|one of the following|the following values?|"
    r"available values?|supported values?|value range|values? include|value options?|"
    r"the options are(?: as follows)?|(?:is|are) as follows|the value is|the values are|"
    r"the values? (?:can|must) be|types?|statuses)\s*[:：]?\s*$",
    re.IGNORECASE,
)
_LEADING_VALUE = re.compile(r"^([A-Za-z0-9_.\-/]+)\s*[:：]")
_CAPS_TOKEN = re.compile(r"\b[A-Z][A-Z0-9_]{2,}\b")
# words that make listed values examples wherever they stand in the sentence (narrower than `_EXAMPLE_ONLY`,
# which also reads "example" and "recommended" before the values)
_EXAMPLE_WORDS = re.compile(r"\b(?:for example|for instance|e\.g\.?|such as|commonly used|typical(?:ly)?|"
                            r"common values?)", re.I)
_INLINE_ENUM = re.compile(r"\b(?:value|values|it|options?)\s+(?:can|must|may)\s+(?:only\s+)?be\b|\bone of\b|"
                          r"\bvalues? (?:is|are)\b|\boptions are\b|\bcan be set to\b", re.IGNORECASE)

# the description lets the field be null: "can be set to null", "If this parameter is set to **null**, the
# password never expires", "**null** indicates that ..."; never "cannot be null" / "can not be null"
_NULL_OK = re.compile(
    r"\b(?<!not )(?:can|may) (?:also |only )?be (?:set to )?\**null\**(?!\w)"
    r"|\b(?:this|the|its) (?:parameter|field|value) is (?:set to )?\**null\**(?!\w)"
    r"|\bset (?:it|this parameter|this field|the value) to \**null\**(?!\w)"
    r"|(?:^|[.;:]\s+)\**null\**\s+(?:indicates|means)\b", re.I | re.M)
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "fifty": 50,
    "hundred": 100,
}
_NUM = r"(-?\d[\d,]*(?:\.\d+)?)"


def _num(text: str) -> int | float:
    t = text.replace(",", "")
    return float(t) if "." in t else int(t)


def read_description(cell: nodes.Element, type_: TypeExpr | None, markdown: str | None = None) -> ProseResult:
    """`markdown`: `to_markdown(cell)` when the caller has it already (it is the slowest part of a small cell)."""
    result = ProseResult()
    text = plain_text(cell)
    md = to_markdown(cell) if markdown is None else markdown
    _enum_from_lists(cell, type_, result)
    if result.constraints.enum is None and not result.findings:
        _enum_from_paragraphs(cell, type_, result)
    if result.constraints.enum is None:
        _enum_inline(cell, type_, result)
    _limits(_unconditional(md), type_, result)
    if re.search(r"\b(this (?:parameter|field|api) (?:is|has been) (?:deprecated|discarded)|"
                 r"\(deprecated\)|^deprecated\b|is no longer (?:used|supported))", text, re.IGNORECASE):
        result.constraints.deprecated = True
    if _NULL_OK.search(text):
        result.constraints.nullable = True
    _sentence_pass(md, type_, result)
    _enum_against_pattern(result)
    _enum_against_open_range(result)
    _default_against_limits(result)
    return result


def _enum_against_open_range(result: ProseResult) -> None:
    """"The value must be greater than or equal to **0** ... If the value is **0**, the first page is displayed,
    which is the same as the value **1**" (ECS listing_details_about_ecss.rst): numbers the cell marks beside a
    one-sided bound are points of an open range, not a closed set. The bound stays; the value set is reported."""
    c = result.constraints
    if not c.enum or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in c.enum):
        return
    lower = c.minimum is not None or c.exclusive_minimum is not None
    upper = c.maximum is not None or c.exclusive_maximum is not None
    if lower != upper:
        result.findings.append(("enum.within_open_range", f"values {', '.join(map(repr, c.enum))} are marked beside "
                                "a one-sided bound: points of the range, not a value set"))
        c.enum = None


def _enum_against_pattern(result: ProseResult) -> None:
    """"The value is the **cipher_text** value ... that matches **^[0-9a-zA-Z+/=]{188,5648}$**" (KMS
    decrypting_data.rst:52): a marked word that the cell's own pattern refuses names something else, not a value.
    The value set is dropped and reported; the pattern stays."""
    c = result.constraints
    if c.enum is None or c.pattern is None:
        return
    try:
        refused = [v for v in c.enum if isinstance(v, str) and re.search(c.pattern, v) is None]
    except re.error:
        return
    if refused:
        result.findings.append(("enum.contradicts_pattern", f"value(s) {', '.join(map(repr, refused))} do not match the"
                                f" pattern {c.pattern!r} the same cell states: a documentation defect; no value set"))
        c.enum = None


def _default_against_limits(result: ProseResult) -> None:
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


# ---------------------------------------------------------------- enums


def _item_value(item: nodes.list_item) -> str | None:
    first = next((c for c in item.children if isinstance(c, nodes.paragraph)), None)
    if first is None or not first.children:
        return None
    head = first.children[0]
    if isinstance(head, (nodes.strong, nodes.literal)):
        value = head.astext().strip()
        nxt = first.children[1].astext() if len(first.children) > 1 else ""
        if nxt and not nxt[0].isspace() and nxt[0] not in ":：,.(;":
            # `**des**\ c` renders as "desc": the value runs on past the bold part
            m = re.match(r"[^\s:：,(;]+", nxt)
            value += m.group(0) if m else ""
        return value or None
    text = first.astext().strip()
    m = _LEADING_VALUE.match(text)
    if m:
        return m.group(1)
    if re.fullmatch(r"[^\s:：]+", text):  # a bare token: `application/json;charset=utf-8`
        return text
    return None


def _enum_from_lists(cell: nodes.Element, type_: TypeExpr | None, result: ProseResult) -> None:
    for blist in cell.findall(nodes.bullet_list):
        parent = blist.parent
        idx = parent.index(blist)
        lead = parent.children[idx - 1] if idx > 0 else None
        lead_text = plain_text(lead) if isinstance(lead, nodes.paragraph) else ""
        has_leadin = bool(_ENUM_LEADIN.search(lead_text)) or lead_text.endswith(":")
        items = [c for c in blist.children if isinstance(c, nodes.list_item)]
        if any(re.match(r"^-?\d[\d,.]*\s+(?:to|-|~)\s+-?\d[\d,.]*\b", plain_text(i)) for i in items):
            # "**1** to **732**: retention days" describes a range, so the list is not an enum
            result.findings.append(("enum.range_item", "an option is a range; no enum"))
            return
        values = [_item_value(i) for i in items]
        all_strong = all(
            isinstance(i.children[0], nodes.paragraph) and i.children[0].children
            and isinstance(i.children[0].children[0], nodes.strong)
            for i in items if i.children
        )
        if not has_leadin and not all_strong:
            continue
        if _EXAMPLE_WORDS.search(lead_text):  # "Commonly used values are as follows:" lists examples
            result.findings.append(("prose.enum_example_only", f"values given as examples, not a closed set: "
                                    f"{lead_text[-80:]!r}"))
            return
        if not _ENUM_LEADIN.search(lead_text) and not all_strong:
            continue
        if not _ENUM_LEADIN.search(lead_text) and values and all(
            v is not None and re.search(rf"(?<!\w){re.escape(v)}(?!\w)", lead_text) for v in values
        ):
            # "The format is start.end.duration. Parameter description:" then one bullet per part:
            # bold terms the lead sentence already names are a glossary of it, not the options.
            continue
        if all(v is not None for v in values) and values:
            _set_enum(result, [v for v in values if v is not None], type_, inferred=False)
            return
        if any(v is not None for v in values):
            result.findings.append(("enum.partial", "some list items under an enum lead-in carry no value: "
                                    + "; ".join(plain_text(i)[:40] for i, v in zip(items, values, strict=True)
                                                if v is None)))
            return
        # No item starts with a value. If each names exactly one upper-case word, those are the
        # values the docs meant ("... must be specified in COMMAND script."); keep them, flagged.
        caps = [_CAPS_TOKEN.findall(plain_text(i)) for i in items]
        if caps and all(len(set(c)) == 1 for c in caps) and len({c[0] for c in caps}) == len(caps):
            _set_enum(result, [c[0] for c in caps], type_, inferred=True)
            result.findings.append(("enum.inferred", "enum values inferred from upper-case words in the "
                                    f"option texts: {', '.join(c[0] for c in caps)}"))
            return
        result.findings.append(("enum.unparsed", f"options listed but no values found after '{lead_text[-40:]}'"))
        return


def _enum_from_paragraphs(cell: nodes.Element, type_: TypeExpr | None, result: ProseResult) -> None:
    """"Options:" then one paragraph per value: `STORAGE: storage billing.` (no bullets, no bold)."""
    paras = [c for c in cell.children if isinstance(c, nodes.paragraph)]
    for i, para in enumerate(paras):
        lead = plain_text(para)
        if not (lead.endswith(":") and _ENUM_LEADIN.search(lead)):
            continue
        if _EXAMPLE_WORDS.search(lead):
            result.findings.append(("prose.enum_example_only", f"values given as examples, not a closed set: "
                                    f"{lead[-80:]!r}"))
            return
        following = paras[i + 1:]
        if any(isinstance(c, nodes.bullet_list) for c in cell.children):
            return
        values = []
        for p in following:
            m = _LEADING_VALUE.match(plain_text(p))
            if not m:
                break
            values.append(m.group(1))
        if len(values) >= 2:
            _set_enum(result, values, type_, inferred=False)
        else:
            result.findings.append(("enum.unparsed", f"options announced ('{lead[-40:]}') but no values follow"))
        return


def _enum_inline(cell: nodes.Element, type_: TypeExpr | None, result: ProseResult) -> None:
    for para in cell.findall(nodes.paragraph):
        if isinstance(para.parent, nodes.list_item):
            continue
        text = plain_text(para)
        m = _INLINE_ENUM.search(text)
        if not m:
            continue
        sentence_start = max(text.rfind(". ", 0, m.start()) + 1, 0)
        stop = text.find(". ", m.end())
        # "The value can be **10**, **20**, or **50**, for example": the example words may close the sentence
        if _EXAMPLE_ONLY.search(text[sentence_start:m.end()]) or _EXAMPLE_WORDS.search(
                text[m.end():stop if stop >= 0 else len(text)]):
            # "Commonly used values are **10**, **20**, and **50**": examples, not a closed set
            result.findings.append(("prose.enum_example_only", "values given as examples, not a closed set: "
                                    f"{text[sentence_start:sentence_start + 80].strip()!r}"))
            continue
        # values are the bold words of the sentence that follows the lead-in
        sentence_end = text.find(".", m.end())
        strongs = []
        pos = 0
        for child in para.children:
            chunk = child.astext()
            start = text.find(" ".join(chunk.split()), pos) if chunk.strip() else pos
            if isinstance(child, (nodes.strong, nodes.literal)) and start >= m.start() and (
                sentence_end < 0 or start <= sentence_end
            ):
                strongs.append(chunk.strip())
            pos = max(pos, start)
        if len(strongs) >= 2:
            _set_enum(result, strongs, type_, inferred=False)
            return


def _set_enum(result: ProseResult, values: list[str], type_: TypeExpr | None, *, inferred: bool) -> None:
    kind = _scalar_kind(type_)
    if any(v.strip().lower() == "null" for v in values):
        result.findings.append(("enum.null_value", "null listed as an option: kept out of the enum"))
        values = [v for v in values if v.strip().lower() != "null"]
    if kind is Kind.STRING and len(values) > 1 and all(len(v.strip()) == 1 and v.strip().isalpha() for v in values):
        # "vX.Y.Z-rN" explained letter by letter: placeholders of a format, not values
        result.findings.append(("enum.placeholder_letters", f"single-letter options {values}: not an enum"))
        return
    typed: list[Any] = []
    for v in dict.fromkeys(values):  # keep order, drop repeats
        converted = _convert(v, kind)
        if converted is None:
            result.findings.append(("enum.type_mismatch", f"enum value {v!r} is not a {kind}"))
            return
        typed.append(converted)
    if kind in (Kind.OBJECT, Kind.ANY, Kind.REF, Kind.MAP, None):
        result.findings.append(("enum.not_scalar", f"option list on a non-scalar field: {', '.join(values)}"))
        return
    result.constraints.enum = typed
    result.constraints.enum_inferred = inferred


def _scalar_kind(type_: TypeExpr | None) -> Kind | None:
    if type_ is None:
        return None
    if type_.kind is Kind.ARRAY and type_.items is not None:
        return type_.items.kind  # enum on array items
    return type_.kind


def _convert(value: str, kind: Kind | None) -> Any:
    v = value.strip().strip("\"'")
    if kind is Kind.INTEGER:
        try:
            return int(v)
        except ValueError:
            return None
    if kind is Kind.NUMBER:
        try:
            return float(v)
        except ValueError:
            return None
    if kind is Kind.BOOLEAN:
        return {"true": True, "false": False}.get(v.lower())
    return v


# ---------------------------------------------------------------- limits


def _unconditional(markdown: str) -> str:
    """The sentences of a cell that state something of this field outright, one per line: a range under "If **x**
    is set to **y**" or given "for example" holds for a case, not for the field (the sentence pass reports those)."""
    from generator.docs.prose.net import units

    return "\n".join(_plain(u.text) for u in units(markdown) if not (
        re.match(r"(?:if|when|only when|unless)\b", u.text, re.I) or re.search(r"\bis set to\b", u.text, re.I)
        or _EXAMPLE_ONLY.search(u.text)))


def _limits(text: str, type_: TypeExpr | None, result: ProseResult) -> None:
    c = result.constraints
    kind = type_.kind if type_ else None
    if type_ is not None and type_.max_length is not None:
        c.max_length = type_.max_length

    # the kind (and what is known already) is asked before a pattern runs: most fields are not strings
    m = re.search(r"\b(\d[\d,]*)\s*(?:to|-|~)\s*(\d[\d,]*)\s+characters", text, re.I) if kind is Kind.STRING else None
    if m:
        c.min_length, c.max_length = int(_num(m.group(1))), int(_num(m.group(2)))
    for pat in (r"(?:a )?maximum of\s+(\d[\d,]*)\s+(?:\w+\s+)?characters", r"up to\s+(\d[\d,]*)\s+characters",
                r"(?:cannot|can't|can not|must not|does not) exceed\s+(\d[\d,]*)\s+characters",
                r"maximum length(?: is|:)?\s*(\d[\d,]*)", r"max(?:imum)?\.? (\d[\d,]*) characters",
                r"(\d[\d,]*) characters at most", r"no more than\s+(\d[\d,]*)\s+characters",
                r"(?:less|fewer|smaller) than or equal to\s+(\d[\d,]*)\s+characters"):
        m = re.search(pat, text, re.I) if kind is Kind.STRING and c.max_length is None else None
        if m:
            c.max_length = int(_num(m.group(1)))
    m = re.search(r"minimum length(?: is|:)?\s*(\d[\d,]*)", text, re.I) if kind is Kind.STRING else None
    if m:
        c.min_length = int(_num(m.group(1)))

    if kind in (Kind.INTEGER, Kind.NUMBER):
        m = re.search(r"(?:value range|range|ranges? from|value ranges from|valid values? range from|"
                      r"value is in the range of|can be set to|the value can be)\s*(?:is|:)?\s*(?:from\s+)?\[?"
                      + _NUM + r"\s*(?:to|-|~|,)\s*" + _NUM + r"\]?", text, re.I)
        if m:
            c.minimum, c.maximum = _num(m.group(1)), _num(m.group(2))
        m = re.search(r"(?:less|smaller|lower) than or equal to\s*" + _NUM, text, re.I)
        if m and c.maximum is None:
            c.maximum = _num(m.group(1))
        m = re.search(r"(?:greater|larger|bigger|more) than or equal to\s*" + _NUM, text, re.I)
        if m and c.minimum is None:
            c.minimum = _num(m.group(1))
        m = re.search(r"(?:the )?maximum(?: value)?(?: is|:)\s*" + _NUM, text, re.I)
        if m:
            c.maximum = _num(m.group(1))
        m = re.search(r"(?:the )?minimum(?: value)?(?: is|:)\s*" + _NUM, text, re.I)
        if m:
            c.minimum = _num(m.group(1))
    if kind is Kind.STRING:
        m = re.search(r"\bMinimum:\s*(\d+)", text)
        if m and c.min_length is None:
            c.min_length = int(m.group(1))
        m = re.search(r"\bMaximum:\s*(\d+)", text)
        if m and c.max_length is None:
            c.max_length = int(m.group(1))

    if kind is Kind.ARRAY:
        words = "|".join(_NUMBER_WORDS)
        m = re.search(rf"(?:a )?maximum of\s+(\d[\d,]*|{words})\b(?!\s+characters)", text, re.I)
        if m:
            tok = m.group(1).lower()
            c.max_items = _NUMBER_WORDS[tok] if tok in _NUMBER_WORDS else int(_num(tok))
        m = re.search(r"\bMaximum:\s*(\d+)", text)
        if m and c.max_items is None:
            c.max_items = int(m.group(1))


# ---------------------------------------------------------------- sentence by sentence
#
# The patterns above read the phrasings they know anywhere in the cell. This pass goes over every sentence the
# vocabulary net (`generator.docs.prose.net`) classifies and, for each kind the field does not carry yet, either learns
# the constraint or says why not (`prose.<kind>_<reason>`): nothing the net catches is dropped without a word.

_EXAMPLE_ONLY = re.compile(r"\b(?:for example|for instance|e\.g\.?|such as|commonly used|example|typical(?:ly)?|"
                           r"recommended|suggested|like)\b", re.I)
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


def _sentence_pass(markdown: str, type_: TypeExpr | None, result: ProseResult) -> None:
    from generator.docs.prose import net as prose_net

    kind = type_.kind if type_ is not None else None
    # a kind the cell-wide readers above already decided against (enum.partial, ...) is not asked again
    decided = {k for k in prose_net.KINDS for code, _ in result.findings
               if code.startswith(_REJECTIONS[k]) and not code.startswith("prose.")}
    for unit in prose_net.units(markdown):
        for k in prose_net.classify(unit, kind):
            if k in decided or _has(k, result, type_):
                continue
            {prose_net.VALUE_SET: _learn_values, prose_net.DEFAULT: _learn_default, prose_net.RANGE: _learn_range,
             prose_net.PATTERN: _learn_pattern, prose_net.ARRAY_SIZE: _learn_items}[k](unit, type_, result)
    _enum_against_example(markdown, result)
    # a sentence that said nothing readable does not count against one that did: keep only the decisions that stand
    captured = [k for k in prose_net.KINDS if _has(k, result, type_)]
    result.findings = [(code, msg) for code, msg in result.findings
                       if not (code.startswith("prose.") and any(code.startswith(p) for k in captured
                                                                  for p in _REJECTIONS[k]))]


_REJECTIONS = {"value set": ("enum.", "prose.enum_"), "default": ("default.", "prose.default_"),
               "range/length": ("prose.range_",), "pattern": ("prose.pattern_",), "array size": ("prose.items_",)}


def _has(k: str, result: ProseResult, type_: TypeExpr | None) -> bool:
    """The field already carries this kind, or a finding already says why it does not."""
    c = result.constraints
    done = {
        "value set": c.enum is not None or (type_ is not None and _scalar_kind(type_) is Kind.BOOLEAN),
        "default": c.has_default,
        "range/length": any(v is not None for v in (c.minimum, c.maximum, c.min_length, c.max_length,
                                                    c.exclusive_minimum, c.exclusive_maximum, c.multiple_of)),
        "pattern": c.pattern is not None,
        "array size": c.min_items is not None or c.max_items is not None,
    }[k]
    return done


def _plain(s: str) -> str:
    """Markup and thousands separators out: `**1,000**` -> `1000`."""
    s = s.replace("**", "").replace("`", "")
    return re.sub(r"(?<=\d),(?=\d{3}\b)", "", s)


def _learn_values(unit: Any, type_: TypeExpr | None, result: ProseResult) -> None:
    s = unit.text
    if _EXAMPLE_ONLY.search(s):
        result.findings.append(("prose.enum_example_only", f"values given as examples, not a closed set: {s[:80]!r}"))
        return
    if re.match(r"(?:if|when|only when|unless)\b", s, re.I) or re.search(r"\bis set to\b|\bis\s+\*\*", s):
        result.findings.append(("prose.enum_conditional", f"values stated under a condition: {s[:80]!r}"))
        return
    if re.search(r"\b(?:together with|mutually exclusive|either|(?:is|are) required|specify)\b|"
                 r"\*\*\s+(?:parameters?|fields?|headers?)\b", s, re.I):
        result.findings.append(("prose.enum_ambiguous", f"the marked words name other parameters: {s[:80]!r}"))
        return
    if unit.leads_list:
        result.findings.append(("prose.enum_ambiguous", f"options announced but not one value per item: {s[-60:]!r}"))
        return
    m = re.search(r"\b(?:can|could|must|may|should|will) (?:only )?be(?: one of)?\b|\bone of\b|\bvalues? "
                  r"(?:is|are|include)\b|\boptions?\b|\b(?:possible|valid|available|supported|enumerat\w*) values?",
                  s, re.I)
    start = m.end() if m else 0
    rest = s[start:]
    values = [v.strip() for v in prose_marked(rest) if v.strip()]
    fixed = re.search(r"\b(?:is|are) fixed (?:at|to|as)\s+(?:\*\*([^*]+)\*\*|`([^`]+)`)", s, re.I)
    if fixed:  # "The value is fixed at **v3**": a one-value set
        _set_enum(result, [fixed.group(1) or fixed.group(2)], type_, inferred=False)
        return
    mark = r"(?:\*\*[^*]+\*\*|`[^`]+`)(?:\s*\([^)]*\))?"
    only = re.search(rf"\bonly\s+({mark}(?:\s*(?:,|or|and)+\s*{mark})*)\s+(?:is|are) (?:supported|allowed|available|"
                     r"valid)", s, re.I)
    if only:  # "Currently, only **evs** (EVS volumes) and **local** (local volumes) are supported."
        rest = only.group(1)
        values = [v.strip() for v in prose_marked(rest) if v.strip()]
    # only a list of marked values joined by commas / "or" / "and", each perhaps explained in brackets
    one = r"(?:\*\*[^*]+\*\*|`[^`]+`|\"[^\"]+\")(?:\s*\([^)]*\))?"
    if len(values) < 1 or not re.match(rf"\s*[:：]?\s*{one}(?:\s*(?:,|，|or|and|/)+\s*{one})+", rest) and not (
            only and values):
        result.findings.append(("prose.enum_ambiguous", f"marked words are not a plain list of values: {s[:80]!r}"))
        return
    before = len(result.findings)
    _set_enum(result, values, type_, inferred=False)
    if result.constraints.enum is None and len(result.findings) == before:
        result.findings.append(("prose.enum_ambiguous", f"values not taken: {s[:80]!r}"))


def _default_kind(type_: TypeExpr | None) -> Kind | None:
    if type_ is None:
        return None
    return type_.kind


def _learn_default(unit: Any, type_: TypeExpr | None, result: ProseResult) -> None:
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
    if _EXAMPLE_ONLY.search(core[:m.start()]) and not re.search(r"\bdefault\b", core[:20], re.I):
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
    converted = _convert(_plain(value), kind)
    if converted is None or converted == "":
        result.findings.append(("default.type_mismatch", f"default {value!r} is not a {kind}"))
        return
    enum = result.constraints.enum
    if enum is not None and converted not in enum:
        result.findings.append(("default.not_in_enum", f"default {converted!r} is not among the options"))
        return
    result.constraints.default = converted
    result.constraints.has_default = True


_N = r"(-?\d+(?:\.\d+)?)"
_UNIT = r"(?:characters?|chars?|bytes?|digits?|letters?)"


def _learn_range(unit: Any, type_: TypeExpr | None, result: ProseResult) -> None:
    s = _plain(unit.text)
    kind = _scalar_kind(type_) if type_ is not None and type_.kind is Kind.ARRAY else (type_.kind if type_ else None)
    c = result.constraints
    ex = _EXAMPLE_ONLY.search(s)
    if ex and not re.search(r"(?<![\w.])-?\d", s[:ex.start()]):
        result.findings.append(("prose.range_example_only", f"numbers given as examples: {s[:80]!r}"))
        return
    if re.match(r"(?:if|when|only when|unless|for)\b", s, re.I) or re.search(r"\bis set to\b", s, re.I):
        result.findings.append(("prose.range_conditional", f"range stated under a condition: {s[:80]!r}"))
        return
    if kind is Kind.STRING:
        s = re.sub(r"\b(?:Unicode|ASCII|UTF-8|English|Chinese|single-byte|double-byte|printable|special)\s+(?=" + _UNIT
                   + ")", "", s, flags=re.I)
        m = re.search(rf"\bmax(?:imum|\.)?\s*(?:number of\s+)?{_UNIT}\s*[:：]?\s*{_N}", s, re.I)
        if m:  # "Max. characters: 20"
            c.max_length = int(float(m.group(1)))
            return
        m = (re.search(rf"\b{_N}\s*(?:to|-|~|and)\s*{_N}\s*{_UNIT}", s, re.I)
             or re.search(rf"\bbetween\s+{_N}\s+(?:and|to)\s+{_N}\s*{_UNIT}", s, re.I)
             or re.search(rf"\blength\D{{0,40}}?\b(?:from\s+)?{_N}\s*(?:to|-|~|and)\s*{_N}\b", s, re.I))
        if m:
            c.min_length, c.max_length = int(float(m.group(1))), int(float(m.group(2)))
            return
        m = re.search(rf"(?:maximum|max\.?|at most|up to|no more than|not more than|cannot exceed|can't exceed|"
                      rf"not exceed|not longer than|less than or equal to|maximum length(?: of| is)?)\s*(?:of\s*)?"
                      rf"{_N}\s*{_UNIT}", s, re.I) or re.search(
                          rf"(?:maximum|max\.?) (?:length|size)(?: of| is|:)?\s*{_N}", s, re.I) or re.search(
                          rf"{_UNIT}\D{{0,30}}(?:cannot|can't|must not|does not|not) exceed\s*{_N}", s, re.I)
        if m:
            c.max_length = int(float(m.group(1)))
            return
        m = re.search(rf"(?:at least|minimum(?: of| length(?: of| is)?)?|no less than|not less than)\s*{_N}\s*{_UNIT}",
                      s, re.I)
        if m:
            c.min_length = int(float(m.group(1)))
            return
        m = re.search(rf"\b(?:an?|the|contains?|of|must be|is)\s+{_N}[- ]{_UNIT}", s, re.I) or re.search(
            rf"^{_N}[- ]{_UNIT}", s, re.I)
        if m:
            c.min_length = c.max_length = int(float(m.group(1)))
            return
        if re.search(r"\b\d+\s*(?:KB|MB|GB|KiB|MiB|GiB)\b", s):
            result.findings.append(("prose.range_ambiguous", f"a size in bytes of what the string holds, not its "
                                    f"length: {s[:80]!r}"))
            return
        if re.search(r"\bsum of\b|\btotal\b|\bin total\b|\bcombined\b", s, re.I):
            result.findings.append(("prose.range_ambiguous", f"a limit on several values together: {s[:80]!r}"))
            return
        if re.search(r"\b(?:range|ranges|value|integer|number)\b", s, re.I) and re.search(_N, s):
            result.findings.append(("prose.range_contradicts_type", f"numeric range stated for a string: {s[:80]!r}"))
            return
        if re.search(rf"(?:maximum of|up to|at most|no more than|cannot exceed)\s*{_N}\s+(?!{_UNIT})\w+", s, re.I):
            result.findings.append(("prose.range_ambiguous", f"a count of things the string lists, not its length: "
                                    f"{s[:80]!r}"))
        return
    if kind in (Kind.INTEGER, Kind.NUMBER):
        num: Any = int if kind is Kind.INTEGER else float
        m = (re.search(rf"\[\s*{_N}\s*,\s*{_N}\s*\]", s)
             or re.search(rf"\b(?:from|between)\s+{_N}\s*(?:\([^)]*\)\s*)?(?:to|and|-|~)\s+{_N}", s, re.I)
             or re.search(rf"\b(?:range|ranges|value|values|integer|number)\b[^.\d-]{{0,30}}{_N}\s*(?:\([^)]*\)\s*)?"
                          rf"(?:to|-|~)\s*{_N}", s, re.I))
        if m:
            c.minimum, c.maximum = _num(m.group(1)), _num(m.group(2))
            return
        m = re.search(rf"(?:greater|larger|more) than or equal to\s*{_N}|"
                      rf"(?:at least|minimum(?: [a-z]+){{0,2}}(?: is|:)?|no less than|not less than|>=)\s*{_N}",
                      s, re.I)
        if m:
            c.minimum = _num(m.group(1) or m.group(2))
        else:
            m = re.search(rf"(?:greater|larger|more|bigger) than\s*{_N}|>\s*{_N}", s, re.I)
            if m:
                v = _num(m.group(1) or m.group(2))
                if num is int and isinstance(v, int):
                    c.minimum = v + 1
                else:
                    c.exclusive_minimum = v
        m = re.search(rf"(?:less|smaller|lower) than or equal to\s*{_N}|(?:at most|maximum(?: [a-z]+){{0,2}}(?: is|:)?|"
                      rf"up to|no more than|not more than|cannot exceed|can't exceed|not exceed|<=)\s*{_N}", s, re.I)
        if m:
            c.maximum = _num(m.group(1) or m.group(2))
        else:
            m = re.search(rf"(?:less|smaller|lower) than\s*{_N}|<\s*{_N}", s, re.I)
            if m:
                v = _num(m.group(1) or m.group(2))
                if num is int and isinstance(v, int):
                    c.maximum = v - 1
                else:
                    c.exclusive_maximum = v
        m = re.search(rf"multiple of\s*{_N}", s, re.I)
        if m:
            c.multiple_of = _num(m.group(1))
        if not _has("range/length", result, type_) and re.search(r"\bsum of\b|\btotal\b|\bcombined\b", s, re.I):
            result.findings.append(("prose.range_ambiguous", f"a limit on several values together: {s[:80]!r}"))
        return
    if kind is not None and kind not in (Kind.STRING, Kind.INTEGER, Kind.NUMBER):
        result.findings.append(("prose.range_not_scalar", f"a range or length stated for a {kind} field: "
                                f"{s[:80]!r}"))


def _learn_pattern(unit: Any, type_: TypeExpr | None, result: ProseResult) -> None:
    s = unit.text
    kind = _scalar_kind(type_)
    for m in prose_marked(s):
        v = m.strip().strip("\"'“”")
        if v.startswith("^") or v.endswith("$"):
            try:
                re.compile(v)
            except re.error:
                result.findings.append(("prose.pattern_ambiguous", f"regular expression {v!r} does not compile"))
                return
            if kind is not Kind.STRING:
                result.findings.append(("prose.pattern_contradicts_type", f"pattern {v!r} on a {kind} field"))
                return
            result.constraints.pattern = v
            return
    result.findings.append(("prose.pattern_ambiguous", f"a regular expression is named but not stated: {s[:80]!r}"))


def prose_marked(s: str) -> list[str]:
    return [next(g for g in m.groups() if g) for m in re.finditer(r"\*\*(.+?)\*\*(?!\*)|`([^`]+)`", s)]


def _learn_items(unit: Any, type_: TypeExpr | None, result: ProseResult) -> None:
    s = _plain(unit.text)
    c = result.constraints
    if re.match(r"(?:if|when|only when|unless)\b", s, re.I):
        result.findings.append(("prose.items_conditional", f"array size stated under a condition: {s[:80]!r}"))
        return
    words = "|".join(_NUMBER_WORDS)
    n = rf"(\d+|{words})"

    def val(t: str) -> int:
        return _NUMBER_WORDS.get(t.lower()) or int(t)

    m = re.search(rf"\b{n}\s*(?:to|-|~)\s*{n}\s+(?:\w+\s+)?(?:items|elements|entries|\w+s)\b", s, re.I)
    if m:
        c.min_items, c.max_items = val(m.group(1)), val(m.group(2))
        return
    hit = False
    m = re.search(rf"(?:maximum of|max\.?|at most|up to|no more than|not more than|cannot exceed|can't exceed|"
                  rf"not exceed|a max of|maximum(?: number)?(?: is|:))\s*{n}\b", s, re.I)
    if m:
        c.max_items = val(m.group(1))
        hit = True
    m = re.search(rf"(?:at least|minimum of|minimum(?: number)?(?: is|:))\s*{n}\b", s, re.I)
    if m:
        c.min_items = val(m.group(1))
        hit = True
    if not hit:
        result.findings.append(("prose.items_ambiguous", f"array size words without a readable bound: {s[:80]!r}"))


def _enum_against_example(markdown: str, result: ProseResult) -> None:
    """"Example: X" in the cell with X outside the documented values: a documentation defect, reported; the
    documented set stays as it is (neither widened to take the example nor dropped)."""
    enum = result.constraints.enum
    if not enum:
        return
    m = re.search(r"\bExample(?: value)?\s*[:：]\s*(?:\*\*(.+?)\*\*|`([^`]+)`|([^\s,;]+))", markdown)
    if m is None:
        return
    raw = (m.group(1) or m.group(2) or m.group(3)).strip().rstrip(".").strip("\"'")
    if raw in {str(v) for v in enum} or raw.lower() in {str(v).lower() for v in enum if isinstance(v, bool)}:
        return
    result.findings.append(("enum.contradicts_example", f"the cell's example {raw!r} is not among its values "
                            f"{enum}: a documentation defect"))
