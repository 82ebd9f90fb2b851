"""Client layer against httpx.MockTransport: retry policy, auth flows, ids, errors, secrets (no server)."""

from __future__ import annotations

import asyncio
import base64
import json
import logging
import time
import types
import urllib.request
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx
import pytest

from licensekit.clients import (
    USER_AGENT,
    AsyncPartnerCenter,
    AuthenticationError,
    ClientCredentials,
    CloudCockpit,
    CloudCockpitApiError,
    CloudCockpitError,
    CloudCockpitTransportFailure,
    Fusion,
    FusionApiError,
    FusionLogin,
    PartnerCenter,
    PartnerCenterApiError,
    PartnerCenterError,
    RefreshTokenCredentials,
    RetryPolicy,
    Secret,
)
from licensekit.clients import auth as auth_module
from licensekit.clients.errors import parse_retry_after
from licensekit.clients.transport import env_proxy

FAST = RetryPolicy(max_attempts=3, max_total=5.0, backoff_base=0.01, backoff_max=0.05)
CUSTOMER = uuid.UUID("11111111-1111-1111-1111-111111111111")
PROVIDER = uuid.UUID("22222222-2222-2222-2222-222222222222")
GROUP = uuid.UUID("33333333-3333-3333-3333-333333333333")
TOKEN_URL = "https://login.test/tenant/oauth2/v2.0/token"
CLIENT_SECRET = "s3cr3t-client-secret-value"


