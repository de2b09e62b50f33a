"""A local fake of Open Telekom Cloud for the user-journey tests: IAM and one service, on 127.0.0.1.

Two real HTTP servers (stdlib ``http.server``, one thread each), sharing one request log:

- IAM at ``iam_url`` (``.../v3``): ``POST /v3/auth/tokens`` checks the password scope sent by the client
  against the clouds.yaml it was given and answers as OTC's IAM does: the token in ``X-Subject-Token``,
  the body with ``expires_at``, the project (id, name) and a catalog.
- The service at ``service_url``: in-memory resources behind the paths the API reference documents,
  each list paginated in the service's own documented style, and errors in the service's documented
  body shape. A request without a token IAM issued gets the API gateway's 401.

The response bodies copy the fields of the docs' example responses (ids, names and times changed), so
the generated models parse what the real service sends; the journey test also validates them against
the spec built from the same docs. Every request and response is recorded for the test's assertions.
"""

from __future__ import annotations

import json
import math
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

JSON = Any


@dataclass(frozen=True)
class Account:
    """What the clouds.yaml says and IAM accepts."""

    username: str = "journey-user"
    password: str = "journey-Pa55word!"
    user_domain_name: str = "OTC00000000001000000042"
    project_name: str = "eu-de_journey"
    project_id: str = "0a1b2c3d4e5f60718293a4b5c6d7e8f9"
    region: str = "eu-de"


@dataclass
class Recorded:
    server: str  # "iam" | "service"
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]  # lower-case names
    body: JSON | None
    status: int = 0
    response: JSON | None = None

    def param(self, name: str) -> str | None:
        values = self.query.get(name)
        return values[0] if values else None


@dataclass
class Reply:
    status: int
    body: JSON | None = None
    headers: dict[str, str] = field(default_factory=dict)


class NotFound(Exception):
    """The handler's way to say "no such resource": the service fake turns it into its error body."""


Route = tuple[str, re.Pattern[str], Callable[..., Reply]]


def _uid(prefix: str, n: int) -> str:
    # uuid-shaped, deterministic and sortable: ids say which seed or create made them
    return f"{prefix:0>8.8}-0000-4000-8000-{n:012d}"


class ServiceFake:
    """One service's resources and routes. Subclasses set ``routes`` and the error body."""

    service_type = ""
    catalog_url = ""
    # the documented body of the "no such resource" error: (status, body)
    not_found: tuple[int, JSON] = (404, {})

    def __init__(self, account: Account) -> None:
        self.account = account
        self.base_url = ""  # set by FakeOTC once the server has a port
        self.items: dict[str, dict[str, JSON]] = {}
        self._counter = 0

    def routes(self) -> list[Route]:
        raise NotImplementedError

    def next_id(self, prefix: str) -> str:
        self._counter += 1
        return _uid(prefix, self._counter)

    def seed(self, names: list[str]) -> list[str]:
        raise NotImplementedError

    def check_project(self, project_id: str) -> None:
        if project_id != self.account.project_id:
            raise ProjectMismatch(project_id)

    def dispatch(self, method: str, path: str, query: dict[str, list[str]], body: JSON | None) -> Reply:
        for verb, pattern, handler in self.routes():
            m = pattern.fullmatch(path)
            if m and verb == method:
                try:
                    return handler(query=query, body=body, **m.groupdict())
                except NotFound:
                    status, error = self.not_found
                    return Reply(status, error)
                except ProjectMismatch as exc:
                    return Reply(403, {"error_code": "APIGW.0305",
                                       "error_msg": f"the fake: project {exc} in the path is not the token's"})
        return Reply(404, {"error_code": "APIGW.0101", "error_msg": f"the fake has no route {method} {path}"})


class ProjectMismatch(Exception):
    pass


def _one(query: dict[str, list[str]], name: str) -> str | None:
    values = query.get(name)
    return values[0] if values else None


def _int(query: dict[str, list[str]], name: str, default: int) -> int:
    value = _one(query, name)
    return default if value in (None, "") else int(value)


def _after(ids: list[str], marker: str | None) -> int:
    """Index after ``marker`` (the last id of the previous page, as OTC's marker/limit lists use it)."""
    if marker in (None, ""):
        return 0
    return ids.index(marker) + 1 if marker in ids else len(ids)


