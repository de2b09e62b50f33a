"""What users of a generated client read and get back: docstrings with descriptions and limits, every 2xx
parsed (documented or not, empty bodies included), model repr without UNSET or secrets, the client README."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.build.pipeline import build_spec
from generator.client import generate_client
from generator.client.docs import limits
from generator.client.view import client_view
from generator.core.config import Service
from generator.release.changelog import client_release
from tests.rst_snippets import page, table

# RST `\\` is one backslash: the description holds `\x41`, `\N{BULLET}`, `\u00e9`, triple quotes, a tab
# (a control character), and ends in a backslash
HOSTILE = 'Ends """ here \\\\x41 \\\\N{BULLET} \\\\u00e9 \x0b and a backslash \\\\'

CREATE = page("Creating a Widget", "POST /v1/{project_id}/widgets", "Request Parameters\n------------------\n\n"
              + table("Path parameters", [
                  ["Parameter", "Mandatory", "Type", "Description"],
                  ["project_id", "Yes", "String", "Project ID. The value contains 1 to 64 characters."],
              ])
              + table("Query parameters", [
                  ["Parameter", "Mandatory", "Type", "Description"],
                  ["limit", "No", "Integer", "Widgets per page. The value ranges from 1 to 500. Default value: 100."],
                  ["note", "No", "String", HOSTILE],
              ])
              + table("Request body parameters", [
                  ["Parameter", "Mandatory", "Type", "Description"],
                  ["name", "Yes", "String", "Widget name. The value contains 1 to 64 characters."],
                  ["admin_password", "No", "String", "Password of the widget administrator."],
                  ["size", "No", "Integer", "Size in GB. The value ranges from 10 to 100."],
              ]) + """
Response Parameters
-------------------

**Status code: 200**

""" + table("Response body parameters", [["Parameter", "Type", "Description"], ["id", "String", "Widget ID."],
                                         ["name", "String", "Widget name."]]) + """
**Status code: 202**

""" + table("Response body parameters", [["Parameter", "Type", "Description"], ["job_id", "String", "Job ID."]])
              + """
Status Codes
------------

=========== ===========
Status Code Description
=========== ===========
200         OK
202         Accepted
204         No Content
400         Bad Request
=========== ===========
""", name="CreateWidget")

WIDGET_PATH = table("Path parameters", [["Parameter", "Mandatory", "Type", "Description"],
                                        ["project_id", "Yes", "String", "Project ID."],
                                        ["widget_id", "Yes", "String", "Widget ID."]])

SHOW = page("Querying a Widget", "GET /v1/{project_id}/widgets/{widget_id}",
            "Request Parameters\n------------------\n\n"
            + WIDGET_PATH + """
Response Parameters
-------------------

**Status code: 200**

""" + table("Response body parameters", [["Parameter", "Type", "Description"], ["id", "String", "Widget ID."],
                                         ["name", "String", "Widget name."]]), name="ShowWidget")

DELETE = page("Deleting a Widget", "DELETE /v1/{project_id}/widgets/{widget_id}",
              "Request Parameters\n------------------\n\n"
              + WIDGET_PATH + """
Response Parameters
-------------------

None

Status Codes
------------

=========== ===========
Status Code Description
=========== ===========
204         No Content
404         Not Found
=========== ===========
""", name="DeleteWidget")

SERVICE = Service(name="widget", title="Widget", docs=Path("."), client="otc-widget-client",
                  endpoint="https://widget.{region}.example.test")


@pytest.fixture(scope="module")
def widget_client(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("docs")
    (root / "widgets").mkdir()
    (root / "widgets" / "creating_a_widget.rst").write_text(CREATE, encoding="utf-8")
    (root / "widgets" / "querying_a_widget.rst").write_text(SHOW, encoding="utf-8")
    (root / "widgets" / "deleting_a_widget.rst").write_text(DELETE, encoding="utf-8")
    result = build_spec(root, SERVICE)
    out = tmp_path_factory.mktemp("gen") / "widget"
    generate_client(SERVICE, result.spec, out, *client_release(SERVICE, out))
    return out


def _module(client: Path, name: str) -> Path:
    found = sorted((client / "otc_widget_client" / "api").glob(f"*/{name}.py"))
    assert len(found) == 1, found
    return found[0]


def _run(client: Path, code: str) -> str:
    proc = subprocess.run([sys.executable, "-c", code], cwd=client, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(client)})
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc.stdout


# ---------------------------------------------------------------- docstrings


