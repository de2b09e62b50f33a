"""A VPC user's journey with the generated client: VPCs (v1), from clouds.yaml to an error.

Public API only (no cast, no Any, no ``# type: ignore``: ``mypy --strict`` checks it against the package).
The session's project fills ``{project_id}`` in every path. Run by tests/journeys/test_journeys.py; prints
one JSON line of what it saw.
"""

from __future__ import annotations

import json

from otc_virtual_private_cloud_client import connect
from otc_virtual_private_cloud_client.api.virtual_private_cloud import (
    create_vpc,
    delete_vpc,
    list_vpcs,
    show_vpc,
    update_vpc,
)
from otc_virtual_private_cloud_client.models import CreateVpcRequest, UpdateVpcRequest, UpdateVpcVpc, Vpc
from otc_virtual_private_cloud_client.otc import OTCAPIError
from otc_virtual_private_cloud_client.types import UNSET, Unset


def main() -> dict[str, object]:
    problems: list[str] = []
    client = connect()  # ~/.config/openstack/clouds.yaml: password -> IAM token, endpoint override
    listed = [str(vpc.name) for vpc in list_vpcs.iter_list_vpcs(client=client, limit=2)]

    created = create_vpc.sync(
        client=client, body=CreateVpcRequest(vpc=Vpc(name="vpc-journey", cidr="10.1.0.0/16"))
    )
    vpc = created.vpc if created is not None else UNSET
    if isinstance(vpc, Unset) or not isinstance(vpc.id, str):
        raise SystemExit(f"create_vpc returned {created!r}")
    vpc_id = vpc.id

    shown = show_vpc.sync(vpc_id=vpc_id, client=client)
    shown_vpc = shown.vpc if shown is not None else UNSET
    if isinstance(shown_vpc, Unset) or shown_vpc.name != "vpc-journey":
        problems.append(f"show_vpc returned {shown!r}")

    updated = update_vpc.sync(
        vpc_id=vpc_id, client=client, body=UpdateVpcRequest(vpc=UpdateVpcVpc(name="vpc-journey-renamed"))
    )
    updated_vpc = updated.vpc if updated is not None else UNSET
    if isinstance(updated_vpc, Unset) or updated_vpc.name != "vpc-journey-renamed":
        problems.append(f"update_vpc returned {updated!r}")

    # no documented body: `sync` returns None, an error status raises OTCAPIError (the show below proves it gone)
    delete_vpc.sync(vpc_id=vpc_id, client=client)

    error: dict[str, object] = {}
    try:
        show_vpc.sync(vpc_id=vpc_id, client=client)
        problems.append("showing the deleted VPC raised no OTCAPIError")
    except OTCAPIError as exc:
        error = {"status_code": exc.status_code, "error_code": exc.error_code,
                 "error_message": exc.error_message, "request_id": exc.request_id}
    return {"listed": listed, "created": vpc_id, "error": error, "problems": problems}


if __name__ == "__main__":
    print(json.dumps(main()))
