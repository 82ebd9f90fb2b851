"""Netaxis Fusion provisioning API: Fusion (sync) and AsyncFusion, with draas_instance bound once.

Customer licenses can be listed at four levels (group, distributor, reseller, tenant);
iter_customer_licenses() follows `next` lazily. Create, modify and delete exist at group level only.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from types import ModuleType
from typing import Any, ClassVar, Literal, cast
from uuid import UUID

import httpx
from fusion_client import Client
from fusion_client.api.customer_licenses import (
    create_customer_license,
    delete_customer_license,
    get_customer_license,
    list_distributor_customer_licenses,
    list_group_customer_licenses,
    list_reseller_customer_licenses,
    list_tenant_customer_licenses,
    update_customer_license,
)
from fusion_client.models import (
    CustomerLicense,
    CustomerLicenseCreate,
    CustomerLicenseCreated,
    CustomerLicenseDetails,
    CustomerLicenseList,
    CustomerLicenseUpdate,
)
from fusion_client.types import UNSET

from ._base import AsyncBase, SyncBase, build_auth, generated_kwargs
from ._secret import Secret
from .auth import FusionLogin
from .errors import ApiError, FusionError
from .transport import CallIds, RetryPolicy

DEFAULT_BASE_URL = "https://apioaas-prov.netaxis.cloud"
Level = Literal["group", "distributor", "reseller", "tenant"]
_LIST: dict[str, ModuleType] = {
    "group": list_group_customer_licenses,
    "distributor": list_distributor_customer_licenses,
    "reseller": list_reseller_customer_licenses,
    "tenant": list_tenant_customer_licenses,
}


def _list_op(level: Level) -> ModuleType:
    try:
        return _LIST[level]
    except KeyError:
        raise ValueError(f"level must be one of {', '.join(_LIST)}, not {level!r}") from None


def _next(page: CustomerLicenseList) -> str | None:
    return page.next_ if isinstance(page.next_, str) and page.next_ else None


class _Common:
    error: ClassVar[type[ApiError]] = FusionError
    ids = CallIds(correlation=None)  # Fusion documents no correlation header

    def _setup(
        self, base_url: str, draas_instance: str, credentials: FusionLogin | None, token: str | Secret | None
    ) -> Any:
        self.draas_instance = draas_instance
        return build_auth(base_url=base_url, credentials=credentials, token=token, token_url="", scope="")

    def _list_kwargs(self, uuid: UUID, page_size: int | None, next_: str | None) -> dict[str, Any]:
        return {
            "draas_instance": self.draas_instance,
            "uuid": uuid,
            "page_size": UNSET if page_size is None else page_size,
            "next_": UNSET if next_ is None else next_,
        }


class Fusion(_Common, SyncBase[Client]):
    """Sync Fusion client. `.generated` is the generated Client (give it `draas_instance=`)."""

    def __init__(
        self,
        base_url: str = DEFAULT_BASE_URL,
        *,
        draas_instance: str,
        credentials: FusionLogin | None = None,
        token: str | Secret | None = None,
        retry: RetryPolicy | None = None,
        timeout: httpx.Timeout | float | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        auth = self._setup(base_url, draas_instance, credentials, token)
        SyncBase.__init__(self, base_url, auth, retry)
        self.generated = Client(
            **generated_kwargs(
                base_url, headers=None, timeout=timeout, auth=auth, transport=self._transport(transport)
            )
        )

    def list_customer_licenses(
        self, level: Level, uuid: UUID, *, page_size: int | None = None, next_: str | None = None
    ) -> CustomerLicenseList:
        """One page of an entity's customer licenses."""
        return cast(
            CustomerLicenseList, self._call(_list_op(level), **self._list_kwargs(uuid, page_size, next_))
        )

    def iter_customer_licenses(
        self, level: Level, uuid: UUID, *, page_size: int | None = None
    ) -> Iterator[CustomerLicense]:
        """Every customer license of the entity, fetching pages lazily as the iterator advances."""
        next_: str | None = None
        while True:
            page = self.list_customer_licenses(level, uuid, page_size=page_size, next_=next_)
            yield from page.licenses
            if (next_ := _next(page)) is None:
                return

    def get_customer_license(self, group_uuid: UUID, license_id: int) -> CustomerLicenseDetails:
        return cast(
            CustomerLicenseDetails,
            self._call(
                get_customer_license, draas_instance=self.draas_instance, uuid=group_uuid, id=license_id
            ),
        )

    def create_customer_license(
        self, group_uuid: UUID, body: CustomerLicenseCreate
    ) -> CustomerLicenseCreated:
        """POST: never retried automatically."""
        return cast(
            CustomerLicenseCreated,
            self._call(
                create_customer_license, draas_instance=self.draas_instance, uuid=group_uuid, body=body
            ),
        )

    def update_customer_license(self, group_uuid: UUID, license_id: int, body: CustomerLicenseUpdate) -> None:
        self._call(
            update_customer_license,
            draas_instance=self.draas_instance,
            uuid=group_uuid,
            id=license_id,
            body=body,
        )

    def delete_customer_license(self, group_uuid: UUID, license_id: int) -> None:
        self._call(
            delete_customer_license, draas_instance=self.draas_instance, uuid=group_uuid, id=license_id
        )


