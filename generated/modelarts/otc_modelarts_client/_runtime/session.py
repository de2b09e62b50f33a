"""``connect()`` with what the user already has: explicit arguments, ``OS_*`` variables, clouds.yaml.

Precedence, per setting (openstacksdk's, see :mod:`.cloudconfig` for how the cloud is chosen):

* credentials: ``auth=`` if given; else the selected cloud's — a token (``token`` /
  ``OS_TOKEN`` / ``OS_AUTH_TOKEN``), else a password (an IAM token is fetched and refreshed),
  else AK/SK (``access_key``/``ak``, ``secret_key``/``sk``, ``OS_ACCESS_KEY``,
  ``S3_ACCESS_KEY_ID`` ...). ``auth_type`` (``password``/``v3password``, ``token``/``v3token``,
  ``aksk``) forces one; OBS (service type ``obs``) prefers AK/SK, as otcextensions does;
* region: the ``region`` argument, ``OS_REGION_NAME`` (as ``openstack --os-region-name`` reads
  it), the cloud's ``region_name`` / first of ``regions``, the region a project name such as
  ``eu-de_myproject`` starts with (OTC project names are ``<region>[_<name>]``), the service's default;
* project id: the ``project_id`` argument, the cloud's ``project_id``, else the project of the
  IAM token (fetched by ``connect()`` itself when only a project name is configured);
* base URL: ``base_url``, ``OS_<SERVICE_TYPE>_ENDPOINT_OVERRIDE``, the cloud's
  ``<service_type>_endpoint_override``, else the service's endpoint in the region.
  An override is the URL the documented paths are appended to (scheme, host, optional prefix).
  Never a silent endpoint: an override this client cannot apply (it has no service type to match it
  by), or a region without a known endpoint of the service, is an :class:`OTCConfigError` naming
  what to set, never a quiet fall-back to the production endpoint;
* TLS: ``verify_ssl=``, else the cloud's ``verify`` / ``insecure`` / ``cacert``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import httpx

from .auth import AkSkAuth, TokenAuth
from .cloudconfig import CloudConfig, OTCConfigError, default_search_dirs, load_cloud_config
from .factory import DEFAULT_TIMEOUT, build_client
from .iam import PasswordAuth

__all__ = ["connect_service", "credentials_from", "override_variable"]

ClientT = TypeVar("ClientT")

_PROJECT_REGION = re.compile(r"([a-z]{2}-[a-z]+(?:-\d+)?)(?:_.*)?")
_PASSWORD_TYPES = frozenset({"password", "v3password"})
_TOKEN_TYPES = frozenset({"token", "v3token", "admin_token", "token_endpoint"})
_AKSK_TYPES = frozenset({"aksk", "ak_sk", "ak/sk"})


def _need(config: CloudConfig, value: str | None, key: str) -> str:
    if not value:
        raise OTCConfigError(f"{config.where(key)} is missing (needed for {config.auth_type or 'password'} auth)")
    return value


def _password(config: CloudConfig) -> PasswordAuth:
    if config.password is None:
        raise OTCConfigError(f"{config.where('auth.password')} is missing")
    if not (config.username or config.user_id):
        _need(config, None, "auth.username")
    if config.username and not config.user_id and not (config.user_domain_name or config.user_domain_id):
        _need(config, None, "auth.user_domain_name")
    return PasswordAuth(
        auth_url=_need(config, config.auth_url, "auth.auth_url"),
        password=config.password.reveal(),
        username=config.username,
        user_id=config.user_id,
        user_domain_name=config.user_domain_name,
        user_domain_id=config.user_domain_id,
        project_id=config.project_id,
        project_name=config.project_name,
        project_domain_name=config.project_domain_name,
        project_domain_id=config.project_domain_id,
    )


def credentials_from(
    config: CloudConfig | None,
    environ: Mapping[str, str],
    *,
    service_type: str | None = None,
) -> httpx.Auth | None:
    """The ``httpx.Auth`` the cloud's settings describe, or None when they hold no credentials."""
    ak = (config.access_key if config else None) or environ.get("OS_ACCESS_KEY") or environ.get("S3_ACCESS_KEY_ID")
    sk_secret = config.secret_key if config else None
    sk = sk_secret.reveal() if sk_secret else environ.get("OS_SECRET_KEY") or environ.get("S3_SECRET_ACCESS_KEY")
    sts = config.security_token.reveal() if config and config.security_token else environ.get("OS_SECURITY_TOKEN")
    project_id = config.project_id if config else None

    def aksk() -> AkSkAuth:
        if not (ak and sk):
            where = config.where("sk" if ak else "ak") if config else "OS_ACCESS_KEY / OS_SECRET_KEY"
            raise OTCConfigError(f"{where} is missing (AK/SK auth needs both keys)")
        return AkSkAuth(ak, sk, project_id=project_id, security_token=sts or None)

    kind = (config.auth_type or "").lower() if config else ""
    if kind in _AKSK_TYPES:
        return aksk()
    if config is not None and kind in _TOKEN_TYPES:
        return TokenAuth(_need(config, config.token.reveal() if config.token else None, "auth.token"),
                         project_id=project_id)
    if config is not None and kind in _PASSWORD_TYPES:
        _need(config, config.password.reveal() if config.password else None, "auth.password")
        return _password(config)
    if kind and config is not None:
        raise OTCConfigError(f"{config.where('auth_type')}: {config.auth_type!r} is not supported here "
                             "(password, token or aksk)")
    if service_type == "obs" and ak and sk:
        return aksk()
    if config is not None and config.token is not None:
        return TokenAuth(config.token.reveal(), project_id=project_id)
    if config is not None and config.password is not None:
        return _password(config)
    if ak or sk:
        return aksk()
    return None


