"""One body, several documented formats: each example under the media type it is written in.

A page may show one response in two formats ("By default, the response is in HTML format." and then
"JSON format", ECS tags): the table describes the structured body, the HTML page is text. Keeping
both examples under one media type puts an HTML string beside an object schema, which every
consumer then holds against each other (Spectral, Redocly) or serves with the wrong type (Prism).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from generator.core.model import Example

JSON = "application/json"
TEXT_SCHEMA = {"type": "string"}


def is_text(media_type: str) -> bool:
    """A media type whose body is prose or markup, never the documented tables (`text/html`, `text/plain`)."""
    return media_type.startswith("text/")


def content_by_media(media_type: str, media: dict[str, Any], examples: list[Example],
                     render: Callable[[list[Example]], dict[str, Any]]) -> dict[str, Any]:
    """The `content` of a body whose examples may be written as text (HTML) beside a structured format.

    `media` is the body as rendered for `media_type` (schema, examples). Unless a text example stands
    beside a structured one or beside tables, this is `{media_type: media}`, unchanged (a JSON example
    of a form or an XML body stays with it, as the page shows it). Otherwise the text examples get
    their own media type with a string schema (the tables do not describe an HTML page), and the
    tables' schema and the other examples go to the structured format: `media_type` unless an HTML
    example set it, then the format of the first structured example (JSON where there is none: the
    tables' default). Structured first: clients parse the first format they support, and mocks answer
    `*/*` with the first.
    """
    text = [e for e in examples if is_text(e.media_type)]
    rest = [e for e in examples if not is_text(e.media_type)]
    tables = media.get("schema") not in (None, {}, TEXT_SCHEMA)
    if not text or not (rest or tables or not is_text(media_type)):
        return {media_type: media}
    structured = media_type if not is_text(media_type) else (rest[0].media_type if rest else JSON)
    node = {k: v for k, v in media.items() if k != "examples"}
    if rest:
        node["examples"] = render(rest)
    out: dict[str, Any] = {structured: node}
    for m in sorted({e.media_type for e in text}):
        out[m] = {"schema": dict(TEXT_SCHEMA), "examples": render([e for e in text if e.media_type == m])}
    return out
