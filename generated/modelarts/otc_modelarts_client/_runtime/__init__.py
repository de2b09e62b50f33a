"""OTC runtime for generated clients: authentication, endpoints, errors and retries.

This package is copied verbatim into every generated client as ``<package>/_runtime/``.
Why vendored rather than published as a shared library:

* each service ships as one self-contained wheel: nothing else to publish, version or
  keep compatible across clients generated at different times;
* a client keeps the exact runtime it was generated and tested with, so upgrading one
  service's client never changes another's behaviour;
* the cost (a few hundred lines per wheel) is small next to the generated models.

Hence the rules for this code: relative imports only, and no dependency beyond the
standard library and ``httpx`` (which the generated client needs anyway), except PyYAML,
imported only when a clouds.yaml / secure.yaml is really read (:mod:`.cloudconfig`).

Example:
    >>> from otc_modelarts_client.client import AuthenticatedClient  # doctest: +SKIP
    >>> client = build_client(  # doctest: +SKIP
    ...     AuthenticatedClient,
    ...     endpoint_template="https://modelarts.{region}.otc.t-systems.com",
    ...     region="eu-de",
    ...     project_id="0123456789abcdef",
    ...     auth=AkSkAuth("MY_AK", "MY_SK", project_id="0123456789abcdef"),
    ... )
"""

from .auth import AkSkAuth, Secret, TokenAuth
from .cloudconfig import CloudConfig, OTCConfigError, load_cloud_config
from .endpoints import resolve_base_url
from .errors import OTCAPIError, OTCResponseShapeError, RaiseForOTCError
from .factory import DEFAULT_TIMEOUT, ConnectOptions, build_client
from .iam import PasswordAuth
from .retry import RetryPolicy, RetryTransport
from .session import connect_service

__all__ = [
    "DEFAULT_TIMEOUT",
    "AkSkAuth",
    "CloudConfig",
    "ConnectOptions",
    "OTCAPIError",
    "OTCResponseShapeError",
    "OTCConfigError",
    "PasswordAuth",
    "RaiseForOTCError",
    "RetryPolicy",
    "RetryTransport",
    "Secret",
    "TokenAuth",
    "build_client",
    "connect_service",
    "load_cloud_config",
    "resolve_base_url",
]
