"""Names people guess: operationIds from page titles, model names from fields.

A client function is the snake_case of its operationId (openapi-python-client), so the operationId is
what a user types. A CamelCase `:original_name:` (`UpdateNotebook`) is the docs' own name and is kept;
otherwise the page title goes through this grammar, which reads the titles of the OTC API reference
("<Gerund> <object>") as verb + noun:

1. Parentheses and a ` - ` suffix are set aside as *distinguishing words*, used only to resolve a
   collision: "Querying Scaling Action Logs (V2)" -> ListScalingActionLogs (else ...V2),
   "Uploading an Object - PUT" -> UploadObject (else UploadObjectPut).
2. Words before the first gerund are kept before the verb: "Batch Deleting AS Configurations" ->
   BatchDeleteAsConfigurations, "Forcibly Deleting an IP Address Group" -> ForciblyDeleteIpAddressGroup.
   A trailing "in a Batch" / "in Batches" / "at a Time" becomes a leading Batch:
   "Starting ECSs in a Batch" -> BatchStartEcss.
3. Verbs: Creating, Adding -> Create; Modifying, Updating, Changing -> Update; Deleting, Removing ->
   Delete; Listing -> List; Querying, Obtaining, Reading, Viewing, Getting -> List when the object is
   plural ("Querying Public Zones" -> ListPublicZones, "Querying the List of CMKs" -> ListCmks), else
   Show ("Querying a Public Zone" -> ShowPublicZone, "Querying Details of a Job" -> ShowJob,
   "Querying VPC Details" -> ShowVpc); "Querying/Checking Whether ..." -> Check... . Any other
   gerund becomes its verb: drop "ing", undouble a final consonant (Stopping -> Stop, Unsetting ->
   Unset), restore a silent e where English spelling needs one (Enabling -> Enable, Associating ->
   Associate, Configuring -> Configure, Removing -> Remove), with a small table of irregulars
   (Adding -> Add, Using -> Use, Syncing -> Sync). Several verbs joined by "," / "or" / "and" stay:
   "Enabling or Disabling an AS Group" -> EnableOrDisableAsGroup.
4. The object: articles (a, an, the) dropped everywhere; All, Specified, Specific, Single dropped
   where they open a noun phrase; prepositions stay as words ("Associating a Private Zone with a VPC" ->
   AssociatePrivateZoneWithVpc, "Querying Record Sets in a Zone" -> ListRecordSetsInZone).
5. Words are capitalised with the rest lower-case, acronyms included (VPC -> Vpc, ECSs -> Ecss,
   PTR -> Ptr, IPv6 -> Ipv6), so the client's snake_case splits exactly at our words.
6. A title with no gerund ("Authentication of Signature in a Header") is not parsed: its words,
   articles dropped, make the name, and the caller reports `naming.fallback`.

Names are unique per spec: `unique_operation_id` resolves a clash with the title's distinguishing
words, then the tag's words, then a number, and the caller reports `naming.collision`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from generator.core.model import Diagnostic, DocOperation, Schema, Severity

ARTICLES = frozenset({"a", "an", "the"})
# dropped where they open a noun phrase (after an article or preposition, or first): "a Specified NIC" -> Nic
_OPENERS = frozenset({"all", "specified", "specific", "single"})
# lower-case in a title ("AS" is Auto Scaling, "as" a preposition)
_PREPOSITIONS = frozenset({
    "of", "in", "for", "with", "by", "on", "to", "from", "about", "at", "under", "into", "through", "and", "or",
    "as", "between", "without", "within", "via", "per", "across",
})
# capitalised in a title, but they end a noun phrase all the same ("AS Policies Bound to an AS Group")
_CLAUSE_WORDS = frozenset({"that", "which", "whether", "bound", "attached", "accessible", "associated",
                           "corresponding", "using", "based", "can"})


def _ends_phrase(word: str) -> bool:
    return word in _PREPOSITIONS or word.lower() in _CLAUSE_WORDS
_CREATE = frozenset({"creating", "adding"})
_UPDATE = frozenset({"modifying", "updating", "changing"})
_DELETE = frozenset({"deleting", "removing"})
_QUERY = frozenset({"querying", "obtaining", "reading", "viewing", "getting"})
_LIST = frozenset({"listing"})
_BATCH_SUFFIXES = (("in", "a", "batch"), ("in", "batches"), ("in", "batch"), ("at", "a", "time"), ("in", "bulk"))
_DETAIL_WORDS = frozenset({"details", "detail", "information"})
# singular nouns that end in s (acronyms are handled apart)
_SINGULAR_S = frozenset({"status", "alias", "address", "access", "progress", "analysis", "bus", "gas", "basis",
                         "series", "news", "kubernetes", "https", "dns", "obs", "kms", "ims", "evs", "sfs", "cbs",
                         "redis", "windows", "cors", "metrics"})
IRREGULAR_VERBS: dict[str, str] = {
    "adding": "Add", "getting": "Get", "using": "Use", "reusing": "Reuse", "refusing": "Refuse",
    "syncing": "Sync", "creating": "Create", "changing": "Change", "arranging": "Arrange",
    "exchanging": "Exchange", "ignoring": "Ignore", "monitoring": "Monitor", "mirroring": "Mirror",
    "repeating": "Repeat", "targeting": "Target", "focusing": "Focus", "visiting": "Visit",
    "editing": "Edit", "auditing": "Audit", "limiting": "Limit", "exiting": "Exit",
}
_E_FINAL = re.compile(
    r"(?:[bcdfgkptz]l|[^aeiou]ul"  # Enabl-e, Handl-e, Schedul-e
    r"|(?:[^aeiou]|i)(?:at|et|ut)"  # Updat-e, Delet-e, Execut-e, Associat-e
    r"|[iy]z|v"  # Synchroniz-e, Remov-e, Resolv-e
    r"|[^aeiou][aiu]r|uir|(?<![aeiou])[st]or"  # Configur-e, Retir-e, Acquir-e, Restor-e
    r"|as|os|ys|rs"  # Releas-e, Clos-e, Analys-e, Revers-e
    r"|[^aeiou]ag|rg|dg"  # Manag-e, Merg-e, Acknowledg-e
    r"|[^aeiou]ac|nc|rc|uc"  # Replac-e, Balanc-e, Forc-e, Reduc-e
    r"|[^aeiou][aiu]m|[^aeiou][aiou]k|[^aeiou][aiou]d"  # Renam-e, Revok-e, Provid-e, Upgrad-e
    r")$", re.I)


@dataclass(frozen=True)
class TitleName:
    """What the grammar made of a title."""

    words: tuple[str, ...]  # the name's words, each capitalised: ("List", "Public", "Zones")
    parsed: bool  # False: the title had no gerund and its words were used as they are
    extra: tuple[str, ...] = field(default=())  # distinguishing words, for collisions only

    @property
    def name(self) -> str:
        return "".join(self.words)


def gerund_verb(word: str) -> str:
    """`Stopping` -> Stop, `Enabling` -> Enable, `Binding` -> Bind (rule + irregulars, see module doc)."""
    low = word.lower()
    if low in IRREGULAR_VERBS:
        return IRREGULAR_VERBS[low]
    stem = low[:-3]
    if len(stem) >= 3 and stem[-1] == stem[-2] and stem[-1] in "bdgmnprt":
        stem = stem[:-1]  # Stopping, Setting, Mapping
    elif _E_FINAL.search(stem):
        stem += "e"
    return stem[:1].upper() + stem[1:]


def is_gerund(word: str) -> bool:
    return len(word) > 5 and word.lower().endswith("ing") and word[:1].isupper()


def cap(word: str) -> list[str]:
    """One title word as name words: first letter upper, rest lower; letters and digits of `IPv6` apart
    the way openapi-python-client's snake_case splits them (`ipv_6`), `V2` kept whole (`v2`)."""
    out: list[str] = []
    for part in re.findall(r"[A-Za-z]+\d*|\d+", word):
        m = re.fullmatch(r"([A-Za-z]+)(\d+)", part)
        if m and (len(m.group(1)) > 1 and any(c.islower() for c in m.group(1)[1:])):
            out += [m.group(1).capitalize(), m.group(2)]
        else:
            out.append(part[:1].upper() + part[1:].lower())
    return out


