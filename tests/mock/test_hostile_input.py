"""Hostile seeds, admin calls, CLI arguments and numbers: each is refused cleanly (a 4xx in the
vendor's or Entra's shape, or a usage error), never a 500, a hang or a traceback; state unchanged."""

from __future__ import annotations

import asyncio
import copy
import re
from pathlib import Path
from typing import Any

import httpx
import pytest

import licensekit.__main__ as cli
from licensekit.contract.spec import _coerce_scalar, _CoercionError
from licensekit.masking import SECRET_HEADERS
from licensekit.mock import MockServer, tokens
from licensekit.mock.app import read_body
from licensekit.mock.faults import FaultError, parse_fault
from licensekit.mock.vendor import SeedError
from licensekit.mock.vendors.fusion import FusionMock

DOC = Path(__file__).resolve().parents[2] / "docs" / "mock-interface.md"
TOKEN = "/__mock__/oauth2/v2.0/token"
INSTANCE = "draas_v1"
ARABIC_THREE = "\u0663"  # ARABIC-INDIC DIGIT THREE: `\d` and int() take it
ARABIC_ONE = "\u0661"


def post_seed(mock: MockServer, seed: Any) -> httpx.Response:
    return httpx.post(f"{mock.base_url}/__mock__/seed", json=seed, timeout=10)


def refused_and_unchanged(mock: MockServer, seed: Any) -> str:
    """POST the seed: it must be a 400 and leave the whole state (oauth included) as it was."""
    before = mock.state()
    answer = post_seed(mock, seed)
    assert answer.status_code == 400, answer.text
    assert answer.json()["error"].startswith("invalid seed")
    assert mock.state() == before
    error: str = answer.json()["error"]
    return error


def fusion_entity(state: dict[str, Any], name: str) -> dict[str, Any]:
    return next(e for e in state["entities"] if e["name"] == name)


def test_fusion_parent_cycle_is_refused_at_load(fusion_mock: MockServer) -> None:
    state = fusion_mock.state()
    group, tenant = fusion_entity(state, "Netaxis Telecom Group"), fusion_entity(state, "Acme Logistics BV")
    cyclic = copy.deepcopy(state)
    fusion_entity(cyclic, "Netaxis Telecom Group")["parent"] = tenant[
        "uuid"
    ]  # group -> ... -> tenant -> group
    with pytest.raises(SeedError, match="cycle"):
        FusionMock(cyclic, secret="s")
    assert "cycle" in refused_and_unchanged(fusion_mock, cyclic)
    itself = copy.deepcopy(state)
    fusion_entity(itself, "Acme Logistics BV")["parent"] = tenant["uuid"]
    assert "cycle" in refused_and_unchanged(fusion_mock, itself)
    not_a_string = copy.deepcopy(state)
    fusion_entity(not_a_string, "Acme Logistics BV")["parent"] = 7
    refused_and_unchanged(fusion_mock, not_a_string)
    # The mock still answers (before the fix a list under the cycle never returned).
    url = f"{fusion_mock.base_url}/api/v01/draas/{INSTANCE}/tenants/{tenant['uuid']}/customer_licenses"
    listed = httpx.get(url, headers=fusion_mock.auth_headers(entities=[group["uuid"]]), timeout=10)
    assert listed.status_code == 200


def test_token_endpoint_compares_non_ascii_secrets(cloudcockpit_mock: MockServer) -> None:
    client = cloudcockpit_mock.state()["oauth"]["clients"][0]
    form = {"grant_type": "client_credentials", "client_id": client["client_id"], "scope": "x"}
    wrong = httpx.post(cloudcockpit_mock.base_url + TOKEN, data={**form, "client_secret": "p\u00e4ss-\u20ac"})
    assert wrong.status_code == 400
    assert wrong.json()["error"] == "invalid_client" and "AADSTS7000215" in wrong.json()["error_description"]
    seed = cloudcockpit_mock.state()
    seed["oauth"]["clients"][0]["client_secret"] = "geheim-\u00e4\u00f6\u00fc-\u2603"
    cloudcockpit_mock.load_seed(seed)
    right = httpx.post(
        cloudcockpit_mock.base_url + TOKEN, data={**form, "client_secret": "geheim-\u00e4\u00f6\u00fc-\u2603"}
    )
    assert right.status_code == 200 and right.json()["token_type"] == "Bearer"
    almost = httpx.post(
        cloudcockpit_mock.base_url + TOKEN, data={**form, "client_secret": "geheim-\u00e4\u00f6\u00fc-\u2602"}
    )
    assert almost.status_code == 400 and almost.json()["error"] == "invalid_client"


@pytest.mark.parametrize(
    "oauth",
    [
        pytest.param("not an object", id="not-an-object"),
        pytest.param({"clients": {"client_id": "x"}}, id="clients-not-a-list"),
        pytest.param({"clients": [{"client_id": "x"}]}, id="client-without-secret"),
        pytest.param({"clients": [{"client_secret": "x"}]}, id="client-without-id"),
        pytest.param({"clients": [{"client_id": 1, "client_secret": "x"}]}, id="client-id-not-a-string"),
        pytest.param({"clients": [{"client_id": "a", "client_secret": "b", "claims": []}]}, id="claims-list"),
        pytest.param(
            {"clients": [{"client_id": "a", "client_secret": "b", "claims": {"secret": "x"}}]},
            id="reserved-claim",
        ),
        pytest.param({"refresh_tokens": [{"client_id": "a"}]}, id="refresh-token-missing"),
    ],
)
def test_a_bad_oauth_section_changes_nothing(fusion_mock: MockServer, oauth: Any) -> None:
    seed = fusion_mock.state()
    seed["licenses"] = seed["licenses"][:1]  # a vendor part that would load on its own
    seed["oauth"] = oauth
    refused_and_unchanged(fusion_mock, seed)


