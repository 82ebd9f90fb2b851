"""Client.for_mock(mock): one line aims a client at a running mock, token endpoint included."""

from __future__ import annotations

import uuid

from licensekit.clients import (
    AsyncPartnerCenter,
    ClientCredentials,
    CloudCockpit,
    Fusion,
    FusionLogin,
    PartnerCenter,
    RefreshTokenCredentials,
)
from licensekit.mock import MockServer

CC_CLIENT = ("39ff5e04-e304-5cfc-99ed-abc5e861155e", "cc-mock-secret-portal")  # mock seed data
CC_PROVIDER = uuid.UUID("aef7deb2-3bd5-56e9-8781-1bf4495044d5")
CC_CUSTOMER = uuid.UUID("21fd4f08-3076-53c4-bf78-5fd9c24fe208")
FUSION_GROUP = uuid.UUID("7ba71d48-91f6-5eca-a70a-4852b6eaaaa4")
PC_CLIENT_ID = "f1950e69-f554-5b88-bb92-8fdada293a14"
PC_REFRESH = "0.pc-mock-refresh-token-admin-agent"
PC_CUSTOMER = uuid.UUID("d2a1304e-f6f5-5446-917f-d6dfa82acce2")
PC_USER = "b93906ee-7a7d-5047-83fe-c6e67b50895d"
TOKEN_PATH = "/__mock__/oauth2/v2.0/token"


def paths(mock: MockServer) -> list[str]:
    return [r["path"] for r in mock.requests()["requests"]]


def test_with_a_token_the_mock_signs(
    cloudcockpit_mock: MockServer, fusion_mock: MockServer, partner_center_mock: MockServer
) -> None:
    with CloudCockpit.for_mock(cloudcockpit_mock, tenant="portal.cloudcockpit.com") as cc:
        assert cc.list_customer_licenses(CC_CUSTOMER, provider_instance_id=CC_PROVIDER)
    with Fusion.for_mock(fusion_mock, draas_instance="draas_v1") as fusion:
        assert len(list(fusion.iter_customer_licenses("group", FUSION_GROUP))) == 27
    with PartnerCenter.for_mock(partner_center_mock) as pc:
        assert pc.get_user_licenses(PC_CUSTOMER, PC_USER).items
    assert TOKEN_PATH not in paths(cloudcockpit_mock) + paths(partner_center_mock)


def test_credentials_go_to_the_mock_token_endpoint(
    cloudcockpit_mock: MockServer, fusion_mock: MockServer, partner_center_mock: MockServer
) -> None:
    creds = ClientCredentials(*CC_CLIENT)  # token_url left to the real Entra ID default
    with CloudCockpit.for_mock(cloudcockpit_mock, tenant="portal.cloudcockpit.com", credentials=creds) as cc:
        assert cc.list_customer_licenses(CC_CUSTOMER, provider_instance_id=CC_PROVIDER)
    assert TOKEN_PATH in paths(cloudcockpit_mock)
    login = FusionLogin("admin@netaxis.example", "Fusion-Admin-2024!")
    with Fusion.for_mock(fusion_mock, draas_instance="draas_v1", credentials=login) as fusion:
        assert fusion.list_customer_licenses("group", FUSION_GROUP).licenses
    assert "/api/v01/auth/login" in paths(fusion_mock)
    refresh = RefreshTokenCredentials(PC_CLIENT_ID, PC_REFRESH)
    with PartnerCenter.for_mock(partner_center_mock, credentials=refresh) as pc:
        assert pc.get_user_licenses(PC_CUSTOMER, PC_USER).items
    assert TOKEN_PATH in paths(partner_center_mock)


def test_async_twin(partner_center_mock: MockServer) -> None:
    import asyncio

    async def main() -> int:
        async with AsyncPartnerCenter.for_mock(partner_center_mock) as pc:
            items = (await pc.get_user_licenses(PC_CUSTOMER, PC_USER)).items
            assert isinstance(items, list)  # expected, not required, since the tolerant specs
            return len(items)

    assert asyncio.run(main()) > 0


def test_readme_shows_for_mock() -> None:
    """The README's for_mock block itself runs in tests/packaging/test_readme_blocks.py."""
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    assert "base_url=mock.base_url" not in readme
    assert "Fusion.for_mock(mock" in readme and "CloudCockpit.for_mock(mock" in readme
