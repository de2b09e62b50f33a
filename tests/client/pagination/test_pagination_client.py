"""A client generated from a small docs tree: iterators across pages (marker, offset, page; sync and async) and
the session's project and region as defaults, against a local server (httpx.MockTransport)."""

from __future__ import annotations

import asyncio
import importlib
import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from pagination_snippets import TREE

from generator.build.pipeline import build_spec
from generator.client import generate_client
from generator.core.config import Service
from generator.release.changelog import client_release

SERVICE = Service(name="pager", title="Pager", docs=Path("."), client="otc-pager-client",
                  endpoint="https://pager.{region}.example.test")
PACKAGE = "otc_pager_client"


@pytest.fixture(scope="module")
def pager_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, list[str]]]:
    root = tmp_path_factory.mktemp("docs")
    for rel, text in TREE.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    spec = build_spec(root, SERVICE).spec
    out = tmp_path_factory.mktemp("gen") / "pager"
    result = generate_client(SERVICE, spec, out, *client_release(SERVICE, out))
    sys.path.insert(0, str(out))
    try:
        yield out, [f"{d.code}: {d.message}" for d in result.diagnostics]
    finally:
        sys.path.remove(str(out))
        for name in [m for m in sys.modules if m == PACKAGE or m.startswith(PACKAGE + ".")]:
            del sys.modules[name]


def _module(name: str) -> ModuleType:
    return importlib.import_module(f"{PACKAGE}.api.things.{name}")


Handler = Callable[[httpx.Request], httpx.Response]


def _client(handler: Handler, **session: str) -> Any:
    client_mod = importlib.import_module(f"{PACKAGE}.client")
    return client_mod.Client(base_url="http://127.0.0.1:9", httpx_args={"transport": httpx.MockTransport(handler)},
                             **session)


def _things(n: int) -> list[dict[str, str]]:
    return [{"id": f"t{i}", "name": f"thing {i}"} for i in range(n)]


def _marker_server(items: list[dict[str, str]], sent: list[httpx.Request], ignore_marker: bool = False) -> Handler:
    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        q = parse_qs(urlsplit(str(request.url)).query)
        limit = int(q.get("limit", ["3"])[0])
        start = 0
        if "marker" in q and not ignore_marker:
            start = next(i for i, t in enumerate(items) if t["id"] == q["marker"][0]) + 1
        page = items[start:start + limit]
        links: dict[str, str] = {"self": str(request.url)}
        if start + limit < len(items):
            links["next"] = f"https://pager.eu-de.example.test/v2/p1/things?limit={limit}&marker={page[-1]['id']}"
        return httpx.Response(200, json={"things": page, "links": links})
    return handler


def test_marker_iterator_follows_next_links_across_three_pages(pager_client: tuple[Path, list[str]]) -> None:
    sent: list[httpx.Request] = []
    client = _client(_marker_server(_things(7), sent), project_id="p1")
    got = [t.id for t in _module("list_things").iter_list_things(client=client, limit=3)]
    assert got == [f"t{i}" for i in range(7)]
    assert [r.url.params.get("marker") for r in sent] == [None, "t2", "t5"]
    assert {r.url.path for r in sent} == {"/v2/p1/things"}


def test_marker_iterator_async(pager_client: tuple[Path, list[str]]) -> None:
    sent: list[httpx.Request] = []
    client = _client(_marker_server(_things(8), sent), project_id="p1")

    async def collect() -> list[str]:
        return [t.id async for t in _module("list_things").aiter_list_things(client=client, limit=3)]

    assert asyncio.run(collect()) == [f"t{i}" for i in range(8)]
    # the last page is short of the limit: no fourth request although the page had no next link anyway
    assert [r.url.params.get("marker") for r in sent] == [None, "t2", "t5"]


