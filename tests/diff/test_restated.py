"""Issue 22 part 2: a body restated to match the example it always had is one warning "docs corrected".

Built from RST snippets: the old page documents the fields flat while its example wraps them in `agency` (the old
build reports `example.schema_mismatch`); the new page adds the `agency` row and nests the fields under it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from generator.build.pipeline import build_spec
from generator.diff import DiffResult, Level, diff_specs
from tests.rst_snippets import line_of, page, table

Tree = Callable[[dict[str, str]], Path]
HEAD = ["Parameter", "Mandatory", "Type", "Description"]
FIELDS = [["name", "Yes", "String", "Agency name."], ["domain_id", "Yes", "String", "Domain ID."]]
WRAPPED = '{"agency": {"name": "ops", "domain_id": "d1"}}'
FLAT = '{"name": "ops", "domain_id": "d1"}'
STATUS = ("Status Codes\n------------\n\n=========== ===========\nStatus Code Description\n"
          "=========== ===========\n201         Created\n=========== ===========\n")


def _create(tables: str, example: str) -> str:
    return page("Creating an Agency", "POST /v3.0/OS-AGENCY/agencies", f"""
Request Parameters
------------------

{tables}
Example Requests
----------------

.. code-block::

   {example}

{STATUS}""", name="CreateAgency")


def _flat(example: str) -> str:
    return _create(table("Request body parameters", [HEAD, *FIELDS]), example)


def _wrapped(example: str, fields: list[list[str]] = FIELDS) -> str:
    return _create(table("Request body parameters", [HEAD, ["agency", "Yes", ":ref:`agency <agency>` object",
                                                            "Agency."]])
                   + table("agency", [HEAD, *fields], label="agency"), example)


def _diff(make_tree: Tree, tmp_path: Path, old: str, new: str) -> tuple[DiffResult, dict[str, object]]:
    old_spec = build_spec(make_tree({"a/create.rst": old}).rename(tmp_path / "old"), "iam").spec
    new_spec = build_spec(make_tree({"a/create.rst": new}), "iam").spec
    media = old_spec["paths"]["/v3.0/OS-AGENCY/agencies"]["post"]["requestBody"]["content"]["application/json"]
    return diff_specs(old_spec, new_spec), media


def test_a_body_nested_under_the_wrapper_its_example_always_had_is_one_warning(
        make_tree: Tree, tmp_path: Path) -> None:
    result, media = _diff(make_tree, tmp_path, _flat(WRAPPED), _wrapped(WRAPPED))
    # the old build filed the contradiction (`example.schema_mismatch`) with the example
    [reported] = media["x-otc-invalid-examples"].values()  # type: ignore[attr-defined]
    assert not [c for c in result.changes if c.level is Level.ERROR]
    [change] = result.find("request-body-restated")
    assert change.level is Level.WARNING and change.where == "CreateAgency"
    assert "docs corrected — the body now matches its example" in change.message
    where = f"{reported['x-source']['file']}:{reported['x-source']['line']}"
    assert change.param("cited") == f'example.schema_mismatch at {where}: "name" is a required property'
    listed = change.param("changes") or ""
    for held in ("request-property-added-required", "`CreateAgencyRequest.agency`", "`CreateAgencyRequest.name`",
                 "`CreateAgencyRequest.domain_id`", "request-property-removed"):
        assert held in listed
    assert change.param("count") == "3"


def test_a_restatement_whose_old_example_agreed_with_the_old_table_stays_an_error(
        make_tree: Tree, tmp_path: Path) -> None:
    result, media = _diff(make_tree, tmp_path, _flat(FLAT), _wrapped(WRAPPED))
    assert "x-otc-invalid-examples" not in media  # nothing contradicted: the old client sent what the docs said
    assert not result.find("request-body-restated")
    assert [c.level for c in result.find("request-property-added-required")] == [Level.ERROR]
    assert {c.param("field") for c in result.find("request-property-removed")} == {
        "CreateAgencyRequest.name", "CreateAgencyRequest.domain_id"}


def test_a_new_body_that_refuses_the_old_example_is_no_correction(make_tree: Tree, tmp_path: Path) -> None:
    # the wrapper came with a new mandatory field the old example never sent: a real change, reported as one
    more = [*FIELDS, ["duration", "Yes", "String", "Validity period."]]
    result, _ = _diff(make_tree, tmp_path, _flat(WRAPPED), _wrapped(WRAPPED, more))
    assert not result.find("request-body-restated")
    assert [c.level for c in result.find("request-property-added-required")] == [Level.ERROR]


def test_a_flat_table_without_mandatory_fields_is_contradicted_by_a_wrapper_example_too(
        make_tree: Tree, tmp_path: Path) -> None:
    # RDS ShowTask: no field was mandatory, so the example validated, but it had none of the table's fields
    optional = [[name, "No", type_, text] for name, _, type_, text in FIELDS]
    old = _create(table("Request body parameters", [HEAD, *optional]), WRAPPED)
    result, media = _diff(make_tree, tmp_path, old, _wrapped(WRAPPED))
    assert "x-otc-invalid-examples" not in media
    [change] = result.find("request-body-restated")
    where = f"a/create.rst:{line_of(old, WRAPPED)}"
    assert change.param("cited") == (
        f"the example at {where} has none of the table's fields at its top level, only `agency`")
    assert not result.find("request-property-removed") and not result.find("request-property-added-required")


def test_a_field_dropped_while_restating_stays_a_removal(make_tree: Tree, tmp_path: Path) -> None:
    # `legacy` is in neither the example nor the new tables: a real removal made in the same update
    old = _create(table("Request body parameters", [HEAD, *FIELDS, ["legacy", "No", "String", "Old flag."]]), WRAPPED)
    result, _ = _diff(make_tree, tmp_path, old, _wrapped(WRAPPED))
    [change] = result.find("request-body-restated")
    assert "legacy" not in (change.param("changes") or "")
    [removed] = result.find("request-property-removed")
    assert removed.level is Level.ERROR and removed.param("field") == "CreateAgencyRequest.legacy"


def test_a_restatement_that_only_adds_stays_info(make_tree: Tree, tmp_path: Path) -> None:
    # the old table already had the wrapper's fields optional at the top; the new one only adds the wrapper
    optional = [[name, "No", type_, text] for name, _, type_, text in FIELDS]
    old = _create(table("Request body parameters", [HEAD, *optional]), WRAPPED)
    new = _create(table("Request body parameters", [HEAD, *optional, ["agency", "No", "Object", "Agency."]]), WRAPPED)
    result, _ = _diff(make_tree, tmp_path, old, new)
    assert not result.find("request-body-restated")
    assert [c.level for c in result.find("request-property-added")] == [Level.INFO]


# virtual-private-cloud 2fbaf6c -> 8c8d63e apis/subnet_tag_management/querying_subnets_by_tag.rst: the old `tag`
# table listed only `key` while both request examples sent `values`; the new table adds `values` (Mandatory Yes)
TAG_HEAD = ["Parameter", "Mandatory", "Type", "Description"]
TAGS_EXAMPLE = '{"tags": [{"key": "k1", "values": ["v1", "v2"]}]}'


def _tags(rows: list[list[str]], example: str) -> str:
    return _create(table("Request body parameters", [TAG_HEAD, ["tags", "No", "Array of :ref:`tag <tag>` objects",
                                                                "Tags."]])
                   + table("Description of the **tag** field", [TAG_HEAD, *rows], label="tag"), example)


def test_a_field_the_old_example_always_sent_that_the_new_table_requires_is_docs_corrected(
        make_tree: Tree, tmp_path: Path) -> None:
    key = ["key", "Yes", "String", "Tag key."]
    values = ["values", "Yes", "Array of strings", "Tag values."]
    result, _ = _diff(make_tree, tmp_path, _tags([key], TAGS_EXAMPLE), _tags([key, values], TAGS_EXAMPLE))
    assert not [c for c in result.changes if c.level is Level.ERROR]
    [change] = result.find("request-body-restated")
    assert change.level is Level.WARNING
    assert "sends `values` at /tags/*/values, a field the old table does not list" in (change.param("cited") or "")
    assert "request-property-added-required" in (change.param("changes") or "")


def test_a_required_field_the_old_example_did_not_send_stays_an_error(make_tree: Tree, tmp_path: Path) -> None:
    key = ["key", "Yes", "String", "Tag key."]
    values = ["values", "Yes", "Array of strings", "Tag values."]
    result, _ = _diff(make_tree, tmp_path, _tags([key], '{"tags": [{"key": "k1"}]}'),
                      _tags([key, values], '{"tags": [{"key": "k1"}]}'))
    assert not result.find("request-body-restated")
    [change] = [c for c in result.changes if c.rule_id == "request-property-added-required"]
    assert change.level is Level.ERROR


def test_an_unlisted_field_of_one_old_example_only_does_not_explain_a_new_required_field(
        make_tree: Tree, tmp_path: Path) -> None:
    key = ["key", "Yes", "String", "Tag key."]
    values = ["values", "Yes", "Array of strings", "Tag values."]
    two = TAGS_EXAMPLE + "\n\n.. code-block::\n\n   " + '{"tags": [{"key": "k2"}]}'
    result, _ = _diff(make_tree, tmp_path, _tags([key], two), _tags([key, values], TAGS_EXAMPLE))
    assert [c.level for c in result.changes if c.rule_id == "request-property-added-required"] == [Level.ERROR]


def test_fields_listed_beside_a_wrapper_the_old_example_sent_inside_it_are_docs_corrected(
        make_tree: Tree, tmp_path: Path) -> None:
    # identity-access-management a819e7f -> 5f02533 updating_a_saml_identity_provider.rst: the old table lists
    # `identity_provider` (JSON object), `description` and `enabled` as rows of one table; its example sends
    # {"identity_provider": {"enabled": false}}; the new table nests the two under `identity_provider`
    head = ["Parameter", "Mandatory", "Type", "Description"]
    example = '{"identity_provider": {"enabled": false}}'
    old = _create(table("Request body parameters", [head, ["identity_provider", "Yes", "JSON object", "Provider."],
                                                     ["description", "No", "String", "Description."],
                                                     ["enabled", "No", "Boolean", "Enabled."]]), example)
    new = _create(table("Request body parameters", [head, ["identity_provider", "Yes", ":ref:`idp <idp>` object",
                                                           "Provider."]])
                  + table("idp", [head, ["description", "No", "String", "Description."],
                                  ["enabled", "No", "Boolean", "Enabled."]], label="idp"), example)
    result, _ = _diff(make_tree, tmp_path, old, new)
    assert not [c for c in result.changes if c.level is Level.ERROR]
    [change] = result.find("request-body-restated")
    assert "sends `enabled` only inside another field" in (change.param("cited") or "")
    assert (change.param("changes") or "").count("request-property-removed") == 2
