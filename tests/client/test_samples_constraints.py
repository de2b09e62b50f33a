"""Samples (the conformance tests' valid instances) honour the constraints prose now puts in the spec."""

from __future__ import annotations

import re

from generator.client.samples import sample


def test_deep_array_that_must_hold_items_is_not_empty() -> None:
    # modelarts@1ba1873 ListTasksDetailsResponse: a nested array with minItems 1 sampled past the depth limit
    assert sample({}, {"type": "array", "minItems": 1, "items": {"type": "string"}}, depth=5) == ["s"]


def test_string_sample_matches_its_pattern() -> None:
    # key-management-service@c2d17c2 key_id: "matches the regular expression **^[0-9a-z]{8}-...$**"
    pattern = "^[0-9a-z]{8}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{12}$"
    assert re.search(pattern, sample({}, {"type": "string", "pattern": pattern}))