def is_plural(word: str) -> bool:
    if re.fullmatch(r"[A-Z]{2,}s", word):  # ECSs, VPCs, CMKs
        return True
    low = word.lower()
    if word.isupper() or low in _SINGULAR_S or not low.endswith("s"):
        return False
    return not low.endswith(("ss", "us", "is"))


def plural(word: str) -> str:
    """English plural of a noun, the regular way: Provider -> Providers, Policy -> Policies."""
    if is_plural(word):
        return word
    if word.isupper():
        return word + "s"
    if re.search(r"[^aeiou]y$", word, re.I):
        return word[:-1] + "ies"
    if re.search(r"(?:s|x|z|ch|sh)$", word, re.I):
        return word + "es"
    return word + "s"


def singular(word: str) -> str:
    """The noun `plural` would make `word` of: Topics -> Topic, Policies -> Policy, Addresses -> Address,
    Releases -> Release; a word that is no regular plural (Status, VPC, Data) as it is."""
    if not is_plural(word) or word.isupper() or re.fullmatch(r"[A-Z]{2,}s", word):
        return word
    if re.search(r"[^aeiou]ies$", word, re.I):
        return word[:-3] + ("Y" if word[-3].isupper() else "y")
    stem = word[:-2]
    # `-es` only after a sibilant that is itself no plural ending (Addresses, Boxes, Branches; not Releases)
    if re.search(r"(?:s|x|z|ch|sh)es$", word, re.I) and not is_plural(stem) and plural(stem) == word:
        return stem
    return word[:-1]


