"""Value sets: the options a cell lists (bullets, one paragraph per value, or inline in a sentence), a sentence
that states them, and the checks of a value set against the cell's own pattern, range and example."""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes

from generator.core.types import Kind, TypeExpr
from generator.docs.prose import precision
from generator.docs.prose.markdown import inline_markdown, plain_text
from generator.docs.prose.net import sentences
from generator.docs.prose.result import ProseResult, convert, scalar_kind
from generator.docs.prose.words import EXAMPLE_ONLY, EXAMPLE_WORDS, introduces_example, prose_marked

_ENUM_LEADIN = re.compile(
    r"(options?|enums?|enumeration values?|enumerated values?|possible values?|valid values?|"
    r"values? (?:can|must) be(?: one of)?|one of the following|the following values?|"
    r"available values?|supported values?|(?:value )?range|values? include|value options?|"
    r"values? (?:are|is) enumerated|"
    r"the options are(?: as follows)?|(?:is|are) as follows|the value is|the values are|"
    r"the values? (?:can|must) be|types?|statuses)\s*[:：]?\s*$",
    re.IGNORECASE,
)
_LEADING_VALUE = re.compile(r"^([A-Za-z0-9_.\-/]+)\s*[:：]")
# "flavor_type indicates the resource type": an option named by a code word (snake_case) and what it means
_INDICATES_VALUE = re.compile(r"^([a-z0-9]+(?:_[a-z0-9]+)+)\s+(?:indicates|means|specifies)\b")
# what a plain (not bold) bullet key must look like to be a value: a number, an ALL_CAPS token or a boolean;
# anything wordier ("Definition:", "10.0.0.0/8: reserved") heads a note or names an example, not an option
_VALUE_TOKEN = re.compile(r"-?\d+|[A-Z][A-Z0-9_]*|true|false")
_CAPS_TOKEN = re.compile(r"\b[A-Z][A-Z0-9_]{2,}\b")
# "Values: **user**, **domain**.", "Value range: **4**, **6**." (also as the opening of a list item that heads a
# section of the cell: "- Value range: ..."): a label, then the values
_COLON_LEAD = re.compile(r"^\W*(?:values?|value range|range|valid values|(?:value )?options?)\s*[:：]\s*",
                         re.IGNORECASE)
# the same label inside a sentence: "Possible values are GET, PUT, and DELETE.", "The default storage classes are
# as follows: STANDARD (...), WARM (...), and COLD (...)." (OBS): a set stated whatever the lead-in's wording
_SENTENCE_LEAD = re.compile(r"(?:^|(?<=[.:：]\s))[^.]*?(?:\b(?:possible|valid|supported|available) values? "
                            r"(?:are|include)\s+|\b(?:is|are) as follows\s*[:：]\s*)", re.IGNORECASE)
# "The options are as follows: - **en-us**: English - **zh-cn**: Chinese": the bullets run on in one paragraph
_RUN_ON_ITEM = re.compile(r"\s+-\s+(?=\*\*)")
# "kms, or AES256", "**4**, **6**", "**READ** | **WRITE**" (OBS): a list of values and nothing else
_LIST_SEPARATOR = re.compile(r"\s*(?:,|，)\s*(?:(?:or|and)\s+)?|\s+(?:or|and)\s+|\s*\|\s*")
_BARE_VALUE = re.compile(r"[A-Za-z0-9][\w.\-/]*")
# "For RSA asymmetric keys, select **A** or **B**": one case of a field's values, the case stated before the comma
_CASE_OPEN = re.compile(r"^\W*(?:for|if|when|in case)\b", re.IGNORECASE)
_VALUE_PHRASE = re.compile(r"\bvalues?\b[^.]*?\b(?:is|are|can be|must be)\b|\bselect\b|"
                           r"\bset (?:it |this parameter )?to\b|\bcan only be\b|\bmust be\b|\bcan be\b", re.IGNORECASE)
