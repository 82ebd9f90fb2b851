"""A client library for accessing Netaxis Fusion provisioning API - customer's licenses"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
