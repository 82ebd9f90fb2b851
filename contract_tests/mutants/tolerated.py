"""Tolerated variants: the real mock with answers the specs accept although we expect otherwise.

The opposite of a mutant: each changes only what the specs tolerate (docs/spec-conventions.md, the
tolerance rule): an unknown value of an open enum, a missing expected field or header, another body on
an inferred status. The matching suite must pass against it and report warnings in its summary table
(contract_tests/mutants/test_mutants.py), while the mutants, which break what the vendor documents,
must still fail.
"""

from __future__ import annotations

import json
from typing import Any

from .middlewares import ASGI, Mutant, _json, rewrite_response


def _without(headers: list[tuple[bytes, bytes]], *names: bytes) -> list[tuple[bytes, bytes]]:
    return [(k, v) for k, v in headers if k.lower() not in names]


def _empty_401(status: int, headers: list[tuple[bytes, bytes]], body: bytes) -> tuple[Any, ...]:
    """An expired-token 401 as many gateways send it: no body at all."""
    if status == 401:
        return status, _without(headers, b"content-type"), b""
    return status, headers, body


def fusion_tolerated(app: ASGI) -> ASGI:
    """Fusion: list items with a new status value; 401 with no body. (Every field of Fusion's answers is
    required, `description` too: no field is only expected, so none is left out here.)"""

    def fn(scope, req, status, headers, body):
        data = _json(body)
        if status == 200 and isinstance(data, dict) and isinstance(data.get("licenses"), list):
            for item in data["licenses"]:
                if isinstance(item, dict) and item.get("status") == "disabled":
                    item["status"] = "suspended"
            body = json.dumps(data).encode()
        if scope["path"].endswith("/auth/login"):
            return status, headers, body  # login's 401 is documented (with its body): not tolerated
        return _empty_401(status, headers, body)

    return rewrite_response(app, fn)


def partner_center_tolerated(app: ASGI) -> ASGI:
    """Partner Center: error answers without MS-CV / MS-ServerId, 401 with no body, a new targetType,
    licenses without their expected `attributes.objectType`."""

    def fn(scope, req, status, headers, body):
        if status >= 400:
            headers = _without(headers, b"ms-cv", b"ms-serverid")
        if status == 200:
            body = body.replace(b'"targetType":"User"', b'"targetType":"Device"')
            data = _json(body)
            if isinstance(data, dict) and isinstance(data.get("items"), list):
                for item in data["items"]:
                    if isinstance(item, dict) and isinstance(item.get("attributes"), dict):
                        item["attributes"].pop("objectType", None)
                body = json.dumps(data).encode()
        return _empty_401(status, headers, body)

    return rewrite_response(app, fn)


def cloudcockpit_tolerated(app: ASGI) -> ASGI:
    """CloudCockpit: entitlements leave their nulls out and carry a new offer type."""

    def fn(scope, req, status, headers, body):
        data = _json(body)
        if status == 200 and scope["path"].endswith("/azure-entitlements") and isinstance(data, list):
            for item in data:
                if isinstance(item, dict):
                    for key in [k for k, v in item.items() if v is None]:
                        del item[key]
                    if isinstance(item.get("offerType"), dict):
                        item["offerType"]["name"] = "QuantumPlan"
            body = json.dumps(data).encode()
        return status, headers, body

    return rewrite_response(app, fn)


TOLERATED = [
    Mutant("tolerated-fusion", "fusion", "new status, empty inferred 401", fusion_tolerated),
    Mutant(
        "tolerated-partner-center",
        "partner-center",
        "no MS-CV/MS-ServerId on errors, empty 401, targetType 'Device', no objectType",
        partner_center_tolerated,
    ),
    Mutant(
        "tolerated-cloudcockpit",
        "cloudcockpit",
        "nulls left out, offer type 'QuantumPlan'",
        cloudcockpit_tolerated,
    ),
]
