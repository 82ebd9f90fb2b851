"""azure-core TokenCredentials (sync and async) as the credentials of CloudCockpit and Partner Center.

Two kinds of credential: azure-identity's own classes against the mock's Entra ID stand-in (served over
HTTPS with a certificate made here, as azure-identity accepts only https authorities), and a
protocol-only fake for what a real Entra ID cannot be made to do on cue: expire a token, hand back a
refused one, fail with a secret in its message.
"""

from __future__ import annotations

import asyncio
import logging
import pickle
import ssl
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import httpx
import pytest
from azure.core.exceptions import ClientAuthenticationError
from azure.core.pipeline.transport import AsyncioRequestsTransport
from azure.identity import ClientSecretCredential
from azure.identity.aio import ClientSecretCredential as AsyncClientSecretCredential

from licensekit.clients import (
    AsyncCloudCockpit,
    AsyncPartnerCenter,
    AuthenticationError,
    CloudCockpit,
    CloudCockpitApiError,
    CloudCockpitAuthenticationError,
    Fusion,
    PartnerCenter,
    PartnerCenterApiError,
    PartnerCenterAuthenticationError,
)
from licensekit.mock import MockServer, serve

from .tls import LoopbackCertificate, loopback_certificate

CC_SCOPE = "api://b92a36a4-feb8-4f47-a69c-29a180aa6d0a/.default"
PC_SCOPE = "https://api.partnercenter.microsoft.com/.default"
CC_CLIENT = ("39ff5e04-e304-5cfc-99ed-abc5e861155e", "cc-mock-secret-portal")  # mock seed data
CC_PROVIDER = uuid.UUID("aef7deb2-3bd5-56e9-8781-1bf4495044d5")
CC_CUSTOMER = uuid.UUID("21fd4f08-3076-53c4-bf78-5fd9c24fe208")
PC_CLIENT = ("f1950e69-f554-5b88-bb92-8fdada293a14", "pc-mock-secret")
PC_CUSTOMER = uuid.UUID("d2a1304e-f6f5-5446-917f-d6dfa82acce2")
PC_USER = "b93906ee-7a7d-5047-83fe-c6e67b50895d"
PORTAL = "portal.cloudcockpit.com"
TENANT = "licensekit-test-tenant"
CC_LIST = f"/v1/Customers/{CC_CUSTOMER}/licenses"
SECRET = "s3cr3t-client-secret-value-0123456789"


class AccessToken(NamedTuple):  # azure-core's AccessToken, without importing it: the protocol only
    token: str
    expires_on: int


class FakeCredential:
    """TokenCredential by protocol only: hands out its answers in order (the last one again and again)."""

    def __init__(self, *answers: AccessToken | Exception) -> None:
        self.answers = list(answers)
        self.scopes: list[tuple[str, ...]] = []

    def get_token(self, *scopes: str, **kwargs: Any) -> AccessToken:
        self.scopes.append(scopes)
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if isinstance(answer, Exception):
            raise answer
        return answer


class AsyncFakeCredential(FakeCredential):
    async def get_token(self, *scopes: str, **kwargs: Any) -> AccessToken:  # type: ignore[override]
        await asyncio.sleep(0)
        return FakeCredential.get_token(self, *scopes, **kwargs)


def later(seconds: float = 3600) -> int:
    return int(time.time() + seconds)


def api_calls(mock: MockServer, path: str) -> int:
    return sum(1 for r in mock.requests()["requests"] if r["path"] == path)


# -- the protocol-only fake: caching, scope, expiry, a 401, refusal ---------------------------------------
def test_one_token_for_many_calls_asked_with_the_api_scope(
    cloudcockpit_mock: MockServer, partner_center_mock: MockServer
) -> None:
    cc_cred = FakeCredential(AccessToken(cloudcockpit_mock.token(), later()))
    with CloudCockpit(cloudcockpit_mock.base_url, tenant=PORTAL, credentials=cc_cred) as cc:
        for _ in range(3):
            assert cc.list_customer_licenses(CC_CUSTOMER, provider_instance_id=CC_PROVIDER)
    assert cc_cred.scopes == [(CC_SCOPE,)]
    pc_cred = FakeCredential(AccessToken(partner_center_mock.token(), later()))  # App+User
    with PartnerCenter(partner_center_mock.base_url, credentials=pc_cred) as pc:
        assert pc.get_user_licenses(PC_CUSTOMER, PC_USER).items
        assert pc.get_user_licenses(PC_CUSTOMER, PC_USER).items
    assert pc_cred.scopes == [(PC_SCOPE,)]


