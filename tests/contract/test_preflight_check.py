"""contract_tests/preflight.py in-process, against real loopback servers: each answer and each failure
gives its one line, naming the variable to fix (the run-level behaviour: test_preflight.py)."""

from __future__ import annotations

import re
import socket
import threading
from collections.abc import Iterator
from http import HTTPStatus

import httpx
import pytest

from contract_tests import preflight
from contract_tests.plumbing import Target
from tests.clients.answering import Answer, Seen, answering

GROUP = "7ba71d48-91f6-5eca-a70a-4852b6eaaaa4"
FUSION_IDS = {"draas_instance": "draas_v1", "group_uuid": GROUP}
CC_IDS = {"customer_id": "c-1", "provider_instance_id": "p-1", "tenant": "portal.test"}
SECONDS = r"\d+\.\d\d s"


def fusion(url: str, **ids: str) -> Target:
    return Target("fusion", "live", url, token="tok-123456", ids=ids)


def line_of(result: preflight.Result) -> str:
    return re.sub(SECONDS, "T s", result.line)


def test_documented_read_answered_2xx_passes(monkeypatch: pytest.MonkeyPatch) -> None:
    with answering(lambda seen: Answer(200, b"{}")) as server:
        result = preflight.check(fusion(server.base_url, **FUSION_IDS))
        (seen,) = server.seen
    url = f"{server.base_url}/api/v01/draas/draas_v1/groups/{GROUP}/customer_licenses"
    assert result.ok is True
    assert line_of(result) == f"preflight fusion: GET {url} -> 200 in T s"
    assert seen.path == f"/api/v01/draas/draas_v1/groups/{GROUP}/customer_licenses?page_size=1"
    assert seen.headers["authorization"] == "Bearer tok-123456"
    assert result.seconds >= 0


def test_cloudcockpit_read_carries_ids_query_and_tenant() -> None:
    with answering(lambda seen: Answer(204)) as server:
        target = Target("cloudcockpit", "live", server.base_url, token="tok-123456", ids=CC_IDS)
        result = preflight.check(target)
        (seen,) = server.seen
    assert result.ok is True
    assert seen.path == "/v1/Customers/c-1/licenses?providerInstanceId=p-1"
    assert seen.headers["x-tenant"] == "portal.test"


@pytest.mark.parametrize(
    ("api", "status", "fix"),
    [
        ("fusion", 401, "the token was refused: set LICENSEKIT_FUSION_TOKEN to a valid, unexpired token"),
        ("fusion", 403, "the token lacks rights here: check LICENSEKIT_FUSION_TOKEN"),
        (
            "cloudcockpit",
            403,
            "the token lacks rights here: check LICENSEKIT_CLOUDCOCKPIT_TOKEN"
            " and LICENSEKIT_CLOUDCOCKPIT_TENANT",
        ),
        (
            "fusion",
            404,
            "check LICENSEKIT_FUSION_URL and LICENSEKIT_FUSION_DRAAS_INSTANCE, LICENSEKIT_FUSION_GROUP_UUID",
        ),
        (
            "partner-center",
            404,
            "check LICENSEKIT_PARTNER_CENTER_URL and LICENSEKIT_PARTNER_CENTER_CUSTOMER_ID,"
            " LICENSEKIT_PARTNER_CENTER_USER_ID",
        ),
        ("fusion", 500, "check LICENSEKIT_FUSION_URL"),
        ("fusion", 302, "check LICENSEKIT_FUSION_URL"),
        ("fusion", 418, "check LICENSEKIT_FUSION_URL"),
    ],
)
def test_refused_read_fails_naming_what_to_fix(api: str, status: int, fix: str) -> None:
    ids = {
        "fusion": FUSION_IDS,
        "cloudcockpit": CC_IDS,
        "partner-center": {"customer_id": "c", "user_id": "u"},
    }
    body = b'{"error":  "nope",\n  "detail": "x"}' if status != 418 else b""
    with answering(lambda seen: Answer(status, body)) as server:
        result = preflight.check(Target(api, "live", server.base_url, token="tok-123456", ids=ids[api]))
    assert result.ok is False
    what, _, rest = result.line.partition(" -> ")
    assert what.startswith(f"preflight {api}: GET {server.base_url}/")
    reason = HTTPStatus(status).phrase  # what the server sends
    shown = f"{status} {reason}" + (' {"error": "nope", "detail": "x"}' if body else "")
    assert rest == f"{shown}; {fix}"


