"""The one judge (licensekit.contract.judge): each exchange gets exactly the findings it has, named by
check, severity and location, and a conforming one gets none. Each check is shown failing on the input
it exists to catch."""

from __future__ import annotations

import json

import pytest

from licensekit.contract.judge import Exchange, Judge

G = "/api/v01/draas/draas_v1/groups/7ba71d48-91f6-5eca-a70a-4852b6eaaaa4/customer_licenses"
AUTH = {"authorization": "Bearer t"}
JSON_HEADERS = {"content-type": "application/json"}
PAGE = json.dumps({"results": 0, "pages": 0, "page": 1, "licenses": []}).encode()
CREATED = b'{"id": 5}'
PC_OK = "/v1/customers/21fd4f08-3076-53c4-bf78-5fd9c24fe208/users/u1/licenses"
PC_HEADERS = {
    "content-type": "application/json",
    "ms-requestid": "r",
    "ms-correlationid": "c",
    "ms-cv": "v",
    "ms-serverid": "s",
}
PC_BODY = json.dumps({"totalCount": 0, "items": [], "attributes": {"objectType": "Collection"}}).encode()
NEGATIVE = (
    "negative_data_rejection",
    "failure",
    "response 200",
    "a request outside the spec was answered 200",
)
Found = list[tuple[str, str, str, str]]


@pytest.fixture(scope="module")
def fusion() -> Judge:
    return Judge("fusion")


def exchange(
    method: str,
    path: str,
    *,
    query: bytes = b"",
    headers: dict[str, str] = AUTH,
    body: bytes = b"",
    complete: bool = True,
    status: int = 200,
    answer_headers: dict[str, str] = JSON_HEADERS,
    answer: bytes = PAGE,
    answer_complete: bool = True,
) -> Exchange:
    return Exchange(
        method,
        path,
        query,
        dict(headers),
        body,
        complete,
        status,
        dict(answer_headers),
        answer,
        answer_complete,
    )


def judged(judge: Judge, ex: Exchange) -> tuple[str, Found]:
    verdict = judge.judge(ex)
    assert all(f.api == judge.api_name and f.operation == verdict.operation for f in verdict.findings)
    return verdict.operation, [(f.check, f.severity, f.location, f.message) for f in verdict.findings]


def create(judge: Judge, headers: dict[str, str], body: bytes) -> Found:
    return judged(judge, exchange("POST", G, headers={**AUTH, **headers}, body=body, answer=CREATED))[1]


def test_conforming_exchanges_have_no_finding_and_keep_the_answer(fusion: Judge) -> None:
    verdict = fusion.judge(exchange("GET", G, query=b"page_size=5"))
    assert verdict.operation == "listGroupCustomerLicenses" and verdict.findings == []
    assert verdict.response_data == {"results": 0, "pages": 0, "page": 1, "licenses": []}
    assert verdict.failures == []
    created = fusion.judge(
        exchange(
            "POST", G, headers={**AUTH, **JSON_HEADERS}, body=b'{"name": "n", "sku": "s"}', answer=CREATED
        )
    )
    assert created.findings == [] and created.response_data == {"id": 5}
    deleted = fusion.judge(exchange("DELETE", G + "/5", status=204, answer_headers={}, answer=b""))
    assert deleted.operation == "deleteCustomerLicense" and deleted.findings == []
    assert deleted.response_data is None


def test_undocumented_operation(fusion: Judge) -> None:
    assert judged(fusion, exchange("GET", "/nope")) == (
        "GET /nope",
        [("undocumented_operation", "failure", "request", "no operation of the spec has this path")],
    )
    assert judged(fusion, exchange("PATCH", G)) == (
        f"PATCH {G}",
        [("undocumented_operation", "failure", "request", "method not in the spec")],
    )
    assert judged(fusion, exchange("GET", "/api/v01/draas/%ff/groups/x/customer_licenses"))[1] == [
        ("undocumented_operation", "failure", "request", "no operation of the spec has this path")
    ]
    assert fusion.operation_name("get", G) == "listGroupCustomerLicenses"
    assert fusion.operation_name("PATCH", G) == f"PATCH {G}"


