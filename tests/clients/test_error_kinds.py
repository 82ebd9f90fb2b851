"""Error classification: each answer becomes exactly one kind of its API's family, and not a subclass
that would also satisfy a looser assertion (a 503 is an ApiError, never a RateLimitError)."""

from __future__ import annotations

import pickle
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx
import pytest

from licensekit.clients.errors import (
    ApiError,
    AuthenticationError,
    CloudCockpitApiError,
    CloudCockpitDeadlineExceeded,
    CloudCockpitError,
    CloudCockpitRateLimitError,
    CloudCockpitTransportFailure,
    DeadlineExceeded,
    FamilyError,
    FusionApiError,
    FusionAuthenticationError,
    FusionError,
    FusionInvalidResponse,
    FusionPagingError,
    FusionRateLimitError,
    FusionTransportFailure,
    InvalidResponseError,
    PagingError,
    PartnerCenterApiError,
    PartnerCenterError,
    PartnerCenterRateLimitError,
    RateLimitError,
    TransportFailure,
    parse_retry_after,
)

FAMILIES: list[tuple[type[FamilyError], type[ApiError], type[ApiError]]] = [
    (CloudCockpitError, CloudCockpitApiError, CloudCockpitRateLimitError),
    (FusionError, FusionApiError, FusionRateLimitError),
    (PartnerCenterError, PartnerCenterApiError, PartnerCenterRateLimitError),
]


def answer(
    status: int,
    body: object = None,
    headers: dict[str, str] | None = None,
    rh: dict[str, str] | None = None,
) -> httpx.Response:
    req = httpx.Request("GET", "https://api.test/v1/things?x=1", headers=rh)
    if body is None:
        return httpx.Response(status, headers=headers, request=req)
    if isinstance(body, bytes):
        return httpx.Response(status, content=body, headers=headers, request=req)
    return httpx.Response(status, json=body, headers=headers, request=req)


@pytest.mark.parametrize(("family", "api_error", "rate_error"), FAMILIES)
@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 500, 502, 503, 504])
def test_non_429_is_the_family_api_error_and_not_a_rate_limit(
    family: type[FamilyError], api_error: type[ApiError], rate_error: type[ApiError], status: int
) -> None:
    error = family.from_answer(answer(status, {"error": "nope"}))
    assert type(error) is api_error
    assert not isinstance(error, RateLimitError)
    assert not error.is_throttled
    assert error.status == status and error.method == "GET" and error.path == "/v1/things"


@pytest.mark.parametrize(("family", "api_error", "rate_error"), FAMILIES)
def test_429_is_the_family_rate_limit_error(
    family: type[FamilyError], api_error: type[ApiError], rate_error: type[ApiError]
) -> None:
    error = family.from_answer(answer(429, {"error": "slow down"}, {"Retry-After": "7"}))
    assert type(error) is rate_error
    assert isinstance(error, api_error) and isinstance(error, RateLimitError) and isinstance(error, family)
    assert error.is_throttled and error.retry_after == 7.0 and error.attempts == 1


def test_transport_failures_keep_their_kind_and_cause() -> None:
    cause = httpx.ConnectError("connection refused")
    error = FusionError.transport(cause)
    assert type(error) is FusionTransportFailure
    assert not isinstance(error, DeadlineExceeded)
    assert str(error) == "ConnectError: connection refused" and error.__cause__ is cause
    noted = httpx.ReadTimeout("")
    noted.add_note("licensekit: gave up after 3 attempt(s)")
    assert str(CloudCockpitError.transport(noted)) == "ReadTimeout: licensekit: gave up after 3 attempt(s)"
    assert str(CloudCockpitError.transport(httpx.ReadTimeout(""))) == "ReadTimeout"


def test_adopt_maps_each_kind_and_keeps_fields_cause_and_traceback() -> None:
    deadline = DeadlineExceeded("GET /x passed its deadline", deadline=2.0)
    deadline.__cause__ = ValueError("why")
    adopted = deadline.adopt(CloudCockpitError)
    assert type(adopted) is CloudCockpitDeadlineExceeded
    assert isinstance(adopted, CloudCockpitTransportFailure)
    assert adopted.deadline == 2.0 and str(adopted) == "GET /x passed its deadline"
    assert adopted.__cause__ is deadline.__cause__
    # Already in the family: itself.
    assert adopted.adopt(CloudCockpitError) is adopted
    auth = AuthenticationError("refused", status=401, error="invalid_grant").adopt(FusionError)
    assert type(auth) is FusionAuthenticationError and auth.status == 401 and auth.error == "invalid_grant"
    paging = PagingError("next repeated").adopt(FusionError)
    assert type(paging) is FusionPagingError
    # No PagingError in CloudCockpit's family: the kind stays as it is.
    plain = PagingError("x")
    assert plain.adopt(CloudCockpitError) is plain