# --------------------------------------------------------------------------------------------------- DNS
class DnsFake(ServiceFake):
    """Public zones: ``/v2/zones`` (domain-name-service, apis/public_zone_management/*.rst).

    List: marker/limit with ``links.next`` (the next page's absolute URL) and ``metadata.total_count``;
    create/update/delete answer 202 as Designate does ("2xx, for example, 200, 202, or 204").
    Error body (appendix/error_code.rst): ``{"code": "DNS.0302", "message": "This zone does not exist."}``.
    """

    service_type = "dns"
    catalog_url = "https://dns.eu-de.otc.t-systems.com"
    not_found = (404, {"code": "DNS.0302", "message": "This zone does not exist."})

    def routes(self) -> list[Route]:
        return [
            ("GET", re.compile(r"/v2/zones"), self.list),
            ("POST", re.compile(r"/v2/zones"), self.create),
            ("GET", re.compile(r"/v2/zones/(?P<zone_id>[^/]+)"), self.show),
            ("PATCH", re.compile(r"/v2/zones/(?P<zone_id>[^/]+)"), self.update),
            ("DELETE", re.compile(r"/v2/zones/(?P<zone_id>[^/]+)"), self.delete),
        ]

    def _zone(self, zid: str, name: str, zone_type: str, description: str, email: str, ttl: int) -> JSON:
        return {
            "id": zid, "name": name, "description": description, "email": email, "ttl": ttl, "serial": 0,
            "masters": [], "status": "ACTIVE", "links": {"self": f"{self.base_url}/v2/zones/{zid}"},
            "pool_id": "00000000570e54ee01570e9939b20019", "project_id": self.account.project_id,
            "zone_type": zone_type, "created_at": "2016-11-17T11:56:03.439", "updated_at": "2016-11-17T11:56:05.528",
            "record_num": 2,
        }

    def seed(self, names: list[str]) -> list[str]:
        for name in names:
            zid = self.next_id("5eed")
            self.items[zid] = self._zone(zid, name, "public", "This is an example zone.", "xx@example.com", 300)
        # a private zone in the same store: a public list must not show it
        pid = self.next_id("9217")
        self.items[pid] = self._zone(pid, "private.example.", "private", "private", "xx@example.com", 300)
        return [z for z in self.items if self.items[z]["zone_type"] == "public"]

    def list(self, query: dict[str, list[str]], body: JSON) -> Reply:
        zone_type = _one(query, "type") or "public"
        zones = [z for z in self.items.values() if z["zone_type"] == zone_type]
        limit = _int(query, "limit", 500)
        marker = _one(query, "marker")
        ids = [z["id"] for z in zones]
        if marker not in (None, "") and marker not in ids:
            return Reply(400, {"code": "DNS.0007", "message": "The marker parameter is invalid."})
        start = _after(ids, marker)
        page = zones[start:start + limit]
        links = {"self": f"{self.base_url}/v2/zones?{urlencode({k: v[0] for k, v in query.items()})}"}
        if start + limit < len(zones):
            nxt = {**{k: v[0] for k, v in query.items()}, "limit": str(limit), "marker": page[-1]["id"]}
            links["next"] = f"{self.base_url}/v2/zones?{urlencode(nxt)}"
        return Reply(200, {"links": links, "zones": page, "metadata": {"total_count": len(zones)}})

    def create(self, query: dict[str, list[str]], body: JSON) -> Reply:
        zid = self.next_id("c0de")
        zone = self._zone(zid, body["name"], body.get("zone_type", "public"), body.get("description", ""),
                          body.get("email", "hostmaster@example.com"), body.get("ttl", 300))
        zone["status"] = "PENDING_CREATE"
        self.items[zid] = zone
        return Reply(202, zone)

    def _get(self, zone_id: str) -> JSON:
        if zone_id not in self.items:
            raise NotFound(zone_id)
        return self.items[zone_id]

    def show(self, query: dict[str, list[str]], body: JSON, zone_id: str) -> Reply:
        zone = self._get(zone_id)
        zone["status"] = "ACTIVE"
        return Reply(200, zone)

    def update(self, query: dict[str, list[str]], body: JSON, zone_id: str) -> Reply:
        zone = self._get(zone_id)
        for key in ("description", "email", "ttl"):
            if key in body:
                zone[key] = body[key]
        zone["status"] = "PENDING_UPDATE"
        return Reply(202, zone)

    def delete(self, query: dict[str, list[str]], body: JSON, zone_id: str) -> Reply:
        zone = dict(self._get(zone_id), status="PENDING_DELETE")
        del self.items[zone_id]
        return Reply(202, zone)