def jwt(exp: float, tag: str = "x") -> str:
    def b64(data: dict[str, object]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

    return f"{b64({'alg': 'HS256'})}.{b64({'exp': int(exp), 'sub': tag})}.c2lnbmF0dXJl"


LICENSE = {
    "id": str(uuid.uuid4()),
    "name": "Microsoft 365 E3",
}


class Fake:
    """A scripted server: token endpoint plus a queue of answers for API calls."""

    def __init__(
        self,
        answers: list[httpx.Response | Exception] | None = None,
        lifetime: float = 3600,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.clock = clock
        self.answers = list(answers or [])
        self.calls: list[httpx.Request] = []
        self.token_calls: list[httpx.Request] = []
        self.lifetime = lifetime
        self.issued: list[str] = []
        self.headers: list[dict[str, str]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/oauth2/v2.0/token"):
            self.token_calls.append(request)
            token = jwt(self.clock() + self.lifetime, f"t{len(self.issued)}")
            self.issued.append(token)
            return httpx.Response(
                200, json={"token_type": "Bearer", "expires_in": 3599, "access_token": token}
            )
        self.calls.append(request)
        self.headers.append(dict(request.headers))  # the same Request object is re-sent on retries
        answer = self.answers.pop(0) if self.answers else httpx.Response(200, json=[])
        if isinstance(answer, Exception):
            raise answer
        return answer

    @property
    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self)


def cloudcockpit(fake: Fake, **kwargs: object) -> CloudCockpit:
    return CloudCockpit(
        "https://cc.test",
        tenant="portal.cloudcockpit.com",
        credentials=ClientCredentials("app", CLIENT_SECRET, token_url=TOKEN_URL),
        retry=kwargs.pop("retry", FAST),  # type: ignore[arg-type]
        transport=fake.transport,
        **kwargs,  # type: ignore[arg-type]
    )


# ---------------------------------------------------------------- small pieces


def test_secret_never_prints() -> None:
    secret = Secret("hunter2")
    assert "hunter2" not in repr(secret) + str(secret) + f"{secret}" + f"{secret!r}"
    assert secret.reveal() == "hunter2"
    creds = ClientCredentials("app", "hunter2")
    assert "hunter2" not in repr(creds)
    assert "hunter2" not in repr(FusionLogin("bob", "hunter2"))
    assert "hunter2" not in repr(RefreshTokenCredentials("app", "hunter2", client_secret="hunter2"))


def test_retry_after_parsing() -> None:
    assert parse_retry_after("2") == 2.0
    assert parse_retry_after(" 0.5 ") == 0.5
    assert parse_retry_after(None) is None
    assert parse_retry_after("soon") is None
    now = datetime(2026, 1, 1, tzinfo=UTC)
    date = format_datetime(now + timedelta(seconds=30), usegmt=True)
    assert parse_retry_after(date, now=now) == pytest.approx(30)
    assert parse_retry_after(format_datetime(now - timedelta(seconds=30), usegmt=True), now=now) == 0


# ---------------------------------------------------------------- defaults and headers


def test_defaults_user_agent_tenant_timeout_and_correlation_per_call() -> None:
    fake = Fake()
    with cloudcockpit(fake) as cc:
        cc.list_customer_licenses(CUSTOMER, provider_instance_id=PROVIDER)
        cc.list_customer_licenses(CUSTOMER, provider_instance_id=PROVIDER)
        given = uuid.uuid4()
        cc.list_customer_licenses(CUSTOMER, provider_instance_id=PROVIDER, correlation_id=given)
        assert cc.generated.get_httpx_client().timeout.read == 30.0
    first, second, third = fake.calls
    assert first.headers["User-Agent"] == USER_AGENT
    assert first.headers["X-Tenant"] == "portal.cloudcockpit.com"
    assert first.headers["Authorization"].startswith("Bearer ")
    assert first.headers["X-Correlation-Id"] != second.headers["X-Correlation-Id"]
    assert third.headers["X-Correlation-Id"] == str(given)
    assert len(fake.token_calls) == 1  # cached
    form = dict(httpx.QueryParams(fake.token_calls[0].content.decode()))
    assert form["grant_type"] == "client_credentials"
    assert form["scope"] == "api://b92a36a4-feb8-4f47-a69c-29a180aa6d0a/.default"


def test_plain_generated_sync_gets_auth_ids_and_retries() -> None:
    from cloudcockpit_client.api.licenses import list_customer_licenses

    fake = Fake([httpx.Response(503, headers={"Retry-After": "0"}), httpx.Response(200, json=[])])
    cc = cloudcockpit(fake)
    result = list_customer_licenses.sync(
        CUSTOMER, client=cc.generated, provider_instance_id=PROVIDER, x_tenant=cc.tenant
    )
    assert result == []
    assert len(fake.calls) == 2
    assert fake.headers[0]["x-correlation-id"] == fake.headers[1]["x-correlation-id"]


# ---------------------------------------------------------------- retries


def test_429_waits_for_retry_after_then_succeeds() -> None:
    fake = Fake([httpx.Response(429, headers={"Retry-After": "0.3"}), httpx.Response(200, json=[])])
    began = time.monotonic()
    assert cloudcockpit(fake).list_customer_licenses(CUSTOMER, provider_instance_id=PROVIDER) == []
    assert time.monotonic() - began >= 0.3
    assert len(fake.calls) == 2


def test_gives_up_after_max_attempts_with_clear_error() -> None:
    body = {"statusCode": 503, "description": "busy", "correlationId": "abc", "errors": []}
    fake = Fake([httpx.Response(503, json=body) for _ in range(5)])
    with pytest.raises(CloudCockpitApiError) as info:
        cloudcockpit(fake).list_customer_licenses(CUSTOMER, provider_instance_id=PROVIDER)
    assert len(fake.calls) == 3
    err = info.value
    assert err.status == 503 and err.attempts == 3
    assert "gave up after 3 attempts" in str(err) and "busy" in str(err)


def test_retry_after_beyond_total_budget_is_not_waited() -> None:
    fake = Fake([httpx.Response(429, headers={"Retry-After": "120"})])
    began = time.monotonic()
    with pytest.raises(CloudCockpitApiError) as info:
        cloudcockpit(fake).list_customer_licenses(CUSTOMER, provider_instance_id=PROVIDER)
    assert time.monotonic() - began < 1
    assert info.value.retry_after == 120 and info.value.is_throttled


def test_patch_never_retried_on_503_or_connection_error() -> None:
    for answer in (httpx.Response(503, headers={"Retry-After": "0"}), httpx.ConnectError("boom")):
        fake = Fake([answer, httpx.Response(200)])
        with pytest.raises(CloudCockpitError):
            cloudcockpit(fake).update_customer_user_licenses(
                CUSTOMER, CUSTOMER, provider_instance_id=PROVIDER, licenses=[]
            )
        assert [c.method for c in fake.calls] == ["PATCH"]


def test_get_retried_on_connection_error() -> None:
    fake = Fake([httpx.ConnectError("boom"), httpx.ReadTimeout("slow"), httpx.Response(200, json=[])])
    assert cloudcockpit(fake).list_customer_licenses(CUSTOMER, provider_instance_id=PROVIDER) == []
    assert len(fake.calls) == 3


def test_connection_error_exhausted_propagates_with_note() -> None:
    fake = Fake([httpx.ConnectError("boom") for _ in range(3)])
    with pytest.raises(CloudCockpitTransportFailure) as info:
        cloudcockpit(fake).list_customer_licenses(CUSTOMER, provider_instance_id=PROVIDER)
    assert isinstance(info.value.__cause__, httpx.ConnectError)
    assert "gave up after 3" in str(info.value)


def test_partner_center_request_id_stable_across_retries_fresh_per_call() -> None:
    throttle = {"statusCode": 429, "message": "Rate limit is exceeded. Try again in 0 seconds."}
    ok = {"totalCount": 0, "items": [], "attributes": {"objectType": "Collection"}}
    fake = Fake(
        [
            httpx.Response(429, json=throttle, headers={"Retry-After": "0"}),
            httpx.Response(503, headers={"Retry-After": "0"}),
            httpx.Response(200, json=ok),
            httpx.Response(200, json=ok),
        ]
    )
    pc = PartnerCenter("https://pc.test", token="tok", retry=FAST, transport=fake.transport)
    assert pc.get_user_licenses(CUSTOMER, "user@example.com").total_count == 0
    pc.get_user_licenses(CUSTOMER, "user@example.com")
    ids = [(h["ms-requestid"], h["ms-correlationid"]) for h in fake.headers]
    assert ids[0] == ids[1] == ids[2]
    assert ids[3][0] != ids[0][0] and ids[3][1] != ids[0][1]


def test_partner_center_error_carries_code_and_ids() -> None:
    fault = {"code": 60002, "description": "User not found", "data": [], "source": "PartnerApi"}
    fake = Fake([httpx.Response(404, json=fault, headers={"MS-CorrelationId": "cid-1"})])
    pc = PartnerCenter("https://pc.test", token="tok", retry=FAST, transport=fake.transport)
    with pytest.raises(PartnerCenterApiError) as info:
        pc.get_user_licenses(CUSTOMER, "nobody")
    assert info.value.code == 60002 and info.value.correlation_id == "cid-1"
    assert "60002" in str(info.value) and "User not found" in str(info.value)
    assert info.value.request_id == fake.calls[0].headers["MS-RequestId"]


# ---------------------------------------------------------------- auth


def test_401_refreshes_once_and_retries() -> None:
    fake = Fake([httpx.Response(401), httpx.Response(200, json=[])])
    cc = cloudcockpit(fake)
    assert cc.list_customer_licenses(CUSTOMER, provider_instance_id=PROVIDER) == []
    assert len(fake.token_calls) == 2
    assert fake.headers[0]["authorization"] == f"Bearer {fake.issued[0]}"
    assert fake.headers[1]["authorization"] == f"Bearer {fake.issued[1]}"


def test_persistent_401_raises_after_one_refresh() -> None:
    fake = Fake([httpx.Response(401), httpx.Response(401), httpx.Response(200, json=[])])
    with pytest.raises(CloudCockpitApiError) as info:
        cloudcockpit(fake).list_customer_licenses(CUSTOMER, provider_instance_id=PROVIDER)
    assert info.value.status == 401
    assert len(fake.token_calls) == 2 and len(fake.calls) == 2


def test_token_refreshed_before_expiry(monkeypatch: pytest.MonkeyPatch) -> None:
    # A fake wall clock (whole seconds, like the token's exp): no second boundary can move the result.
    now = [1_800_000_000.0]
    monkeypatch.setattr(auth_module, "time", types.SimpleNamespace(time=lambda: now[0]))
    fake = Fake(lifetime=120, clock=lambda: now[0])  # margin min(60, 120 / 2): refreshed from +60 s
    cc = cloudcockpit(fake)
    cc.list_customer_licenses(CUSTOMER, provider_instance_id=PROVIDER)
    now[0] += 50
    cc.list_customer_licenses(CUSTOMER, provider_instance_id=PROVIDER)
    assert len(fake.token_calls) == 1
    now[0] += 20
    cc.list_customer_licenses(CUSTOMER, provider_instance_id=PROVIDER)
    assert len(fake.token_calls) == 2
    assert fake.headers[-1]["authorization"] == f"Bearer {fake.issued[1]}"


def test_bad_client_secret_raises_authentication_error_without_secret() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        body = {"error": "invalid_client", "error_description": "AADSTS7000215: Invalid client secret."}
        return httpx.Response(400, json=body)

    cc = CloudCockpit(
        "https://cc.test",
        tenant="t",
        credentials=ClientCredentials("app", CLIENT_SECRET, token_url=TOKEN_URL),
        transport=httpx.MockTransport(handler),
    )
    with pytest.raises(AuthenticationError) as info:
        cc.list_customer_licenses(CUSTOMER, provider_instance_id=PROVIDER)
    assert "invalid_client" in str(info.value) and CLIENT_SECRET not in str(info.value)


def test_refresh_token_grant_rotates_refresh_token() -> None:
    seen: list[dict[str, str]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if "oauth2" in request.url.path:
            seen.append(dict(httpx.QueryParams(request.content.decode())))
            token = jwt(time.time() + 3600)
            return httpx.Response(
                200, json={"access_token": token, "expires_in": 3599, "refresh_token": f"rt{len(seen)}"}
            )
        if len(seen) == 1:
            return httpx.Response(401, json={"code": 0, "description": "expired", "source": "x"})
        return httpx.Response(
            200, json={"totalCount": 0, "items": [], "attributes": {"objectType": "Collection"}}
        )

    pc = PartnerCenter(
        "https://pc.test",
        credentials=RefreshTokenCredentials("app", "rt0", token_url=TOKEN_URL),
        transport=httpx.MockTransport(handler),
    )
    pc.get_user_licenses(CUSTOMER, "u")
    assert [s["refresh_token"] for s in seen] == ["rt0", "rt1"]
    assert all(s["grant_type"] == "refresh_token" for s in seen)


def test_fusion_login_then_refresh_then_relogin() -> None:
    log: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if path == "/api/v01/auth/login":
            log.append("login")
            assert json.loads(request.content) == {"username": "bob", "password": "pw-123"}
            return httpx.Response(
                200, json={"access_token": jwt(time.time() + 3600, "a1"), "refresh_token": "refresh-1"}
            )
        if path == "/api/v01/auth/access_token":
            log.append("refresh")
            assert request.headers["Authorization"] == "Bearer refresh-1"
            if log.count("refresh") > 1:
                return httpx.Response(401, json={"error": "refresh token expired"})
            return httpx.Response(200, json={"access_token": jwt(time.time() + 3600, "a2")})
        log.append("api")
        if log.count("api") in (1, 3):  # the first and the third API call see their token refused
            return httpx.Response(401, json={"error": "token expired"})
        return httpx.Response(200, json={"error": "gone"} if False else {"id": 7})

    fusion = Fusion(
        "https://fusion.test",
        draas_instance="draas_v1",
        credentials=FusionLogin("bob", "pw-123"),
        transport=httpx.MockTransport(handler),
        retry=FAST,
    )
    with pytest.raises(Exception):  # noqa: B017 - the body is not a full license: parsing fails, auth is what we test
        fusion.get_customer_license(GROUP, 7)
    assert log == ["login", "api", "refresh", "api"]
    with pytest.raises(Exception):  # noqa: B017
        fusion.get_customer_license(GROUP, 7)
    assert log[4:] == ["api", "refresh", "login", "api"]


def test_fusion_error_body_and_draas_instance() -> None:
    fake = Fake([httpx.Response(403, json={"error": {"reason": "missing role"}})])
    fusion = Fusion("https://fusion.test", draas_instance="draas_v1", token="tok", transport=fake.transport)
    with pytest.raises(FusionApiError) as info:
        fusion.delete_customer_license(GROUP, 5)
    assert info.value.error == "missing role" and info.value.status == 403
    assert fake.calls[0].url.path == f"/api/v01/draas/draas_v1/groups/{GROUP}/customer_licenses/5"


def test_static_token_401_raises_without_refresh() -> None:
    fake = Fake([httpx.Response(401, json={"error": "expired"})])
    fusion = Fusion("https://fusion.test", draas_instance="d", token="tok", transport=fake.transport)
    with pytest.raises(FusionApiError):
        fusion.list_customer_licenses("group", GROUP)
    assert len(fake.calls) == 1


# ---------------------------------------------------------------- paging


def _pages(total: int, size: int) -> Callable[[httpx.Request], httpx.Response]:
    def handler(request: httpx.Request) -> httpx.Response:
        page = int(request.url.params.get("next", "1"))
        assert request.url.params["page_size"] == str(size)
        ids = list(range((page - 1) * size + 1, min(page * size, total) + 1))
        body: dict[str, object] = {
            "results": total,
            "pages": -(-total // size),
            "page": page,
            "licenses": [
                {"id": i, "name": f"L{i}", "sku": f"SKU{i}", "description": "", "status": "enabled"}
                for i in ids
            ],
        }
        if page * size < total:
            body["next"] = str(page + 1)
        return httpx.Response(200, json=body)

    return handler


def test_iterator_is_lazy_and_complete() -> None:
    calls: list[httpx.Request] = []
    inner = _pages(25, 4)

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return inner(request)

    fusion = Fusion("https://f.test", draas_instance="d", token="t", transport=httpx.MockTransport(handler))
    iterator = fusion.iter_customer_licenses("reseller", GROUP, page_size=4)
    assert calls == []
    first = next(iterator)
    assert first.id == 1 and len(calls) == 1
    rest = [item.id for item in iterator]
    assert [1, *rest] == list(range(1, 26)) and len(calls) == 7
    with pytest.raises(ValueError):
        fusion.list_customer_licenses("planet", GROUP)  # type: ignore[arg-type]


# ---------------------------------------------------------------- async


def test_async_client_retry_auth_and_sweep_bound() -> None:
    in_flight = 0
    peak = 0
    token_calls = 0

    async def handler(request: httpx.Request) -> httpx.Response:
        nonlocal in_flight, peak, token_calls
        if "oauth2" in request.url.path:
            token_calls += 1
            return httpx.Response(200, json={"access_token": jwt(time.time() + 3600), "expires_in": 3599})
        in_flight += 1
        peak = max(peak, in_flight)
        await asyncio.sleep(0.02)
        in_flight -= 1
        if request.url.path.endswith("/u0/licenses") and request.headers.get("X-Retry") is None:
            request.headers["X-Retry"] = "1"
            return httpx.Response(
                429, headers={"Retry-After": "0.1"}, json={"statusCode": 429, "message": "slow"}
            )
        if request.url.path.endswith("/u1/licenses"):
            return httpx.Response(404, json={"code": 60002, "description": "no user", "source": "x"})
        return httpx.Response(
            200, json={"totalCount": 1, "items": [], "attributes": {"objectType": "Collection"}}
        )

    async def main() -> None:
        async with AsyncPartnerCenter(
            "https://pc.test",
            credentials=ClientCredentials("app", CLIENT_SECRET, token_url=TOKEN_URL),
            transport=httpx.MockTransport(handler),
            retry=FAST,
        ) as pc:
            users = [(CUSTOMER, f"u{i}") for i in range(20)]
            result = await pc.sweep_user_licenses(users, max_in_flight=3)
        assert set(result.results) == set(users) - {(CUSTOMER, "u1")}
        assert isinstance(result.errors[(CUSTOMER, "u1")], PartnerCenterError)
        assert peak <= 3
        assert token_calls == 1

    asyncio.run(main())


def test_no_secret_in_logs_or_errors(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    fake = Fake([httpx.Response(500, json={"description": "boom", "errors": None})])
    cc = cloudcockpit(fake)
    with pytest.raises(CloudCockpitApiError) as info:
        cc.list_customer_licenses(CUSTOMER, provider_instance_id=PROVIDER)
    token = fake.issued[0]
    text = caplog.text + str(info.value) + repr(info.value) + repr(cc) + repr(cc.auth)
    assert token not in text and CLIENT_SECRET not in text
    lines = [r for r in caplog.records if r.name == "licensekit.clients"]
    assert (
        len(lines) == 2
        and "GET /v1/Customers/" in lines[1].getMessage()
        and "-> 500" in lines[1].getMessage()
    )
    assert fake.headers[0]["x-correlation-id"] in lines[1].getMessage()


# ---------------------------------------------------------------- proxies from the environment


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://api.cloudcockpit.com/x", "http://secure-proxy:3128"),
        ("http://api.cloudcockpit.com/x", "http://proxy:8080"),  # scheme-less value: http:// assumed
        ("ftp://files.example/x", "socks5://any:1080"),  # ALL_PROXY for other schemes
        ("https://login.microsoftonline.com/t", None),  # NO_PROXY suffix
        ("http://127.0.0.1:8000/x", None),  # NO_PROXY entry with a port
    ],
)
def test_env_proxy_by_scheme_with_no_proxy(
    monkeypatch: pytest.MonkeyPatch, url: str, expected: str | None
) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"):
        monkeypatch.delenv(name.lower(), raising=False)
    monkeypatch.setenv("HTTP_PROXY", "proxy:8080")
    monkeypatch.setenv("HTTPS_PROXY", "http://secure-proxy:3128")
    monkeypatch.setenv("ALL_PROXY", "socks5://any:1080")
    monkeypatch.setenv("NO_PROXY", ".microsoftonline.com, 127.0.0.1:8000")
    assert env_proxy(httpx.URL(url), urllib.request.getproxies()) == expected
