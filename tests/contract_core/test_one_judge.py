"""One judge, three consumers: the proxy, the mocks' --check-responses and the suites' tolerance record
give the same findings for the same deviant exchange."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from contract_tests import tolerance
from licensekit.contract.messages import Request
from licensekit.mock import serve
from licensekit.mock.http import Response, json_response
from licensekit.proxy import serve as serve_proxy

INSTANCE = "draas_v1"
ONE = "/api/v01/draas/{draas_instance}/groups/{uuid}/customer_licenses/{id}"


def _bent(handler: Callable[[Request], Response]) -> Callable[[Request], Response]:
    """The mock's own answer with `description` dropped and a status value the docs do not list."""

    def deviant(request: Request) -> Response:
        answer = handler(request)
        if answer.status != 200:
            return answer
        data: dict[str, Any] = dict(answer.data)
        data.pop("description", None)
        data["status"] = "suspended"
        bent = json_response(200, data)
        bent.headers = [h for h in answer.headers if h[0] != b"content-type"] + bent.headers
        return bent

    return deviant


def _key(finding: dict[str, Any]) -> tuple[str, ...]:
    return tuple(str(finding[k]) for k in ("operation", "check", "severity", "location", "message"))


def test_proxy_check_responses_and_suites_agree_on_one_deviant_exchange() -> None:
    with serve("fusion", check_responses=True) as mock:
        app = mock.app
        app.handlers["getCustomerLicense"] = _bent(app.handlers["getCustomerLicense"])
        group = next(e["uuid"] for e in mock.state()["entities"] if e["name"] == "Netaxis Telecom Group")
        path = f"/api/v01/draas/{INSTANCE}/groups/{group}/customer_licenses/1"
        with serve_proxy("fusion", mock.base_url) as proxy:
            answer = httpx.get(proxy.base_url + path, headers=mock.auth_headers(), timeout=10)
            records = proxy.drift()
        assert answer.status_code == 200 and "description" not in answer.json()

        tolerated = {
            ("getCustomerLicense", "unknown_enum_value", "tolerated", "response 200 body.status",
             "'suspended' is not a known value (known: enabled, disabled)"),
        }  # fmt: skip
        # Fusion's description is required (the page: "Conditional? no"): its absence is a failure
        expected = tolerated | {
            ("getCustomerLicense", "response_schema_conformance", "failure", "response 200 body.description",
             '"description" is a required property'),
        }  # fmt: skip
        # the mock judging its own answer
        assert {_key(f) for f in mock.drift()} == expected
        # the proxy judging the exchange it forwarded: one record per (check, severity)
        from_proxy = {
            (r["operation"], r["check"], r["severity"], location, departure.split(": ", 1)[1])
            for r in records
            for location, departure in zip(r["locations"], r["departures"], strict=True)
        }
        assert from_proxy == expected
        # the suites' record of what the spec tolerates (schemathesis reports the failures), same answer
        headers = {k.lower(): v for k, v in answer.headers.items()}
        found = tolerance.tolerated_findings("fusion", "GET", ONE, 200, headers, answer.content)
        assert {_key(f.as_dict()) for f in found} == tolerated
