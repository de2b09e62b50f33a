"""The meta-schema verdicts of a document's schemas, checked by worker processes while the validator runs.

openapi-spec-validator checks each schema it meets against the JSON Schema dialect one after the other,
in pure Python: most of `check` on a cold build, on one core. Each verdict is a pure function of the
schema's value and the dialect, so the schemas the validator will meet are collected first and handed to
worker processes, from the end of the order in which the validator meets them, while this process runs the
validator as before. The workers check them with the very same library method
(`OpenAPIV31SchemaValidator._validate_schema_meta`: same dialect resolution, same format checker) and their
passes go to `spec_validator.VALID` under the key the validator's memory looks up. When the validator meets
a schema a worker is checking, it waits for the verdict; one no worker has started yet, or one not collected
(a wrong guess), it checks itself, as before. A schema that fails is not remembered: the validator checks it
again and reports its own error, so the findings are the same with or without the workers.

The workers call private members of the validator's schema keyword (`spec_validator.PRIVATE_MEMBERS`,
`_default_jsonschema_dialect_id`): with a validator the memory does not support (`spec_validator.supported`), or
any of them missing, no worker starts and the validator checks every schema itself.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import sys
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from generator.core.spec import component_name
from generator.speed import validator_memory as spec_validator
from generator.speed.parallel import default_jobs

# Below this many schemas to check, starting the workers (tens of milliseconds) costs more than it saves:
# a meta-schema check takes a few milliseconds.
MIN_PREFETCH = 64
# Schemas per task: small, so that little is checked twice where the validator and the workers meet, large
# enough that the round trips stay a small part of the work.
CHUNK = 8

# The dialect OpenAPI 3.1 gives schemas when the document names none (`jsonSchemaDialect`), as the validator
# reads it.
_OAS31_DIALECT = "https://spec.openapis.org/oas/3.1/dialect/base"

# Keys under which a value is data, not part of the document's structure: no schema the validator checks
# lives below them.
_DATA = frozenset({"example", "examples", "default", "enum", "const"})


@contextlib.contextmanager
def ahead(spec: dict[str, Any], jobs: int | None = None) -> Iterator[Ahead | None]:
    """For the duration, the schemas of `spec` not yet known to pass are checked in `jobs` - 1 worker processes
    (None: every core) while this process checks the document: the validator takes their verdicts as they
    come (`Ahead.passed`). Nothing happens with one job or too few schemas for the workers' start-up."""
    got = _start(spec, default_jobs() if jobs is None else max(1, jobs))
    if got is None:
        yield None
        return
    with _asked_by_the_validator(got):
        yield got


@contextlib.contextmanager
def when_needed(spec: dict[str, Any], jobs: int | None = None) -> Iterator[Deferred | None]:
    """`ahead`, started only when the validator first asks for a verdict it does not know: a document whose
    every schema is known to pass, or one the validator does not walk at all (a document known clean,
    `spec_validator.clean_digest`: after a docs change of wording only, the most common one), costs nothing."""
    jobs = default_jobs() if jobs is None else max(1, jobs)
    if jobs == 1:
        yield None
        return
    got = Deferred(spec, jobs)
    with _asked_by_the_validator(got):
        yield got


@contextlib.contextmanager
def _asked_by_the_validator(got: Ahead | Deferred) -> Iterator[None]:
    """`got` is where the validator's memory asks for verdicts (`spec_validator.AHEAD`) until its workers stop."""
    spec_validator.AHEAD = got
    try:
        yield
    finally:
        spec_validator.AHEAD = None
        got.close()


class Deferred:
    """An `Ahead` that collects and starts its workers on the first verdict asked of it (`when_needed`)."""

    def __init__(self, spec: dict[str, Any], jobs: int) -> None:
        self._spec, self._jobs = spec, jobs
        self.started = False
        self.ahead: Ahead | None = None

    def passed(self, key: bytes) -> bool:
        if not self.started:
            self.started = True
            self.ahead = _start(self._spec, self._jobs)
        return self.ahead is not None and self.ahead.passed(key)

    def close(self) -> None:
        if self.ahead is not None:
            self.ahead.close()


class Ahead:
    """Chunks of schemas being checked by workers, from the end of the order in which the validator meets them,
    so that it and the workers meet in the middle."""

    def __init__(self, pool: ProcessPoolExecutor, chunks: list[tuple[list[bytes], Future[list[bool]]]]) -> None:
        self._pool = pool
        self._pending = chunks  # in the order the workers take them
        self._chunk_of = {k: chunk for chunk in chunks for k in chunk[0]}
        self.checked = sum(len(keys) for keys, _ in chunks)

    def passed(self, key: bytes) -> bool:
        """Whether the schema of `key` passed in a worker: waits for it when a worker is on it; when no worker
        has started it yet, it is left to the caller (which is then faster than waiting)."""
        self._harvest()
        chunk = self._chunk_of.get(key)
        if chunk is None or chunk[1].cancel():
            return False
        self._take(chunk)
        return key in spec_validator.VALID

    def wait(self) -> None:
        """Every verdict, waiting for the workers to give them all."""
        for chunk in self._pending:
            self._take(chunk)
        self._pending = []

    def close(self) -> None:
        """Stop the workers (the chunks no worker started are dropped), keeping the verdicts they gave."""
        self._pool.shutdown(wait=True, cancel_futures=True)
        for chunk in self._pending:
            self._take(chunk)
        self._pending = []

    def _harvest(self) -> None:
        # the workers take chunks in order, so the finished ones lead
        while self._pending and self._pending[0][1].done():
            self._take(self._pending.pop(0))

    @staticmethod
    def _take(chunk: tuple[list[bytes], Future[list[bool]]]) -> None:
        keys, fut = chunk
        if fut.cancelled():
            return
        try:
            verdicts = fut.result()
        except Exception:  # noqa: BLE001  # a worker that died gave no verdict: the validator checks those itself
            return
        spec_validator.VALID.update(k for k, ok in zip(keys, verdicts, strict=True) if ok)


