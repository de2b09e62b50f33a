"""Loading YAML from outside (specs given to `diff` and `validate`) without letting it cost the machine.

`yaml.safe_load` constructs no objects, but it expands nothing either: an alias is the same Python
object again, so ten aliases of ten aliases of ... ("billion laughs") load in a moment and then take
gigabytes in whatever walks or copies the result (an alias bomb inside a schema `example` took 3.1 GB
in `diff`, and aborted `validate`). So before anything is constructed, the composed node graph is
measured: more aliases than `max_aliases`, more nodes once aliases are expanded than `max_nodes`, an
alias to its own ancestor, or nesting deeper than the parser can recurse is a `YAMLRefused`.

The specs this tool writes never use anchors (`emit.dump_yaml` expands shared objects).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

MAX_ALIASES = 64
MAX_NODES = 5_000_000  # nodes after expanding aliases; a 10 MB spec has about one million
DEFAULT_MAX_INPUT_BYTES = 64 * 1024 * 1024


class YAMLRefused(ValueError):
    """YAML (or JSON) text this tool will not load, with the reason in one line."""


class _CountingLoader(yaml.SafeLoader):
    def __init__(self, stream: str, max_aliases: int) -> None:
        super().__init__(stream)
        self.aliases = 0
        self.max_aliases = max_aliases

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            self.aliases += 1
            if self.aliases > self.max_aliases:
                raise YAMLRefused(f"more than {self.max_aliases} YAML aliases (*name): refused as a possible"
                                  " alias bomb")
        return super().compose_node(parent, index)


def load_yaml(text: str, max_aliases: int = MAX_ALIASES, max_nodes: int = MAX_NODES) -> Any:
    """`yaml.safe_load(text)` with the bounds above; `yaml.YAMLError` for text that is not YAML."""
    loader = _CountingLoader(text, max_aliases)
    try:
        try:
            node = loader.get_single_node()
        except RecursionError as exc:
            raise YAMLRefused("YAML nested too deep to load") from exc
        if node is None:
            return None
        if loader.aliases:
            _check_expansion(node, max_nodes)
        try:
            return loader.construct_document(node)
        except RecursionError as exc:
            raise YAMLRefused("YAML nested too deep to load") from exc
    finally:
        loader.dispose()


def read_text_limited(path: Path, max_bytes: int = DEFAULT_MAX_INPUT_BYTES) -> str:
    """A file's text, refused (`YAMLRefused`) above `max_bytes` before it is read."""
    size = path.stat().st_size
    if size > max_bytes:
        raise YAMLRefused(f"{path}: {size} bytes, above the limit of {max_bytes}")
    return path.read_text(encoding="utf-8")


def _check_expansion(root: yaml.Node, max_nodes: int) -> None:
    """Expanded size of the node graph (post-order, iterative, memoised by node), and no alias cycles."""
    size: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if children_done:
            on_path.discard(key)
            size[key] = 1 + sum(size[id(c)] for c in _children(node))
            if size[key] > max_nodes:
                raise YAMLRefused(f"YAML expands to more than {max_nodes} nodes through aliases: refused as an"
                                  " alias bomb")
            continue
        if key in size:
            continue
        if key in on_path:
            raise YAMLRefused("a YAML alias refers to its own ancestor (a recursive document)")
        on_path.add(key)
        stack.append((node, True))
        for child in _children(node):
            if id(child) in on_path:
                raise YAMLRefused("a YAML alias refers to its own ancestor (a recursive document)")
            if id(child) not in size:
                stack.append((child, False))


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []
