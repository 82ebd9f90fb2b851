"""The tolerance rule of the contract core, and the suites' record of it (contract_tests/tolerance.py)."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from contract_tests import tolerance
from licensekit.contract import TOLERATED, Finding

from . import fake_schemathesis as fake

deviations = tolerance.tolerated_findings

FUSION_LIST = "/api/v01/draas/{draas_instance}/groups/{uuid}/customer_licenses"
FUSION_ONE = "/api/v01/draas/{draas_instance}/groups/{uuid}/customer_licenses/{id}"
PC = "/v1/customers/{customer_id}/users/{user_id}/licenses"
CC_ENT = "/v1/customers/{customerId}/subscriptions/{subscriptionId}/azure-entitlements"
CC_PATCH = "/v1/Customers/{customerId}/users/{customerUserId}/licenses"
JSON = {"content-type": "application/json"}
PC_IDS = {"ms-requestid": "r", "ms-correlationid": "c", "ms-cv": "v", "ms-serverid": "s", **JSON}


def body(value: object) -> bytes:
    return json.dumps(value).encode()


def kinds(found: list[Finding]) -> list[tuple[str, str]]:
    return sorted((f.check, f.location) for f in found)


@pytest.fixture(autouse=True)
def clean_record() -> Iterator[None]:
    tolerance.RECORD.clear()
    yield
    tolerance.RECORD.clear()


def test_a_conforming_answer_has_no_warning() -> None:
    details = {"name": "n", "description": "d", "sku": "s", "status": "enabled"}
    assert deviations("fusion", "GET", FUSION_ONE, 200, JSON, body(details)) == []
    assert deviations("fusion", "GET", FUSION_ONE, 401, JSON, body({"error": "token expired"})) == []


def test_unknown_open_enum_value() -> None:
    page = {
        "results": 1,
        "pages": 1,
        "page": 1,
        "licenses": [{"id": 1, "name": "n", "description": "d", "sku": "s", "status": "archived"}],
    }
    found = deviations("fusion", "GET", FUSION_LIST, 200, JSON, body(page))
    assert kinds(found) == [("unknown_enum_value", "response 200 body.licenses[].status")]
    assert "'archived' is not a known value (known: enabled, disabled)" in [f.message for f in found]
    assert {(f.api, f.operation, f.severity) for f in found} == {
        ("fusion", "listGroupCustomerLicenses", TOLERATED)
    }


def test_missing_expected_field() -> None:
    """Partner Center's objectType: shown in every shape, so expected, not required."""
    collection = {"totalCount": 0, "items": [], "attributes": {}}
    found = deviations("partner-center", "GET", PC, 200, PC_IDS, body(collection))
    assert kinds(found) == [("missing_expected_property", "response 200 body.attributes.objectType")]


def test_a_null_is_not_a_missing_field() -> None:
    entitlement = {"resellerId": None, "subscriptionName": None}
    found = deviations("cloudcockpit", "GET", CC_ENT, 200, JSON, body([entitlement]))
    missing = {f.location for f in found if f.check == "missing_expected_property"}
    assert (
        "response 200 body[].resellerId" not in missing
        and "response 200 body[].subscriptionName" not in missing
    )
    assert "response 200 body[].customerId" in missing  # absent, not null: warned


def test_fusion_documented_error_status_now_tolerates_any_body() -> None:
    """Fusion's documented 404 on get: its body is inferred, so an HTML body is a warning, not a failure."""
    found = deviations("fusion", "GET", FUSION_ONE, 404, {"content-type": "text/html"}, b"<html>no</html>")
    assert [(f.check, f.location, f.message.split(" (")[0]) for f in found] == [
        ("unexpected_inferred_body", "response 404 body", "not JSON")
    ]
    assert deviations("fusion", "GET", FUSION_ONE, 404, JSON, body({"error": "not found"})) == []


