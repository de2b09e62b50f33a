"""A faster front end for libyaml's emitter on JSON-like documents, giving the node graph PyYAML's own
`SafeRepresenter` gives, hence the same bytes (tests/speed/test_emit_fast.py holds them side by side).

PyYAML's representer spends most of a spec's dump in generic Python: an alias check, a walk of the type's
MRO and two or three method calls per value. `FastJsonDumping.represent` builds the same nodes (PyYAML's
own `ScalarNode`/`SequenceNode`/`MappingNode`, same tag, value, style and flow style) with one dispatch on
the exact type of the value; anything else (a subclass of `str` or `dict`, a float, a tuple...) goes to the
stock `represent_data`, whose children come back here. The emitter is libyaml's, untouched.

`FastDumper` is `emit`'s libyaml dumper with this front end; the speed layer hands it to `emit.dump_yaml`
(`dumper()`) only with the PyYAML version it was verified on (`generator.speed.patches.VERIFIED`).
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import Any, ClassVar

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.representer import SafeRepresenter

from generator.core import emit
from generator.speed.patches import verified

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"

# The stock representers the fast path stands in for; a dumper registering another for one of these types
# gets its own for that type (`_node_builder` checks).
_STOCK: dict[type, Callable[..., Node]] = {
    dict: SafeRepresenter.represent_dict, list: SafeRepresenter.represent_list,
    int: SafeRepresenter.represent_int, bool: SafeRepresenter.represent_bool,
    type(None): SafeRepresenter.represent_none,
}


class FastJsonDumping:
    """Mixin, before `yaml.CSafeDumper`, for dumpers that never write anchors (`ignore_aliases` is always
    true: every value gets nodes of its own, as PyYAML's representer gives it then).

    `str_style` is the style the dumper's registered `str` representer gives a string (None: plain, then the
    dumper's `default_style`); the fast path writes strings only when it is set and that representer is
    `str_presenter`."""

    str_style: ClassVar[Callable[[str], str | None] | None] = None
    str_presenter: ClassVar[Callable[..., Node] | None] = None
    _fast: Callable[[Any], Node] | None = None

    def ignore_aliases(self, data: Any) -> bool:
        return True

    def represent(self, data: Any) -> None:
        self._fast = _node_builder(self)
        # `Resolver.resolve` is a pure function of (kind, value, implicit), and of the kind alone for a
        # sequence or mapping, only without path resolvers: with none registered (PyYAML registers none;
        # `yaml.add_path_resolver` would) it never reads the resolver's state, and `descend_resolver` and
        # `ascend_resolver`, which libyaml's serializer calls around every node to keep that state, return
        # at once. Instance attributes for this document: the serializer looks them up on the dumper at
        # each call, and a plain function spares it binding a method each time.
        if not self.yaml_path_resolvers:  # type: ignore[attr-defined]
            self.resolve = _memoised(super().resolve)  # type: ignore[misc]
            self.descend_resolver = _no_path_to_descend
            self.ascend_resolver = _no_path_to_ascend
        # A node per value, all alive until the document is written and none in a reference cycle: the
        # cyclic collector's passes over them (some 300 for the modelarts spec) would find nothing to free.
        collecting = gc.isenabled()
        gc.disable()
        try:
            super().represent(data)  # type: ignore[misc]  # represent_data, then libyaml's serialize
        finally:
            if collecting:
                gc.enable()
            self._fast = None
            for name in ("resolve", "descend_resolver", "ascend_resolver"):
                self.__dict__.pop(name, None)

    def represent_data(self, data: Any) -> Node:
        fast = self._fast
        if fast is None:  # called outside `represent`
            return super().represent_data(data)  # type: ignore[misc,no-any-return]
        return fast(data)


def _no_path_to_descend(current_node: Any, current_index: Any) -> None:
    pass


def _no_path_to_ascend() -> None:
    pass


def _memoised(resolve: Callable[[Any, Any, Any], Any]) -> Callable[[Any, Any, Any], Any]:
    """`resolve` asking each question once: libyaml's serializer asks twice per scalar (plain, then quoted)
    and once per collection, and a spec repeats its strings (keys, types, formats) ten times over."""
    memo: dict[Any, Any] = {}

    def memo_resolve(kind: Any, value: Any, implicit: Any) -> Any:
        if kind is not ScalarNode:
            key: Any = kind
        elif type(value) is str:
            key = (value, implicit)
        else:
            return resolve(kind, value, implicit)
        try:
            return memo[key]
        except KeyError:
            tag = memo[key] = resolve(kind, value, implicit)
            return tag

    return memo_resolve


def _node_builder(dumper: Any) -> Callable[[Any], Node]:
    """`dumper.represent_data` for one document, bound to the dumper's options."""
    default_style = dumper.default_style
    flow_style = dumper.default_flow_style
    sort_keys = dumper.sort_keys
    reps = type(dumper).yaml_representers
    fast = {t for t, rep in _STOCK.items() if reps.get(t) is rep}
    if flow_style is None:  # the stock rule picks flow style from the children's styles: left to it
        fast -= {dict, list}
    str_style = type(dumper).str_style
    if str_style is not None and reps.get(str) is type(dumper).str_presenter:
        fast.add(str)
    fast_str, fast_dict, fast_list = str in fast, dict in fast, list in fast
    fast_int, fast_bool, fast_none = int in fast, bool in fast, type(None) in fast
    stock = super(FastJsonDumping, dumper).represent_data  # PyYAML's, for what the fast path leaves
    styles: dict[str, str | None] = {}  # a spec holds each of its strings ten times over on average

    # ScalarNode(tag, value, start_mark, end_mark, style): positional, a keyword costs a third more
    def node(data: Any) -> Node:
        t = type(data)
        if t is str and fast_str:
            try:
                style = styles[data]
            except KeyError:
                style = styles[data] = str_style(data)
                if style is None:
                    style = styles[data] = default_style
            return ScalarNode(_STR, data, None, None, style)
        if t is dict and fast_dict:
            items = data.items()
            if sort_keys:
                try:
                    items = sorted(items)
                except TypeError:  # as the stock representer: keys that do not compare keep their order
                    pass
            pairs = []
            for k, v in items:
                pairs.append((node(k), node(v)))
            return MappingNode(_MAP, pairs, None, None, flow_style)
        if t is list and fast_list:
            seq = []
            for item in data:
                seq.append(node(item))
            return SequenceNode(_SEQ, seq, None, None, flow_style)
        if t is int and fast_int:
            return ScalarNode(_INT, str(data), None, None, default_style)
        if t is bool and fast_bool:
            return ScalarNode(_BOOL, "true" if data else "false", None, None, default_style)
        if data is None and fast_none:
            return ScalarNode(_NULL, "null", None, None, default_style)
        return stock(data)  # type: ignore[no-any-return]

    return node


if emit.LIBYAML_DUMPER is not None:
    class FastDumper(FastJsonDumping, emit.LIBYAML_DUMPER):  # type: ignore[misc,valid-type]
        """`emit`'s libyaml dumper (its `str` representer and styles) behind the fast representer."""

    FastDumper.str_style, FastDumper.str_presenter = staticmethod(emit.str_style), emit.str_presenter
    _FAST: type[Any] | None = FastDumper
else:  # pragma: no cover - PyYAML built without libyaml
    _FAST = None


def dumper() -> type[Any] | None:
    """The dumper for `emit.dump_yaml(libyaml_dumper=...)`: `FastDumper` on the verified PyYAML, else None (stock)."""
    return _FAST if verified("PyYAML") else None
