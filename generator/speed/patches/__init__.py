"""Exact shortcuts inside third-party libraries, each gated on the versions it was verified on.

A patch replaces, wraps or calls a library's internals (a private member, a module-level helper), which
a new release may rename or change: so each is put in place only while every library it touches is at the
version below, the one its equivalence tests ran on; with any other version the library runs as shipped
(slower, the same output). Updating a library means running tests/speed again and updating its line here.

The patches are in place only while the speed layer runs a build (`generator.speed.layer.patches_in_place`):
with the speed layer switched off (`OTC_APIGEN_NO_SPEED=1`, `--no-speed`) every library is stock.
"""

from __future__ import annotations

from importlib import metadata

# distribution -> the version every patch touching it was verified on
VERIFIED: dict[str, str] = {
    "docutils": "0.23",  # docutils_fast: four grid-table helpers
    "pathable": "0.6.0",  # validator_fast: the accessors' `isinstance`
    "referencing": "0.37.0",  # validator_fast: `_core.urljoin`, `_core.urldefrag`
    "jsonschema": "4.26.0",  # validator_fast: `_utils.URIDict.normalize`; the meta-schema check the memory skips
    # validator_memory, meta_prefetch: `OpenAPIV31SchemaValidator._validate_schema_meta`,
    # `_get_schema_dialect_id`, `_default_jsonschema_dialect_id`, `visited_schema_ids`, `meta_checked_schema_ids`
    "openapi-spec-validator": "0.9.0",
    "PyYAML": "6.0.3",  # yaml_fast: the dumper's `represent`, `represent_data`, `resolve` and resolver hooks
}


def installed_version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def verified(*names: str) -> bool:
    """Whether every library of `names` is installed at its `VERIFIED` version."""
    return all(installed_version(n) == VERIFIED.get(n) for n in names)
