"""Tokens: expiry read from the JWT and expires_in, refreshed before expiry by a margin, one refresh on a
401, and each token endpoint's answers read right. The wall clock is a fake the test moves (auth.time),
so no assertion here depends on when in a second it runs."""

from __future__ import annotations

import asyncio
import base64
import json
import types

import httpx
import pytest

from licensekit.clients import auth as auth_module
from licensekit.clients._meta import EXT_DEADLINE, EXT_TOKEN, USER_AGENT
from licensekit.clients._secret import Secret
from licensekit.clients.auth import (
    BearerAuth,
    ClientCredentials,
    EntraTokenSource,
    FusionLogin,
    FusionTokenSource,
    RefreshTokenCredentials,
    Token,
    jwt_expiry,
)
from licensekit.clients.errors import AuthenticationError

T0 = 1_800_000_000.0  # a whole second: exp claims are whole seconds too


class WallClock:
    def __init__(self) -> None:
        self.now = T0

    def time(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> WallClock:
    fake = WallClock()
    monkeypatch.setattr(auth_module, "time", types.SimpleNamespace(time=fake.time))
    return fake


def b64(data: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def jwt(claims: object) -> str:
    return f"{b64({'alg': 'HS256'})}.{b64(claims)}.c2ln"


# ------------------------------------------------------------------ expiry


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        (jwt({"exp": 1234}), 1234.0),
        (jwt({"exp": 1234.5}), 1234.5),
        (jwt({"exp": True}), None),
        (jwt({"exp": "1234"}), None),
        (jwt({"sub": "x"}), None),
        (jwt([1, 2]), None),
        ("a.b", None),
        ("a.b.c.d", None),
        ("opaque-token", None),
        ("x.!!!.y", None),
        (f"x.{base64.urlsafe_b64encode(b'not json').decode()}.y", None),
    ],
)
def test_jwt_expiry(token: str, expected: float | None) -> None:
    assert jwt_expiry(token) == expected


def test_jwt_expiry_any_padding() -> None:
    for sub in ("a", "ab", "abc", "abcd"):  # payload lengths needing 0-3 padding characters
        assert jwt_expiry(jwt({"exp": 99, "sub": sub})) == 99.0


def test_token_parse_takes_the_earliest_expiry(clock: WallClock) -> None:
    both = Token.parse(jwt({"exp": T0 + 100}), 3600)
    assert both.expires_at == T0 + 100 and both.obtained_at == T0 and both.refresh_margin == 60.0
    assert Token.parse(jwt({"exp": T0 + 7200}), "3600").expires_at == T0 + 3600
    assert Token.parse("opaque", 50).expires_at == T0 + 50
    assert Token.parse("opaque", "soon").expires_at is None
    assert Token.parse("opaque", None).expires_at is None
    assert Token.parse("opaque", [1]).expires_at is None
    assert Token.parse("opaque", 10, margin=5).refresh_margin == 5
    assert Token.parse("opaque").value == Secret("opaque")


def test_fresh_until_the_margin_before_expiry(clock: WallClock) -> None:
    token = Token.parse("opaque", 3600)  # margin 60 s
    clock.now = T0 + 3539.5
    assert token.fresh()
    clock.now = T0 + 3540
    assert not token.fresh()
    clock.now = T0 + 4000
    assert not token.fresh()


def test_short_lived_token_margin_is_half_its_life(clock: WallClock) -> None:
    token = Token.parse("opaque", 100)  # margin min(60, 50) = 50 s
    clock.now = T0 + 49.5
    assert token.fresh()
    clock.now = T0 + 50
    assert not token.fresh()


def test_unknown_expiry_is_always_fresh(clock: WallClock) -> None:
    token = Token.parse("opaque")
    clock.now = T0 + 10**9
    assert token.fresh()


# ------------------------------------------------------------------ the auth flow


class Endpoint:
    """Token endpoint plus API: tokens `t1`, `t2`... with `lifetime` seconds of life on the fake clock."""

    def __init__(self, clock: WallClock, lifetime: float = 3600, api: list[int] | None = None) -> None:
        self.clock = clock
        self.lifetime = lifetime
        self.issued = 0
        self.api = list(api or [])
        self.seen: list[str] = []  # "token" or the Authorization header of an API call
        self.token_requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/token":
            self.token_requests.append(request)
            self.issued += 1
            self.seen.append("token")
            return httpx.Response(200, json={"access_token": f"t{self.issued}", "expires_in": self.lifetime})
        self.seen.append(request.headers.get("authorization", "-"))
        return httpx.Response(self.api.pop(0) if self.api else 200)


