"""Microsoft Partner Center (user licenses): PartnerCenter (sync) and AsyncPartnerCenter.

MS-RequestId and MS-CorrelationId are fresh UUIDs per call unless given; MS-RequestId stays the same
across the retries of one call (the server uses it for idempotency).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar
from uuid import UUID

import httpx
from partner_center_client import Client
from partner_center_client.api.customer_users import get_user_licenses
from partner_center_client.models import LicenseCollection
from partner_center_client.types import UNSET

from ._base import AsyncBase, Call, SyncBase
from ._secret import Secret
from .auth import ClientCredentials, RefreshTokenCredentials
from .errors import FamilyError, PartnerCenterError
from .sweep import SweepResult, asweep, sweep
from .token_credential import AnyTokenCredential, TokenCredential
from .transport import CallIds, RetryPolicy

DEFAULT_BASE_URL = "https://api.partnercenter.microsoft.com"
TOKEN_URL = "https://login.microsoftonline.com/organizations/oauth2/v2.0/token"
SCOPE = "https://api.partnercenter.microsoft.com/user_impersonation offline_access"
# A TokenCredential is asked for one scope: `.default` (App+User for a user's credential such as the
# Azure CLI's; an app's credential gets an app-only token, which this operation refuses with 900329).
CREDENTIAL_SCOPE = "https://api.partnercenter.microsoft.com/.default"

UserKey = tuple[UUID, str]  # (customer tenant id, user id or UPN)


class _PartnerCenter:
    """What both twins share: the API's settings and each operation's Call (no I/O)."""

    family: ClassVar[type[FamilyError]] = PartnerCenterError
    ids = CallIds(correlation="MS-CorrelationId", request_id="MS-RequestId")
    client_class = Client
    api_name = "partner-center"
    token_url = TOKEN_URL
    scope = SCOPE
    credential_scope = CREDENTIAL_SCOPE

    @staticmethod
    def _get_user_licenses(
        customer_id: UUID,
        user_id: str,
        license_group_ids: Sequence[str] | None,
        request_id: UUID | None,
        correlation_id: UUID | None,
    ) -> Call[LicenseCollection]:
        return Call(
            get_user_licenses,
            {
                "customer_id": customer_id,
                "user_id": user_id,
                "license_group_ids": UNSET if license_group_ids is None else list(license_group_ids),
                "ms_request_id": UNSET if request_id is None else request_id,
                "ms_correlation_id": UNSET if correlation_id is None else correlation_id,
            },
        )


class PartnerCenter(_PartnerCenter, SyncBase[Client]):
    """Sync Partner Center client. `.generated` is the generated Client, ready for plain sync() calls."""

    def __init__(
        self,
        base_url: str = DEFAULT_BASE_URL,
        *,
        credentials: RefreshTokenCredentials | ClientCredentials | TokenCredential | None = None,
        token: str | Secret | None = None,
        retry: RetryPolicy | None = None,
        timeout: httpx.Timeout | float | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        super().__init__(base_url, credentials, token, retry, timeout, transport)

    def get_user_licenses(
        self,
        customer_id: UUID,
        user_id: str,
        *,
        license_group_ids: Sequence[str] | None = None,
        request_id: UUID | None = None,
        correlation_id: UUID | None = None,
    ) -> LicenseCollection:
        call = self._get_user_licenses(customer_id, user_id, license_group_ids, request_id, correlation_id)
        return self._call(call)

    def sweep_user_licenses(
        self,
        users: Iterable[UserKey],
        *,
        license_group_ids: Sequence[str] | None = None,
        max_in_flight: int = 8,
    ) -> SweepResult[UserKey, LicenseCollection]:
        """Licenses of many (customer, user) pairs, at most `max_in_flight` requests at a time (threads)."""
        return sweep(
            users,
            lambda key: self.get_user_licenses(key[0], key[1], license_group_ids=license_group_ids),
            max_in_flight=max_in_flight,
        )


class AsyncPartnerCenter(_PartnerCenter, AsyncBase[Client]):
    """Async Partner Center client. `.generated` is the generated Client, ready for plain asyncio() calls."""

    def __init__(
        self,
        base_url: str = DEFAULT_BASE_URL,
        *,
        credentials: RefreshTokenCredentials | ClientCredentials | AnyTokenCredential | None = None,
        token: str | Secret | None = None,
        retry: RetryPolicy | None = None,
        timeout: httpx.Timeout | float | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        super().__init__(base_url, credentials, token, retry, timeout, transport)

    async def get_user_licenses(
        self,
        customer_id: UUID,
        user_id: str,
        *,
        license_group_ids: Sequence[str] | None = None,
        request_id: UUID | None = None,
        correlation_id: UUID | None = None,
    ) -> LicenseCollection:
        call = self._get_user_licenses(customer_id, user_id, license_group_ids, request_id, correlation_id)
        return await self._call(call)

    async def sweep_user_licenses(
        self,
        users: Iterable[UserKey],
        *,
        license_group_ids: Sequence[str] | None = None,
        max_in_flight: int = 8,
    ) -> SweepResult[UserKey, LicenseCollection]:
        """Licenses of many (customer, user) pairs, at most `max_in_flight` requests at a time (asyncio)."""

        async def fetch(key: UserKey) -> LicenseCollection:
            return await self.get_user_licenses(key[0], key[1], license_group_ids=license_group_ids)

        return await asweep(users, fetch, max_in_flight=max_in_flight)