def test_marker_iterator_stops_when_the_server_repeats_itself(pager_client: tuple[Path, list[str]]) -> None:
    sent: list[httpx.Request] = []
    client = _client(_marker_server(_things(9), sent, ignore_marker=True), project_id="p1")
    got = [t.id for t in _module("list_things").iter_list_things(client=client, limit=3)]
    assert got == ["t0", "t1", "t2"]  # the same page again is not yielded twice, and the loop ends
    assert len(sent) == 2


def test_marker_iterator_stops_without_next_link(pager_client: tuple[Path, list[str]]) -> None:
    sent: list[httpx.Request] = []
    # no limit sent: the server's page size (3) is unknown to the client; the missing next link ends it
    client = _client(_marker_server(_things(6), sent), project_id="p1")
    assert len(list(_module("list_things").iter_list_things(client=client))) == 6
    assert len(sent) == 2


def _offset_server(n: int, sent: list[httpx.Request], as_pages: bool = False) -> Handler:
    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        q = request.url.params
        if as_pages:
            size = int(q.get("page_size", "2"))
            start = (int(q.get("page", "1")) - 1) * size
            return httpx.Response(200, json={"gadgets": [f"g{i}" for i in range(n)][start:start + size]})
        limit, offset = int(q.get("limit", "3")), int(q.get("offset", "0"))
        return httpx.Response(200, json={"widgets": [{"id": f"w{i}"} for i in range(n)][offset:offset + limit],
                                         "count": n})
    return handler


def test_offset_iterator_three_pages_sync_and_async(pager_client: tuple[Path, list[str]]) -> None:
    mod = _module("list_widgets")
    sent: list[httpx.Request] = []
    client = _client(_offset_server(7, sent), project_id="p1")
    assert [w.id for w in mod.iter_list_widgets(client=client, limit=3)] == [f"w{i}" for i in range(7)]
    assert [r.url.params.get("offset") for r in sent] == [None, "3", "6"]

    sent.clear()

    async def collect() -> list[str]:
        return [w.id async for w in mod.aiter_list_widgets(client=client, limit=3, offset=1)]

    assert asyncio.run(collect()) == [f"w{i}" for i in range(1, 7)]
    # 1..3 and 4..6 are full pages; the empty page at 7 ends it
    assert [r.url.params.get("offset") for r in sent] == ["1", "4", "7"]


def test_offset_iterator_ends_on_an_empty_page(pager_client: tuple[Path, list[str]]) -> None:
    sent: list[httpx.Request] = []
    client = _client(_offset_server(6, sent), project_id="p1")
    assert len(list(_module("list_widgets").iter_list_widgets(client=client, limit=3))) == 6
    assert [r.url.params.get("offset") for r in sent] == [None, "3", "6"]  # the third page is empty


def test_page_iterator_counts_pages_from_the_documented_first(pager_client: tuple[Path, list[str]]) -> None:
    sent: list[httpx.Request] = []
    client = _client(_offset_server(5, sent, as_pages=True), project_id="p1")
    mod = _module("list_gadgets")
    assert list(mod.iter_list_gadgets(client=client, page_size=2)) == ["g0", "g1", "g2", "g3", "g4"]
    # `page` is a string parameter in the docs: the client sends "2", "3" (first page: the server's default, 1)
    assert [r.url.params.get("page") for r in sent] == [None, "2", "3"]


def test_unclear_pagination_gets_no_iterator_and_a_diagnostic(pager_client: tuple[Path, list[str]]) -> None:
    _, notes = pager_client
    assert [n for n in notes if n.startswith("client.pagination_unclear")] == [
        "client.pagination_unclear: ListGizmos: page counts pages but the number of the first page is not stated;"
        " no iterator"]
    mod = _module("list_gizmos")
    assert not hasattr(mod, "iter_list_gizmos") and not hasattr(mod, "aiter_list_gizmos")