class AsyncFusion(_Common, AsyncBase[Client]):
    """Async Fusion client. `.generated` is the generated Client (give it `draas_instance=`)."""

    def __init__(
        self,
        base_url: str = DEFAULT_BASE_URL,
        *,
        draas_instance: str,
        credentials: FusionLogin | None = None,
        token: str | Secret | None = None,
        retry: RetryPolicy | None = None,
        timeout: httpx.Timeout | float | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        auth = self._setup(base_url, draas_instance, credentials, token)
        AsyncBase.__init__(self, base_url, auth, retry)
        self.generated = Client(
            **generated_kwargs(
                base_url, headers=None, timeout=timeout, auth=auth, transport=self._transport(transport)
            )
        )

    async def list_customer_licenses(
        self, level: Level, uuid: UUID, *, page_size: int | None = None, next_: str | None = None
    ) -> CustomerLicenseList:
        """One page of an entity's customer licenses."""
        return cast(
            CustomerLicenseList,
            await self._call(_list_op(level), **self._list_kwargs(uuid, page_size, next_)),
        )

    async def iter_customer_licenses(
        self, level: Level, uuid: UUID, *, page_size: int | None = None
    ) -> AsyncIterator[CustomerLicense]:
        """Every customer license of the entity, fetching pages lazily as the iterator advances."""
        next_: str | None = None
        while True:
            page = await self.list_customer_licenses(level, uuid, page_size=page_size, next_=next_)
            for item in page.licenses:
                yield item
            if (next_ := _next(page)) is None:
                return

    async def get_customer_license(self, group_uuid: UUID, license_id: int) -> CustomerLicenseDetails:
        return cast(
            CustomerLicenseDetails,
            await self._call(
                get_customer_license, draas_instance=self.draas_instance, uuid=group_uuid, id=license_id
            ),
        )

    async def create_customer_license(
        self, group_uuid: UUID, body: CustomerLicenseCreate
    ) -> CustomerLicenseCreated:
        """POST: never retried automatically."""
        return cast(
            CustomerLicenseCreated,
            await self._call(
                create_customer_license, draas_instance=self.draas_instance, uuid=group_uuid, body=body
            ),
        )

    async def update_customer_license(
        self, group_uuid: UUID, license_id: int, body: CustomerLicenseUpdate
    ) -> None:
        await self._call(
            update_customer_license,
            draas_instance=self.draas_instance,
            uuid=group_uuid,
            id=license_id,
            body=body,
        )

    async def delete_customer_license(self, group_uuid: UUID, license_id: int) -> None:
        await self._call(
            delete_customer_license, draas_instance=self.draas_instance, uuid=group_uuid, id=license_id
        )
