"""Path parameters the session already knows: the project (`{project_id}`, `{projectId}`, `{tenant_id}`, ...)
and the region (`{region}`).

The generated functions take them as keyword arguments defaulting to `client.project_id` / `client.region`
(set by `connect()`), so a call names only what identifies the resource. The detection is recorded on each
operation of the client view (`x-otc-session-params`: parameter name -> client attribute); the endpoint
templates only render it.
"""

from __future__ import annotations

import re
from typing import Any

from generator.client.common import operations
from generator.client.variants import client_path

SESSION_PARAMS = "x-otc-session-params"

# spellings seen in the docs (`project_id`, `projectId`, `project-id`, `tenant_id`: the OpenStack name of a
# project), compared without case and separators. `region_id` is not here: IAM's `/v3/regions/{region_id}`
# names the region the call is about, not the one the session talks to.
_ATTRIBUTE = {"projectid": "project_id", "tenantid": "project_id", "region": "region"}


def session_attribute(name: str) -> str | None:
    """The client attribute a path parameter of this name defaults to, if any."""
    return _ATTRIBUTE.get(re.sub(r"[^a-z0-9]", "", name.lower()))


def mark_session_params(view: dict[str, Any]) -> None:
    """Record on each operation which path parameters default to the session's project or region.

    Not when the placeholder ends the path (`/v3/projects/{project_id}`): there the project is what the
    call reads, changes or deletes, and taking it silently from the session would let
    `delete_project(client=c)` delete the caller's own project. Only string parameters: an enum or number
    parameter of that name is something else.
    """
    for path, _method, op in operations(view):
        marked: dict[str, str] = {}
        for p in op.get("parameters", []):
            if p.get("in") != "path" or "x-otc-same-as" in p:
                continue
            name = str(p.get("name", ""))
            attr = session_attribute(name)
            schema = p.get("schema", {})
            if attr is None or schema.get("type", "string") != "string" or "enum" in schema or "const" in schema:
                continue
            # (the view's path: in `/{project_id}/os-quota-sets/{project_id}` the second is `{project_id_2}`)
            if client_path(path).rstrip("/").endswith("{" + name + "}"):
                continue
            if attr in marked.values():
                continue  # two spellings of the project in one path: the second stays explicit
            marked[name] = attr
        if marked:
            op[SESSION_PARAMS] = marked
        else:
            op.pop(SESSION_PARAMS, None)
