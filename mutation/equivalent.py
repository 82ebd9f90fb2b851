"""Mutants that cannot change what the module does, each with the reason (reports/mutation.md lists them).

Keyed by (module, the mutated function's mangled name, the mutated line as mutmut shows it), so an
entry stays attached to its mutant when other mutants of the module are renumbered.
"""

from __future__ import annotations

MASKING = "src/licensekit/masking.py"
TRANSPORT = "src/licensekit/clients/transport.py"
ERRORS = "src/licensekit/clients/errors.py"
AUTH = "src/licensekit/clients/auth.py"
PROXY = "src/licensekit/proxy/app.py"
P = "licensekit.proxy.app.x"
FALSY = "None and the value it replaces are both falsy, and the value is only tested for truth"
A = "licensekit.clients.auth.x"
HEADER_NAME = "header names are case-blind (RFC 9110 5.1) and httpx.Headers look them up so"
UPPERCASED = "httpx.Request upper-cases the method"
E = "licensekit.clients.errors.x"
CASE_BLIND = "httpx.Headers look names up case-blind"
T = "licensekit.clients.transport.x"
# On the monotonic clock, time has moved between any two readings: a value landing exactly on the deadline
# (or on the slack before it) does not occur, so `<` and `<=` there decide the same calls.
EXACT_INSTANT = (
    "differs only when the clock reads exactly the boundary,"
    " which a monotonic clock that has moved never does"
)
EQUIVALENT: dict[tuple[str, str, str], str] = {
    (
        MASKING,
        "licensekit.masking.x__body_for_curl",
        'text = body.decode("UTF-8")',
    ): "codec names are case-blind: UTF-8 and utf-8 are the same codec",
    (
        MASKING,
        "licensekit.masking.x__body_for_curl",
        'return json.dumps(mask_json(json.loads(text)), separators=(",", ":"), ensure_ascii=None)',
    ): "json.dumps only tests ensure_ascii for truth: None acts as False",
    (
        MASKING,
        "licensekit.masking.x_curl",
        'parts = ["curl", "-X", method, shlex.quote(base + (sep + mask_query(query)'
        ' if (sep) or True else ""))]',
    ): "without a '?' both sep and mask_query('') are empty, so the branch adds nothing either way",
    (TRANSPORT, f"{T}ǁ_Callǁsend", "self.cut = {k for k, v in timeouts.items() if v is None or v >= left}"): (
        EXACT_INSTANT
    ),
    (
        TRANSPORT,
        f"{T}ǁ_Callǁafter_error",
        "if _TIMEOUT_KINDS.get(type(exc)) in self.cut and self.left() < _TIMER_SLACK:",
    ): EXACT_INSTANT,
    (TRANSPORT, f"{T}ǁ_Callǁ_within_bounds", "if delay > self.left():"): EXACT_INSTANT,
    (TRANSPORT, f"{T}ǁ_DeadlineStreamǁ__iter__", "if self._call.left() < 0:"): EXACT_INSTANT,
    (TRANSPORT, f"{T}ǁ_AsyncDeadlineStreamǁ__aiter__", "if self._call.left() < 0:"): EXACT_INSTANT,
    (
        TRANSPORT,
        f"{T}ǁ_Callǁ_delay_after_status",
        'retry_after = parse_retry_after(response.headers.get("retry-after"))',
    ): CASE_BLIND,
    (
        TRANSPORT,
        f"{T}ǁ_Callǁ_delay_after_status",
        'retry_after = parse_retry_after(response.headers.get("RETRY-AFTER"))',
    ): CASE_BLIND,
    (
        TRANSPORT,
        f"{T}_env_proxy",
        'if not proxy or urllib.request.proxy_bypass(url.netloc.decode("ASCII")):',
    ): "codec names are case-blind: ASCII and ascii are the same codec",
    (
        ERRORS,
        f"{E}ǁApiErrorǁfrom_response",
        'request_id=response.headers.get("ms-requestid") or request.headers.get("MS-RequestId"),',
    ): CASE_BLIND,
    (
        ERRORS,
        f"{E}ǁApiErrorǁfrom_response",
        'request_id=response.headers.get("MS-REQUESTID") or request.headers.get("MS-RequestId"),',
    ): CASE_BLIND,
    (
        ERRORS,
        f"{E}ǁApiErrorǁfrom_response",
        'request_id=response.headers.get("MS-RequestId") or request.headers.get("ms-requestid"),',
    ): CASE_BLIND,
    (
        ERRORS,
        f"{E}ǁApiErrorǁfrom_response",
        'request_id=response.headers.get("MS-RequestId") or request.headers.get("MS-REQUESTID"),',
    ): CASE_BLIND,
    (
        ERRORS,
        f"{E}ǁApiErrorǁfrom_response",
        'retry_after=parse_retry_after(response.headers.get("retry-after")),',
    ): CASE_BLIND,
    (
        ERRORS,
        f"{E}ǁApiErrorǁfrom_response",
        'retry_after=parse_retry_after(response.headers.get("RETRY-AFTER")),',
    ): CASE_BLIND,
    (ERRORS, f"{E}ǁApiErrorǁfrom_response", "attempts = response.extensions.get(EXT_ATTEMPTS, None)"): (
        "a missing count becomes None, which the isinstance(attempts, int) test below turns into 1"
    ),
    (ERRORS, f"{E}ǁApiErrorǁfrom_response", "attempts = response.extensions.get(EXT_ATTEMPTS, )"): (
        "a missing count becomes None, which the isinstance(attempts, int) test below turns into 1"
    ),
    (
        ERRORS,
        f"{E}ǁCloudCockpitApiErrorǁvendor_message",
        "parts = [self.description] if (self.description) or True else []",
    ): "an empty or missing description joins nothing: the join below skips falsy parts",
    (
        AUTH,
        f"{A}_jwt_expiry",
        'claims = json.loads(base64.urlsafe_b64decode(parts[1] + "=" * (+len(parts[1]) % 4)))',
    ): 'the non-strict base64 decoder ignores surplus "=" padding: any count from the needed one up works',
    (
        AUTH,
        f"{A}__token_request",
        'headers = {"user-agent": USER_AGENT, "Accept": "application/json", **kwargs.pop("headers", {})}',
    ): HEADER_NAME,
    (
        AUTH,
        f"{A}__token_request",
        'headers = {"USER-AGENT": USER_AGENT, "Accept": "application/json", **kwargs.pop("headers", {})}',
    ): HEADER_NAME,
    (
        AUTH,
        f"{A}__token_request",
        'headers = {"User-Agent": USER_AGENT, "accept": "application/json", **kwargs.pop("headers", {})}',
    ): HEADER_NAME,
    (
        AUTH,
        f"{A}__token_request",
        'headers = {"User-Agent": USER_AGENT, "ACCEPT": "application/json", **kwargs.pop("headers", {})}',
    ): HEADER_NAME,
    (
        AUTH,
        f"{A}ǁEntraTokenSourceǁrequest",
        'return _token_request("post", self._token_url, data=form)',
    ): UPPERCASED,
    (AUTH, f"{A}ǁFusionTokenSourceǁrequest", '"get",'): UPPERCASED,
    (
        AUTH,
        f"{A}ǁFusionTokenSourceǁrequest",
        'return _token_request("post", f"{self._base}/api/v01/auth/login", json=body)',
    ): UPPERCASED,
    (
        AUTH,
        f"{A}ǁFusionTokenSourceǁrequest",
        'headers={"authorization": f"Bearer {self._refresh_token.reveal()}"},',
    ): HEADER_NAME,
    (
        AUTH,
        f"{A}ǁFusionTokenSourceǁrequest",
        'headers={"AUTHORIZATION": f"Bearer {self._refresh_token.reveal()}"},',
    ): HEADER_NAME,
    (
        AUTH,
        f"{A}ǁBearerAuthǁ_authorize",
        'request.headers["authorization"] = f"Bearer {token.value.reveal()}"',
    ): HEADER_NAME,
    (
        AUTH,
        f"{A}ǁBearerAuthǁ_authorize",
        'request.headers["AUTHORIZATION"] = f"Bearer {token.value.reveal()}"',
    ): HEADER_NAME,
    (
        AUTH,
        f"{A}ǁBearerAuthǁsync_auth_flow",
        "for round_ in range(3):",
    ): "_send_again() allows a second round only after the first, so a third never starts",
    (
        AUTH,
        f"{A}ǁBearerAuthǁasync_auth_flow",
        "for round_ in range(3):",
    ): "_send_again() allows a second round only after the first, so a third never starts",
    (
        PROXY,
        f"{P}ǁProxyAppǁ_exchange",
        'headers.append((b"TRANSFER-ENCODING", b"chunked"))',
    ): HEADER_NAME,
    (
        PROXY,
        f"{P}ǁProxyAppǁ_exchange",
        'headers.append((b"transfer-encoding", b"CHUNKED"))',
    ): "transfer-coding names are case-insensitive (RFC 9112 7)",
    (PROXY, f"{P}ǁProxyAppǁ_exchange", "chunked = None"): FALSY,
    (PROXY, f"{P}ǁProxyAppǁ_exchange", 'chunk = message.get("body", None)'): FALSY + " (`if chunk:`)",
    (PROXY, f"{P}ǁProxyAppǁ_exchange", 'chunk = message.get("body", )'): FALSY + " (`if chunk:`)",
    (PROXY, f"{P}ǁ_Captureǁadd", "self.complete = None"): FALSY + " (`if self.complete`, `body_complete`)",
}
