"""Response rows the server sends only in some API microversions (Nova: "This parameter is supported in
microversion 2.45 and later", "... is not supported in microversion 2.44 and later"): marked mandatory in the
table, they are absent at another microversion, so as required properties they make every client reject a
response that is right. They stay properties, not required ones."""

from __future__ import annotations

import re

from generator.core.model import Severity
from generator.docs.extract.context import PageContext
from generator.docs.extract.tables import Table

# prose: "(not) supported in/from/since microversion 2.45 and later/above/earlier", "... microversions 2.1 to 2.44"
_MICROVERSION_RANGE = re.compile(
    r"\bsupported\s+(?:only\s+)?(?:in|from|since|by|until|up\s+to)\s+(?:API\s+)?microversions?\s+v?\d+(?:\.\d+)?"
    r"(?:\s+(?:and|or)\s+(?:later|above|higher|earlier|below|lower)|\s+(?:to|-)\s+v?\d+(?:\.\d+)?)", re.I)


def microversion_bound(description: str) -> bool:
    """Whether a description limits its field to a range of microversions."""
    return bool(_MICROVERSION_RANGE.search(description))


def relax_microversion_rows(ctx: PageContext, tables: list[Table]) -> None:
    """Each mandatory row of a response table bound to a microversion range becomes optional, with a note."""
    for t in tables:
        if not t.section.startswith("response"):
            continue
        for f in t.fields:
            if f.required and microversion_bound(f.description):
                f.required = False
                ctx.diag(f.source.line, "field.microversion_bound", Severity.INFO,
                         f"response field {f.name!r} is mandatory only in the microversions its description "
                         "names: not required")
