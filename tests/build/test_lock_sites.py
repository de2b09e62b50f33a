"""Issue 22, cause A of benchmarks/history_precision.md: a model keeps its class name when its table is unchanged,
though its page was relabelled (VPC 934506a->31a5498) or tables of its shape were merged with it or split from it
(DNS f597094->3f8efcd, VPC fcae6c8->bc55789): the lock's second key of a table is where it is used."""

from __future__ import annotations

from pathlib import Path

from generator.build.lock import read_lock, write_lock
from generator.build.lock.file import parse_lock
from generator.build.lock.sites import Sites, site_claims
from generator.diff.compare import diff_specs
from tests.build.test_lock import STATUS, _build, _listing, _model_of, _refs, _tree
from tests.rst_snippets import page, table


def _renamed_models(old: object, new: object) -> list[str]:
    return [c.rule_id for c in diff_specs(old.spec, new.spec).changes  # type: ignore[attr-defined]
            if c.rule_id.endswith("-model-renamed")]


def test_a_relabelled_page_keeps_its_models_though_another_table_takes_their_docs_name(tmp_path: Path) -> None:
    # VPC 31a5498: page label `vpc_apiv3_0007_0` -> `vpc_apiv3_0007`, every table label with it; a new page's
    # `Tag` of another shape now comes first, so the docs name the relabelled table `ListSnapshotsTag`
    old = _build(_tree(tmp_path / "old", {"b/snap.rst": _listing("Querying Snapshots", "GET /v2/snapshots",
                                                                 "evs_07_0", "evs_07_0__tag")}))
    assert _model_of(old, "table evs_07_0__tag") == "Tag"
    files = {"b/snap.rst": _listing("Querying Snapshots", "GET /v2/snapshots", "evs_07", "evs_07__tag"),
             "a/keys.rst": _listing("Querying Keys", "GET /v2/keys", "evs_02", "evs_02__tag", tag_field="value")}
    assert _model_of(_build(_tree(tmp_path / "plain", files)), "table evs_07__tag") == "ListSnapshotsTag"
    new = _build(_tree(tmp_path / "new", files), old.names_lock)
    assert _model_of(new, "table evs_07__tag") == "Tag"
    assert _model_of(new, "table evs_02__tag") == "Tag2"
    assert _renamed_models(old, new) == []
    assert old.names_lock is not None and old.names_lock.sites == {"GET /v2/snapshots response 200 tags": "Tag"}
    assert new.names_lock is not None and new.names_lock.models["table evs_07__tag"] == "Tag"


def test_sites_that_two_components_claim_give_the_name_to_neither(tmp_path: Path) -> None:
    old = _build(_tree(tmp_path / "old", {"b/snap.rst": _listing("Querying Snapshots", "GET /v2/snapshots",
                                                                 "evs_07_0", "evs_07_0__tag")}))
    assert old.names_lock is not None
    lock_sites = {**old.names_lock.sites, "GET /v2/keys response 200 tags": "Tag"}
    new = _build(_tree(tmp_path / "new", {
        "b/snap.rst": _listing("Querying Snapshots", "GET /v2/snapshots", "evs_07", "evs_07__tag"),
        "a/keys.rst": _listing("Querying Keys", "GET /v2/keys", "evs_02", "evs_02__tag", tag_field="value")}))
    sites = Sites(dict(new.spec))
    unfound = {_model_of(new, "table evs_07__tag"), _model_of(new, "table evs_02__tag")}
    assert site_claims(sites, lock_sites, unfound) == {}
    assert site_claims(sites, old.names_lock.sites, unfound) == {_model_of(new, "table evs_07__tag"): "Tag"}


