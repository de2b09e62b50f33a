"""Find the credentials OTC users already have: clouds.yaml, secure.yaml and ``OS_*`` variables.

The rules are openstacksdk's (``openstack.config.loader``), so a setup that works for
``openstack --os-cloud otc ...`` or otcextensions works here:

* files: ``OS_CLIENT_CONFIG_FILE`` if set, else the first of ``clouds.{yaml,yml,json}`` in the
  current folder, ``$XDG_CONFIG_HOME/openstack``, ``~/.config/openstack``, ``/etc/xdg/openstack``
  (``$XDG_CONFIG_DIRS``) and ``/etc/openstack``; ``secure.*`` (or ``OS_CLIENT_SECURE_FILE``) is
  found the same way and merged over it, key by key;
* ``OS_*`` variables other than the selectors (``OS_CLOUD``, ``OS_REGION_NAME``,
  ``OS_CLIENT_CONFIG_FILE``, ``OS_CLIENT_SECURE_FILE``, ``OS_CLOUD_NAME``, and here also
  ``OS_<TYPE>_ENDPOINT_OVERRIDE``) form one more cloud, ``envvars`` (``OS_CLOUD_NAME``);
  ``OS_USER_DOMAIN_NAME`` becomes ``user_domain_name`` and so on;
* the cloud: the ``cloud`` argument, else ``OS_CLOUD``, else the ``envvars`` cloud if there is
  one, else the only cloud of the file. Like openstacksdk, variables and a file cloud are not
  mixed: with ``OS_CLOUD`` set, ``OS_USERNAME`` and friends are ignored.

AK/SK as otcextensions reads it: ``access_key``/``ak`` and ``secret_key``/``sk`` in the cloud
(or its ``auth`` section), else ``OS_ACCESS_KEY``/``S3_ACCESS_KEY_ID`` and
``OS_SECRET_KEY``/``S3_SECRET_ACCESS_KEY``; ``security_token`` (``OS_SECURITY_TOKEN``) for
temporary AK/SK.

YAML is parsed with PyYAML's safe loader, imported only when a YAML file is really read.

Example:
    >>> env = {"OS_AUTH_URL": "https://iam.eu-de.otc.t-systems.com/v3", "OS_USERNAME": "me",
    ...        "OS_PASSWORD": "pw", "OS_DOMAIN_NAME": "OTC-EU-DE-000", "OS_PROJECT_NAME": "eu-de_sub"}
    >>> cfg = load_cloud_config(environ=env, search_dirs=())
    >>> (cfg.name, cfg.username, cfg.user_domain_name, cfg.project_name, cfg.password)
    ('envvars', 'me', 'OTC-EU-DE-000', 'eu-de_sub', ***)
"""

from __future__ import annotations

import importlib
import json
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .auth import Secret

__all__ = ["CloudConfig", "OTCConfigError", "default_search_dirs", "load_cloud_config"]

CONFIG_NAMES = ("clouds.yaml", "clouds.yml", "clouds.json")
SECURE_NAMES = ("secure.yaml", "secure.yml", "secure.json")
SITE_CONFIG_DIRS: tuple[str, ...] = ("/etc/openstack",)
ENV_SELECTORS = frozenset({"OS_CLOUD", "OS_REGION_NAME", "OS_CLIENT_CONFIG_FILE", "OS_CLIENT_SECURE_FILE",
                           "OS_CLOUD_NAME"})
# openstacksdk leaves these out too: test and logging switches of the OpenStack CI tooling.
_ENV_IGNORED_PREFIXES = ("OS_TEST", "OS_STD", "OS_LOG")
_ENDPOINT_OVERRIDE_VAR = re.compile(r"OS_[A-Z0-9_]+_ENDPOINT_OVERRIDE")


class OTCConfigError(Exception):
    """The OTC configuration (clouds.yaml, secure.yaml, ``OS_*``) is missing, broken or incomplete.

    The message names the file (or the variables) and the key concerned; it never holds a secret.
    """


@dataclass(frozen=True)
class CloudConfig:
    """One cloud's settings, as read (secrets wrapped in :class:`Secret`)."""

    name: str
    source: str  # the file the cloud comes from, or "environment"
    auth_type: str | None = None
    auth_url: str | None = None
    username: str | None = None
    user_id: str | None = None
    password: Secret | None = None
    user_domain_name: str | None = None
    user_domain_id: str | None = None
    project_name: str | None = None
    project_id: str | None = None
    project_domain_name: str | None = None
    project_domain_id: str | None = None
    token: Secret | None = None
    access_key: str | None = None
    secret_key: Secret | None = None
    security_token: Secret | None = None
    region: str | None = None
    verify: bool | str | None = None
    endpoint_overrides: Mapping[str, str] = field(default_factory=dict)

    def where(self, key: str) -> str:
        """``key`` of this cloud, located for an error message."""
        if self.source == "environment":
            return f"OS_{key.rsplit('.', 1)[-1].upper()} (environment)"
        return f"clouds.{self.name}.{key} in {self.source}"

    def endpoint_override(self, service_type: str) -> str | None:
        """``<service_type>_endpoint_override`` (or the older ``<service_type>_endpoint``)."""
        key = service_type.lower().replace("-", "_")
        return self.endpoint_overrides.get(f"{key}_endpoint_override") or self.endpoint_overrides.get(
            f"{key}_endpoint"
        )


