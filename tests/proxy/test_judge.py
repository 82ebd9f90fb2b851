"""The proxy's judge (SpecValidator.check): each exchange gets exactly the departures it has, named by
check, and a conforming one gets none. Each check is shown failing on the input it exists to catch."""

from __future__ import annotations

import json

import pytest

from licensekit.proxy.validation import Exchange, SpecValidator

G = "/api/v01/draas/draas_v1/groups/7ba71d48-91f6-5eca-a70a-4852b6eaaaa4/customer_licenses"
AUTH = {"authorization": "Bearer t"}
JSON_HEADERS = {"content-type": "application/json"}
PAGE = json.dumps({"results": 0, "pages": 0, "page": 1, "licenses": []}).encode()
PC = "/v1/customers/c1/users/u1/licenses"
PC_OK = "/v1/customers/21fd4f08-3076-53c4-bf78-5fd9c24fe208/users/u1/licenses"
PC_HEADERS = {
    "content-type": "application/json",
    "ms-requestid": "r",
    "ms-correlationid": "c",
    "ms-cv": "v",
    "ms-serverid": "s",
}
PC_BODY = json.dumps({"totalCount": 0, "items": [], "attributes": {"objectType": "Collection"}}).encode()


@pytest.fixture(scope="module")
def fusion() -> SpecValidator:
    return SpecValidator("fusion")


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


def judged(validator: SpecValidator, ex: Exchange) -> tuple[str, list[tuple[str, str]]]:
    verdict = validator.check(ex)
    return verdict.operation, [(d.check, d.message) for d in verdict.departures]


def test_conforming_exchange_has_no_departure_and_keeps_the_answer(fusion: SpecValidator) -> None:
    verdict = fusion.check(exchange("GET", G, query=b"page_size=5"))
    assert verdict.operation == "listGroupCustomerLicenses" and verdict.departures == []
    assert verdict.response_data == {"results": 0, "pages": 0, "page": 1, "licenses": []}
    created = fusion.check(
        exchange(
            "POST",
            G,
            headers={**AUTH, **JSON_HEADERS},
            body=b'{"name": "n", "sku": "s"}',
            answer=b'{"id": 5}',
        )
    )
    assert created.departures == [] and created.response_data == {"id": 5}
    deleted = fusion.check(exchange("DELETE", G + "/5", status=204, answer_headers={}, answer=b""))
    assert deleted.operation == "deleteCustomerLicense" and deleted.departures == []


def test_undocumented_operation(fusion: SpecValidator) -> None:
    assert judged(fusion, exchange("GET", "/nope")) == (
        "GET /nope",
        [("undocumented_operation", "no operation of the spec has this path")],
    )
    assert judged(fusion, exchange("PATCH", G)) == (
        f"PATCH {G}",
        [("undocumented_operation", "method not in the spec")],
    )
    assert judged(fusion, exchange("GET", "/api/v01/draas/%ff/groups/x/customer_licenses"))[1] == [
        ("undocumented_operation", "no operation of the spec has this path")
    ]


def test_request_without_credentials_answered_200(fusion: SpecValidator) -> None:
    assert judged(fusion, exchange("GET", G, headers={}))[1] == [
        ("request_conformance", "header Authorization: missing (the operation is secured)"),
        ("negative_data_rejection", "a request outside the spec was answered 200"),
        ("ignored_auth", "answered 200 without credentials"),
    ]


def test_request_without_credentials_refused_is_only_the_callers_departure(fusion: SpecValidator) -> None:
    assert judged(fusion, exchange("GET", G, headers={}, status=401, answer_headers={}, answer=b""))[1] == [
        ("request_conformance", "header Authorization: missing (the operation is secured)"),
    ]


def test_unsecured_operation_needs_no_credentials(fusion: SpecValidator) -> None:
    login = exchange(
        "POST",
        "/api/v01/auth/login",
        headers=JSON_HEADERS,
        body=b'{"username": "u", "password": "p"}',
        answer=b'{"access_token": "a", "refresh_token": "r"}',
    )
    operation, departures = judged(fusion, login)
    assert operation == "login"
    assert [c for c, _ in departures if c in ("ignored_auth", "request_conformance")] == []


