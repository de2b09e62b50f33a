"""Issue 11's "done when": a user's journey per client (DNS, VPC, ECS, ModelArts from ../shared/corpus).

Each ``journey_<svc>.py`` is what a user would write with the public API only: ``connect()`` without
arguments (a clouds.yaml in a temporary HOME points at a local fake IAM and, through
``<service_type>_endpoint_override``, at a local fake of the service), an ``iter_...`` across three pages,
create, show, update, delete, and the ``OTCAPIError`` of a resource that is gone. The test runs the script
in a subprocess against ``fake_otc.FakeOTC``, checks what it printed and what the fake recorded (one
token from a password, the token on every call, the session's project in every path, the pages asked
for, the bodies sent), and runs ``mypy --strict`` on the script against the generated package: the
script has no cast, no ``Any`` and no ``# type: ignore``, so the generated types carry the journey.

A failure lists every problem found, each with the feature (and the issue-11 part) it points at.
"""

from __future__ import annotations

import ast
import io
import json
import os
import re
import subprocess
import sys
import tokenize
from pathlib import Path
from typing import Any

import pytest
from fake_otc import FakeOTC, Recorded
from journey_clients import TREES, BuiltClient, ClientBuilds

from generator.validate.inputs import Origin
from generator.validate.spec import Spec
from generator.validate.verdict import INVALID, Checker

pytestmark = pytest.mark.corpus

HERE = Path(__file__).resolve().parent
SEED_NAMES = {
    "dns": ["alpha.example.com.", "bravo.example.com.", "charlie.example.com.", "delta.example.com.",
            "echo.example.com."],
    "vpc": ["vpc-alpha", "vpc-bravo", "vpc-charlie", "vpc-delta", "vpc-echo"],
    "ecs": ["ecs-alpha", "ecs-bravo", "ecs-charlie", "ecs-delta", "ecs-echo"],
    "modelarts": ["nb-alpha", "nb-bravo", "nb-charlie", "nb-delta", "nb-echo"],
}
PAGE = 2  # every journey lists with limit=2: five items are three pages

# the requests each journey makes after listing: (method, path with {id} for the created resource)
EXPECTED_CALLS = {
    "dns": [("POST", "/v2/zones"), ("GET", "/v2/zones/{id}"), ("PATCH", "/v2/zones/{id}"),
            ("DELETE", "/v2/zones/{id}"), ("GET", "/v2/zones/{id}")],
    "vpc": [("POST", "/v1/{project}/vpcs"), ("GET", "/v1/{project}/vpcs/{id}"), ("PUT", "/v1/{project}/vpcs/{id}"),
            ("DELETE", "/v1/{project}/vpcs/{id}"), ("GET", "/v1/{project}/vpcs/{id}")],
    "ecs": [("POST", "/v1/{project}/cloudservers"), ("GET", "/v1/{project}/jobs/{job}"),
            ("GET", "/v1/{project}/cloudservers/{id}"), ("PUT", "/v1/{project}/cloudservers/{id}"),
            ("POST", "/v1/{project}/cloudservers/delete"), ("GET", "/v1/{project}/cloudservers/{id}")],
    "modelarts": [("POST", "/v1/{project}/notebooks"), ("GET", "/v1/{project}/notebooks/{id}"),
                  ("PUT", "/v1/{project}/notebooks/{id}"), ("DELETE", "/v1/{project}/notebooks/{id}"),
                  ("GET", "/v1/{project}/notebooks/{id}")],
}
LIST_PATHS = {"dns": "/v2/zones", "vpc": "/v1/{project}/vpcs", "ecs": "/v1/{project}/cloudservers/detail",
              "modelarts": "/v1/{project}/notebooks"}