def test_tables_merged_since_keep_each_its_locked_class(tmp_path: Path) -> None:
    # DNS 3f8efcd: the batch-tag page's `tags` table (`BatchCreateOrDeleteResourceTagsTags`, another shape) now has
    # the shape of the zone pages' `Tag`, so both share a component; the client's two classes stay
    def files(one_field: str) -> dict[str, str]:
        return {"c/one.rst": _listing("Querying Ones", "GET /v2/ones", "evs_01", "tag_1", one_field),
                "b/two.rst": _listing("Querying Twos", "GET /v2/twos", "evs_02", "tag_2")}

    old = _build(_tree(tmp_path / "old", files("value")))
    assert (_model_of(old, "table tag_1"), _model_of(old, "table tag_2")) == ("ListOnesTag", "Tag")
    plain = _build(_tree(tmp_path / "plain", files("key")))
    assert plain.spec["components"]["schemas"]["Tag"]["x-otc-id"] == ["table tag_1", "table tag_2"]
    new = _build(_tree(tmp_path / "new", files("key")), old.names_lock)
    assert (_model_of(new, "table tag_1"), _model_of(new, "table tag_2")) == ("ListOnesTag", "Tag")
    schemas = new.spec["components"]["schemas"]
    assert {k: v for k, v in schemas["ListOnesTag"].items() if k != "x-otc-id"} == {
        k: v for k, v in schemas["Tag"].items() if k != "x-otc-id"}
    assert list(schemas) == sorted(schemas)
    assert all(r.rsplit("/", 1)[1] in schemas for r in _refs(new.spec))
    assert _renamed_models(old, new) == []
    (said,) = [d for d in new.diagnostics if d.code == "naming.locked" and "merge" in d.message]
    assert said.message == "table tag_1: the docs merge it into 'Tag' (one shape); the lock keeps its own model"
    assert new.names_lock is not None and new.names_lock.models == old.names_lock.models  # type: ignore[union-attr]
    # and so on the next build with that lock
    again = _build(_tree(tmp_path / "again", files("key")), new.names_lock)
    assert (_model_of(again, "table tag_1"), _model_of(again, "table tag_2")) == ("ListOnesTag", "Tag")


def test_a_split_of_as_many_tables_leaves_the_name_to_the_part_the_docs_still_name_so(tmp_path: Path) -> None:
    # VPC bc55789: the request and response `tags` tables of ListVpcsByTag shared `ListVpcsByTagTags`; the
    # response table changed shape. One table each: the unchanged one, which the docs still name so, keeps it
    def files(one_field: str) -> dict[str, str]:
        return {"c/one.rst": _listing("Querying Ones", "GET /v2/ones", "evs_01", "tag_1", one_field),
                "b/two.rst": _listing("Querying Twos", "GET /v2/twos", "evs_02", "tag_2")}

    old = _build(_tree(tmp_path / "old", files("key")))
    assert old.spec["components"]["schemas"]["Tag"]["x-otc-id"] == ["table tag_1", "table tag_2"]
    new = _build(_tree(tmp_path / "new", files("value")), old.names_lock)
    assert _model_of(new, "table tag_2") == "Tag"
    assert _model_of(new, "table tag_1") == "ListOnesTag"


def test_model_sites_round_trip_and_older_placeholders_still_bind(tmp_path: Path) -> None:
    lock = parse_lock({"version": 1, "models": {"table t": "Tag"},
                       "model_sites": {"GET /v2/servers/{server_id}/tags response 200 tags[]": "Tag"}})
    assert lock.sites == {"GET /v2/servers/{}/tags response 200 tags[]": "Tag"}
    write_lock(tmp_path / "x.names.yaml", lock)
    text = (tmp_path / "x.names.yaml").read_text(encoding="utf-8")
    assert "model_sites:\n  GET /v2/servers/{server_id}/tags response 200 tags[]: Tag\n" in text
    assert read_lock(tmp_path / "x.names.yaml") == lock
    assert "model_sites" not in (parse_lock({"version": 1}).as_data())