def _merge_digits(words: list[str]) -> tuple[str, ...]:
    """Words without a lower-case letter (`3` `0` of "3.0", `V2` `V3`) run together once CamelCased, and the
    client's snake_case reads them as one: fuse them here (`30`). A name starting with a digit gets `Operation`
    before it."""
    out: list[str] = []
    for w in words:
        if out and not re.search("[a-z]", w) and not re.search("[a-z]", out[-1]):  # `V2` `0`, `V2` `V3`
            out[-1] += w
        else:
            out.append(w)
    if out and not out[0][:1].isalpha():  # "2FA ...": an identifier starts with a letter
        out.insert(0, "Operation")
    return tuple(out)


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s\-/]+", text.replace(",", " , ")) if w and re.search(r"[A-Za-z0-9,]", w)]


def _object(words: list[str]) -> list[str]:
    """The object phrase without articles, and without All/Specified/... opening a noun phrase."""
    out: list[str] = []
    opening = True
    for w in words:
        low = w.lower()
        if out and out[-1] in ("or", "and") and is_gerund(w):  # "Associating ... to or Disassociating Them"
            out.append(_plain_verb(w))
            opening = False
            continue
        if low in ARTICLES:
            opening = True
            continue
        if opening and low in _OPENERS:
            continue
        opening = _ends_phrase(w)
        out.append(w)
    return out


def _head_plural(obj: list[str]) -> bool:
    head: list[str] = []
    for w in obj:
        if _ends_phrase(w):
            break
        head.append(w)
    return bool(head) and is_plural(head[-1])


