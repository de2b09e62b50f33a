"""Edits that change the wording of a page but not the API it documents (the metamorphic relation).

Applied to the RST source (a bolded caption word) and to the doctree docutils builds from it
(reworded descriptions, renamed bullet-item labels, re-wrapped cell text), so that what is tested is
the extractor's reading, not docutils' own tolerance of spacing.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from docutils import nodes

from generator.build.link import link
from generator.build.pipeline import rst_files
from generator.build.render.openapi import render_spec
from generator.core.config import default_service
from generator.core.model import Page
from generator.docs.extract import extract
from generator.docs.read import otc_ref, read_text

_DESC_HEADERS = ("description", "remarks", "remark", "meaning", "explanation", "definition")
_REWORD = [(re.compile(r"^Specifies the (\w)"), r"The \1"), (re.compile(r"^Indicates the (\w)"), r"The \1"),
           (re.compile(r"^Specifies (\w)"), r"Gives \1"), (re.compile(r"\binformation of the (\w+)s\b"),
                                                             r"information of the \1")]


def bold_caption_word(text: str) -> str:
    """`.. table:: **Table 6** volume field description` -> `... **Table 6** **volume** field description`."""
    return re.sub(r"^(\s*\.\. table:: \*\*Table \d+\*\* )([A-Za-z][A-Za-z0-9]*)( )", r"\1**\2**\3", text,
                  flags=re.M)


def _description_cells(doc: nodes.document) -> list[nodes.entry]:
    out: list[nodes.entry] = []
    for table in doc.findall(nodes.table):
        thead = next(iter(table.findall(nodes.thead)), None)
        tbody = next(iter(table.findall(nodes.tbody)), None)
        if thead is None or tbody is None:
            continue
        header = next(iter(thead.findall(nodes.row)))
        heads = [" ".join(e.astext().split()).lower() for e in header.children]
        cols = [i for i, h in enumerate(heads) if h in _DESC_HEADERS]
        for row in tbody.children:
            cells = [e for e in row.children if isinstance(e, nodes.entry)]
            out.extend(cells[i] for i in cols if i < len(cells))
    return out


def reword(doc: nodes.document) -> int:
    """Reword the first sentence of each description cell, re-wrap its lines; values and links untouched."""
    edits = 0
    for cell in _description_cells(doc):
        for para in cell.findall(nodes.paragraph):
            first = para.children[0] if para.children else None
            if isinstance(first, nodes.Text):
                new = str(first)
                for pat, repl in _REWORD:
                    new = pat.sub(repl, new)
                if new != str(first):
                    para.replace(first, nodes.Text(new))
                    edits += 1
            for text in list(para.findall(nodes.Text)):
                if isinstance(text.parent, (nodes.literal, nodes.strong, otc_ref)):
                    continue
                words = str(text).split(" ")
                wrapped = "".join(w + ("\n" if i % 4 == 3 else " ") for i, w in enumerate(words))[:-1]
                if wrapped != str(text) and text.parent is not None:
                    text.parent.replace(text, nodes.Text(wrapped))
    return edits


def rename_item_labels(doc: nodes.document, referenced: set[str]) -> int:
    """Labels of bullet items that nothing in the tree links to are renamed (a writer's tool regenerates them)."""
    edits = 0
    for item in doc.findall(lambda n: isinstance(n, (nodes.list_item, nodes.paragraph))):
        names = [str(n) for n in item.get("names", [])]
        if names and not set(names) & referenced:
            item["names"] = [f"{n}-renamed" for n in names]
            item["ids"] = [f"{i}-renamed" for i in item.get("ids", [])]
            edits += 1
    return edits


def rename_bullets(doc: nodes.document) -> int:
    """IAM style: a labelled bullet (`-  .. _label:` + `roles.policy`) introduces the table after it. The
    label is what rows link to; the bullet is reworded around the field it names."""
    edits = 0
    for table in list(doc.findall(nodes.table)):
        parent = table.parent
        if not isinstance(parent, nodes.list_item) or parent.index(table) == 0:
            continue
        prev = parent.children[parent.index(table) - 1]
        if isinstance(prev, nodes.paragraph) and prev.get("names"):
            words = prev.astext().strip()
            prev.children = [nodes.Text(f"Parameters of the {words} object")]
            edits += 1
    return edits


def build_pages(root: Path, edit: bool) -> tuple[list[Page], dict[str, Any], dict[str, int]]:
    """Pages and spec of a tree, as written or with every wording edit above; and how many edits of each kind."""
    reads = []
    edits = {"captions": 0, "descriptions": 0, "item_labels": 0, "bullets": 0}
    for path in rst_files(root):
        text = path.read_text(encoding="utf-8", errors="replace")
        if edit:
            bolded = bold_caption_word(text)
            edits["captions"] += sum(1 for a, b in zip(text.splitlines(), bolded.splitlines(), strict=True) if a != b)
            text = bolded
        reads.append(read_text(text, path.relative_to(root).as_posix()))
    if edit:
        referenced = {str(r["target"]) for rp in reads for r in rp.doctree.findall(otc_ref)}
        for rp in reads:
            edits["descriptions"] += reword(rp.doctree)
            edits["item_labels"] += rename_item_labels(rp.doctree, referenced)
            edits["bullets"] += rename_bullets(rp.doctree)
    pages = [extract(rp) for rp in reads]
    schemas = link(pages)
    service = default_service(root.name.split("@")[0])
    return pages, render_spec(service, pages, schemas).spec, edits