def test_the_lock_file_shows_the_docs_placeholders_and_reads_them_back_as_one_endpoint(tmp_path: Path) -> None:
    old = _build(_tree(tmp_path / "old", {"apis/nic/list.rst": _listing("Querying NICs", "GET /v2/servers/{id}/nics",
                                                                        "ecs_01", "ecs_01__tag")}))
    assert old.names_lock is not None and "GET /v2/servers/{}/nics" in old.names_lock.functions
    write_lock(tmp_path / "old.names.yaml", old.names_lock)
    text = (tmp_path / "old.names.yaml").read_text(encoding="utf-8")
    assert "  GET /v2/servers/{id}/nics:\n    function: ListNics\n" in text
    assert "  GET /v2/servers/{id}/nics response 200: ListNicsResponse\n" in text
    assert "  GET /v2/servers/{id}/nics response 200 tags: Tag\n" in text and "/{}/" not in text
    read = read_lock(tmp_path / "old.names.yaml")
    assert read == old.names_lock
    write_lock(tmp_path / "again.names.yaml", read)  # type: ignore[arg-type]
    assert (tmp_path / "again.names.yaml").read_text(encoding="utf-8") == text
    # the docs rename the placeholder: the same endpoint, shown as the docs now write it
    new = _build(_tree(tmp_path / "new", {"apis/nic/list.rst": _listing("Querying NICs",
                                                                        "GET /v2/servers/{server_id}/nics",
                                                                        "ecs_01", "ecs_01__tag")}), read)
    assert new.names_lock == old.names_lock
    write_lock(tmp_path / "new.names.yaml", new.names_lock)  # type: ignore[arg-type]
    assert (tmp_path / "new.names.yaml").read_text(encoding="utf-8") == text.replace("{id}", "{server_id}")


def test_a_relabelled_table_merged_with_another_models_table_keeps_its_class(tmp_path: Path) -> None:
    # VPC 8b76a94: the create-port page was relabelled (`vpc_port02_0003` -> `vpc_port02_0003xx`) and, as the docs
    # name `ExtraDhcpOpt` was free again, its table merged with the update page's (`UpdatePortExtraDhcpOpt`): the
    # create page's class is found again where it is used, not by its table
    old = _build(_tree(tmp_path / "old", {
        "a/zero.rst": _listing("Querying Zeros", "GET /v2/zeros", "evs_00", "tag_0", "value"),
        "c/one.rst": _listing("Querying Ones", "GET /v2/ones", "evs_01", "tag_1"),
        "b/two.rst": _listing("Querying Twos", "GET /v2/twos", "evs_02", "tag_2")}))
    assert [_model_of(old, f"table tag_{n}") for n in range(3)] == ["Tag", "ListOnesTag", "ListTwosTag"]
    files = {"c/one.rst": _listing("Querying Ones", "GET /v2/ones", "evs_01", "tag_1x"),
             "b/two.rst": _listing("Querying Twos", "GET /v2/twos", "evs_02", "tag_2")}
    plain = _build(_tree(tmp_path / "plain", files))
    assert plain.spec["components"]["schemas"]["Tag"]["x-otc-id"] == ["table tag_1x", "table tag_2"]
    new = _build(_tree(tmp_path / "new", files), old.names_lock)
    assert (_model_of(new, "table tag_1x"), _model_of(new, "table tag_2")) == ("ListOnesTag", "ListTwosTag")
    assert _renamed_models(old, new) == []
    assert new.names_lock is not None and new.names_lock.models["table tag_1x"] == "ListOnesTag"
    again = _build(_tree(tmp_path / "again", files), new.names_lock)
    assert (_model_of(again, "table tag_1x"), _model_of(again, "table tag_2")) == ("ListOnesTag", "ListTwosTag")


def test_tables_of_one_locked_model_that_the_docs_name_apart_stay_one_model(tmp_path: Path) -> None:
    # VPC 8b76a94: the subnet pages' `extra_dhcp_opt` tables were one `ExtraDhcpOpt`; the port pages' table of
    # another shape now takes the docs name first, so each subnet page prefixes its own (`ShowSubnetExtraDhcpOpt`,
    # ...): same shape, one class of the last release, so one class still
    two = {"c/one.rst": _listing("Querying Ones", "GET /v2/ones", "evs_01", "tag_1"),
           "b/two.rst": _listing("Querying Twos", "GET /v2/twos", "evs_02", "tag_2")}
    old = _build(_tree(tmp_path / "old", two))
    assert old.spec["components"]["schemas"]["Tag"]["x-otc-id"] == ["table tag_1", "table tag_2"]
    files = {**two, "a/zero.rst": _listing("Querying Zeros", "GET /v2/zeros", "evs_00", "tag_0", "value")}
    plain = _build(_tree(tmp_path / "plain", files))
    assert [_model_of(plain, f"table tag_{n}") for n in range(3)] == ["Tag", "ListOnesTag", "ListTwosTag"]
    new = _build(_tree(tmp_path / "new", files), old.names_lock)
    schemas = new.spec["components"]["schemas"]
    assert schemas["Tag"]["x-otc-id"] == ["table tag_1", "table tag_2"]
    assert _model_of(new, "table tag_0") == "Tag2"  # a new table never takes a locked name
    assert all(r.rsplit("/", 1)[1] in schemas for r in _refs(new.spec))
    assert _renamed_models(old, new) == []
    (said,) = [d for d in new.diagnostics if d.code == "naming.locked" and "apart" in d.message]
    assert said.message == ("ListOnesTag, ListTwosTag: the docs name them apart, one shape and one model 'Tag' of "
                            "the names lock: the lock keeps them one")


