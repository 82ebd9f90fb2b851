"""A client library for accessing Microsoft Partner Center - Customer user licenses"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