# --------------------------------------------------------------------------------------------------- VPC
class VpcFake(ServiceFake):
    """VPCs: ``/v1/{project_id}/vpcs`` (virtual-private-cloud, vpc_apis_v1_v2/virtual_private_cloud/*.rst).

    List: marker/limit, no links: the next page starts after the previous page's last id; a short page is
    the last. Delete answers 204 without a body. Error body (appendix/error_codes.rst):
    ``{"code": "VPC.0003", "message": "VPC does not exist."}``.
    """

    service_type = "vpc"
    catalog_url = "https://vpc.eu-de.otc.t-systems.com"
    not_found = (404, {"code": "VPC.0003", "message": "VPC does not exist."})

    def routes(self) -> list[Route]:
        return [
            ("GET", re.compile(r"/v1/(?P<project_id>[^/]+)/vpcs"), self.list),
            ("POST", re.compile(r"/v1/(?P<project_id>[^/]+)/vpcs"), self.create),
            ("GET", re.compile(r"/v1/(?P<project_id>[^/]+)/vpcs/(?P<vpc_id>[^/]+)"), self.show),
            ("PUT", re.compile(r"/v1/(?P<project_id>[^/]+)/vpcs/(?P<vpc_id>[^/]+)"), self.update),
            ("DELETE", re.compile(r"/v1/(?P<project_id>[^/]+)/vpcs/(?P<vpc_id>[^/]+)"), self.delete),
        ]

    def _vpc(self, vid: str, name: str, description: str, cidr: str) -> JSON:
        return {
            "id": vid, "name": name, "description": description, "cidr": cidr, "status": "OK",
            "enterprise_project_id": "0", "routes": [], "enable_shared_snat": False,
            "tenant_id": self.account.project_id, "created_at": "2022-12-15T02:11:13",
            "updated_at": "2022-12-15T02:11:13",
        }

    def seed(self, names: list[str]) -> list[str]:
        for i, name in enumerate(names):
            vid = self.next_id("5eed")
            self.items[vid] = self._vpc(vid, name, "test", f"192.168.{i}.0/24")
        return list(self.items)

    def list(self, query: dict[str, list[str]], body: JSON, project_id: str) -> Reply:
        self.check_project(project_id)
        vpcs = list(self.items.values())
        start = _after([v["id"] for v in vpcs], _one(query, "marker"))
        return Reply(200, {"vpcs": vpcs[start:start + _int(query, "limit", 2000)]})

    def create(self, query: dict[str, list[str]], body: JSON, project_id: str) -> Reply:
        self.check_project(project_id)
        spec = body["vpc"]
        vid = self.next_id("c0de")
        vpc = self._vpc(vid, spec.get("name", ""), spec.get("description", ""), spec.get("cidr", ""))
        vpc["status"] = "CREATING"
        self.items[vid] = vpc
        return Reply(200, {"vpc": vpc})

    def _get(self, project_id: str, vpc_id: str) -> JSON:
        self.check_project(project_id)
        if vpc_id not in self.items:
            raise NotFound(vpc_id)
        return self.items[vpc_id]

    def show(self, query: dict[str, list[str]], body: JSON, project_id: str, vpc_id: str) -> Reply:
        vpc = self._get(project_id, vpc_id)
        vpc["status"] = "OK"
        return Reply(200, {"vpc": vpc})

    def update(self, query: dict[str, list[str]], body: JSON, project_id: str, vpc_id: str) -> Reply:
        vpc = self._get(project_id, vpc_id)
        for key in ("name", "description", "cidr"):
            if key in body["vpc"]:
                vpc[key] = body["vpc"][key]
        return Reply(200, {"vpc": vpc})

    def delete(self, query: dict[str, list[str]], body: JSON, project_id: str, vpc_id: str) -> Reply:
        self._get(project_id, vpc_id)
        del self.items[vpc_id]
        return Reply(204)