def test_limits_sentence() -> None:
    assert limits({"type": "string"}) == ""
    assert limits({"type": "integer", "exclusiveMinimum": 0, "maximum": 9}) == "Limits: 0 < value <= 9."
    assert limits({"type": "string", "minLength": 3, "maxLength": 3, "pattern": r"^\d+$", "enum": ["a", "b"]}) == (
        'Limits: exactly 3 characters; pattern ^\\d+$; one of "a", "b".')
    assert limits({"type": "array", "maxItems": 5, "items": {"type": "string", "enum": ["x"]}}) == (
        'Limits: at most 5 items; each item one of "x".')
    assert limits({"type": "boolean", "default": False}) == "Limits: default when omitted: false."


def test_view_puts_descriptions_and_limits_where_the_generator_reads_them() -> None:
    spec = {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {"/x/{id}": {"get": {
        "operationId": "ShowX", "responses": {"200": {"description": "OK"}},
        "parameters": [{"name": "id", "in": "path", "required": True, "description": "X ID",
                        "schema": {"type": "string", "maxLength": 36}},
                       {"name": "limit", "in": "query", "description": "Page size.",
                        "schema": {"type": "integer", "default": 10, "enum": [10, 20]}}]}}},
        "components": {"schemas": {"X": {"type": "object", "properties": {
            "size": {"type": "integer", "minimum": 1, "description": "Size"},
            "kind": {"type": "string", "enum": ["a", 1.5]}}}}}}
    view, _ = client_view(spec)
    params = view["paths"]["/x/{id}"]["get"]["parameters"]
    assert params[0]["schema"]["description"] == "X ID. Limits: at most 36 characters."
    # the default and the enum are stated although the client view drops them from the schema
    assert params[1]["schema"]["description"] == "Page size. Limits: one of 10, 20; default when omitted: 10."
    assert "default" not in params[1]["schema"]
    props = view["components"]["schemas"]["X"]["properties"]
    assert props["size"]["description"] == "Size. Limits: 1 <= value."
    assert props["kind"]["description"] == 'Limits: one of "a", 1.5.' and "enum" not in props["kind"]
    assert "description" not in spec["paths"]["/x/{id}"]["get"]["parameters"][0]["schema"]  # the spec stays


def test_docstrings_give_descriptions_limits_returns_and_raises(widget_client: Path) -> None:
    text = _module(widget_client, "create_widget").read_text(encoding="utf-8")
    compile(text, "create_widget.py", "exec")
    doc = ast.get_docstring(next(n for n in ast.parse(text).body if isinstance(n, ast.FunctionDef)
                                 and n.name == "sync"))
    assert doc is not None
    flat = " ".join(doc.split())
    assert ("project_id (str | None): Project ID. The value contains 1 to 64 characters. Limits: 1 to 64 characters."
            " None (the default): ``client.project_id``.") in flat
    assert ("limit (int | Unset): Widgets per page. The value ranges from 1 to 500. Default value: 100. "
            "Limits: 1 <= value <= 500; default when omitted: 100.") in flat
    assert "OTCAPIError: The service answered an error status (4xx/5xx; documented: 400)" in flat
    assert "httpx.TimeoutException" in flat
    assert "200 (OK): CreateWidgetResponse." in flat and "202 (Accepted): CreateWidgetResponse202." in flat
    assert "204 (No Content): None (no body)." in flat
    assert ("Any other 2xx: the body parsed into CreateWidgetResponse or CreateWidgetResponse202 where it fits, "
            "else errors.UnexpectedStatus.") in flat
    # the hostile description is data: the docstring Python reads back holds it verbatim, control character dropped
    assert 'Ends """ here \\x41 \\N{BULLET} \\u00e9 and a backslash \\' in flat
    show = _module(widget_client, "show_widget").read_text(encoding="utf-8")
    assert "Any other 2xx: the body parsed into ShowWidgetResponse where it fits, else errors.UnexpectedStatus." \
        in " ".join(show.split())


# ---------------------------------------------------------------- responses