# a marked word named as a field: "the **name** value in the **metadata** field"
_FIELD_WORD = re.compile(r"\*\*[^*]+\*\* (?:field|parameter|attribute|property|value (?:in|of))\b")
_OPEN_TAIL = re.compile(r"(?:\*\*|`)\s*,?\s+or\s+(?:an?|any|other)\s+[a-z]", re.IGNORECASE)
_INLINE_ENUM = re.compile(r"\b(?:value|values|it|options?)\s+(?:can|must|may)\s+(?:only\s+)?be\b|\bone of\b|"
                          r"\bvalues? (?:is|are)\b|\boptions are\b|\bcan be set to\b", re.IGNORECASE)


def _item_values(item: nodes.list_item) -> list[str | None]:
    """`**http** and **https**: ...`: an item may lead with several marked values joined by and/or/commas."""
    first = next((c for c in item.children if isinstance(c, nodes.paragraph)), None)
    value = _item_value(item)
    if first is None or value is None or len(first.children) < 3:
        return [value]
    out: list[str | None] = [value]
    kids = first.children
    i = 1
    while i + 1 < len(kids) and isinstance(kids[i], nodes.Text) and re.fullmatch(
            r"\s*(?:,|，|and|or|/|, and|, or)\s*", kids[i].astext()) and isinstance(kids[i + 1],
                                                                             (nodes.strong, nodes.literal)):
        out.append(kids[i + 1].astext().strip().rstrip(":：").strip())
        i += 2
    rest = "".join(k.astext() for k in kids[i:]).strip()
    if rest and rest[0] not in ":：(" and not kids[i - 1].astext().rstrip().endswith((":", "：")):
        # "**source_ip_address** and **source_address_group_id** cannot be specified at the same time": a sentence
        # about the marked names, not an option that names two values
        return [value]
    return out


def _item_value(item: nodes.list_item) -> str | None:
    first = next((c for c in item.children if isinstance(c, nodes.paragraph)), None)
    if first is None or not first.children:
        return None
    head = first.children[0]
    if isinstance(head, (nodes.strong, nodes.literal)):
        # `**BATCH:** batch job`: the colon closes the label, it is no part of the value
        value = head.astext().strip().rstrip(":：").strip()
        nxt = first.children[1].astext() if len(first.children) > 1 else ""
        if nxt and not nxt[0].isspace() and nxt[0] not in ":：,.(;":
            # `**des**\ c` renders as "desc": the value runs on past the bold part
            m = re.match(r"[^\s:：,(;]+", nxt)
            value += m.group(0) if m else ""
        return value or None
    text = first.astext().strip()
    m = _LEADING_VALUE.match(text) or _INDICATES_VALUE.match(text)
    if m:
        return m.group(1)
    if re.fullmatch(r"[^\s:：]+", text):  # a bare token: `application/json;charset=utf-8`
        return text
    return None


def _alternatives(blist: nodes.bullet_list, text: str, values: list[str | None]) -> bool:
    """The sentence names the last two values as alternatives ("0 or 1", "A, B, or C"): it announces the bullets.
    Not "key and value" (the parts of one thing), nor a list nested in another (the values of a part of the field,
    "the value of **operator** can be ...")."""
    if len(values) < 2 or values[-2] is None or values[-1] is None or isinstance(blist.parent, nodes.list_item):
        return False
    a, b = re.escape(values[-2]), re.escape(values[-1])
    return bool(re.search(rf"(?<!\w){a},?\s+or\s+{b}(?!\w)", text))


def _keyed(item: nodes.list_item) -> bool:
    """The item opens with a value token and a colon ("0: encryption disabled", "ACTIVE: ...")."""
    first = next((c for c in item.children if isinstance(c, nodes.paragraph)), None)
    text = first.astext().strip() if first is not None else ""
    m = _LEADING_VALUE.match(text)
    # "08:15-09:15 ..." is a time, not the key "08"
    return m is not None and bool(_VALUE_TOKEN.fullmatch(m.group(1))) and text[m.end():m.end() + 1] in ("", " ")


