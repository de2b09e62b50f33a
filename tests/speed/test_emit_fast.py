"""`speed.patches.yaml_fast` (libyaml's dumper with a faster representer and a memoised resolver) builds the node
graph PyYAML's own `SafeRepresenter` builds and writes the same bytes; `emit._libyaml_differs` gives the
verdict of the node-by-node walk it replaced."""

from __future__ import annotations

import io
import math
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.core import emit
from generator.core.config import REPO_ROOT
from generator.speed.patches import yaml_fast

KW: dict[str, Any] = {"sort_keys": False, "allow_unicode": True, "width": 100, "default_flow_style": False}


class _Stock(yaml.CSafeDumper):
    """The dumper `emit` used before: libyaml's emitter behind PyYAML's Python representer and resolver."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


_Stock.add_representer(str, emit.str_presenter)


def _fast_dump_yaml(doc: Any) -> str:
    """`emit.dump_yaml` as the speed layer calls it (`stage_cache.cached_dump_yaml`)."""
    assert yaml_fast.dumper() is yaml_fast.FastDumper  # the verified PyYAML
    return emit.dump_yaml(doc, libyaml_dumper=yaml_fast.dumper())


def _dump(dumper: type[Any], doc: Any, **kw: Any) -> tuple[str, str]:
    """The text, or the kind of error: both dumpers must fail alike where libyaml refuses a value."""
    try:
        return "ok", yaml.dump(doc, Dumper=dumper, **{**KW, **kw})
    except Exception as exc:  # noqa: BLE001 - compared, not swallowed
        return "error", type(exc).__name__


def _graph(node: Any) -> Any:
    """Everything the emitter reads from a node, as nested tuples."""
    if isinstance(node, yaml.ScalarNode):
        return (type(node), node.tag, node.value, node.style)
    if isinstance(node, yaml.SequenceNode):
        return (type(node), node.tag, node.flow_style, [_graph(n) for n in node.value])
    return (type(node), node.tag, node.flow_style, [(_graph(k), _graph(v)) for k, v in node.value])


def _stock_graph(doc: Any, **kw: Any) -> Any:
    return _graph(_Stock(io.StringIO(), **{**KW, **kw}).represent_data(doc))


def _fast_graph(doc: Any, **kw: Any) -> Any:
    dumper = yaml_fast.FastDumper(io.StringIO(), **{**KW, **kw})
    return _graph(yaml_fast._node_builder(dumper)(doc))


def _assert_same(doc: Any, **kw: Any) -> None:
    assert _fast_graph(doc, **kw) == _stock_graph(doc, **kw)
    assert _dump(yaml_fast.FastDumper, doc, **kw) == _dump(_Stock, doc, **kw)


# strings where representers, resolvers or emitters part ways: YAML 1.1/1.2 look-alikes, line breaks and
# spaces next to them, unicode inside and beyond the BMP, characters libyaml escapes
_TRICKY_STR = st.sampled_from([
    "", " ", "null", "Null", "~", "yes", "No", "on", "y", "true", "False", "0086", "1e3", "1_000", "0x1F", "0o17",
    ".inf", "-.Inf", ".NaN", "+12", "12:30:00", "2026-12-02", "<<", "=", "a: b", "- x", "#c", "'q'", '"d"',
    "line\nbreak", "ends\n", "\n starts", " lead\nx", "trail \nx", "x\n  indented", "tab\there", "cr\r\nlf",
    "Größe", "中文", "🚀", "nel\x85", "bom\ufeff", "ls\u2028", "bell\x07", "word " * 30, "k" * 130,
])
_TEXT = _TRICKY_STR | st.text(max_size=12) | st.text(alphabet=" \n-:#'\"0123456789.eE+abnulyYsx~", max_size=8)
_FLOAT = st.floats() | st.sampled_from([math.inf, -math.inf, math.nan, -0.0, 0.0, 1e17, 1e16, 1e-7, 2.5e-300])
_INT = st.integers() | st.sampled_from([2**63, -(2**64), 10**40, 0, -1])
_JSON: Any = st.recursive(
    st.none() | st.booleans() | _INT | _FLOAT | _TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_TEXT, inner, max_size=4),
    max_leaves=25,
)


@settings(max_examples=400, derandomize=True, deadline=None)
@given(_JSON)
def test_fast_representer_builds_pyyamls_graph_and_bytes(doc: Any) -> None:
    _assert_same(doc)
    # a lone scalar is not compared: libyaml ends the document with `...` (a spec is never one)
    if isinstance(doc, (dict, list)):
        assert _fast_dump_yaml(doc) == emit.dump_yaml(doc) == emit.dump_yaml(doc, pure_python=True)


def test_an_empty_key_is_written_by_pyyamls_emitter() -> None:
    """libyaml writes `'':`, PyYAML `? ''`: such a document goes to PyYAML's emitter, the reference."""
    doc = {"a": {"": {"type": "string"}}, "b": [1]}
    assert emit._libyaml_differs(doc) and emit._libyaml_differs_walk(doc)
    assert "? ''" in emit.dump_yaml(doc)
    assert emit.dump_yaml(doc) == emit.dump_yaml(doc, pure_python=True)


