"""The XML a call sends where the body is XML (OBS): the documented example, else a minimal instance.

The client sends XML bodies as raw bytes with their media type (`client.raw_body`); a test or a mock
round trip needs a payload the service would take, so never a placeholder. The documented example is
the docs' own XML (kept as text in the spec's `examples`), used when it is well-formed; otherwise an
instance of the schema: the root element named by `xml.name` or the component, one child element per
required property (OpenAPI's XML mapping of an object), values from `generator.client.samples`.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any
from xml.sax.saxutils import escape

from generator.client import samples
from generator.core.spec import ref_name

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*")


def is_xml(media_type: str) -> bool:
    base = media_type.split(";", 1)[0].strip().lower()
    return base in ("application/xml", "text/xml") or base.endswith("+xml")


def well_formed(text: str) -> bool:
    """One element, well-formed; a DTD is refused (docs text declares no entities, and none are expanded)."""
    if "<!DOCTYPE" in text or "<!ENTITY" in text:
        return False
    try:
        ET.fromstring(text)
    except ET.ParseError:
        return False
    return True


def documented(media: dict[str, Any]) -> str | None:
    """The first documented example of the media object that is well-formed XML."""
    for ex in (media.get("examples") or {}).values():
        value = ex.get("value")
        if isinstance(value, str) and well_formed(value.strip()):
            return value.strip()
    return None


def instance(spec: dict[str, Any], schema: dict[str, Any]) -> str:
    """A minimal XML document for `schema` (a union: its first branch)."""
    branches = schema.get("anyOf") or schema.get("oneOf") or []
    target = branches[0] if branches and isinstance(branches[0], dict) else schema
    resolved = samples.resolve(spec, target)
    ref = str(target.get("$ref", ""))
    root = str((resolved.get("xml") or {}).get("name") or ref_name(ref) or "body")
    if not _NAME.fullmatch(root):
        root = "body"
    return _element(root, samples.sample(spec, target))


def _element(name: str, value: Any) -> str:
    if isinstance(value, dict):
        inner = "".join(_element(k, v) for k, v in value.items() if _NAME.fullmatch(str(k)))
        return f"<{name}>{inner}</{name}>"
    if isinstance(value, list):
        return f"<{name}>{''.join(_element('item', v) for v in value)}</{name}>"
    text = "" if value is None else (str(value).lower() if isinstance(value, bool) else str(value))
    return f"<{name}>{escape(text)}</{name}>"


def body(spec: dict[str, Any], media: dict[str, Any]) -> str:
    """What a call sends for an XML body: the documented example, else a minimal instance."""
    return documented(media) or instance(spec, media.get("schema") or {})