# what the create and update calls must send (a subset of the JSON body)
SENT = {
    "dns": ({"name": "journey.example.com.", "email": "admin@example.com", "ttl": 300},
            {"description": "updated by the journey", "ttl": 600}),
    "vpc": ({"vpc": {"name": "vpc-journey", "cidr": "10.1.0.0/16"}}, {"vpc": {"name": "vpc-journey-renamed"}}),
    "ecs": ({"server": {"name": "ecs-journey", "flavorRef": "s3.large.2", "imageRef": "img-0001",
                        "vpcid": "vpc-0001", "nics": [{"subnet_id": "subnet-0001"}],
                        "root_volume": {"volumetype": "SSD"}}},
            {"server": {"name": "ecs-journey-renamed"}}),
    "modelarts": ({"name": "nb-journey", "flavor": "modelarts.vm.cpu.2u", "image_id": "img-0001",
                   "volume": {"category": "EVS", "ownership": "MANAGED"}},
                  {"description": "updated by the journey"}),
}
# openstacksdk's `<service_type>_endpoint_override`: the type the generated package declares (S), else
# the one openstacksdk/otcextensions use for the service
SERVICE_TYPES = {"dns": "dns", "vpc": "vpc", "ecs": "ecs", "modelarts": "modelarts"}


def script_problems(script: Path) -> list[str]:
    """What the done-when forbids: casts, ``Any`` and ``# type: ignore`` (mypy would then prove nothing)."""
    text = script.read_text(encoding="utf-8")
    problems = []
    for tok in tokenize.generate_tokens(io.StringIO(text).readline):
        if tok.type == tokenize.COMMENT and re.search(r"type:\s*ignore", tok.string):
            problems.append(f"{script.name}:{tok.start[0]}: '# type: ignore'")
    for node in ast.walk(ast.parse(text)):
        name = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else None
        if name in ("cast", "Any"):
            problems.append(f"{script.name}:{getattr(node, 'lineno', '?')}: uses {name}")
    return problems


def service_type(client: BuiltClient, key: str) -> str:
    otc = (client.root / client.package / "otc.py").read_text(encoding="utf-8")
    m = re.search(r"^SERVICE_TYPE\b[^=]*=\s*['\"]([\w-]+)['\"]", otc, flags=re.M)
    return m.group(1) if m else SERVICE_TYPES[key]


def write_clouds_yaml(home: Path, cloud: FakeOTC, stype: str) -> Path:
    """The clouds.yaml an OTC user has (openstacksdk's format), pointed at the fakes."""
    a = cloud.account
    path = home / ".config" / "openstack" / "clouds.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(
        "clouds:\n"
        "  otc-journey:\n"
        "    auth:\n"
        f"      auth_url: {cloud.iam_url}\n"
        f"      username: {a.username}\n"
        f"      password: '{a.password}'\n"
        f"      project_name: {a.project_name}\n"
        f"      user_domain_name: {a.user_domain_name}\n"
        f"    region_name: {a.region}\n"
        "    interface: public\n"
        "    identity_api_version: 3\n"
        f"    {stype}_endpoint_override: {cloud.service_url}\n",
        encoding="utf-8",
    )
    return path