def _start(spec: dict[str, Any], jobs: int) -> Ahead | None:
    dialect = spec.get("jsonSchemaDialect", _OAS31_DIALECT)
    if jobs == 1 or not isinstance(dialect, str) or not spec_validator.supported():
        return None
    try:
        checker = _checker(dialect)
        todo = _todo(spec, checker)
    except (AttributeError, TypeError):  # a private member gone or changed: the validator checks them all itself
        return None
    if len(todo) < MIN_PREFETCH:
        return None
    order = list(todo)[::-1]
    # (the validator's shortcuts, `validator_fast`, are in place before the fork: the speed layer's run holds them)
    ctx = multiprocessing.get_context("fork" if sys.platform == "linux" else None)
    pool = ProcessPoolExecutor(max_workers=jobs - 1, mp_context=ctx)
    chunks = [order[i:i + CHUNK] for i in range(0, len(order), CHUNK)]
    return Ahead(pool, [(keys, pool.submit(_passes, dialect, [todo[k] for k in keys])) for keys in chunks])


def _todo(spec: dict[str, Any], checker: Any) -> dict[bytes, Any]:
    """The schemas of `spec` not yet known to pass, by their key in `spec_validator.VALID`."""
    todo: dict[bytes, Any] = {}
    for value in candidates(spec):
        try:
            key = spec_validator.meta_key(checker._get_schema_dialect_id(None, value), value)
        except ValueError:  # a `$schema` that is no dialect: the validator reports it itself
            continue
        if key not in spec_validator.VALID:
            todo.setdefault(key, value)
    return todo


def candidates(spec: dict[str, Any]) -> list[Any]:
    """Every schema value the validator may meta-check, roughly in the order it meets them: the value under
    every `schema` key of the document but a reference (parameters, headers, media types; wherever they are),
    then the component schemas (checked last, those no operation refers to). A superset: a schema it never
    meets only costs its check."""
    comps = spec.get("components")
    schemas = comps.get("schemas") if isinstance(comps, dict) else None
    found: list[Any] = []
    stack: list[Any] = [spec]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for k, v in reversed(node.items()):
                if k == "schema":
                    # a `$ref` the validator follows: it checks the schema referred to (a component), not this;
                    # and what a schema holds is not checked on its own (nor is a property named `schema`)
                    if isinstance(v, bool) or isinstance(v, dict) and "$ref" not in v:
                        found.append(v)
                    elif isinstance(v, dict) and isinstance(schemas, dict) and isinstance(v["$ref"], str):
                        # where the validator meets it (the workers start from the other end)
                        name = component_name(v["$ref"])
                        target = schemas.get(name) if name is not None else None
                        if isinstance(target, (dict, bool)):
                            found.append(target)
                    continue
                if isinstance(k, str) and (k in _DATA or k.startswith("x-")) or v is schemas:
                    continue
                if isinstance(v, (dict, list)):
                    stack.append(v)
        elif isinstance(node, list):
            stack.extend(v for v in reversed(node) if isinstance(v, (dict, list)))
    if isinstance(schemas, dict):
        found.extend(v for v in schemas.values() if isinstance(v, (dict, bool)))
    return found


def _checker(dialect: str) -> Any:
    """The validator's own schema keyword, with the document's default dialect given instead of read from it."""
    # imported on first use for start-up speed only (no cycle): the validator is a heavy import
    from openapi_spec_validator.validation.keywords import OpenAPIV31SchemaValidator  # noqa: PLC0415

    checker = OpenAPIV31SchemaValidator(registry=None)  # type: ignore[arg-type]  # the meta check uses none
    if not hasattr(checker, "_default_jsonschema_dialect_id"):  # renamed: a guess at the dialect could pass a schema
        raise AttributeError("_default_jsonschema_dialect_id")
    checker._default_jsonschema_dialect_id = dialect
    return checker


_CHECKERS: dict[str, Any] = {}


def _passes(dialect: str, values: list[Any]) -> list[bool]:
    """In a worker: for each schema, whether the validator's meta-schema check finds nothing."""
    checker = _CHECKERS.get(dialect) or _CHECKERS.setdefault(dialect, _checker(dialect))
    return [_passes_one(checker, v) for v in values]


def _passes_one(checker: Any, value: Any) -> bool:
    try:
        return checker._validate_schema_meta(None, value) is None
    except Exception:  # noqa: BLE001  # not a verdict: the validator meets it again and reports it itself
        return False