def test_bad_parameter_answered_200_is_negative_data_accepted(fusion: SpecValidator) -> None:
    assert judged(fusion, exchange("GET", G, query=b"page_size=abc"))[1] == [
        ("request_conformance", "query page_size: 'abc' is not a valid integer"),
        ("negative_data_rejection", "a request outside the spec was answered 200"),
    ]
    # Refused as documented: the caller's departure only.
    refused = exchange("GET", G, query=b"page_size=abc", status=400, answer=b'{"error": "bad"}')
    assert judged(fusion, refused)[1] == [
        ("request_conformance", "query page_size: 'abc' is not a valid integer")
    ]


def test_undocumented_status(fusion: SpecValidator) -> None:
    assert judged(fusion, exchange("GET", G, status=418))[1] == [
        ("status_code_conformance", "status 418 is not documented (documented: 200, 400, 401, 403, 404, 500)")
    ]


def test_content_type(fusion: SpecValidator) -> None:
    assert judged(fusion, exchange("GET", G, answer_headers={"content-type": "text/html"}))[1] == [
        ("content_type_conformance", "content type 'text/html'; documented: application/json")
    ]
    assert judged(fusion, exchange("GET", G, answer_headers={}))[1] == [
        ("content_type_conformance", "content type '(none)'; documented: application/json")
    ]
    with_charset = exchange("GET", G, answer_headers={"content-type": "Application/JSON; charset=utf-8"})
    assert judged(fusion, with_charset)[1] == []


def test_response_schema(fusion: SpecValidator) -> None:
    assert judged(fusion, exchange("GET", G, answer=b'{"results": "x"}'))[1] == [
        ("response_schema_conformance", 'response: "pages" is a required property'),
        ("response_schema_conformance", 'response: "page" is a required property'),
        ("response_schema_conformance", 'response: "licenses" is a required property'),
        ("response_schema_conformance", 'response results: "x" is not of type "integer"'),
    ]
    verdict = fusion.check(exchange("GET", G, answer=b'{"results": "x"}'))
    assert verdict.response_data == {"results": "x"}


def test_response_not_json(fusion: SpecValidator) -> None:
    assert judged(fusion, exchange("GET", G, answer=b'{"results'))[1] == [
        (
            "response_schema_conformance",
            "body is not valid JSON: Unterminated string starting at: line 1 column 2 (char 1)",
        )
    ]
    assert fusion.check(exchange("GET", G, answer=b"[")).response_data is None


def test_response_body_missing_or_unexpected(fusion: SpecValidator) -> None:
    assert judged(fusion, exchange("GET", G, answer=b""))[1] == [
        ("response_schema_conformance", "no body where the spec documents one")
    ]
    assert judged(fusion, exchange("DELETE", G + "/5", status=204, answer_headers={}, answer=b"x"))[1] == [
        ("response_schema_conformance", "a body (1 bytes) where the spec documents none")
    ]


def test_inferred_status_accepts_any_body(fusion: SpecValidator) -> None:
    odd = exchange("GET", G, status=401, answer_headers={"content-type": "text/html"}, answer=b"<html>")
    assert judged(fusion, odd)[1] == []


def test_request_body_checks(fusion: SpecValidator) -> None:
    def create(headers: dict[str, str], body: bytes) -> list[tuple[str, str]]:
        return judged(
            fusion, exchange("POST", G, headers={**AUTH, **headers}, body=body, answer=b'{"id": 5}')
        )[1]

    negative = ("negative_data_rejection", "a request outside the spec was answered 200")
    assert create({"content-type": "text/plain"}, b"hi") == [
        ("request_conformance", "body: content type 'text/plain' is not documented"),
        negative,
    ]
    assert create({}, b"hi") == [
        ("request_conformance", "body: content type '(none)' is not documented"),
        negative,
    ]
    assert create(JSON_HEADERS, b"{bad") == [
        (
            "request_conformance",
            "body: not valid JSON: Expecting property name enclosed in double quotes:"
            " line 1 column 2 (char 1)",
        ),
        negative,
    ]
    assert create(JSON_HEADERS, b"") == [
        ("request_conformance", "body: a request body is required"),
        negative,
    ]
    assert create(JSON_HEADERS, b'{"name": 1}') == [
        ("request_conformance", 'body: "sku" is a required property'),
        ("request_conformance", 'body name: 1 is not of type "string"'),
        negative,
    ]
    assert create({"content-type": "application/json; charset=utf-8"}, b'{"name": "n", "sku": "s"}') == []