# --------------------------------------------------------------------------------------------------- ECS
class EcsFake(ServiceFake):
    """ECSs: ``/v1/{project_id}/cloudservers`` (elastic-cloud-server, apis_recommended/lifecycle_management).

    Chosen over key pairs or tags because servers are what an ECS user lists and changes; the asynchronous
    create and delete are part of the journey: both answer a ``job_id`` at once, and the job
    (``GET /v1/{project_id}/jobs/{job_id}``, job_status_management) is already ``SUCCESS`` with the server id
    in its sub-job. List ``/cloudservers/detail``: offset/limit where **offset is the page number** (1-based,
    0 means 1: "Specifies the page number"), ``count`` the total. Error body (appendix/error_codes.rst and the
    pages' example): ``{"error": {"code": "Ecs.0114", "message": "The ECS does not exist."}}``.
    """

    service_type = "ecs"
    catalog_url = "https://ecs.eu-de.otc.t-systems.com"
    not_found = (404, {"error": {"code": "Ecs.0114", "message": "The ECS does not exist."}})

    def __init__(self, account: Account) -> None:
        super().__init__(account)
        self.jobs: dict[str, JSON] = {}

    def routes(self) -> list[Route]:
        p = r"/v1/(?P<project_id>[^/]+)"
        return [
            ("GET", re.compile(p + r"/cloudservers/detail"), self.list),
            ("POST", re.compile(p + r"/cloudservers"), self.create),
            ("POST", re.compile(p + r"/cloudservers/delete"), self.delete),
            ("GET", re.compile(p + r"/cloudservers/(?P<server_id>[^/]+)"), self.show),
            ("PUT", re.compile(p + r"/cloudservers/(?P<server_id>[^/]+)"), self.update),
            ("GET", re.compile(p + r"/jobs/(?P<job_id>[^/]+)"), self.job),
        ]

    def _server(self, sid: str, name: str, flavor: str, image: str) -> JSON:
        return {
            "id": sid, "name": name, "description": "", "status": "ACTIVE",
            "flavor": {"disk": "0", "vcpus": "2", "ram": "1024", "id": flavor, "name": flavor},
            "image": {"id": image}, "accessIPv4": "", "accessIPv6": "", "progress": 0,
            "hostId": "c7145889b2e3202cd295ceddb1742ff8941b827b586861fd0acedf64",
            "updated": "2018-09-13T07:06:51Z", "created": "2018-09-13T07:03:44Z",
            "metadata": {"os_type": "Linux", "charging_mode": "0"}, "tags": [], "locked": False,
            "tenant_id": self.account.project_id, "user_id": "0bc5e11f91dd48849bb03b7c8a263b2c",
            "key_name": "KeyPair-d750", "OS-EXT-STS:vm_state": "active", "OS-EXT-STS:power_state": 1,
            "OS-EXT-AZ:availability_zone": "eu-de-01", "OS-DCF:diskConfig": "MANUAL",
            "security_groups": [{"id": "6505b5d1-7837-41eb-8a1c-869d4355baa3", "name": "sg-95ec"}],
            "sys_tags": [{"key": "_sys_enterprise_project_id", "value": "0"}],
        }

    def seed(self, names: list[str]) -> list[str]:
        for name in names:
            sid = self.next_id("5eed")
            self.items[sid] = self._server(sid, name, "s3.large.1", "c71b64e7-4767-4406-afde-2c7c7ac2242c")
        return list(self.items)

    def list(self, query: dict[str, list[str]], body: JSON, project_id: str) -> Reply:
        self.check_project(project_id)
        servers = list(self.items.values())
        limit = _int(query, "limit", 25)
        page = max(_int(query, "offset", 1), 1)
        return Reply(200, {"count": len(servers), "servers": servers[(page - 1) * limit:page * limit]})

    def _job(self, job_type: str, server_ids: list[str]) -> str:
        jid = self.next_id("70b")
        self.jobs[jid] = {
            "status": "SUCCESS",
            "entities": {"sub_jobs_total": len(server_ids), "sub_jobs": [
                {"status": "SUCCESS", "entities": {"server_id": sid}, "job_id": self.next_id("70b"),
                 "job_type": f"{job_type}SingleServer", "begin_time": "2016-04-25T20:04:47.591Z",
                 "end_time": "2016-04-25T20:08:21.328Z"} for sid in server_ids]},
            "job_id": jid, "job_type": f"{job_type}Server", "begin_time": "2016-04-25T20:04:34.604Z",
            "end_time": "2016-04-25T20:08:41.593Z",
        }
        return jid

    def create(self, query: dict[str, list[str]], body: JSON, project_id: str) -> Reply:
        self.check_project(project_id)
        spec = body["server"]
        sid = self.next_id("c0de")
        self.items[sid] = self._server(sid, spec["name"], spec["flavorRef"], spec["imageRef"])
        return Reply(200, {"job_id": self._job("create", [sid]), "serverIds": [sid]})

    def _get(self, project_id: str, server_id: str) -> JSON:
        self.check_project(project_id)
        if server_id not in self.items:
            raise NotFound(server_id)
        return self.items[server_id]

    def show(self, query: dict[str, list[str]], body: JSON, project_id: str, server_id: str) -> Reply:
        return Reply(200, {"server": self._get(project_id, server_id)})

    def update(self, query: dict[str, list[str]], body: JSON, project_id: str, server_id: str) -> Reply:
        server = self._get(project_id, server_id)
        for key in ("name", "description"):
            if key in body["server"]:
                server[key] = body["server"][key]
        # the page's example answers in Nova's shape, where "image" is a string ("" when booted from a volume)
        return Reply(200, {"server": {**server, "image": ""}})

    def delete(self, query: dict[str, list[str]], body: JSON, project_id: str) -> Reply:
        ids = [s["id"] for s in body["servers"]]
        for sid in ids:
            self._get(project_id, sid)
        for sid in ids:
            del self.items[sid]
        return Reply(200, {"job_id": self._job("delete", ids)})

    def job(self, query: dict[str, list[str]], body: JSON, project_id: str, job_id: str) -> Reply:
        self.check_project(project_id)
        if job_id not in self.jobs:
            return Reply(404, {"error": {"code": "Ecs.0015", "message": "The job does not exist."}})
        return Reply(200, self.jobs[job_id])