def clean_env(home: Path, client: BuiltClient) -> dict[str, str]:
    """No OS_* variable, proxy or config folder of the machine's own may steer connect()."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("OS_") and k.lower() not in ("http_proxy", "https_proxy", "all_proxy", "no_proxy")
           and k not in ("XDG_CONFIG_HOME", "PYTHONPATH", "MYPYPATH")}
    return {**env, "HOME": str(home), "PYTHONPATH": str(client.root), "PYTHONHASHSEED": "0"}


def run_journey(key: str, client: BuiltClient, cloud: FakeOTC, tmp: Path) -> tuple[subprocess.CompletedProcess[str],
                                                                                     dict[str, Any] | None]:
    home = tmp / "home"
    write_clouds_yaml(home, cloud, service_type(client, key))
    work = tmp / "cwd"  # connect() also reads ./clouds.yaml: an empty folder
    work.mkdir()
    proc = subprocess.run([sys.executable, str(HERE / f"journey_{key}.py")], capture_output=True, text=True,
                          env=clean_env(home, client), cwd=work, timeout=240)
    lines = proc.stdout.strip().splitlines()
    result = None
    if proc.returncode == 0 and lines:
        try:
            result = json.loads(lines[-1])
        except ValueError:
            result = None
    return proc, result


def run_mypy(key: str, client: BuiltClient, tmp: Path) -> subprocess.CompletedProcess[str]:
    # --follow-imports=silent: the package is analysed (its types reach the script) but its own findings
    # belong to tests/client; what fails here is the script
    cache = client.root.parent / f".mypy-journeys-{client.package}"
    env = {**clean_env(tmp, client), "MYPYPATH": str(client.root)}
    return subprocess.run(["nice", "-n", "10", sys.executable, "-m", "mypy", "--strict", "--follow-imports=silent",
                           "--no-error-summary", "--cache-dir", str(cache), str(HERE / f"journey_{key}.py")],
                          capture_output=True, text=True, env=env, cwd=tmp, timeout=600)


def diagnose(stderr: str, cloud: FakeOTC) -> list[str]:
    """Name the issue-11 feature a failed run points at (the part that owns it in CONTRACT11.md)."""
    hints = []
    rules = [
        (r"cannot import name 'connect'", "connect() is not exported by the package (S: session)"),
        (r"No module named '[\w.]+\.api\.\w+'|cannot import name '\w+' from '[\w.]+\.api",
         "the operation's module/function is missing: names from the grammar or one function per page "
         "(N: names, V: variants)"),
        (r"cannot import name '\w+' from '[\w.]+\.models'", "a request model name is not the expected one "
         "(N: model names from captions and fields; V: per-page models)"),
        (r"has no attribute 'a?iter_\w+'", "no iterator in the list operation's module (P: pagination)"),
        (r"connect\(\) missing .*'auth'|connect\(\) missing", "connect() needs arguments: no clouds.yaml "
         "session (S: session)"),
        (r"missing 1 required positional argument: '(project_id|region)'",
         "the session's project/region is not a default (P: session defaults)"),
        (r"Cannot open a client instance more than once", "`with connect() as client:` fails: connect() already "
         "used the httpx client (the token fetch for a project name) before __enter__ (S: session)"),
        (r"object has no attribute 'value'", "an integer parameter became a closed enum (N: prose inference)"),
        (r"KeyError: '[^']+'", "a generated model requires a field the documented response lacks: the spec marks "
         "it required (see the field's x-source; e.g. an orphan table's rows merged into the body root)"),
    ]
    for pattern, hint in rules:
        if re.search(pattern, stderr):
            hints.append(hint)
    if hints:  # the exception named above ended the journey: what it did not reach says nothing more
        return hints
    if not cloud.of("iam"):
        hints.append("no request reached the fake IAM: no token from the clouds.yaml password (S: session)")
    elif not cloud.of("service"):
        hints.append("a token was asked for but no call reached the service: endpoint override "
                     "(`<service_type>_endpoint_override`) not honoured (S: session)")
    return hints


def _fill(template: str, cloud: FakeOTC, ids: dict[str, str]) -> str:
    return template.format(project=cloud.account.project_id, **ids)


def _subset(expected: Any, got: Any) -> bool:
    if isinstance(expected, dict):
        return isinstance(got, dict) and all(k in got and _subset(v, got[k]) for k, v in expected.items())
    if isinstance(expected, list):
        return isinstance(got, list) and len(got) == len(expected) and all(map(_subset, expected, got))
    return bool(expected == got)


def check_pages(key: str, listed: list[Recorded], seeded: list[str], cloud: FakeOTC) -> list[str]:
    """The pages asked for follow the service's documented style, each with limit=2."""
    problems = []
    if len(listed) < 3:
        problems.append(f"the iterator asked for {len(listed)} page(s), not 3 (P: pagination)")
    for i, r in enumerate(listed):
        if r.param("limit") != str(PAGE):
            problems.append(f"page request {i + 1} has limit={r.param('limit')!r}, not {PAGE} (P: pagination)")
    want: list[tuple[str, str | None]]
    if key in ("dns", "vpc"):  # marker = last id of the previous page (DNS: from links.next)
        want = [("marker", None), ("marker", seeded[1]), ("marker", seeded[3])]
    elif key == "ecs":  # offset = page number, from 1 ("Specifies the page number")
        want = [("offset", None), ("offset", "2"), ("offset", "3")]
    else:  # modelarts: offset = records to skip
        want = [("offset", None), ("offset", "2"), ("offset", "4")]
    for i, ((param, value), r) in enumerate(zip(want, listed, strict=False)):
        got = r.param(param)
        first_ok = i == 0 and got in (None, "", "0", "1" if key == "ecs" else "0")
        if not first_ok and got != value:
            problems.append(f"page request {i + 1}: {param}={got!r}, the docs' style needs {value!r} "
                            f"(P: pagination style of {key})")
    if len(listed) > 4:
        problems.append(f"the iterator asked for {len(listed)} pages for {len(seeded)} items (P: pagination)")
    return problems


