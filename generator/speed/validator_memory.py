"""openapi-spec-validator with its most expensive step remembered: the meta-schema check of each schema.

The validator checks every schema it meets (components, parameters, bodies) against the JSON Schema
dialect with the pure-Python jsonschema: three quarters of `check` on a large spec. That check is a
pure function of the schema's value and the dialect, and most schemas of a service repeat (a
`{"type": "string"}` parameter) or survive from one build to the next. So a schema whose exact value
(`stage_cache.value_bytes`: key order and `1`/`True`/`"1"` kept apart) passed once is not checked again: in this process
(`VALID`) and, through the stage cache, in later builds (`load`/`save`). Only passes are remembered: a
schema that fails is checked again each time, so every error is the validator's own, with its path.
Everything else the validator does (the document against the OpenAPI schema, defaults, duplicate
operationIds, ...) runs as before, so its findings are the same with or without the memory.

The same memory holds the documents the whole validator found nothing in, their prose blanked
(`clean_digest`): after a docs change that only rewords descriptions, the most common one, `check` skips
the validator's walk of the document, whose verdict no prose can change. Beside it, per document, the
example checks and example placements of each operation of the last build (`load_memory`).
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from generator.core.exact import value_bytes
from generator.speed.patches import verified
from generator.speed.stage_cache import StageCache

# sha256 of (dialect, exact value) of every schema that passed the meta-schema check (`meta_key`), and of every
# document, its prose blanked, the whole validator found nothing in (`clean_digest`)
VALID: set[bytes] = set()
# the verdicts worker processes are giving while the validator runs (`meta_prefetch.ahead`), or None
AHEAD: Any = None

# Fields whose text no rule of the validator reads: in OpenAPI 3.1's schema and in the JSON Schema dialect they
# are `type: string` and nothing more, so their wording cannot change a verdict.
_PROSE = frozenset({"description", "summary", "title"})
# Where arbitrary values live (a payload may well hold a `description` member whose text a schema constrains):
# left as they are, as is everything under a key the digest does not understand.
_VALUES = frozenset({"example", "examples", "default", "enum", "const", "discriminator", "value", "links"})


def _prose_blanked(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: ("" if k in _PROSE and isinstance(v, str) else
                    v if not isinstance(k, str) or k in _VALUES or k.startswith("x-") else _prose_blanked(v))
                for k, v in node.items()}
    if isinstance(node, list):
        return [_prose_blanked(v) for v in node]
    return node


def clean_digest(spec: Any) -> bytes:
    """The key under which a document the validator found nothing in is remembered: its value with the text of
    `description`, `summary` and `title` blanked. Only clean verdicts are remembered (an error message may quote
    prose), so a document whose prose alone changed since a clean check is clean again without a walk (the
    validator's walk is most of `check` after a one-page change), and any other change is checked in full."""
    return hashlib.sha256(b"clean-document\0" + value_bytes(_prose_blanked(spec))).digest()


def meta_key(dialect: str, schema_value: Any) -> bytes:
    """The key of a passed meta-schema check in `VALID` (also filled ahead of the validator: `meta_prefetch`):
    the schema's exact value as the stage cache spells it (`stage_cache.value_bytes`)."""
    return hashlib.sha256(dialect.encode("utf-8", "surrogatepass") + b"\0" + value_bytes(schema_value)).digest()


# The private members of openapi-spec-validator's schema keyword the memory overrides or calls (as does
# `meta_prefetch`): with one of them gone or renamed, or another version than the verified one, the stock
# validator runs (no memory of passes, no workers ahead of it), never an error in `check.openapi`.
PRIVATE_MEMBERS = ("_validate_schema_meta", "_get_schema_dialect_id")


def supported() -> bool:
    """Whether the validator is the one the memory of passes was verified on, with the members it relies on."""
    if not verified("openapi-spec-validator", "jsonschema"):
        return False
    from openapi_spec_validator import OpenAPIV31SpecValidator  # noqa: PLC0415 - heavy: imported on first check
    from openapi_spec_validator.validation.keywords import OpenAPIV31SchemaValidator  # noqa: PLC0415

    return (all(callable(getattr(OpenAPIV31SchemaValidator, m, None)) for m in PRIVATE_MEMBERS)
            and isinstance(getattr(OpenAPIV31SpecValidator, "keyword_validators", None), dict)
            and "schema" in OpenAPIV31SpecValidator.keyword_validators)


def validator_class() -> Any:
    """OpenAPIV31SpecValidator remembering passed meta-schema checks (`supported`), else the stock one."""
    from openapi_spec_validator import OpenAPIV31SpecValidator  # noqa: PLC0415 - heavy: imported on first check

    return _remembering_class() if supported() else OpenAPIV31SpecValidator


def spec_errors(spec: dict[str, Any]) -> Iterator[Any]:
    """The validator's errors (`check.document.SpecErrors`), none looked for in a document found clean before but
    for its prose (`clean_digest`); a document found clean is remembered."""
    clean = clean_digest(spec)
    if clean in VALID:
        return
    found = False
    for err in validator_class()(spec).iter_errors():
        found = True
        yield err
    if not found:
        VALID.add(clean)


@functools.cache
def _remembering_class() -> Any:
    # imported on first use: a heavy import that commands which never check, or wait for a lock first, should
    # not pay at start
    from openapi_spec_validator import OpenAPIV31SpecValidator  # noqa: PLC0415
    from openapi_spec_validator.validation.keywords import OpenAPIV31SchemaValidator  # noqa: PLC0415

    class RememberingSchemaValidator(OpenAPIV31SchemaValidator):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            # the library's lists of the schemas met so far, asked `in` at every schema: a set beside each
            for name in ("visited_schema_ids", "meta_checked_schema_ids"):
                met = getattr(self, name, None)
                if met is None or isinstance(met, list):
                    setattr(self, name, _IdList(met or ()))

        def _validate_schema_meta(self, schema: Any, schema_value: Any) -> Any:
            try:
                dialect = self._get_schema_dialect_id(schema, schema_value)
            except ValueError:
                return super()._validate_schema_meta(schema, schema_value)
            key = meta_key(dialect, schema_value)
            if key in VALID or AHEAD is not None and AHEAD.passed(key):
                return None
            err = super()._validate_schema_meta(schema, schema_value)
            if err is None:
                VALID.add(key)
            return err

    class SpecValidator(OpenAPIV31SpecValidator):
        keyword_validators = {**OpenAPIV31SpecValidator.keyword_validators, "schema": RememberingSchemaValidator}

    return SpecValidator


class _IdList(list[int]):
    """A list that answers `in` from a set kept beside it (the library only appends to it and asks `in`):
    the same answers at a constant cost where the list's own scan grows with the document."""

    def __init__(self, items: Any = ()) -> None:
        super().__init__(items)
        self._members = set(self)

    def append(self, item: int) -> None:
        super().append(item)
        self._members.add(item)

    def __contains__(self, item: object) -> bool:
        return item in self._members


# beyond this many remembered schemas the memory starts again from this build's (docs change over the years)
MAX_REMEMBERED = 200_000


def load(root: Path) -> int:
    """Add the passes remembered in the cache folder `root`; the count to give `save`."""
    store = _store(root)
    got = store.get("meta-valid", store.key("meta-valid"))
    if isinstance(got, frozenset):
        VALID.update(k for k in got if isinstance(k, bytes))
    return len(VALID)


def save(root: Path, loaded: int) -> None:
    """Write the passes back when this build added some (two builds at once: the last writer's set wins)."""
    if len(VALID) == loaded:
        return
    if len(VALID) > MAX_REMEMBERED:
        VALID.clear()
    store = _store(root)
    store.put("meta-valid", store.key("meta-valid"), frozenset(VALID))


def load_memory(root: Path, kind: str, name: str) -> dict[bytes, Any]:
    """The last build's per-operation results of `kind` for the document `name`: "examples" (`check.ExampleMemo`),
    "placements" (`finish.invalid_examples.PlacementMemo`)."""
    store = _store(root)
    got = store.get(kind, store.key(kind, name.encode()))
    return got if isinstance(got, dict) else {}


def save_memory(root: Path, kind: str, name: str, used: dict[bytes, Any]) -> None:
    """This build's results replace the last ones (the memory holds one build's operations)."""
    store = _store(root)
    store.put(kind, store.key(kind, name.encode()), used)


class _Store(StageCache):
    folder = "validator-v1"


def _store(root: Path) -> _Store:
    return _Store(root)
