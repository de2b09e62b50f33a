"""The sentence pass: the cell-wide readers (`generator.docs.prose.read`) read the phrasings they know anywhere in
the cell. This pass goes over every sentence the vocabulary net (`generator.docs.prose.net`) classifies and, for
each kind the field does not carry yet, either learns the constraint or says why not (`prose.<kind>_<reason>`):
nothing the net catches is dropped without a word."""

from __future__ import annotations

from generator.core.types import TypeExpr
from generator.docs.prose import net as prose_net
from generator.docs.prose.defaults import learn_default
from generator.docs.prose.enums import enum_against_example, learn_values
from generator.docs.prose.patterns import learn_pattern
from generator.docs.prose.ranges import learn_items, learn_range
from generator.docs.prose.result import ProseResult, carries


def sentence_pass(markdown: str, type_: TypeExpr | None, result: ProseResult) -> None:
    kind = type_.kind if type_ is not None else None
    # a kind the cell-wide readers already decided against (enum.partial, ...) is not asked again
    decided = {k for k in prose_net.KINDS for code, _ in result.findings
               if code.startswith(_REJECTIONS[k]) and not code.startswith("prose.")}
    for unit in prose_net.units(markdown):
        for k in prose_net.classify(unit, kind):
            if k in decided or carries(k, result, type_):
                continue
            {prose_net.VALUE_SET: learn_values, prose_net.DEFAULT: learn_default, prose_net.RANGE: learn_range,
             prose_net.PATTERN: learn_pattern, prose_net.ARRAY_SIZE: learn_items}[k](unit, type_, result)
    enum_against_example(markdown, result)
    # a sentence that said nothing readable does not count against one that did: keep only the decisions that stand
    captured = [k for k in prose_net.KINDS if carries(k, result, type_)]
    result.findings = [(code, msg) for code, msg in result.findings
                       if not (code.startswith("prose.") and any(code.startswith(p) for k in captured
                                                                  for p in _REJECTIONS[k]))]


_REJECTIONS = {"value set": ("enum.", "prose.enum_"), "default": ("default.", "prose.default_"),
               "range/length": ("prose.range_",), "pattern": ("prose.pattern_",), "array size": ("prose.items_",)}