def check_list_parameters(key: str, spec: dict[str, Any]) -> list[str]:
    """The list operation's paging parameters as the spec states them: an enum or a maximum below the page
    size makes the iterator impossible or the call invalid, whatever the iterator does."""
    problems = []
    op = spec.get("paths", {}).get(LIST_PATHS[key].replace("{project}", "{project_id}"), {}).get("get", {})
    for param in op.get("parameters", []):
        schema = param.get("schema", {})
        if param.get("name") not in ("limit", "offset", "marker"):
            continue
        if "enum" in schema:
            problems.append(f"the spec makes the paging parameter {param['name']!r} a closed enum {schema['enum']} "
                            f"(N: prose inference, {param.get('x-source')})")
        if isinstance(schema.get("maximum"), int) and schema["maximum"] < PAGE:
            problems.append(f"the spec gives the paging parameter {param['name']!r} maximum {schema['maximum']} "
                            f"(prose inference, {param.get('x-source')})")
    return problems


def check_against_spec(spec: Spec, checker: Checker, cloud: FakeOTC) -> list[str]:
    """Bodies the client sent must be valid requests; the fake's documented answers valid responses."""
    problems = []
    for r in cloud.of("service"):
        match = spec.match_path(r.method, r.path)
        if match is None:
            problems.append(f"{r.method} {r.path}: no operation of the spec has this path")
            continue
        op = match[0]
        if r.body is not None:
            res = checker.check_body(op, "request", None, r.body, Origin(f"{r.method} {r.path}"))
            if res.verdict == INVALID:
                problems.append(f"the client sent a body the spec refuses, {r.method} {r.path}: "
                                f"{[v.message for v in res.violations][:3]}")
        if r.response is not None and 200 <= r.status < 300:
            res = checker.check_body(op, "response", r.status, r.response, Origin(f"{r.method} {r.path}"))
            if res.verdict == INVALID:
                problems.append(f"the fake's {r.status} answer to {r.method} {r.path} is not what the spec "
                                f"documents (fix tests/journeys/fake_otc.py): "
                                f"{[v.message for v in res.violations][:3]}")
    return problems


