"""The issue's proof: the client layer against the mock servers over HTTP, with their fault injection."""

from __future__ import annotations

import asyncio
import copy
import logging
import time
import uuid
from typing import Any

import httpx
import pytest
from fusion_client.models import CustomerLicenseCreate, CustomerLicenseUpdate

from licensekit.clients import (
    AsyncCloudCockpit,
    AsyncFusion,
    AsyncPartnerCenter,
    AuthenticationError,
    ClientCredentials,
    CloudCockpit,
    CloudCockpitApiError,
    CloudCockpitTransportFailure,
    Fusion,
    FusionApiError,
    FusionLogin,
    PartnerCenter,
    PartnerCenterApiError,
    RefreshTokenCredentials,
    RetryPolicy,
)
from licensekit.clients._secret import Secret
from licensekit.clients.auth import Token
from licensekit.mock import MockServer

TOKEN_PATH = "/__mock__/oauth2/v2.0/token"
FAST = RetryPolicy(max_attempts=3, max_total=10.0, backoff_base=0.01, backoff_max=0.05)

# Seed data (src/licensekit/mock/data)
CC_TENANT = "portal.cloudcockpit.com"
CC_CLIENT = ("39ff5e04-e304-5cfc-99ed-abc5e861155e", "cc-mock-secret-portal")
CC_PROVIDER = uuid.UUID("aef7deb2-3bd5-56e9-8781-1bf4495044d5")
CC_CUSTOMER = uuid.UUID("21fd4f08-3076-53c4-bf78-5fd9c24fe208")
CC_USER = uuid.UUID("00000000-0000-4000-8000-000000000001")
FUSION_USER = ("admin@netaxis.example", "Fusion-Admin-2024!")
FUSION_GROUP = uuid.UUID("7ba71d48-91f6-5eca-a70a-4852b6eaaaa4")  # 27 licenses
PC_CLIENT_ID = "f1950e69-f554-5b88-bb92-8fdada293a14"
PC_REFRESH = "0.pc-mock-refresh-token-admin-agent"
PC_CUSTOMER = uuid.UUID("d2a1304e-f6f5-5446-917f-d6dfa82acce2")
PC_USER = "b93906ee-7a7d-5047-83fe-c6e67b50895d"


def token_url(mock: MockServer) -> str:
    return mock.base_url + TOKEN_PATH


def cloudcockpit(mock: MockServer, retry: RetryPolicy = FAST) -> CloudCockpit:
    creds = ClientCredentials(*CC_CLIENT, token_url=token_url(mock))
    return CloudCockpit(mock.base_url, tenant=CC_TENANT, credentials=creds, retry=retry)


def fusion(mock: MockServer, retry: RetryPolicy = FAST) -> Fusion:
    return Fusion(
        mock.base_url, draas_instance="draas_v1", credentials=FusionLogin(*FUSION_USER), retry=retry
    )


def partner_center(mock: MockServer, retry: RetryPolicy = FAST) -> PartnerCenter:
    creds = RefreshTokenCredentials(PC_CLIENT_ID, PC_REFRESH, token_url=token_url(mock))
    return PartnerCenter(mock.base_url, credentials=creds, retry=retry)


def api_calls(mock: MockServer, operation: str | None = None) -> list[dict[str, Any]]:
    log = mock.requests()["requests"]
    return [r for r in log if r["operationId"] and (operation is None or r["operationId"] == operation)]


def header(record: dict[str, Any], name: str) -> str | None:
    headers = {k.lower(): v for k, v in record["headers"].items()}
    return headers.get(name.lower())


# ---------------------------------------------------------------- throttling and retries


