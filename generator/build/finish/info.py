"""`info.license` and `info.contact` from the service configuration."""

from __future__ import annotations

from typing import Any

from generator.core.config import Service


def info_extras(service: Service) -> dict[str, Any]:
    return {
        "contact": {"name": service.contact_name, "url": service.contact_url or service.docs_repository},
        "license": {"name": service.license, "url": service.license_url},
    }
