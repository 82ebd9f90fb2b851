"""The mock's stand-in for Entra ID's token endpoint (POST /__mock__/oauth2/v2.0/token).

Seed document, key `oauth`:
  {"clients": [{"client_id", "client_secret", "claims": {...}}],
   "refresh_tokens": [{"refresh_token", "client_id", "claims": {...}}]}
client_credentials issues an access token with the client's claims (no refresh token, as Entra ID);
refresh_token issues one with the refresh token's claims plus a new refresh token (the old one stays valid).
"""

from __future__ import annotations

import secrets
from typing import Any
from urllib.parse import parse_qs

from .tokens import DEFAULT_LIFETIME, make_token

EXPIRES_IN = 3599


def _oauth_error(error: str, description: str) -> tuple[int, dict[str, Any]]:
    return 400, {"error": error, "error_description": description}


class TokenEndpoint:
    def __init__(self, api: str, secret: str, oauth: dict[str, Any]) -> None:
        self.api = api
        self.secret = secret
        self.clients = {c["client_id"]: c for c in oauth.get("clients", [])}
        self.refresh_tokens = {r["refresh_token"]: r for r in oauth.get("refresh_tokens", [])}

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
            if client is None or not secrets.compare_digest(
                client.get("client_secret", ""), form.get("client_secret", "")
            ):
                return _oauth_error(
                    "invalid_client", "AADSTS7000215: Invalid client secret or unknown client."
                )
            return 200, {
                "token_type": "Bearer",
                "expires_in": EXPIRES_IN,
                "access_token": self._access_token(dict(client.get("claims", {}))),
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