def _job_page(title: str, uri: str, anchor: str, tag: str, job_field: str = "size",
              input_field: str = "name") -> str:
    """A call whose request body holds `job` (a table) holding `inputs` (a table): labels `<tag>_job`, `<tag>_in`."""
    body = ("Request Parameters\n------------------\n\n"
            + table("Request body parameters", [["Parameter", "Mandatory", "Type", "Description"],
                                                ["job", "Yes", f":ref:`Job <{tag}_job>` object", "The job."]])
            + table("Job", [["Parameter", "Mandatory", "Type", "Description"],
                            [job_field, "No", "String", "A job field."],
                            ["inputs", "No", f"Array of :ref:`Input <{tag}_in>` objects", "The inputs."]],
                    label=f"{tag}_job")
            + table("Input", [["Parameter", "Mandatory", "Type", "Description"],
                              [input_field, "No", "String", "An input field."]], label=f"{tag}_in"))
    return page(title, uri, body + STATUS, name=anchor)


def test_models_under_a_split_model_split_too(tmp_path: Path) -> None:
    # modelarts 6158e07: the create and change algorithm pages were regenerated (every label new) and their
    # `job_config` and `inputs` tables, one class per page before, now merge: `JobConfig` splits back by where it
    # is used, and then so does `inputs` under it (the `$ref` to it was one node of the merged `JobConfig`)
    old = _build(_tree(tmp_path / "old", {
        "a/zero.rst": _job_page("Creating a Zero", "POST /v2/zeros", "evs_00", "z", "other", "other"),
        "b/one.rst": _job_page("Creating a One", "POST /v2/ones", "evs_01", "o"),
        "c/two.rst": _job_page("Updating a One", "PUT /v2/ones/{id}", "evs_02", "t")}))
    names = {t: _model_of(old, f"table {t}") for t in ("o_job", "o_in", "t_job", "t_in")}
    assert len(set(names.values())) == 4  # one class per page and table
    files = {"b/one.rst": _job_page("Creating a One", "POST /v2/ones", "evs_01", "ox"),
             "c/two.rst": _job_page("Updating a One", "PUT /v2/ones/{id}", "evs_02", "tx")}
    plain = _build(_tree(tmp_path / "plain", files))
    assert plain.spec["components"]["schemas"]["Input"]["x-otc-id"] == ["table ox_in", "table tx_in"]
    new = _build(_tree(tmp_path / "new", files), old.names_lock)
    assert old.names_lock is not None and new.names_lock is not None
    kept = {"POST /v2/ones request job": names["o_job"], "POST /v2/ones request job.inputs[]": names["o_in"],
            "PUT /v2/ones/{} request job": names["t_job"], "PUT /v2/ones/{} request job.inputs[]": names["t_in"]}
    assert new.names_lock.sites == kept == {k: v for k, v in old.names_lock.sites.items() if "zeros" not in k}
    assert _renamed_models(old, new) == []
    again = _build(_tree(tmp_path / "again", files), new.names_lock)
    assert again.names_lock is not None and again.names_lock.sites == kept


