"""Corpus: the specs of real trees dump to the same bytes through `generator.speed.patches.yaml_fast` (libyaml's emitter
behind a faster representer and a memoised resolver) as through PyYAML's own representer, and as through
PyYAML's pure-Python emitter (tests/speed/test_emit_fast.py holds the generated documents)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import yaml

from generator.core import emit
from generator.devtools.corpus import TreeBuild
from generator.speed.patches import yaml_fast

from .conftest import tree_params

pytestmark = pytest.mark.corpus

SMALL = ["distributed-message-service@5758a36", "domain-name-service@83bb279", "key-management-service@c2d17c2",
         "nat-gateway@1813a7f"]


class _Stock(yaml.CSafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


_Stock.add_representer(str, emit.str_presenter)


@pytest.mark.parametrize("tree", tree_params(names=SMALL))
def test_yaml_of_corpus_spec_is_pyyamls(tree: str, corpus_build: Callable[[str], TreeBuild]) -> None:
    spec = corpus_build(tree).result.spec
    assert emit._libyaml_differs(spec) == emit._libyaml_differs_walk(spec)
    text = emit.dump_yaml(spec, libyaml_dumper=yaml_fast.dumper())
    assert text.startswith("openapi: 3.1") and len(text.splitlines()) > 1000
    assert text == emit.dump_yaml(spec, pure_python=True)
    # libyaml's emitter behind either representer, whichever emitter dump_yaml picks for the tree (KMS: PyYAML's)
    kw: dict[str, Any] = {"sort_keys": False, "allow_unicode": True, "width": 100, "default_flow_style": False}
    fast = yaml.dump(spec, Dumper=yaml_fast.FastDumper, **kw)
    assert fast == yaml.dump(spec, Dumper=_Stock, **kw)
    if not emit._libyaml_differs(spec):
        assert text == fast
    # what the build writes: the document cut in pieces, each dumped on its own
    for top, value in spec.items():
        piece = {top: value}
        assert emit.dump_yaml(piece) == emit.dump_yaml(piece, pure_python=True)
