"""Admin endpoints, the token endpoint, the fixtures' reset and the command line."""

from __future__ import annotations

import copy
import subprocess
import sys
import time

import httpx

from licensekit.mock import MockServer
from licensekit.mock.tokens import decode, default_secret

TOKEN = "/__mock__/oauth2/v2.0/token"


def test_reset_and_seed(fusion_mock: MockServer) -> None:
    original = fusion_mock.state()
    group = next(e["uuid"] for e in original["entities"] if e["type"] == "group")
    url = f"{fusion_mock.base_url}/api/v01/draas/draas_v1/groups/{group}/customer_licenses"
    assert (
        httpx.post(url, json={"name": "n", "sku": "NEW"}, headers=fusion_mock.auth_headers()).status_code
        == 200
    )
    assert fusion_mock.state() != original
    fusion_mock.reset()
    assert fusion_mock.state() == original
    smaller = copy.deepcopy(original)
    smaller["licenses"] = smaller["licenses"][:2]
    fusion_mock.load_seed(smaller)
    assert len(fusion_mock.state()["licenses"]) == 2
    bad = httpx.post(f"{fusion_mock.base_url}/__mock__/seed", json={"entities": [{"uuid": "x"}]})
    assert bad.status_code == 400 and "invalid seed" in bad.json()["error"]
    assert len(fusion_mock.state()["licenses"]) == 2  # a refused seed changes nothing
    fusion_mock.reset()  # back to the seed the server started with
    assert fusion_mock.state() == original


def test_admin_refusals(partner_center_mock: MockServer) -> None:
    base = partner_center_mock.base_url
    assert httpx.get(f"{base}/__mock__/nothing").status_code == 404
    assert httpx.get(f"{base}/__mock__/reset").status_code == 405
    assert httpx.post(f"{base}/__mock__/faults", json={"status": 200}).status_code == 400
    assert httpx.post(f"{base}/__mock__/faults", json={"status": 500, "operation": "nope"}).status_code == 400
    assert (
        httpx.post(
            f"{base}/__mock__/faults", content=b"{", headers={"Content-Type": "application/json"}
        ).status_code
        == 400
    )
    assert httpx.get(f"{base}/__mock__/health").json() == {"api": "partner-center", "status": "ok"}


def test_faults_count_delay_and_clear(cloudcockpit_mock: MockServer) -> None:
    customer = cloudcockpit_mock.state()["customers"][0]
    subscription = customer["subscriptions"][0]["id"]
    base = f"{cloudcockpit_mock.base_url}/v1/customers/{customer['id']}"
    url = f"{base}/subscriptions/{subscription}/azure-entitlements"
    headers = {**cloudcockpit_mock.auth_headers(), "X-Tenant": "portal.cloudcockpit.com"}
    cloudcockpit_mock.inject_fault(500, count=2, operation="listAzureEntitlements")
    cloudcockpit_mock.inject_fault(None, delay=0.3, operation="listAzureEntitlements")
    first = httpx.get(url, headers=headers)
    assert first.status_code == 500 and first.json()["type"] == "InternalServerError"
    assert httpx.get(url, headers=headers).status_code == 500
    started = time.monotonic()
    assert httpx.get(url, headers=headers).status_code == 200
    assert time.monotonic() - started >= 0.3
    cloudcockpit_mock.inject_fault(503, count=5)
    assert httpx.get(url, headers=headers).status_code == 503
    cloudcockpit_mock.clear_faults()
    assert httpx.get(url, headers=headers).status_code == 200
    log = cloudcockpit_mock.requests()["requests"]
    assert [r["status"] for r in log if r["operationId"]] == [500, 500, 200, 503, 200]
    assert all("authorization" not in r["headers"] and r["end"] >= r["start"] for r in log)


def test_token_endpoint(cloudcockpit_mock: MockServer, partner_center_mock: MockServer) -> None:
    client = cloudcockpit_mock.state()["oauth"]["clients"][0]
    form = {
        "grant_type": "client_credentials",
        "client_id": client["client_id"],
        "client_secret": client["client_secret"],
        "scope": "x",
    }
    answer = httpx.post(cloudcockpit_mock.base_url + TOKEN, data=form).json()
    assert answer["token_type"] == "Bearer" and answer["expires_in"] == 3599 and "refresh_token" not in answer
    assert decode(answer["access_token"], default_secret())["tenants"] == client["claims"]["tenants"]
    wrong = httpx.post(cloudcockpit_mock.base_url + TOKEN, data={**form, "client_secret": "nope"})
    assert wrong.status_code == 400 and wrong.json()["error"] == "invalid_client"
    refresh = partner_center_mock.state()["oauth"]["refresh_tokens"][0]
    form = {
        "grant_type": "refresh_token",
        "refresh_token": refresh["refresh_token"],
        "client_id": refresh["client_id"],
    }
    answer = httpx.post(partner_center_mock.base_url + TOKEN, data=form).json()
    assert decode(answer["access_token"], default_secret())["scp"] == "user_impersonation"
    rotated = httpx.post(
        partner_center_mock.base_url + TOKEN, data={**form, "refresh_token": answer["refresh_token"]}
    )
    assert rotated.status_code == 200
    bad = httpx.post(partner_center_mock.base_url + TOKEN, data={**form, "refresh_token": "0.unknown"})
    assert bad.status_code == 400 and bad.json()["error"] == "invalid_grant"


def test_cli_token_is_accepted(fusion_mock: MockServer) -> None:
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "licensekit",
            "token",
            "--api",
            "fusion",
            "--roles",
            "groups.instance.customer_licenses.list",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    claims = decode(out.stdout.strip(), default_secret())
    assert claims["roles"] == ["groups.instance.customer_licenses.list"]


def test_cli_serve_prints_the_urls() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "licensekit", "serve", "--api", "all", "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        lines = [process.stdout.readline().split() for _ in range(3)]
        assert [api for api, _ in lines] == ["cloudcockpit", "fusion", "partner-center"]
        for api, url in lines:
            assert httpx.get(f"{url}/__mock__/health", timeout=10).json()["api"] == api
    finally:
        process.terminate()
        assert process.wait(timeout=10) == 0