def test_a_token_about_to_expire_is_asked_for_again(cloudcockpit_mock: MockServer) -> None:
    # Refreshed before expiry: half its lifetime when that is under the 60 s margin (here 1 s of 2).
    cred = FakeCredential(
        AccessToken(cloudcockpit_mock.token(sub="first"), later(2)),
        AccessToken(cloudcockpit_mock.token(sub="second"), later()),
    )
    with CloudCockpit(cloudcockpit_mock.base_url, tenant=PORTAL, credentials=cred) as cc:
        cc.list_customer_licenses(CC_CUSTOMER, provider_instance_id=CC_PROVIDER)
        assert len(cred.scopes) == 1
        time.sleep(1.2)
        cc.list_customer_licenses(CC_CUSTOMER, provider_instance_id=CC_PROVIDER)
        cc.list_customer_licenses(CC_CUSTOMER, provider_instance_id=CC_PROVIDER)
    assert len(cred.scopes) == 2


def test_a_401_asks_the_credential_again_and_retries_once(cloudcockpit_mock: MockServer) -> None:
    cred = FakeCredential(
        AccessToken("revoked-token", later()), AccessToken(cloudcockpit_mock.token(), later())
    )
    with CloudCockpit(cloudcockpit_mock.base_url, tenant=PORTAL, credentials=cred) as cc:
        assert cc.list_customer_licenses(CC_CUSTOMER, provider_instance_id=CC_PROVIDER)
    assert len(cred.scopes) == 2
    assert api_calls(cloudcockpit_mock, CC_LIST) == 2


def test_the_same_refused_token_again_is_not_resent(cloudcockpit_mock: MockServer) -> None:
    """A credential serving its cache hands back the token just refused: the 401 stands, one request."""
    cred = FakeCredential(AccessToken("revoked-token", later()))
    with (
        CloudCockpit(cloudcockpit_mock.base_url, tenant=PORTAL, credentials=cred) as cc,
        pytest.raises(CloudCockpitApiError) as caught,
    ):
        cc.list_customer_licenses(CC_CUSTOMER, provider_instance_id=CC_PROVIDER)
    assert caught.value.status == 401
    assert len(cred.scopes) == 2
    assert api_calls(cloudcockpit_mock, CC_LIST) == 1