def test_cli_seed_with_api_all_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed = tmp_path / "fusion.json"
    seed.write_text('{"entities": []}', encoding="utf-8")
    for argv in (
        ["serve", "--api", "all", "--seed", str(seed)],
        ["serve", "--seed", str(seed)],  # all is the default
        ["serve", "--api", "cloudcockpit", "--seed", str(seed)],  # another vendor's seed
        ["serve", "--api", "fusion", "--seed", str(tmp_path / "missing.json")],
        ["serve", "--api", "fusion", "--port", ARABIC_THREE],
    ):
        with pytest.raises(SystemExit) as exited:
            cli.main(argv)
        assert exited.value.code == 2, argv
        err = capsys.readouterr().err
        assert "usage: licensekit serve" in err and "Traceback" not in err, argv
    assert "needs a single `--api`" in DOC.read_text(encoding="utf-8")


def test_non_ascii_digits_are_not_integers(fusion_mock: MockServer) -> None:
    for raw, kind in (
        (ARABIC_THREE, "integer"),
        (f"1{ARABIC_THREE}", "integer"),
        (ARABIC_THREE, "number"),
        (f"{ARABIC_ONE}.5", "number"),
        ("1_0", "number"),
        (" 1", "number"),
        ("infinity", "number"),
    ):
        with pytest.raises(_CoercionError):
            _coerce_scalar(raw, kind)
    assert _coerce_scalar("-12", "integer") == -12 and _coerce_scalar("1.5e2", "number") == 150.0
    group = fusion_entity(fusion_mock.state(), "Netaxis Telecom Group")["uuid"]
    base = f"{fusion_mock.base_url}/api/v01/draas/{INSTANCE}/groups/{group}/customer_licenses"
    headers = fusion_mock.auth_headers()
    assert httpx.get(base, params={"page_size": "3"}, headers=headers).status_code == 200
    paged = httpx.get(base, params={"page_size": ARABIC_THREE}, headers=headers)
    assert paged.status_code == 400 and "page_size" in paged.json()["error"]
    assert httpx.get(f"{base}/1", headers=headers).status_code == 200
    by_id = httpx.get(f"{base}/{ARABIC_ONE}", headers=headers)
    assert by_id.status_code == 400 and "id" in by_id.json()["error"]


def test_a_content_length_of_non_ascii_digits_is_no_crash() -> None:
    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"{}", "more_body": False}

    for declared in ("\u00b2", ARABIC_THREE):  # isdigit() is true of both; int() refuses the first
        assert asyncio.run(read_body(receive, 10, declared)) == b"{}"


def test_cloudcockpit_provider_instance_tenant_is_checked_at_load(cloudcockpit_mock: MockServer) -> None:
    for tenant in (None, 42, "nowhere.example"):
        seed = cloudcockpit_mock.state()
        if tenant is None:
            del seed["providerInstances"][0]["tenant"]
        else:
            seed["providerInstances"][0]["tenant"] = tenant
        assert "tenant" in refused_and_unchanged(cloudcockpit_mock, seed)


@pytest.mark.parametrize("field", ["licenseGroupId", "servicePlans", "name", "skuPartNumber"])
def test_partner_center_sku_fields_are_checked_at_load(partner_center_mock: MockServer, field: str) -> None:
    missing = partner_center_mock.state()
    del missing["skus"][0][field]
    assert field in refused_and_unchanged(partner_center_mock, missing)
    mistyped = partner_center_mock.state()
    mistyped["skus"][0][field] = 5
    assert field in refused_and_unchanged(partner_center_mock, mistyped)


def test_retry_after_is_whole_seconds_up_to_a_day(partner_center_mock: MockServer) -> None:
    for good in (0, 1, 86400):
        assert parse_fault({"status": 429, "retry_after": good}, set()).retry_after == good
    for bad in (0.5, 1.0, 1e300, 86401, -1, "5", True):
        with pytest.raises(FaultError, match="retry_after"):
            parse_fault({"status": 429, "retry_after": bad}, set())
    for bad in (1e300, 86401, -0.1):
        with pytest.raises(FaultError, match="delay"):
            parse_fault({"delay": bad}, set())
    url = f"{partner_center_mock.base_url}/__mock__/faults"
    for bad in (0.5, 1e300):
        assert httpx.post(url, json={"status": 429, "retry_after": bad}).status_code == 400
    assert httpx.get(url).json() == {"faults": []}


def test_docs_describe_the_request_log_and_max_in_flight() -> None:
    doc = DOC.read_text(encoding="utf-8")
    assert "selected headers" not in doc
    section = doc[doc.index("`GET /__mock__/requests`") :]
    section = section[: section.index("\n- ")]
    listed = {name.lower() for name in re.findall(r"`([A-Za-z-]+)`", section.split("(names lower-case")[0])}
    assert "every request header except" in section and listed >= SECRET_HEADERS
    assert "max_in_flight" in section and "delay fault" in section and "body" in section


def test_an_unknown_api_gets_no_token() -> None:
    with pytest.raises(ValueError, match="unknown api"):
        tokens.make_token("nope")