# --------------------------------------------------------------------------------------------- ModelArts
class ModelartsFake(ServiceFake):
    """Notebook instances: ``/v1/{project_id}/notebooks`` (modelarts, development_environment_management).

    List: offset/limit where offset is the start offset of the records ("Start offset of the records on
    each page", default 0), the body ``{current, data, pages, size, total}``. Error body (calling_apis/
    response.rst, appendix/error_codes.rst: the missing instance is a 400):
    ``{"error_code": "ModelArts.6309", "error_msg": "The instance does not exist."}``.
    """

    service_type = "modelarts"
    catalog_url = "https://modelarts.eu-de.otc.t-systems.com"
    not_found = (400, {"error_code": "ModelArts.6309", "error_msg": "The instance does not exist."})

    def routes(self) -> list[Route]:
        p = r"/v1/(?P<project_id>[^/]+)/notebooks"
        return [
            ("GET", re.compile(p), self.list),
            ("POST", re.compile(p), self.create),
            ("GET", re.compile(p + r"/(?P<nid>[^/]+)"), self.show),
            ("PUT", re.compile(p + r"/(?P<nid>[^/]+)"), self.update),
            ("DELETE", re.compile(p + r"/(?P<nid>[^/]+)"), self.delete),
        ]

    def _notebook(self, nid: str, name: str, description: str, flavor: str, image_id: str) -> JSON:
        return {
            "id": nid, "name": name, "description": description, "feature": "NOTEBOOK", "flavor": flavor,
            "image": {"id": image_id, "name": "notebook2.0-mul-kernel-cpu-cp36",
                      "swr_path": "swr.xxxxx.com/atelier/notebook2.0-mul-kernel-cpu-cp36:3.3.2-release_v1",
                      "type": "BUILD_IN"},
            "lease": {"create_at": 1638841805439, "duration": 3600000, "enable": True, "update_at": 1638841805439},
            "status": "RUNNING", "url": f"https://notebook.example/{nid}",
            "volume": {"category": "EVS", "ownership": "MANAGED", "mount_path": "/home/ma-user/work/",
                       "capacity": 50},
            "workspace_id": "0",
        }

    def seed(self, names: list[str]) -> list[str]:
        for name in names:
            nid = self.next_id("5eed")
            self.items[nid] = self._notebook(nid, name, "api-test", "modelarts.vm.cpu.2u",
                                             "e1a07296-22a8-4f05-8bc8-e936c8e54090")
        return list(self.items)

    def list(self, query: dict[str, list[str]], body: JSON, project_id: str) -> Reply:
        self.check_project(project_id)
        data = list(self.items.values())
        limit = _int(query, "limit", 10)
        offset = _int(query, "offset", 0)
        return Reply(200, {"current": offset // limit if limit else 0, "data": data[offset:offset + limit],
                           "pages": math.ceil(len(data) / limit) if limit else 0, "size": limit,
                           "total": len(data)})

    def create(self, query: dict[str, list[str]], body: JSON, project_id: str) -> Reply:
        self.check_project(project_id)
        nid = self.next_id("c0de")
        nb = self._notebook(nid, body["name"], body.get("description", ""), body["flavor"], body["image_id"])
        nb["status"] = "CREATING"
        self.items[nid] = nb
        return Reply(200, nb)

    def _get(self, project_id: str, nid: str) -> JSON:
        self.check_project(project_id)
        if nid not in self.items:
            raise NotFound(nid)
        return self.items[nid]

    def show(self, query: dict[str, list[str]], body: JSON, project_id: str, nid: str) -> Reply:
        return Reply(200, self._get(project_id, nid))

    def update(self, query: dict[str, list[str]], body: JSON, project_id: str, nid: str) -> Reply:
        nb = self._get(project_id, nid)
        for key in ("name", "description", "flavor"):
            if key in body:
                nb[key] = body[key]
        return Reply(200, nb)

    def delete(self, query: dict[str, list[str]], body: JSON, project_id: str, nid: str) -> Reply:
        nb = dict(self._get(project_id, nid), status="DELETING")
        del self.items[nid]
        return Reply(200, nb)