def test_throttled_call_succeeds_after_retry_after(cloudcockpit_mock: MockServer) -> None:
    with cloudcockpit(cloudcockpit_mock) as cc:
        cloudcockpit_mock.inject_fault(429, count=1, operation="listCustomerLicenses", retry_after=1)
        began = time.monotonic()
        licenses = cc.list_customer_licenses(CC_CUSTOMER, provider_instance_id=CC_PROVIDER)
        elapsed = time.monotonic() - began
    assert licenses and elapsed >= 1.0
    calls = api_calls(cloudcockpit_mock, "listCustomerLicenses")
    assert [c["status"] for c in calls] == [429, 200]
    assert calls[1]["start"] - calls[0]["end"] >= 0.99
    # one correlation id per call, kept across its retries; X-Tenant and User-Agent on every call
    assert header(calls[0], "X-Correlation-Id") == header(calls[1], "X-Correlation-Id") is not None
    assert header(calls[0], "X-Tenant") == CC_TENANT
    user_agent = header(calls[0], "User-Agent")
    assert user_agent is not None and user_agent.startswith("licensekit/")


def test_gives_up_after_the_bound(cloudcockpit_mock: MockServer) -> None:
    cloudcockpit_mock.inject_fault(503, count=10, operation="listCustomerLicenses")
    with cloudcockpit(cloudcockpit_mock) as cc, pytest.raises(CloudCockpitApiError) as info:
        cc.list_customer_licenses(CC_CUSTOMER, provider_instance_id=CC_PROVIDER)
    err = info.value
    assert err.status == 503 and err.attempts == 3
    assert "gave up after 3 attempts" in str(err)
    assert len(api_calls(cloudcockpit_mock, "listCustomerLicenses")) == 3


def test_patch_is_never_retried(cloudcockpit_mock: MockServer) -> None:
    with cloudcockpit(cloudcockpit_mock) as cc:
        for status in (503, 429, 500):
            cloudcockpit_mock.inject_fault(
                status, count=5, operation="updateCustomerUserLicenses", retry_after=0
            )
            with pytest.raises(CloudCockpitApiError) as info:
                cc.update_customer_user_licenses(
                    CC_CUSTOMER, CC_USER, provider_instance_id=CC_PROVIDER, licenses=[]
                )
            assert info.value.status == status and info.value.attempts == 1
            cloudcockpit_mock.clear_faults()
    assert [c["status"] for c in api_calls(cloudcockpit_mock, "updateCustomerUserLicenses")] == [
        503,
        429,
        500,
    ]


def test_fusion_post_is_never_retried(fusion_mock: MockServer) -> None:
    fusion_mock.inject_fault(503, count=3, operation="createCustomerLicense", retry_after=0)
    with fusion(fusion_mock) as client, pytest.raises(FusionApiError) as info:
        client.create_customer_license(FUSION_GROUP, CustomerLicenseCreate(name="New", sku="NEW-SKU-1"))
    assert info.value.status == 503
    assert len(api_calls(fusion_mock, "createCustomerLicense")) == 1


def test_partner_center_request_id_same_across_retries(partner_center_mock: MockServer) -> None:
    partner_center_mock.inject_fault(429, count=2, operation="getUserLicenses", retry_after=0)
    with partner_center(partner_center_mock) as pc:
        first = pc.get_user_licenses(PC_CUSTOMER, PC_USER)
        pc.get_user_licenses(PC_CUSTOMER, PC_USER)
    assert isinstance(first.items, list)
    assert first.total_count == len(first.items) > 0
    calls = api_calls(partner_center_mock, "getUserLicenses")
    assert [c["status"] for c in calls] == [429, 429, 200, 200]
    request_ids = [header(c, "MS-RequestId") for c in calls]
    correlation_ids = [header(c, "MS-CorrelationId") for c in calls]
    assert request_ids[0] == request_ids[1] == request_ids[2] is not None
    assert correlation_ids[0] == correlation_ids[2] and correlation_ids[3] != correlation_ids[0]
    assert request_ids[3] != request_ids[0]


def test_partner_center_throttle_exhausted_carries_retry_after(partner_center_mock: MockServer) -> None:
    partner_center_mock.inject_fault(429, count=5, operation="getUserLicenses", retry_after=0)
    with partner_center(partner_center_mock) as pc, pytest.raises(PartnerCenterApiError) as info:
        pc.get_user_licenses(PC_CUSTOMER, PC_USER)
    assert info.value.is_throttled and info.value.retry_after == 0 and info.value.attempts == 3
    assert info.value.correlation_id is not None
    assert "Rate limit" in str(info.value)