def test_request_body_on_an_operation_without_one_is_not_judged(fusion: SpecValidator) -> None:
    assert (
        judged(fusion, exchange("GET", G, headers={**AUTH, "content-type": "text/plain"}, body=b"x"))[1] == []
    )


def test_request_body_over_the_capture_limit(fusion: SpecValidator) -> None:
    over = exchange(
        "POST", G, headers={**AUTH, **JSON_HEADERS}, body=b"", complete=False, answer=b'{"id": 5}'
    )
    assert judged(fusion, over)[1] == [
        ("unvalidated_body", "request body over the capture limit: not validated")
    ]


def test_answer_over_the_capture_limit(fusion: SpecValidator) -> None:
    over = exchange("GET", G, answer=b"", answer_complete=False)
    assert judged(fusion, over)[1] == [
        ("unvalidated_body", "response body over the capture limit: not validated")
    ]
    # What the headers say is still judged.
    wrong_type = exchange(
        "GET", G, answer_headers={"content-type": "text/plain"}, answer=b"", answer_complete=False
    )
    assert judged(fusion, wrong_type)[1] == [
        ("content_type_conformance", "content type 'text/plain'; documented: application/json"),
        ("unvalidated_body", "response body over the capture limit: not validated"),
    ]
    # A body where none is documented is drift, whatever its size.
    no_body = exchange("DELETE", G + "/5", status=204, answer_headers={}, answer=b"", answer_complete=False)
    assert judged(fusion, no_body)[1] == [
        ("response_schema_conformance", "a body (over the capture limit) where the spec documents none")
    ]


def test_required_response_headers() -> None:
    pc = SpecValidator("partner-center")
    ok = exchange("GET", PC_OK, answer_headers=PC_HEADERS, answer=PC_BODY)
    assert judged(pc, ok) == ("getUserLicenses", [])
    missing = {k: v for k, v in PC_HEADERS.items() if k not in ("ms-cv", "ms-serverid")}
    assert judged(pc, exchange("GET", PC_OK, answer_headers=missing, answer=PC_BODY))[1] == [
        ("response_headers_conformance", "required header ms-cv is missing"),
        ("response_headers_conformance", "required header ms-serverid is missing"),
    ]
    assert judged(pc, exchange("GET", PC, answer_headers=PC_HEADERS, answer=PC_BODY))[1] == [
        ("request_conformance", 'path customer_id: "c1" is not a "uuid"'),
        ("negative_data_rejection", "a request outside the spec was answered 200"),
    ]


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (
            b'{"results": "\xff"}',
            "body is not valid JSON: 'utf-8' codec can't decode byte 0xff in position 13",
        ),
    ],
)
def test_answer_that_is_not_utf8(fusion: SpecValidator, answer: bytes, expected: str) -> None:
    ((check, message),) = judged(fusion, exchange("GET", G, answer=answer))[1]
    assert check == "response_schema_conformance" and message.startswith(expected)


def test_request_that_is_not_utf8(fusion: SpecValidator) -> None:
    body = b'{"name": "\xff", "sku": "s"}'
    departures = judged(
        fusion, exchange("POST", G, headers={**AUTH, **JSON_HEADERS}, body=body, answer=b'{"id": 5}')
    )[1]
    assert [c for c, _ in departures] == ["request_conformance", "negative_data_rejection"]
    assert departures[0][1].startswith("body: not valid JSON: 'utf-8' codec can't decode byte 0xff")