def enum_from_lists(cell: nodes.Element, type_: TypeExpr | None, result: ProseResult) -> None:
    for blist in cell.findall(nodes.bullet_list):
        parent = blist.parent
        idx = parent.index(blist)
        lead = parent.children[idx - 1] if idx > 0 else None
        lead_text = plain_text(lead) if isinstance(lead, nodes.paragraph) else ""
        has_leadin = bool(_ENUM_LEADIN.search(lead_text)) or lead_text.endswith(":")
        items = [c for c in blist.children if isinstance(c, nodes.list_item)]
        # "10.0.0.0/8-24": a block of CIDRs with a range of prefix lengths, also a range
        if any(re.match(r"^-?\d[\d,.]*\s+(?:to|-|~)\s+-?\d[\d,.]*\b", plain_text(i)) or re.match(
                r"^[\d.:a-fA-F]+/\d+\s*-\s*\d+\b", plain_text(i)) for i in items):
            # "**1** to **732**: retention days" describes a range, so the list is not an enum
            result.findings.append(("enum.range_item", "an option is a range; no enum"))
            return
        values = [v for i in items for v in _item_values(i)]
        all_strong = all(
            isinstance(i.children[0], nodes.paragraph) and i.children[0].children
            and isinstance(i.children[0].children[0], nodes.strong)
            for i in items if i.children
        )
        # every bullet opens with its value ("**0**: disabled", "0: disabled"): the bullets alone list the values,
        # whatever the sentence before them says (a reworded or dropped lead-in must not lose the enum)
        keyed = all_strong or (len(items) > 1 and all(_keyed(i) for i in items))
        if not has_leadin and not keyed:
            continue
        # "Commonly used values are as follows:", "Examples:" (OBS kms-key-id): the bullets are examples
        if EXAMPLE_WORDS.search(lead_text) or introduces_example(lead_text):
            result.findings.append(("prose.enum_example_only", f"values given as examples, not a closed set: "
                                    f"{lead_text[-80:]!r}"))
            return
        if not _ENUM_LEADIN.search(lead_text) and not keyed:
            continue
        if not _ENUM_LEADIN.search(lead_text) and values and all(
            v is not None and re.search(rf"(?<!\w){re.escape(v)}(?!\w)", lead_text) for v in values
        ) and not _alternatives(blist, lead_text, values):
            # "The format is start.end.duration. Parameter description:" then one bullet per part:
            # bold terms the lead sentence already names are a glossary of it, not the options.
            continue
        if all(v is not None for v in values) and values:
            branches = len(result.branches)
            lead_sentence = _lead_sentence(lead_text)
            if _parts_of_example(cell, blist, [v for v in values if v is not None]):
                # "Example: **rds.mysql.n1.xlarge.4.rr**" then "- **rds**: the product ..., - **mysql**: ...": the
                # items explain the parts of one value, they are not values of the whole
                precision.reject(result, precision.ITEM_LEVEL, [v for v in values if v is not None],
                                 lead_sentence or lead_text)
                return
            # no sentence announces the list (a list of bold values): the source is the sentence before it
            kind, record = ((precision.BULLETS, lead_sentence) if lead_sentence else
                            (precision.BOLD_ITEMS, (sentences(lead_text) or [""])[-1]))
            if kind == precision.BOLD_ITEMS and precision.REFERS_ELSEWHERE.search(lead_text):
                # "Disk type. For details, see the description of **root_volume** in Creating an ECS." then bold
                # values (CCE creating_a_node_pool.rst:255): the set is the other page's, the list a selection of it
                precision.reject(result, precision.REFERENCE, [v for v in values if v is not None], record)
                return
            if not offer(result, [v for v in values if v is not None], type_, kind, lead_sentence,
                         items=[plain_text(i) for i in items], record=record) and len(
                    result.branches) > branches:
                continue  # "If X is A, the following are supported:" one list per case: read every case's list
            return
        if any(v is not None for v in values):
            result.findings.append(("enum.partial", "some list items under an enum lead-in carry no value: "
                                    + "; ".join(plain_text(i)[:40] for i, v in zip(items, values, strict=True)
                                                if v is None)))
            return
        # No item starts with a value. If each names exactly one upper-case word, those are the
        # values the docs meant ("... must be specified in COMMAND script."); keep them, flagged.
        caps = [_CAPS_TOKEN.findall(plain_text(i)) for i in items]
        cases = _case_values(items)
        if cases:  # "For RSA keys, select **A** or **B**." one item per case: the union of every case's values
            offer(result, cases, type_, precision.BRANCHES_UNION, _lead_sentence(lead_text))
            return
        named = list(dict.fromkeys(c for cs in caps for c in cs))
        if cases is not None and named:
            # "If **type** is set to **OBS**, **source** is an OBS path.": the upper-case words name the condition
            precision.reject(result, precision.CONDITION, named, _lead_sentence(lead_text) or lead_text)
            return
        if caps and all(len(set(c)) == 1 for c in caps) and len({c[0] for c in caps}) == len(caps):
            if offer(result, [c[0] for c in caps], type_, precision.UPPER_CASE_ITEMS, _lead_sentence(lead_text),
                     inferred=True):
                result.findings.append(("enum.inferred", "enum values inferred from upper-case words in the "
                                        f"option texts: {', '.join(c[0] for c in caps)}"))
            return
        result.findings.append(("enum.unparsed", f"options listed but no values found after '{lead_text[-40:]}'"))
        return