RESPONSES = """
import httpx
from otc_widget_client.client import AuthenticatedClient
from otc_widget_client.errors import UnexpectedStatus
from otc_widget_client.api.widgets import create_widget, delete_widget, show_widget
from otc_widget_client.models import CreateWidgetRequest

def client(status, content, ctype="application/json"):
    def reply(request):
        return httpx.Response(status, content=content, headers={"Content-Type": ctype})
    transport = httpx.MockTransport(reply)
    return AuthenticatedClient(base_url="https://w.test", token="t", httpx_args={"transport": transport})

def create(status, content, ctype="application/json"):
    return create_widget.sync_detailed(project_id="p", client=client(status, content, ctype),
                                       body=CreateWidgetRequest(name="w"))

def show(status, content, ctype="application/json"):
    return show_widget.sync_detailed("w", project_id="p", client=client(status, content, ctype))

def kind(r):
    p = r.parsed
    return type(p).__name__ + ("=" + repr(p.to_dict() if hasattr(p, "to_dict") else p) if p is not None else "")

print(kind(create(200, b'{"id": "w1", "name": "w"}')))
print(kind(create(202, b'{"job_id": "j1"}')))
print(kind(create(204, b"")))
print(kind(create(200, b"")))          # documented JSON, empty body (Prism)
print(kind(create(200, b"  \\n")))
print(kind(create(201, b'{"id": "w2"}')))   # undocumented 2xx: the first documented success model that reads it
try:
    create(203, b"<html>ok</html>", "text/html")  # no JSON: the typed result has no room for it
except UnexpectedStatus as e:
    print("UnexpectedStatus", e.status_code, e.content)
print(kind(create(205, b"")))
print(kind(show(200, b'{"id": "w1", "name": "w"}')))
print(kind(show(202, b'{"id": "w1", "name": "w"}')))   # undocumented: read as the documented model
print(kind(show(200, b"")))
for body in (b"<html>ok</html>", b"[1, 2]"):
    try:
        show(202, body)
    except UnexpectedStatus as e:
        print("UnexpectedStatus", e.status_code, e.content)
print(repr(show_widget.sync("w", project_id="p", client=client(202, b'{"id": "w1"}'))))
print(repr(delete_widget.sync("w", project_id="p", client=client(204, b""))))
print(delete_widget.sync_detailed("w", project_id="p", client=client(204, b"")).status_code)
import asyncio
print(repr(asyncio.run(delete_widget.asyncio("w", project_id="p", client=client(204, b"")))))
"""


def test_every_2xx_parses_and_empty_bodies_never_raise(widget_client: Path) -> None:
    assert _run(widget_client, RESPONSES).splitlines() == [
        "CreateWidgetResponse={'id': 'w1', 'name': 'w'}",
        "CreateWidgetResponse202={'job_id': 'j1'}",
        "NoneType",
        "NoneType",
        "NoneType",
        "CreateWidgetResponse={'id': 'w2'}",
        "UnexpectedStatus 203 b'<html>ok</html>'",
        "NoneType",
        "ShowWidgetResponse={'id': 'w1', 'name': 'w'}",
        "ShowWidgetResponse={'id': 'w1', 'name': 'w'}",
        "NoneType",
        "UnexpectedStatus 202 b'<html>ok</html>'",
        "UnexpectedStatus 202 b'[1, 2]'",
        "ShowWidgetResponse(id='w1')",
        "None",  # a call without a documented body has `sync` and `asyncio` too
        "204",
        "None",
    ]


def test_a_call_without_a_documented_body_has_sync_returning_none(widget_client: Path) -> None:
    text = _module(widget_client, "delete_widget").read_text(encoding="utf-8")
    functions = {n.name: n for n in ast.parse(text).body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)}
    assert {"sync", "sync_detailed", "asyncio", "asyncio_detailed"} <= set(functions)
    for name in ("sync", "asyncio"):
        returns = functions[name].returns
        assert isinstance(returns, ast.Constant) and returns.value is None
        doc = " ".join((ast.get_docstring(functions[name]) or "").split())
        assert "None: the call succeeded (a 2xx; no documented body). Status and headers: ``sync_detailed``." in doc
        assert "the parsed body" not in doc and "Any other 2xx" not in doc


def test_widget_client_passes_mypy_strict(widget_client: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "mypy", "--strict", "otc_widget_client"], cwd=widget_client,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-3000:]


# ---------------------------------------------------------------- model repr


def test_model_repr_shows_set_fields_and_masks_secrets(widget_client: Path) -> None:
    out = _run(widget_client, (
        "from otc_widget_client.models import CreateWidgetRequest as M\n"
        "m = M(name='w', admin_password='hunter2')\n"
        "print(repr(m))\n"
        "m = M.from_dict({'name': 'w', 'size': 10, 'secret_key': 'SK1', 'colour': 'red'})\n"
        "print(repr(m))\n"
        "print(m.to_dict()['secret_key'])\n"  # masked in repr only, never in the data
    )).splitlines()
    assert out == ["CreateWidgetRequest(name='w', admin_password=***)",
                   "CreateWidgetRequest(name='w', size=10, additional_properties={'secret_key': '***', "
                   "'colour': 'red'})",
                   "SK1"]


