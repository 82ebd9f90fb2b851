"""contract_tests/coverage.py's two rules on their failing side: an operation run but never answered a
documented success (success_reached), and documented statuses never answered (documented_reached)."""

from __future__ import annotations

import httpx
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


# -- the suites' exchanges into the spec coverage (record_exchange, record_httpx) ------------------------
GROUP = BASE + "/api/v01/draas/d/groups/7ba71d48-91f6-5eca-a70a-4852b6eaaaa4/customer_licenses"
CC_LIST = "http://h/v1/Customers/c1/licenses"
PAGE = {
    "results": 1,
    "pages": 1,
    "page": 1,
    "licenses": [{"id": 1, "name": "n", "description": "d", "sku": "s"}],
}


def _dimension(cov: Coverage, api: str, operation: str, dimension: str) -> dict[str, object]:
    report = cov.spec.report()
    (op,) = [
        o for a in report["apis"] if a["api"] == api for o in a["operations"] if o["operation"] == operation
    ]
    found: dict[str, object] = op["dimensions"][dimension]
    return found


def test_an_exchange_feeds_the_status_table_and_the_spec_coverage() -> None:
    cov = Coverage()
    json_headers = {"Content-Type": ["application/json"]}
    cov.record_exchange("fusion", "get", GROUP + "/?page_size=5", BASE, {}, None, 200, json_headers, b"{}")
    assert {api: dict(ops) for api, ops in cov.reached.items()} == {
        "fusion": {"listGroupCustomerLicenses": {200}}
    }
    parameters = _dimension(cov, "fusion", "listGroupCustomerLicenses", "parameters")
    assert parameters == {"covered": 3, "total": 4, "percent": 75.0, "missing": ["request query next"]}


@pytest.mark.parametrize(
    ("body", "missing"),
    [
        (None, ["request body.status=enabled", "request body.status=disabled"]),
        ('{"name": "n", "sku": "s", "status": "enabled"}', ["request body.status=disabled"]),
        (b'{"name": "n", "sku": "s", "status": "disabled"}', ["request body.status=enabled"]),
    ],
    ids=["none", "text", "bytes"],
)
def test_a_request_body_as_text_or_bytes_covers_its_enum_values(
    body: str | bytes | None, missing: list[str]
) -> None:
    cov = Coverage()
    cov.record_exchange(
        "fusion", "POST", GROUP, BASE, {"content-type": "application/json"}, body, 200, {}, b""
    )
    assert _dimension(cov, "fusion", "createCustomerLicense", "enums")["missing"] == missing


def test_header_values_in_lists_and_httpx_answers_are_read() -> None:
    cov = Coverage()
    cov.record_exchange(
        "cloudcockpit", "GET", CC_LIST, "http://h", {"X-Tenant": ["portal.test"]}, b"", 200, None, b"[]"
    )
    assert _dimension(cov, "cloudcockpit", "listCustomerLicenses", "parameters")["missing"] == [
        "request header X-Correlation-Id",
        "request query providerInstanceId",
        "request query resellerId",
    ]
    request = httpx.Request("GET", CC_LIST + "?providerInstanceId=p", headers={"X-Tenant": "portal.test"})
    cov.record_httpx("cloudcockpit", httpx.Response(404, json=[], request=request), "http://h")
    assert dict(cov.reached["cloudcockpit"]) == {"listCustomerLicenses": {200, 404}}
    assert _dimension(cov, "cloudcockpit", "listCustomerLicenses", "parameters")["missing"] == [
        "request header X-Correlation-Id",
        "request query resellerId",
    ]


def test_headers_and_bodies_are_normalized() -> None:
    assert coverage._lower({"A": ["1", 2], "B": 3}) == {"a": "1, 2", "b": "3"}
    assert coverage._lower(None) == {}
    assert (coverage._bytes(None), coverage._bytes("é"), coverage._bytes(bytearray(b"x"))) == (
        b"",
        b"\xc3\xa9",
        b"x",
    )
