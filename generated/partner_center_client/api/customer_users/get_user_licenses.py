from typing import Any, cast
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_fault import ApiFault
from ...models.license_collection import LicenseCollection
from ...models.throttle_fault import ThrottleFault
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
    user_id: str,
    *,
    license_group_ids: list[str] | Unset = UNSET,
    ms_request_id: UUID | Unset = UNSET,
    ms_correlation_id: UUID | Unset = UNSET,
    ms_cv: str | Unset = UNSET,
    x_locale: str | Unset = "en-US",
    ms_partner_center_application: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(ms_request_id, Unset):
        headers["MS-RequestId"] = str(ms_request_id)

    if not isinstance(ms_correlation_id, Unset):
        headers["MS-CorrelationId"] = str(ms_correlation_id)

    if not isinstance(ms_cv, Unset):
        headers["MS-CV"] = ms_cv

    if not isinstance(x_locale, Unset):
        headers["X-Locale"] = x_locale

    if not isinstance(ms_partner_center_application, Unset):
        headers["MS-PartnerCenter-Application"] = ms_partner_center_application

    params: dict[str, Any] = {}

    json_license_group_ids: list[str] | Unset = UNSET
    if not isinstance(license_group_ids, Unset):
        json_license_group_ids = license_group_ids

    params["licenseGroupIds"] = json_license_group_ids

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/customers/{customer_id}/users/{user_id}/licenses".format(
            customer_id=quote(str(customer_id), safe=""),
            user_id=quote(str(user_id), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | ApiFault | LicenseCollection | ThrottleFault | None:
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
) -> Any | ApiFault | LicenseCollection | ThrottleFault | None:
    if response.status_code == 200:
        response_200 = LicenseCollection.from_dict(read_json(response))

        return response_200

    if response.status_code == 400:
        response_400 = ApiFault.from_dict(read_json(response))

        return response_400

    if response.status_code == 401:
        response_401 = cast(Any, None)
        return response_401

    if response.status_code == 403:
        response_403 = ApiFault.from_dict(read_json(response))

        return response_403

    if response.status_code == 404:
        response_404 = ApiFault.from_dict(read_json(response))

        return response_404

    if response.status_code == 429:
        response_429 = ThrottleFault.from_dict(read_json(response))

        return response_429

    if response.status_code == 500:
        response_500 = cast(Any, None)
        return response_500

    if response.status_code == 503:
        response_503 = cast(Any, None)
        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | ApiFault | LicenseCollection | ThrottleFault]:
    return Response(
        status_code=http_status(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    customer_id: UUID,
    user_id: str,
    *,
    client: AuthenticatedClient | Client,
    license_group_ids: list[str] | Unset = UNSET,
    ms_request_id: UUID | Unset = UNSET,
    ms_correlation_id: UUID | Unset = UNSET,
    ms_cv: str | Unset = UNSET,
    x_locale: str | Unset = "en-US",
    ms_partner_center_application: str | Unset = UNSET,
) -> Response[Any | ApiFault | LicenseCollection | ThrottleFault]:
    """Manage customer accounts - Get Licenses

     Gets the licenses assigned to a user of a customer tenant. Without `licenseGroupIds` only the
    licenses of group1 (products whose licenses Microsoft Entra ID manages) are returned; pass
    `licenseGroupIds` once per group, e.g. `?licenseGroupIds=Group1&licenseGroupIds=Group2`, to choose
    the groups. A user with no matching license gets 200 with `totalCount` 0 and an empty `items`
    list, not 404. Requires an App+User token; app-only tokens are refused with 403 (900329).

    Media types: only `application/json` is described here; the vendor also documents `text/json`,
    `application/xml` and `text/xml`, omitted on purpose.

    The endpoint is throttled: on 429 wait `Retry-After` seconds, then back off exponentially; never
    retry at once.

    Args:
        customer_id (UUID): The customer's tenant id (a GUID).
        user_id (str): The user id (GUID) or user principal name.
        license_group_ids (list[str] | Unset): License groups, case-insensitive: Group1 (Entra ID
            products), Group2 (Minecraft). Default: group1 only.
        ms_request_id (UUID | Unset): A GUID for idempotency; reuse it when retrying after a
            timeout. Example: 4b4c1a3e-7c2d-4f55-9d8e-2f7a0c6b1e90.
        ms_correlation_id (UUID | Unset): A GUID for tracking; a new one per call. Example:
            0f8fad5b-d9cb-469f-a165-70867728950e.
        ms_cv (str | Unset): Correlation vector, for tracking.
        x_locale (str | Unset): Locale of the answer. Default: 'en-US'.
        ms_partner_center_application (str | Unset): Name of the calling application.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ApiFault | LicenseCollection | ThrottleFault]
    """

    kwargs = _get_kwargs(
        customer_id=customer_id,
        user_id=user_id,
        license_group_ids=license_group_ids,
        ms_request_id=ms_request_id,
        ms_correlation_id=ms_correlation_id,
        ms_cv=ms_cv,
        x_locale=x_locale,
        ms_partner_center_application=ms_partner_center_application,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    customer_id: UUID,
    user_id: str,
    *,
    client: AuthenticatedClient | Client,
    license_group_ids: list[str] | Unset = UNSET,
    ms_request_id: UUID | Unset = UNSET,
    ms_correlation_id: UUID | Unset = UNSET,
    ms_cv: str | Unset = UNSET,
    x_locale: str | Unset = "en-US",
    ms_partner_center_application: str | Unset = UNSET,
) -> Any | ApiFault | LicenseCollection | ThrottleFault | None:
    """Manage customer accounts - Get Licenses

     Gets the licenses assigned to a user of a customer tenant. Without `licenseGroupIds` only the
    licenses of group1 (products whose licenses Microsoft Entra ID manages) are returned; pass
    `licenseGroupIds` once per group, e.g. `?licenseGroupIds=Group1&licenseGroupIds=Group2`, to choose
    the groups. A user with no matching license gets 200 with `totalCount` 0 and an empty `items`
    list, not 404. Requires an App+User token; app-only tokens are refused with 403 (900329).

    Media types: only `application/json` is described here; the vendor also documents `text/json`,
    `application/xml` and `text/xml`, omitted on purpose.

    The endpoint is throttled: on 429 wait `Retry-After` seconds, then back off exponentially; never
    retry at once.

    Args:
        customer_id (UUID): The customer's tenant id (a GUID).
        user_id (str): The user id (GUID) or user principal name.
        license_group_ids (list[str] | Unset): License groups, case-insensitive: Group1 (Entra ID
            products), Group2 (Minecraft). Default: group1 only.
        ms_request_id (UUID | Unset): A GUID for idempotency; reuse it when retrying after a
            timeout. Example: 4b4c1a3e-7c2d-4f55-9d8e-2f7a0c6b1e90.
        ms_correlation_id (UUID | Unset): A GUID for tracking; a new one per call. Example:
            0f8fad5b-d9cb-469f-a165-70867728950e.
        ms_cv (str | Unset): Correlation vector, for tracking.
        x_locale (str | Unset): Locale of the answer. Default: 'en-US'.
        ms_partner_center_application (str | Unset): Name of the calling application.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ApiFault | LicenseCollection | ThrottleFault
    """

    return sync_detailed(
        customer_id=customer_id,
        user_id=user_id,
        client=client,
        license_group_ids=license_group_ids,
        ms_request_id=ms_request_id,
        ms_correlation_id=ms_correlation_id,
        ms_cv=ms_cv,
        x_locale=x_locale,
        ms_partner_center_application=ms_partner_center_application,
    ).parsed


async def asyncio_detailed(
    customer_id: UUID,
    user_id: str,
    *,
    client: AuthenticatedClient | Client,
    license_group_ids: list[str] | Unset = UNSET,
    ms_request_id: UUID | Unset = UNSET,
    ms_correlation_id: UUID | Unset = UNSET,
    ms_cv: str | Unset = UNSET,
    x_locale: str | Unset = "en-US",
    ms_partner_center_application: str | Unset = UNSET,
) -> Response[Any | ApiFault | LicenseCollection | ThrottleFault]:
    """Manage customer accounts - Get Licenses

     Gets the licenses assigned to a user of a customer tenant. Without `licenseGroupIds` only the
    licenses of group1 (products whose licenses Microsoft Entra ID manages) are returned; pass
    `licenseGroupIds` once per group, e.g. `?licenseGroupIds=Group1&licenseGroupIds=Group2`, to choose
    the groups. A user with no matching license gets 200 with `totalCount` 0 and an empty `items`
    list, not 404. Requires an App+User token; app-only tokens are refused with 403 (900329).

    Media types: only `application/json` is described here; the vendor also documents `text/json`,
    `application/xml` and `text/xml`, omitted on purpose.

    The endpoint is throttled: on 429 wait `Retry-After` seconds, then back off exponentially; never
    retry at once.

    Args:
        customer_id (UUID): The customer's tenant id (a GUID).
        user_id (str): The user id (GUID) or user principal name.
        license_group_ids (list[str] | Unset): License groups, case-insensitive: Group1 (Entra ID
            products), Group2 (Minecraft). Default: group1 only.
        ms_request_id (UUID | Unset): A GUID for idempotency; reuse it when retrying after a
            timeout. Example: 4b4c1a3e-7c2d-4f55-9d8e-2f7a0c6b1e90.
        ms_correlation_id (UUID | Unset): A GUID for tracking; a new one per call. Example:
            0f8fad5b-d9cb-469f-a165-70867728950e.
        ms_cv (str | Unset): Correlation vector, for tracking.
        x_locale (str | Unset): Locale of the answer. Default: 'en-US'.
        ms_partner_center_application (str | Unset): Name of the calling application.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ApiFault | LicenseCollection | ThrottleFault]
    """

    kwargs = _get_kwargs(
        customer_id=customer_id,
        user_id=user_id,
        license_group_ids=license_group_ids,
        ms_request_id=ms_request_id,
        ms_correlation_id=ms_correlation_id,
        ms_cv=ms_cv,
        x_locale=x_locale,
        ms_partner_center_application=ms_partner_center_application,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    customer_id: UUID,
    user_id: str,
    *,
    client: AuthenticatedClient | Client,
    license_group_ids: list[str] | Unset = UNSET,
    ms_request_id: UUID | Unset = UNSET,
    ms_correlation_id: UUID | Unset = UNSET,
    ms_cv: str | Unset = UNSET,
    x_locale: str | Unset = "en-US",
    ms_partner_center_application: str | Unset = UNSET,
) -> Any | ApiFault | LicenseCollection | ThrottleFault | None:
    """Manage customer accounts - Get Licenses

     Gets the licenses assigned to a user of a customer tenant. Without `licenseGroupIds` only the
    licenses of group1 (products whose licenses Microsoft Entra ID manages) are returned; pass
    `licenseGroupIds` once per group, e.g. `?licenseGroupIds=Group1&licenseGroupIds=Group2`, to choose
    the groups. A user with no matching license gets 200 with `totalCount` 0 and an empty `items`
    list, not 404. Requires an App+User token; app-only tokens are refused with 403 (900329).

    Media types: only `application/json` is described here; the vendor also documents `text/json`,
    `application/xml` and `text/xml`, omitted on purpose.

    The endpoint is throttled: on 429 wait `Retry-After` seconds, then back off exponentially; never
    retry at once.

    Args:
        customer_id (UUID): The customer's tenant id (a GUID).
        user_id (str): The user id (GUID) or user principal name.
        license_group_ids (list[str] | Unset): License groups, case-insensitive: Group1 (Entra ID
            products), Group2 (Minecraft). Default: group1 only.
        ms_request_id (UUID | Unset): A GUID for idempotency; reuse it when retrying after a
            timeout. Example: 4b4c1a3e-7c2d-4f55-9d8e-2f7a0c6b1e90.
        ms_correlation_id (UUID | Unset): A GUID for tracking; a new one per call. Example:
            0f8fad5b-d9cb-469f-a165-70867728950e.
        ms_cv (str | Unset): Correlation vector, for tracking.
        x_locale (str | Unset): Locale of the answer. Default: 'en-US'.
        ms_partner_center_application (str | Unset): Name of the calling application.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ApiFault | LicenseCollection | ThrottleFault
    """

    return (
        await asyncio_detailed(
            customer_id=customer_id,
            user_id=user_id,
            client=client,
            license_group_ids=license_group_ids,
            ms_request_id=ms_request_id,
            ms_correlation_id=ms_correlation_id,
            ms_cv=ms_cv,
            x_locale=x_locale,
            ms_partner_center_application=ms_partner_center_application,
        )
    ).parsed