@pytest.mark.parametrize(
    ("raw", "detail"),
    [
        (b"", "no body (an error body was expected)"),
        (b"<html>Service Unavailable</html>", "not JSON (text/html, 32 bytes)"),
        (b'{"error": "x"}', "not the expected shape"),
    ],
)
def test_inferred_status_with_an_unexpected_body(raw: bytes, detail: str) -> None:
    headers = {**PC_IDS, "content-type": "text/html"}
    found = deviations("partner-center", "GET", PC, 503, headers, raw)
    assert [(f.check, f.location) for f in found] == [("unexpected_inferred_body", "response 503 body")]
    assert found[0].message.startswith(detail)


def test_missing_expected_headers_on_error_answers() -> None:
    fault = {"code": 900308, "description": "no", "source": "PartnerFD"}
    headers = {"ms-requestid": "r", "ms-correlationid": "c", **JSON}
    found = deviations("partner-center", "GET", PC, 403, headers, body(fault))
    assert sorted(f.location for f in found) == [
        "response 403 header ms-cv",
        "response 403 header ms-serverid",
    ]
    assert {f.check for f in found} == {"missing_expected_header"}
    # On the 200 the same headers are required: the strict checks' business, not a warning here.
    assert deviations("partner-center", "GET", PC, 200, JSON, body({"totalCount": 0, "items": []})) == [
        Finding(
            "partner-center",
            "getUserLicenses",
            "missing_expected_property",
            TOLERATED,
            "response 200 body.attributes",
            "absent (expected, not required)",
        )
    ]


def test_cloudcockpit_nested_value_objects_and_any_body_413() -> None:
    entitlement = {
        "offerType": {"name": "Brand-new"},
        "billingType": {"name": None},
        "listPrice": {"value": 1},
    }
    found = deviations("cloudcockpit", "GET", CC_ENT, 200, JSON, body([entitlement]))
    unknown = [f for f in found if f.check == "unknown_enum_value"]
    assert [f.location for f in unknown] == ["response 200 body[].offerType.name"]
    missing = {
        f.location.removeprefix("response 200 body") for f in found if f.check == "missing_expected_property"
    }
    assert {"[].id", "[].resellerId", "[].listPrice.currency"} <= missing
    assert "[].billingType.name" not in missing  # present, null
    assert [f.check for f in deviations("cloudcockpit", "PATCH", CC_PATCH, 413, {}, b"")] == [
        "unexpected_inferred_body"
    ]


def test_undocumented_statuses_and_operations_are_left_to_the_strict_checks() -> None:
    assert deviations("fusion", "GET", FUSION_ONE, 418, JSON, b"") == []
    assert deviations("fusion", "GET", "/nowhere", 200, JSON, b"") == []


CASE = fake.case("getUserLicenses", "GET", PC)
ANSWER = fake.Response(
    fake.Request(
        "GET", "http://127.0.0.1/v1/customers/c/users/u/licenses", {"Authorization": "Bearer secret-token"}
    ),
    503,
    {"Content-Type": ["text/html"]},
    b"<html>busy</html>",
)


def test_observer_records_and_never_fails_and_the_summary_shows_warnings() -> None:
    check = tolerance.observer("partner-center")
    for _ in range(3):
        assert check(None, ANSWER, CASE) is None
    lines = tolerance.summary_lines(["partner-center", "fusion"])
    assert lines[0].split()[:3] == ["API", "answers", "warnings"]
    assert lines[1].split()[:3] == ["partner-center", "3", "15"]  # per answer: body + 4 headers
    assert "unexpected_inferred_body: 3" in lines[1] and "missing_expected_header: 12" in lines[1]
    assert (
        "  WARNING unexpected_inferred_body: getUserLicenses response 503 body: "
        "not JSON (text/html, 17 bytes) (x3)" in lines
    )
    assert not any(line.startswith("fusion") for line in lines)  # no answer checked: no row


def test_summary_says_none_when_every_answer_is_as_expected() -> None:
    tolerance.RECORD.answers["fusion"] = 5
    assert tolerance.summary_lines(["fusion"])[1].split() == ["fusion", "5", "0", "none"]
    assert tolerance.summary_lines([]) == []
