"""Every failure is an exception of the API's family, and every exception pickles round-trip."""

from __future__ import annotations

import inspect
import json
import pickle
import socket
import uuid
from typing import Any

import httpx
import pytest
from cloudcockpit_client import errors as cc_generated_errors

from licensekit.clients import (
    AuthenticationError,
    ClientCredentials,
    CloudCockpit,
    CloudCockpitAuthenticationError,
    CloudCockpitError,
    CloudCockpitInvalidResponse,
    Fusion,
    FusionAuthenticationError,
    FusionError,
    FusionInvalidResponse,
    FusionLogin,
    FusionTransportFailure,
    InvalidResponseError,
    PartnerCenter,
    PartnerCenterApiError,
    RetryPolicy,
    TransportFailure,
)
from licensekit.clients import errors as error_module
from licensekit.clients.errors import ApiError, DeadlineExceeded, LicenseKitError

from .answering import Answer, Seen, answering

CUSTOMER = uuid.UUID("21fd4f08-3076-53c4-bf78-5fd9c24fe208")
PROVIDER = uuid.UUID("aef7deb2-3bd5-56e9-8781-1bf4495044d5")
GROUP = uuid.UUID("7ba71d48-91f6-5eca-a70a-4852b6eaaaa4")
LICENSE = {
    "skuId": "05e9a617-0261-4cee-bb44-138d3ef5d965",
    "name": "Microsoft 365 E3",
    "availableLicenses": 1,
    "isSelected": True,
    "totalLicenses": 10,
    "consumedLicenses": 9,
    "suspendedLicenses": 0,
}
TOKEN_LIKE = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzZWNyZXQtdXNlciJ9.c2lnbmF0dXJlLXZhbHVl"
FAST = RetryPolicy(max_attempts=1, max_total=5.0)


def sample(cls: type[LicenseKitError]) -> LicenseKitError:
    if issubclass(cls, ApiError):
        return cls(status=429, method="GET", path="/x", body={"error": "e"}, retry_after=3.0, attempts=2)
    if issubclass(cls, AuthenticationError):
        return cls("login refused", status=401, error="invalid_client")
    if issubclass(cls, DeadlineExceeded):
        return cls("late", deadline=2.0)
    if issubclass(cls, InvalidResponseError):
        return cls("bad", status=200, method="GET", path="/x", content=b"{", reason="JSONDecodeError")
    return cls("something failed")


ERROR_CLASSES = sorted(
    (c for _, c in inspect.getmembers(error_module, inspect.isclass) if issubclass(c, LicenseKitError)),
    key=lambda c: c.__name__,
)


@pytest.mark.parametrize("cls", ERROR_CLASSES, ids=lambda c: c.__name__)
def test_every_error_pickles_round_trip(cls: type[LicenseKitError]) -> None:
    error = sample(cls)
    error.add_note("a note")
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is cls
    assert str(again) == str(error) and again.__dict__ == error.__dict__


def test_generated_errors_pickle_and_hide_the_body() -> None:
    invalid = cc_generated_errors.InvalidResponse(200, TOKEN_LIKE.encode(), "TypeError: x")
    again = pickle.loads(pickle.dumps(invalid))
    assert again.content == invalid.content and again.reason == "TypeError: x"
    assert TOKEN_LIKE not in str(again) + repr(again)
    unexpected = pickle.loads(pickle.dumps(cc_generated_errors.UnexpectedStatus(418, b"teapot")))
    assert unexpected.status_code == 418


def test_family_adopts_every_kind() -> None:
    assert ERROR_CLASSES  # the module's classes were found
    for family in (CloudCockpitError, FusionError, error_module.PartnerCenterError):
        for kind, target in family.kinds.items():
            adopted = sample(kind).adopt(family)
            assert type(adopted) is target and isinstance(adopted, family) and isinstance(adopted, kind)


def cloudcockpit(base_url: str, **kwargs: Any) -> CloudCockpit:
    return CloudCockpit(base_url, tenant="t", retry=FAST, **kwargs)


def test_login_failures_are_in_the_family() -> None:
    refused = Answer(401, json.dumps({"error": {"reason": "bad password"}}).encode())
    with answering(lambda seen: refused) as server:
        fusion = Fusion(server.base_url, draas_instance="d", credentials=FusionLogin("u", "pw"), retry=FAST)
        with fusion, pytest.raises(FusionError) as info:
            fusion.list_customer_licenses("group", GROUP)
    assert isinstance(info.value, FusionAuthenticationError) and isinstance(info.value, AuthenticationError)
    assert info.value.status == 401 and "bad password" in str(info.value)


def test_entra_refusal_is_in_the_family_and_keeps_the_secret_out() -> None:
    refused = Answer(400, b'{"error": "invalid_client", "error_description": "AADSTS7000215"}')
    with answering(lambda seen: refused) as server:
        creds = ClientCredentials("app", "the-client-secret-value", token_url=server.base_url + "/token")
        with cloudcockpit(server.base_url, credentials=creds) as cc, pytest.raises(CloudCockpitError) as info:
            cc.list_customer_licenses(CUSTOMER, provider_instance_id=PROVIDER)
    assert isinstance(info.value, CloudCockpitAuthenticationError)
    assert "the-client-secret-value" not in str(info.value) + repr(info.value)