def test_documented_error_raises_with_vendor_body(partner_center_mock: MockServer) -> None:
    with partner_center(partner_center_mock) as pc, pytest.raises(PartnerCenterApiError) as info:
        pc.get_user_licenses(PC_CUSTOMER, str(uuid.uuid4()))
    assert info.value.status == 404 and str(info.value.code) == "60002"
    assert info.value.correlation_id


# ---------------------------------------------------------------- auth


def test_401_refreshes_once_and_retries(cloudcockpit_mock: MockServer) -> None:
    with cloudcockpit(cloudcockpit_mock) as cc:
        cc.list_customer_licenses(CC_CUSTOMER, provider_instance_id=CC_PROVIDER)
        cloudcockpit_mock.inject_fault(401, count=1, operation="listCustomerLicenses")
        cc.list_customer_licenses(CC_CUSTOMER, provider_instance_id=CC_PROVIDER)
        cloudcockpit_mock.inject_fault(401, count=2, operation="listCustomerLicenses")
        with pytest.raises(CloudCockpitApiError) as info:
            cc.list_customer_licenses(CC_CUSTOMER, provider_instance_id=CC_PROVIDER)
    assert info.value.status == 401
    log = cloudcockpit_mock.requests()["requests"]
    sequence = [
        "token" if r["path"] == TOKEN_PATH else r["status"]
        for r in log
        if r["path"] == TOKEN_PATH or r["operationId"]
    ]
    # token, call; 401, one refresh, retry; 401, one refresh, 401 and give up
    assert sequence == ["token", 200, 401, "token", 200, 401, "token", 401]


def test_expired_fusion_token_is_refreshed_with_refresh_token(fusion_mock: MockServer) -> None:
    with fusion(fusion_mock) as client:
        assert client.list_customer_licenses("group", FUSION_GROUP, page_size=1).results == 27
        # The cached access token expires early (like a server-side revocation): 401, refresh, retry.
        expired = fusion_mock.token(exp=int(time.time()) - 5)
        client.auth._token = Token(Secret(expired), expires_at=time.time() + 3600)
        assert client.list_customer_licenses("group", FUSION_GROUP, page_size=1).results == 27
        # A token about to expire is refreshed before use, with no 401 at all.
        client.auth._token = Token(
            Secret(expired), expires_at=time.time() + 1, obtained_at=time.time() - 3600
        )
        assert client.list_customer_licenses("group", FUSION_GROUP, page_size=1).results == 27
    ops = [(r["operationId"], r["status"]) for r in api_calls(fusion_mock)]
    assert ops == [
        ("login", 200),
        ("listGroupCustomerLicenses", 200),
        ("listGroupCustomerLicenses", 401),
        ("refreshAccessToken", 200),
        ("listGroupCustomerLicenses", 200),
        ("refreshAccessToken", 200),
        ("listGroupCustomerLicenses", 200),
    ]


def test_bad_credentials_raise_authentication_error(
    cloudcockpit_mock: MockServer, fusion_mock: MockServer
) -> None:
    creds = ClientCredentials(CC_CLIENT[0], "wrong-secret-value", token_url=token_url(cloudcockpit_mock))
    with CloudCockpit(cloudcockpit_mock.base_url, tenant=CC_TENANT, credentials=creds) as cc:
        with pytest.raises(AuthenticationError, match="invalid_client") as info:
            cc.list_customer_licenses(CC_CUSTOMER, provider_instance_id=CC_PROVIDER)
        assert "wrong-secret-value" not in str(info.value)
    with (
        Fusion(
            fusion_mock.base_url,
            draas_instance="draas_v1",
            credentials=FusionLogin("admin@netaxis.example", "nope"),
        ) as f,
        pytest.raises(AuthenticationError, match="401"),
    ):
        f.list_customer_licenses("group", FUSION_GROUP)


# ---------------------------------------------------------------- paging


