from typing import Any, cast
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.azure_entitlement import AzureEntitlement
from ...models.error_response import ErrorResponse
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
    subscription_id: UUID,
    *,
    reseller_id: UUID | Unset = UNSET,
    x_tenant: str,
    x_correlation_id: UUID | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["X-Tenant"] = x_tenant

    if not isinstance(x_correlation_id, Unset):
        headers["X-Correlation-Id"] = str(x_correlation_id)

    params: dict[str, Any] = {}

    json_reseller_id: str | Unset = UNSET
    if not isinstance(reseller_id, Unset):
        json_reseller_id = str(reseller_id)
    params["resellerId"] = json_reseller_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/customers/{customer_id}/subscriptions/{subscription_id}/azure-entitlements".format(
            customer_id=quote(str(customer_id), safe=""),
            subscription_id=quote(str(subscription_id), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | ErrorResponse | list[AzureEntitlement] | None:
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
) -> Any | ErrorResponse | list[AzureEntitlement] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = read_json(response)
        for response_200_item_data in _response_200:
            response_200_item = AzureEntitlement.from_dict(response_200_item_data)

            response_200.append(response_200_item)

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

    if response.status_code == 500:
        response_500 = ErrorResponse.from_dict(read_json(response))

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | ErrorResponse | list[AzureEntitlement]]:
    return Response(
        status_code=http_status(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    customer_id: UUID,
    subscription_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    reseller_id: UUID | Unset = UNSET,
    x_tenant: str,
    x_correlation_id: UUID | Unset = UNSET,
) -> Response[Any | ErrorResponse | list[AzureEntitlement]]:
    """List all azure entitlements Subscriptions

     Returns a list of azure entitlements subscriptions for the provided parent subscription id.

    The answer is a bare JSON array of AzureEntitlement. 401 and 403 are not listed on this page
    (inferred: the vendor's other pages answer them with no body).

    Args:
        customer_id (UUID):
        subscription_id (UUID):
        reseller_id (UUID | Unset):
        x_tenant (str):
        x_correlation_id (UUID | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorResponse | list[AzureEntitlement]]
    """

    kwargs = _get_kwargs(
        customer_id=customer_id,
        subscription_id=subscription_id,
        reseller_id=reseller_id,
        x_tenant=x_tenant,
        x_correlation_id=x_correlation_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    customer_id: UUID,
    subscription_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    reseller_id: UUID | Unset = UNSET,
    x_tenant: str,
    x_correlation_id: UUID | Unset = UNSET,
) -> Any | ErrorResponse | list[AzureEntitlement] | None:
    """List all azure entitlements Subscriptions

     Returns a list of azure entitlements subscriptions for the provided parent subscription id.

    The answer is a bare JSON array of AzureEntitlement. 401 and 403 are not listed on this page
    (inferred: the vendor's other pages answer them with no body).

    Args:
        customer_id (UUID):
        subscription_id (UUID):
        reseller_id (UUID | Unset):
        x_tenant (str):
        x_correlation_id (UUID | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorResponse | list[AzureEntitlement]
    """

    return sync_detailed(
        customer_id=customer_id,
        subscription_id=subscription_id,
        client=client,
        reseller_id=reseller_id,
        x_tenant=x_tenant,
        x_correlation_id=x_correlation_id,
    ).parsed


async def asyncio_detailed(
    customer_id: UUID,
    subscription_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    reseller_id: UUID | Unset = UNSET,
    x_tenant: str,
    x_correlation_id: UUID | Unset = UNSET,
) -> Response[Any | ErrorResponse | list[AzureEntitlement]]:
    """List all azure entitlements Subscriptions

     Returns a list of azure entitlements subscriptions for the provided parent subscription id.

    The answer is a bare JSON array of AzureEntitlement. 401 and 403 are not listed on this page
    (inferred: the vendor's other pages answer them with no body).

    Args:
        customer_id (UUID):
        subscription_id (UUID):
        reseller_id (UUID | Unset):
        x_tenant (str):
        x_correlation_id (UUID | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorResponse | list[AzureEntitlement]]
    """

    kwargs = _get_kwargs(
        customer_id=customer_id,
        subscription_id=subscription_id,
        reseller_id=reseller_id,
        x_tenant=x_tenant,
        x_correlation_id=x_correlation_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    customer_id: UUID,
    subscription_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    reseller_id: UUID | Unset = UNSET,
    x_tenant: str,
    x_correlation_id: UUID | Unset = UNSET,
) -> Any | ErrorResponse | list[AzureEntitlement] | None:
    """List all azure entitlements Subscriptions

     Returns a list of azure entitlements subscriptions for the provided parent subscription id.

    The answer is a bare JSON array of AzureEntitlement. 401 and 403 are not listed on this page
    (inferred: the vendor's other pages answer them with no body).

    Args:
        customer_id (UUID):
        subscription_id (UUID):
        reseller_id (UUID | Unset):
        x_tenant (str):
        x_correlation_id (UUID | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorResponse | list[AzureEntitlement]
    """

    return (
        await asyncio_detailed(
            customer_id=customer_id,
            subscription_id=subscription_id,
            client=client,
            reseller_id=reseller_id,
            x_tenant=x_tenant,
            x_correlation_id=x_correlation_id,
        )
    ).parsed
