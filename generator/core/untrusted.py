"""Reading files nobody vetted (`diff` and `validate` inputs): bounded in size, depth and aliasing.

Each refusal is an `UntrustedInput` with a stable `code`, so a caller can name the entry that was
unusable and go on with the next one:

- `input.too_large`: the file is above the configured size (`--max-input-size`);
- `input.empty`: no JSON text at all;
- `input.not_utf8`: the bytes are not UTF-8;
- `input.invalid_json` / `input.truncated`: not JSON, or JSON cut off before its end;
- `input.too_deep`: nested deeper than `max_depth` (the C parser and the validators recurse);
- `input.number_too_long`: a number literal longer than `max_number_chars` (Python refuses
  integers above 4,300 digits with a ValueError; far smaller ones are already not an API's);
- `input.number_out_of_range`: a number that is not finite as a double (`1e999999`);
- `input.invalid_yaml` / `input.yaml_aliases`: not YAML, or anchors/aliases expanding beyond
  `max_yaml_nodes` nodes (an alias bomb is tiny on disk and exponential once walked).

This is its own module so that `validate` and `diff` share one definition of "too much".
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

DEFAULT_MAX_INPUT_BYTES = 256 * 1024 * 1024
DEFAULT_MAX_DEPTH = 256
DEFAULT_MAX_NUMBER_CHARS = 400
DEFAULT_MAX_YAML_NODES = 2_000_000


class UntrustedInput(Exception):
    """An input refused before or while parsing; `code` is stable, the message says why."""

    def __init__(self, code: str, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.line = line


@dataclass(frozen=True)
class Limits:
    max_bytes: int = DEFAULT_MAX_INPUT_BYTES
    max_depth: int = DEFAULT_MAX_DEPTH
    max_number_chars: int = DEFAULT_MAX_NUMBER_CHARS
    max_yaml_nodes: int = DEFAULT_MAX_YAML_NODES


DEFAULT_LIMITS = Limits()


def parse_size(text: str) -> int:
    """`64M`, `1G`, `500k` or a plain byte count, for the `--max-input-size` options."""
    value = text.strip().upper().removesuffix("B")
    scale = 1
    for suffix, factor in (("K", 1024), ("M", 1024**2), ("G", 1024**3)):
        if value.endswith(suffix):
            value, scale = value[:-1], factor
            break
    try:
        number = int(value) * scale
    except ValueError as exc:
        raise ValueError(f"not a size: {text!r} (examples: 1000000, 500K, 64M, 1G)") from exc
    if number <= 0:
        raise ValueError(f"a size must be positive: {text!r}")
    return number


def read_bytes(path: Path, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """The file's bytes, refusing more than `limits.max_bytes` without reading them all."""
    try:
        with path.open("rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > limits.max_bytes:
                raise UntrustedInput("input.too_large", _too_large(size, limits))
            # st_size is 0 for pipes and some special files: read at most one byte beyond the limit.
            data = fh.read(limits.max_bytes + 1)
    except OSError as exc:
        raise UntrustedInput("input.unreadable", f"cannot read: {exc.strerror or exc}") from exc
    if len(data) > limits.max_bytes:
        raise UntrustedInput("input.too_large", _too_large(None, limits))
    return data


def _too_large(size: int | None, limits: Limits) -> str:
    got = f"{size} bytes" if size is not None else "more bytes"
    return f"input too large: {got}, the limit is {limits.max_bytes} bytes (raise it with --max-input-size)"


def decode_utf8(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise UntrustedInput(
            "input.not_utf8", f"not UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start} (line {line})", line
        ) from exc


def read_text(path: Path, limits: Limits = DEFAULT_LIMITS) -> str:
    return decode_utf8(read_bytes(path, limits))


def parse_json(text: str, limits: Limits = DEFAULT_LIMITS) -> Any:
    """`json.loads` that refuses what would crash, hang or mislead what comes after it."""
    if not text.strip():
        raise UntrustedInput("input.empty", "empty: no JSON text")
    def number(literal: str) -> Any:
        if len(literal) > limits.max_number_chars:
            raise _NumberError("input.number_too_long", f"a number of {len(literal)} characters "
                               f"(limit {limits.max_number_chars})")
        if any(c in literal for c in ".eE"):
            value = float(literal)
            if not math.isfinite(value):
                raise _NumberError("input.number_out_of_range", f"number {literal[:40]} is out of the double range")
            return value
        return int(literal)

    def constant(name: str) -> Any:
        raise _NumberError("input.invalid_json", f"{name} is not JSON")

    try:
        value = json.loads(text, parse_int=number, parse_float=number, parse_constant=constant)
    except _NumberError as exc:
        raise UntrustedInput(exc.code, exc.message) from exc
    except json.JSONDecodeError as exc:
        # A document that ran out of text before it closed was cut off (recorder limits, killed writers).
        cut = exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string")
        code = "input.truncated" if cut else "input.invalid_json"
        what = "truncated JSON" if cut else "invalid JSON"
        raise UntrustedInput(code, f"{what}: {exc.msg} (line {exc.lineno} column {exc.colno})", exc.lineno) from exc
    except RecursionError as exc:
        # The C parser stops cleanly at the interpreter's recursion limit (about 1,000 levels).
        raise UntrustedInput("input.too_deep", f"JSON nested deeper than {limits.max_depth} levels") from exc
    if too_deep(value, limits.max_depth):
        # Checked after parsing too: the validators downstream recurse per level as well.
        raise UntrustedInput("input.too_deep", f"JSON nested deeper than {limits.max_depth} levels")
    return value


class _NumberError(ValueError):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def too_deep(value: Any, max_depth: int) -> bool:
    """Whether lists/objects nest deeper than `max_depth` (iterative: safe at any depth)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            children: Any = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        if depth > max_depth:
            return True
        stack.extend((c, depth + 1) for c in children if isinstance(c, dict | list))
    return False


class _BoundedSafeLoader(yaml.SafeLoader):
    """`yaml.SafeLoader` that refuses documents whose aliases expand beyond a node budget.

    Aliases are shared references once loaded, so loading is cheap; the cost comes when anything
    walks the result (validators, `json.dumps`, deep copies). The expanded size is counted on the
    composed node graph, each distinct node once (memoised), so the count itself stays linear.
    """

    max_nodes = DEFAULT_MAX_YAML_NODES
    max_depth = DEFAULT_MAX_DEPTH

    def compose_document(self) -> yaml.Node | None:
        node: yaml.Node | None = super().compose_document()
        if node is not None:
            _expanded_size(node, self.max_nodes, self.max_depth)
        return node


def _expanded_size(root: yaml.Node, max_nodes: int, max_depth: int) -> int:
    sizes: dict[int, int] = {}
    # Iterative post-order walk: the graph may be deeper than Python's recursion limit.
    stack: list[tuple[yaml.Node, int, bool]] = [(root, 1, False)]
    on_path: set[int] = set()
    while stack:
        node, depth, done = stack.pop()
        key = id(node)
        if done:
            on_path.discard(key)
            total = 1 + sum(sizes[id(c)] for c in _children(node))
            if total > max_nodes:
                raise yaml.YAMLError(f"aliases expand to more than {max_nodes} nodes")
            sizes[key] = total
            continue
        if key in sizes:
            continue
        if key in on_path:
            raise yaml.YAMLError("a recursive alias (a node containing itself)")
        if depth > max_depth:
            raise yaml.YAMLError(f"nested deeper than {max_depth} levels")
        on_path.add(key)
        stack.append((node, depth, True))
        stack.extend((c, depth + 1, False) for c in _children(node) if id(c) not in sizes)
    return sizes[id(root)]


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def parse_yaml(text: str, limits: Limits = DEFAULT_LIMITS) -> Any:
    """`yaml.safe_load` with bounded alias expansion and depth; over-long integers are refused."""
    loader_cls = type("Loader", (_BoundedSafeLoader,), {"max_nodes": limits.max_yaml_nodes,
                                                        "max_depth": limits.max_depth})
    loader = loader_cls(text)
    try:
        return loader.get_single_data()
    except yaml.YAMLError as exc:
        message = str(exc).strip().splitlines()
        reason = " ".join(m.strip() for m in message[:3]) if message else type(exc).__name__
        code = "input.yaml_aliases" if "alias" in reason else "input.invalid_yaml"
        if "nested deeper" in reason:
            code = "input.too_deep"
        mark = getattr(exc, "problem_mark", None)
        raise UntrustedInput(code, f"not usable YAML: {reason}", mark.line + 1 if mark else None) from exc
    except RecursionError as exc:
        # The composer recurses per nesting level, before our depth check can see the node graph.
        raise UntrustedInput("input.too_deep", "YAML nested too deeply") from exc
    except ValueError as exc:  # e.g. integers beyond Python's 4,300-digit conversion limit
        raise UntrustedInput("input.number_too_long", f"not usable YAML: {exc}") from exc
    finally:
        loader.dispose()


def load_document(path: Path, limits: Limits = DEFAULT_LIMITS) -> Any:
    """A spec file: JSON when it ends in `.json`, else YAML (JSON is YAML too)."""
    text = read_text(path, limits)
    if path.suffix.lower() == ".json":
        return parse_json(text, limits)
    return parse_yaml(text, limits)