def test_request_without_credentials(fusion: Judge) -> None:
    missing = (
        "request_conformance",
        "failure",
        "request header Authorization",
        "missing (the operation is secured)",
    )
    assert judged(fusion, exchange("GET", G, headers={}))[1] == [
        missing,
        NEGATIVE,
        ("ignored_auth", "failure", "response 200", "answered 200 without credentials"),
    ]
    refused = exchange("GET", G, headers={}, status=401, answer_headers={}, answer=b"")
    assert judged(fusion, refused)[1] == [
        missing,
        (
            "unexpected_inferred_body",
            "tolerated",
            "response 401 body",
            "no body (an error body was expected)",
        ),
    ]


def test_unsecured_operation_needs_no_credentials(fusion: Judge) -> None:
    login = exchange(
        "POST",
        "/api/v01/auth/login",
        headers=JSON_HEADERS,
        body=b'{"username": "u", "password": "p"}',
        answer=b'{"access_token": "a", "refresh_token": "r"}',
    )
    assert judged(fusion, login) == ("login", [])


def test_bad_parameter_answered_200_is_negative_data_accepted(fusion: Judge) -> None:
    bad = ("request_conformance", "failure", "request query page_size", "'abc' is not a valid integer")
    assert judged(fusion, exchange("GET", G, query=b"page_size=abc"))[1] == [bad, NEGATIVE]
    refused = exchange("GET", G, query=b"page_size=abc", status=400, answer=b'{"error": "bad"}')
    assert judged(fusion, refused)[1] == [bad]


@pytest.mark.parametrize("status", [199, 300, 418])
def test_undocumented_status(fusion: Judge, status: int) -> None:
    assert judged(fusion, exchange("GET", G, status=status))[1] == [
        (
            "status_code_conformance",
            "failure",
            f"response {status}",
            f"status {status} is not documented (documented: 200, 400, 401, 403, 404, 500)",
        )
    ]


def test_content_type(fusion: Judge) -> None:
    at = "response 200 content-type"
    assert judged(fusion, exchange("GET", G, answer_headers={"content-type": "text/html"}))[1] == [
        ("content_type_conformance", "failure", at, "'text/html'; documented: application/json")
    ]
    assert judged(fusion, exchange("GET", G, answer_headers={}))[1] == [
        ("content_type_conformance", "failure", at, "'(none)'; documented: application/json")
    ]
    with_charset = exchange("GET", G, answer_headers={"content-type": "Application/JSON; charset=utf-8"})
    assert judged(fusion, with_charset)[1] == []


def test_response_schema(fusion: Judge) -> None:
    assert judged(fusion, exchange("GET", G, answer=b'{"results": "x"}'))[1] == [
        (
            "response_schema_conformance",
            "failure",
            "response 200 body.pages",
            '"pages" is a required property',
        ),
        ("response_schema_conformance", "failure", "response 200 body.page", '"page" is a required property'),
        (
            "response_schema_conformance",
            "failure",
            "response 200 body.licenses",
            '"licenses" is a required property',
        ),
        (
            "response_schema_conformance",
            "failure",
            "response 200 body.results",
            '"x" is not of type "integer"',
        ),
    ]
    assert fusion.judge(exchange("GET", G, answer=b'{"results": "x"}')).response_data == {"results": "x"}


def test_response_not_json(fusion: Judge) -> None:
    assert judged(fusion, exchange("GET", G, answer=b'{"results'))[1] == [
        (
            "response_schema_conformance",
            "failure",
            "response 200 body",
            "not valid JSON: Unterminated string starting at: line 1 column 2 (char 1)",
        )
    ]
    assert fusion.judge(exchange("GET", G, answer=b"[")).response_data is None