@pytest.mark.parametrize(
    ("client", "family"),
    [(CloudCockpit, CloudCockpitAuthenticationError), (PartnerCenter, PartnerCenterAuthenticationError)],
)
def test_a_refusal_is_the_family_authentication_error_without_the_secret(
    client: Any,
    family: type[AuthenticationError],
    cloudcockpit_mock: MockServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    refusal = ClientAuthenticationError(f"AADSTS7000215: Invalid client secret provided: {SECRET}")
    cred = FakeCredential(refusal)
    kwargs = {"tenant": PORTAL} if client is CloudCockpit else {}
    caplog.set_level(logging.DEBUG)
    with (
        client(cloudcockpit_mock.base_url, credentials=cred, **kwargs) as api,
        pytest.raises(family) as caught,
    ):
        if client is CloudCockpit:
            api.list_customer_licenses(CC_CUSTOMER, provider_instance_id=CC_PROVIDER)
        else:
            api.get_user_licenses(PC_CUSTOMER, PC_USER)
    error = caught.value
    scope = CC_SCOPE if client is CloudCockpit else PC_SCOPE
    assert (
        str(error) == f"FakeCredential gave no token for {scope}: ClientAuthenticationError (AADSTS7000215)"
    )
    assert isinstance(error, AuthenticationError) and error.error == "AADSTS7000215"
    assert error.__cause__ is None and error.__suppress_context__
    for text in (str(error), repr(error), repr(error.args), caplog.text, repr(api), repr(api.auth)):
        assert SECRET not in text
    assert SECRET.encode() not in pickle.dumps(error)
    assert type(pickle.loads(pickle.dumps(error))) is family


def test_an_answer_without_a_token_is_an_authentication_error(cloudcockpit_mock: MockServer) -> None:
    cred = FakeCredential(AccessToken("", later()))
    with (
        CloudCockpit(cloudcockpit_mock.base_url, tenant=PORTAL, credentials=cred) as cc,
        pytest.raises(CloudCockpitAuthenticationError, match="FakeCredential answered without a token"),
    ):
        cc.list_customer_licenses(CC_CUSTOMER, provider_instance_id=CC_PROVIDER)


def test_async_twins_await_async_credentials_and_thread_sync_ones(
    cloudcockpit_mock: MockServer, partner_center_mock: MockServer
) -> None:
    async def run() -> None:
        cc_cred = AsyncFakeCredential(AccessToken(cloudcockpit_mock.token(), later()))
        async with AsyncCloudCockpit(cloudcockpit_mock.base_url, tenant=PORTAL, credentials=cc_cred) as cc:
            assert await cc.list_customer_licenses(CC_CUSTOMER, provider_instance_id=CC_PROVIDER)
            assert await cc.list_customer_licenses(CC_CUSTOMER, provider_instance_id=CC_PROVIDER)
        assert cc_cred.scopes == [(CC_SCOPE,)]
        pc_cred = FakeCredential(AccessToken(partner_center_mock.token(), later()))  # sync: in a thread
        async with AsyncPartnerCenter(partner_center_mock.base_url, credentials=pc_cred) as pc:
            assert (await pc.get_user_licenses(PC_CUSTOMER, PC_USER)).items
        assert pc_cred.scopes == [(PC_SCOPE,)]
        refused = AsyncFakeCredential(ClientAuthenticationError(f"AADSTS700016 {SECRET}"))
        async with AsyncPartnerCenter(partner_center_mock.base_url, credentials=refused) as pc:
            with pytest.raises(PartnerCenterAuthenticationError) as caught:
                await pc.get_user_licenses(PC_CUSTOMER, PC_USER)
        assert "(AADSTS700016)" in str(caught.value) and SECRET not in str(caught.value)

    asyncio.run(run())


def test_what_cannot_work_is_refused_at_construction() -> None:
    with pytest.raises(
        TypeError, match="AsyncFakeCredential is an async credential: use it with AsyncCloudCockpit"
    ):
        async_only = AsyncFakeCredential(AccessToken("t", later()))
        CloudCockpit(tenant=PORTAL, credentials=async_only)  # type: ignore[arg-type]  # mypy sees it too
    with pytest.raises(TypeError, match="this API takes no token credential"):
        Fusion(draas_instance="draas_v1", credentials=FakeCredential(AccessToken("t", later())))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="object has no get_token"):
        PartnerCenter(credentials=object())  # type: ignore[arg-type]


# -- azure-identity's own credentials against the mock's Entra ID stand-in, over HTTPS ---------------------
@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> LoopbackCertificate:
    return loopback_certificate(Path(tmp_path_factory.mktemp("tls")))


@pytest.fixture
def tls_cloudcockpit(certificate: LoopbackCertificate) -> Iterator[MockServer]:
    with serve("cloudcockpit", ssl_certfile=certificate.certfile, ssl_keyfile=certificate.keyfile) as mock:
        yield mock


@pytest.fixture
def tls_partner_center(certificate: LoopbackCertificate) -> Iterator[MockServer]:
    with serve("partner-center", ssl_certfile=certificate.certfile, ssl_keyfile=certificate.keyfile) as mock:
        yield mock


def secret_credential(mock: MockServer, cert: LoopbackCertificate, secret: str) -> ClientSecretCredential:
    client_id = CC_CLIENT[0] if mock.api == "cloudcockpit" else PC_CLIENT[0]
    return ClientSecretCredential(
        TENANT,
        client_id,
        secret,
        authority=mock.base_url + "/__mock__",
        disable_instance_discovery=True,  # MSAL would ask Entra ID whether it knows this authority
        connection_verify=cert.certfile,
    )