def default_search_dirs(environ: Mapping[str, str], cwd: str | os.PathLike[str] | None = None) -> list[Path]:
    """The folders searched for clouds.yaml / secure.yaml, in order (openstacksdk's list)."""
    home = environ.get("HOME") or os.path.expanduser("~")
    dirs = [Path(cwd) if cwd is not None else Path.cwd()]
    if xdg_home := environ.get("XDG_CONFIG_HOME"):
        dirs.append(Path(xdg_home) / "openstack")
    dirs.append(Path(home) / ".config" / "openstack")
    xdg_dirs = environ.get("XDG_CONFIG_DIRS") or "/etc/xdg"
    dirs.append(Path(xdg_dirs.split(os.pathsep)[0]) / "openstack")
    dirs.extend(Path(d) for d in SITE_CONFIG_DIRS)
    unique: list[Path] = []
    for d in dirs:
        if d not in unique:
            unique.append(d)
    return unique


def _parse(path: Path, text: str) -> Any:
    if path.suffix == ".json":
        try:
            return json.loads(text)
        except ValueError as exc:
            raise OTCConfigError(f"{path}: not valid JSON: {exc}") from None
    try:
        yaml = importlib.import_module("yaml")
    except ImportError:
        raise OTCConfigError(f"{path}: reading YAML needs PyYAML (pip install 'PyYAML>=5.4')") from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark is not None else ""
        problem = getattr(exc, "problem", None) or type(exc).__name__
        raise OTCConfigError(f"{path}: not valid YAML{where}: {problem}") from None


