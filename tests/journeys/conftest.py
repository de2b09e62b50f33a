"""The session's corpus clients for the journeys (see journey_clients.py)."""

from __future__ import annotations

import pytest
from journey_clients import ClientBuilds


@pytest.fixture(scope="session")
def corpus_clients(tmp_path_factory: pytest.TempPathFactory) -> ClientBuilds:
    return ClientBuilds(tmp_path_factory.mktemp("journey-clients"))
