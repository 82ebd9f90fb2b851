from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...types import Response, check_parsed, gc_paused, http_status


def _get_kwargs(
    draas_instance: str,
    uuid: UUID,
    id: int,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/api/v01/draas/{draas_instance}/groups/{uuid}/customer_licenses/{id}".format(
            draas_instance=quote(str(draas_instance), safe=""),
            uuid=quote(str(uuid), safe=""),
            id=quote(str(id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | None:
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
) -> Any | None:
    if response.status_code == 204:
        return None

    if response.status_code == 400:
        return None

    if response.status_code == 401:
        return None

    if response.status_code == 403:
        return None

    if response.status_code == 404:
        return None

    if response.status_code == 500:
        return None

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any]:
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
) -> Response[Any]:
    """Delete an existing customer's license

     This endpoint allows to delete an existing customer's license.

    Required role: `groups.instance.customer_license.instance.delete` (singular `customer_license`, as
    the page spells it; also in `x-required-role`).

    An unknown `id`, including one already deleted, is answered 404 (inferred).

    Args:
        draas_instance (str):
        uuid (UUID):
        id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any]
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


async def asyncio_detailed(
    draas_instance: str,
    uuid: UUID,
    id: int,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Any]:
    """Delete an existing customer's license

     This endpoint allows to delete an existing customer's license.

    Required role: `groups.instance.customer_license.instance.delete` (singular `customer_license`, as
    the page spells it; also in `x-required-role`).

    An unknown `id`, including one already deleted, is answered 404 (inferred).

    Args:
        draas_instance (str):
        uuid (UUID):
        id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any]
    """

    kwargs = _get_kwargs(
        draas_instance=draas_instance,
        uuid=uuid,
        id=id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)