@pytest.mark.parametrize(("name", "secret"), [
    ("password", True), ("adminPass", True), ("user_passwd", True), ("pwd", True), ("sk", True), ("SK", True),
    ("secret_key", True), ("access_key_secret", True), ("X-Auth-Token", True), ("private_key", True),
    ("apiKey", True), ("credentials", True), ("passphrase", True),
    ("name", False), ("task", False), ("skip", False), ("passenger", False), ("access_key", False),
    ("description", False), ("disk", False),
])
def test_secret_field_names(widget_client: Path, name: str, secret: bool) -> None:
    text = (widget_client / "otc_widget_client" / "models" / "create_widget_request.py").read_text(encoding="utf-8")
    pattern = ast.literal_eval(re.search(r"_SECRET = re\.compile\(\s*(r\"[^\n]*\"\s*r\"[^\n]*\")", text)
                               .group(1).replace('"\n', '" '))  # type: ignore[union-attr]
    assert bool(re.search(pattern, name, re.IGNORECASE)) is secret


# ---------------------------------------------------------------- README


def test_readme_is_otc_usage_with_real_names(widget_client: Path) -> None:
    readme = (widget_client / "README.md").read_text(encoding="utf-8")
    for generic in ("api.example.com", "SuperSecretToken", "MyDataModel", "my_tag", "get_my_data_model"):
        assert generic not in readme
    assert readme.startswith("# otc-widget-client\n")
    assert readme.index("## Usage with Open Telekom Cloud") < 200
    assert "python3 -m build       # or a wheel: dist/otc_widget_client-" in readme
    assert "nox" not in readme  # a generated project builds without the generator's checkout
    blocks = [b.split("\n", 1)[1] for b in readme.split("```")[1::2] if b.startswith("python")]
    call = next(b for b in blocks if "create_widget" in b)
    assert call == ("from otc_widget_client.otc import connect\n"
                    "from otc_widget_client.api.widgets import create_widget\n"
                    "from otc_widget_client.models import CreateWidgetRequest\n\n"
                    "client = connect()\n"
                    'result = create_widget.sync(body=CreateWidgetRequest(name="<name>"), '
                    "client=client)\nprint(result)\n")
    for block in blocks:
        compile(block, "README.md", "exec")
    # every name the call example uses exists in the generated package
    tree = ast.parse(call)
    for node in tree.body:
        if isinstance(node, ast.ImportFrom):
            module = widget_client / Path(*str(node.module).split("."))
            for alias in node.names:
                path = module / f"{alias.name}.py"
                assert path.exists() or re.search(rf"\b{alias.name}\b", (module / "__init__.py").read_text()
                                                  if (module / "__init__.py").exists() else
                                                  module.with_suffix(".py").read_text()), alias.name
    assert "def sync(" in _module(widget_client, "create_widget").read_text(encoding="utf-8")
    assert "iterator that follows the pages" not in readme  # no list operation with pages here


def test_readme_example_builds_a_nested_body_from_the_documented_example(tmp_path: Path) -> None:
    from generator.client.readme import readme_examples

    pkg = tmp_path / "otc_x_client"
    (pkg / "api" / "zones").mkdir(parents=True)
    (pkg / "models").mkdir()
    (pkg / "api" / "zones" / "create_zone.py").write_text(
        "def sync(zone_id: str, *, client: object, body: ZoneRequest, project_id: str = '', tags: str) -> None: ...\n")
    (pkg / "api" / "zones" / "list_zones.py").write_text(
        "def sync(*, client: object) -> None: ...\n"
        "def iter_list_zones(*, client: object, limit: int | None = None) -> None: ...\n")
    (pkg / "models" / "zone_request.py").write_text(
        "@_attrs_define\nclass ZoneRequest:\n    router: Router\n    name: str | Unset = UNSET\n")
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "conformance_data.json").write_text(
        '{"operations": [{"tag_module": "zones", "module": "create_zone", "request": {"kind": "model", '
        '"documented": true, "body": {"router": {"router_id": "r-1"}, "ok": true}}}]}')
    call, iterator = readme_examples(pkg, "otc_x_client")
    assert call == ("from otc_x_client.otc import connect\n"
                    "from otc_x_client.api.zones import create_zone\n"
                    "from otc_x_client.models import ZoneRequest\n\n"
                    "client = connect()\n"
                    "payload = {'router': {'router_id': 'r-1'}, 'ok': True}\n"
                    'result = create_zone.sync("<zone_id>", body=ZoneRequest.from_dict(payload), tags="<tags>", '
                    "client=client)\nprint(result)")
    assert iterator == ("from otc_x_client.api.zones import list_zones\n\n"
                        "for item in list_zones.iter_list_zones(client=client):\n    print(item)")
    compile(call, "README", "exec")