def title_name(title: str) -> TitleName:
    """The operationId words the grammar gives a page title (see the module docstring)."""
    extra: list[str] = []
    text = title.strip()
    for inner in re.findall(r"\(([^()]*)\)", text):
        extra += _words(inner)
    text = re.sub(r"\([^()]*\)", " ", text)
    if " - " in text:
        text, _, tail = text.partition(" - ")
        extra += _words(tail)
    words = [w.strip("?.:;!\"'") for w in _words(text)]
    words = [w for w in words if w]
    extra_words = tuple(p for w in extra if w not in (",",) and w.lower() not in ARTICLES for p in cap(w))
    start = next((i for i, w in enumerate(words[:3]) if is_gerund(w)), None)
    if start is None:
        fallback = [p for w in words if w != "," and w.lower() not in ARTICLES for p in cap(w)]
        return TitleName(_merge_digits(fallback) or ("Operation",), False, extra_words)
    prefix = words[:start]
    verbs: list[str] = [words[start]]
    i = start + 1
    while i < len(words):  # "Executing, Enabling, or Disabling"
        j = i
        while j < len(words) and words[j].lower() in (",", "or", "and"):
            j += 1
        if j > i and j < len(words) and is_gerund(words[j]):
            verbs.append(words[j])
            i = j + 1
            continue
        break
    rest = words[i:]
    batch = False
    lowered = tuple(w.lower() for w in rest)
    for suffix in _BATCH_SUFFIXES:
        if lowered[-len(suffix):] == suffix:
            rest, batch = rest[:-len(suffix)], True
            break
    if any(p.lower() == "batch" for p in prefix):
        batch = True
        prefix = [p for p in prefix if p.lower() != "batch"]
    obj = _object([w for w in rest if w != ","])
    first = verbs[0].lower()
    if obj[:1] and obj[0].lower() == "whether" and first not in _QUERY:  # "Checking Whether an Agency Has ..."
        obj = obj[1:]
    if len(verbs) == 1 and first in _QUERY | _LIST:
        verb, obj = _query_verb(first, obj)
        verb_words = [verb]
    else:
        verb_words = []
        for n, v in enumerate(verbs):
            if n:
                verb_words.append("Or" if n == len(verbs) - 1 else "")
            verb_words.append(_plain_verb(v))
        verb_words = [w for w in verb_words if w]
    name = (["Batch"] if batch else []) + [p for w in prefix for p in cap(w)] + verb_words
    name += [p for w in obj for p in cap(w)]
    return TitleName(_merge_digits(name), True, extra_words)


def _plain_verb(gerund: str) -> str:
    low = gerund.lower()
    if low in _CREATE:
        return "Create"
    if low in _UPDATE:
        return "Update"
    if low in _DELETE:
        return "Delete"
    if low in _QUERY:
        return "Show"
    if low in _LIST:
        return "List"
    return gerund_verb(gerund)


def _query_verb(gerund: str, obj: list[str]) -> tuple[str, list[str]]:
    low = [w.lower() for w in obj]
    if low[:1] == ["whether"]:
        return "Check", obj[1:]
    if low[:2] == ["list", "of"]:
        return "List", obj[2:]
    if len(low) > 2 and low[0] in _DETAIL_WORDS and low[1] in ("of", "about", "on"):
        return ("List" if gerund in _LIST else "Show"), obj[2:]
    head = next((n for n, w in enumerate(obj) if _ends_phrase(w)), len(obj))
    if gerund not in _LIST and head > 1 and low[head - 1] in _DETAIL_WORDS:  # "VPC Details", "Job Details of"
        return "Show", obj[:head - 1] + obj[head:]
    if head > 1 and low[head - 1] == "list":  # "the Identity Provider List"
        return "List", [*obj[:head - 2], plural(obj[head - 2]), *obj[head:]]
    if gerund in _LIST or _head_plural(obj):
        return "List", obj
    return "Show", obj


