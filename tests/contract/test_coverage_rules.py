"""contract_tests/coverage.py's two rules on their failing side: an operation run but never answered a
documented success (success_reached), and documented statuses never answered (documented_reached)."""

from __future__ import annotations

import pytest

from contract_tests import coverage
from contract_tests.coverage import Coverage

BASE = "http://127.0.0.1:8080/prefix"
LIST = BASE + "/api/v01/draas/d/groups/7ba71d48-91f6-5eca-a70a-4852b6eaaaa4/customer_licenses"
FUSION_OPERATIONS = [
    "login",
    "refreshAccessToken",
    "listGroupCustomerLicenses",
    "createCustomerLicense",
    "listDistributorCustomerLicenses",
    "listResellerCustomerLicenses",
    "listTenantCustomerLicenses",
    "getCustomerLicense",
    "updateCustomerLicense",
    "deleteCustomerLicense",
]


def test_operations_in_spec_order_with_numeric_statuses() -> None:
    ops = coverage.operations("fusion")
    assert [op.operation_id for op in ops] == FUSION_OPERATIONS
    update = ops[8]
    assert (update.method, update.path) == (
        "PUT",
        "/api/v01/draas/{draas_instance}/groups/{uuid}/customer_licenses/{id}",
    )
    assert update.documented == (204, 400, 401, 403, 404, 413, 415, 500)
    assert update.successes == (204,)
    assert ops[0].successes == (200,)


@pytest.mark.parametrize(
    ("method", "url", "base", "expected"),
    [
        ("GET", LIST, BASE, "listGroupCustomerLicenses"),
        ("post", LIST + "?x=1", BASE, "createCustomerLicense"),
        ("GET", LIST + "/", BASE, "listGroupCustomerLicenses"),
        ("GET", LIST + "/5", BASE, "getCustomerLicense"),
        ("PATCH", LIST, BASE, None),
        ("GET", BASE + "/nope", BASE, None),
        ("GET", "http://h/api/v01/auth/access_token", None, "refreshAccessToken"),
        ("GET", "http://h/api/v01/auth/access_token", "http://h/", "refreshAccessToken"),
        ("GET", "http://h/", None, None),
        ("GET", "http://h/api/v01/draas/%ff/groups/x/customer_licenses", None, None),
    ],
)
def test_match_finds_the_operation_under_the_base_url(
    method: str, url: str, base: str | None, expected: str | None
) -> None:
    assert coverage.match("fusion", method, url, base) == expected


def test_success_reached_fails_when_every_answer_was_a_refusal() -> None:
    run = Coverage()
    for _ in range(3):
        run.record_url("fusion", "GET", LIST, BASE, 401)
    run.record("fusion", "createCustomerLicense", 403)
    run.record("fusion", "createCustomerLicense", 400)
    run.record("fusion", "getCustomerLicense", 200)
    run.record("fusion", "deleteCustomerLicense", 200)  # a 2xx, but not the documented 204
    assert run.missing_success("fusion") == [
        "listGroupCustomerLicenses (documented 200, got 401)",
        "createCustomerLicense (documented 200, got 400/403)",
        "deleteCustomerLicense (documented 204, got 200)",
    ]
    run.record("fusion", "listGroupCustomerLicenses", 200)
    assert "listGroupCustomerLicenses (documented 200, got 401)" not in run.missing_success("fusion")


def test_operations_not_run_are_not_success_failures() -> None:
    run = Coverage()
    run.record("fusion", "login", 200)
    assert run.missing_success("fusion") == []
    assert run.missing_success("cloudcockpit") == []


def test_documented_reached_lists_every_status_never_answered() -> None:
    run = Coverage()
    for status in (200, 400, 401, 413):
        run.record("fusion", "login", status)
    run.record("fusion", "refreshAccessToken", 200)
    run.record("fusion", "refreshAccessToken", 401)
    run.record("fusion", "getCustomerLicense", 418)  # undocumented: reached nothing documented
    missing = run.missing_documented("fusion")
    assert missing[:3] == [
        "login: 415",
        "listGroupCustomerLicenses: 200, 400, 401, 403, 404, 500",
        "createCustomerLicense: 200, 400, 401, 403, 413, 415, 500",
    ]
    assert "getCustomerLicense: 200, 400, 401, 403, 404, 500" in missing
    assert not any(line.startswith("refreshAccessToken") for line in missing)
    assert len(missing) == 9


def test_unmatched_requests_are_not_recorded() -> None:
    run = Coverage()
    run.record_url("fusion", "GET", BASE + "/nope", BASE, 200)
    run.record("fusion", None, 200)
    assert run.apis() == []
    run.record("partner-center", "getUserLicenses", 200)
    run.record("fusion", "login", 200)
    assert run.apis() == ["fusion", "partner-center"]


def test_table_marks_reached_and_undocumented_statuses() -> None:
    run = Coverage()
    run.record("fusion", "login", 200)
    run.record("fusion", "login", 401)
    run.record("fusion", "login", 502)
    run.record("fusion", "login", 418)
    lines = run.table("fusion")
    assert len(lines) == len(FUSION_OPERATIONS)
    assert lines[0] == f"  {'login':<34} 2/5   200 (400) 401 (413) (415)  undocumented: 418 502"
    assert lines[1] == f"  {'refreshAccessToken':<34} 0/2   (200) (401)"
