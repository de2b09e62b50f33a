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

from generator.model import Constraints
from generator.types import Kind, TypeExpr

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
_INLINE_ENUM = re.compile(r"\b(?:value|values|it|options?)\s+(?:can|must|may)\s+(?:only\s+)?be\b|\bone of\b|"
                          r"\bvalues? (?:is|are)\b|\boptions are\b|\bcan be set to\b", re.IGNORECASE)

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "fifty": 50,
    "hundred": 100,
}
_NUM = r"(-?\d[\d,]*(?:\.\d+)?)"


def _num(text: str) -> int | float:
    t = text.replace(",", "")
    return float(t) if "." in t else int(t)


def read_description(cell: nodes.Element, type_: TypeExpr | None) -> ProseResult:
    result = ProseResult()
    text = plain_text(cell)
    _enum_from_lists(cell, type_, result)
    if result.constraints.enum is None and not result.findings:
        _enum_from_paragraphs(cell, type_, result)
    if result.constraints.enum is None:
        _enum_inline(cell, type_, result)
    _limits(text, type_, result)
    _default(cell, text, type_, result)
    if re.search(r"\b(this (?:parameter|field|api) (?:is|has been) (?:deprecated|discarded)|"
                 r"\(deprecated\)|^deprecated\b|is no longer (?:used|supported))", text, re.IGNORECASE):
        result.constraints.deprecated = True
    return result


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
        if not _ENUM_LEADIN.search(lead_text) and not all_strong:
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
    if kind is Kind.STRING and len(values) > 1 and all(len(v.strip()) == 1 for v in values):
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


def _limits(text: str, type_: TypeExpr | None, result: ProseResult) -> None:
    c = result.constraints
    kind = type_.kind if type_ else None
    if type_ is not None and type_.max_length is not None:
        c.max_length = type_.max_length

    m = re.search(r"\b(\d[\d,]*)\s*(?:to|-|~)\s*(\d[\d,]*)\s+characters", text, re.I)
    if m and kind is Kind.STRING:
        c.min_length, c.max_length = int(_num(m.group(1))), int(_num(m.group(2)))
    for pat in (r"(?:a )?maximum of\s+(\d[\d,]*)\s+(?:\w+\s+)?characters", r"up to\s+(\d[\d,]*)\s+characters",
                r"(?:cannot|can't|can not|must not|does not) exceed\s+(\d[\d,]*)\s+characters",
                r"maximum length(?: is|:)?\s*(\d[\d,]*)", r"max(?:imum)?\.? (\d[\d,]*) characters",
                r"(\d[\d,]*) characters at most", r"no more than\s+(\d[\d,]*)\s+characters",
                r"(?:less|fewer|smaller) than or equal to\s+(\d[\d,]*)\s+characters"):
        m = re.search(pat, text, re.I)
        if m and kind is Kind.STRING and c.max_length is None:
            c.max_length = int(_num(m.group(1)))
    m = re.search(r"minimum length(?: is|:)?\s*(\d[\d,]*)", text, re.I)
    if m and kind is Kind.STRING:
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


# ---------------------------------------------------------------- defaults

_DEFAULT_PATTERNS = (
    r"\bdefault value is\s+(?P<v>[^\s,;]+)",
    r"\bdefault value:\s*(?P<v>[^\s,;]+)",
    r"\bdefaults? to\s+(?P<v>[^\s,;]+)",
    r"\bis used by default\b(?P<v>)",
)
# words after the value that make it depend on something else
_CONDITIONAL = re.compile(r"\b(for|if|when|unless|depending|otherwise|in case|based on|varies)\b", re.I)


def _default(cell: nodes.Element, text: str, type_: TypeExpr | None, result: ProseResult) -> None:
    kind = _scalar_kind(type_) if type_ is not None and type_.kind is not Kind.ARRAY else (
        type_.kind if type_ else None)
    for pat in _DEFAULT_PATTERNS:
        m = re.search(pat, text, re.I)
        if not m:
            continue
        raw = m.group("v").strip("*`\"'“”").rstrip(".")
        if not raw:
            continue
        sentence_rest = text[m.end():].split(". ", 1)[0]
        if _CONDITIONAL.search(sentence_rest):
            result.findings.append(("default.conditional", f"default depends on a condition: {m.group(0)[:60]!r}"))
            return
        if kind not in (Kind.STRING, Kind.INTEGER, Kind.NUMBER, Kind.BOOLEAN):
            return
        if raw.lower() in ("none", "null", "empty", "n/a", "-", "left", "blank", "unspecified"):
            result.findings.append(("default.none", f"the default is stated as {raw!r}: no value"))
            return
        value = _convert(raw, kind)
        if value is None or value == "":
            result.findings.append(("default.type_mismatch", f"default {raw!r} is not a {kind}"))
            return
        enum = result.constraints.enum
        if enum is not None and value not in enum:
            result.findings.append(("default.not_in_enum", f"default {value!r} is not among the options"))
            return
        result.constraints.default = value
        result.constraints.has_default = True
        return
