"""Per-call deadline (RetryPolicy.max_total) and the Retry-After gate, against a real loopback server."""

from __future__ import annotations

import asyncio
import json
import time
import uuid

import pytest

from licensekit.clients import (
    AsyncFusion,
    Fusion,
    FusionDeadlineExceeded,
    FusionError,
    FusionLogin,
    FusionRateLimitError,
    RetryPolicy,
)

from .answering import Answer, Seen, answering

GROUP = uuid.UUID("7ba71d48-91f6-5eca-a70a-4852b6eaaaa4")
PAGE = json.dumps({"results": 0, "pages": 0, "page": 1, "licenses": []}).encode()
DRIPPING = Answer(200, b" " * 40 + PAGE, drip=0.2)  # 8 s of body, one byte every 0.2 s
POLICY = RetryPolicy(max_total=2.0)


def test_dripping_body_ends_at_the_deadline_sync() -> None:
    with answering(lambda seen: DRIPPING) as server:
        client = Fusion(server.base_url, draas_instance="d", token="t", timeout=1, retry=POLICY)
        began = time.monotonic()
        with client, pytest.raises(FusionDeadlineExceeded) as info:
            client.list_customer_licenses("group", GROUP)
        elapsed = time.monotonic() - began
    print(
        f"\nsync: dripping body, timeout=1, max_total=2 -> {type(info.value).__name__} after {elapsed:.2f} s"
    )
    assert 1.9 <= elapsed < 2.6
    assert isinstance(info.value, FusionError)


def test_dripping_body_ends_at_the_deadline_async() -> None:
    async def main() -> float:
        async with AsyncFusion(server.base_url, draas_instance="d", token="t", timeout=1, retry=POLICY) as c:
            began = time.monotonic()
            with pytest.raises(FusionDeadlineExceeded):
                await c.list_customer_licenses("group", GROUP)
            return time.monotonic() - began

    with answering(lambda seen: DRIPPING) as server:
        elapsed = asyncio.run(main())
    print(f"\nasync: dripping body, timeout=1, max_total=2 -> FusionDeadlineExceeded after {elapsed:.2f} s")
    assert 1.9 <= elapsed < 2.6


def test_slow_login_counts_against_the_call_deadline() -> None:
    def script(seen: Seen) -> Answer:
        if seen.path.endswith("/auth/login"):
            return Answer(200, b" " * 40 + b'{"access_token": "a"}', drip=0.2)
        return Answer(200, PAGE)

    with answering(script) as server:
        login = FusionLogin("user", "pw")
        client = Fusion(server.base_url, draas_instance="d", credentials=login, timeout=1, retry=POLICY)
        began = time.monotonic()
        with client, pytest.raises(FusionDeadlineExceeded):
            client.list_customer_licenses("group", GROUP)
        elapsed = time.monotonic() - began
    print(f"\nslow login, max_total=2 -> FusionDeadlineExceeded after {elapsed:.2f} s")
    assert elapsed < 2.6


def test_retry_after_beyond_the_deadline_raises_at_once_and_gates_later_calls() -> None:
    throttled = Answer(429, b'{"error": "slow down"}', headers={"Retry-After": "60"})
    with answering(lambda seen: throttled) as server:
        client = Fusion(server.base_url, draas_instance="d", token="t", retry=POLICY)
        with client:
            began = time.monotonic()
            with pytest.raises(FusionRateLimitError) as first:
                client.list_customer_licenses("group", GROUP)
            with pytest.raises(FusionRateLimitError) as later:
                client.list_customer_licenses("group", GROUP)
            elapsed = time.monotonic() - began
        sent = len(server.seen)
    print(f"\nRetry-After 60, max_total=2: two calls raised in {elapsed:.3f} s")
    assert elapsed < 0.5
    assert first.value.status == 429 and first.value.retry_after == 60
    assert later.value.attempts == 0 and later.value.retry_after is not None
    assert "not sent" in str(later.value)
    assert sent == 1  # the gated call never went out


def test_gate_shorter_than_the_deadline_is_waited_for() -> None:
    answers = iter([Answer(429, b"", headers={"Retry-After": "0.3"})])

    def script(seen: Seen) -> Answer:
        return next(answers, Answer(200, PAGE))

    with answering(script) as server, Fusion(server.base_url, draas_instance="d", token="t") as client:
        began = time.monotonic()
        page = client.list_customer_licenses("group", GROUP)
        assert page.licenses == [] and time.monotonic() - began >= 0.3


HELD = Answer(200, PAGE, hold=3.0)  # the status line and headers come 3 s late


def test_headers_held_past_the_deadline_end_as_deadline_exceeded_sync() -> None:
    """A server holding its headers past max_total: the deadline passed, not a mere transport failure."""
    with answering(lambda seen: HELD) as server:
        client = Fusion(server.base_url, draas_instance="d", token="t", retry=RetryPolicy(max_total=1.0))
        began = time.monotonic()
        with client, pytest.raises(FusionDeadlineExceeded) as info:
            client.list_customer_licenses("group", GROUP)
        elapsed = time.monotonic() - began
    print(f"\nsync: headers held 3 s, max_total=1 -> {type(info.value).__name__} after {elapsed:.2f} s")
    assert 0.9 <= elapsed < 1.6
    assert info.value.deadline == 1.0
    assert type(info.value.__cause__).__name__ == "ReadTimeout"


def test_headers_held_past_the_deadline_end_as_deadline_exceeded_async() -> None:
    async def main() -> FusionError:
        policy = RetryPolicy(max_total=1.0)
        async with AsyncFusion(server.base_url, draas_instance="d", token="t", retry=policy) as client:
            with pytest.raises(FusionDeadlineExceeded) as info:
                await client.list_customer_licenses("group", GROUP)
            return info.value

    with answering(lambda seen: HELD) as server:
        error = asyncio.run(main())
    assert type(error.__cause__).__name__ == "ReadTimeout"


def test_a_timeout_shorter_than_the_deadline_stays_a_transport_failure() -> None:
    """timeout=0.5 under max_total=5: the read timeout, not the deadline, ended the attempt."""
    with answering(lambda seen: HELD) as server:
        policy = RetryPolicy(max_total=5.0, max_attempts=1)
        client = Fusion(server.base_url, draas_instance="d", token="t", timeout=0.5, retry=policy)
        with client, pytest.raises(FusionError) as info:
            client.list_customer_licenses("group", GROUP)
    assert type(info.value).__name__ == "FusionTransportFailure", type(info.value)