def trusting(cert: LoopbackCertificate) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=cert.certfile)


def token_requests(mock: MockServer) -> int:
    return api_calls(mock, f"/__mock__/{TENANT}/oauth2/v2.0/token")


def test_azure_identity_client_secret_credential(
    tls_cloudcockpit: MockServer, certificate: LoopbackCertificate
) -> None:
    credential = secret_credential(tls_cloudcockpit, certificate, CC_CLIENT[1])
    transport = httpx.HTTPTransport(verify=trusting(certificate))
    with CloudCockpit(
        tls_cloudcockpit.base_url, tenant=PORTAL, credentials=credential, transport=transport
    ) as cc:
        first = cc.list_customer_licenses(CC_CUSTOMER, provider_instance_id=CC_PROVIDER)
        assert first and cc.list_customer_licenses(CC_CUSTOMER, provider_instance_id=CC_PROVIDER) == first
    assert api_calls(tls_cloudcockpit, f"/__mock__/{TENANT}/v2.0/.well-known/openid-configuration") == 1
    assert token_requests(tls_cloudcockpit) == 1
    assert api_calls(tls_cloudcockpit, CC_LIST) == 2


def test_azure_identity_refusal_is_the_family_authentication_error(
    tls_cloudcockpit: MockServer, certificate: LoopbackCertificate
) -> None:
    credential = secret_credential(tls_cloudcockpit, certificate, SECRET)  # not the seeded secret
    transport = httpx.HTTPTransport(verify=trusting(certificate))
    with (
        CloudCockpit(
            tls_cloudcockpit.base_url, tenant=PORTAL, credentials=credential, transport=transport
        ) as cc,
        pytest.raises(CloudCockpitAuthenticationError) as caught,
    ):
        cc.list_customer_licenses(CC_CUSTOMER, provider_instance_id=CC_PROVIDER)
    assert str(caught.value) == (
        f"ClientSecretCredential gave no token for {CC_SCOPE}: ClientAuthenticationError (AADSTS7000215)"
    )
    assert SECRET not in repr(caught.value)
    assert api_calls(tls_cloudcockpit, CC_LIST) == 0


def test_azure_identity_async_credential(
    tls_cloudcockpit: MockServer, certificate: LoopbackCertificate
) -> None:
    async def run() -> None:
        credential = AsyncClientSecretCredential(
            TENANT,
            *CC_CLIENT,
            authority=tls_cloudcockpit.base_url + "/__mock__",
            transport=AsyncioRequestsTransport(connection_verify=certificate.certfile),  # no aiohttp needed
        )
        transport = httpx.AsyncHTTPTransport(verify=trusting(certificate))
        async with (
            credential,
            AsyncCloudCockpit(
                tls_cloudcockpit.base_url, tenant=PORTAL, credentials=credential, transport=transport
            ) as cc,
        ):
            assert await cc.list_customer_licenses(CC_CUSTOMER, provider_instance_id=CC_PROVIDER)
            assert await cc.list_customer_licenses(CC_CUSTOMER, provider_instance_id=CC_PROVIDER)

    asyncio.run(run())
    assert token_requests(tls_cloudcockpit) == 1
    assert api_calls(tls_cloudcockpit, CC_LIST) == 2


def test_partner_center_app_only_credential_is_refused_as_the_vendor_documents(
    tls_partner_center: MockServer, certificate: LoopbackCertificate
) -> None:
    """An app's credential gets an app-only token for `.default`: this operation wants App+User (900329)."""
    credential = secret_credential(tls_partner_center, certificate, PC_CLIENT[1])
    transport = httpx.HTTPTransport(verify=trusting(certificate))
    with (
        PartnerCenter(tls_partner_center.base_url, credentials=credential, transport=transport) as pc,
        pytest.raises(PartnerCenterApiError) as caught,
    ):
        pc.get_user_licenses(PC_CUSTOMER, PC_USER)
    assert caught.value.status == 403
    assert caught.value.body is not None and caught.value.body["code"] == 900329
    assert token_requests(tls_partner_center) == 1