def test_long_answer_body_is_cut_to_one_short_line() -> None:
    body = ("word " * 100).encode()
    with answering(lambda seen: Answer(500, body)) as server:
        result = preflight.check(fusion(server.base_url, **FUSION_IDS))
    shown = result.line.split(" -> ", 1)[1].removeprefix("500 Internal Server Error ").split("; check")[0]
    assert shown == " ".join(["word"] * 100)[:160] and len(shown) == 160


def test_without_ids_a_read_on_random_ids_proves_the_token() -> None:
    """No group id: the documented read is sent with a random one; a 404 means the token was accepted."""

    def script(seen: Seen) -> Answer:
        return Answer(404, b"")

    with answering(script) as server:
        result = preflight.check(fusion(server.base_url, draas_instance="draas_v1"))
        (seen,) = server.seen
    group = re.fullmatch(
        r"/api/v01/draas/draas_v1/groups/([0-9a-f-]{36})/customer_licenses\?page_size=1", seen.path
    )
    assert group is not None, seen.path
    assert result.ok is True and seen.headers["authorization"] == "Bearer tok-123456"
    assert line_of(result) == (
        f"preflight fusion: GET {server.base_url}/api/v01/draas/draas_v1/groups/{group[1]}/customer_licenses"
        " (random ids) -> 404 in T s; token accepted (no object has these ids; set"
        " LICENSEKIT_FUSION_GROUP_UUID for reads of real objects)"
    )


@pytest.mark.parametrize("status", [401, 403])
def test_without_ids_a_refused_token_stops_the_run(status: int) -> None:
    with answering(lambda seen: Answer(status)) as server:
        result = preflight.check(fusion(server.base_url, draas_instance="draas_v1"))
    assert result.ok is False and " (random ids) -> " + str(status) in result.line


def test_without_any_id_an_answer_that_proves_nothing_names_every_variable() -> None:
    """A 400 (CloudCockpit without a tenant) is neither a lookup nor a refusal."""
    with answering(lambda seen: Answer(400)) as server:
        result = preflight.check(Target("cloudcockpit", "live", server.base_url, token="t", ids={}))
    assert result.ok is True
    assert result.line.endswith(
        "credentials not checked (set LICENSEKIT_CLOUDCOCKPIT_CUSTOMER_ID,"
        " LICENSEKIT_CLOUDCOCKPIT_PROVIDER_INSTANCE_ID, LICENSEKIT_CLOUDCOCKPIT_TENANT to check them)"
    ), result.line


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_dead_url_fails_with_no_connection() -> None:
    url = f"http://127.0.0.1:{_closed_port()}"
    for target in (fusion(url, **FUSION_IDS), fusion(url)):
        result = preflight.check(target)
        assert result.ok is False
        assert re.fullmatch(
            rf"preflight fusion: GET {re.escape(url)}/\S*( \(random ids\))? -> no connection \(.+\);"
            r" check LICENSEKIT_FUSION_URL",
            result.line,
        ), result.line


@pytest.fixture
def silent() -> Iterator[str]:
    """Accepts, reads, never answers; or with `close`, hangs up at once."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.1)
    stop, held = threading.Event(), []

    def serve() -> None:
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    listener.close()


def test_silent_target_fails_with_no_answer(silent: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(preflight, "TIMEOUT", httpx.Timeout(1.0))
    result = preflight.check(fusion(silent, **FUSION_IDS))
    assert result.ok is False
    assert result.line.endswith(" -> no answer within 1 s (ReadTimeout); check LICENSEKIT_FUSION_URL")
    assert 0.9 <= result.seconds < 5


def test_broken_answer_fails_naming_the_error() -> None:
    listener = socket.create_server(("127.0.0.1", 0))

    def hang_up() -> None:
        conn, _ = listener.accept()
        conn.recv(65536)
        conn.sendall(b"NOT HTTP\r\n\r\n")
        conn.close()

    thread = threading.Thread(target=hang_up, daemon=True)
    thread.start()
    try:
        result = preflight.check(fusion(f"http://127.0.0.1:{listener.getsockname()[1]}", **FUSION_IDS))
    finally:
        thread.join(5)
        listener.close()
    assert result.ok is False
    assert re.search(r" -> RemoteProtocolError: .+; check LICENSEKIT_FUSION_URL$", result.line), result.line
