"""Ranges and lengths: the bounds a cell states for a number, a string's length or an array's size, read over the
whole cell (`limits`) and sentence by sentence (`learn_range`, `learn_items`)."""

from __future__ import annotations

import re
from typing import Any

from generator.core.types import Kind, TypeExpr
from generator.docs.prose.net import units
from generator.docs.prose.result import ProseResult, carries, scalar_kind
from generator.docs.prose.words import EXAMPLE_ONLY, NUM, NUMBER_WORDS, num, plain


def unconditional(markdown: str) -> str:
    """The sentences of a cell that state something of this field outright, one per line: a range under "If **x**
    is set to **y**" or given "for example" holds for a case, not for the field (the sentence pass reports those)."""
    return "\n".join(plain(u.text) for u in units(markdown) if not (
        re.match(r"(?:if|when|only when|unless)\b", u.text, re.I) or re.search(r"\bis set to\b", u.text, re.I)
        or EXAMPLE_ONLY.search(u.text)))


def limits(text: str, type_: TypeExpr | None, result: ProseResult) -> None:
    c = result.constraints
    kind = type_.kind if type_ else None
    if type_ is not None and type_.max_length is not None:
        c.max_length = type_.max_length

    # the kind (and what is known already) is asked before a pattern runs: most fields are not strings
    m = re.search(r"\b(\d[\d,]*)\s*(?:to|-|~)\s*(\d[\d,]*)\s+characters", text, re.I) if kind is Kind.STRING else None
    if m:
        c.min_length, c.max_length = int(num(m.group(1))), int(num(m.group(2)))
    for pat in (r"(?:a )?maximum of\s+(\d[\d,]*)\s+(?:\w+\s+)?characters", r"up to\s+(\d[\d,]*)\s+characters",
                r"(?:cannot|can't|can not|must not|does not) exceed\s+(\d[\d,]*)\s+characters",
                r"maximum length(?: is|:)?\s*(\d[\d,]*)", r"max(?:imum)?\.? (\d[\d,]*) characters",
                r"(\d[\d,]*) characters at most", r"no more than\s+(\d[\d,]*)\s+characters",
                r"(?:less|fewer|smaller) than or equal to\s+(\d[\d,]*)\s+characters"):
        m = re.search(pat, text, re.I) if kind is Kind.STRING and c.max_length is None else None
        if m:
            c.max_length = int(num(m.group(1)))
    m = re.search(r"minimum length(?: is|:)?\s*(\d[\d,]*)", text, re.I) if kind is Kind.STRING else None
    if m:
        c.min_length = int(num(m.group(1)))

    if kind in (Kind.INTEGER, Kind.NUMBER):
        m = re.search(r"(?:value range|range|ranges? from|value ranges from|valid values? range from|"
                      r"value is in the range of|can be set to|the value can be|the value is(?= from\b))\s*(?:is|:)?\s*"
                      r"(?:from\s+)?\[?"
                      + NUM + r"\s*(?:to|-|~|,)\s*" + NUM + r"\]?", text, re.I)
        if m:
            c.minimum, c.maximum = num(m.group(1)), num(m.group(2))
        m = re.search(r"(?:less|smaller|lower) than or equal to\s*" + NUM, text, re.I)
        if m and c.maximum is None:
            c.maximum = num(m.group(1))
        m = re.search(r"(?:greater|larger|bigger|more) than or equal to\s*" + NUM, text, re.I)
        if m and c.minimum is None:
            c.minimum = num(m.group(1))
        m = re.search(r"(?:the )?maximum(?: value)?(?: is|:)\s*" + NUM, text, re.I)
        if m:
            c.maximum = num(m.group(1))
        m = re.search(r"(?:the )?minimum(?: value)?(?: is|:)\s*" + NUM, text, re.I)
        if m:
            c.minimum = num(m.group(1))
    if kind is Kind.STRING:
        m = re.search(r"\bMinimum:\s*(\d+)", text)
        if m and c.min_length is None:
            c.min_length = int(m.group(1))
        m = re.search(r"\bMaximum:\s*(\d+)", text)
        if m and c.max_length is None:
            c.max_length = int(m.group(1))

    if kind is Kind.ARRAY:
        words = "|".join(NUMBER_WORDS)
        m = re.search(rf"(?:a )?maximum of\s+(\d[\d,]*|{words})\b(?!\s+characters)", text, re.I)
        if m:
            tok = m.group(1).lower()
            c.max_items = NUMBER_WORDS[tok] if tok in NUMBER_WORDS else int(num(tok))
        m = re.search(r"\bMaximum:\s*(\d+)", text)
        if m and c.max_items is None:
            c.max_items = int(m.group(1))


