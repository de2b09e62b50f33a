"""`api.md`: every endpoint module, its functions' signatures, the docs page and every model, read back from the
generated package; doc text stays inert Markdown."""

from __future__ import annotations

import json
from pathlib import Path

from generator.client.api_reference import api_reference
from generator.core.config import REPO_ROOT

CLIENT = REPO_ROOT / "generated" / "modelarts"
PACKAGE = "otc_modelarts_client"


def test_the_committed_clients_reference_lists_what_the_package_has() -> None:
    text = (CLIENT / "api.md").read_text(encoding="utf-8")
    assert text == api_reference(CLIENT / PACKAGE, PACKAGE, "otc-modelarts-client", "ModelArts",
                                 "https://github.com/opentelekomcloud-docs/modelarts")
    modules = sorted(p for p in (CLIENT / PACKAGE / "api").glob("*/*.py") if p.name != "__init__.py")
    assert modules
    for path in modules:
        assert f"### `{path.stem}`" in text
        assert f"`from {PACKAGE}.api.{path.parent.name} import <module>`" in text
    assert ("- `update_notebook.sync(id: str, *, client: AuthenticatedClient | Client, project_id: str | None=None, "
            "body: UpdateNotebookRequest | Unset=UNSET) -> UpdateNotebookResponse | None`") in text
    assert ("Updating a Notebook Instance `PUT /v1/{project_id}/notebooks/{id}` (docs: "
            "`development_environment_management/updating_a_notebook_instance.rst:21`)") in text
    models = sorted(p.stem for p in (CLIENT / PACKAGE / "models").glob("*.py") if p.name != "__init__.py")
    assert text.count("\n- `", text.index("## Models")) == len(models)
    assert "- `ImageArch`: enum: `'AARCH64'`, `'X86_64'`" in text
    assert "[api.md](api.md)" in (CLIENT / "README.md").read_text(encoding="utf-8")


def test_doc_text_stays_inert(tmp_path: Path) -> None:
    pkg = tmp_path / "pkg"
    (pkg / "api" / "things").mkdir(parents=True)
    (pkg / "models").mkdir()
    (pkg / "api" / "things" / "list_things.py").write_text(
        'def sync(*, client: object) -> None:\n'
        '    """<script>alert(1)</script> | **x** [a](javascript:b)\n\n    more"""\n',
        encoding="utf-8")
    (pkg / "models" / "thing.py").write_text('class Thing:\n    """A `thing` <b>\n\n    Attributes:"""\n',
                                             encoding="utf-8")
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "conformance_data.json").write_text(json.dumps({"operations": [
        {"tag_module": "things", "module": "list_things", "method": "GET", "path": "/v1/things`",
         "source": {"file": "a.rst", "line": 3}}]}), encoding="utf-8")
    text = api_reference(pkg, "pkg", "pkg", "T <i>", "https://example.invalid/docs")
    assert "<script>" not in text and "<b>" not in text and "<i>" not in text
    assert (r"\<script\>alert\(1\)\</script\> \| \*\*x\*\* \[a\]\(javascript:b\) `GET /v1/things'` "
            "(docs: `a.rst:3`)") in text
    assert r"- `Thing`: A \`thing\` \<b\>" in text
