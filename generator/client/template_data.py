"""The client view's per-operation decisions, handed to the endpoint templates as a jinja data template.

openapi-python-client gives its templates parsed endpoints only (no `x-` extensions), so what the view
recorded (`x-otc-session-params`, `x-otc-pagination`) travels as `otc_client_data.jinja`, written next to a
copy of `upstream_templates/` and imported by the endpoint templates. Keys are the function names the generator
derives from the operationIds; values are JSON data (strings, integers, lists, objects; never null), which
is also valid jinja literal syntax.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from generator.client.common import CodegenError, operations
from generator.client.pagination import PAGINATION
from generator.client.session_params import SESSION_PARAMS

DATA_TEMPLATE = "otc_client_data.jinja"
_ATTRIBUTES = {"project_id", "region"}


def operation_data(view: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """function name -> what its templates render beyond openapi-python-client's own output."""
    from openapi_python_client.strings import PythonIdentifier

    out: dict[str, dict[str, Any]] = {}
    for _path, _method, op in operations(view):
        op_id = op.get("operationId")
        entry: dict[str, Any] = {}
        session = op.get(SESSION_PARAMS) or {}
        if set(session.values()) - _ATTRIBUTES:
            raise CodegenError(f"{op_id}: session parameters other than {sorted(_ATTRIBUTES)}: {session}")
        if session:
            entry["session"] = dict(session)
        if op.get(PAGINATION):
            entry["pagination"] = op[PAGINATION]
        if entry and op_id:
            out[str(PythonIdentifier(str(op_id), "field_"))] = entry
    return dict(sorted(out.items()))


def render(view: dict[str, Any]) -> str:
    data = json.dumps(operation_data(view), ensure_ascii=True, sort_keys=True, allow_nan=False)
    return "{% set operations = " + data + " %}\n"


def template_dir(templates: Path, view: dict[str, Any], into: Path) -> Path:
    """A copy of `templates` with the view's data template beside them."""
    shutil.copytree(templates, into)
    (into / DATA_TEMPLATE).write_text(render(view), encoding="utf-8")
    return into
