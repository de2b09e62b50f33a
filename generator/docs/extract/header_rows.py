"""Response headers documented as rows of a response body table (ECS `createImage`: "Location ... returned in
the request header"): such a row is no body property, the server sends it as a header; as a required body
property it makes every client reject a response that is right."""

from __future__ import annotations

import re

from generator.core.model import Field

# response headers of RFC 9110 and friends in their canonical spelling (a JSON property of that name is spelt in
# lower case: `location`, `date`)
KNOWN_RESPONSE_HEADERS = frozenset({
    "Accept-Ranges", "Age", "Allow", "Cache-Control", "Content-Disposition", "Content-Encoding", "Content-Language",
    "Content-Length", "Content-Location", "Content-MD5", "Content-Range", "Content-Type", "Date", "ETag", "Expires",
    "Last-Modified", "Link", "Location", "Retry-After", "Server", "Set-Cookie", "Vary", "WWW-Authenticate",
})
# `X-Subject-Token`, `x-obs-request-id`: the extension header convention; no JSON or XML field is named so
_EXTENSION_HEADER = re.compile(r"^[Xx]-[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$")
# a header-shaped name (letters, digits, hyphens; at least one hyphen) whose description says it is a header
_HYPHENATED = re.compile(r"^[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)+$")
# prose: "which is returned in the request header", "carried in the response header", "in the header"
_SAYS_HEADER = re.compile(r"\b(?:returned|carried|contained|included|sent|set|given)\s+in\s+the\s+"
                          r"(?:(?:http|request|response)\s+)?headers?\b", re.I)


def says_header(description: str) -> bool:
    return bool(_SAYS_HEADER.search(description))


def is_header_row(f: Field) -> bool:
    """Whether a response body table's row documents a response header rather than a body property.

    A known header name alone is not enough: XML bodies have elements spelt so (OBS `<Location>`, `<ETag>`),
    so the description must say it is a header; an `X-...` name is never a JSON or XML field."""
    name = f.name.strip()
    if _EXTENSION_HEADER.match(name):
        return True
    return (name in KNOWN_RESPONSE_HEADERS or bool(_HYPHENATED.match(name))) and says_header(f.description)
