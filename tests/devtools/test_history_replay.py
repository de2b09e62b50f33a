"""Real docs histories (`../shared/history`), replayed commit by commit as the docs workflow runs them.

Each bundle is cloned into a temporary folder and replayed by `generator.devtools.history` (build each commit
with the previous commit's names lock, diff, update the lock). Per update the figures are pinned
(`history_expected.py`, rewritten by `python -m generator.devtools.history --write-expected ...`): a change that
moves one says which update and which figure. Issue 22's target (no kept endpoint renamed, rebound or moved to
another module) is a test of its own. One test per bundle, grouped for xdist: a bundle is replayed once.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from generator.devtools.history import HISTORY, SUMMED, ServiceReplay, replay
from generator.speed.page_cache import PageCache
from tests.devtools.history_expected import EXPECTED, Row

pytestmark = pytest.mark.corpus  # never skipped: a missing history fails

Replayed = Callable[[str], ServiceReplay]
NAMES = ("renamed", "rebound", "modules changed")


def _moved(rows: list[Row]) -> tuple[int, int, int]:
    return sum(r[2] for r in rows), sum(r[3] for r in rows), sum(r[4] for r in rows)


def _gap(service: str) -> str | None:
    moved = _moved(EXPECTED[service])
    if not any(moved):
        return None
    figures = ", ".join(f"{n} {what}" for n, what in zip(moved, NAMES, strict=True))
    return f"names still move across {service}'s history: {figures} (kept endpoints)"


def _params(target: bool) -> list[object]:
    out = []
    for service in sorted(EXPECTED):
        marks: list[pytest.MarkDecorator] = [pytest.mark.xdist_group(f"history-{service}")]
        gap = _gap(service) if target else None
        if gap is not None:
            marks.append(pytest.mark.xfail(strict=True, reason=gap))
        out.append(pytest.param(service, id=service, marks=marks))
    return out


@pytest.fixture(scope="session")
def replayed(tmp_path_factory: pytest.TempPathFactory) -> Replayed:
    cache = PageCache(tmp_path_factory.mktemp("history-cache"))
    done: dict[str, ServiceReplay] = {}

    def get(service: str) -> ServiceReplay:
        if service not in done:
            bundle = HISTORY / f"{service}.bundle"
            if not bundle.is_file():
                pytest.fail(f"docs history {bundle} not found: these tests need ../shared/history "
                            "(or set OTC_APIGEN_HISTORY)")
            done[service] = replay(bundle, cache=cache)
        return done[service]

    return get


def _rows(r: ServiceReplay) -> list[Row]:
    return [(u.commit, *(int(getattr(u, k)) for k in SUMMED)) for u in r.updates]  # type: ignore[misc]


def test_every_bundle_is_pinned() -> None:
    assert HISTORY.is_dir(), f"docs histories not found at {HISTORY}"
    assert sorted(p.name.removesuffix(".bundle") for p in HISTORY.glob("*.bundle")) == sorted(EXPECTED)


@pytest.mark.parametrize("service", _params(target=False))
def test_history_figures_per_update(replayed: Replayed, service: str) -> None:
    got, want = _rows(replayed(service)), EXPECTED[service]
    assert [r[0] for r in got] == [r[0] for r in want], "the updates replayed (commits)"
    moved = [f"{g[0]} {what}: {w[i + 1]} -> {g[i + 1]}" for g, w in zip(got, want, strict=True)
             for i, what in enumerate(SUMMED) if g[i + 1] != w[i + 1]]
    assert not moved, f"{service}: figures moved (pinned -> now):\n" + "\n".join(moved)


@pytest.mark.parametrize("service", _params(target=True))
def test_kept_endpoints_keep_their_names(replayed: Replayed, service: str) -> None:
    """Issue 22, done when: 0 functions renamed, 0 names rebound, 0 modules changed for kept endpoints."""
    rows = _rows(replayed(service))
    assert rows, f"{service}: no updates replayed"
    assert dict(zip(NAMES, _moved(rows), strict=True)) == dict.fromkeys(NAMES, 0)
