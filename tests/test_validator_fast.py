"""pathable's `isinstance(node, Subscriptable)` answered once per plain type (`generator.validator_fast`):
the same answers as `isinstance`, and anything else asked of `isinstance` itself."""

from __future__ import annotations

import builtins
from typing import Any

from pathable import accessors
from pathable.protocols import Subscriptable

from generator import spec_validator, validator_fast


class Custom:
    def __init__(self, subscriptable: bool) -> None:
        if subscriptable:  # on the instance: only `isinstance` itself can tell
            self.__contains__ = self.__getitem__ = self.__len__ = lambda *a: 0


def test_same_answers_as_isinstance() -> None:
    spec_validator.validator_class()  # installs it
    assert "isinstance" in vars(accessors)
    fast = accessors.isinstance  # type: ignore[attr-defined]
    values: list[Any] = [{}, {"a": 1}, [], [1], (), "", "abc", b"x", 0, 1.5, True, None, Custom(True), Custom(False)]
    for v in values * 2:  # the second time from what it remembered
        for cls in (Subscriptable, dict, str, object):
            assert fast(v, cls) is builtins.isinstance(v, cls), (v, cls)
    validator_fast.install()  # again: nothing changes
    assert accessors.isinstance is fast  # type: ignore[attr-defined]


def test_the_walk_steps_into_plain_nodes_only() -> None:
    spec_validator.validator_class()
    assert accessors.SubscriptableAccessor._get_subnode({"a": [5]}, "a") == [5]
    for node, part in ((3, "a"), (None, "a"), ({"a": 1}, "b"), ([1], 4)):
        try:
            accessors.SubscriptableAccessor._get_subnode(node, part)
        except KeyError:
            continue
        raise AssertionError((node, part))
