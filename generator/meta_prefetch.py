"""The meta-schema verdicts of a document's schemas, checked ahead of the validator in a process pool.

openapi-spec-validator checks each schema it meets against the JSON Schema dialect one after the other,
in pure Python: most of `check` on a cold build, on one core. Each verdict is a pure function of the
schema's value and the dialect, so the schemas the validator will meet are collected first and checked by
the very same library method (`OpenAPIV31SchemaValidator._validate_schema_meta`: same dialect resolution,
same format checker) in worker processes, and the passes go to `spec_validator.VALID` under the key the
validator's memory looks up. The validator then finds them there; what it meets that was not collected
(a wrong guess) it checks itself, as before. A schema that fails is not remembered: the validator checks it
again and reports its own error, so the findings are the same with or without this step.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from generator.parallel import default_jobs

# Below this many schemas to check, starting the workers (tens of milliseconds) costs more than it saves:
# a meta-schema check takes a few milliseconds.
MIN_PREFETCH = 64

# The dialect OpenAPI 3.1 gives schemas when the document names none (`jsonSchemaDialect`), as the validator
# reads it.
_OAS31_DIALECT = "https://spec.openapis.org/oas/3.1/dialect/base"

# Keys under which a value is data, not part of the document's structure: no schema the validator checks
# lives below them.
_DATA = frozenset({"example", "examples", "default", "enum", "const"})


def prefetch(spec: dict[str, Any], jobs: int | None = None) -> int:
    """Check the schemas of `spec` not yet known to pass, `jobs` processes at once (None: every core), and
    remember the passes; how many schemas were checked (0 when one process or too few schemas)."""
    from generator.spec_validator import VALID, meta_key

    jobs = default_jobs() if jobs is None else max(1, jobs)
    dialect = spec.get("jsonSchemaDialect", _OAS31_DIALECT)
    if jobs == 1 or not isinstance(dialect, str):
        return 0
    todo: dict[bytes, Any] = {}
    checker = _checker(dialect)
    for value in candidates(spec):
        try:
            key = meta_key(checker._get_schema_dialect_id(None, value), value)
        except ValueError:  # a `$schema` that is no dialect: the validator reports it itself
            continue
        if key not in VALID:
            todo.setdefault(key, value)
    if len(todo) < MIN_PREFETCH:
        return 0
    # the largest first, so that no worker is left alone with a big one at the end
    order = sorted(todo, key=lambda k: -len(repr(todo[k])))
    ctx = multiprocessing.get_context("fork" if sys.platform == "linux" else None)
    with ProcessPoolExecutor(max_workers=min(jobs, len(order)), mp_context=ctx) as pool:
        verdicts = pool.map(_passes, [(dialect, todo[k]) for k in order], chunksize=max(1, len(order) // (jobs * 8)))
        VALID.update(k for k, ok in zip(order, verdicts, strict=True) if ok)
    return len(order)


def candidates(spec: dict[str, Any]) -> Iterator[Any]:
    """Every schema value the validator may meta-check: the component schemas and the value under every
    `schema` key of the document (parameters, headers, media types; wherever they are) but a reference. A
    superset: a schema it never meets only costs its check."""
    comps = spec.get("components")
    schemas = comps.get("schemas") if isinstance(comps, dict) else None
    if isinstance(schemas, dict):
        yield from (v for v in schemas.values() if isinstance(v, (dict, bool)))
    stack: list[Any] = [spec]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for k, v in node.items():
                # a `$ref` the validator follows: it checks the schema referred to (a component), not this
                if k == "schema" and (isinstance(v, bool) or isinstance(v, dict) and "$ref" not in v):
                    yield v
                if isinstance(k, str) and (k in _DATA or k.startswith("x-")):
                    continue
                if isinstance(v, (dict, list)):
                    stack.append(v)
        elif isinstance(node, list):
            stack.extend(v for v in node if isinstance(v, (dict, list)))


def _checker(dialect: str) -> Any:
    """The validator's own schema keyword, with the document's default dialect given instead of read from it."""
    from openapi_spec_validator.validation.keywords import OpenAPIV31SchemaValidator

    checker = OpenAPIV31SchemaValidator(registry=None)  # type: ignore[arg-type]  # the meta check uses none
    checker._default_jsonschema_dialect_id = dialect
    return checker


_CHECKERS: dict[str, Any] = {}


def _passes(item: tuple[str, Any]) -> bool:
    """In a worker: whether the validator's meta-schema check of the schema finds nothing."""
    dialect, value = item
    checker = _CHECKERS.get(dialect) or _CHECKERS.setdefault(dialect, _checker(dialect))
    try:
        return checker._validate_schema_meta(None, value) is None
    except Exception:  # noqa: BLE001  # not a verdict: the validator meets it again and reports it itself
        return False
