"""Preflight: before any suite runs, each target answers, and its credentials are accepted on one
documented read (a 2xx). Otherwise the run ends at once with one line: what was tried, what came back,
which variable to fix. Without it, a dead URL gave thousands of lines of connection tracebacks and a
refused token a mostly green run (401 is a documented answer)."""

from __future__ import annotations

import time
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
    if missing:
        # Without the ids of existing objects no read can prove the token; the target must still answer.
        names = ", ".join(prefix + k.upper() for k in missing)
        return _reachability(target, start, f"credentials not checked (set {names} to check them)")
    url = (target.base_url or "") + path.format(**target.ids)
    params = {k: v.format(**target.ids) for k, v in query.items()}
    what = f"preflight {api}: GET {url}"
    try:
        answer = httpx.get(url, params=params, headers=target.headers(), timeout=TIMEOUT)
    except httpx.HTTPError as exc:
        return Result(False, f"{what} -> {_describe(exc)}; check {prefix}URL", time.monotonic() - start)
    seconds = time.monotonic() - start
    status = answer.status_code
    if 200 <= status < 300:
        return Result(True, f"{what} -> {status} in {seconds:.2f} s", seconds)
    body = " ".join(answer.text.split())[:160]
    got = f"{status} {answer.reason_phrase}" + (f" {body}" if body else "")
    if status == 401:
        fix = f"the token was refused: set {prefix}TOKEN to a valid, unexpired token"
    elif status == 403:
        fix = f"the token lacks rights here: check {prefix}TOKEN" + (
            f" and {prefix}TENANT" if api == "cloudcockpit" else ""
        )
    elif status == 404:
        ids = ", ".join(prefix + k.upper() for k in needed)
        fix = f"check {prefix}URL and {ids}"
    else:
        fix = f"check {prefix}URL"
    return Result(False, f"{what} -> {got}; {fix}", seconds)


def _reachability(target: Target, start: float, note: str) -> Result:
    prefix = env_prefix(target.api)
    what = f"preflight {target.api}: GET {target.base_url}/"
    try:
        answer = httpx.get((target.base_url or "") + "/", timeout=TIMEOUT)
    except httpx.HTTPError as exc:
        return Result(False, f"{what} -> {_describe(exc)}; check {prefix}URL", time.monotonic() - start)
    seconds = time.monotonic() - start
    return Result(True, f"{what} -> {answer.status_code} in {seconds:.2f} s; {note}", seconds)


def _describe(exc: httpx.HTTPError) -> str:
    if isinstance(exc, httpx.ConnectError):
        return f"no connection ({exc or 'refused'})"
    if isinstance(exc, httpx.TimeoutException):
        return f"no answer within {TIMEOUT.read:.0f} s ({type(exc).__name__})"
    return f"{type(exc).__name__}: {exc}"
