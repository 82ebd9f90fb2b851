from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.login_request import LoginRequest
from ...models.login_tokens import LoginTokens
from ...models.two_factor_challenge import TwoFactorChallenge
from ...types import Response, check_parsed, gc_paused, http_status, read_json


def _get_kwargs(
    *,
    body: LoginRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v01/auth/login",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | LoginTokens | TwoFactorChallenge | None:
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
) -> Any | LoginTokens | TwoFactorChallenge | None:
    if response.status_code == 200:

        def _parse_response_200(data: object) -> LoginTokens | TwoFactorChallenge:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_login_response_type_0 = TwoFactorChallenge.from_dict(
                    data
                )

                return componentsschemas_login_response_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_login_response_type_1 = LoginTokens.from_dict(data)

            return componentsschemas_login_response_type_1

        response_200 = _parse_response_200(read_json(response))

        return response_200

    if response.status_code == 400:
        response_400 = cast(Any, None)
        return response_400

    if response.status_code == 401:
        response_401 = cast(Any, None)
        return response_401

    if response.status_code == 413:
        response_413 = cast(Any, None)
        return response_413

    if response.status_code == 415:
        response_415 = cast(Any, None)
        return response_415

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | LoginTokens | TwoFactorChallenge]:
    return Response(
        status_code=http_status(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: LoginRequest,
) -> Response[Any | LoginTokens | TwoFactorChallenge]:
    """Login

     From Fusion's authentication page and the APIO engine's documentation, not from the "Customer's
    licenses" page.

    Authenticates with a username and a password. The answer holds an `access_token` (a JWT, valid for
    minutes, sent as `Authorization: Bearer <access_token>` on every other call), usually a
    `refresh_token` (sent as bearer to `GET /api/v01/auth/access_token` for a new access token) and a
    non-expiring `token`. When the user logs in from an unknown device and has two-factor
    authentication, the answer is `{"2fa_payload": ...}` instead, and the login is finished through
    `POST /api/v01/auth/2fa` (not described here).

    Wrong credentials are answered 401. No role is required and no token is sent (`security: []`).

    Args:
        body (LoginRequest): Credentials of a Fusion user.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | LoginTokens | TwoFactorChallenge]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: LoginRequest,
) -> Any | LoginTokens | TwoFactorChallenge | None:
    """Login

     From Fusion's authentication page and the APIO engine's documentation, not from the "Customer's
    licenses" page.

    Authenticates with a username and a password. The answer holds an `access_token` (a JWT, valid for
    minutes, sent as `Authorization: Bearer <access_token>` on every other call), usually a
    `refresh_token` (sent as bearer to `GET /api/v01/auth/access_token` for a new access token) and a
    non-expiring `token`. When the user logs in from an unknown device and has two-factor
    authentication, the answer is `{"2fa_payload": ...}` instead, and the login is finished through
    `POST /api/v01/auth/2fa` (not described here).

    Wrong credentials are answered 401. No role is required and no token is sent (`security: []`).

    Args:
        body (LoginRequest): Credentials of a Fusion user.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | LoginTokens | TwoFactorChallenge
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: LoginRequest,
) -> Response[Any | LoginTokens | TwoFactorChallenge]:
    """Login

     From Fusion's authentication page and the APIO engine's documentation, not from the "Customer's
    licenses" page.

    Authenticates with a username and a password. The answer holds an `access_token` (a JWT, valid for
    minutes, sent as `Authorization: Bearer <access_token>` on every other call), usually a
    `refresh_token` (sent as bearer to `GET /api/v01/auth/access_token` for a new access token) and a
    non-expiring `token`. When the user logs in from an unknown device and has two-factor
    authentication, the answer is `{"2fa_payload": ...}` instead, and the login is finished through
    `POST /api/v01/auth/2fa` (not described here).

    Wrong credentials are answered 401. No role is required and no token is sent (`security: []`).

    Args:
        body (LoginRequest): Credentials of a Fusion user.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | LoginTokens | TwoFactorChallenge]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: LoginRequest,
) -> Any | LoginTokens | TwoFactorChallenge | None:
    """Login

     From Fusion's authentication page and the APIO engine's documentation, not from the "Customer's
    licenses" page.

    Authenticates with a username and a password. The answer holds an `access_token` (a JWT, valid for
    minutes, sent as `Authorization: Bearer <access_token>` on every other call), usually a
    `refresh_token` (sent as bearer to `GET /api/v01/auth/access_token` for a new access token) and a
    non-expiring `token`. When the user logs in from an unknown device and has two-factor
    authentication, the answer is `{"2fa_payload": ...}` instead, and the login is finished through
    `POST /api/v01/auth/2fa` (not described here).

    Wrong credentials are answered 401. No role is required and no token is sent (`security: []`).

    Args:
        body (LoginRequest): Credentials of a Fusion user.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | LoginTokens | TwoFactorChallenge
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