def test_connection_refused_is_a_transport_failure() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed when the block ends: nothing listens there
    fusion = Fusion(f"http://127.0.0.1:{port}", draas_instance="d", token="t", retry=FAST)
    with fusion, pytest.raises(FusionTransportFailure) as info:
        fusion.list_customer_licenses("group", GROUP)
    assert isinstance(info.value, TransportFailure) and isinstance(info.value.__cause__, httpx.ConnectError)


def test_truncated_body_and_read_timeout_are_transport_failures() -> None:
    answers = iter([Answer(200, b'{"results": 1', cut=True), Answer(200, b"{}" * 10, drip=0.6)])
    with answering(lambda seen: next(answers)) as server:
        fusion = Fusion(server.base_url, draas_instance="d", token="t", retry=FAST, timeout=0.3)
        with fusion:
            for cause in (httpx.RemoteProtocolError, httpx.ReadTimeout):
                with pytest.raises(FusionTransportFailure) as info:
                    fusion.list_customer_licenses("group", GROUP)
                assert isinstance(info.value.__cause__, cause)


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        (
            Answer(200, json.dumps([{**LICENSE, "name": 123, "totalLicenses": "ten"}]).encode()),
            "expected str",
        ),
        (Answer(200, b"<html><body>Service Unavailable</body></html>"), "JSONDecodeError"),
        (Answer(200, b'[{"skuId": "a",'), "JSONDecodeError"),
        (Answer(204), "no body"),
        (Answer(299, json.dumps([LICENSE]).encode()), "no body"),
        (Answer(200, json.dumps([{**LICENSE, "name": 7, "totalLicenses": TOKEN_LIKE}]).encode()), "expected"),
    ],
    ids=["wrong-types", "html", "truncated-json", "204-for-a-list", "unknown-2xx", "token"],
)
def test_a_success_body_that_breaks_the_spec_raises_with_the_raw_body(answer: Answer, reason: str) -> None:
    with (
        answering(lambda seen: answer) as server,
        cloudcockpit(server.base_url, token="t") as cc,
        pytest.raises(CloudCockpitInvalidResponse) as info,
    ):
        cc.list_customer_licenses(CUSTOMER, provider_instance_id=PROVIDER)
    error = info.value
    assert isinstance(error, CloudCockpitError) and isinstance(error, InvalidResponseError)
    assert error.content == answer.body and error.status == answer.status
    assert reason in str(error)
    assert TOKEN_LIKE not in str(error) + repr(error)
    assert not answer.body or answer.body.decode() not in str(error)


def test_update_without_body_is_the_documented_answer() -> None:
    with answering(lambda seen: Answer(204)) as server, cloudcockpit(server.base_url, token="t") as cc:
        cc.update_customer_user_licenses(CUSTOMER, CUSTOMER, provider_instance_id=PROVIDER, licenses=[])
    assert [seen.method for seen in server.seen] == ["PATCH"]


@pytest.mark.parametrize("status", [401, 500, 503, 599])
@pytest.mark.parametrize("body", [b"", b"<html>Service Unavailable</html>", b'{"error": "x"}', b"\xff\xfe"])
def test_partner_center_error_answers_of_any_shape(status: int, body: bytes) -> None:
    def script(seen: Seen) -> Answer:
        return Answer(status, body, headers={"WWW-Authenticate": "Bearer"} if status == 401 else {})

    with (
        answering(script) as server,
        PartnerCenter(server.base_url, token="t", retry=FAST) as pc,
        pytest.raises(PartnerCenterApiError) as info,
    ):
        pc.get_user_licenses(CUSTOMER, "user")
    assert info.value.status == status
    pickle.loads(pickle.dumps(info.value))


@pytest.mark.parametrize(
    ("details", "reason"),
    [
        ({"sku": "s", "status": "enabled"}, "missing field 'name'"),  # name: required by the docs
        (
            {"name": 123, "sku": "s", "status": "enabled", "description": ""},
            "name: expected str, got int 123",
        ),
    ],
)
def test_fusion_invalid_details_keep_the_body(details: dict[str, object], reason: str) -> None:
    body = json.dumps(details).encode()
    with (
        answering(lambda seen: Answer(200, body)) as server,
        Fusion(server.base_url, draas_instance="d", token="t") as fusion,
        pytest.raises(FusionInvalidResponse) as e,
    ):
        fusion.get_customer_license(GROUP, 1)
    assert e.value.content == body and reason in str(e.value)


def test_generated_reason_never_quotes_a_token() -> None:
    from fusion_client import Client as FusionClient
    from fusion_client import errors as fusion_errors
    from fusion_client.api.auth import login

    client = FusionClient(base_url="http://fusion.test")
    for body in ({"access_token": 12345678, "refresh_token": "r"}, {"token": ["tok-en"]}):
        answer = httpx.Response(200, json=body)
        with pytest.raises(fusion_errors.InvalidResponse) as info:
            login._parse_response(client=client, response=answer)
        assert "<redacted>" in str(info.value) and "12345678" not in str(info.value)
    long_value = {"name": [TOKEN_LIKE], "sku": "s", "status": "enabled", "description": ""}
    from fusion_client.api.customer_licenses import get_customer_license

    with pytest.raises(fusion_errors.InvalidResponse) as info:
        get_customer_license._parse_response(client=client, response=httpx.Response(200, json=long_value))
    assert "<redacted>" in str(info.value) and TOKEN_LIKE[:10] not in str(info.value) + repr(info.value)