def test_response_body_missing_or_unexpected(fusion: Judge) -> None:
    assert judged(fusion, exchange("GET", G, answer=b""))[1] == [
        (
            "response_schema_conformance",
            "failure",
            "response 200 body",
            "no body where the spec documents one",
        )
    ]
    assert judged(fusion, exchange("DELETE", G + "/5", status=204, answer_headers={}, answer=b"x"))[1] == [
        (
            "response_schema_conformance",
            "failure",
            "response 204 body",
            "a body (1 bytes) where the spec documents none",
        )
    ]


def test_inferred_status_accepts_any_body_and_tolerates_the_unexpected(fusion: Judge) -> None:
    assert judged(fusion, exchange("GET", G, status=401, answer=b'{"error": "x"}'))[1] == []
    odd = exchange("GET", G, status=401, answer_headers={"content-type": "text/html"}, answer=b"<html>")
    assert judged(fusion, odd)[1] == [
        ("unexpected_inferred_body", "tolerated", "response 401 body", "not JSON (text/html, 6 bytes)")
    ]
    assert fusion.judge(odd).failures == []


def test_tolerated_unknown_value_is_not_a_failure(fusion: Judge) -> None:
    page = {
        "results": 1,
        "pages": 1,
        "page": 1,
        "licenses": [{"id": 1, "name": "n", "sku": "s", "description": "d", "status": "archived"}],
    }
    verdict = fusion.judge(exchange("GET", G, answer=json.dumps(page).encode()))
    assert [(f.check, f.severity, f.location) for f in verdict.findings] == [
        ("unknown_enum_value", "tolerated", "response 200 body.licenses[].status")
    ]
    assert verdict.failures == []


def test_request_body_checks(fusion: Judge) -> None:
    assert create(fusion, {"content-type": "text/plain"}, b"hi") == [
        ("request_conformance", "failure", "request body", "content type 'text/plain' is not documented"),
        NEGATIVE,
    ]
    assert create(fusion, {}, b"hi") == [
        ("request_conformance", "failure", "request body", "content type '(none)' is not documented"),
        NEGATIVE,
    ]
    assert create(fusion, JSON_HEADERS, b"{bad") == [
        (
            "request_conformance",
            "failure",
            "request body",
            "not valid JSON: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)",
        ),
        NEGATIVE,
    ]
    assert create(fusion, JSON_HEADERS, b"") == [
        ("request_conformance", "failure", "request body", "a request body is required"),
        NEGATIVE,
    ]
    assert create(fusion, JSON_HEADERS, b'{"name": 1}') == [
        ("request_conformance", "failure", "request body.sku", '"sku" is a required property'),
        ("request_conformance", "failure", "request body.name", '1 is not of type "string"'),
        NEGATIVE,
    ]
    charset = {"content-type": "application/json; charset=utf-8"}
    assert create(fusion, charset, b'{"name": "n", "sku": "s"}') == []


def test_request_body_on_an_operation_without_one_is_not_judged(fusion: Judge) -> None:
    stray = exchange("GET", G, headers={**AUTH, "content-type": "text/plain"}, body=b"x")
    assert judged(fusion, stray)[1] == []
    assert judged(fusion, exchange("GET", G, body=b"", complete=False))[1] == []


def test_request_body_over_the_capture_limit_is_unvalidated_and_nothing_else(fusion: Judge) -> None:
    over = exchange("POST", G, headers={**AUTH, **JSON_HEADERS}, body=b"", complete=False, answer=CREATED)
    assert judged(fusion, over)[1] == [
        ("unvalidated_body", "failure", "request body", "over the capture limit: not validated")
    ]


@pytest.mark.parametrize(
    ("method", "status", "answer_headers"),
    [
        ("GET", 200, JSON_HEADERS),
        ("GET", 200, {"content-type": "text/plain"}),
        ("DELETE", 204, {}),
    ],
)
def test_answer_over_the_capture_limit_is_unvalidated_and_nothing_else(
    fusion: Judge, method: str, status: int, answer_headers: dict[str, str]
) -> None:
    path = G if method == "GET" else G + "/5"
    over = exchange(
        method, path, status=status, answer_headers=answer_headers, answer=b"", answer_complete=False
    )
    assert judged(fusion, over)[1] == [
        ("unvalidated_body", "failure", f"response {status} body", "over the capture limit: not validated")
    ]