@pytest.mark.parametrize("page_size", [1, 4, 10, 100])
def test_iterator_yields_every_license_once(fusion_mock: MockServer, page_size: int) -> None:
    with fusion(fusion_mock) as client:
        ids = [lic.id for lic in client.iter_customer_licenses("group", FUSION_GROUP, page_size=page_size)]
    assert len(ids) == 27 == len(set(ids))
    lists = api_calls(fusion_mock, "listGroupCustomerLicenses")
    assert len(lists) == -(-27 // page_size)
    assert all(f"page_size={page_size}" in r["query"] for r in lists)


def test_iterator_all_levels_and_async(fusion_mock: MockServer) -> None:
    state = fusion_mock.state()
    with fusion(fusion_mock) as client:
        levels = {e["uuid"]: e["type"] for e in state["entities"]}
        sync_counts = {
            uuid_: len(list(client.iter_customer_licenses(level, uuid.UUID(uuid_), page_size=3)))
            for uuid_, level in levels.items()
        }

    async def main() -> dict[str, int]:
        async with AsyncFusion(
            fusion_mock.base_url, draas_instance="draas_v1", credentials=FusionLogin(*FUSION_USER), retry=FAST
        ) as client:
            counts = {}
            for uuid_, level in levels.items():
                seen = [
                    lic.id
                    async for lic in client.iter_customer_licenses(level, uuid.UUID(uuid_), page_size=3)
                ]
                assert len(seen) == len(set(seen))
                counts[uuid_] = len(seen)
            return counts

    assert asyncio.run(main()) == sync_counts
    assert sync_counts[str(FUSION_GROUP)] == 27
    assert sum(1 for n in sync_counts.values() if n) > 4  # the lower levels see licenses too


def test_fusion_crud_round_trip(fusion_mock: MockServer) -> None:
    with fusion(fusion_mock) as client:
        created = client.create_customer_license(
            FUSION_GROUP, CustomerLicenseCreate(name="Round trip", sku="RT-1")
        )
        client.update_customer_license(FUSION_GROUP, created.id, CustomerLicenseUpdate(description="changed"))
        assert client.get_customer_license(FUSION_GROUP, created.id).description == "changed"
        client.delete_customer_license(FUSION_GROUP, created.id)
        with pytest.raises(FusionApiError) as info:
            client.get_customer_license(FUSION_GROUP, created.id)
    assert info.value.status == 404 and info.value.error


# ---------------------------------------------------------------- sweep


def _many_customers(mock: MockServer, n: int) -> list[uuid.UUID]:
    state = mock.state()
    template = next(c for c in state["customers"] if c["id"] == str(CC_CUSTOMER))
    ids = []
    for i in range(n):
        clone = copy.deepcopy(template)
        clone["id"] = str(uuid.UUID(int=0xC0FFEE0000 + i, version=4))
        clone["name"] = f"Customer {i}"
        state["customers"].append(clone)
        ids.append(uuid.UUID(clone["id"]))
    mock.load_seed(state)
    return ids


def test_sweep_bounded_and_honours_429_async(cloudcockpit_mock: MockServer) -> None:
    customers = _many_customers(cloudcockpit_mock, 30)
    missing = uuid.uuid4()
    cloudcockpit_mock.inject_fault(429, count=3, operation="listCustomerLicenses", retry_after=1)
    cloudcockpit_mock.inject_fault(None, count=100, operation="listCustomerLicenses", delay=0.03)
    cloudcockpit_mock.clear_requests()

    async def main() -> Any:
        creds = ClientCredentials(*CC_CLIENT, token_url=token_url(cloudcockpit_mock))
        async with AsyncCloudCockpit(
            cloudcockpit_mock.base_url, tenant=CC_TENANT, credentials=creds, retry=FAST
        ) as cc:
            return await cc.sweep_customer_licenses(
                [*customers, missing], provider_instance_id=CC_PROVIDER, max_in_flight=4
            )

    began = time.monotonic()
    result = asyncio.run(main())
    elapsed = time.monotonic() - began
    assert set(result.results) == set(customers) and all(result.results.values())
    assert list(result.errors) == [missing] and result.errors[missing].status == 404
    log = cloudcockpit_mock.requests()
    assert 2 <= log["max_in_flight"] <= 4
    calls = api_calls(cloudcockpit_mock, "listCustomerLicenses")
    throttled = [c for c in calls if c["status"] == 429]
    assert len(throttled) == 3 and elapsed >= 1.0
    # after a 429 nobody called again before its Retry-After had passed (the shared gate);
    # 0.3 s of slack for requests already in flight that a loaded machine logs late
    first_429_end = min(c["end"] for c in throttled)
    assert all(c["start"] >= first_429_end + 0.99 for c in calls if c["start"] > first_429_end + 0.3)
    assert len(calls) == 31 + 3


def test_sweep_bounded_sync_partner_center(partner_center_mock: MockServer) -> None:
    state = partner_center_mock.state()
    users = [(uuid.UUID(c["id"]), u["id"]) for c in state["customers"] for u in c["users"]]
    partner_center_mock.inject_fault(429, count=2, operation="getUserLicenses", retry_after=1)
    partner_center_mock.inject_fault(None, count=100, operation="getUserLicenses", delay=0.05)
    partner_center_mock.clear_requests()
    with partner_center(partner_center_mock) as pc:
        result = pc.sweep_user_licenses(users, max_in_flight=3)
    assert result.ok and set(result.results) == set(users)
    assert 2 <= partner_center_mock.requests()["max_in_flight"] <= 3
    assert len(api_calls(partner_center_mock, "getUserLicenses")) == len(users) + 2


def test_async_partner_center(partner_center_mock: MockServer) -> None:
    async def main() -> int:
        creds = RefreshTokenCredentials(PC_CLIENT_ID, PC_REFRESH, token_url=token_url(partner_center_mock))
        async with AsyncPartnerCenter(partner_center_mock.base_url, credentials=creds, retry=FAST) as pc:
            partner_center_mock.inject_fault(503, count=1, operation="getUserLicenses", retry_after=0)
            collection = await pc.get_user_licenses(
                PC_CUSTOMER, PC_USER, license_group_ids=["Group1", "Group2"]
            )
            assert isinstance(collection.total_count, int)
            return collection.total_count

    assert asyncio.run(main()) > 0


# ---------------------------------------------------------------- proxies from the environment

UNRESOLVABLE = "http://cloudcockpit.invalid"
PROXY_VARS = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY")


def proxied_env(monkeypatch: pytest.MonkeyPatch, **values: str) -> None:
    """Only the given proxy variables set (both spellings of the others removed)."""
    for name in PROXY_VARS:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    for name, value in values.items():
        monkeypatch.setenv(name, value)


def unreachable_cloudcockpit(mock: MockServer) -> tuple[str, ClientCredentials]:
    """A base URL and a token URL that resolve nowhere: only a proxy (the mock itself) can serve them."""
    creds = ClientCredentials(*CC_CLIENT, token_url="http://login.invalid" + TOKEN_PATH)
    return UNRESOLVABLE, creds


@pytest.mark.parametrize("variable", ["HTTP_PROXY", "http_proxy", "ALL_PROXY"])
def test_sync_calls_go_through_the_environment_proxy(
    cloudcockpit_mock: MockServer, monkeypatch: pytest.MonkeyPatch, variable: str
) -> None:
    proxied_env(monkeypatch, **{variable: cloudcockpit_mock.base_url})
    base_url, creds = unreachable_cloudcockpit(cloudcockpit_mock)
    with CloudCockpit(base_url, tenant=CC_TENANT, credentials=creds, retry=FAST) as cc:
        licenses = cc.list_customer_licenses(CC_CUSTOMER, provider_instance_id=CC_PROVIDER)
    assert licenses
    assert [c["status"] for c in api_calls(cloudcockpit_mock, "listCustomerLicenses")] == [200]


def test_async_calls_go_through_the_environment_proxy(
    cloudcockpit_mock: MockServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    proxied_env(monkeypatch, HTTP_PROXY=cloudcockpit_mock.base_url)
    base_url, creds = unreachable_cloudcockpit(cloudcockpit_mock)

    async def main() -> int:
        async with AsyncCloudCockpit(base_url, tenant=CC_TENANT, credentials=creds, retry=FAST) as cc:
            return len(await cc.list_customer_licenses(CC_CUSTOMER, provider_instance_id=CC_PROVIDER))

    assert asyncio.run(main()) > 0
    assert [c["status"] for c in api_calls(cloudcockpit_mock, "listCustomerLicenses")] == [200]


@pytest.mark.parametrize("no_proxy", ["cloudcockpit.invalid", ".invalid", "*"])
def test_sync_no_proxy_host_is_reached_directly(
    cloudcockpit_mock: MockServer, monkeypatch: pytest.MonkeyPatch, no_proxy: str
) -> None:
    proxied_env(monkeypatch, HTTP_PROXY=cloudcockpit_mock.base_url, NO_PROXY=no_proxy)
    with (
        CloudCockpit(UNRESOLVABLE, tenant=CC_TENANT, token="t", retry=FAST) as cc,
        pytest.raises(CloudCockpitTransportFailure) as info,
    ):
        cc.list_customer_licenses(CC_CUSTOMER, provider_instance_id=CC_PROVIDER)
    assert isinstance(info.value.__cause__, httpx.ConnectError)
    assert api_calls(cloudcockpit_mock) == []


def test_async_no_proxy_is_decided_per_host(
    cloudcockpit_mock: MockServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # NO_PROXY covers the API host only: the token call still goes through the proxy, the API call not.
    proxied_env(monkeypatch, HTTP_PROXY=cloudcockpit_mock.base_url, NO_PROXY="cloudcockpit.invalid")
    base_url, creds = unreachable_cloudcockpit(cloudcockpit_mock)

    async def main() -> None:
        async with AsyncCloudCockpit(base_url, tenant=CC_TENANT, credentials=creds, retry=FAST) as cc:
            await cc.list_customer_licenses(CC_CUSTOMER, provider_instance_id=CC_PROVIDER)

    with pytest.raises(CloudCockpitTransportFailure) as info:
        asyncio.run(main())
    assert isinstance(info.value.__cause__, httpx.ConnectError)
    tokens = [r for r in cloudcockpit_mock.requests()["requests"] if r["path"] == TOKEN_PATH]
    assert [r["status"] for r in tokens] == [200] and api_calls(cloudcockpit_mock) == []


# ---------------------------------------------------------------- secrets


def test_no_secret_in_repr_errors_or_logs(
    caplog: pytest.LogCaptureFixture, cloudcockpit_mock: MockServer, fusion_mock: MockServer
) -> None:
    caplog.set_level(logging.DEBUG)
    cc = cloudcockpit(cloudcockpit_mock)
    fu = fusion(fusion_mock)
    texts: list[str] = []
    cloudcockpit_mock.inject_fault(500, count=1, operation="listCustomerLicenses")
    with pytest.raises(CloudCockpitApiError) as cc_err:
        cc.list_customer_licenses(CC_CUSTOMER, provider_instance_id=CC_PROVIDER)
    with pytest.raises(FusionApiError) as fu_err:
        fu.get_customer_license(FUSION_GROUP, 999999)
    for err in (cc_err.value, fu_err.value):
        texts += [str(err), repr(err), repr(err.body), repr(err.__dict__)]
    texts += [
        repr(cc),
        repr(fu),
        repr(cc.auth),
        repr(fu.auth),
        repr(cc.auth.__dict__),
        repr(fu.auth.__dict__),
    ]
    cc_token, fu_token = cc.auth._token, fu.auth._token
    assert cc_token is not None and fu_token is not None, "both clients hold a token after their calls"
    tokens = [cc_token.value.reveal(), fu_token.value.reveal()]
    cc.close()
    fu.close()
    everything = "\n".join(texts) + caplog.text
    for secret in [*tokens, CC_CLIENT[1], FUSION_USER[1]]:
        assert secret not in everything
    lines = [r.getMessage() for r in caplog.records if r.name == "licensekit.clients"]
    assert any(
        line.startswith("GET /v1/Customers/") and "-> 500" in line and "correlation id" in line
        for line in lines
    )
    assert "-> 404" in caplog.text and "ms" in caplog.text