_OPTIONS = st.fixed_dictionaries({
    "sort_keys": st.booleans(), "default_flow_style": st.sampled_from([False, True, None]),
    "default_style": st.sampled_from([None, "'", '"', "|"]),
})


@settings(max_examples=200, derandomize=True, deadline=None)
@given(_JSON, _OPTIONS)
def test_fast_representer_follows_the_dumper_options(doc: Any, options: dict[str, Any]) -> None:
    # sort_keys, a flow style chosen from the children (None: left to the stock representer) and default_style
    _assert_same(doc, **options)


class _MyStr(str):
    pass


class _MyDict(dict):  # type: ignore[type-arg]
    pass


def test_values_outside_the_fast_path_go_to_pyyamls_representer() -> None:
    # tuples, sets, bytes, dates, subclasses (refused by the safe representer, as before); their children
    # come back to the fast path
    import datetime
    for doc in [{"t": ("a", 1, None)}, {"s": {"x", "y"}}, {"b": b"\x00\x01"}, {"d": datetime.date(2026, 12, 2)},
                [_MyStr("sub")], {"m": _MyDict(a="0086")}, {1: "int key", None: "null key", 2.5: [True]}]:
        assert _dump(yaml_fast.FastDumper, doc) == _dump(_Stock, doc), doc
        if _dump(_Stock, doc)[0] == "ok":
            assert _fast_graph(doc) == _stock_graph(doc)


def test_shared_values_are_written_out_twice_never_as_anchors() -> None:
    shared = {"type": "string", "enum": ["a", "b"]}
    doc = {"a": shared, "b": [shared, shared], "c": "0086", "d": "0086"}
    text = _fast_dump_yaml(doc)
    assert "&" not in text and "*" not in text
    assert text == _dump(_Stock, doc)[1]


def test_fast_path_is_taken_for_the_types_it_claims() -> None:
    # what the fast path inlines must be what the dumper has registered; else each type keeps its own
    dumper = yaml_fast.FastDumper(io.StringIO(), **KW)
    node = yaml_fast._node_builder(dumper)
    assert yaml_fast.FastDumper.yaml_representers[str] is yaml_fast.FastDumper.str_presenter is emit.str_presenter
    for t, rep in yaml_fast._STOCK.items():
        assert yaml_fast.FastDumper.yaml_representers[t] is rep
    assert _graph(node({"k": ["0086", "a\nb", 1, True, None]})) == _stock_graph({"k": ["0086", "a\nb", 1, True, None]})

    class Custom(yaml_fast.FastDumper):
        pass

    Custom.add_representer(int, lambda d, data: d.represent_scalar("tag:yaml.org,2002:str", f"n{data}"))
    assert yaml.dump({"a": 7}, Dumper=Custom, **KW) == "a: n7\n"


def test_resolver_memo_answers_as_pyyamls_resolver() -> None:
    # no path resolvers registered (the memo relies on it), and each answer that of Resolver.resolve, asked once
    assert not yaml_fast.FastDumper.yaml_path_resolvers and not yaml.resolver.Resolver.yaml_path_resolvers
    stock = yaml.resolver.Resolver()
    asked: list[tuple[Any, Any, Any]] = []

    def counting(kind: Any, value: Any, implicit: Any) -> Any:
        asked.append((kind, value, implicit))
        return stock.resolve(kind, value, implicit)

    resolve = yaml_fast._memoised(counting)
    values = ["", "null", "~", "yes", "0086", "12", "1.5", ".inf", "2026-12-02", "<<", "=", "plain", "中文"]
    implicits = [(True, False), (False, True), (True, True), (False, False)]
    for value in values * 2:
        for implicit in implicits:
            assert resolve(yaml.ScalarNode, value, implicit) == stock.resolve(yaml.ScalarNode, value, implicit)
    for kind in (yaml.SequenceNode, yaml.MappingNode) * 2:
        assert resolve(kind, [], True) == stock.resolve(kind, [], True)
    assert len(asked) == len(values) * len(implicits) + 2
    assert resolve(yaml.ScalarNode, b"bytes", (True, False)) == stock.resolve(yaml.ScalarNode, b"bytes", (True, False))
    # the memo lives for one document: the dumper's own resolve is back afterwards
    dumper = yaml_fast.FastDumper(io.StringIO(), **KW)
    dumper.open()
    dumper.represent({"a": "1"})
    assert not {"resolve", "descend_resolver", "ascend_resolver"} & set(vars(dumper)) and dumper._fast is None


