"""What later stages read from a page besides its operations, taken from the doctree extraction already has.

`generator.build.finish` gives a tag the intro text of its section's `index.rst` (`tags`) and an operation the
4xx rows of the status-code page it links to. Reading those pages again there parsed them with docutils
on every build (a tenth of link + render), also when every page came from the page cache; recorded
here, they come with the page (`Page.text`).
"""

from __future__ import annotations

from docutils import nodes

from generator.core.model import PageText


def page_text(doc: nodes.document) -> PageText:
    rows = status_rows(doc, "24")
    return PageText(intro=section_intro(doc), status_rows=tuple(r for r in rows if r[0].startswith("4")),
                    success_rows=tuple(r for r in rows if r[0].startswith("2")))


def section_intro(doc: nodes.document) -> tuple[str, int]:
    """The intro text of a docs section: paragraphs of its `index.rst` before the list of its pages."""
    top: nodes.Element = doc
    sections = [c for c in doc.children if isinstance(c, nodes.section)]
    if not any(isinstance(c, nodes.title) for c in doc.children) and len(sections) == 1:
        top = sections[0]  # docutils keeps a lone section when it does not promote its title
    paragraphs: list[nodes.paragraph] = []
    for child in top.children:
        if isinstance(child, (nodes.bullet_list, nodes.enumerated_list, nodes.comment, nodes.section)):
            break  # the list of the section's pages (or its toctree) ends the intro
        if isinstance(child, nodes.paragraph):
            paragraphs.append(child)
    text = "\n\n".join(" ".join(p.astext().split()) for p in paragraphs)
    return text, (paragraphs[0].line or 0) if paragraphs else 0


def _first_line(node: nodes.Node) -> int:
    return next((int(n.line) for n in node.findall(nodes.paragraph) if n.line), 0)


def status_rows(doc: nodes.document, classes: str = "4") -> tuple[tuple[str, str, int], ...]:
    """(code, description, line) of every 4xx row (with `classes="24"`, 2xx and 4xx) in the bodies of the tables
    of a status-code page (an appendix), in document order, a row of a table nested in another's cell once (the
    first 4xx row of a code is the one `finish.linked_statuses.linked_error_statuses` takes, the 2xx rows are
    `finish.appendix_statuses`')."""
    out = []
    # one walk of the tree, knowing whether a node is inside a table body (every page of a tree comes here)
    stack: list[tuple[nodes.Node, bool]] = [(doc, False)]
    while stack:
        node, in_body = stack.pop()
        if not isinstance(node, nodes.Element):
            continue
        if in_body and isinstance(node, nodes.row):
            row = _status_row(node, classes)
            if row is not None:
                out.append(row)
        in_body = in_body or isinstance(node, nodes.tbody)
        stack.extend((child, in_body) for child in reversed(node.children))
    return tuple(out)


def _status_row(row: nodes.row, classes: str) -> tuple[str, str, int] | None:
    # the cells after the first are read only for a row of a status class asked for
    entries = row.findall(nodes.entry)
    head = next(entries, None)
    first = " ".join(head.astext().split()).split(" ", 1) if head is not None else [""]
    if not (len(first[0]) == 3 and first[0].isdigit() and first[0][0] in classes):
        return None
    second = next(entries, None)
    cell = " ".join(second.astext().split()) if second is not None else ""
    if first[0].startswith("2"):  # a success row says what it is for in its last cells ("Created | ... POST ...")
        cell = " ".join([cell, *(" ".join(e.astext().split()) for e in entries)]).strip()
    descr = cell if cell else (first[1] if len(first) > 1 else "")
    return first[0], descr, _first_line(row)
