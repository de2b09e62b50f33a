"""Service base URLs from endpoint templates such as ``https://modelarts.{region}.otc.t-systems.com``.

Example:
    >>> resolve_base_url("https://modelarts.{region}.otc.t-systems.com", region="eu-nl")
    'https://modelarts.eu-nl.otc.t-systems.com'
    >>> resolve_base_url("https://x.{region}.example", region="eu-de", base_url="http://127.0.0.1:8080/")
    'http://127.0.0.1:8080'
"""

from __future__ import annotations

import re
import string

__all__ = ["resolve_base_url"]

# Region and project ids end up in a host name or path: refuse anything that could
# change which server is addressed ("eu-de.evil.example/", "..", "@").
_REGION = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_PROJECT_ID = re.compile(r"[A-Za-z0-9_-]+")


def resolve_base_url(
    endpoint_template: str,
    *,
    region: str,
    project_id: str | None = None,
    base_url: str | None = None,
) -> str:
    """The base URL to use: ``base_url`` if given, else the template filled in.

    The template may use ``{region}`` and ``{project_id}``; any other field is an error.
    A trailing ``/`` is removed, since generated paths start with one.
    """
    if base_url is not None:
        if not base_url.startswith(("https://", "http://")):
            raise ValueError(f"base_url must be an http(s) URL, got {base_url!r}")
        return base_url.rstrip("/")
    if not _REGION.fullmatch(region):
        raise ValueError(f"invalid region {region!r}")
    values = {"region": region}
    fields = {name for _, name, _, _ in string.Formatter().parse(endpoint_template) if name is not None}
    if unknown := fields - {"region", "project_id"}:
        raise ValueError(f"endpoint template {endpoint_template!r} has unknown fields {sorted(unknown)}")
    if "project_id" in fields:
        if project_id is None or not _PROJECT_ID.fullmatch(project_id):
            raise ValueError(f"endpoint template {endpoint_template!r} needs a valid project_id")
        values["project_id"] = project_id
    return endpoint_template.format_map(values).rstrip("/")
