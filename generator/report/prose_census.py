"""The prose census: every sentence of every description cell that states a value set, a default, a range or
length, a pattern or an array size, and whether it reached the spec.

    python -m generator.devtools.prose_census [--corpus DIR] [--list] [--json FILE] [TREE ...]

The net is deliberately wide (vocabulary, not the phrasings `generator.docs.prose.read` understands), so that what the
extractor misses shows up here instead of being invisible. For each classified sentence the field's node in the
built spec is looked up by its `x-source` (file and row line):

- captured: the keyword(s) of that kind are on the field (`enum`, `default`, `minimum`/`maximum`/`minLength`/
  `maxLength`/`multipleOf`, `pattern`, `minItems`/`maxItems`; on the field or its array items). A boolean
  field's "**true** or **false**" is captured by its type.
- rejected: the extractor reported on that field, for that kind, why it took nothing (`enum.*` and
  `prose.enum_*` for value sets, `default.*` and `prose.default_*` for defaults, `prose.range_*`,
  `prose.pattern_*`, `prose.items_*`): a conscious decision with a file and line.
- fell through: neither. Every fall-through is listed with file:line.

Enum precision: every `enum` in the spec counted by the kind of sentence it came from (its `x-otc-enum-source`;
`unrecorded` when a keyword carries none), and every value set refused for its kind of sentence (condition, default,
placeholder, case labels, item level, JSON text, a conditional branch alone) counted by that kind.

The decision is per field and kind: two range sentences in one cell count as captured once the field carries a
range keyword. Fields whose row is not in the spec at all (tables no operation reaches) are counted apart.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from generator.core.codes import PROSE_DEFECTS
from generator.core.model import Diagnostic, Field, Page
from generator.docs.prose import net as prose_net
from generator.docs.prose import precision
from generator.report.as_text import format_table

KINDS = prose_net.KINDS

# extractor findings (diagnostic code prefixes) that reject a statement of one kind on purpose
_REJECT = {
    "value set": ("enum.", "prose.enum_"),
    "default": ("default.", "prose.default_"),
    "range/length": ("prose.range_",),
    "pattern": ("prose.pattern_",),
    "array size": ("prose.items_",),
}
_KEYWORDS = {
    "value set": ("enum",),
    "default": ("default",),
    "range/length": ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength",
                     "multipleOf"),
    "pattern": ("pattern",),
    "array size": ("minItems", "maxItems"),
}


# the findings that refuse a value set for the kind of sentence it came from (`docs.prose.precision.reject`)
ENUM_REJECTIONS = {("prose.enum_conditional" if k == precision.CONDITIONAL else f"enum.{k.replace('-', '_')}"): k
                   for k in precision.REJECTED}


@dataclass(frozen=True, order=True)
class Sentence:
    file: str
    line: int
    field: str
    kind: str
    text: str


@dataclass
class KindCounts:
    classified: int = 0
    captured: int = 0
    rejected: int = 0
    fell_through: int = 0

    def add(self, outcome: str) -> None:
        self.classified += 1
        setattr(self, outcome, getattr(self, outcome) + 1)

    def cells(self) -> list[int]:
        return [self.classified, self.captured, self.rejected, self.fell_through]


@dataclass
class ProseCensus:
    service: str
    by_kind: dict[str, KindCounts] = field(default_factory=lambda: {k: KindCounts() for k in KINDS})
    fell_through: list[Sentence] = field(default_factory=list)
    fields_outside_spec: int = 0
    rejected_by_code: dict[str, int] = field(default_factory=dict)  # the finding that rejected each sentence
    rejected: list[tuple[Sentence, str]] = field(default_factory=list)
    defects: list[Diagnostic] = field(default_factory=list)  # the docs contradict themselves (PROSE_DEFECTS)
    enum_sources: dict[str, int] = field(default_factory=dict)  # enums in the spec by the kind of their sentence
    enum_rejected: dict[str, int] = field(default_factory=dict)  # value sets refused, by the kind of sentence

    @property
    def total(self) -> KindCounts:
        t = KindCounts()
        for c in self.by_kind.values():
            t.classified += c.classified
            t.captured += c.captured
            t.rejected += c.rejected
            t.fell_through += c.fell_through
        return t

    def as_dict(self) -> dict[str, Any]:
        return {
            "service": self.service,
            "by_kind": {k: vars(c) for k, c in self.by_kind.items()},
            "total": vars(self.total),
            "fields_outside_spec": self.fields_outside_spec,
            "rejected_by_code": dict(sorted(self.rejected_by_code.items())),
            "fell_through": [vars(s) for s in self.fell_through],
            "defects": [d.as_dict() for d in self.defects],
            "enum_precision": {"sources": dict(sorted(self.enum_sources.items())),
                               "rejected": dict(sorted(self.enum_rejected.items()))},
        }

    @property
    def enums(self) -> int:
        return sum(self.enum_sources.values())


# ---------------------------------------------------------------- what reached the spec


def _keywords(node: Any, into: set[str], depth: int = 0) -> None:
    if not isinstance(node, dict) or depth > 4:
        return
    into.update(k for k in node if isinstance(k, str))
    if node.get("type") == "boolean" or (isinstance(node.get("type"), list) and "boolean" in node["type"]):
        into.add("x-boolean")
    for key in ("items", "additionalProperties"):
        _keywords(node.get(key), into, depth + 1)
    for alt in node.get("anyOf", []) + node.get("oneOf", []):
        _keywords(alt, into, depth + 1)


def _dict_nodes(node: Any) -> Iterator[dict[str, Any]]:
    """Every mapping of a JSON value, parents before children (what both spec tallies below read)."""
    if isinstance(node, dict):
        yield node
        for v in node.values():
            yield from _dict_nodes(v)
    elif isinstance(node, list):
        for v in node:
            yield from _dict_nodes(v)


def spec_fields(spec: dict[str, Any]) -> dict[tuple[str, int], set[str]]:
    """(file, line) -> the schema keywords on every spec node (property, parameter, header) from that row."""
    out: dict[tuple[str, int], set[str]] = {}
    for node in _dict_nodes(spec):
        xs = node.get("x-source")
        if isinstance(xs, dict) and "file" in xs:
            key = (str(xs["file"]), int(xs.get("line", 0)))
            target = node["schema"] if isinstance(node.get("schema"), dict) else node
            _keywords(target, out.setdefault(key, set()))
    return out


def enum_sources(spec: dict[str, Any]) -> dict[str, int]:
    """Every schema node of the spec that carries `enum`, counted by its `x-otc-enum-source` kind."""
    out: dict[str, int] = {}
    for node in _dict_nodes(spec):
        if isinstance(node.get("enum"), list):
            src = node.get("x-otc-enum-source")
            kind = str(src["kind"]) if isinstance(src, dict) and "kind" in src else "unrecorded"
            out[kind] = out.get(kind, 0) + 1
    return out


def _page_fields(page: Page) -> Iterator[Field]:
    for s in page.schemas:
        yield from s.fields
    for op in page.operations:
        for params in op.parameters.values():
            yield from params
        for body in (op.request_body, *(r.body for r in op.responses)):
            if body is not None:
                yield from body.fields
        for r in op.responses:
            yield from r.headers


def prose_census(service: str, pages: list[Page], spec: dict[str, Any],
                 diagnostics: list[Diagnostic]) -> ProseCensus:
    in_spec = spec_fields(spec)
    codes: dict[tuple[str, int], set[str]] = {}
    for d in diagnostics:
        codes.setdefault((d.source.file, d.source.line), set()).add(d.code)
    out = ProseCensus(service)
    seen: set[tuple[str, int, str]] = set()
    for page in pages:
        for f in _page_fields(page):
            key = (f.source.file, f.source.line)
            if not f.description or (key + (f.name,)) in seen:
                continue
            seen.add(key + (f.name,))
            keywords = in_spec.get(key)
            if keywords is None:
                out.fields_outside_spec += 1
                continue
            field_codes = codes.get(key, set())
            for unit in prose_net.units(f.description):
                for kind in prose_net.classify(unit, f.type.kind):
                    if any(k in keywords for k in _KEYWORDS[kind]) or (
                            kind == "value set" and "x-boolean" in keywords):
                        outcome = "captured"
                    elif rejecting := sorted(c for c in field_codes if c.startswith(_REJECT[kind])):
                        outcome = "rejected"
                        out.rejected_by_code[rejecting[0]] = out.rejected_by_code.get(rejecting[0], 0) + 1
                        out.rejected.append((Sentence(f.source.file, f.source.line, f.name, kind, unit.text),
                                             rejecting[0]))
                    else:
                        outcome = "fell_through"
                        out.fell_through.append(Sentence(f.source.file, f.source.line, f.name, kind, unit.text))
                    out.by_kind[kind].add(outcome)
    out.fell_through.sort()
    out.defects = sorted(d for d in diagnostics if d.code in PROSE_DEFECTS)
    out.enum_sources = enum_sources(spec)
    for d in diagnostics:
        if (k := ENUM_REJECTIONS.get(d.code)) is not None:
            out.enum_rejected[k] = out.enum_rejected.get(k, 0) + 1
    return out


# ---------------------------------------------------------------- rendering


HEADERS = ["kind", "classified", "captured", "rejected", "fell through", "fall-through %"]


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "n/a"


def rows(c: ProseCensus) -> list[list[str | int]]:
    out: list[list[str | int]] = [[k, *v.cells(), percent(v.fell_through, v.classified)] for k, v in c.by_kind.items()]
    t = c.total
    out.append(["all", *t.cells(), percent(t.fell_through, t.classified)])
    return out


ENUM_HEADERS = ["enum source kind", "taken", "enums"]


def enum_rows(sources: dict[str, int], rejected: dict[str, int]) -> list[list[str | int]]:
    """The enum-precision table: accepted kinds (enums in the spec), then refused kinds (value sets kept out)."""
    out: list[list[str | int]] = [[k, "enum", n] for k, n in sorted(sources.items(), key=lambda kv: (-kv[1], kv[0]))]
    out += [[k, "refused", rejected.get(k, 0)] for k in precision.REJECTED]
    return out


def render_text(c: ProseCensus, *, listing: bool = True) -> str:
    text = (f"\nProse census: {c.service} (fields outside the spec, not counted: {c.fields_outside_spec})\n\n"
            + format_table(HEADERS, rows(c)) + "\n")
    text += "\nEnum precision:\n" + format_table(ENUM_HEADERS, enum_rows(c.enum_sources, c.enum_rejected)) + "\n"
    if c.defects:
        text += f"\nDocumentation defects in descriptions ({len(c.defects)}):\n" + "".join(
            f"  {d.source} {d.code}: {d.message}\n" for d in c.defects)
    if listing and c.fell_through:
        text += "\nFell through:\n" + "".join(
            f"  {s.file}:{s.line} [{s.kind}] {s.field}: {s.text[:200]}\n" for s in c.fell_through)
    return text