def test_adopted_rate_limit_rewrites_its_message_in_the_family_name() -> None:
    error = RateLimitError(status=429, method="GET", path="/p", retry_after=2.5, attempts=0)
    assert str(error) == (
        "API GET /p not sent: throttled, the Retry-After gate stays closed for 2.5 s more,"
        " beyond the call's deadline (RetryPolicy.max_total)"
    )
    adopted = error.adopt(FusionError)
    assert type(adopted) is FusionRateLimitError
    assert str(adopted).startswith("Fusion GET /p not sent: throttled")
    unknown_wait = RateLimitError(status=429, method="GET", path="/p", attempts=0)
    assert "gate stays closed, beyond" in str(unknown_wait)


def test_api_error_message_names_status_reason_detail_and_extras() -> None:
    error = FusionApiError(
        status=503,
        method="POST",
        path="/api/x",
        body={"error": "maintenance"},
        correlation_id="c-1",
        retry_after=30,
        attempts=3,
    )
    assert str(error) == (
        "Fusion POST /api/x answered 503 Service Unavailable: maintenance"
        " (gave up after 3 attempts, retry after 30 s, correlation id c-1)"
    )
    one = FusionApiError(status=404, method="GET", path="/a", body={"error": {"reason": "gone"}})
    assert str(one) == "Fusion GET /a answered 404 Not Found: gone"
    odd = ApiError(status=599, method="GET", path="/a")
    assert str(odd) == "API GET /a answered 599"
    assert (
        str(ApiError(status=500, method="GET", path="/a", attempts=1))
        == "API GET /a answered 500 Internal Server Error"
    )


def test_from_response_ids_body_and_attempts() -> None:
    response = answer(
        500,
        {"code": 1, "description": "boom"},
        {"MS-CorrelationId": "corr-9", "MS-RequestId": "req-9"},
    )
    response.extensions = {**response.extensions, "licensekit.attempts": 4}
    error = PartnerCenterError.from_answer(response)
    assert type(error) is PartnerCenterApiError
    assert (error.correlation_id, error.request_id, error.attempts) == ("corr-9", "req-9", 4)
    assert error.code == 1 and error.description == "boom"
    assert error.vendor_message() == "code 1: boom"
    # The id the request carried when the answer has none; a body's correlationId last.
    from_request = answer(400, {"x": 1}, rh={"X-Correlation-Id": "from-request"})
    assert FusionError.from_answer(from_request).correlation_id == "from-request"
    from_body = answer(400, {"correlationId": "from-body"})
    assert FusionError.from_answer(from_body).correlation_id == "from-body"
    assert FusionError.from_answer(answer(400, {"correlationId": 5})).correlation_id is None
    not_json = FusionError.from_answer(answer(502, b"<html>bad gateway</html>"))
    assert not_json.body == "<html>bad gateway</html>" and not_json.vendor_message() is None
    empty = FusionError.from_answer(answer(502))
    assert empty.body is None and empty.retry_after is None and empty.request_id is None


def test_vendor_messages_from_each_error_shape() -> None:
    cc = CloudCockpitApiError(
        status=400,
        method="POST",
        path="/v1/x",
        body={
            "description": "Validation failed",
            "errors": [
                {"propertyName": "quantity", "description": ["must be positive", 3, "too big"]},
                {"description": ["general"]},
                "not an object",
                {"propertyName": "sku", "description": "not a list"},
            ],
        },
    )
    assert cc.errors == [
        {"propertyName": "quantity", "description": ["must be positive", 3, "too big"]},
        {"description": ["general"]},
        {"propertyName": "sku", "description": "not a list"},
    ]
    assert cc.vendor_message() == "Validation failed | quantity: must be positive; too big | general | sku: "
    assert CloudCockpitApiError(status=400, method="GET", path="/", body="text").vendor_message() is None
    assert CloudCockpitApiError(status=400, method="GET", path="/", body={"errors": "x"}).errors == []
    assert (
        CloudCockpitApiError(status=400, method="GET", path="/", body={"description": 3}).description is None
    )
    pc = PartnerCenterApiError(status=429, method="GET", path="/", body={"message": "Rate limit is exceeded"})
    assert pc.code is None and pc.vendor_message() == "Rate limit is exceeded"
    assert PartnerCenterApiError(status=400, method="GET", path="/", body={"code": True}).code is None
    assert (
        PartnerCenterApiError(status=400, method="GET", path="/", body={"code": "E1"}).vendor_message()
        == "code E1"
    )
    assert PartnerCenterApiError(status=400, method="GET", path="/", body=[1]).description is None
    assert FusionApiError(status=400, method="GET", path="/", body={"error": 3}).error is None
    assert FusionApiError(status=400, method="GET", path="/", body=None).error is None