def test_path_resolvers_turn_the_memo_off() -> None:
    class WithPath(yaml_fast.FastDumper):
        pass

    class StockWithPath(_Stock):
        pass

    for cls in (WithPath, StockWithPath):
        cls.add_path_resolver("!custom", ["a"], str)
    # the same string under `a` and elsewhere: only the first has its tag implied by the path, so the others
    # are written with theirs
    doc = {"a": "x", "b": "x", "c": {"a": "x", "d": "x"}}
    assert _dump(WithPath, doc) == _dump(StockWithPath, doc)
    assert _dump(WithPath, doc)[1].count("!!str") == 1


# beyond JSON: keys that are numbers, None or tuples (whose strings count as values), str/dict subclasses
_ANY_KEY = _TEXT | st.integers() | st.none() | st.tuples(_TEXT, _INT) | st.builds(_MyStr, _TEXT)
_ANY_DOC: Any = st.recursive(
    st.none() | st.booleans() | _INT | _FLOAT | _TEXT | st.builds(_MyStr, _TEXT),
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner) | st.dictionaries(_ANY_KEY, inner, max_size=4)
    | st.dictionaries(_TEXT, inner, max_size=3).map(_MyDict),
    max_leaves=25,
)


@settings(max_examples=600, derandomize=True, deadline=None)
@given(_ANY_DOC)
def test_libyaml_differs_gives_the_walks_verdict(doc: Any) -> None:
    assert emit._libyaml_differs(doc) == emit._libyaml_differs_walk(doc)


def test_libyaml_differs_on_strings_that_only_match_across_a_boundary() -> None:
    # joined, "a " + "\nb" would hold " \n" and "x\n" + " y" would hold "\n ": each alone holds neither
    assert not emit._libyaml_differs(["a ", "\nb"]) and not emit._libyaml_differs_walk(["a ", "\nb"])
    assert not emit._libyaml_differs([" x\n", " y "])
    assert emit._libyaml_differs(["a \nb"]) and emit._libyaml_differs([" x\n y"])
    assert emit._libyaml_differs({"multi\nline": 1}) and not emit._libyaml_differs({"k": "multi\nline"})
    assert emit._libyaml_differs({("tuple", "key\x07"): 1}) and emit._libyaml_differs({(1, "ok"): "\ufeff"})


def _committed_specs() -> list[Path]:
    specs = sorted((REPO_ROOT / "specs").glob("*.openapi.yaml"))
    assert specs, "no committed spec under specs/"
    return specs


@pytest.mark.parametrize("path", _committed_specs(), ids=lambda p: p.name)
def test_committed_specs_dump_as_with_pyyamls_representer(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    doc = yaml.load(text, Loader=yaml.CSafeLoader)
    assert not emit._libyaml_differs(doc)  # else the fast path would not be what writes it
    fast = _fast_dump_yaml(doc)
    assert fast == text == emit.dump_yaml(doc)
    assert fast == _dump(_Stock, doc)[1]
    assert fast == emit.dump_yaml(doc, pure_python=True)


def test_another_pyyaml_gets_the_stock_representer(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fast representer leans on PyYAML's internals: with another version than the verified one the speed
    layer dumps with the stock dumper (`dumper()` is None), and the bytes are the same."""
    from generator.speed import stage_cache
    from generator.speed.patches import VERIFIED

    doc = {"a": {"b": ["0086", "x\ny", 1, True, None]}}
    fast = stage_cache.cached_dump_yaml(doc, None)
    monkeypatch.setitem(VERIFIED, "PyYAML", "0.0")
    assert yaml_fast.dumper() is None
    assert stage_cache.cached_dump_yaml(doc, None) == fast == emit.dump_yaml(doc)
