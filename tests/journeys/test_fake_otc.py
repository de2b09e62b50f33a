"""The fake OTC the journeys run against behaves as the docs say (so a journey failure is the client's)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from fake_otc import FAKES, Account, FakeOTC

from generator.client.runtime.errors import parse_error_body

NAMES = ["a", "b", "c", "d", "e"]


def _token(cloud: FakeOTC, password: str | None = None, project: dict[str, str] | None = None,
           nocatalog: bool = False) -> httpx.Response:
    a = cloud.account
    body = {"auth": {
        "identity": {"methods": ["password"], "password": {"user": {
            "name": a.username, "password": password or a.password, "domain": {"name": a.user_domain_name}}}},
        "scope": {"project": project or {"name": a.project_name}},
    }}
    return httpx.post(f"{cloud.iam_url}/auth/tokens", json=body, params={"nocatalog": "true"} if nocatalog else {})


@pytest.fixture(params=sorted(FAKES))
def cloud(request: pytest.FixtureRequest) -> Iterator[FakeOTC]:
    with FakeOTC(request.param) as c:
        yield c


def _session(cloud: FakeOTC) -> httpx.Client:
    token = _token(cloud).headers["X-Subject-Token"]
    return httpx.Client(base_url=cloud.service_url, headers={"X-Auth-Token": token})


def test_iam_issues_a_token_for_the_password_only(cloud: FakeOTC) -> None:
    bad = _token(cloud, password="wrong")
    assert bad.status_code == 401 and bad.json()["error"]["code"] == 401
    assert _token(cloud, project={"name": "eu-nl"}).status_code == 401
    ok = _token(cloud)
    assert ok.status_code == 201
    token = ok.json()["token"]
    assert ok.headers["X-Subject-Token"] == cloud.iam.tokens[-1]
    assert token["project"] == {"id": cloud.account.project_id, "name": cloud.account.project_name,
                                "domain": token["project"]["domain"]}
    assert token["expires_at"].endswith("Z") and token["expires_at"] > token["issued_at"]
    assert [e["type"] for e in token["catalog"]] == [cloud.service.service_type]
    by_id = _token(cloud, project={"id": cloud.account.project_id}, nocatalog=True)
    assert by_id.status_code == 201 and "catalog" not in by_id.json()["token"]
    recorded = cloud.of("iam")
    assert [r.status for r in recorded] == [401, 401, 201, 201]
    assert recorded[0].body["auth"]["identity"]["password"]["user"]["password"] == "wrong"


def test_the_service_wants_the_token(cloud: FakeOTC) -> None:
    path = {"dns": "/v2/zones"}.get(cloud.service.service_type, "")
    if not path:
        path = {"vpc": "/v1/{p}/vpcs", "ecs": "/v1/{p}/cloudservers/detail", "modelarts": "/v1/{p}/notebooks"}[
            cloud.service.service_type].format(p=cloud.account.project_id)
    r = httpx.get(cloud.service_url + path, headers={"X-Auth-Token": "forged"})
    assert r.status_code == 401
    assert parse_error_body(r.content)[0] == "APIGW.0301"
    with _session(cloud) as s:
        assert s.get(path).status_code == 200
        if cloud.service.service_type != "dns":  # another project's path
            assert s.get(path.replace(cloud.account.project_id, "f" * 32)).status_code == 403
    assert cloud.of("service")[0].headers["x-auth-token"] == "forged"


def test_dns_pages_follow_links_next() -> None:
    with FakeOTC("dns") as cloud, _session(cloud) as s:
        seeded = cloud.service.seed(NAMES)
        url: str | None = cloud.service_url + "/v2/zones?limit=2"
        got, pages = [], 0
        while url:
            body = s.get(url).json()
            pages += 1
            got += [z["id"] for z in body["zones"]]
            assert body["metadata"]["total_count"] == 5
            url = body["links"].get("next")
        assert (got, pages) == (seeded, 3)
        assert [r.param("marker") for r in cloud.of("service")] == [None, seeded[1], seeded[3]]
        assert s.get("/v2/zones", params={"type": "private"}).json()["metadata"]["total_count"] == 1
        assert s.get("/v2/zones", params={"marker": "nope"}).json()["code"] == "DNS.0007"


@pytest.mark.parametrize(("service", "path", "key", "param", "values"), [
    ("vpc", "/v1/{p}/vpcs", "vpcs", "marker", None),  # marker = last id of the previous page
    ("ecs", "/v1/{p}/cloudservers/detail", "servers", "offset", ["1", "2", "3"]),  # page number
    ("modelarts", "/v1/{p}/notebooks", "data", "offset", ["0", "2", "4"]),  # records to skip
])
def test_pages_in_the_documented_style(service: str, path: str, key: str, param: str,
                                       values: list[str] | None) -> None:
    with FakeOTC(service) as cloud, _session(cloud) as s:
        seeded = cloud.service.seed(NAMES)
        url = path.format(p=cloud.account.project_id)
        got: list[str] = []
        for i in range(3):
            value = (([""] + seeded[1::2])[i] if values is None else values[i])
            page = s.get(url, params={"limit": 2, param: value}).json()[key]
            got += [item["id"] for item in page]
        assert got == seeded
        if service == "ecs":  # offset 0 is the first page too; the total is in "count"
            body = s.get(url, params={"limit": 2, "offset": 0}).json()
            assert [x["id"] for x in body["servers"]] == seeded[:2] and body["count"] == 5
        if service == "modelarts":
            body = s.get(url, params={"limit": 2, "offset": 4}).json()
            assert (body["current"], body["pages"], body["size"], body["total"]) == (2, 3, 2, 5)


@pytest.mark.parametrize(("service", "path", "code", "status"), [
    ("dns", "/v2/zones/missing", "DNS.0302", 404),
    ("vpc", "/v1/{p}/vpcs/missing", "VPC.0003", 404),
    ("ecs", "/v1/{p}/cloudservers/missing", "Ecs.0114", 404),
    ("modelarts", "/v1/{p}/notebooks/missing", "ModelArts.6309", 400),
])
def test_missing_resources_answer_the_documented_error(service: str, path: str, code: str, status: int) -> None:
    with FakeOTC(service) as cloud, _session(cloud) as s:
        r = s.get(path.format(p=cloud.account.project_id))
        assert r.status_code == status
        # the shape the generated client's OTCAPIError reads (generator/client/runtime/errors.py)
        assert parse_error_body(r.content)[0] == code
        assert r.headers["X-Request-Id"]


def test_crud_round_trip_is_recorded() -> None:
    with FakeOTC("ecs", Account(project_id="p" * 32)) as cloud, _session(cloud) as s:
        base = f"/v1/{'p' * 32}"
        created = s.post(f"{base}/cloudservers", json={"server": {
            "name": "x", "flavorRef": "f", "imageRef": "i", "vpcid": "v", "nics": [], "root_volume": {}}}).json()
        (sid,) = created["serverIds"]
        job = s.get(f"{base}/jobs/{created['job_id']}").json()
        assert job["status"] == "SUCCESS"
        assert job["entities"]["sub_jobs"][0]["entities"]["server_id"] == sid
        assert s.put(f"{base}/cloudservers/{sid}", json={"server": {"name": "y"}}).json()["server"]["name"] == "y"
        assert s.post(f"{base}/cloudservers/delete", json={"servers": [{"id": sid}]}).status_code == 200
        assert s.get(f"{base}/cloudservers/{sid}").status_code == 404
        calls = [(r.method, r.path.replace(base, ""), r.status) for r in cloud.of("service")]
        assert calls == [("POST", "/cloudservers", 200), ("GET", f"/jobs/{created['job_id']}", 200),
                         ("PUT", f"/cloudservers/{sid}", 200), ("POST", "/cloudservers/delete", 200),
                         ("GET", f"/cloudservers/{sid}", 404)]
        assert cloud.of("service")[2].body == {"server": {"name": "y"}}
