"""Netaxis Fusion provisioning API: Fusion (sync) and AsyncFusion, with draas_instance bound once.

Customer licenses can be listed at four levels (group, distributor, reseller, tenant);
iter_customer_licenses() follows `next` lazily, and stops with FusionPagingError on a `next` token that
repeats or cycles, on MAX_EMPTY_PAGES empty pages in a row that still carry `next`, and at `max_pages`.
Create, modify and delete exist at group level only.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from types import ModuleType
from typing import ClassVar, Literal
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

from ._base import AsyncBase, Call, SyncBase
from ._secret import Secret
from .auth import FusionLogin
from .errors import FamilyError, FusionError, FusionPagingError
from .transport import CallIds, RetryPolicy

DEFAULT_BASE_URL = "https://apioaas-prov.netaxis.cloud"
MAX_PAGES = 10_000
"""Default page cap of iter_customer_licenses(): 100,000 licenses at the default page size of 10."""
MAX_EMPTY_PAGES = 3
"""Empty pages in a row, each with a `next`, after which a server is taken to be stuck."""
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


def _items(page: CustomerLicenseList) -> list[CustomerLicense]:
    return page.licenses if isinstance(page.licenses, list) else []


class _Pager:
    """Follows `next` tokens; raises FusionPagingError when they cannot lead to an end."""

    def __init__(self, max_pages: int) -> None:
        if max_pages < 1:
            raise ValueError("max_pages must be at least 1")
        self.max_pages = max_pages
        self.pages = 0
        self.empty_in_row = 0
        self.seen: dict[str, int] = {}  # token -> the page that carried it

    def follow(self, page: CustomerLicenseList) -> str | None:
        """The token of the next page, None at the end."""
        self.pages += 1
        token = _next(page)
        if token is None:
            return None
        if (first := self.seen.get(token)) is not None:
            what = "repeats the one of the page before" if first == self.pages - 1 else "cycles back to"
            raise FusionPagingError(
                f"paging stopped: the `next` token of page {self.pages} {what}"
                + ("" if first == self.pages - 1 else f" page {first}")
                + " (the server would loop forever)"
            )
        self.seen[token] = self.pages
        self.empty_in_row = 0 if _items(page) else self.empty_in_row + 1
        if self.empty_in_row >= MAX_EMPTY_PAGES:
            raise FusionPagingError(
                f"paging stopped: {self.empty_in_row} empty pages in a row still carry a `next` token"
            )
        if self.pages >= self.max_pages:
            raise FusionPagingError(
                f"paging stopped at the page cap ({self.max_pages}, max_pages=) with a `next` token left"
            )
        return token


class _Fusion:
    """What both twins share: the API's settings and each operation's Call (no I/O)."""

    family: ClassVar[type[FamilyError]] = FusionError
    ids = CallIds(correlation=None)  # Fusion documents no correlation header
    client_class = Client
    api_name = "fusion"
    draas_instance: str

    def _list(
        self, level: Level, uuid: UUID, page_size: int | None, next_: str | None
    ) -> Call[CustomerLicenseList]:
        return Call(
            _list_op(level),
            {
                "draas_instance": self.draas_instance,
                "uuid": uuid,
                "page_size": UNSET if page_size is None else page_size,
                "next_": UNSET if next_ is None else next_,
            },
        )

    def _get(self, group_uuid: UUID, license_id: int) -> Call[CustomerLicenseDetails]:
        return Call(get_customer_license, self._at(group_uuid, id=license_id))

    def _create(self, group_uuid: UUID, body: CustomerLicenseCreate) -> Call[CustomerLicenseCreated]:
        return Call(create_customer_license, self._at(group_uuid, body=body))

    def _update(self, group_uuid: UUID, license_id: int, body: CustomerLicenseUpdate) -> Call[None]:
        return Call(update_customer_license, self._at(group_uuid, id=license_id, body=body), empty_ok=True)

    def _delete(self, group_uuid: UUID, license_id: int) -> Call[None]:
        return Call(delete_customer_license, self._at(group_uuid, id=license_id), empty_ok=True)

    def _at(self, group_uuid: UUID, **kwargs: object) -> dict[str, object]:
        return {"draas_instance": self.draas_instance, "uuid": group_uuid, **kwargs}


class Fusion(_Fusion, SyncBase[Client]):
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
        self.draas_instance = draas_instance
        super().__init__(base_url, credentials, token, retry, timeout, transport)

    def list_customer_licenses(
        self, level: Level, uuid: UUID, *, page_size: int | None = None, next_: str | None = None
    ) -> CustomerLicenseList:
        """One page of an entity's customer licenses."""
        return self._call(self._list(level, uuid, page_size, next_))

    def iter_customer_licenses(
        self, level: Level, uuid: UUID, *, page_size: int | None = None, max_pages: int = MAX_PAGES
    ) -> Iterator[CustomerLicense]:
        """Every customer license of the entity, fetching pages lazily as the iterator advances."""
        pager = _Pager(max_pages)
        next_: str | None = None
        while True:
            page = self.list_customer_licenses(level, uuid, page_size=page_size, next_=next_)
            yield from _items(page)
            if (next_ := pager.follow(page)) is None:
                return

    def get_customer_license(self, group_uuid: UUID, license_id: int) -> CustomerLicenseDetails:
        return self._call(self._get(group_uuid, license_id))

    def create_customer_license(
        self, group_uuid: UUID, body: CustomerLicenseCreate
    ) -> CustomerLicenseCreated:
        """POST: never retried automatically."""
        return self._call(self._create(group_uuid, body))

    def update_customer_license(self, group_uuid: UUID, license_id: int, body: CustomerLicenseUpdate) -> None:
        self._call(self._update(group_uuid, license_id, body))

    def delete_customer_license(self, group_uuid: UUID, license_id: int) -> None:
        self._call(self._delete(group_uuid, license_id))


class AsyncFusion(_Fusion, AsyncBase[Client]):
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
        self.draas_instance = draas_instance
        super().__init__(base_url, credentials, token, retry, timeout, transport)

    async def list_customer_licenses(
        self, level: Level, uuid: UUID, *, page_size: int | None = None, next_: str | None = None
    ) -> CustomerLicenseList:
        """One page of an entity's customer licenses."""
        return await self._call(self._list(level, uuid, page_size, next_))

    async def iter_customer_licenses(
        self, level: Level, uuid: UUID, *, page_size: int | None = None, max_pages: int = MAX_PAGES
    ) -> AsyncIterator[CustomerLicense]:
        """Every customer license of the entity, fetching pages lazily as the iterator advances."""
        pager = _Pager(max_pages)
        next_: str | None = None
        while True:
            page = await self.list_customer_licenses(level, uuid, page_size=page_size, next_=next_)
            for item in _items(page):
                yield item
            if (next_ := pager.follow(page)) is None:
                return

    async def get_customer_license(self, group_uuid: UUID, license_id: int) -> CustomerLicenseDetails:
        return await self._call(self._get(group_uuid, license_id))

    async def create_customer_license(
        self, group_uuid: UUID, body: CustomerLicenseCreate
    ) -> CustomerLicenseCreated:
        """POST: never retried automatically."""
        return await self._call(self._create(group_uuid, body))

    async def update_customer_license(
        self, group_uuid: UUID, license_id: int, body: CustomerLicenseUpdate
    ) -> None:
        await self._call(self._update(group_uuid, license_id, body))

    async def delete_customer_license(self, group_uuid: UUID, license_id: int) -> None:
        await self._call(self._delete(group_uuid, license_id))
