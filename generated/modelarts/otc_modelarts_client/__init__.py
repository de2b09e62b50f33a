"""A client library for accessing ModelArts"""

from .client import AuthenticatedClient, Client
from .otc import OTCAPIError, OTCConfigError, connect

__all__ = (
    "AuthenticatedClient",
    "Client",
    "OTCAPIError",
    "OTCConfigError",
    "connect",
)
