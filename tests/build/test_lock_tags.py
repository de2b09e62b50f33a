"""Issue 22: a module the names lock keeps (its docs folder renamed) keeps a tag description."""

from __future__ import annotations

import textwrap
from pathlib import Path

from generator.build.pipeline import BuildResult, build_spec
from tests.rst_snippets import STATUS_200, line_of, page


def _index(title: str, intro: str, pages: list[str]) -> str:
    underline = "=" * len(title)
    refs = "".join(f"-  :ref:`{p} <{p}>`\n" for p in pages)
    toc = "".join(f"   {p.lower()}\n" for p in pages)
    return (f":original_name: index.html\n\n.. _section_index:\n\n{title}\n{underline}\n\n{intro}\n\n{refs}\n"
            f".. toctree::\n   :hidden:\n\n{toc}")


def _build(root: Path, folder: str, title: str, intro: str, old: BuildResult | None = None) -> BuildResult:
    files = {f"apis/{folder}/index.rst": _index(title, intro, ["ListSnapshots", "ShowSnapshot"]),
             f"apis/{folder}/listsnapshots.rst": page("Querying Snapshots", "GET /v2/snapshots", STATUS_200,
                                                      name="ListSnapshots"),
             f"apis/{folder}/showsnapshot.rst": page("Querying a Snapshot", "GET /v2/snapshots/{id}", STATUS_200,
                                                     name="ShowSnapshot")}
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(textwrap.dedent(text), encoding="utf-8")
    return build_spec(root, "evs", names_lock=old.names_lock if old is not None else None)


def test_a_kept_module_has_the_description_of_the_folder_its_pages_are_in(tmp_path: Path) -> None:
    old = _build(tmp_path / "old", "snapshot_management", "Snapshot Management", "Snapshots of disks.")
    intro = "Snapshots of disks, kept for recovery."
    new = _build(tmp_path / "new", "snapshots", "Snapshots", intro, old)
    ops = [op for item in new.spec["paths"].values() for op in item.values()]
    assert [op["tags"] for op in ops] == [["Snapshot Management"], ["Snapshot Management"]]  # the lock kept it
    index = _index("Snapshots", intro, ["ListSnapshots", "ShowSnapshot"])
    assert new.spec["tags"] == [{"name": "Snapshot Management", "description": intro,
                                 "x-source": {"file": "apis/snapshots/index.rst", "line": line_of(index, intro)}}]
    # without the lock, the same tree's module is the folder's own, with the same description
    fresh = build_spec(tmp_path / "new", "evs")
    assert fresh.spec["tags"] == [{"name": "Snapshots", "description": intro,
                                   "x-source": {"file": "apis/snapshots/index.rst", "line": line_of(index, intro)}}]