def pascal_words(text: str) -> tuple[str, ...]:
    """Any text as name words (a tag, a field name): `Zone Management` -> (Zone, Management)."""
    return tuple(p for w in re.split(r"[^A-Za-z0-9]+", re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", text))
                 if w for p in cap(w))


# openapi-python-client 0.29.1's `strings.sanitize` + `split_words` + `snake_case`, restated: importing that
# module runs the package's __init__ (httpx, jinja2, ruamel: half a second per build) for three lines.
# tests/docs/naming/test_snake_name.py holds the two side by side on every operationId of the corpus.
_DELIMITERS = r"\. _-"


def snake_name(name: str) -> str:
    """The function name openapi-python-client makes of an operationId (its own `snake_case`)."""
    value = "".join(c for c in name if c.isidentifier() or c.isdecimal() or c in _DELIMITERS)
    if any(c.isupper() for c in value):
        value = " ".join(re.split("([A-Z]?[a-z]+)", value))
    return "_".join(re.findall(rf"[^{re.escape(_DELIMITERS)}]+", value)).lower()


def unique_operation_id(name: str, extras: Iterable[tuple[str, ...]], taken: Callable[[str], bool]) -> str:
    """`name`, else `name` + each group of distinguishing words in turn, else `name` + 2, 3...: the first free."""
    if not taken(name):
        return name
    suffix = ""
    for words in extras:
        add = "".join(words)
        if not add:
            continue
        suffix += add
        if not taken(name + suffix):
            return name + suffix
    n = 2
    while taken(f"{name}{suffix}{n}"):
        n += 1
    return f"{name}{suffix}{n}"


def unique_operation_ids(ops: list[DocOperation]) -> list[Diagnostic]:
    """Make every operationId unique in the spec, also once snake-cased (the client's function names).

    Current pages claim their names before deprecated ones, each group in page order, so a
    "(Discarded)" page never takes the name from the page that replaced it. A clash is resolved with
    the title's distinguishing words, then the tag's words, then a number (`unique_operation_id`);
    the bodies named after the operation follow its new name. Each rename is a `naming.collision`.
    """
    out: list[Diagnostic] = []
    holders: dict[str, DocOperation] = {}
    for op in sorted(ops, key=lambda o: o.deprecated):  # stable: page order within each group
        wanted = op.operation_id
        final = unique_operation_id(wanted, (title_name(op.summary).extra, pascal_words(op.tag)),
                                    lambda name: snake_name(name) in holders)
        if final != wanted:
            other = holders[snake_name(wanted)] if snake_name(wanted) in holders else None
            where = f" by {other.source.file}:{other.source.line}" if other is not None else ""
            out.append(Diagnostic(op.source, "naming.collision", Severity.WARNING,
                                  f"operationId '{wanted}' is already used{where}; this page's is '{final}'"))
            for body in op.bodies():
                if body.name.startswith(wanted):
                    body.name = final + body.name[len(wanted):]
            op.operation_id = final
        holders[snake_name(final)] = op
    return out


def caption_type_name(caption: str) -> str | None:
    """`Table 3 EndpointsReq` -> EndpointsReq; `Table 5 server field description` -> None."""
    m = re.fullmatch(r"(?:table\s+\d+\s+)?([A-Za-z_][A-Za-z0-9_]*)", caption.strip(), re.I)
    if m and not m.group(1).lower().startswith("table"):
        return m.group(1)
    return None


def model_name(schema: Schema, referring_field: str | None, is_body: bool, item: bool = False) -> str:
    """A nested table's model name: the type a caption names (`Table 3 EndpointsReq`), else the field that
    refers to it (`tag` -> Tag), else what the caption describes, never the RST anchor the table happens to
    carry (`T055aabf9d8484a0d922846610305b7f9`). The field comes before the caption's wording, so rewording
    a caption ("version.media-types" -> "Parameters of the version.media-types object") renames nothing.
    Body tables keep their operation-derived names (`CreatePublicZoneRequest`). `item`: the field is a list of
    the table, whose model names one element: `topics` -> Topic."""
    if is_body or caption_type_name(schema.title) or not referring_field:
        return schema.name
    words = list(pascal_words(referring_field))
    if item and words:
        words[-1] = singular(words[-1])
    return "".join(words) if words else schema.name
