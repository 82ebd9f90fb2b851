from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.access_token import AccessToken
from ...types import Response, check_parsed, gc_paused, http_status, read_json


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v01/auth/access_token",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AccessToken | Any | None:
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
) -> AccessToken | Any | None:
    if response.status_code == 200:
        response_200 = AccessToken.from_dict(read_json(response))

        return response_200

    if response.status_code == 401:
        response_401 = cast(Any, None)
        return response_401

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[AccessToken | Any]:
    return Response(
        status_code=http_status(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[AccessToken | Any]:
    """Refresh the access token

     From the APIO engine's documentation, not from the "Customer's licenses" page.

    Returns a new access token. The call is authenticated with the **refresh token** returned by login,
    sent as `Authorization: Bearer <refresh_token>` through the same `bearerAuth` scheme (not with the
    access token). No role is required.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AccessToken | Any]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
) -> AccessToken | Any | None:
    """Refresh the access token

     From the APIO engine's documentation, not from the "Customer's licenses" page.

    Returns a new access token. The call is authenticated with the **refresh token** returned by login,
    sent as `Authorization: Bearer <refresh_token>` through the same `bearerAuth` scheme (not with the
    access token). No role is required.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AccessToken | Any
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[AccessToken | Any]:
    """Refresh the access token

     From the APIO engine's documentation, not from the "Customer's licenses" page.

    Returns a new access token. The call is authenticated with the **refresh token** returned by login,
    sent as `Authorization: Bearer <refresh_token>` through the same `bearerAuth` scheme (not with the
    access token). No role is required.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AccessToken | Any]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
) -> AccessToken | Any | None:
    """Refresh the access token

     From the APIO engine's documentation, not from the "Customer's licenses" page.

    Returns a new access token. The call is authenticated with the **refresh token** returned by login,
    sent as `Authorization: Bearer <refresh_token>` through the same `bearerAuth` scheme (not with the
    access token). No role is required.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AccessToken | Any
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