def entra() -> EntraTokenSource:
    return EntraTokenSource(
        ClientCredentials("app", "secret-1"), "https://login.test/token", "scope/.default"
    )


def test_token_reused_while_fresh_refreshed_before_expiry(clock: WallClock) -> None:
    endpoint = Endpoint(clock, lifetime=3600)
    auth = BearerAuth(entra())
    with httpx.Client(transport=httpx.MockTransport(endpoint), auth=auth) as c:
        c.get("https://api.test/a")
        clock.now = T0 + 3530  # 10 s inside the margin's edge: still fresh
        c.get("https://api.test/a")
        clock.now = T0 + 3550  # 10 s past it: refreshed before the call
        c.get("https://api.test/a")
    assert endpoint.seen == ["token", "Bearer t1", "Bearer t1", "token", "Bearer t2"]
    assert auth.refreshes == 2


def test_401_refreshes_once_and_retries_with_the_new_token(clock: WallClock) -> None:
    endpoint = Endpoint(clock, api=[401, 200])
    with httpx.Client(transport=httpx.MockTransport(endpoint), auth=BearerAuth(entra())) as c:
        assert c.get("https://api.test/a").status_code == 200
    assert endpoint.seen == ["token", "Bearer t1", "token", "Bearer t2"]


def test_second_401_is_returned_not_refreshed_again(clock: WallClock) -> None:
    endpoint = Endpoint(clock, api=[401, 401, 200])
    with httpx.Client(transport=httpx.MockTransport(endpoint), auth=BearerAuth(entra())) as c:
        assert c.get("https://api.test/a").status_code == 401
    assert endpoint.seen == ["token", "Bearer t1", "token", "Bearer t2"]


def test_fixed_token_is_sent_and_never_refreshed(clock: WallClock) -> None:
    endpoint = Endpoint(clock, api=[401])
    auth = BearerAuth(token="fixed-token")
    with httpx.Client(transport=httpx.MockTransport(endpoint), auth=auth) as c:
        assert c.get("https://api.test/a").status_code == 401
        clock.now = T0 + 10**8
        assert c.get("https://api.test/a").status_code == 200
    assert endpoint.seen == ["Bearer fixed-token", "Bearer fixed-token"]
    assert auth.refreshes == 0
    assert repr(auth) == "BearerAuth(source=None)"


def test_bearer_auth_needs_exactly_one_of_source_or_token() -> None:
    for wrong in ({}, {"source": entra(), "token": "t"}):
        with pytest.raises(ValueError) as info:
            BearerAuth(**wrong)  # type: ignore[arg-type]
        assert str(info.value) == "give one of a token source, a token credential or a token"


def test_token_call_shares_the_deadline_and_is_marked(clock: WallClock) -> None:
    endpoint = Endpoint(clock)
    with httpx.Client(transport=httpx.MockTransport(endpoint), auth=BearerAuth(entra())) as c:
        c.get("https://api.test/a", extensions={EXT_DEADLINE: 1234.5})
        c.get("https://api.test/a")
    (token_request,) = endpoint.token_requests
    assert token_request.extensions[EXT_DEADLINE] == 1234.5 and token_request.extensions[EXT_TOKEN] is True
    assert token_request.headers["user-agent"] == USER_AGENT
    assert token_request.headers["accept"] == "application/json"


def test_no_deadline_no_shared_deadline(clock: WallClock) -> None:
    endpoint = Endpoint(clock)
    with httpx.Client(transport=httpx.MockTransport(endpoint), auth=BearerAuth(entra())) as c:
        c.get("https://api.test/a")
    assert EXT_DEADLINE not in endpoint.token_requests[0].extensions


def test_async_flow_refreshes_like_the_sync_one(clock: WallClock) -> None:
    endpoint = Endpoint(clock, lifetime=100, api=[200, 401, 200])

    async def main() -> None:
        auth = BearerAuth(entra())
        async with httpx.AsyncClient(transport=httpx.MockTransport(endpoint), auth=auth) as c:
            await c.get("https://api.test/a")
            clock.now = T0 + 60  # past the 50 s margin of a 100 s token
            await c.get("https://api.test/a")
        assert auth.refreshes == 3

    asyncio.run(main())
    assert endpoint.seen == ["token", "Bearer t1", "token", "Bearer t2", "token", "Bearer t3"]


