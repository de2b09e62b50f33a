"""connect() finds clouds.yaml, secure.yaml, OS_CLOUD and OS_* as openstacksdk does (HOME, cwd and
environment are temporary: see conftest.no_cloud_config_from_machine)."""

from __future__ import annotations

import textwrap
from pathlib import Path
from types import ModuleType

import pytest
from fake_iam import IAM_URL, PASSWORD, PROJECT_ID, FakeIAM

from generator.client.runtime import AkSkAuth, OTCConfigError, PasswordAuth, TokenAuth, load_cloud_config
from generator.client.runtime.session import credentials_from

CLOUDS = """\
clouds:
  otc:
    region_name: eu-nl
    auth:
      auth_url: {iam}
      username: alice
      user_domain_name: OTC-EU-DE-00000000001000000001
      project_name: eu-nl_prod
  other:
    auth:
      auth_url: {iam}
      username: bob
      password: bobs-password
      user_domain_name: OTC-EU-DE-00000000001000000002
      project_id: bbbb
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def home_config(home: Path) -> Path:
    return home / ".config" / "openstack"


def test_cwd_wins_over_home_and_secure_yaml_is_merged(no_cloud_config_from_machine: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    home = no_cloud_config_from_machine
    write(home_config(home) / "clouds.yaml", CLOUDS.format(iam=IAM_URL))
    write(home_config(home) / "secure.yaml", "clouds:\n  otc:\n    auth:\n      password: from-secure\n")
    cfg = load_cloud_config("otc")
    assert cfg is not None and cfg.source == str(home_config(home) / "clouds.yaml")
    assert (cfg.username, cfg.project_name, cfg.region) == ("alice", "eu-nl_prod", "eu-nl")
    assert cfg.password is not None and cfg.password.reveal() == "from-secure"
    assert "from-secure" not in repr(cfg)
    # A clouds.yaml in the working folder comes first (secure.yaml is still found in HOME).
    work = tmp_path / "work"
    write(work / "clouds.yaml", "clouds:\n  otc:\n    auth:\n      username: carol\n")
    monkeypatch.chdir(work)
    cfg = load_cloud_config("otc")
    assert cfg is not None and cfg.username == "carol" and cfg.source == str(work / "clouds.yaml")
    assert cfg.password is not None and cfg.password.reveal() == "from-secure"


def test_search_order_xdg_site_and_override_file(no_cloud_config_from_machine: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    home = no_cloud_config_from_machine
    etc = write(home / "etc-openstack" / "clouds.yml", "clouds:\n  site: {region_name: eu-de}\n")
    assert load_cloud_config().name == "site"  # type: ignore[union-attr]
    xdg = write(home / "xdg-home" / "openstack" / "clouds.yaml", "clouds:\n  xdg: {region_name: eu-nl}\n")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(xdg.parent.parent))
    assert load_cloud_config().name == "xdg"  # type: ignore[union-attr]
    named = write(tmp_path / "elsewhere.json", '{"clouds": {"json": {"region_name": "eu-ch2"}}}')
    monkeypatch.setenv("OS_CLIENT_CONFIG_FILE", str(named))
    cfg = load_cloud_config()
    assert cfg is not None and (cfg.name, cfg.region, cfg.source) == ("json", "eu-ch2", str(named))
    monkeypatch.setenv("OS_CLIENT_CONFIG_FILE", str(tmp_path / "missing.yaml"))
    with pytest.raises(OTCConfigError, match=r"OS_CLIENT_CONFIG_FILE=.*missing\.yaml: no such file"):
        load_cloud_config()
    assert etc.exists()


def test_cloud_selection(no_cloud_config_from_machine: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    clouds = write(home_config(no_cloud_config_from_machine) / "clouds.yaml", CLOUDS.format(iam=IAM_URL))
    with pytest.raises(OTCConfigError, match=r"several clouds \(otc, other\).*OS_CLOUD") as caught:
        load_cloud_config()
    assert str(clouds) in str(caught.value)
    assert load_cloud_config(required=False) is None  # explicit credentials: no choice needed
    monkeypatch.setenv("OS_CLOUD", "other")
    assert load_cloud_config().username == "bob"  # type: ignore[union-attr]
    assert load_cloud_config("otc").username == "alice"  # type: ignore[union-attr]  # the argument wins
    with pytest.raises(OTCConfigError, match=r"cloud 'nope' not found .*clouds\.yaml; clouds defined: otc, other"):
        load_cloud_config("nope")


def test_environment_cloud() -> None:
    env = {
        "OS_AUTH_URL": IAM_URL, "OS_USERNAME": "env-user", "OS_PASSWORD": "env-pw", "OS_DOMAIN_NAME": "OTC-1",
        "OS_PROJECT_ID": PROJECT_ID, "OS_REGION_NAME": "eu-nl", "OS_AUTH_TOKEN": "env-token",
        "OS_TEST_TIMEOUT": "60",  # CI switches are no settings
    }  # fmt: skip
    cfg = load_cloud_config(environ=env, search_dirs=())
    assert cfg is not None and (cfg.name, cfg.source) == ("envvars", "environment")
    assert (cfg.auth_url, cfg.username, cfg.user_domain_name, cfg.project_id, cfg.region) == (
        IAM_URL, "env-user", "OTC-1", PROJECT_ID, "eu-nl")
    assert cfg.token is not None and cfg.token.reveal() == "env-token"
    # Selectors alone make no cloud.
    assert load_cloud_config(environ={"OS_REGION_NAME": "eu-de", "OS_DNS_ENDPOINT_OVERRIDE": "http://x"},
                             search_dirs=()) is None
    assert load_cloud_config(environ=dict(env, OS_CLOUD_NAME="mine"), search_dirs=()).name == "mine"  # type: ignore[union-attr]


def test_environment_versus_file_follows_openstacksdk(no_cloud_config_from_machine: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    write(home_config(no_cloud_config_from_machine) / "clouds.yaml",
          "clouds:\n  otc:\n    auth: {username: file-user}\n")
    monkeypatch.setenv("OS_USERNAME", "env-user")
    assert load_cloud_config().username == "env-user"  # type: ignore[union-attr]  # no OS_CLOUD: the OS_* cloud
    monkeypatch.setenv("OS_CLOUD", "otc")
    assert load_cloud_config().username == "file-user"  # type: ignore[union-attr]  # OS_CLOUD: the file, unmixed
    monkeypatch.setenv("OS_CLOUD", "envvars")
    assert load_cloud_config().username == "env-user"  # type: ignore[union-attr]


def test_aksk_the_way_otcextensions_reads_it(no_cloud_config_from_machine: Path) -> None:
    path = write(home_config(no_cloud_config_from_machine) / "clouds.yaml", """\
        clouds:
          top:
            ak: TOPAK
            sk: top-secret
            auth: {project_id: p1}
          inauth:
            auth: {access_key: AUTHAK, secret_key: auth-secret, security_token: sts-token}
          half:
            ak: ONLYAK
        """)
    top = credentials_from(load_cloud_config("top"), {})
    assert isinstance(top, AkSkAuth) and (top.ak, top.project_id) == ("TOPAK", "p1")
    inauth = credentials_from(load_cloud_config("inauth"), {})
    assert isinstance(inauth, AkSkAuth) and repr(inauth) == "AkSkAuth(ak='AUTHAK', sk=***, security_token=***)"
    with pytest.raises(OTCConfigError, match=rf"clouds\.half\.sk in {path} is missing"):
        credentials_from(load_cloud_config("half"), {})
    # S3_* variables complete a cloud without keys (otcextensions' get_ak_sk).
    env = {"S3_ACCESS_KEY_ID": "S3AK", "S3_SECRET_ACCESS_KEY": "s3-secret"}
    s3 = credentials_from(None, env)
    assert isinstance(s3, AkSkAuth) and s3.ak == "S3AK"


def test_credential_kinds_and_preference() -> None:
    both = {"OS_AUTH_URL": IAM_URL, "OS_USERNAME": "u", "OS_PASSWORD": "p", "OS_USER_DOMAIN_NAME": "d",
            "OS_ACCESS_KEY": "AK", "OS_SECRET_KEY": "SK"}
    cfg = load_cloud_config(environ=both, search_dirs=())
    assert isinstance(credentials_from(cfg, both), PasswordAuth)
    assert isinstance(credentials_from(cfg, both, service_type="obs"), AkSkAuth)  # OBS signs with AK/SK
    forced = dict(both, OS_AUTH_TYPE="aksk")
    assert isinstance(credentials_from(load_cloud_config(environ=forced, search_dirs=()), forced), AkSkAuth)
    token = {"OS_TOKEN": "tok", "OS_PROJECT_ID": "p"}
    auth = credentials_from(load_cloud_config(environ=token, search_dirs=()), token)
    assert isinstance(auth, TokenAuth) and repr(auth) == "TokenAuth(token=***, project_id='p')"
    bad = {"OS_AUTH_TYPE": "v3oidcpassword", "OS_USERNAME": "u"}
    with pytest.raises(OTCConfigError, match=r"OS_AUTH_TYPE \(environment\): 'v3oidcpassword' is not supported"):
        credentials_from(load_cloud_config(environ=bad, search_dirs=()), bad)


def test_broken_and_incomplete_files_name_file_and_key(no_cloud_config_from_machine: Path,
                                                       fake_otc: ModuleType) -> None:
    folder = home_config(no_cloud_config_from_machine)
    path = write(folder / "clouds.yaml", "clouds:\n  otc:\n    auth: {username: [unclosed\n")
    with pytest.raises(fake_otc.OTCConfigError, match=rf"{path}: not valid YAML \(line \d+, column \d+\)"):
        fake_otc.connect()
    write(folder / "clouds.yaml", "- just\n- a list\n")
    with pytest.raises(fake_otc.OTCConfigError, match=r"expected a mapping with a 'clouds' key, found list"):
        fake_otc.connect()
    write(folder / "clouds.yaml", "clouds:\n  otc:\n    auth: {username: alice, password: pw, user_domain_name: d}\n")
    with pytest.raises(fake_otc.OTCConfigError, match=rf"clouds\.otc\.auth\.auth_url in {path} is missing"):
        fake_otc.connect()
    write(folder / "clouds.yaml", f"clouds:\n  otc:\n    auth: {{auth_url: '{IAM_URL}', password: pw}}\n")
    with pytest.raises(fake_otc.OTCConfigError, match=r"clouds\.otc\.auth\.username in .* is missing"):
        fake_otc.connect()
    write(folder / "clouds.yaml", "clouds:\n  otc:\n    region_name: eu-de\n")
    with pytest.raises(fake_otc.OTCConfigError, match=r"cloud 'otc' \(.*clouds\.yaml\) has no credentials"):
        fake_otc.connect()
    (folder / "clouds.yaml").unlink()
    with pytest.raises(fake_otc.OTCConfigError, match=r"no OTC credentials: no clouds\.yaml in .*OS_\* variables"):
        fake_otc.connect()


def test_connect_from_clouds_yaml_fetches_token_and_project(no_cloud_config_from_machine: Path,
                                                            fake_otc: ModuleType) -> None:
    write(home_config(no_cloud_config_from_machine) / "clouds.yaml", CLOUDS.format(iam=IAM_URL))
    write(home_config(no_cloud_config_from_machine) / "secure.yaml",
          f"clouds:\n  otc:\n    auth:\n      password: {PASSWORD}\n")
    iam = FakeIAM()
    client = fake_otc.connect(cloud="otc", **iam.transports())
    # Only a project name was configured: connect() asked IAM once and took the token's project.
    assert client.project_id == PROJECT_ID and client.region == "eu-nl"
    assert iam.token_requests == [{"auth": {
        "identity": {"methods": ["password"], "password": {"user": {
            "password": PASSWORD, "name": "alice", "domain": {"name": "OTC-EU-DE-00000000001000000001"}}}},
        "scope": {"project": {"name": "eu-nl_prod"}}}}]
    assert iam.token_urls == [f"{IAM_URL}/auth/tokens?nocatalog=true"]
    for _ in range(3):
        assert client.get_httpx_client().get("/v1/x").json()["token"] == "tok-1"
    assert len(iam.token_requests) == 1
    assert str(iam.calls[0].url) == "https://fake.eu-nl.otc.t-systems.com/v1/x"
    assert repr(client) == (
        f"AuthenticatedClient(base_url='https://fake.eu-nl.otc.t-systems.com', region='eu-nl', "
        f"project_id='{PROJECT_ID}', auth='PasswordAuth')"
    )


def test_precedence_arguments_environment_file(no_cloud_config_from_machine: Path, fake_otc: ModuleType,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    write(home_config(no_cloud_config_from_machine) / "clouds.yaml", """\
        clouds:
          otc:
            region_name: eu-nl
            fake_endpoint_override: https://file-override.example/fake
            auth: {token: file-token, project_id: file-project}
        """)
    client = fake_otc.connect()
    assert (client.region, client.project_id) == ("eu-nl", "file-project")
    assert client._base_url == "https://file-override.example/fake"
    monkeypatch.setenv("OS_REGION_NAME", "eu-ch2")
    monkeypatch.setenv("OS_FAKE_ENDPOINT_OVERRIDE", "https://env-override.example")
    client = fake_otc.connect()
    assert client.region == "eu-ch2"
    assert client._base_url == "https://env-override.example"
    client = fake_otc.connect("eu-de", "arg-project", base_url="http://127.0.0.1:9/")
    assert (client.region, client.project_id) == ("eu-de", "arg-project")
    assert client._base_url == "http://127.0.0.1:9"
    monkeypatch.delenv("OS_FAKE_ENDPOINT_OVERRIDE")
    assert fake_otc.connect()._base_url == "https://file-override.example/fake"
    # An explicit auth still takes region, project and override from the selected cloud.
    client = fake_otc.connect(auth=fake_otc.TokenAuth("t"))
    assert (client.region, client.project_id) == ("eu-ch2", "file-project")
    assert repr(client).endswith("auth='TokenAuth')")


def test_region_from_project_name_and_tls_settings(no_cloud_config_from_machine: Path,
                                                   fake_otc: ModuleType) -> None:
    write(home_config(no_cloud_config_from_machine) / "clouds.yaml", """\
        clouds:
          otc:
            insecure: true
            auth: {token: t, project_id: p, project_name: eu-nl_analytics}
        """)
    client = fake_otc.connect()
    assert client.region == "eu-nl"
    assert client._verify_ssl is False
    assert fake_otc.connect(verify_ssl=True)._verify_ssl is True  # the argument wins