def test_required_response_headers() -> None:
    pc = Judge("partner-center")
    assert judged(pc, exchange("GET", PC_OK, answer_headers=PC_HEADERS, answer=PC_BODY)) == (
        "getUserLicenses",
        [],
    )
    missing = {k: v for k, v in PC_HEADERS.items() if k not in ("ms-cv", "ms-serverid")}
    assert judged(pc, exchange("GET", PC_OK, answer_headers=missing, answer=PC_BODY))[1] == [
        (
            "response_headers_conformance",
            "failure",
            "response 200 header ms-cv",
            "required header is missing",
        ),
        (
            "response_headers_conformance",
            "failure",
            "response 200 header ms-serverid",
            "required header is missing",
        ),
    ]
    bad_id = exchange("GET", "/v1/customers/c1/users/u1/licenses", answer_headers=PC_HEADERS, answer=PC_BODY)
    assert judged(pc, bad_id)[1] == [
        ("request_conformance", "failure", "request path customer_id", '"c1" is not a "uuid"'),
        NEGATIVE,
    ]


def test_text_that_is_not_utf8(fusion: Judge) -> None:
    ((check, _, where, message),) = judged(fusion, exchange("GET", G, answer=b'{"results": "\xff"}'))[1]
    assert (check, where) == ("response_schema_conformance", "response 200 body")
    assert message.startswith("not valid JSON: 'utf-8' codec can't decode byte 0xff in position 13")
    found = create(fusion, JSON_HEADERS, b'{"name": "\xff", "sku": "s"}')
    assert [(c, w) for c, _, w, _ in found] == [("request_conformance", "request body"), NEGATIVE[::2]]
    assert found[0][3].startswith("not valid JSON: 'utf-8' codec can't decode byte 0xff")


def test_locations_drop_list_indices_and_name_the_missing_property(fusion: Judge) -> None:
    page = {
        "results": 2,
        "pages": 1,
        "page": 1,
        "licenses": [{"id": 1, "sku": "s", "description": "", "status": 3}],
    }
    found = judged(fusion, exchange("GET", G, answer=json.dumps(page).encode()))[1]
    assert [(check, where, message) for check, _, where, message in found] == [
        ("response_schema_conformance", "response 200 body.licenses[].name", '"name" is a required property'),
        ("response_schema_conformance", "response 200 body.licenses[].status", '3 is not of type "string"'),
    ]


def test_answer_judged_alone_with_the_body_already_parsed(fusion: Judge) -> None:
    op, _ = fusion.route("GET", G) or (None, None)
    assert op is not None and op.operation_id == "listGroupCustomerLicenses"
    parsed = {"results": "x"}
    found, data = fusion.judge_answer(op, 200, JSON_HEADERS, b"ignored: the parsed body is used", data=parsed)
    assert data is parsed
    assert ("response_schema_conformance", "response 200 body.results") in [
        (f.check, f.location) for f in found
    ]
    none, data = fusion.judge_answer(op, 200, JSON_HEADERS, PAGE)
    assert none == [] and data == {"results": 0, "pages": 0, "page": 1, "licenses": []}
    assert fusion.route("PATCH", G) is None and fusion.route("GET", "/nope") is None
    assert fusion.route("GET", "/api/v01/draas/%ff/groups/x/customer_licenses") is None


def test_shared_judge_per_api() -> None:
    from licensekit.contract.judge import judge, judge_for

    assert judge_for("fusion") is judge_for("fusion") and judge_for("fusion").api_name == "fusion"
    verdict = judge("fusion", exchange("GET", "/nope"))
    assert [f.check for f in verdict.findings] == ["undocumented_operation"]
