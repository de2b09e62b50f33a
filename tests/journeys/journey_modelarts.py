"""A ModelArts user's journey with the generated client: notebook instances, from clouds.yaml to an error.

Public API only (no cast, no Any, no ``# type: ignore``: ``mypy --strict`` checks it against the package).
The session's project fills ``{project_id}`` in every path. Run by tests/journeys/test_journeys.py; prints
one JSON line of what it saw.
"""

from __future__ import annotations

import json

from otc_modelarts_client import connect
from otc_modelarts_client.api.development_environment_management import (
    create_notebook,
    delete_notebook,
    list_notebooks,
    show_notebook,
    update_notebook,
)
from otc_modelarts_client.models import (
    CreateNotebookRequest,
    CreateNotebookRequestFlavor,
    UpdateNotebookRequest,
    VolumeReq,
    VolumeReqCategory,
    VolumeReqOwnership,
)
from otc_modelarts_client.otc import OTCAPIError


def main() -> dict[str, object]:
    problems: list[str] = []
    client = connect()  # ~/.config/openstack/clouds.yaml: password -> IAM token, endpoint override
    listed = [str(nb.name) for nb in list_notebooks.iter_list_notebooks(client=client, limit=2)]

    created = create_notebook.sync(
        client=client,
        body=CreateNotebookRequest(
            name="nb-journey",
            flavor=CreateNotebookRequestFlavor.MODELARTS_VM_CPU_2U,
            image_id="img-0001",
            volume=VolumeReq(category=VolumeReqCategory.EVS, ownership=VolumeReqOwnership.MANAGED),
        ),
    )
    if created is None or not isinstance(created.id, str):
        raise SystemExit(f"create_notebook returned {created!r}")
    notebook_id = created.id

    shown = show_notebook.sync(id=notebook_id, client=client)
    if shown is None or shown.name != "nb-journey":
        problems.append(f"show_notebook returned {shown!r}")

    updated = update_notebook.sync(
        id=notebook_id, client=client, body=UpdateNotebookRequest(description="updated by the journey")
    )
    if updated is None or updated.description != "updated by the journey":
        problems.append(f"update_notebook returned {updated!r}")

    deleted = delete_notebook.sync(id=notebook_id, client=client)
    if deleted is None or deleted.id != notebook_id:
        problems.append(f"delete_notebook returned {deleted!r}")

    error: dict[str, object] = {}
    try:
        show_notebook.sync(id=notebook_id, client=client)
        problems.append("showing the deleted notebook raised no OTCAPIError")
    except OTCAPIError as exc:
        error = {"status_code": exc.status_code, "error_code": exc.error_code,
                 "error_message": exc.error_message, "request_id": exc.request_id}
    return {"listed": listed, "created": notebook_id, "error": error, "problems": problems}


if __name__ == "__main__":
    print(json.dumps(main()))
