"""Hypothesis mutations of real corpus pages: whatever a writer (or a broken editor) does to a page, the tree
still ends in a valid spec plus diagnostics, without a traceback and within bounded memory.

Pages are copied from `../shared/corpus` into a temporary tree; each example mutates one or two of them
at the byte level (random bytes, invalid UTF-8, broken URI lines and braces, truncation, lost lines) and
at the doctree level (swapped and dropped cells, out-of-range defaults, truncated, deep or overflowing
JSON examples, nonsense type cells), optionally beside a page of deeply `:ref:`-linked tables. The run
is derandomised (the same examples every time) and sized for CI; it prints how many trees it built.
"""

from __future__ import annotations

import json
import re
import shutil
import tracemalloc
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from docutils import nodes
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.build.check.repair import check_and_repair
from generator.build.link import link
from generator.build.pipeline import rst_files
from generator.build.render.openapi import render_spec
from generator.core.config import default_service
from generator.core.emit import dump_json, dump_yaml
from generator.core.model import Source
from generator.devtools.corpus import CORPUS
from generator.docs.extract import extract
from generator.docs.read import read_file
from generator.report.census import census
from generator.report.diagnostics import report
from robust.nested_pages import chain_page

PAGES = [
    "elastic-cloud-server@efcbeed/apis_recommended/disk_management/querying_disk_attachment_of_an_ecs.rst",
    "identity-access-management@9d2eac9/apis/agency_management/"
    "querying_the_list_of_permissions_of_an_agency_on_a_project.rst",
    "modelarts@1ba1873/development_environment_management/"
    "obtaining_details_about_a_notebook_instance_with_obs_storage_mounted.rst",
    "domain-name-service@83bb279/apis/public_zone_management/querying_a_public_zone.rst",
    "object-storage-service@b9835f8/apis/operations_on_buckets/listing_buckets.rst",
    "auto-scaling@fa9d756/apis/instances/querying_instances_in_an_as_group.rst",
]
MAX_EXAMPLES = 80
# codes of the defect classes the mutations aim at: the suite reports which it reached (trees per code)
WATCHED = frozenset({"read.invalid_utf8", "uri.repaired", "table.cells_swapped", "table.row_shape", "table.malformed",
                     "default.out_of_range", "example.invalid_json", "example.too_deep", "example.number_too_long",
                     "example.number_not_finite", "type.unknown", "check.repaired", "operation.dropped_invalid",
                     "page.no_uri", "rst.error"})
SEEN: Counter[str] = Counter()
PEAK_MEMORY_BYTES = 200 * 1024 * 1024  # two pages and 60 nested tables; unbounded, this took gigabytes

# ---------------------------------------------------------------- byte-level mutations

_URI_LINE = re.compile(rb"^(GET|POST|PUT|DELETE|PATCH|HEAD) (/\S*|https?://\S+)$", re.M)
_URI_BREAKS = [lambda u: u.replace(b"?", b"&"), lambda u: u + b"}", lambda u: u.replace(b"}", b"", 1),
               lambda u: u.replace(b"/", b"/{", 1), lambda u: u + b"&limit={limit}}", lambda u: b"{" + u,
               lambda u: u.replace(b"{", b"", 1), lambda u: u + b"?a={a}&&b={{b}"]
_BAD_UTF8 = [b"\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\xf8\x88\x80\x80\x80", b"\x80\x80", b"\xe2\x82"]


def mutate_bytes(data: bytes, draw: Any) -> bytes:
    kind = draw(st.sampled_from(["random_bytes", "invalid_utf8", "break_uri", "truncate", "drop_lines", "none"]))
    if kind == "random_bytes":
        at = draw(st.integers(0, len(data)))
        return data[:at] + draw(st.binary(min_size=1, max_size=16)) + data[at:]
    if kind == "invalid_utf8":
        at = draw(st.integers(0, len(data)))
        return data[:at] + draw(st.sampled_from(_BAD_UTF8)) + data[at:]
    if kind == "break_uri":
        m = _URI_LINE.search(data)
        if m is None:
            return data
        return data[:m.start()] + draw(st.sampled_from(_URI_BREAKS))(m.group(0)) + data[m.end():]
    if kind == "truncate":
        return data[:draw(st.integers(0, len(data)))]
    if kind == "drop_lines":
        lines = data.split(b"\n")
        at = draw(st.integers(0, len(lines)))
        return b"\n".join(lines[:at] + lines[at + draw(st.integers(1, 5)):])
    return data


# ---------------------------------------------------------------- doctree-level mutations

_JSON_BODIES = ['{"a": ' + "[" * 3000 + "]" * 3000 + "}", '{"count": ' + "7" * 5000 + "}", '{"count": 1e999999}',
                '{"count": -1e999999}', '{"count": NaN}', '{"a": {"b": [1, 2', '{"a": ' + "{\"b\": " * 200 + "1"
                + "}" * 200 + "}", "[" * 100 + "]" * 100]
_DEFAULTS = ["Value range: 1-20. Default value: 50.", "The minimum value is 1. Default value: 0.",
             "The minimum value is 1. Default value: -1.", "Value range: 1-20. Default value: 1e999999.",
             "The value contains 1 to 4 characters. Default value: toolong.", "Default value: " + "9" * 5000 + "."]
