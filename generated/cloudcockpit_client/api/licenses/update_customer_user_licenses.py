from typing import Any, cast
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.update_customer_user_licenses_request import (
    UpdateCustomerUserLicensesRequest,
)
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
    customer_id: UUID,
    customer_user_id: UUID,
    *,
    body: UpdateCustomerUserLicensesRequest,
    x_tenant: str,
    x_correlation_id: UUID | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["X-Tenant"] = x_tenant

    if not isinstance(x_correlation_id, Unset):
        headers["X-Correlation-Id"] = str(x_correlation_id)

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/v1/Customers/{customer_id}/users/{customer_user_id}/licenses".format(
            customer_id=quote(str(customer_id), safe=""),
            customer_user_id=quote(str(customer_user_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | ErrorResponse | None:
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
) -> Any | ErrorResponse | None:
    if response.status_code == 200:
        response_200 = cast(Any, None)
        return response_200

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(read_json(response))

        return response_400

    if response.status_code == 401:
        response_401 = cast(Any, None)
        return response_401

    if response.status_code == 403:
        response_403 = cast(Any, None)
        return response_403

    if response.status_code == 404:
        response_404 = ErrorResponse.from_dict(read_json(response))

        return response_404

    if response.status_code == 413:
        response_413 = cast(Any, None)
        return response_413

    if response.status_code == 415:
        response_415 = cast(Any, None)
        return response_415

    if response.status_code == 500:
        response_500 = ErrorResponse.from_dict(read_json(response))

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | ErrorResponse]:
    return Response(
        status_code=http_status(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    customer_id: UUID,
    customer_user_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateCustomerUserLicensesRequest,
    x_tenant: str,
    x_correlation_id: UUID | Unset = UNSET,
) -> Response[Any | ErrorResponse]:
    """Updates a customer user licenses

     Updates the specified customer user licenses. Since this resource is specific to the Microsoft
    provider, this request is only valid for provider customers that belong to a Microsoft
    tenant/provider.

    The body's list is `customerUserLicenses` as in the vendor's request example, although the prose
    calls it `licenses` (see Contradictions). The answer is 200 with no body (inferred: documented as
    "OK" with no attributes). 413 and 415 are not documented by the vendor (inferred: a body over
    1 MiB, a body that is not application/json).

    Args:
        customer_id (UUID):
        customer_user_id (UUID):
        x_tenant (str):
        x_correlation_id (UUID | Unset):
        body (UpdateCustomerUserLicensesRequest): Body of updateCustomerUserLicenses. The page's
            prose names the list `licenses`, its request example `customerUserLicenses`; the example
            reflects the vendor's schema and is followed here. (inferred: both properties are
            required.)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorResponse]
    """

    kwargs = _get_kwargs(
        customer_id=customer_id,
        customer_user_id=customer_user_id,
        body=body,
        x_tenant=x_tenant,
        x_correlation_id=x_correlation_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    customer_id: UUID,
    customer_user_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateCustomerUserLicensesRequest,
    x_tenant: str,
    x_correlation_id: UUID | Unset = UNSET,
) -> Any | ErrorResponse | None:
    """Updates a customer user licenses

     Updates the specified customer user licenses. Since this resource is specific to the Microsoft
    provider, this request is only valid for provider customers that belong to a Microsoft
    tenant/provider.

    The body's list is `customerUserLicenses` as in the vendor's request example, although the prose
    calls it `licenses` (see Contradictions). The answer is 200 with no body (inferred: documented as
    "OK" with no attributes). 413 and 415 are not documented by the vendor (inferred: a body over
    1 MiB, a body that is not application/json).

    Args:
        customer_id (UUID):
        customer_user_id (UUID):
        x_tenant (str):
        x_correlation_id (UUID | Unset):
        body (UpdateCustomerUserLicensesRequest): Body of updateCustomerUserLicenses. The page's
            prose names the list `licenses`, its request example `customerUserLicenses`; the example
            reflects the vendor's schema and is followed here. (inferred: both properties are
            required.)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorResponse
    """

    return sync_detailed(
        customer_id=customer_id,
        customer_user_id=customer_user_id,
        client=client,
        body=body,
        x_tenant=x_tenant,
        x_correlation_id=x_correlation_id,
    ).parsed


async def asyncio_detailed(
    customer_id: UUID,
    customer_user_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateCustomerUserLicensesRequest,
    x_tenant: str,
    x_correlation_id: UUID | Unset = UNSET,
) -> Response[Any | ErrorResponse]:
    """Updates a customer user licenses

     Updates the specified customer user licenses. Since this resource is specific to the Microsoft
    provider, this request is only valid for provider customers that belong to a Microsoft
    tenant/provider.

    The body's list is `customerUserLicenses` as in the vendor's request example, although the prose
    calls it `licenses` (see Contradictions). The answer is 200 with no body (inferred: documented as
    "OK" with no attributes). 413 and 415 are not documented by the vendor (inferred: a body over
    1 MiB, a body that is not application/json).

    Args:
        customer_id (UUID):
        customer_user_id (UUID):
        x_tenant (str):
        x_correlation_id (UUID | Unset):
        body (UpdateCustomerUserLicensesRequest): Body of updateCustomerUserLicenses. The page's
            prose names the list `licenses`, its request example `customerUserLicenses`; the example
            reflects the vendor's schema and is followed here. (inferred: both properties are
            required.)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorResponse]
    """

    kwargs = _get_kwargs(
        customer_id=customer_id,
        customer_user_id=customer_user_id,
        body=body,
        x_tenant=x_tenant,
        x_correlation_id=x_correlation_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    customer_id: UUID,
    customer_user_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateCustomerUserLicensesRequest,
    x_tenant: str,
    x_correlation_id: UUID | Unset = UNSET,
) -> Any | ErrorResponse | None:
    """Updates a customer user licenses

     Updates the specified customer user licenses. Since this resource is specific to the Microsoft
    provider, this request is only valid for provider customers that belong to a Microsoft
    tenant/provider.

    The body's list is `customerUserLicenses` as in the vendor's request example, although the prose
    calls it `licenses` (see Contradictions). The answer is 200 with no body (inferred: documented as
    "OK" with no attributes). 413 and 415 are not documented by the vendor (inferred: a body over
    1 MiB, a body that is not application/json).

    Args:
        customer_id (UUID):
        customer_user_id (UUID):
        x_tenant (str):
        x_correlation_id (UUID | Unset):
        body (UpdateCustomerUserLicensesRequest): Body of updateCustomerUserLicenses. The page's
            prose names the list `licenses`, its request example `customerUserLicenses`; the example
            reflects the vendor's schema and is followed here. (inferred: both properties are
            required.)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorResponse
    """

    return (
        await asyncio_detailed(
            customer_id=customer_id,
            customer_user_id=customer_user_id,
            client=client,
            body=body,
            x_tenant=x_tenant,
            x_correlation_id=x_correlation_id,
        )
    ).parsed