def connect_service(
    client_cls: Callable[..., ClientT],
    *,
    service_type: str | None,
    endpoint_template: str,
    default_region: str,
    region: str | None = None,
    endpoints: Mapping[str, str] | None = None,
    project_id: str | None = None,
    auth: httpx.Auth | None = None,
    base_url: str | None = None,
    cloud: str | None = None,
    environ: Mapping[str, str] | None = None,
    cwd: str | os.PathLike[str] | None = None,
    **options: Any,
) -> ClientT:
    """Resolve settings (module docstring), then :func:`build_client`."""
    env = os.environ if environ is None else environ
    config = load_cloud_config(cloud, environ=env, cwd=cwd, required=auth is None)
    if auth is None:
        auth = credentials_from(config, env, service_type=service_type)
        if auth is None:
            if config is not None:
                raise OTCConfigError(
                    f"cloud {config.name!r} ({config.source}) has no credentials: set auth.password "
                    "(with auth.username, auth.user_domain_name and auth.auth_url), auth.token, or ak and sk"
                )
            searched = ", ".join(str(d) for d in default_search_dirs(env, cwd))
            raise OTCConfigError(
                f"no OTC credentials: no clouds.yaml in {searched}, no OS_* variables (OS_AUTH_URL, "
                "OS_USERNAME, OS_PASSWORD, ... or OS_ACCESS_KEY / OS_SECRET_KEY); or pass auth=..."
            )
    if region is None:
        region = env.get("OS_REGION_NAME") or (config.region if config else None)
    if region is None and config is not None and config.project_name:
        if match := _PROJECT_REGION.fullmatch(config.project_name):
            region = match.group(1)
    if project_id is None and config is not None:
        project_id = config.project_id
    region = region or default_region
    if base_url is None and service_type:
        base_url = env.get(override_variable(service_type)) or (
            config.endpoint_override(service_type) if config else None
        )
    elif base_url is None and (configured := _configured_overrides(env, config)):
        raise OTCConfigError(
            f"{', '.join(configured)} set, but this client has no service type to match an endpoint override "
            "by, so it cannot tell whether that override is meant for it: pass base_url=... to connect()"
        )
    if base_url is None and endpoints is not None:
        if region not in endpoints:
            known = ", ".join(sorted(endpoints)) or "none"
            where = f"{override_variable(service_type)} or base_url=..." if service_type else "base_url=..."
            raise OTCConfigError(
                f"no known endpoint of this service in region {region!r} (regions with a known endpoint: {known});"
                f" set {where}"
            )
        endpoint_template = endpoints[region]
    if config is not None and config.verify is not None:
        options.setdefault("verify_ssl", config.verify)
    client = build_client(
        client_cls,
        endpoint_template=endpoint_template,
        region=region,
        project_id=project_id,
        auth=auth,
        base_url=base_url,
        **options,
    )
    if project_id is None and isinstance(auth, PasswordAuth) and auth.project_name:
        # The session's project id fills {project_id} in paths: learn it from the token now, on a connection
        # of its own: a request through the client's httpx client would open it, and `with connect() as
        # client:` could then not enter it any more.
        timeout = options.get("timeout", DEFAULT_TIMEOUT)
        trust_env = bool(dict(options.get("httpx_args") or {}).get("trust_env", True))
        with httpx.Client(transport=options.get("transport"), verify=options.get("verify_ssl", True),
                          timeout=timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout),
                          trust_env=trust_env) as http:
            auth.authenticate(http)
        if auth.project_id and hasattr(client, "project_id"):
            setattr(client, "project_id", auth.project_id)  # noqa: B010 (ClientT is any client class)
    return client


def override_variable(service_type: str) -> str:
    """``OS_<SERVICE_TYPE>_ENDPOINT_OVERRIDE``, as openstacksdk spells it."""
    return "OS_" + re.sub(r"[^A-Z0-9]", "_", service_type.upper()) + "_ENDPOINT_OVERRIDE"


def _configured_overrides(env: Mapping[str, str], config: CloudConfig | None) -> list[str]:
    """Every endpoint override the environment or the cloud sets, for any service."""
    found = sorted(k for k, v in env.items() if v and k.startswith("OS_") and k.endswith("_ENDPOINT_OVERRIDE"))
    if config is not None and config.source != "environment":  # the environment's are listed above
        found += [config.where(key) for key in sorted(config.endpoint_overrides)]
    return found
