"""Description cells are full RST; this module reads constraints out of them.

Structure (bullet lists, bold values) comes from the docutils nodes; sentence patterns are matched
on the cell's text. Every pattern has a test in tests/docs/test_prose.py. What a pattern half
understands is returned as a finding (code, message), never dropped. The readers live beside this module, one
per kind of constraint (`enums`, `defaults`, `ranges`, `patterns`), with the sentence pass (`sentences`) that
goes over what the vocabulary net (`net`) classifies; this module runs them in order.
"""

from __future__ import annotations

import re

from docutils import nodes

from generator.core.types import TypeExpr
from generator.docs.prose import precision
from generator.docs.prose.defaults import default_against_limits
from generator.docs.prose.enums import (
    enum_against_open_range,
    enum_against_pattern,
    enum_from_lists,
    enum_from_paragraphs,
    enum_inline,
    set_enum,
)
from generator.docs.prose.markdown import plain_text, to_markdown
from generator.docs.prose.ranges import impossible, limits, unconditional, widen_to_cases
from generator.docs.prose.result import ProseResult
from generator.docs.prose.sentences import sentence_pass

# the description lets the field be null: "can be set to null", "If this parameter is set to **null**, the
# password never expires", "**null** indicates that ..."; never "cannot be null" / "can not be null"
_NULL_OK = re.compile(
    r"\b(?<!not )(?:can|may) (?:also |only )?be (?:set to )?\**null\**(?!\w)"
    r"|\b(?:this|the|its) (?:parameter|field|value) is (?:set to )?\**null\**(?!\w)"
    r"|\bset (?:it|this parameter|this field|the value) to \**null\**(?!\w)"
    r"|(?:^|[.;:]\s+)\**null\**\s+(?:indicates|means)\b"
    # "Its default value is **null**", "The value of **port_id** is null if the EIP is bound to a dedicated load
    # balancer" (the sentence names the field itself; "If the value of X is null, ..." is a condition on X),
    # "The value can only be null", "the value of this parameter is **null**"
    r"|\b(?:the|its) default (?:value )?is \**null\**(?!\w)"
    r"|(?:^|[.;:]\s+)the value of (?:this parameter|this field|\**[\w.-]+\**) is \**null\**(?!\w)"
    r"|\bthe value (?:can only be|is fixed to be|is always) \**null\**(?!\w)", re.I | re.M)
# "Mandatory: Yes" beside "This parameter is mandatory only when **type** is ...": required for a case only
_REQUIRED_WHEN = re.compile(r"\b(?:mandatory|required)\s+(?:only\s+)?(?:when|if)\b", re.I)


def read_description(cell: nodes.Element, type_: TypeExpr | None, markdown: str | None = None) -> ProseResult:
    """`markdown`: `to_markdown(cell)` when the caller has it already (it is the slowest part of a small cell)."""
    result = ProseResult()
    text = plain_text(cell)
    md = to_markdown(cell) if markdown is None else markdown
    enum_from_lists(cell, type_, result)
    if result.constraints.enum is None and not result.findings:
        enum_from_paragraphs(cell, type_, result)
    if result.constraints.enum is None:
        enum_inline(cell, type_, result)
    limits(unconditional(md), type_, result)
    if re.search(r"\b(this (?:parameter|field|api) (?:is|has been) (?:deprecated|discarded)|"
                 r"\(deprecated\)|^deprecated\b|is no longer (?:used|supported))", text, re.IGNORECASE):
        result.constraints.deprecated = True
    if _NULL_OK.search(text):
        result.constraints.nullable = True
    if _REQUIRED_WHEN.search(text):
        result.constraints.required_conditional = True
    sentence_pass(md, type_, result)
    widen_to_cases(md, type_, result)
    impossible(result)
    _union_of_branches(type_, result)
    precision.enum_against_json_text(text, type_, result)
    enum_against_pattern(result)
    enum_against_open_range(result)
    default_against_limits(result)
    return result


def _union_of_branches(type_: TypeExpr | None, result: ProseResult) -> None:
    """Every branch of a conditional set stated ("If **type** is **A**, ... **X**. If **type** is **B**, ... **Y** or
    **Z**."): the field's set is their union; the branches' rejections are withdrawn."""
    union = precision.union_of_branches(result)
    if union is None or result.constraints.enum is not None:
        return
    findings = result.findings
    result.findings = [(c, m) for c, m in findings if c not in ("enum.conditional", "prose.enum_conditional")]
    set_enum(result, union, type_, inferred=False, source=(precision.BRANCHES_UNION, " / ".join(result.branches)))
    if result.constraints.enum is None:
        result.findings = findings
        return
    rest = [v for v in result.constraints.values_mentioned or [] if v not in union]
    result.constraints.values_mentioned = rest or None