_N = r"(-?\d+(?:\.\d+)?)"
# "no less than 0" is a minimum of 0, never a maximum of -1 (nor "no more than 10" a minimum of 11)
# "contains 36 characters" says how long the value is where it is a fixed-size token (an ID, a UUID, a hash) or
# where the sentence says so; elsewhere (a name, a description) it is only how long it can be
_EXACT = re.compile(r"\bexactly\b|\bfixed(?:-| )length\b|\bmust (?:contain|be)\b|\b(?:IDs?|UUIDs?|hash|digest|"
                    r"fingerprint|token|key)\b")
# "The maximum length of the ID is 4,096 bytes": a bound, however the sentence names an ID
_UPPER = re.compile(r"\b(?:maximum|max\.?|at most|up to|no more than|not more than|cannot exceed)\b", re.I)


def is_exact_length(sentence: str) -> bool:
    """Whether a sentence stating a length ("contains 36 characters") says the length is exact: it says so
    (exactly, fixed length, must be) or it is that of a fixed-size token (an ID, a hash), and it names no bound."""
    return bool(_EXACT.search(sentence)) and not _UPPER.search(sentence)


_NOT_NEGATED = r"(?<!\bno )(?<!\bnot )"
_UNIT = r"(?:characters?|chars?|bytes?|digits?|letters?)"


def learn_range(unit: Any, type_: TypeExpr | None, result: ProseResult) -> None:
    s = plain(unit.text)
    kind = scalar_kind(type_) if type_ is not None and type_.kind is Kind.ARRAY else (type_.kind if type_ else None)
    c = result.constraints
    ex = EXAMPLE_ONLY.search(s)
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
        m = re.search(rf"\b(?:an?|the|contains?|of|must be|is)\s+(?:exactly\s+)?{_N}[- ]{_UNIT}", s, re.I) or re.search(
            rf"^{_N}[- ]{_UNIT}", s, re.I)
        if m:
            n = int(float(m.group(1)))
            c.max_length = n
            if is_exact_length(s):
                c.min_length = n
            else:
                result.findings.append(("range.length_not_exact", f"a length stated without saying it is exact "
                                        f"(an upper bound only): {s[:80]!r}"))
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
        number: Any = int if kind is Kind.INTEGER else float
        m = (re.search(rf"\[\s*{_N}\s*,\s*{_N}\s*\]", s)
             or re.search(rf"\b(?:from|between)\s+{_N}\s*(?:\([^)]*\)\s*)?(?:to|and|-|~)\s+{_N}", s, re.I)
             or re.search(rf"\b(?:range|ranges|value|values|integer|number)\b[^.\d-]{{0,30}}{_N}\s*(?:\([^)]*\)\s*)?"
                          rf"(?:to|-|~)\s*{_N}", s, re.I))
        if m:
            c.minimum, c.maximum = num(m.group(1)), num(m.group(2))
            return
        m = re.search(rf"(?:greater|larger|more) than or equal to\s*{_N}|"
                      rf"(?:at least|minimum(?: [a-z]+){{0,2}}(?: is|:)?|no less than|not less than|>=)\s*{_N}",
                      s, re.I)
        if m:
            c.minimum = num(m.group(1) or m.group(2))
        else:
            m = re.search(rf"{_NOT_NEGATED}(?:greater|larger|more|bigger) than\s*{_N}|>\s*{_N}", s, re.I)
            if m:
                v = num(m.group(1) or m.group(2))
                if number is int and isinstance(v, int):
                    c.minimum = v + 1
                else:
                    c.exclusive_minimum = v
        m = re.search(rf"(?:less|smaller|lower) than or equal to\s*{_N}|(?:at most|maximum(?: [a-z]+){{0,2}}(?: is|:)?|"
                      rf"up to|no more than|not more than|cannot exceed|can't exceed|not exceed|<=)\s*{_N}", s, re.I)
        if m:
            c.maximum = num(m.group(1) or m.group(2))
        else:
            m = re.search(rf"{_NOT_NEGATED}(?:less|smaller|lower) than\s*{_N}|<\s*{_N}", s, re.I)
            if m:
                v = num(m.group(1) or m.group(2))
                if number is int and isinstance(v, int):
                    c.maximum = v - 1
                else:
                    c.exclusive_maximum = v
        m = re.search(rf"multiple of\s*{_N}", s, re.I)
        if m:
            c.multiple_of = num(m.group(1))
        if not carries("range/length", result, type_) and re.search(r"\bsum of\b|\btotal\b|\bcombined\b", s, re.I):
            result.findings.append(("prose.range_ambiguous", f"a limit on several values together: {s[:80]!r}"))
        return
    if kind is not None and kind not in (Kind.STRING, Kind.INTEGER, Kind.NUMBER):
        result.findings.append(("prose.range_not_scalar", f"a range or length stated for a {kind} field: "
                                f"{s[:80]!r}"))


