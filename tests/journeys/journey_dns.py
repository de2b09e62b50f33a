"""A DNS user's journey with the generated client: public zones, from clouds.yaml to an error.

Public API only (no cast, no Any, no ``# type: ignore``: ``mypy --strict`` checks it against the package).
Run by tests/journeys/test_journeys.py; prints one JSON line of what it saw.
"""

from __future__ import annotations

import asyncio
import json

from otc_domain_name_service_client import connect
from otc_domain_name_service_client.api.public_zone_management import (
    create_public_zone,
    delete_public_zone,
    list_public_zones,
    show_public_zone,
    update_public_zone,
)
from otc_domain_name_service_client.models import CreatePublicZoneRequest, UpdatePublicZoneRequest
from otc_domain_name_service_client.otc import OTCAPIError

NAME = "journey.example.com."


def main() -> dict[str, object]:
    problems: list[str] = []
    with connect() as client:  # ~/.config/openstack/clouds.yaml: password -> IAM token, endpoint override
        listed = [str(zone.name) for zone in list_public_zones.iter_list_public_zones(client=client, limit=2)]

        async def alist() -> list[str]:  # the same across pages of three, on the client's async transport
            async with client:
                return [str(z.name) async for z in list_public_zones.aiter_list_public_zones(client=client, limit=3)]

        alisted = asyncio.run(alist())

        created = create_public_zone.sync(
            client=client, body=CreatePublicZoneRequest(name=NAME, email="admin@example.com", ttl=300)
        )
        if created is None or not isinstance(created.id, str):
            raise SystemExit(f"create_public_zone returned {created!r}")
        zone_id = created.id

        shown = show_public_zone.sync(zone_id=zone_id, client=client)
        if shown is None or shown.name != NAME:
            problems.append(f"show_public_zone returned {shown!r}")

        updated = update_public_zone.sync(
            zone_id=zone_id, client=client, body=UpdatePublicZoneRequest(description="updated by the journey", ttl=600)
        )
        if updated is None or updated.ttl != 600:
            problems.append(f"update_public_zone returned {updated!r}")

        deleted = delete_public_zone.sync(zone_id=zone_id, client=client)
        if deleted is None or deleted.id != zone_id:
            problems.append(f"delete_public_zone returned {deleted!r}")

        error: dict[str, object] = {}
        try:
            show_public_zone.sync(zone_id=zone_id, client=client)
            problems.append("showing the deleted zone raised no OTCAPIError")
        except OTCAPIError as exc:
            error = {"status_code": exc.status_code, "error_code": exc.error_code,
                     "error_message": exc.error_message, "request_id": exc.request_id}
    return {"listed": listed, "alisted": alisted, "created": zone_id, "error": error, "problems": problems}


if __name__ == "__main__":
    print(json.dumps(main()))
