"""Each vendor's documented error shape, for answers we make ourselves.

The mocks answer their refusals in these shapes, and the proxy its 502/504 when there is no upstream
answer to pass on; one definition, so the two cannot drift apart.
"""

from __future__ import annotations

import base64
import json
import random
import uuid
from typing import Any

CLOUDCOCKPIT_TYPES = {
    400: "ValidationError",
    404: "NotFound",
    405: "MethodNotAllowed",
    413: "PayloadTooLarge",
    415: "UnsupportedMediaType",
    429: "TooManyRequests",
    500: "InternalServerError",
    503: "ServiceUnavailable",
}
PARTNER_CENTER_SOURCE = "PartnerFD"
PARTNER_CENTER_SERVER_ID = "101112613"
_ECHOED = (("ms-requestid", "MS-RequestId"), ("ms-correlationid", "MS-CorrelationId"))
# Made-up ids need to be unique, not unguessable: a PRNG is far cheaper than os.urandom per answer.
_rng = random.Random()


def guid() -> str:
    return str(uuid.UUID(int=_rng.getrandbits(128), version=4))


def cloudcockpit_error(
    status: int,
    description: str,
    errors: list[dict[str, Any]] | None = None,
    correlation_id: str | None = None,
) -> dict[str, Any]:
    """CloudCockpit's ErrorResponse (ASP.NET)."""
    return {
        "statusCode": status,
        "type": CLOUDCOCKPIT_TYPES.get(status, "Error"),
        "description": description,
        "correlationId": correlation_id or str(uuid.uuid4()),
        "errors": errors,
    }


def fusion_error(message: str) -> dict[str, Any]:
    """Fusion's `{"error": ...}`."""
    return {"error": message}


def partner_center_fault(code: int, description: str) -> dict[str, Any]:
    """Partner Center's ApiFault."""
    return {"code": code, "description": description[:1024], "data": [], "source": PARTNER_CENTER_SOURCE}


def _printable(value: str | None) -> bool:
    return value is not None and 0 < len(value) <= 256 and value.isascii() and value.isprintable()


def partner_center_ids(request_headers: dict[str, str], server_id: str) -> list[tuple[str, str]]:
    """The MS-* headers every Partner Center answer carries: the caller's ids echoed (made up when absent
    or not printable), MS-CV and MS-ServerId."""
    out = []
    for key, name in _ECHOED:
        value = request_headers.get(key)
        out.append((name, value if value is not None and _printable(value) else guid()))
    cv = request_headers.get("ms-cv")
    if not _printable(cv):
        cv = base64.b64encode(_rng.randbytes(12)).decode() + ".0"
    out.append(("MS-CV", str(cv)))
    out.append(("MS-ServerId", server_id))
    return out


def gateway_error(
    api: str, status: int, message: str, request_headers: dict[str, str]
) -> tuple[list[tuple[bytes, bytes]], bytes]:
    """Headers and body of an answer we give in `api`'s name (the proxy's 502/504), in its error shape."""
    body: dict[str, Any] | None
    headers: list[tuple[str, str]] = []
    if api == "cloudcockpit":
        body = cloudcockpit_error(status, message, None, request_headers.get("x-correlation-id"))
    elif api == "partner-center":
        body = partner_center_fault(status, message)
        headers = partner_center_ids(request_headers, PARTNER_CENTER_SERVER_ID)
    else:
        body = fusion_error(message)
    content = json.dumps(body, separators=(",", ":")).encode()
    raw = [(b"content-type", b"application/json")]
    raw += [(name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in headers]
    raw.append((b"content-length", str(len(content)).encode()))
    return raw, content
