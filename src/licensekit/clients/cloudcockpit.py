"""CloudCockpit CSP API: CloudCockpit (sync) and AsyncCloudCockpit.

X-Tenant is sent on every call; X-Correlation-Id is a fresh UUID per call unless given.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, ClassVar
from uuid import UUID

import httpx
from cloudcockpit_client import Client
from cloudcockpit_client.api.licenses import list_customer_licenses, update_customer_user_licenses
from cloudcockpit_client.api.subscriptions import list_azure_entitlements
from cloudcockpit_client.models import (
    AzureEntitlement,
    CustomerUserLicenseUpdate,
    License,
    UpdateCustomerUserLicensesRequest,
)
from cloudcockpit_client.types import UNSET, Unset

from ._base import AsyncBase, Call, SyncBase
from ._secret import Secret
from .auth import ClientCredentials, RefreshTokenCredentials
from .errors import CloudCockpitError, FamilyError
from .sweep import SweepResult, asweep, sweep
from .token_credential import AnyTokenCredential, TokenCredential
from .transport import CallIds, RetryPolicy

DEFAULT_BASE_URL = "https://api.cloudcockpit.com"
TOKEN_URL = "https://login.microsoftonline.com/4e806121-ff28-4286-ab4e-3be0a08f9ce0/oauth2/v2.0/token"
SCOPE = "api://b92a36a4-feb8-4f47-a69c-29a180aa6d0a/.default"


def _opt(value: Any) -> Any:
    return UNSET if value is None else value


def as_update(item: License | CustomerUserLicenseUpdate) -> CustomerUserLicenseUpdate:
    """A PATCH item from a License as read (its seat counts travel along, as in the vendor's example)."""
    if isinstance(item, CustomerUserLicenseUpdate):
        return item
    if isinstance(item.sku_id, Unset) or isinstance(item.is_selected, Unset):
        raise ValueError("a license sent back in an update needs skuId and isSelected")
    return CustomerUserLicenseUpdate.from_dict(item.to_dict())


class _CloudCockpit:
    """What both twins share: the API's settings and each operation's Call (no I/O)."""

    family: ClassVar[type[FamilyError]] = CloudCockpitError
    ids = CallIds(correlation="X-Correlation-Id")
    client_class = Client
    api_name = "cloudcockpit"
    token_url = TOKEN_URL
    scope = SCOPE
    credential_scope = SCOPE  # already the single `.default` scope a TokenCredential is asked for
    tenant: str

    def _header_args(self, correlation_id: UUID | None) -> dict[str, Any]:
        return {"x_tenant": self.tenant, "x_correlation_id": _opt(correlation_id)}

    def _list_customer_licenses(
        self, customer_id: UUID, provider_instance_id: UUID, reseller_id: UUID | None, cid: UUID | None
    ) -> Call[list[License]]:
        return Call(
            list_customer_licenses,
            {
                "customer_id": customer_id,
                "provider_instance_id": provider_instance_id,
                "reseller_id": _opt(reseller_id),
                **self._header_args(cid),
            },
        )

    def _update_customer_user_licenses(
        self,
        customer_id: UUID,
        customer_user_id: UUID,
        provider_instance_id: UUID,
        licenses: Sequence[License | CustomerUserLicenseUpdate],
        cid: UUID | None,
    ) -> Call[None]:
        body = UpdateCustomerUserLicensesRequest(
            provider_instance_id=provider_instance_id, customer_user_licenses=[as_update(x) for x in licenses]
        )
        return Call(
            update_customer_user_licenses,
            {
                "customer_id": customer_id,
                "customer_user_id": customer_user_id,
                "body": body,
                **self._header_args(cid),
            },
            empty_ok=True,
        )

    def _list_azure_entitlements(
        self, customer_id: UUID, subscription_id: UUID, reseller_id: UUID | None, cid: UUID | None
    ) -> Call[list[AzureEntitlement]]:
        return Call(
            list_azure_entitlements,
            {
                "customer_id": customer_id,
                "subscription_id": subscription_id,
                "reseller_id": _opt(reseller_id),
                **self._header_args(cid),
            },
        )


class CloudCockpit(_CloudCockpit, SyncBase[Client]):
    """Sync CloudCockpit client. `.generated` is the generated Client, ready for plain sync() calls."""

    def __init__(
        self,
        base_url: str = DEFAULT_BASE_URL,
        *,
        tenant: str,
        credentials: ClientCredentials | RefreshTokenCredentials | TokenCredential | None = None,
        token: str | Secret | None = None,
        retry: RetryPolicy | None = None,
        timeout: httpx.Timeout | float | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.tenant = tenant
        super().__init__(base_url, credentials, token, retry, timeout, transport, {"X-Tenant": tenant})

    def list_customer_licenses(
        self,
        customer_id: UUID,
        *,
        provider_instance_id: UUID,
        reseller_id: UUID | None = None,
        correlation_id: UUID | None = None,
    ) -> list[License]:
        call = self._list_customer_licenses(customer_id, provider_instance_id, reseller_id, correlation_id)
        return self._call(call)

    def update_customer_user_licenses(
        self,
        customer_id: UUID,
        customer_user_id: UUID,
        *,
        provider_instance_id: UUID,
        licenses: Sequence[License | CustomerUserLicenseUpdate],
        correlation_id: UUID | None = None,
    ) -> None:
        """PATCH: never retried automatically (a throttled or failed call raises)."""
        self._call(
            self._update_customer_user_licenses(
                customer_id, customer_user_id, provider_instance_id, licenses, correlation_id
            )
        )

    def list_azure_entitlements(
        self,
        customer_id: UUID,
        subscription_id: UUID,
        *,
        reseller_id: UUID | None = None,
        correlation_id: UUID | None = None,
    ) -> list[AzureEntitlement]:
        call = self._list_azure_entitlements(customer_id, subscription_id, reseller_id, correlation_id)
        return self._call(call)

    def sweep_customer_licenses(
        self, customer_ids: Iterable[UUID], *, provider_instance_id: UUID, max_in_flight: int = 8
    ) -> SweepResult[UUID, list[License]]:
        """Licenses of many customers, at most `max_in_flight` requests at a time (threads)."""
        return sweep(
            customer_ids,
            lambda cid: self.list_customer_licenses(cid, provider_instance_id=provider_instance_id),
            max_in_flight=max_in_flight,
        )


class AsyncCloudCockpit(_CloudCockpit, AsyncBase[Client]):
    """Async CloudCockpit client. `.generated` is the generated Client, ready for plain asyncio() calls."""

    def __init__(
        self,
        base_url: str = DEFAULT_BASE_URL,
        *,
        tenant: str,
        credentials: ClientCredentials | RefreshTokenCredentials | AnyTokenCredential | None = None,
        token: str | Secret | None = None,
        retry: RetryPolicy | None = None,
        timeout: httpx.Timeout | float | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.tenant = tenant
        super().__init__(base_url, credentials, token, retry, timeout, transport, {"X-Tenant": tenant})

    async def list_customer_licenses(
        self,
        customer_id: UUID,
        *,
        provider_instance_id: UUID,
        reseller_id: UUID | None = None,
        correlation_id: UUID | None = None,
    ) -> list[License]:
        call = self._list_customer_licenses(customer_id, provider_instance_id, reseller_id, correlation_id)
        return await self._call(call)

    async def update_customer_user_licenses(
        self,
        customer_id: UUID,
        customer_user_id: UUID,
        *,
        provider_instance_id: UUID,
        licenses: Sequence[License | CustomerUserLicenseUpdate],
        correlation_id: UUID | None = None,
    ) -> None:
        """PATCH: never retried automatically (a throttled or failed call raises)."""
        await self._call(
            self._update_customer_user_licenses(
                customer_id, customer_user_id, provider_instance_id, licenses, correlation_id
            )
        )

    async def list_azure_entitlements(
        self,
        customer_id: UUID,
        subscription_id: UUID,
        *,
        reseller_id: UUID | None = None,
        correlation_id: UUID | None = None,
    ) -> list[AzureEntitlement]:
        call = self._list_azure_entitlements(customer_id, subscription_id, reseller_id, correlation_id)
        return await self._call(call)

    async def sweep_customer_licenses(
        self, customer_ids: Iterable[UUID], *, provider_instance_id: UUID, max_in_flight: int = 8
    ) -> SweepResult[UUID, list[License]]:
        """Licenses of many customers, at most `max_in_flight` requests at a time (asyncio)."""

        async def fetch(cid: UUID) -> list[License]:
            return await self.list_customer_licenses(cid, provider_instance_id=provider_instance_id)

        return await asweep(customer_ids, fetch, max_in_flight=max_in_flight)
