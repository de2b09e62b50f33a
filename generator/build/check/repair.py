"""The safety net after `check`: the written spec is always valid.

Every defect class found so far is handled where it arises (extraction, linking, building) at the
smallest scope, with its own diagnostic. Whatever still makes the document invalid is located here
and removed, smallest scope first, with a `check.repaired` diagnostic at the nearest `x-source`:

1. values no YAML/JSON spelling carries (`inf`, `nan`) or nested beyond `MAX_SPEC_DEPTH`;
2. `$ref`s that lead nowhere (the node keeps its description, becomes free-form);
3. path placeholders and declared path parameters that disagree (added as strings / dropped);
4. openapi-spec-validator errors. Its error paths are relative to the sub-schema it was validating
   (and empty for a bad `default`), so errors are located by isolation instead: components are
   bisected with the others stubbed, operations are bisected with only the components they reach;
   inside a failing node single keywords (`default`, `enum`, an example...) are dropped first, then
   one property or parameter, and only then the whole component (made free-form) or the operation
   (`operation.dropped_invalid`, counted by the report's reconciliation).

The loop is bounded (`MAX_ROUNDS`, and a validation budget per round): if the document is still
invalid after it, it is reported invalid and nothing is written, as before.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

from generator.build.check.document import ExampleMemo, Findings, SpecErrors, check
from generator.core.codes import INVALIDATING
from generator.core.model import Diagnostic, Severity, Source
from generator.core.spec import VARIANTS, component_name, iter_refs, ref_name

MAX_ROUNDS = 4
MAX_VALIDATIONS = 3000  # per round: past it, failing nodes are dropped whole without trying smaller repairs
MAX_SPEC_DEPTH = 200
_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
# single keywords that may be dropped from a schema, parameter or media object without losing a field
_KEYWORDS = ("default", "example", "enum", "const", "pattern", "format", "minimum", "maximum",
             "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "minItems", "maxItems",
             "multipleOf", "x-enum-inferred")

Path = tuple[Any, ...]


def check_and_repair(spec: dict[str, Any], origin: Source, invalidating: frozenset[str] = INVALIDATING, *,
                     memo: ExampleMemo | None = None, spec_errors: SpecErrors | None = None) -> tuple[Findings, bool]:
    """`check` the spec, repairing it in place until it is valid; (the last check's findings with every
    repair's diagnostic first, valid). `memo`, `spec_errors`: as `check`'s."""
    repairs: list[Diagnostic] = []
    found = check(spec, origin, memo=memo, spec_errors=spec_errors)
    # the verdict of the last check (each walk of the whole spec counts on a one-page change)
    invalid = _invalid(spec, found.diagnostics, invalidating)
    for _ in range(MAX_ROUNDS):
        if not invalid:
            break
        before = len(repairs)
        _repair_round(spec, found.diagnostics, origin, repairs)
        if len(repairs) == before:  # nothing located, so nothing changed: the verdict stands
            break
        found = check(spec, origin, memo=memo, spec_errors=spec_errors)
        invalid = _invalid(spec, found.diagnostics, invalidating)
    valid = not invalid
    found.diagnostics[:0] = repairs
    return found, valid


def _invalid(spec: dict[str, Any], findings: list[Diagnostic], invalidating: frozenset[str]) -> bool:
    return any(d.code in invalidating for d in findings) or _any_unwritable(spec)


# ---------------------------------------------------------------- one round


def _repair_round(spec: dict[str, Any], findings: list[Diagnostic], origin: Source,
                  repairs: list[Diagnostic]) -> None:
    def source(path: Path) -> Source:  # taken before the node is changed: it may carry the x-source
        return _nearest_source(spec, path, origin)

    def note(path: Path, what: str, code: str = "check.repaired", src: Source | None = None) -> None:
        repairs.append(Diagnostic(src or source(path), code, Severity.ERROR, f"{_pointer(path)}: {what}"[:500]))

    for path, why in list(_unwritable(spec)):
        target = _smallest_droppable(spec, path)
        if target is None:
            continue
        src = source(target)
        if _drop(spec, target):
            note(target, f"dropped ({why})", src=src)
    schemas = spec.get("components", {}).get("schemas", {})
    for path, node, _ in list(_walk(spec, ())):
        ref = node.get("$ref") if isinstance(node, dict) else None
        if isinstance(ref, str) and component_name(ref) not in schemas:
            src = source(path)
            del node["$ref"]
            note(path, f"$ref {ref} leads nowhere; made free-form", src=src)
    for path_key, method, op in list(_operations(spec)):
        _repair_path_params(path_key, method, op, lambda p, w: note(p, w))
    if any(d.code == "check.openapi" for d in findings):
        Isolator(spec, note, source).run()


def _repair_path_params(path_key: str, method: str, op: dict[str, Any], note: Callable[[Path, str], None]) -> None:
    placeholders = re.findall(r"\{([^}]+)\}", path_key)
    params = op.get("parameters", [])
    declared = {p.get("name") for p in params if isinstance(p, dict) and p.get("in") == "path"}
    base: Path = ("paths", path_key, method, "parameters")
    for i in reversed(range(len(params))):
        p = params[i]
        if isinstance(p, dict) and p.get("in") == "path" and p.get("name") not in placeholders:
            del params[i]
            note((*base, i), f"path parameter {p.get('name')!r} is no placeholder of the path; dropped")
    for name in placeholders:
        if name not in declared:
            params.append({"name": name, "in": "path", "required": True, "schema": {"type": "string"}})
            op["parameters"] = params
            note(base, f"placeholder {{{name}}} had no parameter; added as a string")


# ---------------------------------------------------------------- locating validator errors


class Isolator:
    """Find the nodes openapi-spec-validator rejects by validating parts of the document on their own."""

    def __init__(self, spec: dict[str, Any], note: Callable[..., None], source: Callable[[Path], Source]) -> None:
        self.spec = spec
        self.note = note
        self.source = source
        self.budget = MAX_VALIDATIONS
        self.schemas: dict[str, Any] = spec.setdefault("components", {}).setdefault("schemas", {})
        self.base = {k: v for k, v in spec.items() if k not in ("paths", "components")}
        self.other_components = {k: v for k, v in spec["components"].items() if k != "schemas"}

    def errors(self, paths: dict[str, Any], schemas: dict[str, Any]) -> list[str]:
        from openapi_spec_validator import OpenAPIV31SpecValidator

        self.budget -= 1
        doc = {**self.base, "paths": paths, "components": {**self.other_components, "schemas": schemas}}
        try:
            return [str(e.message) for e in OpenAPIV31SpecValidator(doc).iter_errors()]
        except Exception as exc:  # the validator raises on some malformed input instead of reporting it
            return [f"{type(exc).__name__}: {exc}"]

    def run(self) -> None:
        if self.errors({}, {}):  # the document's frame itself (info, servers...) is invalid: nothing to isolate
            return
        names = sorted(self.schemas)
        for name in self._bisect(names, self._components_errors):
            self._repair_node(("components", "schemas", name), partial(self._components_errors, [name]),
                              partial(self._stub_component, name))
        ops = [(p, m) for p, m, _ in _operations(self.spec)]
        for p, m in self._bisect(ops, self._ops_errors):
            self._repair_node(("paths", p, m), partial(self._ops_errors, [(p, m)]),
                              partial(self._drop_operation, p, m))

    def _components_errors(self, subset: list[str]) -> list[str]:
        """The document with no paths and every component outside `subset` a stub (its `$ref`s still resolve)."""
        chosen = set(subset)
        return self.errors({}, {n: (s if n in chosen else {"type": "object"}) for n, s in self.schemas.items()})

    def _ops_errors(self, subset: list[tuple[str, str]]) -> list[str]:
        """The document with only the operations in `subset` and the components they reach."""
        paths: dict[str, Any] = {}
        for p, m in subset:
            paths.setdefault(p, {})[m] = self.spec["paths"][p][m]
        return self.errors(paths, self._reached(paths))

    def _bisect(self, items: list[Any], errors: Callable[[list[Any]], list[str]]) -> list[Any]:
        """The items that fail on their own; halves that pass are not looked into."""
        out: list[Any] = []
        todo = [items] if items else []
        while todo:
            part = todo.pop()
            if self.budget <= 0:
                out.extend(part)  # no budget to narrow down: each will be tried (and dropped) whole
                continue
            if not errors(part):
                continue
            if len(part) == 1:
                out.append(part[0])
                continue
            mid = len(part) // 2
            todo += [part[mid:], part[:mid]]
        return sorted(out, key=lambda x: items.index(x))

    def _repair_node(self, path: Path, errors: Callable[[], list[str]], drop_whole: Callable[[], str]) -> None:
        current = errors()
        while current and self.budget > 0:
            for cand in _candidates(self.spec, path):
                if self.budget <= 0:
                    break
                after = self._try(cand, current, errors)
                if after is not None:
                    current = after
                    break  # the document changed: candidates are listed afresh
            else:
                break
        if current:
            src = self.source(path)
            what = drop_whole()
            self.note(path, f"{what} (openapi-spec-validator: {current[0]})",
                      "operation.dropped_invalid" if path[0] == "paths" else "check.repaired", src)

    def _try(self, cand: Path, current: list[str], errors: Callable[[], list[str]]) -> list[str] | None:
        """Apply one repair; keep it (and return the errors left) if it fixed something, else undo it.

        The validator often stops at a node's first error, so "fixed something" is: fewer errors, or
        the first one gone without new ones.
        """
        parent, key = _get(self.spec, cand[:-1]), cand[-1]
        if isinstance(parent, list):
            if not isinstance(key, int) or key >= len(parent):
                return None
        elif not isinstance(parent, dict) or key not in parent:
            return None
        saved = parent[key]
        src = self.source(cand)
        replacement = _smaller(cand, saved)
        if replacement == saved:
            return None
        if replacement is _DROP:
            parent.pop(key)  # list.pop(int) or dict.pop(key)
        else:
            parent[key] = replacement
        after = errors()
        if len(after) < len(current) or (len(after) == len(current) and current[0] not in after):
            self.note(cand, f"{'dropped' if replacement is _DROP else 'made free-form'} "
                            f"(openapi-spec-validator: {current[0]})", "check.repaired", src)
            return after
        if replacement is _DROP and isinstance(parent, list):
            parent.insert(key, saved)
        else:
            parent[key] = saved
        return None

    def _stub_component(self, name: str) -> str:
        old = self.schemas[name]
        keep = {k: old[k] for k in ("description", "x-caption", "x-source") if isinstance(old, dict) and k in old}
        self.schemas[name] = {"type": "object", **keep}
        return "made a free-form object"

    def _drop_operation(self, path_key: str, method: str) -> str:
        item = self.spec["paths"][path_key]
        del item[method]
        if not any(m in item for m in _METHODS):
            del self.spec["paths"][path_key]
        return "operation dropped"

    def _reached(self, node: Any) -> dict[str, Any]:
        reached: dict[str, Any] = {}
        todo = [r for _, r in iter_refs(node)]
        while todo:
            name = ref_name(todo.pop())
            if name in reached or name not in self.schemas:
                continue
            reached[name] = self.schemas[name]
            todo.extend(r for _, r in iter_refs(self.schemas[name]))
        return reached


_DROP = object()


def _candidates(spec: dict[str, Any], root: Path) -> list[Path]:
    """Repairs inside `root`, smallest scope first: keywords, examples, then properties and parameters."""
    keywords: list[Path] = []
    examples: list[Path] = []
    members: list[Path] = []
    bodies: list[Path] = []
    for path, node, kind in _walk(_get(spec, root), root):
        if VARIANTS in path:
            continue  # a page's own parts are no part of what the validator rejects
        if kind == "map" and isinstance(node, dict):
            if path[-1] == "examples":
                examples.extend((*path, k) for k in node)
            elif path[-1] in ("properties", "headers"):
                members.extend((*path, k) for k in node)
            elif path[-1] == "responses" and len(node) > 1:
                bodies.extend((*path, k) for k in sorted(node, reverse=True))
        elif kind == "object" and isinstance(node, dict):
            keywords.extend((*path, k) for k in node if k in _KEYWORDS)
            if "requestBody" in node:
                bodies.append((*path, "requestBody"))
            if isinstance(node.get("parameters"), list):
                members.extend((*path, "parameters", i) for i in reversed(range(len(node["parameters"]))))
    keywords.sort(key=lambda p: _KEYWORDS.index(p[-1]))  # a default goes before the bound it breaks
    return keywords + examples + members + bodies


def _smaller(path: Path, node: Any) -> Any:
    """A property or a path parameter keeps its place (made free-form / a string); anything else is dropped."""
    if len(path) >= 2 and path[-2] == "properties" and isinstance(node, dict):
        return {k: node[k] for k in ("description", "x-source") if k in node}
    if len(path) >= 2 and path[-2] == "parameters" and isinstance(node, dict) and node.get("in") == "path":
        keep = {k: node[k] for k in ("name", "in", "description", "x-source") if k in node}
        return {**keep, "required": True, "schema": {"type": "string"}}
    return _DROP


# ---------------------------------------------------------------- values no serialisation carries


def _unwritable(spec: dict[str, Any]) -> Iterator[tuple[Path, str]]:
    todo: list[tuple[Path, Any]] = [((), spec)]
    while todo:
        path, node = todo.pop()
        if len(path) > MAX_SPEC_DEPTH:
            yield path, f"nested deeper than {MAX_SPEC_DEPTH} levels"
            continue
        if isinstance(node, float) and not math.isfinite(node):
            yield path, f"{node} has no JSON spelling"
        elif isinstance(node, dict):
            todo.extend(((*path, k), v) for k, v in node.items())
        elif isinstance(node, list):
            todo.extend(((*path, i), v) for i, v in enumerate(node))


def _any_unwritable(spec: Any) -> bool:
    """Whether `_unwritable` finds anything: the same verdict from a walk one level at a time, which knows every
    node's depth without carrying it (it runs on every check, over the whole spec)."""
    if not isinstance(spec, (dict, list)):
        return isinstance(spec, float) and not math.isfinite(spec)
    level: list[Any] = [spec]
    depth = 0  # of the nodes in `level`
    while level:
        if depth > MAX_SPEC_DEPTH:
            return True
        below: list[Any] = []
        for node in level:
            for v in node.values() if isinstance(node, dict) else node:
                if isinstance(v, (dict, list)):
                    below.append(v)
                elif depth >= MAX_SPEC_DEPTH or isinstance(v, float) and not math.isfinite(v):
                    return True  # a value too deep (at depth + 1), or one no JSON spells
        level, depth = below, depth + 1
    return False


def _smallest_droppable(spec: dict[str, Any], path: Path) -> Path | None:
    """The documented value holding `path` (an example, a default...), else the innermost keyword,
    property or parameter, else the operation."""
    kinds = _kinds_along(spec, path)
    for i, kind in enumerate(kinds):
        if kind == "data":  # the first step into data: everything below is one documented value
            if path[i] == "value" and i >= 2 and path[i - 2] == "examples":
                return path[:i]
            return path[: i + 1]
    for i in range(len(path) - 1, 0, -1):
        if kinds[i] == "object" and (path[i] in _KEYWORDS or kinds[i - 1] == "map"
                                     and path[i - 1] in ("properties", "headers")):
            return path[: i + 1]
        if path[i - 1] == "parameters" and isinstance(path[i], int):
            return path[: i + 1]
    if len(path) >= 3 and path[0] == "paths":
        return path[:3]
    return None


def _drop(spec: dict[str, Any], path: Path) -> bool:
    parent = _get(spec, path[:-1])
    key = path[-1]
    if isinstance(parent, dict) and key in parent:
        del parent[key]
        return True
    if isinstance(parent, list) and isinstance(key, int) and key < len(parent):
        parent.pop(key)
        return True
    return False


# ---------------------------------------------------------------- paths in the document


def _operations(spec: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for p, item in sorted(spec.get("paths", {}).items()):
        if isinstance(item, dict):
            for m in _METHODS:
                if isinstance(item.get(m), dict):
                    yield p, m, item[m]


# keys whose value is a map of named members (not schema keywords), and keys whose value is documented
# data (an example, a default), never descended into: a JSON key `default` inside an example is not a keyword
_MAP_KEYS = frozenset({"paths", "schemas", "properties", "headers", "responses", "content", "examples",
                       "variables", "securitySchemes", "patternProperties", "$defs"})
_DATA_KEYS = frozenset({"example", "default", "enum", "const", "value"})


def _child_kind(kind: str, key: Any) -> str:
    if kind == "map":
        return "object"
    if kind == "data":
        return "data"
    if key == VARIANTS:
        return "object"  # the pages of a merged call: operation parts (a dangling `$ref` there is repaired too)
    if isinstance(key, str) and (key in _DATA_KEYS or key.startswith("x-")):
        return "data"
    if isinstance(key, str) and key in _MAP_KEYS:
        return "map"
    return "object"


def _walk(node: Any, path: Path, kind: str = "object") -> Iterator[tuple[Path, Any, str]]:
    """Every schema/operation node under `node` with its kind (object / map), iteratively; data not entered."""
    todo: list[tuple[Path, Any, str]] = [(path, node, kind)]
    while todo:
        p, n, k = todo.pop()
        if k == "data":
            continue
        yield p, n, k
        if isinstance(n, dict):
            todo.extend(((*p, key), v, _child_kind(k, key)) for key, v in reversed(list(n.items())))
        elif isinstance(n, list):
            todo.extend(((*p, i), v, "object") for i, v in reversed(list(enumerate(n))))


def _kinds_along(spec: dict[str, Any], path: Path) -> list[str]:
    kinds = []
    kind = "object"
    for key in path:
        kind = _child_kind(kind, key) if not isinstance(key, int) else ("data" if kind == "data" else "object")
        kinds.append(kind)
    return kinds


def _get(doc: Any, path: Path) -> Any:
    node = doc
    for key in path:
        if isinstance(node, dict):
            node = node.get(key)
        elif isinstance(node, list) and isinstance(key, int) and key < len(node):
            node = node[key]
        else:
            return None
    return node


def _nearest_source(spec: dict[str, Any], path: Path, origin: Source) -> Source:
    found = origin
    node: Any = spec
    for key in path:
        if isinstance(node, dict) and isinstance(node.get("x-source"), dict):
            xs = node["x-source"]
            found = Source(str(xs.get("file", origin.file)), int(xs.get("line", 0) or 0))
        node = node.get(key) if isinstance(node, dict) else (
            node[key] if isinstance(node, list) and isinstance(key, int) and key < len(node) else None)
    if isinstance(node, dict) and isinstance(node.get("x-source"), dict):
        xs = node["x-source"]
        found = Source(str(xs.get("file", origin.file)), int(xs.get("line", 0) or 0))
    return found


def _pointer(path: Path) -> str:
    return "/" + "/".join(str(k).replace("~", "~0").replace("/", "~1") for k in path)
