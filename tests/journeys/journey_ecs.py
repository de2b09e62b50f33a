"""An ECS user's journey with the generated client: cloud servers, from clouds.yaml to an error.

Public API only (no cast, no Any, no ``# type: ignore``: ``mypy --strict`` checks it against the package).
Create and delete are asynchronous on ECS: both answer a job id; the journey reads the create job once.
The session's project fills ``{project_id}`` in every path. Run by tests/journeys/test_journeys.py; prints
one JSON line of what it saw.
"""

from __future__ import annotations

import json

from otc_elastic_cloud_server_client import connect
from otc_elastic_cloud_server_client.api.job_status_management import show_job_execution_status
from otc_elastic_cloud_server_client.api.lifecycle_management import (
    create_ecss,
    delete_ecss,
    list_ecss,
    show_ecs,
    update_ecs_details,
)
from otc_elastic_cloud_server_client.models import (
    CreateEcssRequest,
    DeleteEcssRequest,
    Nic,
    RootVolume,
    RootVolumeVolumetype,
    Server,
    Servers,
    ShowJobExecutionStatusResponseStatus,
    UpdateEcsDetailsRequest,
    UpdateEcsDetailsServer,
)
from otc_elastic_cloud_server_client.otc import OTCAPIError
from otc_elastic_cloud_server_client.types import UNSET, Unset


def main() -> dict[str, object]:
    problems: list[str] = []
    client = connect()  # ~/.config/openstack/clouds.yaml: password -> IAM token, endpoint override
    listed = [str(server.name) for server in list_ecss.iter_list_ecss(client=client, limit=2)]

    server = Server(
        name="ecs-journey",
        flavor_ref="s3.large.2",
        image_ref="img-0001",
        vpcid="vpc-0001",
        nics=[Nic(subnet_id="subnet-0001")],
        root_volume=RootVolume(volumetype=RootVolumeVolumetype.SSD),
    )
    created = create_ecss.sync(client=client, body=CreateEcssRequest(server=server))
    if created is None or isinstance(created.server_ids, Unset) or not isinstance(created.job_id, str):
        raise SystemExit(f"create_ecss returned {created!r}")
    (server_id,) = created.server_ids
    job = show_job_execution_status.sync(job_id=created.job_id, client=client)
    if job is None or job.status != ShowJobExecutionStatusResponseStatus.SUCCESS:
        problems.append(f"show_job_execution_status returned {job!r}")

    shown = show_ecs.sync(server_id=server_id, client=client)
    shown_server = shown.server if shown is not None else UNSET
    if isinstance(shown_server, Unset) or shown_server.name != "ecs-journey":
        problems.append(f"show_ecs returned {shown!r}")

    rename = UpdateEcsDetailsRequest(server=UpdateEcsDetailsServer(name="ecs-journey-renamed"))
    updated = update_ecs_details.sync(server_id=server_id, client=client, body=rename)
    updated_server = updated.server if updated is not None else UNSET
    if isinstance(updated_server, Unset) or updated_server.name != "ecs-journey-renamed":
        problems.append(f"update_ecs_details returned {updated!r}")

    deleted = delete_ecss.sync(
        client=client, body=DeleteEcssRequest(servers=[Servers(id=server_id)])
    )
    if deleted is None or not isinstance(deleted.job_id, str):
        problems.append(f"delete_ecss returned {deleted!r}")

    error: dict[str, object] = {}
    try:
        show_ecs.sync(server_id=server_id, client=client)
        problems.append("showing the deleted ECS raised no OTCAPIError")
    except OTCAPIError as exc:
        error = {"status_code": exc.status_code, "error_code": exc.error_code,
                 "error_message": exc.error_message, "request_id": exc.request_id}
    return {"listed": listed, "created": server_id, "job": created.job_id, "error": error, "problems": problems}


if __name__ == "__main__":
    print(json.dumps(main()))