FAKES: dict[str, type[ServiceFake]] = {"dns": DnsFake, "vpc": VpcFake, "ecs": EcsFake, "modelarts": ModelartsFake}


# --------------------------------------------------------------------------------------------------- IAM
class FakeIAM:
    """``POST /v3/auth/tokens`` with the password method, scoped to a project by name or id."""

    TOKEN_LIFETIME = timedelta(hours=24)

    def __init__(self, account: Account, services: list[ServiceFake]) -> None:
        self.account = account
        self.services = services
        self.tokens: list[str] = []

    def _refuse(self, why: str) -> Reply:
        return Reply(401, {"error": {"code": 401, "message": f"The request you have made requires authentication. "
                                     f"(the fake: {why})", "title": "Unauthorized"}})

    def dispatch(self, method: str, path: str, query: dict[str, list[str]], body: JSON | None) -> Reply:
        if (method, path) != ("POST", "/v3/auth/tokens"):
            return Reply(404, {"error": {"code": 404, "message": f"the fake IAM has no {method} {path}"}})
        try:
            identity = body["auth"]["identity"]
            user = identity["password"]["user"]
            project = body["auth"]["scope"]["project"]
        except (KeyError, TypeError):
            return Reply(400, {"error": {"code": 400, "message": "the fake IAM expects a password auth scoped "
                                         "to a project", "title": "Bad Request"}})
        a = self.account
        if identity.get("methods") != ["password"]:
            return self._refuse(f"methods {identity.get('methods')!r}")
        if user.get("name") != a.username or user.get("password") != a.password:
            return self._refuse("wrong user name or password")
        if (user.get("domain") or {}).get("name") != a.user_domain_name:
            return self._refuse("wrong user domain")
        if project.get("id", a.project_id) != a.project_id or project.get("name", a.project_name) != a.project_name:
            return self._refuse(f"unknown project {project!r}")
        token = f"fake-token-{len(self.tokens) + 1}-{'x' * 40}"
        self.tokens.append(token)
        now = datetime.now(UTC)
        stamp = "%Y-%m-%dT%H:%M:%S.000000Z"
        catalog = [{
            "type": s.service_type, "name": s.service_type, "id": f"catalog-{s.service_type}",
            "endpoints": [{"id": f"ep-{s.service_type}", "interface": "public", "region": a.region,
                           "region_id": a.region, "url": s.catalog_url}],
        } for s in self.services]
        body = {
            "expires_at": (now + self.TOKEN_LIFETIME).strftime(stamp), "issued_at": now.strftime(stamp),
            "methods": ["password"],
            "project": {"id": a.project_id, "name": a.project_name,
                        "domain": {"id": "d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0", "name": a.user_domain_name}},
            "user": {"id": "u1u1u1u1u1u1u1u1u1u1u1u1u1u1u1u1", "name": a.username,
                     "domain": {"id": "d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0", "name": a.user_domain_name}},
            "roles": [{"id": "r0", "name": "te_admin"}],
        }
        if "nocatalog" not in query:  # as IAM: ?nocatalog=true leaves the catalog out
            body["catalog"] = catalog
        return Reply(201, {"token": body}, {"X-Subject-Token": token})