def test_an_error_page_raises(pager_client: tuple[Path, list[str]]) -> None:
    errors = importlib.import_module(f"{PACKAGE}.errors")
    client = _client(lambda request: httpx.Response(500, json={"error_code": "X"}), project_id="p1")
    with pytest.raises(errors.UnexpectedStatus):
        list(_module("list_widgets").iter_list_widgets(client=client))


# ---------------------------------------------------------------- session defaults

def _show_server(sent: list[httpx.Request]) -> Handler:
    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json={"id": request.url.path.rsplit("/", 1)[1]})
    return handler


def test_project_and_region_come_from_the_client(pager_client: tuple[Path, list[str]]) -> None:
    sent: list[httpx.Request] = []
    client = _client(_show_server(sent), project_id="p1", region="eu-de")
    mod = _module("show_thing")
    # the remaining path parameter stays positional
    assert mod.sync("thing-1", client=client).id == "thing-1"
    assert sent[-1].url.path == "/v2/p1/regions/eu-de/things/thing-1"
    asyncio.run(mod.asyncio_detailed("thing-2", client=client))
    assert sent[-1].url.path == "/v2/p1/regions/eu-de/things/thing-2"


def test_project_and_region_given_per_call_win(pager_client: tuple[Path, list[str]]) -> None:
    sent: list[httpx.Request] = []
    client = _client(_show_server(sent), project_id="p1", region="eu-de")
    _module("show_thing").sync_detailed("thing-1", client=client, project_id="p2", region="eu-nl")
    assert sent[-1].url.path == "/v2/p2/regions/eu-nl/things/thing-1"


@pytest.mark.parametrize(("session", "missing"), [({"region": "eu-de"}, "project_id"),
                                                  ({"project_id": "p1"}, "region")])
def test_missing_session_value_raises_before_any_request(pager_client: tuple[Path, list[str]],
                                                         session: dict[str, str], missing: str) -> None:
    sent: list[httpx.Request] = []
    client = _client(_show_server(sent), **session)
    with pytest.raises(ValueError, match=f"{missing} is not set: pass {missing}="):
        _module("show_thing").sync_detailed("thing-1", client=client)
    with pytest.raises(ValueError, match=f"{missing} is not set"):
        asyncio.run(_module("show_thing").asyncio("thing-1", client=client))
    if missing == "project_id":  # (list_things has no region)
        with pytest.raises(ValueError, match="project_id is not set"):
            next(_module("list_things").iter_list_things(client=client))
    assert sent == []


def test_generated_client_passes_mypy_strict(pager_client: tuple[Path, list[str]], tmp_path: Path) -> None:
    out, _ = pager_client
    usage = tmp_path / "usage.py"
    # the public API as a user types it: iterators yield the item models, session values are optional
    usage.write_text(
        "from otc_pager_client.client import Client\n"
        "from otc_pager_client.api.things import list_things, list_widgets, show_thing\n"
        "from otc_pager_client.models import Thing\n\n"
        "async def main(client: Client) -> list[str]:\n"
        "    things: list[Thing] = list(list_things.iter_list_things(client=client, limit=2))\n"
        "    ids = [w.id async for w in list_widgets.aiter_list_widgets(client=client, project_id='p')]\n"
        "    shown = show_thing.sync('t', client=client, region='eu-de')\n"
        "    return [str(t.id) for t in things] + [str(i) for i in ids] + ([str(shown.id)] if shown else [])\n",
        encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "mypy"),
                           PACKAGE, str(usage)], cwd=out, capture_output=True, text=True,
                          env={"PYTHONPATH": str(out), "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0, proc.stdout[-3000:]


def test_iterator_data_in_the_view_is_json(pager_client: tuple[Path, list[str]]) -> None:
    out, _ = pager_client
    spec = json.loads((out / "tests" / "openapi.json").read_text(encoding="utf-8"))
    # the published spec stays as the docs say: the detection lives in the client view only
    assert "x-otc-pagination" not in json.dumps(spec)
