"""Preflight: before any suite runs, each target answers, and its credentials are accepted on one
documented read (a 2xx). Otherwise the run ends at once with one line: what was tried, what came back,
which variable to fix. Without it, a dead URL gave thousands of lines of connection tracebacks and a
refused token a mostly green run (401 is a documented answer).

Without the ids of existing objects the same read is sent with random ids in their place: an id that
cannot exist is answered 404 to an accepted token and 401/403 to a refused one (authentication comes
before the lookup), so a refused token stops the run, ids or not."""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass

import httpx

from .plumbing import Target, env_prefix

# One documented read per API: path (ids filled from the target), query, the ids it names.
READS: dict[str, tuple[str, dict[str, str], tuple[str, ...]]] = {
    "cloudcockpit": (
        "/v1/Customers/{customer_id}/licenses",
        {"providerInstanceId": "{provider_instance_id}"},
        ("customer_id", "provider_instance_id", "tenant"),
    ),
    "fusion": (
        "/api/v01/draas/{draas_instance}/groups/{group_uuid}/customer_licenses",
        {"page_size": "1"},
        ("draas_instance", "group_uuid"),
    ),
    "partner-center": (
        "/v1/customers/{customer_id}/users/{user_id}/licenses",
        {},
        ("customer_id", "user_id"),
    ),
}
TIMEOUT = httpx.Timeout(10.0, connect=5.0)


@dataclass
class Result:
    ok: bool
    line: str
    seconds: float


def check(target: Target) -> Result:
    """Send the API's documented read to the target; `line` says what happened, in one line."""
    api, prefix = target.api, env_prefix(target.api)
    path, query, needed = READS[api]
    start = time.monotonic()
    missing = [k for k in needed if not target.ids.get(k)]
    ids = {**target.ids, **{k: random_id(k) for k in missing}}
    url = (target.base_url or "") + path.format(**ids)
    params = {k: v.format(**ids) for k, v in query.items()}
    headers = target.headers()  # without TENANT no X-Tenant: a made-up one is answered 403 like a bad token
    what = f"preflight {api}: GET {url}" + (" (random ids)" if missing else "")
    try:
        answer = httpx.get(url, params=params, headers=headers, timeout=TIMEOUT)
    except httpx.HTTPError as exc:
        return Result(False, f"{what} -> {_describe(exc)}; check {prefix}URL", time.monotonic() - start)
    seconds = time.monotonic() - start
    status = answer.status_code
    if 200 <= status < 300:
        return Result(True, f"{what} -> {status} in {seconds:.2f} s", seconds)
    names = ", ".join(prefix + k.upper() for k in missing)
    if missing and status == 404:
        note = f"token accepted (no object has these ids; set {names} for reads of real objects)"
        return Result(True, f"{what} -> 404 in {seconds:.2f} s; {note}", seconds)
    if missing and status not in (401, 403):
        # Neither a lookup (404) nor a refusal: this answer proves nothing about the token.
        note = f"credentials not checked (set {names} to check them)"
        return Result(True, f"{what} -> {status} in {seconds:.2f} s; {note}", seconds)
    body = " ".join(answer.text.split())[:160]
    got = f"{status} {answer.reason_phrase}" + (f" {body}" if body else "")
    if status == 401 and not target.token:
        fix = f"no token was sent: set {prefix}TOKEN to a valid, unexpired token"
    elif status == 401:
        fix = f"the token was refused: set {prefix}TOKEN to a valid, unexpired token"
    elif status == 403:
        fix = f"the token lacks rights here: check {prefix}TOKEN" + (
            f" and {prefix}TENANT" if api == "cloudcockpit" else ""
        )
    elif status == 404:
        fix = f"check {prefix}URL and " + ", ".join(prefix + k.upper() for k in needed)
    else:
        fix = f"check {prefix}URL"
    return Result(False, f"{what} -> {got}; {fix}", seconds)


def random_id(name: str) -> str:
    """A value for the id `name` that no object can have: a random UUID."""
    return str(uuid.uuid4())


def _describe(exc: httpx.HTTPError) -> str:
    if isinstance(exc, httpx.ConnectError):
        return f"no connection ({exc or 'refused'})"
    if isinstance(exc, httpx.TimeoutException):
        return f"no answer within {TIMEOUT.read:.0f} s ({type(exc).__name__})"
    return f"{type(exc).__name__}: {exc}"
