from typing import Any, cast
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.customer_license_list import CustomerLicenseList
from ...types import (
    UNSET,
    Response,
    Unset,
    check_parsed,
    gc_paused,
    http_status,
    read_json,
)


def _get_kwargs(
    draas_instance: str,
    uuid: UUID,
    *,
    page_size: int | Unset = 10,
    next_: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["page_size"] = page_size

    params["next"] = next_

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v01/draas/{draas_instance}/tenants/{uuid}/customer_licenses".format(
            draas_instance=quote(str(draas_instance), safe=""),
            uuid=quote(str(uuid), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | CustomerLicenseList | None:
    """licensekit: a body that breaks the spec raises errors.InvalidResponse (raw body kept), never a bare
    KeyError / TypeError / ValueError / JSONDecodeError or a model holding wrong types."""
    try:
        with gc_paused():
            parsed = _parse_documented(client=client, response=response)
            check_parsed(parsed)
    except (
        KeyError,
        TypeError,
        ValueError,
        AttributeError,
        IndexError,
        RecursionError,
    ) as exc:
        raise errors.InvalidResponse.from_exception(
            response.status_code, response.content, exc
        ) from None
    return parsed


def _parse_documented(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | CustomerLicenseList | None:
    if response.status_code == 200:
        response_200 = CustomerLicenseList.from_dict(read_json(response))

        return response_200

    if response.status_code == 400:
        response_400 = cast(Any, None)
        return response_400

    if response.status_code == 401:
        response_401 = cast(Any, None)
        return response_401

    if response.status_code == 403:
        response_403 = cast(Any, None)
        return response_403

    if response.status_code == 404:
        response_404 = cast(Any, None)
        return response_404

    if response.status_code == 500:
        response_500 = cast(Any, None)
        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | CustomerLicenseList]:
    return Response(
        status_code=http_status(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    draas_instance: str,
    uuid: UUID,
    *,
    client: AuthenticatedClient | Client,
    page_size: int | Unset = 10,
    next_: str | Unset = UNSET,
) -> Response[Any | CustomerLicenseList]:
    """Get the list of the customer's licenses (tenant)

     List all the customer's licenses of a tenant.

    Required role: `tenants.instance.customer_licenses.list` (also in `x-required-role`).

    Paginated: `page_size` sets the page length (default 10) and the `next` token of an answer fetches
    the following page; `next` is present only while more records follow.

    Args:
        draas_instance (str):
        uuid (UUID):
        page_size (int | Unset):  Default: 10.
        next_ (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | CustomerLicenseList]
    """

    kwargs = _get_kwargs(
        draas_instance=draas_instance,
        uuid=uuid,
        page_size=page_size,
        next_=next_,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    draas_instance: str,
    uuid: UUID,
    *,
    client: AuthenticatedClient | Client,
    page_size: int | Unset = 10,
    next_: str | Unset = UNSET,
) -> Any | CustomerLicenseList | None:
    """Get the list of the customer's licenses (tenant)

     List all the customer's licenses of a tenant.

    Required role: `tenants.instance.customer_licenses.list` (also in `x-required-role`).

    Paginated: `page_size` sets the page length (default 10) and the `next` token of an answer fetches
    the following page; `next` is present only while more records follow.

    Args:
        draas_instance (str):
        uuid (UUID):
        page_size (int | Unset):  Default: 10.
        next_ (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | CustomerLicenseList
    """

    return sync_detailed(
        draas_instance=draas_instance,
        uuid=uuid,
        client=client,
        page_size=page_size,
        next_=next_,
    ).parsed


async def asyncio_detailed(
    draas_instance: str,
    uuid: UUID,
    *,
    client: AuthenticatedClient | Client,
    page_size: int | Unset = 10,
    next_: str | Unset = UNSET,
) -> Response[Any | CustomerLicenseList]:
    """Get the list of the customer's licenses (tenant)

     List all the customer's licenses of a tenant.

    Required role: `tenants.instance.customer_licenses.list` (also in `x-required-role`).

    Paginated: `page_size` sets the page length (default 10) and the `next` token of an answer fetches
    the following page; `next` is present only while more records follow.

    Args:
        draas_instance (str):
        uuid (UUID):
        page_size (int | Unset):  Default: 10.
        next_ (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | CustomerLicenseList]
    """

    kwargs = _get_kwargs(
        draas_instance=draas_instance,
        uuid=uuid,
        page_size=page_size,
        next_=next_,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    draas_instance: str,
    uuid: UUID,
    *,
    client: AuthenticatedClient | Client,
    page_size: int | Unset = 10,
    next_: str | Unset = UNSET,
) -> Any | CustomerLicenseList | None:
    """Get the list of the customer's licenses (tenant)

     List all the customer's licenses of a tenant.

    Required role: `tenants.instance.customer_licenses.list` (also in `x-required-role`).

    Paginated: `page_size` sets the page length (default 10) and the `next` token of an answer fetches
    the following page; `next` is present only while more records follow.

    Args:
        draas_instance (str):
        uuid (UUID):
        page_size (int | Unset):  Default: 10.
        next_ (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | CustomerLicenseList
    """

    return (
        await asyncio_detailed(
            draas_instance=draas_instance,
            uuid=uuid,
            client=client,
            page_size=page_size,
            next_=next_,
        )
    ).parsed