def _case_values(items: list[nodes.list_item]) -> list[str] | None:
    """Items that each state one case ("For RSA asymmetric keys, select **A** or **B**."): the values the items
    give after the case (the marked words after "select", "the value is", ...), their union; [] when some case
    gives none; None when not every item opens with a case."""
    out: list[str] = []
    for item in items:
        first = next((c for c in item.children if isinstance(c, nodes.paragraph)), None)
        md = inline_markdown(first) if first is not None else ""
        if not _CASE_OPEN.match(md) or "," not in md:
            return None
        rest = md.split(",", 1)[1]
        found = []
        for sentence in sentences(rest):
            phrase = _VALUE_PHRASE.search(sentence)
            if phrase is not None:
                found += [v.strip() for v in prose_marked(sentence[phrase.end():])]
        if not found:
            return []
        out += found
    return list(dict.fromkeys(out))


# what splits an example into its whole-value tokens: white space, quotes, commas, brackets
_EXAMPLE_SPLIT = re.compile(r"[\s\"',\[\]{}]+")


def _parts_of_example(cell: nodes.Element, blist: nodes.bullet_list, values: list[str]) -> bool:
    """Two or more of the values are parts of one token of an example the cell gives outside the list
    (`rds.mysql.n1.xlarge.4.rr`, `dockerThinpool=vgpaas/90%VG;kubernetesLV=...`)."""
    listed = set(blist.findall(nodes.Node))
    for node in cell.findall(lambda n: isinstance(n, (nodes.literal, nodes.strong, nodes.literal_block))):
        if node in listed:
            continue
        for token in _EXAMPLE_SPLIT.split(node.astext()):
            if token in values:
                continue
            parts = [v for v in values if len(v) > 1 and re.search(rf"(?<![A-Za-z0-9]){re.escape(v)}(?![A-Za-z0-9])",
                                                                    token)]
            if len(parts) >= 2:
                return True
    return False


def _bare_list(text: str) -> list[str] | None:
    """"kms, or AES256", "4, 6": a sentence that is a list of two or more values and nothing else."""
    # "STANDARD (Standard storage class)": what a value means, in brackets after it
    text = re.sub(r"\s*\([^()]*\)", "", text)
    parts = _LIST_SEPARATOR.split(text.strip().rstrip(".。").strip())
    if len(parts) >= 2 and all(_BARE_VALUE.fullmatch(p) and p.lower() not in ("or", "and") for p in parts):
        return parts
    return None


