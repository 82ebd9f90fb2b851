from typing import Any, cast
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.customer_license_details import CustomerLicenseDetails
from ...types import Response, check_parsed, gc_paused, http_status, read_json


def _get_kwargs(
    draas_instance: str,
    uuid: UUID,
    id: int,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v01/draas/{draas_instance}/groups/{uuid}/customer_licenses/{id}".format(
            draas_instance=quote(str(draas_instance), safe=""),
            uuid=quote(str(uuid), safe=""),
            id=quote(str(id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | CustomerLicenseDetails | None:
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
) -> Any | CustomerLicenseDetails | None:
    if response.status_code == 200:
        response_200 = CustomerLicenseDetails.from_dict(read_json(response))

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
) -> Response[Any | CustomerLicenseDetails]:
    return Response(
        status_code=http_status(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    draas_instance: str,
    uuid: UUID,
    id: int,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Any | CustomerLicenseDetails]:
    """Get the details of a customer's license

     Returns the customer's license details.

    Required role: `groups.instance.customer_licenses.instance.read` (also in `x-required-role`).

    The page's parameter table omits `uuid` although the path holds it; it is documented here as on
    the update and delete pages. The answer does not repeat the license's `id`.

    Args:
        draas_instance (str):
        uuid (UUID):
        id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | CustomerLicenseDetails]
    """

    kwargs = _get_kwargs(
        draas_instance=draas_instance,
        uuid=uuid,
        id=id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    draas_instance: str,
    uuid: UUID,
    id: int,
    *,
    client: AuthenticatedClient | Client,
) -> Any | CustomerLicenseDetails | None:
    """Get the details of a customer's license

     Returns the customer's license details.

    Required role: `groups.instance.customer_licenses.instance.read` (also in `x-required-role`).

    The page's parameter table omits `uuid` although the path holds it; it is documented here as on
    the update and delete pages. The answer does not repeat the license's `id`.

    Args:
        draas_instance (str):
        uuid (UUID):
        id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | CustomerLicenseDetails
    """

    return sync_detailed(
        draas_instance=draas_instance,
        uuid=uuid,
        id=id,
        client=client,
    ).parsed


async def asyncio_detailed(
    draas_instance: str,
    uuid: UUID,
    id: int,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Any | CustomerLicenseDetails]:
    """Get the details of a customer's license

     Returns the customer's license details.

    Required role: `groups.instance.customer_licenses.instance.read` (also in `x-required-role`).

    The page's parameter table omits `uuid` although the path holds it; it is documented here as on
    the update and delete pages. The answer does not repeat the license's `id`.

    Args:
        draas_instance (str):
        uuid (UUID):
        id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | CustomerLicenseDetails]
    """

    kwargs = _get_kwargs(
        draas_instance=draas_instance,
        uuid=uuid,
        id=id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    draas_instance: str,
    uuid: UUID,
    id: int,
    *,
    client: AuthenticatedClient | Client,
) -> Any | CustomerLicenseDetails | None:
    """Get the details of a customer's license

     Returns the customer's license details.

    Required role: `groups.instance.customer_licenses.instance.read` (also in `x-required-role`).

    The page's parameter table omits `uuid` although the path holds it; it is documented here as on
    the update and delete pages. The answer does not repeat the license's `id`.

    Args:
        draas_instance (str):
        uuid (UUID):
        id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | CustomerLicenseDetails
    """

    return (
        await asyncio_detailed(
            draas_instance=draas_instance,
            uuid=uuid,
            id=id,
            client=client,
        )
    ).parsed