def test_invalid_response_keeps_the_raw_body_out_of_the_message() -> None:
    response = answer(200, b'{"token": "secret-value"}')
    error = FusionError.invalid(response, "missing field id")
    assert type(error) is FusionInvalidResponse
    assert isinstance(error, InvalidResponseError)
    assert str(error) == (
        "GET /v1/things answered 200 with a body that breaks the spec: missing field id"
        " (25 bytes in .content)"
    )
    assert error.content == b'{"token": "secret-value"}' and "secret-value" not in repr(error)
    assert repr(error) == "FusionInvalidResponse(status=200, reason='missing field id')"


@pytest.mark.parametrize(
    "error",
    [
        FusionRateLimitError(status=429, method="GET", path="/p", retry_after=1.0, attempts=2),
        CloudCockpitDeadlineExceeded("late", deadline=3.0),
        FusionAuthenticationError("no", status=401, error="e"),
        TransportFailure("gone"),
    ],
)
def test_errors_pickle_round_trip_as_the_same_kind(error: Exception) -> None:
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is type(error) and str(again) == str(error) and again.__dict__ == error.__dict__


NOW = datetime(2026, 12, 7, 12, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        (None, None),
        ("", None),
        ("soon", None),
        ("5", 5.0),
        (" 2.5 ", 2.5),
        ("-3", 0.0),
        ("0", 0.0),
        ("Mon, 07 Dec 2026 12:00:30 GMT", 30.0),
        ("Mon, 07 Dec 2026 11:59:00 GMT", 0.0),
        ("Mon, 07 Dec 2026 12:01:00", 60.0),  # no zone: read as UTC
    ],
)
def test_parse_retry_after(value: str | None, seconds: float | None) -> None:
    assert parse_retry_after(value, now=NOW) == seconds


def test_parse_retry_after_date_against_the_clock() -> None:
    # An hour ahead, to the second: the margins are whole seconds wide, no boundary can matter.
    in_an_hour = format_datetime(datetime.now(UTC) + timedelta(hours=1), usegmt=True)
    assert 3590 < (parse_retry_after(in_an_hour) or 0) <= 3600


def test_adopted_error_keeps_the_traceback_of_where_it_was_raised() -> None:
    try:
        raise DeadlineExceeded("late", deadline=1.0)
    except DeadlineExceeded as exc:
        original = exc
    adopted = original.adopt(FusionError)
    assert adopted.__traceback__ is original.__traceback__ and adopted.__traceback__ is not None


def test_invalid_response_names_the_call() -> None:
    error = FusionError.invalid(answer(200, b"{}"), "missing field id")
    assert isinstance(error, InvalidResponseError)
    assert (error.status, error.method, error.path, error.reason) == (
        200,
        "GET",
        "/v1/things",
        "missing field id",
    )


def test_from_response_without_ids_or_attempts() -> None:
    error = FusionError.from_answer(answer(500, {"error": "x"}))
    assert error.correlation_id is None and error.request_id is None and error.attempts == 1
    odd = answer(500, {"error": "x"})
    odd.extensions = {**odd.extensions, "licensekit.attempts": "3"}  # not a count: ignored
    assert FusionError.from_answer(odd).attempts == 1


def test_text_body_is_kept_up_to_a_kilobyte() -> None:
    error = FusionError.from_answer(answer(502, b"x" * 5000))
    assert error.body == "x" * 1024


def test_transport_message_joins_the_error_and_its_notes() -> None:
    cause = httpx.ReadTimeout("timed out")
    cause.add_note("licensekit: gave up after 3 attempt(s)")
    assert (
        str(FusionError.transport(cause)) == "ReadTimeout: timed out; licensekit: gave up after 3 attempt(s)"
    )


def test_partner_center_message_keeps_a_description_ending_in_capitals() -> None:
    error = PartnerCenterApiError(
        status=400, method="GET", path="/", body={"code": 2, "description": "Not on XBOX"}
    )
    assert error.vendor_message() == "code 2: Not on XBOX"


def test_two_attempts_are_named_in_the_message() -> None:
    error = FusionApiError(status=503, method="GET", path="/a", attempts=2)
    assert str(error) == "Fusion GET /a answered 503 Service Unavailable (gave up after 2 attempts)"
