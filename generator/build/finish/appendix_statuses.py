"""Success statuses from the service's own status-code appendix, for operations whose page names none.

VPC's appendix (`appendix/status_codes.rst`, "Normal values") reads "201 Created: the normal response code for
the POST operation of the OpenStack Neutron API", "200 OK: ... for the GET, PUT, and POST operations", "204 No
Content: ... for the DELETE operation". A Neutron page only links there ("See Status Codes"), so extraction
assumed 200 for its response table. The appendix is the service's word on it: a row naming HTTP methods (and
optionally an API family, "of the X API") gives its 2xx status to every operation of those methods (and that
family) whose page links the appendix and states no success status itself. A row naming a family wins over
one that names none; rows that disagree at the same level decide nothing. Each change is a
`status.from_appendix_table` diagnostic naming the row.
"""

from __future__ import annotations

import re
from typing import Any

from generator.core.model import Diagnostic, DocOperation, Page, Severity
from generator.core.spec import STATUS_ASSUMED, iter_variants

_METHODS = re.compile(r"\b(GET|PUT|POST|DELETE|PATCH|HEAD)\b")
_NORMAL = re.compile(r"\bnormal (?:response|return)|\bresponse code for\b|\bsuccess(?:ful)? response (?:code )?for\b",
                     re.I)
_FAMILY = re.compile(r"\bof (?:the |an? )?((?:[\w.-]+ ){0,4}?[\w.-]+) APIs?\b", re.I)

Rule = tuple[str, frozenset[str], frozenset[str], str, int]  # status, methods, family words, description, line


def words(text: str) -> frozenset[str]:
    return frozenset(w for w in re.split(r"[^a-z0-9]+", text.lower()) if w)


def rules(rows: tuple[tuple[str, str, int], ...]) -> list[Rule]:
    """The rows of an appendix that give a success status to a method (of a family)."""
    out: list[Rule] = []
    for code, descr, line in rows:
        methods = frozenset(_METHODS.findall(descr))
        if not methods or not _NORMAL.search(descr):
            # "the normal response to the pre-check request": no method; "206 Partial Content: ... processed a part
            # of the GET request": what a status means, not which one a method answers with
            continue
        family = _FAMILY.search(descr)
        out.append((code, methods, words(family.group(1)) if family else frozenset(), descr, line))
    return out


def status_for(method: str, page_file: str, table: list[Rule]) -> Rule | None:
    """The appendix row that gives `method` on the page its status: the family's if one names the page's folder
    words, else the general one; None when none or several disagree."""
    where = words(page_file)
    hits = [r for r in table if method.upper() in r[1] and r[2] <= where]
    for by_family in (True, False):
        found = [r for r in hits if bool(r[2]) is by_family]
        if found:
            return found[0] if len({r[0] for r in found}) == 1 else None
    return None


def _states_success(op: DocOperation) -> bool:
    return any(r.status.startswith("2") and not r.assumed for r in op.responses)


def _assumed(op: DocOperation) -> str | None:
    return next((r.status for r in op.responses if r.status.startswith("2") and r.assumed), None)


def _move(node: dict[str, Any], old: str | None, new: str, target: str, line: int, descr: str) -> None:
    responses = node["responses"]
    if old is not None and old in responses:
        resp = responses.pop(old)
        resp["description"] = descr  # the assumed status's reason ("OK") is not the new status's
        resp.pop(STATUS_ASSUMED, None)  # the appendix states it
    else:
        resp = {"description": descr, "x-source": {"file": target, "line": line}}
    responses[new] = resp
    node["responses"] = {k: responses[k] for k in sorted(responses)}


def appendix_statuses(spec: dict[str, Any], pages: list[Page]) -> list[Diagnostic]:
    by_label = {label: p.file for p in pages for label in p.labels}
    texts = {p.file: p.text for p in pages}
    by_call = {(str(o.get("x-otc-docs-path", path)), method): o
               for path, item in spec.get("paths", {}).items() for method, o in item.items()}
    tables: dict[str, list[Rule]] = {}
    out: list[Diagnostic] = []
    for page in pages:
        for op in page.operations:
            target = by_label.get(op.status_link or "")
            rendered = by_call.get((op.path, op.method))
            if target is None or rendered is None or target == page.file or _states_success(op):
                continue
            if page.file != str(rendered.get("x-source", {}).get("file")):
                continue  # a variant's or a dropped duplicate's page: the owner's page decides
            if target not in tables:
                linked = texts.get(target)
                tables[target] = rules(linked.success_rows) if linked is not None else []
            rule = status_for(op.method, page.file, tables[target])
            old = _assumed(op)
            if rule is None or rule[0] == old or rule[0] in rendered["responses"]:
                continue
            status, _, _, descr, line = rule
            for node in [rendered, *[v for v in iter_variants(rendered)
                                     if str(v.get("x-source", {}).get("file")) == page.file]]:
                _move(node, old, status, target, line, descr)
            was = f"instead of the {old} assumed" if old else "where the page documents no success status"
            out.append(Diagnostic(op.source, "status.from_appendix_table", Severity.INFO,
                                  f"{op.method.upper()} {op.path}: status {status} {was}, from the status-code "
                                  f"appendix {target}:{line} ({descr[:100]!r})"))
    return out
