from typing import Any, cast
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.customer_license_create import CustomerLicenseCreate
from ...models.customer_license_created import CustomerLicenseCreated
from ...types import Response, check_parsed, gc_paused, http_status, read_json


def _get_kwargs(
    draas_instance: str,
    uuid: UUID,
    *,
    body: CustomerLicenseCreate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v01/draas/{draas_instance}/groups/{uuid}/customer_licenses".format(
            draas_instance=quote(str(draas_instance), safe=""),
            uuid=quote(str(uuid), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | CustomerLicenseCreated | None:
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
) -> Any | CustomerLicenseCreated | None:
    if response.status_code == 200:
        response_200 = CustomerLicenseCreated.from_dict(read_json(response))

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

    if response.status_code == 413:
        response_413 = cast(Any, None)
        return response_413

    if response.status_code == 415:
        response_415 = cast(Any, None)
        return response_415

    if response.status_code == 500:
        response_500 = cast(Any, None)
        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | CustomerLicenseCreated]:
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
    body: CustomerLicenseCreate,
) -> Response[Any | CustomerLicenseCreated]:
    """Create a new customer's license

     This endpoint allows to add a new customer's license to a group.

    Required role: `groups.instance.customer_license.create` (singular `customer_license`, as the page
    spells it; also in `x-required-role`).

    The answer is 200 (not 201) with the new license's `id`, usable with the get, update and delete
    operations (see the links). A second license with an SKU already present in the group is refused
    with 400 (inferred: the reference's reading; the page documents 400 as "Error while creating the
    customer's license").

    Args:
        draas_instance (str):
        uuid (UUID):
        body (CustomerLicenseCreate): A new customer's license. The SKU must not already be used
            by a license of the group (inferred: a duplicate is refused with 400).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | CustomerLicenseCreated]
    """

    kwargs = _get_kwargs(
        draas_instance=draas_instance,
        uuid=uuid,
        body=body,
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
    body: CustomerLicenseCreate,
) -> Any | CustomerLicenseCreated | None:
    """Create a new customer's license

     This endpoint allows to add a new customer's license to a group.

    Required role: `groups.instance.customer_license.create` (singular `customer_license`, as the page
    spells it; also in `x-required-role`).

    The answer is 200 (not 201) with the new license's `id`, usable with the get, update and delete
    operations (see the links). A second license with an SKU already present in the group is refused
    with 400 (inferred: the reference's reading; the page documents 400 as "Error while creating the
    customer's license").

    Args:
        draas_instance (str):
        uuid (UUID):
        body (CustomerLicenseCreate): A new customer's license. The SKU must not already be used
            by a license of the group (inferred: a duplicate is refused with 400).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | CustomerLicenseCreated
    """

    return sync_detailed(
        draas_instance=draas_instance,
        uuid=uuid,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    draas_instance: str,
    uuid: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: CustomerLicenseCreate,
) -> Response[Any | CustomerLicenseCreated]:
    """Create a new customer's license

     This endpoint allows to add a new customer's license to a group.

    Required role: `groups.instance.customer_license.create` (singular `customer_license`, as the page
    spells it; also in `x-required-role`).

    The answer is 200 (not 201) with the new license's `id`, usable with the get, update and delete
    operations (see the links). A second license with an SKU already present in the group is refused
    with 400 (inferred: the reference's reading; the page documents 400 as "Error while creating the
    customer's license").

    Args:
        draas_instance (str):
        uuid (UUID):
        body (CustomerLicenseCreate): A new customer's license. The SKU must not already be used
            by a license of the group (inferred: a duplicate is refused with 400).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | CustomerLicenseCreated]
    """

    kwargs = _get_kwargs(
        draas_instance=draas_instance,
        uuid=uuid,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    draas_instance: str,
    uuid: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: CustomerLicenseCreate,
) -> Any | CustomerLicenseCreated | None:
    """Create a new customer's license

     This endpoint allows to add a new customer's license to a group.

    Required role: `groups.instance.customer_license.create` (singular `customer_license`, as the page
    spells it; also in `x-required-role`).

    The answer is 200 (not 201) with the new license's `id`, usable with the get, update and delete
    operations (see the links). A second license with an SKU already present in the group is refused
    with 400 (inferred: the reference's reading; the page documents 400 as "Error while creating the
    customer's license").

    Args:
        draas_instance (str):
        uuid (UUID):
        body (CustomerLicenseCreate): A new customer's license. The SKU must not already be used
            by a license of the group (inferred: a duplicate is refused with 400).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | CustomerLicenseCreated
    """

    return (
        await asyncio_detailed(
            draas_instance=draas_instance,
            uuid=uuid,
            client=client,
            body=body,
        )
    ).parsed