def _body_and_echo(resp_extra: bool) -> str:
    """`POST /v2/things`: the request's and the response's `spec` tables (labels `b_req`, `a_resp`)."""
    resp_rows = [["Parameter", "Type", "Description"], ["size", "String", "The size."]]
    if resp_extra:
        resp_rows.append(["state", "String", "The state."])
    body = ("Request Parameters\n------------------\n\n"
            + table("Request body parameters", [["Parameter", "Mandatory", "Type", "Description"],
                                                ["spec", "Yes", ":ref:`Spec <b_req>` object", "The spec."]])
            + table("Spec", [["Parameter", "Mandatory", "Type", "Description"], ["size", "No", "String", "The size."]],
                    label="b_req")
            + "Response Parameters\n-------------------\n\n"
            + table("Response body parameters", [["Parameter", "Type", "Description"],
                                                 ["spec", ":ref:`Spec <a_resp>` object", "The spec."]])
            + table("Spec", resp_rows, label="a_resp"))
    return page("Creating a Thing", "POST /v2/things", body + STATUS, name="evs_09")


def test_of_the_parts_of_a_split_model_the_one_a_request_uses_keeps_its_name(tmp_path: Path) -> None:
    # VPC 934506a: the request's and the response's `external_gateway_info` tables shared `ExternalGatewayInfo`;
    # the response's table changed. Renaming a request model breaks callers (an error), a response model is only
    # read (a warning): the request keeps the class
    old = _build(_tree(tmp_path / "old", {"a/thing.rst": _body_and_echo(False)}))
    assert old.spec["components"]["schemas"]["Spec"]["x-otc-id"] == ["table a_resp", "table b_req"]
    new = _build(_tree(tmp_path / "new", {"a/thing.rst": _body_and_echo(True)}), old.names_lock)
    assert _model_of(new, "table b_req") == "Spec"
    assert _model_of(new, "table a_resp") != "Spec"
    assert _renamed_models(old, new) == []
    # the response's class split off a class that stays: said at the level a reader feels it
    split = [c for c in diff_specs(old.spec, new.spec).changes if c.rule_id.endswith("-model-split")]
    assert [(c.rule_id, c.level.value) for c in split] == [("response-model-split", "info")]


def _spec_page(title: str, uri: str, anchor: str, label: str, extra: bool = False) -> str:
    rows = [["Parameter", "Mandatory", "Type", "Description"], ["size", "No", "String", "The size."]]
    if extra:
        rows.append(["state", "No", "String", "The state."])
    body = ("Request Parameters\n------------------\n\n"
            + table("Request body parameters", [["Parameter", "Mandatory", "Type", "Description"],
                                                ["spec", "Yes", f":ref:`Spec <{label}>` object", "The spec."]])
            + table("Spec", rows, label=label))
    return page(title, uri, body + STATUS, name=anchor)


def test_of_the_parts_of_a_split_model_the_one_whose_table_did_not_change_keeps_its_name(tmp_path: Path) -> None:
    # CCE a0e0e53: the migrate and accept pages' `runtime` tables shared `Runtime`; the accept page's table changed.
    # The unchanged one keeps the class (code built on it keeps working); the changed one is the new class, and
    # the diff says so at the level it is felt (the old class is still there)
    def files(changed: bool) -> dict[str, str]:
        return {"a/accept.rst": _spec_page("Accepting a Node", "POST /v2/accept", "cce_01", "a_spec", changed),
                "b/migrate.rst": _spec_page("Migrating a Node", "POST /v2/migrate", "cce_02", "b_spec")}

    old = _build(_tree(tmp_path / "old", files(False)))
    assert old.spec["components"]["schemas"]["Spec"]["x-otc-id"] == ["table a_spec", "table b_spec"]
    assert old.names_lock is not None and set(old.names_lock.shapes) >= {"Spec"}
    new = _build(_tree(tmp_path / "new", files(True)), old.names_lock)
    assert _model_of(new, "table b_spec") == "Spec"
    assert _model_of(new, "table a_spec") != "Spec"
    changes = diff_specs(old.spec, new.spec).changes
    assert [(c.rule_id, c.level.value) for c in changes if "model" in c.rule_id] == [("request-model-split", "warning")]
    assert [c.operation.operation_id for c in changes if c.rule_id == "request-model-split"] == ["AcceptNode"]
    write_lock(tmp_path / "evs.names.yaml", old.names_lock)
    assert "model_shapes:" in (tmp_path / "evs.names.yaml").read_text(encoding="utf-8")
    again = read_lock(tmp_path / "evs.names.yaml")
    assert again is not None and again.shapes == old.names_lock.shapes