_TYPES = ["Array of " * 400 + "String", "No", "Yes", "Integer(", "Array<Map<String," * 50, "Map<String,>",
          "}", ":ref:"]


def _rows(doc: nodes.document) -> list[nodes.row]:
    return [r for tb in doc.findall(nodes.tbody) for r in tb.children if isinstance(r, nodes.row)]


def _header(row: nodes.row) -> list[str]:
    table = next((a for a in _ancestors(row) if isinstance(a, nodes.table)), None)
    thead = next(iter(table.findall(nodes.thead)), None) if table is not None else None
    if thead is None:
        return []
    first = next(iter(thead.findall(nodes.row)))
    return [" ".join(e.astext().split()).lower() for e in first.children]


def _ancestors(node: nodes.Node) -> list[nodes.Node]:
    out = []
    while node.parent is not None:
        node = node.parent
        out.append(node)
    return out


def _set_text(entry: nodes.Element, text: str) -> None:
    entry.children = []
    entry += nodes.paragraph(text, text)


def mutate_doctree(doc: nodes.document, draw: Any) -> None:
    kind = draw(st.sampled_from(["swap_cells", "drop_cell", "default", "json", "type", "none"]))
    rows = _rows(doc)
    if kind in ("swap_cells", "drop_cell", "default", "type") and rows:
        row = rows[draw(st.integers(0, len(rows) - 1))]
        cells = [e for e in row.children if isinstance(e, nodes.entry)]
        if len(cells) < 2:
            return
        i = draw(st.integers(0, len(cells) - 1))
        j = draw(st.integers(0, len(cells) - 1))
        if kind == "swap_cells":
            row.children[row.index(cells[i])], row.children[row.index(cells[j])] = cells[j], cells[i]
        elif kind == "drop_cell":
            row.remove(cells[i])
        elif kind == "default":
            heads = _header(row)
            type_col = heads.index("type") if "type" in heads else 1
            if type_col < len(cells):
                _set_text(cells[type_col], "Integer")
            _set_text(cells[-1], draw(st.sampled_from(_DEFAULTS)))
        else:
            _set_text(cells[i], draw(st.sampled_from(_TYPES)))
    elif kind == "json":
        blocks = list(doc.findall(nodes.literal_block))
        if blocks:
            block = blocks[draw(st.integers(0, len(blocks) - 1))]
            text = block.astext()
            body = draw(st.sampled_from([*_JSON_BODIES, text[:draw(st.integers(0, len(text)))]]))
            block.children = [nodes.Text(body)]


# ---------------------------------------------------------------- the property


def build_tree(root: Path, draw: Any) -> int:
    """Build the (mutated) tree as `build` does, without its `page.crash` net; the peak memory of the stages
    after reading (link, build, check and repair), where nested tables once cost gigabytes."""
    pages = []
    for path in rst_files(root):
        read = read_file(path, root)
        mutate_doctree(read.doctree, draw)
        pages.append(extract(read))  # no try: a traceback here fails the test
    tracemalloc.start()  # only here: it slows docutils fourfold, and reading is bounded by the page size limit
    try:
        schemas = link(pages)
        out = render_spec(default_service("mutated"), pages, schemas)
        findings, valid = check_and_repair(out.spec, Source("<mutated.openapi.yaml>", 0))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    diagnostics = [d for p in pages for d in p.diagnostics] + out.diagnostics
    every = sorted(diagnostics + findings.diagnostics)
    rep = report(census("mutated", pages, out.spec, every, valid, findings))
    assert valid, [d for d in findings.diagnostics if d.code.startswith("check.")][:5]
    assert rep["summary"]["counters_add_up"], rep["summary"]["counter_problems"]
    assert not [d for d in every if d.code == "page.crash"]
    json.loads(dump_json(out.spec), parse_constant=lambda c: pytest.fail(f"{c} in the written spec"))
    dump_yaml(out.spec)
    SEEN.update({d.code for d in every if d.code in WATCHED})
    return peak


@pytest.mark.corpus
def test_mutated_corpus_pages_end_in_a_valid_spec(tmp_path: Path) -> None:
    if not CORPUS.is_dir():
        pytest.fail(f"shared corpus not found at {CORPUS}")  # a required input: never a silent skip
    originals = {rel: (CORPUS / rel).read_bytes() for rel in PAGES}
    built: list[int] = []

    @settings(max_examples=MAX_EXAMPLES, derandomize=True, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(st.data())
    def one_tree(data: st.DataObject) -> None:
        root = tmp_path / f"tree{len(built)}"
        shutil.rmtree(root, ignore_errors=True)
        for rel in data.draw(st.lists(st.sampled_from(PAGES), min_size=1, max_size=2, unique=True)):
            target = root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(mutate_bytes(originals[rel], data.draw))
        depth = data.draw(st.sampled_from([0, 0, 0, 0, 60]))
        if depth:
            (root / "deep.rst").write_text(chain_page(depth), encoding="utf-8")
        peak = build_tree(root, data.draw)
        assert peak < PEAK_MEMORY_BYTES, f"{peak} bytes"
        built.append(peak)

    one_tree()
    print(f"\nmutation suite: {len(built)} mutated trees built, peak traced memory {max(built) // 2**20} MB;"
          f" trees per diagnostic: {dict(sorted(SEEN.items()))}")
    assert len(built) >= MAX_EXAMPLES * 0.9  # hypothesis must not have run out of inputs
