"""What a client's public names are bound to, and what one docs update did to them (for `devtools.history`).

A client function is bound to an identity: an operation to its METHOD + path (the path's placeholders
normalised, as the diff pairs operations), and each page of a call documented on several pages
(`x-otc-variants`, one client function per page, `generator.client.variants`) to its METHOD + path and the
page's own anchor: the `:original_name:` of its RST file (the docs' HTML name, which survives retitles, file
renames and folder moves), else its first label, else its file. The module of an operation is its first tag.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.core.spec import VARIANTS, iter_variants, x_source
from generator.diff.paths import operations
from generator.docs.naming import snake_name

Key = tuple[str, str]  # (method, normalised path)
# a function's binding: its endpoint and, for one page of several on that endpoint, the page's anchor
Binding = tuple[Key, str | None]

_ORIGINAL_NAME = re.compile(r"^:original_name:\s*(\S+)\s*$", re.M)
_LABEL = re.compile(r"^\.\.\s+_([^:]+):\s*$", re.M)


@dataclass(frozen=True)
class Endpoint:
    module: str  # the first tag ("" without tags)
    functions: tuple[tuple[str, str], ...]  # (page anchor, function name): one per page when merged, else one


@dataclass(frozen=True)
class Names:
    endpoints: dict[Key, Endpoint]
    bindings: dict[str, Binding]  # function name -> what it calls


@dataclass(frozen=True)
class UpdateNames:
    kept: int  # endpoints on both sides
    renamed: int  # functions of kept endpoints (matched by page anchor) whose name changed
    rebound: int  # names on both sides that call something else now
    modules_changed: int  # kept endpoints whose first tag changed


class Anchors:
    """The anchor of each page file of one docs tree (read once per file)."""

    def __init__(self, tree: Path) -> None:
        self.tree = tree
        self._seen: dict[str, str] = {}

    def of(self, file: str) -> str:
        if file not in self._seen:
            self._seen[file] = self._read(file)
        return self._seen[file]

    def _read(self, file: str) -> str:
        try:  # `x-source` files are relative to the tree
            text = (self.tree / file).read_text(encoding="utf-8", errors="replace")[:4096]
        except OSError:
            return f"file:{file}"
        found = _ORIGINAL_NAME.search(text)
        if found:
            return found.group(1)
        label = _LABEL.search(text)
        return f"label:{label.group(1)}" if label else f"file:{file}"


def _anchor(node: Mapping[str, Any], anchors: Anchors) -> str:
    src = x_source(node)
    return anchors.of(src.file) if src is not None else ""


def names_of(spec: Mapping[str, Any], anchors: Anchors) -> Names:
    endpoints: dict[Key, Endpoint] = {}
    bindings: dict[str, Binding] = {}
    for key, operation in operations(spec).items():
        op = operation.op
        tags = op.get("tags") or []
        pages = list(iter_variants(op))
        merged = len(pages) >= 2 and len(pages) == len(op.get(VARIANTS) or [])
        if merged:
            functions = tuple((_anchor(v, anchors), snake_name(str(v.get("operationId", "")))) for v in pages)
        else:
            functions = ((_anchor(op, anchors), snake_name(operation.operation_id)),)
        endpoints[key] = Endpoint(str(tags[0]) if tags else "", functions)
        for anchor, name in functions:
            bindings.setdefault(name, (key, anchor if merged else None))
    return Names(endpoints, bindings)


def compare(old: Names, new: Names) -> UpdateNames:
    kept = sorted(set(old.endpoints) & set(new.endpoints))
    renamed = modules = 0
    for key in kept:
        a, b = old.endpoints[key], new.endpoints[key]
        modules += a.module != b.module
        renamed += _renamed(a.functions, b.functions)
    rebound = sum(_rebound(old.bindings[n], new.bindings[n]) for n in set(old.bindings) & set(new.bindings))
    return UpdateNames(len(kept), renamed, rebound, modules)


def _renamed(old: tuple[tuple[str, str], ...], new: tuple[tuple[str, str], ...]) -> int:
    if len(old) == 1 and len(new) == 1:  # one function both sides: the endpoint's, whatever its page
        return int(old[0][1] != new[0][1])
    before, after = dict(old), dict(new)
    return sum(before[page] != after[page] for page in set(before) & set(after))


def _rebound(old: Binding, new: Binding) -> bool:
    """Another endpoint, or another page of the same endpoint when both sides name pages."""
    if old[0] != new[0]:
        return True
    return old[1] is not None and new[1] is not None and old[1] != new[1]
