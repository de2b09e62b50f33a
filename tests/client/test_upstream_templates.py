"""The forked openapi-python-client templates: the recorded upstream base and the committed patch against it."""

from __future__ import annotations

import difflib
import tomllib
from importlib import metadata
from pathlib import Path

from generator.devtools import upstream_templates as up

ROOT = Path(__file__).resolve().parents[2]
REFRESH = "after a deliberate change: python -m generator.devtools.upstream_templates --write, and review the diff"


def test_recorded_version_is_the_installed_and_pinned_one() -> None:
    record = up.read_record()
    assert record.package == "openapi-python-client"
    assert record.version == metadata.version(record.package)
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    [pin] = [d for d in deps if d.partition("==")[0].strip() == record.package]
    assert pin == f"{record.package}=={record.version}"


def test_every_template_is_recorded_and_forks_an_existing_upstream_template() -> None:
    record = up.read_record()
    assert sorted(record.files) == up.template_files()
    for name, upstream in record.files.items():
        if upstream == up.OURS:
            # a template of an upstream name replaces upstream's: it is a fork and must be recorded as one
            assert not (up.UPSTREAM_TEMPLATES / name).exists(), name
        else:
            assert (up.UPSTREAM_TEMPLATES / upstream).is_file(), f"{name}: upstream has no {upstream}"


def test_committed_patch_is_the_diff_of_the_forks_against_upstream() -> None:
    expected = up.patch_text(up.read_record())
    committed = up.PATCH.read_text(encoding="utf-8")
    if committed != expected:
        change = "".join(difflib.unified_diff(committed.splitlines(keepends=True), expected.splitlines(keepends=True),
                                              "upstream.diff (committed)", "upstream.diff (now)"))
        raise AssertionError(f"the forks moved against upstream ({REFRESH}):\n{change}")


def test_patch_shows_a_change_on_either_side(tmp_path: Path) -> None:
    ours, theirs = tmp_path / "ours", tmp_path / "theirs"
    ours.mkdir()
    theirs.mkdir()
    (theirs / "a.jinja").write_text("one\ntwo\n", encoding="utf-8")
    (ours / "a.jinja").write_text("one\n2\n", encoding="utf-8")
    (ours / "b.jinja").write_text("new\n", encoding="utf-8")
    record = up.Record("openapi-python-client", "0", {"a.jinja": "a.jinja", "b.jinja": up.OURS})
    assert up.patch_text(record, ours, theirs) == (
        "--- a/a.jinja\n+++ b/a.jinja\n@@ -1,2 +1,2 @@\n one\n-two\n+2\n")
    (theirs / "a.jinja").write_text("one\ntwo", encoding="utf-8")  # upstream drops its last newline
    assert up.patch_text(record, ours, theirs).endswith("-two\n\\ No newline at end of file\n+2\n")


def test_patch_and_record_ship_with_the_templates() -> None:
    package_data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
        "package-data"]["generator"]
    assert "client/upstream_templates/*" in package_data
