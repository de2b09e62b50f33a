"""A wording change never changes the API (metamorphic relation over `../shared/corpus`).

Each tree is built as written and again with its wording edited (`robust.metamorphic`: reworded and
re-wrapped descriptions, a bolded caption word, renamed bullet and item labels). `diff` of the two specs
must report documentation changes only, and no nested table may lose or gain its link.
"""

from __future__ import annotations

import pytest

from generator.devtools.corpus import CORPUS
from generator.diff.compare import diff_specs
from robust.metamorphic import build_pages

# bullets and labels (IAM), the most reworded descriptions (ECS), captions and defaults (AS)
TREES = ["identity-access-management@9d2eac9", "elastic-cloud-server@efcbeed", "auto-scaling@fa9d756"]


@pytest.mark.corpus
@pytest.mark.parametrize("tree", [pytest.param(t, marks=pytest.mark.xdist_group(t)) for t in TREES])
def test_rewording_leaves_the_api_unchanged(tree: str) -> None:
    root = CORPUS / tree
    if not root.is_dir():
        pytest.fail(f"corpus tree {root} not found")  # a required input: never a silent skip
    pages, spec, _ = build_pages(root, edit=False)
    edited_pages, edited, edits = build_pages(root, edit=True)
    assert sum(edits.values()) > 0, "the edits found nothing to change: the relation would hold vacuously"
    result = diff_specs(spec, edited)
    api_changes = [f"{c.classification} {c.rule_id}: {c.message}" for c in result.changes
                   if str(c.classification) != "documentation"]
    assert api_changes == []
    assert {(p, m) for p, item in spec["paths"].items() for m in item} == {
        (p, m) for p, item in edited["paths"].items() for m in item}

    def unlinked(ps: list) -> list[tuple[str, int]]:
        return sorted((d.source.file, d.source.line) for p in ps for d in p.diagnostics
                      if d.code in ("schema.unreferenced", "ref.dangling"))

    assert unlinked(edited_pages) == unlinked(pages)