@pytest.mark.parametrize("key", list(TREES))
def test_journey(key: str, corpus_clients: ClientBuilds, tmp_path: Path) -> None:
    script = HERE / f"journey_{key}.py"
    problems = script_problems(script)
    client = corpus_clients.get(key)
    with FakeOTC(key) as cloud:
        seeded = cloud.service.seed(SEED_NAMES[key])
        proc, result = run_journey(key, client, cloud, tmp_path)
    iam = cloud.of("iam")
    calls = cloud.of("service")
    if proc.returncode != 0 or result is None:
        problems.append(f"the journey failed (exit {proc.returncode}):\n{proc.stderr[-2500:]}{proc.stdout[-500:]}")
        problems += [f"hint: {h}" for h in diagnose(proc.stderr, cloud)]
    if not cloud.requests and problems:
        # the journey ended before its first request: what the fakes did not see says nothing more
        problems += check_list_parameters(key, client.spec)
        problems += _mypy_problems(key, client, script, tmp_path)
        pytest.fail(f"{key} journey ({client.tree}):\n- " + "\n- ".join(problems), pytrace=False)
    # one token, from the clouds.yaml password, on every call
    if len(iam) != 1 or iam[0].status != 201:
        problems.append(f"IAM: {[(r.method, r.path, r.status) for r in iam]}: one successful POST /v3/auth/tokens "
                        "expected (S: token from the password, reused)")
    tokens = cloud.iam.tokens
    for r in calls:
        if r.headers.get("x-auth-token") not in tokens:
            problems.append(f"{r.method} {r.path} without the IAM token (X-Auth-Token: "
                            f"{r.headers.get('x-auth-token')!r}) (S: session auth)")
    listed = [r for r in calls if r.method == "GET" and r.path == _fill(LIST_PATHS[key], cloud, {})]
    rest = [r for r in calls if r not in listed]
    if key == "dns":  # the DNS journey also lists with the async iterator, three a page
        alisted = [r for r in listed if r.param("limit") == "3"]
        listed = [r for r in listed if r not in alisted]
        if len(alisted) != 2 or (result is not None and result.get("alisted") != SEED_NAMES[key]):
            problems.append(f"the async iterator asked for {len(alisted)} page(s) (2 expected) and yielded "
                            f"{None if result is None else result.get('alisted')} (P: aiter_)")
    problems += check_pages(key, listed, seeded, cloud)
    if result is not None:
        if result.get("listed") != SEED_NAMES[key]:
            problems.append(f"the iterator yielded {result.get('listed')}, not the {len(seeded)} seeded items "
                            "in order (P: pagination)")
        ids = {"id": str(result.get("created")), "job": str(result.get("job"))}
        want_calls = [(m, _fill(p, cloud, ids)) for m, p in EXPECTED_CALLS[key]]
        got_calls = [(r.method, r.path) for r in rest]
        if got_calls != want_calls:
            problems.append(f"calls after the list: {got_calls}\n  expected {want_calls} (P: the session's "
                            "project_id in the path; V: the page's own function)")
        create_body, update_body = SENT[key]
        if rest and not _subset(create_body, rest[0].body):
            problems.append(f"create sent {rest[0].body}, expected at least {create_body}")
        updates = [r for r in rest if r.method in ("PUT", "PATCH")]
        if not updates or not _subset(update_body, updates[0].body):
            problems.append(f"update sent {updates[0].body if updates else None}, expected at least {update_body}")
        status, body = cloud.service.not_found
        err = result.get("error") or {}
        code, message = _error_fields(body)
        if (err.get("status_code"), err.get("error_code"), err.get("error_message")) != (status, code, message):
            problems.append(f"OTCAPIError fields {err}, expected status {status}, code {code!r}, message {message!r}")
        if not err.get("request_id"):
            problems.append(f"OTCAPIError without the X-Request-Id the fake sent: {err}")
        problems += [f"journey: {p}" for p in result.get("problems", [])]
        if any(str(p).endswith("returned None") for p in result.get("problems", [])):
            problems.append("hint: a 2xx answer with a body parsed to None: a success status documented without "
                            "content (N: 2xx from prose) must still parse the body (D: _parse_response)")
    problems += check_list_parameters(key, client.spec)
    spec = Spec.from_dict(client.spec, client.spec_path.name)
    problems += check_against_spec(spec, Checker(spec), cloud)
    problems += _mypy_problems(key, client, script, tmp_path)
    assert not problems, f"{key} journey ({client.tree}):\n- " + "\n- ".join(problems)


def _mypy_problems(key: str, client: BuiltClient, script: Path, tmp: Path) -> list[str]:
    mypy = run_mypy(key, client, tmp)
    if mypy.returncode == 0:
        return []
    problems = [f"mypy --strict {script.name} (against {client.package}):\n{mypy.stdout[-3000:]}{mypy.stderr[-1000:]}"]
    for field, model in sorted(set(re.findall(r'Missing positional argument "(\w+)" in call to "(\w+)"', mypy.stdout))):
        problems.append(f"hint: {model} requires {field!r}, which the docs' request does not need at that level: "
                        "the spec's `required` (e.g. an orphan table's rows merged into the body root)")
    return problems


def _error_fields(body: Any) -> tuple[str | None, str | None]:
    if "error_code" in body:
        return body["error_code"], body["error_msg"]
    if "error" in body:
        return body["error"]["code"], body["error"]["message"]
    return body.get("code"), body.get("message")
