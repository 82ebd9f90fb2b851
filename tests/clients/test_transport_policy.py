"""RetryTransport's decisions on a fake clock: which answers are retried, after how long, how often, and
when a call gives up. The clock only moves when the transport sleeps or a handler says so, so no test
here depends on wall time or on where a second boundary falls."""

from __future__ import annotations

import asyncio
import logging
import socket
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from licensekit.clients import Fusion, FusionDeadlineExceeded, FusionTransportFailure, RetryPolicy
from licensekit.clients import transport as transport_module
from licensekit.clients._meta import EXT_ATTEMPTS, EXT_DEADLINE, EXT_TOKEN
from licensekit.clients.errors import DeadlineExceeded, RateLimitError
from licensekit.clients.transport import AsyncRetryTransport, CallIds, RetryTransport

from .answering import Answer, answering


class FakeClock:
    """time.monotonic/perf_counter/sleep for the transport module; random.uniform returns its upper bound."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []
        self.uniform_args: list[tuple[float, float]] = []

    def monotonic(self) -> float:
        return self.now

    perf_counter = monotonic

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 6))
        self.now += seconds

    def uniform(self, a: float, b: float) -> float:
        self.uniform_args.append((a, b))
        return b


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    fake = FakeClock()
    monkeypatch.setattr(transport_module, "time", fake)
    monkeypatch.setattr(transport_module, "random", fake)
    return fake


Handler = Callable[[httpx.Request], httpx.Response]


def scripted(*answers: httpx.Response | Exception, tail: int = 200) -> tuple[Handler, list[httpx.Request]]:
    queue = list(answers)
    seen: list[httpx.Request] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        answer = queue.pop(0) if queue else httpx.Response(tail)
        if isinstance(answer, Exception):
            raise answer
        return answer

    return handle, seen


def client(handle: Handler, policy: RetryPolicy | None = None, **kw: Any) -> httpx.Client:
    transport = RetryTransport(httpx.MockTransport(handle), policy=policy, **kw)
    return httpx.Client(transport=transport, base_url="https://api.test")


def test_default_policy() -> None:
    policy = RetryPolicy()
    assert (policy.max_attempts, policy.max_total, policy.backoff_base, policy.backoff_max) == (
        4,
        60.0,
        0.5,
        10.0,
    )
    assert policy.max_retry_after == 60.0 and policy.retry_statuses == {429, 503}
    assert policy.idempotent_methods == {"GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"}
    assert CallIds() == CallIds("X-Correlation-Id", None)


def test_503_backs_off_exponentially_then_gives_up_with_the_last_answer(clock: FakeClock) -> None:
    handle, seen = scripted(tail=503)
    policy = RetryPolicy(max_attempts=4, backoff_base=0.5, backoff_max=1.5)
    with client(handle, policy) as c:
        response = c.get("/x")
    assert response.status_code == 503 and response.extensions[EXT_ATTEMPTS] == 4
    assert len(seen) == 4
    # Full jitter: uniform(0, min(max, base * 2 ** (attempt - 1))); the fake takes the upper bound.
    assert clock.uniform_args[:3] == [(0, 0.5), (0, 1.0), (0, 1.5)]
    assert clock.sleeps == [0.5, 1.0, 1.5]


def test_success_after_a_retry_counts_both_attempts(clock: FakeClock) -> None:
    handle, seen = scripted(httpx.Response(503), httpx.Response(200, json={"ok": True}))
    with client(handle) as c:
        response = c.get("/x")
    assert response.status_code == 200 and response.extensions[EXT_ATTEMPTS] == 2
    assert response.json() == {"ok": True} and len(seen) == 2 and clock.sleeps == [0.5]


@pytest.mark.parametrize("status", [400, 401, 404, 500, 502, 504])
def test_other_statuses_are_not_retried(clock: FakeClock, status: int) -> None:
    handle, seen = scripted(httpx.Response(status))
    with client(handle) as c:
        response = c.get("/x")
    assert response.status_code == status and len(seen) == 1 and clock.sleeps == []
    assert response.extensions[EXT_ATTEMPTS] == 1


def test_retry_statuses_are_configurable(clock: FakeClock) -> None:
    handle, seen = scripted(httpx.Response(502), httpx.Response(503))
    with client(handle, RetryPolicy(retry_statuses=frozenset({502}))) as c:
        assert c.get("/x").status_code == 503
    assert len(seen) == 2


def test_retry_after_seconds_is_waited_with_small_jitter(clock: FakeClock) -> None:
    handle, seen = scripted(httpx.Response(429, headers={"Retry-After": "3"}), httpx.Response(200))
    with client(handle) as c:
        assert c.get("/x").status_code == 200
    # Jitter: up to a tenth of the wait, at most a second.
    ((low, high),) = clock.uniform_args
    assert low == 0 and high == pytest.approx(0.3)
    assert clock.sleeps == [3.3] and len(seen) == 2


def test_long_retry_after_jitter_is_capped_at_one_second(clock: FakeClock) -> None:
    handle, _ = scripted(httpx.Response(503, headers={"Retry-After": "20"}), httpx.Response(200))
    with client(handle) as c:
        assert c.get("/x").status_code == 200
    assert clock.uniform_args == [(0, 1.0)] and clock.sleeps == [21.0]


def test_retry_after_over_the_cap_is_not_waited_and_does_not_close_the_gate(clock: FakeClock) -> None:
    handle, seen = scripted(httpx.Response(429, headers={"Retry-After": "61"}), httpx.Response(200))
    with client(handle, RetryPolicy(max_total=600)) as c:
        assert c.get("/x").status_code == 429
        assert c.get("/x").status_code == 200
    assert clock.sleeps == [] and len(seen) == 2


def test_retry_after_at_the_cap_is_waited(clock: FakeClock) -> None:
    handle, _ = scripted(httpx.Response(429, headers={"Retry-After": "60"}), httpx.Response(200))
    with client(handle, RetryPolicy(max_total=600)) as c:
        assert c.get("/x").status_code == 200
    assert clock.sleeps == [61.0]


def test_wait_that_would_pass_the_deadline_is_not_made(clock: FakeClock) -> None:
    handle, seen = scripted(httpx.Response(429, headers={"Retry-After": "5"}), httpx.Response(200))
    with client(handle, RetryPolicy(max_total=5.0)) as c:
        response = c.get("/x")
    assert response.status_code == 429 and response.extensions[EXT_ATTEMPTS] == 1 and len(seen) == 1


def test_unsafe_method_is_not_retried_but_closes_the_gate_for_every_call(clock: FakeClock) -> None:
    handle, seen = scripted(httpx.Response(429, headers={"Retry-After": "4"}), httpx.Response(201))
    with client(handle) as c:
        assert c.post("/x").status_code == 429
        assert clock.sleeps == []
        # The next call, whatever its method, waits for the gate first.
        assert c.post("/x").status_code == 201
    assert clock.sleeps == [4.0] and len(seen) == 2


def test_gate_beyond_the_deadline_raises_without_sending(clock: FakeClock) -> None:
    handle, seen = scripted(httpx.Response(503, headers={"Retry-After": "30"}))
    with client(handle, RetryPolicy(max_total=10.0)) as c:
        assert c.post("/x").status_code == 503
        with pytest.raises(RateLimitError) as info:
            c.get("/x")
    error = info.value
    assert type(error) is RateLimitError
    assert (error.status, error.method, error.path, error.attempts) == (429, "GET", "/x", 0)
    assert error.retry_after == 30.0 and len(seen) == 1


def test_gate_exactly_at_the_deadline_raises(clock: FakeClock) -> None:
    handle, seen = scripted(httpx.Response(503, headers={"Retry-After": "10"}))
    with client(handle, RetryPolicy(max_total=10.0)) as c:
        c.post("/x")
        with pytest.raises(RateLimitError):
            c.get("/x")
    assert len(seen) == 1


def test_connection_error_retried_for_get_and_noted_when_exhausted(clock: FakeClock) -> None:
    handle, seen = scripted(*[httpx.ConnectError("refused")] * 3)
    with client(handle, RetryPolicy(max_attempts=3)) as c, pytest.raises(httpx.ConnectError) as info:
        c.get("/x")
    assert len(seen) == 3 and clock.sleeps == [0.5, 1.0]
    assert info.value.__notes__ == ["licensekit: gave up after 3 attempt(s)"]


@pytest.mark.parametrize("method", ["POST", "PATCH"])
def test_connection_error_not_retried_for_unsafe_methods(clock: FakeClock, method: str) -> None:
    handle, seen = scripted(httpx.ConnectError("refused"), httpx.Response(200))
    with client(handle) as c, pytest.raises(httpx.ConnectError) as info:
        c.request(method, "/x")
    assert len(seen) == 1 and clock.sleeps == []
    assert info.value.__notes__ == ["licensekit: gave up after 1 attempt(s)"]


def test_token_call_is_retried_even_as_a_post_and_gets_no_ids(clock: FakeClock) -> None:
    handle, seen = scripted(httpx.ConnectError("reset"), httpx.Response(503), httpx.Response(200))
    with client(handle) as c:
        request = c.build_request("POST", "/token", extensions={EXT_TOKEN: True})
        assert c.send(request).status_code == 200
    assert len(seen) == 3
    assert "x-correlation-id" not in seen[0].headers


def test_ids_filled_once_per_call_and_kept_when_given(clock: FakeClock) -> None:
    handle, seen = scripted(
        httpx.Response(503), httpx.Response(200), httpx.Response(200), httpx.Response(200)
    )
    ids = CallIds(correlation="X-Correlation-Id", request_id="MS-RequestId")
    with client(handle, ids=ids) as c:
        c.get("/x")
        c.get("/x")
        c.get("/x", headers={"MS-RequestId": "mine"})
    first, retry, second, given = (dict(r.headers) for r in seen)
    assert first["x-correlation-id"] == retry["x-correlation-id"] != second["x-correlation-id"]
    assert first["ms-requestid"] == retry["ms-requestid"] != second["ms-requestid"]
    assert len(first["x-correlation-id"]) == 36 and given["ms-requestid"] == "mine"
    none_handle, none_seen = scripted(httpx.Response(200))
    with client(none_handle, ids=CallIds(correlation=None)) as c:
        c.get("/x")
    assert "x-correlation-id" not in none_seen[0].headers


def test_timeouts_are_cut_to_the_time_left(clock: FakeClock) -> None:
    timeouts: list[dict[str, float]] = []

    def handle(request: httpx.Request) -> httpx.Response:
        timeouts.append(dict(request.extensions["timeout"]))
        clock.now += 3.0  # the attempt takes three seconds
        return httpx.Response(503 if len(timeouts) == 1 else 200)

    transport = RetryTransport(httpx.MockTransport(handle), policy=RetryPolicy(max_total=10.0))
    with httpx.Client(transport=transport, timeout=httpx.Timeout(5.0, connect=2.0)) as c:
        assert c.get("https://api.test/x").status_code == 200
    assert timeouts[0] == {"connect": 2.0, "read": 5.0, "write": 5.0, "pool": 5.0}
    # 3 s spent, 0.5 s backoff: 6.5 s left, so the 5 s timeouts stay and none exceeds the rest.
    assert timeouts[1] == {"connect": 2.0, "read": 5.0, "write": 5.0, "pool": 5.0}
    assert clock.sleeps == [0.5]


def test_no_timeout_becomes_the_time_left(clock: FakeClock) -> None:
    timeouts: list[dict[str, float]] = []

    def handle(request: httpx.Request) -> httpx.Response:
        timeouts.append(dict(request.extensions["timeout"]))
        return httpx.Response(200)

    transport = RetryTransport(httpx.MockTransport(handle), policy=RetryPolicy(max_total=7.0))
    with httpx.Client(transport=transport, timeout=None) as c:
        c.get("https://api.test/x")
    assert timeouts == [dict.fromkeys(("connect", "read", "write", "pool"), 7.0)]


def test_a_deadline_already_passed_raises_before_sending(clock: FakeClock) -> None:
    handle, seen = scripted()
    with client(handle, RetryPolicy(max_total=4.0)) as c:
        request = c.build_request("GET", "/x", extensions={EXT_DEADLINE: clock.now - 0.001})
        with pytest.raises(DeadlineExceeded) as info:
            c.send(request)
    assert seen == []
    assert str(info.value) == "GET /x passed its deadline (4 s, RetryPolicy.max_total) after 1 attempt(s)"
    assert info.value.deadline == 4.0


def test_a_shared_deadline_bounds_the_retries(clock: FakeClock) -> None:
    handle, seen = scripted(tail=503)
    with client(handle, RetryPolicy(max_total=60.0, max_attempts=10)) as c:
        request = c.build_request("GET", "/x", extensions={EXT_DEADLINE: clock.now + 1.2})
        assert c.send(request).status_code == 503
    # 0.5 s then 1.0 s: the second wait would pass the shared deadline.
    assert clock.sleeps == [0.5] and len(seen) == 2


def test_body_read_past_the_deadline_is_cut_off(clock: FakeClock) -> None:
    def chunks() -> Iterator[bytes]:
        yield b"first"
        clock.now += 10.0
        yield b"second"

    def handle(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=chunks())

    transport = RetryTransport(httpx.MockTransport(handle), policy=RetryPolicy(max_total=5.0))
    with httpx.Client(transport=transport) as c, c.stream("GET", "https://api.test/x") as response:
        got = []
        with pytest.raises(DeadlineExceeded):
            for chunk in response.iter_raw():
                got.append(chunk)
    assert got == [b"first"]


def test_async_transport_makes_the_same_decisions(clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    async def sleep(seconds: float) -> None:
        clock.sleep(seconds)

    monkeypatch.setattr(asyncio, "sleep", sleep)
    answers: list[httpx.Response | Exception] = [
        httpx.Response(503),
        httpx.ConnectError("x"),
        httpx.Response(429, headers={"Retry-After": "2"}),
    ]
    seen: list[httpx.Request] = []

    async def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        answer = answers.pop(0) if answers else httpx.Response(200)
        if isinstance(answer, Exception):
            raise answer
        return answer

    async def main() -> httpx.Response:
        transport = AsyncRetryTransport(httpx.MockTransport(handle), policy=RetryPolicy(max_attempts=4))
        async with httpx.AsyncClient(transport=transport) as c:
            return await c.get("https://api.test/x")

    response = asyncio.run(main())
    assert response.status_code == 200 and response.extensions[EXT_ATTEMPTS] == 4
    assert clock.sleeps == [0.5, 1.0, 2.2] and len(seen) == 4


# ------------------------------------------------------------------ a server that sends nothing at all


@pytest.fixture
def silent_server() -> Iterator[str]:
    """Accepts connections and reads requests, never answers."""
    listener = socket.create_server(("127.0.0.1", 0))
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            held.append(conn)

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join()
        for conn in held:
            conn.close()
        listener.close()


@pytest.mark.timeout(20)
def test_silent_server_ends_at_the_call_deadline_not_the_read_timeout(silent_server: str) -> None:
    client = Fusion(
        silent_server, draas_instance="d", token="t", timeout=10, retry=RetryPolicy(max_total=1.0)
    )
    began = time.monotonic()
    with client, pytest.raises(FusionDeadlineExceeded) as info:
        client.list_customer_licenses("group", "7ba71d48-91f6-5eca-a70a-4852b6eaaaa4")  # type: ignore[arg-type]
    elapsed = time.monotonic() - began
    # The read timeout (10 s) was cut to the time left; the margins are wide, whatever the load.
    assert 0.9 <= elapsed < 5.0
    assert isinstance(info.value, FusionTransportFailure)
    assert "passed its deadline (1 s, RetryPolicy.max_total)" in str(info.value)


def test_timeout_cut_by_the_deadline_raises_deadline_exceeded(clock: FakeClock) -> None:
    def handle(request: httpx.Request) -> httpx.Response:
        clock.now += request.extensions["timeout"]["read"]
        raise httpx.ReadTimeout("timed out")

    transport = RetryTransport(httpx.MockTransport(handle), policy=RetryPolicy(max_total=3.0))
    with httpx.Client(transport=transport, timeout=10.0) as c, pytest.raises(DeadlineExceeded) as info:
        c.get("https://api.test/x")
    assert isinstance(info.value.__cause__, httpx.ReadTimeout)
    assert str(info.value) == "GET /x passed its deadline (3 s, RetryPolicy.max_total) after 1 attempt(s)"


def test_timeout_of_its_own_is_retried_not_a_deadline(clock: FakeClock) -> None:
    attempts: list[dict[str, float]] = []

    def handle(request: httpx.Request) -> httpx.Response:
        attempts.append(dict(request.extensions["timeout"]))
        if len(attempts) == 1:
            clock.now += 2.0
            raise httpx.ConnectTimeout("no connection")
        return httpx.Response(200)

    transport = RetryTransport(httpx.MockTransport(handle), policy=RetryPolicy(max_total=30.0))
    with httpx.Client(transport=transport, timeout=httpx.Timeout(10.0, connect=2.0)) as c:
        assert c.get("https://api.test/x").status_code == 200
    assert len(attempts) == 2 and clock.sleeps == [0.5]


def test_timeout_raised_early_is_an_ordinary_transport_error(clock: FakeClock) -> None:
    # The read timeout was cut to the time left, but ran out long before it (a reset, a proxy's own
    # timer): not the deadline, so the GET is retried.
    handle, seen = scripted(httpx.ReadTimeout("early"), httpx.Response(200))
    with client(handle, RetryPolicy(max_total=5.0)) as c:
        assert c.get("/x", timeout=30.0).status_code == 200
    assert len(seen) == 2 and clock.sleeps == [0.5]


# ------------------------------------------------------------------ the environment's proxy, for real


def _clear_proxy_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)


def test_requests_go_through_the_environments_proxy_unless_no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    _clear_proxy_env(monkeypatch)
    with answering(lambda seen: Answer(200, b"{}")) as proxy, answering(lambda seen: Answer(204)) as direct:
        monkeypatch.setenv("HTTP_PROXY", proxy.base_url)
        monkeypatch.setenv("NO_PROXY", "127.0.0.1")
        transport = RetryTransport()  # built after the environment is set: it reads it once
        with httpx.Client(transport=transport) as c:
            assert c.get("http://api.example.test/v1/x?a=1").status_code == 200
            assert c.get("http://api.example.test/v1/y").status_code == 200
            assert c.get(direct.base_url + "/z").status_code == 204
        # Through the proxy: the absolute URL as the request target (RFC 9112 3.2.2).
        assert [s.path for s in proxy.seen] == [
            "http://api.example.test/v1/x?a=1",
            "http://api.example.test/v1/y",
        ]
        assert [s.path for s in direct.seen] == ["/z"]
        routes = transport._inner._routes  # type: ignore[attr-defined]
        assert set(routes._by_proxy) == {proxy.base_url, None}  # one transport per proxy, reused


def test_async_requests_go_through_the_environments_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    _clear_proxy_env(monkeypatch)

    async def main(url: str) -> int:
        async with httpx.AsyncClient(transport=AsyncRetryTransport()) as c:
            return (await c.get(url)).status_code

    with answering(lambda seen: Answer(201)) as proxy:
        monkeypatch.setenv("HTTP_PROXY", proxy.base_url)
        assert asyncio.run(main("http://api.example.test/v1/x")) == 201
        assert [s.path for s in proxy.seen] == ["http://api.example.test/v1/x"]


# ---------------------------------------------------------- more of the same decisions, at their edges


def test_timeouts_shorter_than_a_second_are_cut_too(clock: FakeClock) -> None:
    seen: list[dict[str, float]] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(dict(request.extensions["timeout"]))
        return httpx.Response(200)

    with client(handle, RetryPolicy(max_total=60.0)) as c:
        c.send(c.build_request("GET", "/x", timeout=30.0, extensions={EXT_DEADLINE: clock.now + 0.25}))
    assert seen == [dict.fromkeys(("connect", "read", "write", "pool"), 0.25)]


def test_a_request_without_timeouts_gets_every_one_from_the_deadline(clock: FakeClock) -> None:
    seen: list[dict[str, float]] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(dict(request.extensions["timeout"]))
        return httpx.Response(200)

    transport = RetryTransport(httpx.MockTransport(handle), policy=RetryPolicy(max_total=9.0))
    transport.handle_request(httpx.Request("GET", "https://api.test/x"))  # no client: no timeout extension
    assert seen == [{"connect": 9.0, "read": 9.0, "write": 9.0, "pool": 9.0}]


def test_short_gate_is_waited_for(clock: FakeClock) -> None:
    handle, seen = scripted(httpx.Response(429, headers={"Retry-After": "0.5"}), httpx.Response(200))
    with client(handle) as c:
        assert c.post("/x").status_code == 429
        assert c.get("/x").status_code == 200
    assert clock.sleeps == [0.5] and len(seen) == 2


def test_retry_after_at_the_cap_closes_the_gate(clock: FakeClock) -> None:
    handle, _ = scripted(httpx.Response(429, headers={"Retry-After": "60"}), httpx.Response(200))
    with client(handle, RetryPolicy(max_total=600)) as c:
        assert c.post("/x").status_code == 429
        assert c.get("/x").status_code == 200
    assert clock.sleeps == [60.0]


def test_body_arriving_before_the_deadline_is_not_cut(clock: FakeClock) -> None:
    def chunks() -> Iterator[bytes]:
        yield b"first"
        clock.now += 4.5  # half a second before the deadline
        yield b"second"

    transport = RetryTransport(httpx.MockTransport(lambda r: httpx.Response(200, content=chunks())))
    with httpx.Client(transport=transport) as c:
        request = c.build_request("GET", "https://api.test/x", extensions={EXT_DEADLINE: clock.now + 5.0})
        response = c.send(request)
    assert response.content == b"firstsecond"


def test_async_body_read_past_the_deadline_is_cut_off(clock: FakeClock) -> None:
    async def chunks() -> Any:
        yield b"first"
        clock.now += 4.5
        yield b"second"
        clock.now += 1.0
        yield b"third"

    async def main() -> list[bytes]:
        transport = AsyncRetryTransport(
            httpx.MockTransport(lambda r: httpx.Response(200, content=chunks())),
            policy=RetryPolicy(max_total=5.0),
        )
        got: list[bytes] = []
        async with (
            httpx.AsyncClient(transport=transport) as c,
            c.stream("GET", "https://api.test/x") as response,
        ):
            with pytest.raises(DeadlineExceeded):
                async for chunk in response.aiter_raw():
                    got.append(chunk)
        return got

    assert asyncio.run(main()) == [b"first", b"second"]


def test_one_debug_line_per_attempt(clock: FakeClock, caplog: pytest.LogCaptureFixture) -> None:
    handle, _ = scripted(httpx.Response(503), httpx.ConnectError("refused"), httpx.Response(200))
    caplog.set_level(logging.DEBUG, logger="licensekit.clients")
    with client(handle) as c:
        c.get("/x", headers={"X-Correlation-Id": "cid-1"})
    lines = [r.getMessage() for r in caplog.records if r.name == "licensekit.clients"]
    assert lines == [
        "GET /x -> 503 in 0.0 ms (attempt 1, correlation id cid-1)",
        "GET /x -> ConnectError in 0.0 ms (attempt 2, correlation id cid-1)",
        "GET /x -> 200 in 0.0 ms (attempt 3, correlation id cid-1)",
    ]


def test_async_transport_keeps_its_policy_and_ids_and_notes_giving_up(
    clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def sleep(seconds: float) -> None:
        clock.sleep(seconds)

    monkeypatch.setattr(asyncio, "sleep", sleep)
    seen: list[httpx.Request] = []

    async def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        raise httpx.ConnectError("refused")

    async def main() -> None:
        transport = AsyncRetryTransport(
            httpx.MockTransport(handle),
            policy=RetryPolicy(max_attempts=2),
            ids=CallIds(correlation="X-Trace", request_id=None),
        )
        async with httpx.AsyncClient(transport=transport) as c:
            await c.get("https://api.test/x")

    with pytest.raises(httpx.ConnectError) as info:
        asyncio.run(main())
    assert info.value.__notes__ == ["licensekit: gave up after 2 attempt(s)"]
    assert len(seen) == 2 and clock.sleeps == [0.5]
    assert "x-trace" in seen[0].headers and "x-correlation-id" not in seen[0].headers
