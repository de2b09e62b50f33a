"""What every part of the client stage shares: the error, node provenance, media types, name limits."""

from __future__ import annotations

import keyword
from typing import Any

from generator.core.model import Source
from generator.core.spec import iter_operations, x_source

# generated files are named after classes; keep well below the usual 255-byte file-name limit
MAX_NAME = 100
BINARY = {"type": "string", "format": "binary"}


class CodegenError(Exception):
    pass


def source(node: Any) -> Source:
    """The docs page and line a spec node came from, for a `client.*` diagnostic."""
    xs = x_source(node)
    return Source(xs.file, xs.line or 0) if xs is not None else Source("<spec>", 0)


def operations(view: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(path, method, op) for path, method, op in iter_operations(view) if isinstance(op, dict)]


def base_media(media: str) -> str:
    return media.split(";", 1)[0].strip().lower()


def unsupported_media(view: dict[str, Any]) -> dict[str, str]:
    out: dict[str, str] = {}
    for _, _, op in operations(view):
        contents = [op.get("requestBody", {}).get("content", {})]
        contents += [(r.get("content") or {}) for r in op.get("responses", {}).values()]
        for content in contents:
            for media, m in content.items():
                if m.get("schema") == BINARY and base_media(media) != "application/octet-stream":
                    out[media] = "application/octet-stream"
    return dict(sorted(out.items()))


def ident(name: str) -> str:
    if not name.isidentifier() or keyword.iskeyword(name):
        raise CodegenError(f"generator produced a name that is not a safe identifier: {name!r}")
    return name

