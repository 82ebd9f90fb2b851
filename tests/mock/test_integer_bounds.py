"""Integers carry a format (int64 where the vendor gives no size): a value past it is a clear 400 in the
vendor's error shape, and the largest int64 is served like any other valid value."""

from __future__ import annotations

import httpx
import pytest

from licensekit.mock import MockServer

INT64_MAX = 2**63 - 1
TOO_BIG = [str(INT64_MAX + 1), "9" * 40, "9" * 41]


def group_url(mock: MockServer) -> str:
    group = next(e["uuid"] for e in mock.state()["entities"] if e["type"] == "group")
    return f"{mock.base_url}/api/v01/draas/draas_v1/groups/{group}/customer_licenses"


def fusion_error(r: httpx.Response) -> str:
    body = r.json()
    assert set(body) == {"error"} and isinstance(body["error"], str), r.text
    return str(body["error"])


@pytest.mark.parametrize("value", TOO_BIG)
def test_page_size_past_int64_is_a_400_in_fusion_shape(fusion_mock: MockServer, value: str) -> None:
    r = httpx.get(f"{group_url(fusion_mock)}?page_size={value}", headers=fusion_mock.auth_headers())
    assert r.status_code == 400
    assert "page_size" in fusion_error(r)


@pytest.mark.parametrize("value", TOO_BIG)
def test_license_id_past_int64_is_a_400_in_fusion_shape(fusion_mock: MockServer, value: str) -> None:
    r = httpx.get(f"{group_url(fusion_mock)}/{value}", headers=fusion_mock.auth_headers())
    assert r.status_code == 400
    fusion_error(r)


def test_largest_int64_is_valid(fusion_mock: MockServer) -> None:
    headers = fusion_mock.auth_headers()
    page = httpx.get(f"{group_url(fusion_mock)}?page_size={INT64_MAX}", headers=headers)
    assert page.status_code == 200 and isinstance(page.json()["licenses"], list), page.text
    missing = httpx.get(f"{group_url(fusion_mock)}/{INT64_MAX}", headers=headers)
    assert missing.status_code == 404 and fusion_error(missing)