# ------------------------------------------------------------------ Entra ID


def form(request: httpx.Request) -> dict[str, str]:
    return dict(httpx.QueryParams(request.content.decode()))


def test_client_credentials_request() -> None:
    source = EntraTokenSource(
        ClientCredentials("app", "secret-1", scope="custom/.default", token_url="https://own.test/token"),
        "https://login.test/token",
        "default/.default",
    )
    request = source.request()
    assert (request.method, str(request.url)) == ("POST", "https://own.test/token")
    assert form(request) == {
        "client_id": "app",
        "scope": "custom/.default",
        "grant_type": "client_credentials",
        "client_secret": "secret-1",
    }
    assert repr(source) == "EntraTokenSource(client_id='app', token_url='https://own.test/token')"
    default = entra().request()
    assert str(default.url) == "https://login.test/token" and form(default)["scope"] == "scope/.default"


def test_refresh_token_request_rotates_and_omits_a_missing_secret() -> None:
    source = EntraTokenSource(RefreshTokenCredentials("app", "rt-0"), "https://login.test/token", "s")
    assert form(source.request()) == {
        "client_id": "app",
        "scope": "s",
        "grant_type": "refresh_token",
        "refresh_token": "rt-0",
    }
    answer = httpx.Response(
        200, json={"access_token": "at", "refresh_token": "rt-1"}, request=source.request()
    )
    assert source.accept(answer).value == Secret("at")
    assert form(source.request())["refresh_token"] == "rt-1"
    ignored = httpx.Response(200, json={"access_token": "at", "refresh_token": 5}, request=source.request())
    source.accept(ignored)
    assert form(source.request())["refresh_token"] == "rt-1"
    confidential = EntraTokenSource(
        RefreshTokenCredentials("app", "rt", client_secret="cs-1"), "https://login.test/token", "s"
    )
    assert form(confidential.request())["client_secret"] == "cs-1"


@pytest.mark.parametrize(
    ("status", "body", "message", "error"),
    [
        (
            400,
            {"error": "invalid_client", "error_description": "AADSTS7000215: bad secret"},
            "token endpoint answered 400: invalid_client (AADSTS7000215: bad secret)",
            "invalid_client",
        ),
        (401, {"error": 5}, "token endpoint answered 401: no access_token", None),
        (200, {"token_type": "Bearer"}, "token endpoint answered 200: no access_token", None),
        (200, {"access_token": 12}, "token endpoint answered 200: no access_token", None),
        (500, b"<html>", "token endpoint answered 500: no access_token", None),
        (200, [1, 2], "token endpoint answered 200: no access_token", None),
    ],
)
def test_entra_refusals(status: int, body: object, message: str, error: str | None) -> None:
    source = entra()
    if isinstance(body, bytes):
        answer = httpx.Response(status, content=body, request=source.request())
    else:
        answer = httpx.Response(status, json=body, request=source.request())
    with pytest.raises(AuthenticationError) as info:
        source.accept(answer)
    assert type(info.value) is AuthenticationError
    assert str(info.value) == message and info.value.status == status and info.value.error == error


def test_entra_token_with_error_status_is_refused() -> None:
    source = entra()
    answer = httpx.Response(400, json={"access_token": "at"}, request=source.request())
    with pytest.raises(AuthenticationError, match="answered 400"):
        source.accept(answer)


# ------------------------------------------------------------------ Fusion


def fusion_source() -> FusionTokenSource:
    return FusionTokenSource(FusionLogin("bob", "pw-1"), "https://fusion.test/")


def answered(source: FusionTokenSource, status: int, body: object) -> httpx.Response:
    return httpx.Response(status, json=body, request=source.request())


def test_fusion_login_then_refresh_requests() -> None:
    source = fusion_source()
    login = source.request()
    assert (login.method, str(login.url)) == ("POST", "https://fusion.test/api/v01/auth/login")
    assert json.loads(login.content) == {"username": "bob", "password": "pw-1"}
    assert repr(source) == "FusionTokenSource(username='bob', base_url='https://fusion.test')"
    token = source.accept(answered(source, 200, {"access_token": "a1", "refresh_token": "r1"}))
    assert token is not None and token.value == Secret("a1")
    refresh = source.request()
    assert (refresh.method, str(refresh.url)) == ("GET", "https://fusion.test/api/v01/auth/access_token")
    assert refresh.headers["authorization"] == "Bearer r1"
    # The refresh answer may name the token `token`.
    again = source.accept(answered(source, 200, {"token": "a2"}))
    assert again is not None and again.value == Secret("a2")


