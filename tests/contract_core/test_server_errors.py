"""`not_a_server_error` is a judge option: on for the proxy and check-traffic (any 5xx, documented or not),
off for the suites, whose status probes provoke 5xx from our mocks on purpose."""

from __future__ import annotations

import json

import pytest

from licensekit.contract.judge import Exchange, Judge

PATH = "/api/v01/draas/draas_v1/groups/6f1c2a3e-1111-4a2b-8c9d-0123456789ab/customer_licenses/1"
ERROR = json.dumps({"error": {"code": 500, "message": "internal"}}).encode()


def _exchange(status: int, body: bytes = ERROR) -> Exchange:
    return Exchange(
        "GET",
        PATH,
        b"",
        {"authorization": "Bearer t"},
        b"",
        True,
        status,
        {"content-type": "application/json"},
        body,
    )


@pytest.mark.parametrize("status", [500, 502, 503, 599])
def test_any_5xx_is_a_failure_when_asked(status: int) -> None:
    found = [f for f in Judge("fusion", server_errors=True).judge(_exchange(status)).findings]
    [server] = [f for f in found if f.check == "not_a_server_error"]
    assert (server.operation, server.severity, server.location) == (
        "getCustomerLicense",
        "failure",
        f"response {status}",
    )


def test_off_by_default_and_never_for_other_statuses() -> None:
    assert not [f for f in Judge("fusion").judge(_exchange(500)).findings if f.check == "not_a_server_error"]
    on = Judge("fusion", server_errors=True)
    for status in (200, 404, 499):
        assert not [f for f in on.judge(_exchange(status)).findings if f.check == "not_a_server_error"]
