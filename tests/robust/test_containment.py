"""Files that resolve outside the docs root (symlinks, links through folders) are never read."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.build.pipeline import build_spec
from generator.docs.read import OutsideRoot, read_file
from tests.rst_snippets import page


def _tree(tmp_path: Path) -> tuple[Path, Path]:
    root = tmp_path / "docs"
    (root / "api").mkdir(parents=True)
    (root / "api" / "list.rst").write_text(page("Listing Things", "GET /v1/{project_id}/things", name="ListThings"))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "secret.rst").write_text(page("Deleting Everything", "DELETE /v1/{project_id}/all",
                                               name="DeleteAll"))
    return root, elsewhere


def _ops(spec: dict[str, object]) -> list[str]:
    paths = spec["paths"]
    assert isinstance(paths, dict)
    return sorted(f"{m.upper()} {p}" for p, item in paths.items() for m in item)


def test_symlinked_page_outside_the_root_is_not_read(tmp_path: Path) -> None:
    root, elsewhere = _tree(tmp_path)
    (root / "api" / "linked.rst").symlink_to(elsewhere / "secret.rst")
    result = build_spec(root, "things")
    assert _ops(result.spec) == ["GET /v1/{project_id}/things"]
    [diag] = [d for d in result.diagnostics if d.code == "page.outside_root"]
    assert diag.source.file == "api/linked.rst"
    assert str((elsewhere / "secret.rst").resolve()) in diag.message and "not read" in diag.message
    assert not any(d.code == "page.crash" for d in result.diagnostics)


def test_symlink_to_etc_passwd_is_not_read(tmp_path: Path) -> None:
    root, _ = _tree(tmp_path)
    (root / "passwd.rst").symlink_to("/etc/passwd")
    result = build_spec(root, "things")
    assert [d.source.file for d in result.diagnostics if d.code == "page.outside_root"] == ["passwd.rst"]
    # nothing of the file reached the pages, the spec or any diagnostic text
    assert "root:" not in repr(result.spec) and all("root:x" not in d.message for d in result.diagnostics)
    assert [p.title for p in result.pages if p.file == "passwd.rst"] == [""]
    with pytest.raises(OutsideRoot):
        read_file(root / "passwd.rst", root)


def test_link_through_a_folder_and_relative_links(tmp_path: Path) -> None:
    root, elsewhere = _tree(tmp_path)
    # a relative symlink climbing out of the tree, and one staying inside it
    os.symlink(os.path.join("..", "..", "elsewhere", "secret.rst"), root / "api" / "climb.rst")
    os.symlink("list.rst", root / "api" / "alias.rst")
    result = build_spec(root, "things")
    assert sorted(d.source.file for d in result.diagnostics if d.code == "page.outside_root") == ["api/climb.rst"]
    assert _ops(result.spec) == ["GET /v1/{project_id}/things"]
    assert read_file(root / "api" / "alias.rst", root).file == "api/alias.rst"  # inside the root: read


def test_docs_root_given_through_a_symlink_still_reads_its_pages(tmp_path: Path) -> None:
    root, _ = _tree(tmp_path)
    via = tmp_path / "via"
    via.symlink_to(root, target_is_directory=True)
    result = build_spec(via, "things")
    assert _ops(result.spec) == ["GET /v1/{project_id}/things"]
    assert not any(d.code == "page.outside_root" for d in result.diagnostics)