# ----------------------------------------------------------------------------------------------- servers
class FakeOTC:
    """IAM + one service on two local ports; ``with FakeOTC("dns") as cloud: ...``."""

    def __init__(self, service: str, account: Account | None = None) -> None:
        self.account = account or Account()
        self.service = FAKES[service](self.account)
        self.iam = FakeIAM(self.account, [self.service])
        self.requests: list[Recorded] = []
        self._lock = threading.Lock()
        self._servers: list[ThreadingHTTPServer] = []
        self._threads: list[threading.Thread] = []

    @property
    def iam_url(self) -> str:
        return f"http://127.0.0.1:{self._servers[0].server_address[1]}/v3"

    @property
    def service_url(self) -> str:
        return f"http://127.0.0.1:{self._servers[1].server_address[1]}"

    def of(self, server: str) -> list[Recorded]:
        return [r for r in self.requests if r.server == server]

    def __enter__(self) -> FakeOTC:
        for name, backend in (("iam", self.iam), ("service", self.service)):
            srv = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self, name, backend))
            srv.daemon_threads = True
            self._servers.append(srv)
            t = threading.Thread(target=srv.serve_forever, args=(0.05,), name=f"fake-otc-{name}", daemon=True)
            t.start()
            self._threads.append(t)
        self.service.base_url = self.service_url
        return self

    def __exit__(self, *exc: object) -> None:
        for srv in self._servers:
            srv.shutdown()
            srv.server_close()
        for t in self._threads:
            t.join(5)

    def handle(self, server: str, backend: FakeIAM | ServiceFake, method: str, target: str,
               headers: dict[str, str], raw: bytes) -> Reply:
        parts = urlsplit(target)
        query = parse_qs(parts.query, keep_blank_values=True)
        body: JSON | None = None
        rec = Recorded(server, method, parts.path, query, headers, None)
        with self._lock:  # one request at a time: the in-memory stores are plain dicts
            self.requests.append(rec)
            try:
                if raw:
                    rec.body = body = json.loads(raw)
            except ValueError:
                reply = Reply(400, {"error_code": "APIGW.0201", "error_msg": "the fake: request body is not JSON"})
            else:
                if server == "service" and headers.get("x-auth-token") not in self.iam.tokens:
                    reply = Reply(401, {"error_code": "APIGW.0301",
                                        "error_msg": "Incorrect IAM authentication information: the fake IAM "
                                                     "never issued this X-Auth-Token"})
                else:
                    reply = backend.dispatch(method, parts.path, query, body)
            rec.status = reply.status
            rec.response = json.loads(json.dumps(reply.body)) if reply.body is not None else None
        return reply


def _handler(cloud: FakeOTC, server: str, backend: FakeIAM | ServiceFake) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body are two writes: no 40 ms delayed-ACK stall

        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            headers = {k.lower(): v for k, v in self.headers.items()}
            reply = cloud.handle(server, backend, self.command, self.path, headers, raw)
            data = b"" if reply.body is None else json.dumps(reply.body).encode()
            self.send_response(reply.status)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            if reply.body is not None:
                self.send_header("Content-Type", "application/json")
            self.send_header("X-Request-Id", f"req-{len(cloud.requests)}")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _serve

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's name
            pass  # the request log is cloud.requests

    return Handler


def iter_pages(records: list[Recorded], method: str, path: str) -> Iterator[Recorded]:
    return (r for r in records if r.method == method and r.path == path)