@pytest.mark.parametrize("status", [401, 403])
def test_fusion_refused_refresh_falls_back_to_login(status: int) -> None:
    source = fusion_source()
    source.accept(answered(source, 200, {"access_token": "a1", "refresh_token": "r1"}))
    assert source.accept(answered(source, status, {"error": "expired"})) is None
    assert source.request().method == "POST"


def test_fusion_refused_login_is_an_error_not_a_fallback() -> None:
    source = fusion_source()
    with pytest.raises(AuthenticationError) as info:
        source.accept(answered(source, 401, {"error": {"reason": "bad password"}}))
    assert str(info.value) == "Fusion login answered 401: bad password" and info.value.status == 401
    with pytest.raises(AuthenticationError) as plain:
        source.accept(answered(source, 500, {"error": 3}))
    assert str(plain.value) == "Fusion login answered 500"


def test_fusion_refresh_failing_otherwise_is_an_error() -> None:
    source = fusion_source()
    source.accept(answered(source, 200, {"access_token": "a1", "refresh_token": "r1"}))
    with pytest.raises(AuthenticationError) as info:
        source.accept(answered(source, 500, {"error": "down"}))
    assert str(info.value) == "Fusion refresh answered 500: down"


def test_fusion_two_factor_and_missing_token() -> None:
    source = fusion_source()
    with pytest.raises(AuthenticationError) as two_fa:
        source.accept(answered(source, 200, {"2fa_payload": "x", "access_token": "a"}))
    assert str(two_fa.value) == "Fusion login asks for two-factor authentication, which is not supported"
    with pytest.raises(AuthenticationError) as none:
        source.accept(answered(source, 200, {"refresh_token": "r"}))
    assert str(none.value) == "Fusion login answered without an access token" and none.value.status == 200


def test_refused_refresh_then_login_in_one_round(clock: WallClock) -> None:
    calls: list[str] = []

    def handle(request: httpx.Request) -> httpx.Response:
        path = request.url.path
        calls.append(f"{request.method} {path}")
        if path == "/api/v01/auth/login":
            return httpx.Response(
                200, json={"access_token": f"a{len(calls)}", "refresh_token": "r", "expires_in": 100}
            )
        if path == "/api/v01/auth/access_token":
            return httpx.Response(401, json={"error": "expired"})
        return httpx.Response(200)

    auth = BearerAuth(fusion_source())
    with httpx.Client(transport=httpx.MockTransport(handle), auth=auth) as c:
        c.get("https://fusion.test/api/x")
        clock.now = T0 + 60
        c.get("https://fusion.test/api/x")
    assert calls == [
        "POST /api/v01/auth/login",
        "GET /api/x",
        "GET /api/v01/auth/access_token",
        "POST /api/v01/auth/login",
        "GET /api/x",
    ]


def test_no_token_after_the_fallback_raises(clock: WallClock) -> None:
    class Refusing:
        def request(self) -> httpx.Request:
            return httpx.Request("GET", "https://t.test/token")

        def accept(self, response: httpx.Response) -> Token | None:
            return None

    sent: list[str] = []

    def handle(request: httpx.Request) -> httpx.Response:
        sent.append(request.url.path)
        return httpx.Response(200)

    with (
        httpx.Client(transport=httpx.MockTransport(handle), auth=BearerAuth(Refusing())) as c,
        pytest.raises(AuthenticationError) as info,
    ):
        c.get("https://api.test/a")
    assert str(info.value) == "could not obtain a token"
    assert sent == ["/token", "/token"]


def test_refresh_token_credentials_own_scope_and_token_url() -> None:
    source = EntraTokenSource(
        RefreshTokenCredentials("app", "rt", scope="own/.default", token_url="https://own.test/token"),
        "https://login.test/token",
        "default/.default",
    )
    request = source.request()
    assert str(request.url) == "https://own.test/token" and form(request)["scope"] == "own/.default"


def test_fusion_base_url_keeps_its_path() -> None:
    source = FusionTokenSource(FusionLogin("bob", "pw"), "https://fusion.test/tenant-X/")
    assert str(source.request().url) == "https://fusion.test/tenant-X/api/v01/auth/login"
