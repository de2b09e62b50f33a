"""The vocabulary net over description sentences: which sentences state a value set, a default, a range or
length, a pattern or an array size.

Shared by the extractor (`docs.prose.read`, which must either turn a classified sentence into a constraint or say
why not) and by the prose census (`generator.report.prose_census`, which counts what reached the spec), so both
see the same sentences. It works on the Markdown `prose.to_markdown` makes of a cell: paragraphs, `- ` items,
`**bold**` and `` `code` `` kept, so the values a sentence marks stay visible.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.core.types import Kind

VALUE_SET, DEFAULT, RANGE, PATTERN, ARRAY_SIZE = "value set", "default", "range/length", "pattern", "array size"
KINDS = (VALUE_SET, DEFAULT, RANGE, PATTERN, ARRAY_SIZE)

NUMBER_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|hundred)"
_VALUE_SET = re.compile(
    r"\b(?:can|could|must|may|should|will) (?:only )?be\b|\boptions?\b|\bpossible values?\b|\benumerat\w*|"
    r"\benums?\b|\bvalid values?\b|\bone of\b|\bvalue range\b|(?<!default )\bvalues? (?:is|are|include)\b|"
    r"\bsupport(?:s|ed)?\b|\bavailable values?\b|\bfollowing values?\b|\beither\b|\bvalues?:", re.I)
# "default" as a statement, not the adjective of another thing ("the default security group")
_DEFAULT = re.compile(
    r"\bdefault value\b|\bby default\b|\bdefaults? to\b|\(default\)|\bdefault\s*[:：]|\bdefault(?: \w+)? is\b|"
    r"\bis (?:the )?default\b|\bdefault\*\*|"
    r"\bif (?:this parameter is |the parameter is |it is |this field is |the value is )?"
    r"(?:not (?:specified|set|configured|provided|passed|transferred|carried|included)|left (?:blank|empty)|"
    r"unspecified|omitted|empty)\b", re.I)
_RANGE = re.compile(
    r"\b(?:range|ranges|ranging|minimum|maximum|min|max|at least|at most|exceeds?|exceeding|no more than|"
    r"no less than|not more than|not less than|up to|less than|greater than|more than|fewer than|longer than|"
    r"shorter than|between|characters?|bytes?|digits?|length|from -?\d[\d,.]* to)\b", re.I)
DIGIT = re.compile(r"(?<![\w.-])\d|(?<![\w.])-\d")  # a number, not the 8 of "UTF-8" or the 4 of "IPv4"
_PATTERN = re.compile(r"regular expression|\bregex\b|\^\S+\$", re.I)
_ITEMS = re.compile(r"\b(?:items|elements|entries)\b", re.I)
_ARRAY_LIMIT = re.compile(rf"\b(?:maximum of|max\.?|at most|up to|no more than|not more than|a max of|"
                          rf"maximum(?: number)?(?: is|:)|minimum(?: number)?(?: is|:)|at least)\s+(?:\*\*)?"
                          rf"(?:\d|{NUMBER_WORD})", re.I)
MARKED = re.compile(r"\*\*([^*]+)\*\*|`([^`]+)`|\"([^\"]+)\"|“([^”]+)”")
_TRUE_FALSE = re.compile(r"\btrue\b.*\bfalse\b|\bfalse\b.*\btrue\b", re.I)
_HEADING = re.compile(r"^\*\*([A-Z][\w ]{1,30})\*\*\s*[:：]?$")


@dataclass(frozen=True)
class Unit:
    text: str
    leads_list: bool  # ends with ":" and values follow (a bullet list or "VALUE: ..." paragraphs)
    in_list: bool = False  # a list item (or a sentence of one)


_SENTENCE_END = re.compile(r"(?<=[.!?。])\s+(?=[A-Z*`(\"“])")
_ABBREV = re.compile(r"\b(?:e\.g|i\.e|etc|No|approx|vs|max|min)\.$", re.I)


def sentences(paragraph: str) -> list[str]:
    out: list[str] = []
    for piece in _SENTENCE_END.split(paragraph):
        if out and _ABBREV.search(out[-1]):
            out[-1] += " " + piece
        else:
            out.append(piece)
    return [s.strip() for s in out if s.strip()]


def _is_list(block: str) -> bool:
    return bool(re.match(r"(?:-|\d+\.) ", block))


def units(description: str) -> list[Unit]:
    """A description cut into sentences and list items. A bold heading paragraph of the structured style
    (`**Default Value**` then `false`) is joined to the paragraph under it: `**Default Value**: false`."""
    blocks = [b for b in description.split("\n\n") if b.strip() and not b.startswith("```")]
    joined: list[str] = []
    i = 0
    while i < len(blocks):
        b = blocks[i]
        m = _HEADING.match(b.strip())
        if m and i + 1 < len(blocks) and not _is_list(blocks[i + 1]) and not _HEADING.match(blocks[i + 1].strip()):
            joined.append(f"**{m.group(1)}**: {blocks[i + 1]}")
            i += 2
            continue
        joined.append(b)
        i += 1
    out: list[Unit] = []
    for i, block in enumerate(joined):
        if _is_list(block):
            for item in re.split(r"\n(?=(?:-|\d+\.) )", block):
                body = re.sub(r"^(?:-|\d+\.) ", "", item)
                out += [Unit(s, False, True) for s in sentences(" ".join(body.split()))]
            continue
        text = " ".join(block.lstrip("> ").split())
        nxt = joined[i + 1] if i + 1 < len(joined) else ""
        follows = _is_list(nxt) or bool(re.match(r"\*{0,2}[\w./:-]+\*{0,2}\s*[:：]", nxt))
        ss = sentences(text)
        for j, s in enumerate(ss):
            out.append(Unit(s, follows and j == len(ss) - 1 and s.rstrip().endswith((":", "："))))
    return out


_OPTION = re.compile(r"^(?:\*\*[^*]+\*\*|`[^`]+`|[\w.\-/]+)\s*(?:\([^)]*\))?\s*[:：]")


def is_option_item(unit: Unit) -> bool:
    """A list item that explains one option: `**ACTIVE**: in use`."""
    return unit.in_list and bool(_OPTION.match(unit.text))


def classify(unit: Unit, kind: Kind | None) -> list[str]:
    """The kinds of statement one sentence makes (none, one or several)."""
    s = unit.text
    out: list[str] = []
    if _VALUE_SET.search(s) and not unit.in_list and (
            unit.leads_list or len(MARKED.findall(s)) >= 2 or _TRUE_FALSE.search(s)):
        out.append(VALUE_SET)
    if _DEFAULT.search(s) and not (unit.in_list and re.match(r"\*\*default\*\*\s*[:：]", s, re.I)):
        out.append(DEFAULT)  # (an option named "default" states no default)
    if kind is Kind.ARRAY and (_ARRAY_LIMIT.search(s) or (_ITEMS.search(s) and DIGIT.search(s))) and not re.search(
            r"\bcharacters?\b|\bbytes?\b", s, re.I):
        out.append(ARRAY_SIZE)
    elif _RANGE.search(s) and DIGIT.search(s) and not is_option_item(unit):
        out.append(RANGE)
    if _PATTERN.search(s) and re.search(r"\^\S+\$|match|meet|compl", s, re.I):
        out.append(PATTERN)
    return out
