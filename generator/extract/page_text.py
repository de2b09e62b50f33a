"""What later stages read from a page besides its operations, taken from the doctree extraction already has.

`generator.build_extras` gives a tag the intro text of its section's `index.rst` and an operation the
4xx rows of the status-code page it links to. Reading those pages again there parsed them with docutils
on every build (a tenth of link + render), also when every page came from the page cache; recorded
here, they come with the page (`Page.text`).
"""

from __future__ import annotations

from docutils import nodes

from generator.model import PageText


def page_text(doc: nodes.document) -> PageText:
    return PageText(intro=section_intro(doc), status_rows=status_rows(doc))


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


def status_rows(doc: nodes.document) -> tuple[tuple[str, str, int], ...]:
    """(code, description, line) of every 4xx row in the tables of a status-code page (an appendix)."""
    out = []
    for table in doc.findall(nodes.table):
        for body in table.findall(nodes.tbody):
            for row in body.findall(nodes.row):
                # every table of every page comes here: the cells after the first are read only for a 4xx row
                entries = row.findall(nodes.entry)
                head = next(entries, None)
                first = " ".join(head.astext().split()).split(" ", 1) if head is not None else [""]
                if len(first[0]) == 3 and first[0].isdigit() and first[0].startswith("4"):
                    second = next(entries, None)
                    cell = " ".join(second.astext().split()) if second is not None else ""
                    descr = cell if cell else (first[1] if len(first) > 1 else "")
                    out.append((first[0], descr, _first_line(row)))
    return tuple(out)
