"""The mock's stand-in for Entra ID's token endpoint (POST /__mock__/oauth2/v2.0/token).

Also under a tenant, as azure-identity's credentials build the URLs from an authority and a tenant id:
authority `https://<mock>/__mock__` and tenant `T` give POST /__mock__/T/oauth2/v2.0/token and (MSAL's
tenant discovery) GET /__mock__/T/v2.0/.well-known/openid-configuration. azure-identity insists on an
https authority: serve the mock with TLS (`serve(..., ssl_certfile=, ssl_keyfile=)`).

Seed document, key `oauth`:
  {"clients": [{"client_id", "client_secret", "claims": {...}}],
   "refresh_tokens": [{"refresh_token", "client_id", "claims": {...}}]}
client_credentials issues an access token with the client's claims (no refresh token, as Entra ID);
refresh_token issues one with the refresh token's claims plus a new refresh token (the old one stays valid).
"""

from __future__ import annotations

import re
import secrets
from typing import Any
from urllib.parse import parse_qs

from .tokens import DEFAULT_LIFETIME, make_token
from .vendor import SeedError

EXPIRES_IN = 3599
TOKEN_PATH = "/__mock__/oauth2/v2.0/token"
OIDC_CONFIG_PATH = "/__mock__/v2.0/.well-known/openid-configuration"
# A tenant id as azure-identity accepts one: letters, digits, '-' and '.'.
_TENANT_ROUTE = re.compile(
    r"/__mock__/([A-Za-z0-9.-]{1,64})/(oauth2/v2\.0/token|v2\.0/\.well-known/openid-configuration)"
)


def oidc_route(path: str) -> tuple[str, str] | None:
    """(tenant, the tenant-less admin path) for a per-tenant Entra ID path, else None."""
    match = _TENANT_ROUTE.fullmatch(path)
    return None if match is None else (match[1], "/__mock__/" + match[2])


def openid_configuration(scope: dict[str, Any], headers: dict[str, str], tenant: str) -> dict[str, Any]:
    """The tenant discovery document MSAL reads before its first token request."""
    base = f"{scope.get('scheme', 'http')}://{headers.get('host', 'localhost')}/__mock__/{tenant}"
    return {
        "issuer": f"{base}/v2.0",
        "authorization_endpoint": f"{base}/oauth2/v2.0/authorize",
        "token_endpoint": f"{base}/oauth2/v2.0/token",
        "token_endpoint_auth_methods_supported": ["client_secret_post"],
        "response_types_supported": ["code", "id_token", "token"],
        "subject_types_supported": ["pairwise"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "tenant_region_scope": None,
    }


def _oauth_error(error: str, description: str) -> tuple[int, dict[str, Any]]:
    return 400, {"error": error, "error_description": description}


# make_token's own keyword arguments: a claim of that name could not be passed through it.
_RESERVED_CLAIMS = frozenset({"api", "secret", "lifetime"})


def _records(oauth: dict[str, Any], section: str, fields: tuple[str, ...]) -> dict[str, dict[str, Any]]:
    """`oauth[section]` by its first field, checked so that no token request can fail on it (SeedError)."""
    items = oauth.get(section, [])
    if not isinstance(items, list):
        raise SeedError(f"oauth.{section} must be a list")
    records: dict[str, dict[str, Any]] = {}
    for index, item in enumerate(items):
        where = f"oauth.{section}[{index}]"
        if not isinstance(item, dict):
            raise SeedError(f"{where} must be an object")
        for name in fields:
            value = item.get(name)
            if not isinstance(value, str):
                raise SeedError(f"{where}.{name} must be a string")
            try:
                value.encode("utf-8")  # compared as UTF-8 bytes: a lone surrogate could not be
            except UnicodeEncodeError as exc:
                raise SeedError(f"{where}.{name} is not valid Unicode") from exc
        claims = item.get("claims", {})
        if not isinstance(claims, dict):
            raise SeedError(f"{where}.claims must be an object")
        reserved = _RESERVED_CLAIMS & set(claims)
        if reserved:
            raise SeedError(f"{where}.claims may not be named {', '.join(sorted(reserved))}")
        records[item[fields[0]]] = item
    return records


class TokenEndpoint:
    def __init__(self, api: str, secret: str, oauth: Any) -> None:
        """Raises SeedError for an `oauth` section that a token request could not use."""
        if not isinstance(oauth, dict):
            raise SeedError("oauth must be an object")
        self.api = api
        self.secret = secret
        self.clients = _records(oauth, "clients", ("client_id", "client_secret"))
        self.refresh_tokens = _records(oauth, "refresh_tokens", ("refresh_token", "client_id"))

    def dump(self) -> dict[str, Any]:
        return {"clients": list(self.clients.values()), "refresh_tokens": list(self.refresh_tokens.values())}

    def _access_token(self, claims: dict[str, Any]) -> str:
        return make_token(self.api, secret=self.secret, lifetime=min(EXPIRES_IN, DEFAULT_LIFETIME), **claims)

    def handle(self, content_type: str, body: bytes) -> tuple[int, dict[str, Any]]:
        if not content_type.startswith("application/x-www-form-urlencoded"):
            return _oauth_error("invalid_request", "AADSTS900144: the body must be form-encoded")
        try:
            form = {k: v[0] for k, v in parse_qs(body.decode("utf-8"), keep_blank_values=True).items()}
        except UnicodeDecodeError:
            return _oauth_error("invalid_request", "AADSTS900144: the body is not UTF-8")
        grant = form.get("grant_type")
        client = self.clients.get(form.get("client_id", ""))
        if grant == "client_credentials":
            # Bytes: compare_digest refuses str with non-ASCII characters (TypeError, a 500).
            if client is None or not secrets.compare_digest(
                client["client_secret"].encode("utf-8"), form.get("client_secret", "").encode("utf-8")
            ):
                return _oauth_error(
                    "invalid_client", "AADSTS7000215: Invalid client secret or unknown client."
                )
            return 200, {
                "token_type": "Bearer",
                "expires_in": EXPIRES_IN,
                # An app's token, as Entra ID issues it: no delegated scope (`scp`), whatever the seed says.
                "access_token": self._access_token({**client.get("claims", {}), "scp": None}),
            }
        if grant == "refresh_token":
            record = self.refresh_tokens.get(form.get("refresh_token", ""))
            if record is None or record.get("client_id") != form.get("client_id"):
                return _oauth_error("invalid_grant", "AADSTS70000: The refresh token is invalid or expired.")
            new_token = "0." + secrets.token_urlsafe(48)
            self.refresh_tokens[new_token] = {**record, "refresh_token": new_token}
            return 200, {
                "token_type": "Bearer",
                "expires_in": EXPIRES_IN,
                "access_token": self._access_token(dict(record.get("claims", {}))),
                "refresh_token": new_token,
            }
        return _oauth_error("unsupported_grant_type", "AADSTS70003: unsupported grant_type")