def learn_items(unit: Any, type_: TypeExpr | None, result: ProseResult) -> None:
    s = plain(unit.text)
    c = result.constraints
    if re.match(r"(?:if|when|only when|unless)\b", s, re.I):
        result.findings.append(("prose.items_conditional", f"array size stated under a condition: {s[:80]!r}"))
        return
    words = "|".join(NUMBER_WORDS)
    n = rf"(\d+|{words})"

    def val(t: str) -> int:
        return NUMBER_WORDS.get(t.lower()) or int(t)

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


# a two-sided range as a sentence states it: "[0, 255]", "from 1 to 60", "range: 1-1440", "value ranges 0~255"
_BRANCH = [re.compile(p, re.I) for p in (
    rf"\[\s*{_N}\s*,\s*{_N}\s*\]",
    rf"\b(?:from|between)\s+{_N}\s*(?:to|and|-|~)\s*{_N}(?!\s*{_UNIT})",
    rf"(?:\brange\w*\b|\bvalues?\b|[:：])[^.\d;]{{0,30}}?(?<![\w.-]){_N}\s*(?:to|-|~)\s*{_N}(?!\s*{_UNIT})",
)]
# "0 or 7-732", "0 or from 7 to 732": a value beside a range is a branch of its own
_ALTERNATIVE = re.compile(rf"(?<![\w.-]){_N}\s*,?\s+or\s+(?:(?:ranges?|range is)\s+)?(?:from\s+)?{_N}\s*(?:to|-|~)\s*"
                          rf"{_N}(?!\s*{_UNIT})", re.I)
_CASE = re.compile(r"\b(?:if|when|unless|for|only)\b|\bis set to\b", re.I)
# "TCP: 1-60" labels a case; "Value range: 1-100" does not
_LABEL = re.compile(r"([\w\s.-]{1,40})[:：][^:：\d]{0,15}$")
_NO_CASE_LABEL = re.compile(r"^\s*(?:the\s+)?(?:valid\s+)?(?:value|values|range|value range|range of values|"
                            r"length|size|number|integer)\s*$", re.I)


