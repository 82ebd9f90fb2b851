"""Microsoft Partner Center: the licenses assigned to a customer's user, in the collection wrapper.

- `licenseGroupIds` is repeated and case-insensitive; without it only group1 licenses are returned.
- The user is found by id (GUID) or user principal name, both case-insensitively.
- Every answer on a vendor path echoes MS-RequestId and MS-CorrelationId (made up when absent or not
  printable) and adds MS-CV and MS-ServerId. Errors are ApiFault bodies; an injected 429 is the gateway's
  `{statusCode, message}` body with Retry-After.
- A token without `scp` is app-only: 403 with 900329 (the call needs App+User). A `tid` claim other than
  the seeded partner tenant is 403 with 900308.
"""

from __future__ import annotations

from typing import Any

from ...contract.error_shapes import PARTNER_CENTER_SERVER_ID, partner_center_fault, partner_center_ids
from ...contract.spec import Problem
from ..http import JSON_TYPE, Request, Response, dump_json, json_response
from ..vendor import Handler, SeedError, VendorMock


def _fault(status: int, code: int, description: str, headers: dict[str, str] | None = None) -> Response:
    return json_response(status, partner_center_fault(code, description), headers)


def _check_sku(sku_id: Any, sku: dict[str, Any]) -> None:
    """What an answer reads from a SKU, checked at load (a missing key would be a 500 per request)."""
    if not isinstance(sku_id, str):
        raise SeedError(f"sku {sku_id!r}: id must be a string")
    for key in ("name", "skuPartNumber", "licenseGroupId"):
        if not isinstance(sku.get(key), str):
            raise SeedError(f"sku {sku_id}: {key} must be a string")
    plans = sku.get("servicePlans")
    if not isinstance(plans, list) or not all(isinstance(plan, dict) for plan in plans):
        raise SeedError(f"sku {sku_id}: servicePlans must be a list of objects")


class PartnerCenterMock(VendorMock):
    api = "partner-center"
    seed_name = "partner_center"

    # ------------------------------------------------------------------ state

    def load(self, seed: dict[str, Any]) -> None:
        try:
            skus = {s["id"]: s for s in seed["skus"]}
            customers = {c["id"].lower(): c for c in seed["customers"]}
            users: dict[str, dict[str, dict[str, Any]]] = {}
            for cid, customer in customers.items():
                index: dict[str, dict[str, Any]] = {}
                for user in customer.get("users", []):
                    index[user["id"].lower()] = user
                    if user.get("userPrincipalName"):
                        index[user["userPrincipalName"].casefold()] = user
                    missing = [s for s in user.get("licenses", []) if s not in skus]
                    if missing:
                        raise SeedError(f"user {user['id']}: unknown SKUs {missing}")
                users[cid] = index
            partner = str(seed.get("partnerTenantId", "")).lower()
        except SeedError:
            raise
        except (KeyError, TypeError, AttributeError) as exc:
            raise SeedError(f"partner-center seed: {exc!r}") from exc
        for sku_id, sku in skus.items():
            _check_sku(sku_id, sku)
        self.skus = skus
        self.customers = customers
        self.users = users
        self.partner = partner
        self.server_id = str(seed.get("serverId", PARTNER_CENTER_SERVER_ID))
        self.raw = seed
        # The state only changes here, so each answer is built and encoded once: key -> (bytes, value).
        self.answers: dict[tuple[str, str, frozenset[str]], tuple[bytes, Any]] = {}

    def dump(self) -> dict[str, Any]:
        return {k: v for k, v in self.raw.items() if k != "oauth"}  # read-only API: the state never changes

    def handlers(self) -> dict[str, Handler]:
        return {"getUserLicenses": self.get_user_licenses}

    # ------------------------------------------------------------------ refusals

    def error(self, request: Request | None, status: int, message: str, headers: dict[str, str]) -> Response:
        return _fault(status, status, message, headers)

    def invalid(self, request: Request, problems: list[Problem]) -> Response:
        for problem in problems:
            if problem.name.startswith("licenseGroupIds"):
                values = request.query.get("licenseGroupIds") or []
                bad = next(
                    (v for v in values if isinstance(v, str) and v.lower() not in ("group1", "group2")), ""
                )
                return _fault(
                    400, 900126, f"Unable to parse enum value '{bad}' for parameter licenseGroupIds."
                )
        detail = "; ".join(f"{p.name}: {p.message}" if p.name else p.message for p in problems)
        return _fault(400, 800002, f"Invalid input. {detail}")

    def unauthorized(self, request: Request, reason: str) -> Response:
        headers = {
            "WWW-Authenticate": 'OAuth realm="https://login.microsoftonline.com/", error="invalid_token"'
        }
        return _fault(401, 401, f"Authentication failed. {reason}", headers)

    def authorize(self, request: Request) -> Response | None:
        if not request.claims.get("scp"):
            return _fault(
                403, 900329, "App only token is not supported for this operation. Use an App+User token."
            )
        tid = request.claims.get("tid")
        if tid is not None and self.partner and str(tid).lower() != self.partner:
            return _fault(403, 900308, "Insufficient privileges to complete the operation.")
        return None

    def fault(self, request: Request, status: int, retry_after: int | None) -> Response:
        if status == 429:
            seconds = 1 if retry_after is None else retry_after
            body = {"statusCode": 429, "message": f"Rate limit is exceeded. Try again in {seconds} seconds."}
            return json_response(429, body, {"Retry-After": str(seconds)})
        return super().fault(request, status, retry_after)

    def finish(self, request_headers: dict[str, str], response: Response) -> None:
        for name, value in partner_center_ids(request_headers, self.server_id):
            response.add_header(name, value)

    # ------------------------------------------------------------------ handler

    def get_user_licenses(self, request: Request) -> Response:
        customer_id = request.path_params["customer_id"].lower()
        if customer_id not in self.customers:
            return _fault(404, 60003, "Tenant not found.")
        user = self.users[customer_id].get(request.path_params["user_id"].casefold())
        if user is None:
            return _fault(404, 60002, "User not found.")
        groups = frozenset(g.lower() for g in (request.query.get("licenseGroupIds") or ["group1"]))
        key = (customer_id, user["id"].lower(), groups)
        cached = self.answers.get(key)
        if cached is None:
            answer = self._licenses(user, groups)
            cached = self.answers[key] = (dump_json(answer), answer)
        return Response(200, cached[0], [JSON_TYPE], cached[1], True)

    def _licenses(self, user: dict[str, Any], groups: frozenset[str]) -> dict[str, Any]:
        items = []
        for sku_id in user.get("licenses", []):
            sku = self.skus[sku_id]
            if sku["licenseGroupId"].lower() not in groups:
                continue
            product = {k: sku[k] for k in ("id", "name", "skuPartNumber", "targetType") if k in sku}
            product["licenseGroupId"] = sku["licenseGroupId"].lower()
            items.append(
                {
                    "servicePlans": sku["servicePlans"],
                    "productSku": product,
                    "attributes": {"objectType": "License"},
                }
            )
        return {"totalCount": len(items), "items": items, "attributes": {"objectType": "Collection"}}
