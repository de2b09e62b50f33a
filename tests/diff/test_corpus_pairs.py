"""The diff on real docs history (/work/shared/corpus, notes §15): each tree is built once per run.

These depend on the builder's extraction as much as on the diff; a failure here names the field,
so it is easy to tell an extraction gap (field missing from a spec) from a diff rule problem.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pytest

from generator.devtools.corpus import CORPUS
from generator.diff import Change, Classification, DiffResult, Level, diff_specs

pytestmark = pytest.mark.corpus  # never skipped: without the corpus these fail (tests/conftest.py)


@pytest.fixture(scope="module")
def modelarts(corpus_spec: Callable[[str], Mapping[str, Any]]) -> DiffResult:
    return diff_specs(corpus_spec("modelarts@f3d1df8"), corpus_spec("modelarts@1ba1873"))


@pytest.fixture(scope="module")
def dms(corpus_spec: Callable[[str], Mapping[str, Any]]) -> DiffResult:
    return diff_specs(
        corpus_spec("distributed-message-service@5758a36"), corpus_spec("distributed-message-service@d2c571c")
    )


def _ops(result: DiffResult, rule_id: str) -> set[tuple[str, str]]:
    return {(c.operation.method, c.operation.path) for c in result.find(rule_id)}


def _in(result: DiffResult, operation_id: str, rule_id: str, migration: bool = False, **params: str) -> list[Change]:
    return [c for c in result.find(rule_id, migration=migration, **params) if c.operation.operation_id == operation_id]


# ---------------------------------------------------------------- modelarts f3d1df8 -> 1ba1873


@pytest.mark.parametrize("operation_id", ["UpdateNotebook", "CreateNotebook"])
@pytest.mark.parametrize(("old", "new"), [("dev_service", "service"), ("ssh_keys", "key_pair_names")])
def test_modelarts_endpoints_fields_renamed(modelarts: DiffResult, operation_id: str, old: str, new: str) -> None:
    [change] = _in(modelarts, operation_id, "request-property-renamed", field=f"EndpointsReq.{old}")
    assert change.param("new") == new
    assert change.classification is Classification.BREAKING
    assert not _in(modelarts, operation_id, "request-property-removed", field=f"EndpointsReq.{old}")


def _line(tree: str, source: str) -> str:
    file, line = source.rsplit(":", 1)
    return (CORPUS / tree / file).read_text(encoding="utf-8").splitlines()[int(line) - 1]


def test_modelarts_rename_points_at_the_docs_rows(modelarts: DiffResult) -> None:
    [change] = _in(modelarts, "UpdateNotebook", "request-property-renamed", field="EndpointsReq.dev_service")
    assert change.operation.path == "/v1/{project_id}/notebooks/{id}"
    assert change.old is not None and change.new is not None and change.old.source and change.new.source
    # The builder shares one EndpointsReq between the notebook pages, so the row may be on either page.
    assert "| dev_service " in _line("modelarts@f3d1df8", change.old.source)
    assert "| service " in _line("modelarts@1ba1873", change.new.source)
    assert change.old.pointer.endswith("/properties/dev_service")
    assert change.new.pointer.endswith("/properties/service")


def test_modelarts_operations_added_and_removed(modelarts: DiffResult) -> None:
    assert len(modelarts.find("operation-added")) == 24
    assert _ops(modelarts, "operation-removed") == {
        ("POST", "/v1/{project_id}/models"),
        ("POST", "/v1/{project_id}/pools/resource-instances/filter"),
        ("POST", "/v1/{project_id}/pools/{pool_name}/tags/create"),
        ("DELETE", "/v1/{project_id}/pools/{pool_name}/tags/delete"),
    }
    assert {
        ("GET", "/v2/{project_id}/pools/{pool_name}/plugins"),
        ("POST", "/v1/{project_id}/services/{service_id}/tasks"),
    } <= _ops(modelarts, "operation-added")
    assert not modelarts.find("operation-path-changed")


@pytest.mark.parametrize("operation_id", ["ShowTrainingJobMetrics", "ShowTrainingJobFlavors"])
def test_modelarts_table_title_renames_are_not_changes(modelarts: DiffResult, operation_id: str) -> None:
    # Their nested tables were retitled (e.g. ShowTrainingJobMetricsMetrics -> MetricObject) with the
    # same fields: only wording changes may show up.
    changes = [c for c in modelarts.changes if c.operation.operation_id == operation_id]
    assert changes, "expected wording changes on this page"
    # The fields are compared by structure; only the generated class names change with the titles.
    renames = [c for c in changes if c.rule_id == "response-model-renamed"]
    assert renames and all(c.level is Level.WARNING for c in renames)
    assert {c.classification for c in changes if c not in renames} == {Classification.DOCUMENTATION}


# ---------------------------------------------------------------- DMS 5758a36 -> d2c571c


def test_dms_engine_segment_create_instance(dms: DiffResult) -> None:
    [added] = _in(dms, "CreateInstanceByEngine", "operation-added")
    assert added.operation.path == "/v2/{engine}/{project_id}/instances"
    # The engine-less URI lives on, deprecated, on an out-of-date page (a deprecation, not a module move) ...
    assert _in(dms, "CreatePostPaidInstance", "operation-moved-to-deprecated-pages")
    assert not _in(dms, "CreatePostPaidInstance", "operation-tags-changed")
    # ... and the page that documented it now documents the engine form: migration notes say what differs.
    [head] = _in(dms, "CreateInstanceByEngine", "operation-superseded", migration=True)
    assert head.param("old") == "POST /v2/{project_id}/instances"
    assert _in(
        dms,
        "CreateInstanceByEngine",
        "request-property-became-required",
        migration=True,
        field="CreatePostPaidInstanceRequest.broker_num",
    )
    assert _in(dms, "CreateInstanceByEngine", "request-parameter-added-required", migration=True, field="engine")
    removed = {c.param("field") for c in _in(dms, "CreateInstanceByEngine", "request-property-removed", migration=True)}
    assert {
        "CreatePostPaidInstanceRequest.partition_num",
        "CreatePostPaidInstanceRequest.specification",
    } <= removed


@pytest.mark.parametrize(
    ("method", "old", "new"),
    [
        ("GET", "/v2/products", "/v2/{engine}/products"),
        (
            "GET",
            "/v2/{project_id}/instances/{instance_id}/extend",
            "/v2/{engine}/{project_id}/instances/{instance_id}/extend",
        ),
        (
            "POST",
            "/v2/{project_id}/instances/{instance_id}/extend",
            "/v2/{engine}/{project_id}/instances/{instance_id}/extend",
        ),
    ],
)
def test_dms_engine_segment_paths_changed(dms: DiffResult, method: str, old: str, new: str) -> None:
    [change] = [c for c in dms.find("operation-path-changed", old=old, new=new) if c.operation.method == method]
    assert change.classification is Classification.BREAKING
    assert (method, old) not in _ops(dms, "operation-removed")


def test_dms_list_instances_gains_paging(dms: DiffResult) -> None:
    for name in ("offset", "limit", "enterprise_project_id"):
        [change] = _in(dms, "ListInstances", "request-parameter-added", field=name, location="query")
        assert change.classification is Classification.NON_BREAKING


def test_dms_integer_to_long(dms: DiffResult) -> None:
    [change] = _in(dms, "ResetMessageOffset", "request-format-widened",
                   field="ResetMessageOffsetRequest.message_offset")
    assert (change.param("old"), change.param("new")) == ("int32", "int64")
    assert change.classification is Classification.NON_BREAKING
    # the old page's own example (1571812144000) already made `timestamp` int64 (example.int64_widened):
    # no change to report
    assert not _in(dms, "ResetMessageOffset", "request-format-widened", field="ResetMessageOffsetRequest.timestamp")
    [lag] = _in(dms, "ShowGroup", "response-format-widened", field="GroupMessageOffsets.lag")
    assert lag.level is Level.INFO  # a Python int does not overflow


def test_dms_reset_offset_partition_mandatory(dms: DiffResult) -> None:
    assert _in(
        dms,
        "ResetMessageOffset",
        "request-property-became-required",
        field="ResetMessageOffsetRequest.partition",
    )


def test_dms_topic_cleanup_removed(dms: DiffResult) -> None:
    assert ("POST", "/v2/kafka/{project_id}/instances/{instance_id}/topics/cleanup") in _ops(dms, "operation-removed")


# ---------------------------------------------------------------- levels and the comment (issue 13)


def test_modelarts_wider_responses_and_nullability_are_no_errors(modelarts: DiffResult) -> None:
    for rule_id in ("response-limit-widened", "response-enum-value-added", "response-enum-added"):
        found = modelarts.find(rule_id)
        assert found and {c.level for c in found} == {Level.INFO}, rule_id
    # Losing `anyOf: [X, null]` was "now has 0 alternatives (was 2)"; it is nullability now.
    assert not [c for c in modelarts.find("response-composition-changed") if c.param("new") == "0"]
    assert modelarts.find("response-became-nullable") or modelarts.find("response-became-non-nullable")


def test_modelarts_format_glossary_is_no_enum(modelarts: DiffResult) -> None:
    # monitoring_a_resource_pool.rst: bullets explaining the parts of a format are no options.
    assert not _in(modelarts, "ShowPoolMonitor", "request-enum-added", field="time_range")
    assert _in(modelarts, "ShowPoolMonitor", "request-enum-added", field="statistics")


def test_modelarts_empty_example_body_is_no_error(modelarts: DiffResult) -> None:
    [change] = _in(modelarts, "ListNetworks", "request-body-removed-undocumented")
    assert change.level is Level.WARNING


def test_dms_comment_fits_and_leads_with_the_summary(dms: DiffResult) -> None:
    from generator.diff.comment import LIMIT, render

    text = render(dms, "5758a36", "d2c571c", "0.2.0", current_version="0.1.0")
    assert len(text) <= LIMIT and "are not shown" not in text
    counts = dms.level_counts()
    assert text.splitlines()[2].startswith(f"🔴 **{counts['error']}** errors · 🟡 **{counts['warning']}** warnings")
    assert text.index("#### 🔴 Errors") < text.index("#### 🟡 Warnings") < text.index("⚪ Info")
    [row] = [line for line in text.splitlines() if "Description of parameter `project_id` changed" in line]
    assert "functions**" in row  # one grouped row, not one per operation