def _is_case(head: str) -> bool:
    """The words before a range put it under a case (a condition, or a label such as "TCP:")."""
    if _CASE.search(head):
        return True
    label = _LABEL.search(head)
    return label is not None and not _NO_CASE_LABEL.match(label.group(1).rsplit(".", 1)[-1])


def _pieces(markdown: str) -> list[tuple[str, bool]]:
    """(text, stated for a case) for each sentence, each `;` clause of it and each parenthesis in it."""
    out: list[tuple[str, bool]] = []
    for u in units(markdown):
        text = plain(u.text)
        inner = re.findall(r"\(([^()]*)\)", text)
        outer = re.sub(r"\([^()]*\)", " ", text)
        for clause in re.split(r";\s+", outer):
            out.append((clause, False))
        out += [(p, True) for p in inner]
    return out


def widen_to_cases(markdown: str, type_: TypeExpr | None, result: ProseResult) -> None:
    """A range stated per case ("1 to 65535 (0 to 255 when it indicates the code)", "Value range for system disks:
    40 to 1024. Value range for data disks: 100 to 32768", "0 or 7-732") holds for the field as the union of its
    branches (the smallest minimum, the largest maximum), never as the one branch read first; a single range stated
    only for a case is not the field's (`prose.range_conditional`)."""
    kind = scalar_kind(type_) if type_ is not None and type_.kind is Kind.ARRAY else (type_.kind if type_ else None)
    if kind not in (Kind.INTEGER, Kind.NUMBER):
        return
    c = result.constraints
    branches: list[tuple[int | float, int | float, bool]] = []
    for text, in_parens in _pieces(markdown):
        if EXAMPLE_ONLY.search(text):
            continue
        alt = _ALTERNATIVE.search(text)
        if alt:
            one, lo, hi = (num(g) for g in alt.groups())
            branches += [(one, one, True), (lo, hi, True)]
            continue
        for pat in _BRANCH:
            m = pat.search(text)
            if m:
                lo, hi = num(m.group(1)), num(m.group(2))
                if lo <= hi:
                    case = in_parens or _is_case(text[:m.start(1)]) or bool(
                        re.search(r"\b(?:if|when|unless|for)\b", text[m.end():m.end() + 12], re.I))
                    branches.append((lo, hi, case))
                break
    if not any(case for _, _, case in branches):
        return
    spans = {(lo, hi) for lo, hi, _ in branches}
    if len(spans) == 1:
        lo, hi = next(iter(spans))
        if all(case for _, _, case in branches) and (c.minimum, c.maximum) == (lo, hi):
            c.minimum = c.maximum = None
            result.findings.append(("range.case_only", f"the range {lo} to {hi} is stated for one case only: "
                                    "not the field's"))
        return
    lo = min(b[0] for b in branches)
    hi = max(b[1] for b in branches)
    if c.minimum is not None:
        lo = min(lo, c.minimum)
    if c.maximum is not None:
        hi = max(hi, c.maximum)
    if (c.minimum, c.maximum) == (lo, hi):
        return
    c.minimum, c.maximum = lo, hi
    c.exclusive_minimum = c.exclusive_maximum = None
    cases = ", ".join(f"{a} to {b}" if a != b else f"{a}" for a, b in sorted(spans))
    result.findings.append(("range.union", f"ranges stated per case ({cases}): the field takes their union "
                            f"{lo} to {hi}"))


def impossible(result: ProseResult) -> None:
    """A range no value can meet is a misreading (or a defect) either way: it is never written."""
    c = result.constraints
    if c.minimum is not None and c.maximum is not None and c.minimum > c.maximum:
        result.findings.append(("range.impossible", f"minimum {c.minimum} above maximum {c.maximum}: no range"))
        c.minimum = c.maximum = None
    if c.min_length is not None and c.max_length is not None and c.min_length > c.max_length:
        result.findings.append(("range.impossible", f"minimum length {c.min_length} above maximum length "
                                f"{c.max_length}: no length"))
        c.min_length = c.max_length = None