def _read(path: Path) -> dict[str, Any]:
    """The file's top-level mapping (with its ``clouds`` checked)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise OTCConfigError(f"{path}: cannot be read: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise OTCConfigError(f"{path}: not UTF-8 text") from None
    data = _parse(path, text)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise OTCConfigError(f"{path}: expected a mapping with a 'clouds' key, found {type(data).__name__}")
    clouds = data.get("clouds", {})
    if not isinstance(clouds, dict) or not all(isinstance(c, dict) for c in clouds.values()):
        raise OTCConfigError(f"{path}: 'clouds' must map cloud names to mappings")
    return data


def _first_file(names: Sequence[str], override: str | None, dirs: Sequence[Path], variable: str) -> Path | None:
    if override:
        path = Path(override)
        if not path.is_file():
            raise OTCConfigError(f"{variable}={override}: no such file")
        return path
    for d in dirs:
        for name in names:
            # An unreadable file is passed over, as openstacksdk does (e.g. another user's /etc copy).
            if (d / name).is_file() and os.access(d / name, os.R_OK):
                return d / name
    return None


def _merge(base: dict[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = _merge(dict(merged[key]), value)
        else:
            merged[key] = value
    return merged


def _environment_cloud(environ: Mapping[str, str]) -> dict[str, Any] | None:
    keys = [
        k for k in environ
        if k.startswith("OS_") and not k.startswith(_ENV_IGNORED_PREFIXES)
        and k not in ENV_SELECTORS and not _ENDPOINT_OVERRIDE_VAR.fullmatch(k)
    ]  # fmt: skip
    if not keys:
        return None
    cloud = {k[3:].lower(): environ[k] for k in keys}
    if "OS_REGION_NAME" in environ:
        cloud["region_name"] = environ["OS_REGION_NAME"]
    return cloud


_AUTH_KEYS = {
    "auth_url": ("auth_url",),
    "username": ("username", "user_name"),
    "user_id": ("user_id",),
    "password": ("password",),
    "user_domain_name": ("user_domain_name", "domain_name"),
    "user_domain_id": ("user_domain_id", "domain_id"),
    "project_name": ("project_name", "tenant_name"),
    "project_id": ("project_id", "tenant_id"),
    "project_domain_name": ("project_domain_name",),
    "project_domain_id": ("project_domain_id",),
    "token": ("token", "auth_token"),
    "access_key": ("access_key", "ak"),
    "secret_key": ("secret_key", "sk"),
    "security_token": ("security_token",),
}
_SECRETS = frozenset({"password", "token", "secret_key", "security_token"})


def _scalar(value: Any, where: str) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise OTCConfigError(f"{where}: expected a string, found {type(value).__name__}")
    return str(value)


def _region(raw: Mapping[str, Any], where: str) -> str | None:
    regions = raw.get("regions")
    if isinstance(regions, list) and regions:
        first = regions[0]
        name = first.get("name") if isinstance(first, Mapping) else first
        return _scalar(name, f"{where}.regions[0]")
    name = _scalar(raw.get("region_name"), f"{where}.region_name")
    return name.split(",")[0].strip() or None if name else None


def _verify(raw: Mapping[str, Any]) -> bool | str | None:
    if isinstance(insecure := raw.get("insecure"), bool | str) and str(insecure).lower() == "true":
        return False
    if isinstance(cacert := raw.get("cacert"), str) and cacert:
        return cacert
    verify = raw.get("verify")
    if isinstance(verify, bool):
        return verify
    if isinstance(verify, str) and verify.lower() in {"true", "false"}:
        return verify.lower() == "true"
    return None


def _cloud_config(name: str, raw: Mapping[str, Any], source: str) -> CloudConfig:
    where = f"clouds.{name}" if source != "environment" else "OS_*"
    auth = raw.get("auth") or {}
    if not isinstance(auth, Mapping):
        raise OTCConfigError(f"{where}.auth in {source}: expected a mapping")
    values: dict[str, Any] = {}
    for target, aliases in _AUTH_KEYS.items():
        found = None
        # The auth section first, as keystoneauth reads it; then the cloud's top level, where
        # otcextensions keeps ak/sk and where environment variables land.
        for section, prefix in ((auth, f"{where}.auth."), (raw, f"{where}.")):
            for alias in aliases:
                found = _scalar(section.get(alias), f"{prefix}{alias} in {source}")
                if found is not None:
                    break
            if found is not None:
                break
        values[target] = Secret(found) if found is not None and target in _SECRETS else found
    overrides = {
        k: v for k, v in raw.items()
        if isinstance(k, str) and isinstance(v, str) and k.endswith(("_endpoint_override", "_endpoint"))
    }  # fmt: skip
    return CloudConfig(
        name=name,
        source=source,
        auth_type=_scalar(raw.get("auth_type") or raw.get("auth_plugin"), f"{where}.auth_type in {source}"),
        region=_region(raw, f"{where} in {source}"),
        verify=_verify(raw),
        endpoint_overrides=overrides,
        **values,
    )


def load_cloud_config(
    cloud: str | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    cwd: str | os.PathLike[str] | None = None,
    search_dirs: Sequence[Path] | None = None,
    required: bool = True,
) -> CloudConfig | None:
    """The selected cloud, or None when nothing is configured.

    ``cloud`` (else ``OS_CLOUD``) names the cloud; an unknown name is an error. Without a name,
    several file clouds and no ``OS_*`` cloud are an error when ``required`` (the caller has no
    credentials of its own), else None. ``search_dirs`` replaces the default folders (tests).
    """
    env = os.environ if environ is None else environ
    dirs = default_search_dirs(env, cwd) if search_dirs is None else list(search_dirs)
    config_path = _first_file(CONFIG_NAMES, env.get("OS_CLIENT_CONFIG_FILE"), dirs, "OS_CLIENT_CONFIG_FILE")
    secure_path = _first_file(SECURE_NAMES, env.get("OS_CLIENT_SECURE_FILE"), dirs, "OS_CLIENT_SECURE_FILE")
    data = (_read(config_path) if config_path else None) or {}
    clouds: dict[str, Any] = dict(data.get("clouds") or {})
    if secure_path is not None and (secure := _read(secure_path)):
        clouds = _merge(clouds, secure.get("clouds") or {})
    source = str(config_path) if config_path else str(secure_path)
    env_key = env.get("OS_CLOUD_NAME") or "envvars"
    env_cloud = _environment_cloud(env)
    if env_cloud is not None and env_key in clouds:
        raise OTCConfigError(
            f"{source} defines a cloud named {env_key!r}, the name of the cloud made of OS_* variables: "
            "rename one of them (OS_CLOUD_NAME names the environment's cloud)"
        )
    name = cloud or env.get("OS_CLOUD") or None
    if name is not None:
        if env_cloud is not None and name == env_key:
            return _cloud_config(name, env_cloud, "environment")
        if name not in clouds:
            known = ", ".join(sorted(clouds)) or "none"
            looked = source if config_path or secure_path else "no clouds.yaml found in " + ", ".join(map(str, dirs))
            raise OTCConfigError(f"cloud {name!r} not found ({looked}; clouds defined: {known})")
        return _cloud_config(name, clouds[name], source)
    if env_cloud is not None:
        return _cloud_config(env_key, env_cloud, "environment")
    if len(clouds) == 1:
        (only,) = clouds
        return _cloud_config(only, clouds[only], source)
    if clouds and required:
        raise OTCConfigError(
            f"{source} defines several clouds ({', '.join(sorted(clouds))}): choose one with "
            "connect(cloud=...) or OS_CLOUD"
        )
    return None
