"""The codegen templates render to a module that imports, type-checks and lints with the runtime."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import httpx
import pytest
from client_package import FAKE_CONTEXT, FAKE_PACKAGE, RUNTIME, render, write_client_package

ROOT = Path(__file__).resolve().parents[3]


def test_config_strings_are_inert_literals(fake_otc: ModuleType) -> None:
    assert fake_otc.SERVICE_TITLE == FAKE_CONTEXT["service_title"]
    assert fake_otc.ENDPOINT_TEMPLATE == FAKE_CONTEXT["endpoint_template"]
    assert fake_otc.DEFAULT_REGION == "eu-de"


def test_connect_uses_endpoint_template(fake_otc: ModuleType) -> None:
    client = fake_otc.connect(project_id="p1", auth=fake_otc.TokenAuth("t"))
    assert str(client.get_httpx_client().base_url) == "https://fake.eu-de.otc.t-systems.com"
    client = fake_otc.connect("eu-nl", auth=fake_otc.TokenAuth("t"))
    assert str(client.get_httpx_client().base_url) == "https://fake.eu-nl.otc.t-systems.com"
    client = fake_otc.connect(auth=fake_otc.TokenAuth("t"), base_url="https://proxy.example/modelarts/")
    assert str(client.get_httpx_client().base_url) == "https://proxy.example/modelarts/"
    with pytest.raises(ValueError):
        fake_otc.connect("eu-de.evil.example/", auth=fake_otc.TokenAuth("t"))


def test_rendered_module_passes_mypy_strict_and_ruff(fake_package_root: Path, tmp_path: Path) -> None:
    # Callers of the package, so that connect()'s signature is checked from outside too:
    # one correct, one passing a wrong option type that must be the only error reported.
    user = tmp_path / "use_client.py"
    user.write_text(
        "import httpx\n"
        f"from {FAKE_PACKAGE}.client import AuthenticatedClient\n"
        f"from {FAKE_PACKAGE}.otc import AkSkAuth, RetryPolicy, TokenAuth, connect\n\n"
        "a: AuthenticatedClient = connect('eu-de', 'p', auth=TokenAuth('t'), timeout=5.0)\n"
        "b = connect(auth=AkSkAuth('ak', 'sk'), retry=RetryPolicy(max_attempts=2), verify_ssl=False)\n"
        "c = connect(auth=TokenAuth('t'), timeout=httpx.Timeout(3.0), raise_for_error=False)\n",
        encoding="utf-8",
    )
    misuse = tmp_path / "misuse.py"
    misuse.write_text(
        f"from {FAKE_PACKAGE}.otc import TokenAuth, connect\n\nconnect(auth=TokenAuth('t'), timeout='30')\n",
        encoding="utf-8",
    )
    package = fake_package_root / FAKE_PACKAGE
    mypy = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir", str(tmp_path / "c"),
         str(package / "otc.py"), str(package / "_runtime"), str(user), str(misuse)],
        capture_output=True, text=True, cwd=fake_package_root, check=False,
        env={"MYPYPATH": str(fake_package_root), "PATH": ""},
    )  # fmt: skip
    errors = [line for line in mypy.stdout.splitlines() if ": error:" in line]
    assert len(errors) == 1, mypy.stdout + mypy.stderr
    assert errors[0].startswith(str(misuse)) and '"timeout"' in errors[0]
    # The same checks the generated client gets (its pyproject selects these rules).
    ruff = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--isolated", "--select", "E,F,W,I,UP,B", "--line-length", "120",
         str(package / "otc.py"), str(package / "_runtime")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert ruff.returncode == 0, ruff.stdout + ruff.stderr


@pytest.mark.parametrize(
    "title",
    [
        'a"b',
        "a'b",
        "a\\nb",
        "line\nbreak",
        '"""',
        "\x00\x1f",
        "é日本",
        "😀",
        "\u2028",
        "{{ x }}",
        "</script>",
        "x " * 80,
    ],
)
def test_any_title_renders_valid_python(tmp_path: Path, title: str) -> None:
    context = dict(FAKE_CONTEXT, service_title=title, package_name="pkg_x")
    source = render("client_otc.py.jinja", context)
    tree = ast.parse(source)
    values = {
        node.targets[0].id if isinstance(node, ast.Assign) else node.target.id: node.value  # type: ignore[union-attr]
        for node in tree.body
        if isinstance(node, ast.Assign | ast.AnnAssign)
    }
    assert ast.literal_eval(values["SERVICE_TITLE"]) == title


def test_runtime_is_self_contained() -> None:
    """Only relative imports between runtime modules; stdlib and httpx otherwise."""
    allowed = set(sys.stdlib_module_names) | {"httpx", "__future__"}
    for path in RUNTIME.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name.split(".")[0] for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:  # relative
                    continue
                names = [(node.module or "").split(".")[0]]
            else:
                continue
            assert set(names) <= allowed, f"{path.name} imports {names}"


def test_readme_usage_renders(tmp_path: Path) -> None:
    base = dict(FAKE_CONTEXT, service_title="ModelArts", package_name="otc_modelarts_client")
    generic = render("client_readme_usage.md.jinja", base)
    assert "pip install otc-modelarts-client" in generic
    assert "from otc_modelarts_client.otc import TokenAuth, connect" in generic
    assert "AkSkAuth(" in generic and "OTCAPIError" in generic
    snippet = "from otc_modelarts_client.api.jobs import list_jobs\n\njobs = list_jobs.sync(project_id, client=client)"
    specific = render("client_readme_usage.md.jinja", dict(base, example_call=snippet, distribution="otc-ma"))
    assert snippet in specific and "pip install otc-ma" in specific
    assert "<operation>" not in specific


def test_readme_python_blocks_compile() -> None:
    text = render("client_readme_usage.md.jinja", dict(FAKE_CONTEXT, package_name="otc_x_client"))
    blocks = [b.split("\n", 1)[1] for b in text.split("```")[1::2] if b.startswith("python")]
    assert len(blocks) >= 3
    for block in blocks:
        if "<" not in block:  # the generic call example has placeholders
            compile(block, "README", "exec")


def test_fresh_package_imports_without_the_generator(tmp_path: Path) -> None:
    """The vendored copy works where the generator is not installed."""
    write_client_package(tmp_path, "otc_iso_client", dict(FAKE_CONTEXT, package_name="otc_iso_client"))
    code = (
        "import sys; sys.modules['generator'] = None\n"
        "from otc_iso_client.otc import connect, TokenAuth\n"
        "print(type(connect('eu-de', auth=TokenAuth('t'))).__name__)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "AuthenticatedClient"
    assert httpx  # httpx is the only third-party import the copy needs (with attrs for client.py)