def enum_from_paragraphs(cell: nodes.Element, type_: TypeExpr | None, result: ProseResult) -> None:
    """"Options:" then one paragraph per value: `STORAGE: storage billing.` (no bullets, no bold)."""
    paras = [c for c in cell.children if isinstance(c, nodes.paragraph)]
    for i, para in enumerate(paras):
        lead = plain_text(para)
        if not (lead.endswith(":") and _ENUM_LEADIN.search(lead)):
            continue
        if EXAMPLE_WORDS.search(lead):
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
        listed = _bare_list(plain_text(following[0])) if following and not values else None
        if listed is not None:  # "**Value range**:" then "kms, or AES256"
            offer(result, listed, type_, precision.OPTIONS, _lead_sentence(lead))
        elif len(values) >= 2 or (len(values) == 1 and _VALUE_TOKEN.fullmatch(values[0])):
            # one option is a set too ("**Value range**:" then "true: WORM is enabled."), when it is a value token
            offer(result, values, type_, precision.OPTIONS, _lead_sentence(lead),
                  items=[plain_text(p) for p in following[:len(values)]])
        else:
            result.findings.append(("enum.unparsed", f"options announced ('{lead[-40:]}') but no values follow"))
        return


def enum_inline(cell: nodes.Element, type_: TypeExpr | None, result: ProseResult) -> None:
    for para in cell.findall(nodes.paragraph):
        text = plain_text(para)
        if _colon_list(para, text, type_, result) or _run_on_items(para, text, type_, result):
            return
        if isinstance(para.parent, nodes.list_item) and not _states_the_field(para, cell):
            continue
        m = _INLINE_ENUM.search(text)
        if not m:
            continue
        sentence_start = max(text.rfind(". ", 0, m.start()) + 1, 0)
        stop = text.find(". ", m.end())
        # "The value can be **10**, **20**, or **50**, for example": the example words may close the sentence
        if EXAMPLE_ONLY.search(text[sentence_start:m.end()]) or EXAMPLE_WORDS.search(
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
            # past this chunk: a later value must not be found at an earlier word ("the volume device. Its value
            # can be **volume**, ...")
            pos = max(pos, start + len(" ".join(chunk.split())))
        if len(strongs) >= 2:
            md = inline_markdown(para)
            sentence = next((s for s in sentences(md) if _INLINE_ENUM.search(s)), md)
            if _OPEN_TAIL.search(sentence):
                # "The value can be **icmp**, **tcp**, **udp**, **icmpv6**, or an IP number." (VPC v3): an unmarked
                # alternative after the marked values leaves the set open
                result.findings.append(("prose.enum_ambiguous", f"values and an open alternative: {sentence[:80]!r}"))
                continue
            if _FIELD_WORD.search(sentence):
                # "The value is the **name** value in the **metadata** field of the resource pool details." (modelarts
                # querying_tags_of_a_resource_pool.rst): the marked words name fields, not values
                precision.reject(result, precision.FIELD_NAMES, strongs, sentence)
                continue
            cases = precision.per_case(sentence, strongs)
            if cases is not None:  # "**A** for **X**; **B** or **C** for **Y**": every case's values
                if offer(result, cases[0], type_, precision.BRANCHES_UNION, sentence):
                    return
                continue
            if offer(result, strongs, type_, precision.VALUE_CAN_BE, sentence):
                return


def _colon_list(para: nodes.paragraph, text: str, type_: TypeExpr | None, result: ProseResult) -> bool:
    """"Values: **user**, **domain**. The default value is **user**.", "- Value range: **4**, **6**.": a label, then
    a sentence that is only the list of values. True when an enum was set."""
    m = _COLON_LEAD.match(text) or _SENTENCE_LEAD.search(text)
    if m is None:
        return False
    rest = text[m.end():]
    end = re.search(r"\.(?:\s|$)", rest)
    listed = _bare_list(rest[:end.start()] if end else rest)
    if listed is None:
        return False
    md = inline_markdown(para)
    # the sentence that states the set, not the paragraph's first ("When creating a bucket, ... The default storage
    # classes are as follows: ...")
    sentence = next((x for x in sentences(md) if _bare_list_in(x, listed)), (sentences(md) or [md])[0])
    return offer(result, listed, type_, precision.VALUE_CAN_BE, sentence)


def _bare_list_in(sentence: str, values: list[str]) -> bool:
    return all(re.search(rf"(?<!\w){re.escape(v)}(?!\w)", sentence.replace("**", "")) for v in values)


def _run_on_items(para: nodes.paragraph, text: str, type_: TypeExpr | None, result: ProseResult) -> bool:
    """"The options are as follows: - **asc**: ascending - **desc**: descending" in one paragraph (a table line
    that lost its line breaks): the bullets, each opening with its marked value. True when an enum was set."""
    md = inline_markdown(para)
    parts = _RUN_ON_ITEM.split(md)
    if len(parts) < 3 or not parts[0].rstrip().endswith((":", "：")) or not _ENUM_LEADIN.search(
            parts[0].replace("**", "")) or EXAMPLE_WORDS.search(parts[0]):
        return False
    values = []
    for part in parts[1:]:
        m = re.match(r"\*\*([^*]+)\*\*\s*[:：]", part)
        if m is None:
            return False
        values.append(m.group(1).strip())
    lead = _lead_sentence(parts[0].replace("**", ""))
    return offer(result, values, type_, precision.BULLETS, lead, items=[p.replace("**", "") for p in parts[1:]])


def _states_the_field(para: nodes.paragraph, cell: nodes.Element) -> bool:
    """"- Access control direction ... - The value can be **ingress** or **egress**." (VPC v3): an item of the
    cell's own top list that is a sentence about the field's values, not an option of it."""
    item = para.parent
    return (item.parent is not None and item.parent.parent is cell and item.children[0] is para
            and bool(re.match(r"(?:the )?values? (?:can|must) (?:only )?be\b", plain_text(para), re.I)))


# what an option's text says after its value, when it is a name: "**0**: disabled", "1: enabled" (1-3 words)
_MEANING = re.compile(r"\s*[:：\-–]\s*([A-Za-z]+(?: [A-Za-z]+){0,2})\.?\s*")


def enum_names(values: list[str], texts: list[str]) -> tuple[str, ...] | None:
    """Member names of an integer enum from what the docs say each value means ("0: disabled" -> DISABLED), when
    every option says it in one to three words and no two say the same; else None (members stay VALUE_<n>)."""
    names = []
    for value, text in zip(values, texts, strict=True):
        rest = text.strip()
        if not rest.startswith(value):
            return None
        m = _MEANING.fullmatch(rest[len(value):])
        if m is None:
            return None
        names.append("_".join(m.group(1).split()).upper())
    return tuple(names) if len(set(names)) == len(names) else None


def _lead_sentence(text: str) -> str:
    """The sentence of a list's lead paragraph that announces the list ("The options are as follows:"), or ""
    when none does (a list of bold values after "Whether X is read-only. The default value is **false**.")."""
    ss = sentences(text)
    return next((s for s in reversed(ss) if s.rstrip().endswith((":", "：")) or _ENUM_LEADIN.search(s)), "")


def offer(result: ProseResult, values: list[str], type_: TypeExpr | None, kind: str, sentence: str, *,
          items: list[str] | None = None, inferred: bool = False, record: str | None = None) -> bool:
    """Values a sentence of `kind` states: an enum when the sentence states this field's complete set
    (`precision.judge`), else mentioned values, or a branch kept for the union. True when an enum was set."""
    rejected = precision.judge(sentence, values, items=items)
    if rejected == precision.CONDITIONAL:
        precision.branch(result, sentence, values)
    if rejected is not None:
        precision.reject(result, rejected, values, sentence)
        return False
    set_enum(result, values, type_, inferred=inferred, source=(kind, sentence if record is None else record),
             labels=items)
    return result.constraints.enum is not None


def set_enum(result: ProseResult, values: list[str], type_: TypeExpr | None, *, inferred: bool,
             source: tuple[str, str], labels: list[str] | None = None) -> None:
    kind = scalar_kind(type_)
    if any(v.strip().lower() == "null" for v in values):
        result.findings.append(("enum.null_value", "null listed as an option: kept out of the enum"))
        values = [v for v in values if v.strip().lower() != "null"]
    if kind is Kind.STRING and len(values) > 1 and all(len(v.strip()) == 1 and v.strip().isalpha() for v in values):
        # "vX.Y.Z-rN" explained letter by letter: placeholders of a format, not values
        result.findings.append(("enum.placeholder_letters", f"single-letter options {values}: not an enum"))
        return
    typed: list[Any] = []
    for v in dict.fromkeys(values):  # keep order, drop repeats
        converted = convert(v, kind)
        if converted is None:
            result.findings.append(("enum.type_mismatch", f"enum value {v!r} is not a {kind}"))
            return
        typed.append(converted)
    if kind in (Kind.OBJECT, Kind.ANY, Kind.REF, Kind.MAP, None):
        result.findings.append(("enum.not_scalar", f"option list on a non-scalar field: {', '.join(values)}"))
        return
    result.constraints.enum = typed
    result.constraints.enum_inferred = inferred
    result.constraints.enum_source = (source[0], " ".join(source[1].replace("**", "").replace("`", "").split()))
    if kind is Kind.INTEGER and labels is not None and len(labels) == len(values) == len(typed):
        result.constraints.enum_names = enum_names(values, labels)


def learn_values(unit: Any, type_: TypeExpr | None, result: ProseResult) -> None:
    s = unit.text
    if EXAMPLE_ONLY.search(s):
        result.findings.append(("prose.enum_example_only", f"values given as examples, not a closed set: {s[:80]!r}"))
        return
    if re.match(r"(?:if|when|only when|unless)\b", s, re.I) or re.search(r"\bis set to\b|\bis\s+\*\*", s):
        _keep_branch(s, result)
        result.findings.append(("prose.enum_conditional", f"values stated under a condition: {s[:80]!r}"))
        return
    if re.search(r"\b(?:together with|mutually exclusive|either|(?:is|are) required|specify)\b|"
                 r"\*\*\s+(?:parameters?|fields?|headers?)\b", s, re.I):
        result.findings.append(("prose.enum_ambiguous", f"the marked words name other parameters: {s[:80]!r}"))
        return
    if unit.leads_list:
        result.findings.append(("prose.enum_ambiguous", f"options announced but not one value per item: {s[-60:]!r}"))
        return
    # "Type of the rule. Value range: **IPv4**, **ipv4**, **IPv6**, or **ipv6**." (VPC 31a5498): the lead-in
    # after a first sentence
    m = re.search(r"\b(?:can|could|must|may|should|will) (?:only )?be(?: one of)?\b|\bone of\b|\bvalues? "
                  r"(?:is|are|include)\b|\boptions?\b|\b(?:possible|valid|available|supported|enumerat\w*) values?"
                  r"|\bvalue range\s*[:：]", s, re.I)
    start = m.end() if m else 0
    rest = s[start:]
    values = [v.strip() for v in prose_marked(rest) if v.strip()]
    fixed = re.search(r"\b(?:is|are) fixed (?:at|to|as)\s+(?:\*\*([^*]+)\*\*|`([^`]+)`)", s, re.I)
    if fixed:  # "The value is fixed at **v3**": a one-value set
        offer(result, [fixed.group(1) or fixed.group(2)], type_, precision.FIXED, s)
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
    offer(result, values, type_, precision.ONLY_SUPPORTED if only else precision.VALUE_CAN_BE, s)
    if result.constraints.enum is None and len(result.findings) == before:
        result.findings.append(("prose.enum_ambiguous", f"values not taken: {s[:80]!r}"))


def _keep_branch(s: str, result: ProseResult) -> None:
    """"If **type** is set to **HOST_NAME**, this parameter can only be set to **EQUAL_TO**": the values after
    the condition's comma are one branch of the field's set."""
    m = re.match(r"(?:if|when|only when|unless)\b[^,;]*,\s*(.*)$", s, re.I)
    if m is None:
        return
    then = m.group(1)
    lead = re.search(r"\b(?:can|must|may) (?:only )?be(?: set to| one of)?\b|\bvalues? (?:is|are)\b", then, re.I)
    if lead is None:
        return
    values = [v.strip() for v in prose_marked(then[lead.end():]) if v.strip()]
    if values and not any(re.search(r"x{3,}|\{|<", v) for v in values):
        precision.branch(result, s, values)


def enum_against_open_range(result: ProseResult) -> None:
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


def enum_against_pattern(result: ProseResult) -> None:
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


def enum_against_example(markdown: str, result: ProseResult) -> None:
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
