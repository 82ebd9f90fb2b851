"""CloudCockpit CSP API: licenses per customer and provider instance, user assignment, Azure entitlements.

- X-Tenant must name a portal domain of the token (`tenants` claim; absent: any seeded domain), else 403
  with no body; it scopes customers: another tenant's customer is 404, as an unknown one.
- A customer's license counts follow the assignments: consumed = users holding the SKU under that provider
  instance, available = total - consumed - suspended. PATCH applies all of a body's changes or none.
- 401 and 403 have no body; every other error is the documented ErrorResponse with `errors[]`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ...contract.error_shapes import cloudcockpit_error
from ...contract.spec import Problem
from ..http import Request, Response, empty_response, json_response
from ..vendor import Handler, SeedError, VendorMock

_REQUIRED = re.compile(r'^["\'](.+)["\'] is a required property$')


@dataclass(slots=True)
class Seat:
    provider_instance: str
    sku_id: str
    name: str
    total: int
    suspended: int
    consumed: int = 0  # users holding it: kept by load() and the PATCH, so lists need not recount


@dataclass(slots=True)
class User:
    id: str
    upn: str
    display_name: str
    licenses: dict[str, set[str]]  # providerInstanceId -> skuIds


@dataclass(slots=True)
class Customer:
    id: str
    tenant: str
    name: str
    reseller_id: str | None
    seats: dict[tuple[str, str], Seat]  # (providerInstanceId, skuId)
    users: dict[str, User]
    subscriptions: dict[str, dict[str, Any]]
    raw: dict[str, Any] = field(default_factory=dict)
    # Indexes built by load() (seats and entitlements only change there), so that a list costs what its
    # answer holds, not what the customer holds: seats per provider instance; per subscription, its
    # entitlements per reseller id (lower case, "" for none).
    seats_by_instance: dict[str, list[Seat]] = field(default_factory=dict)
    entitlements_by_reseller: dict[str, dict[str, list[dict[str, Any]]]] = field(default_factory=dict)

    def license_view(self, seat: Seat) -> dict[str, Any]:
        consumed = seat.consumed
        return {
            "skuId": seat.sku_id,
            "name": seat.name,
            "availableLicenses": max(seat.total - consumed - seat.suspended, 0),
            "isSelected": False,  # a customer-level list selects nothing; PATCH bodies use it per user
            "totalLicenses": seat.total,
            "consumedLicenses": consumed,
            "suspendedLicenses": seat.suspended,
        }


def _count(value: Any, what: str) -> int:
    """A licence count from a seed: a non-negative JSON integer (int() would take 2.7 or U+0663)."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise SeedError(f"{what} must be a non-negative integer, not {value!r}")
    return value


class CloudCockpitMock(VendorMock):
    api = "cloudcockpit"
    seed_name = "cloudcockpit"

    # ------------------------------------------------------------------ state

    def load(self, seed: dict[str, Any]) -> None:
        try:
            tenants = {t["domain"].lower(): t for t in seed["tenants"]}
            instances = {p["id"].lower(): p for p in seed["providerInstances"]}
            customers: dict[str, Customer] = {}
            for c in seed["customers"]:
                seats = {
                    (s["providerInstanceId"].lower(), s["skuId"]): Seat(
                        s["providerInstanceId"].lower(),
                        s["skuId"],
                        s["name"],
                        _count(s["totalLicenses"], "totalLicenses"),
                        _count(s.get("suspendedLicenses", 0), "suspendedLicenses"),
                    )
                    for s in c.get("licenses", [])
                }
                users = {
                    u["id"].lower(): User(
                        u["id"].lower(),
                        u.get("userPrincipalName", ""),
                        u.get("displayName", ""),
                        {pi.lower(): set(skus) for pi, skus in u.get("licenses", {}).items()},
                    )
                    for u in c.get("users", [])
                }
                subscriptions = {s["id"].lower(): s for s in c.get("subscriptions", [])}
                customers[c["id"].lower()] = Customer(
                    c["id"].lower(),
                    c["tenant"].lower(),
                    c["name"],
                    c.get("resellerId"),
                    seats,
                    users,
                    subscriptions,
                    c,
                )
        except SeedError:
            raise
        except (KeyError, TypeError, AttributeError, ValueError) as exc:
            raise SeedError(f"cloudcockpit seed: {exc!r}") from exc
        for key, instance in instances.items():
            tenant = instance.get("tenant")
            if not isinstance(tenant, str) or tenant.lower() not in tenants:
                raise SeedError(f"provider instance {key}: tenant must name a seeded tenant, not {tenant!r}")
        for customer in customers.values():
            if customer.reseller_id is not None and not isinstance(customer.reseller_id, str):
                raise SeedError(f"customer {customer.id}: resellerId must be a string or null")
            for sub_id, subscription in customer.subscriptions.items():
                entitlements = subscription.get("entitlements", [])
                if not isinstance(entitlements, list) or not all(isinstance(e, dict) for e in entitlements):
                    raise SeedError(f"subscription {sub_id}: entitlements must be a list of objects")
            if customer.tenant not in tenants:
                raise SeedError(f"customer {customer.id}: unknown tenant {customer.tenant}")
            for seat in customer.seats.values():
                customer.seats_by_instance.setdefault(seat.provider_instance, []).append(seat)
            for sub_id, subscription in customer.subscriptions.items():
                by_reseller: dict[str, list[dict[str, Any]]] = {}
                for e in subscription.get("entitlements", []):
                    by_reseller.setdefault(str(e.get("resellerId") or "").lower(), []).append(e)
                customer.entitlements_by_reseller[sub_id] = by_reseller
            for user in customer.users.values():
                for pi, skus in user.licenses.items():
                    unknown = [s for s in skus if (pi, s) not in customer.seats]
                    if unknown:
                        raise SeedError(f"user {user.id}: no seats of {unknown} under provider instance {pi}")
                    for sku in skus:
                        customer.seats[(pi, sku)].consumed += 1
        self.tenants = tenants
        self.instances = instances
        self.customers = customers
        self.extra = {
            k: v for k, v in seed.items() if k not in ("tenants", "providerInstances", "customers", "oauth")
        }

    def dump(self) -> dict[str, Any]:
        customers = []
        for c in self.customers.values():
            customers.append(
                {
                    **c.raw,
                    "licenses": [
                        {
                            "providerInstanceId": s.provider_instance,
                            "skuId": s.sku_id,
                            "name": s.name,
                            "totalLicenses": s.total,
                            "suspendedLicenses": s.suspended,
                        }
                        for s in c.seats.values()
                    ],
                    "users": [
                        {
                            "id": u.id,
                            "userPrincipalName": u.upn,
                            "displayName": u.display_name,
                            "licenses": {pi: sorted(skus) for pi, skus in u.licenses.items()},
                        }
                        for u in c.users.values()
                    ],
                }
            )
        return {
            **self.extra,
            "tenants": list(self.tenants.values()),
            "providerInstances": list(self.instances.values()),
            "customers": customers,
        }

    def handlers(self) -> dict[str, Handler]:
        return {
            "listCustomerLicenses": self.list_customer_licenses,
            "updateCustomerUserLicenses": self.update_user_licenses,
            "listAzureEntitlements": self.list_azure_entitlements,
        }

    # ------------------------------------------------------------------ refusals

    @staticmethod
    def _body(
        request: Request | None, status: int, description: str, errors: list[dict[str, Any]] | None
    ) -> dict[str, Any]:
        correlation = request.headers.get("x-correlation-id") if request is not None else None
        return cloudcockpit_error(status, description, errors, correlation)

    def error(self, request: Request | None, status: int, message: str, headers: dict[str, str]) -> Response:
        if status in (401, 403):
            return empty_response(status, headers)
        return json_response(status, self._body(request, status, message, None), headers)

    def _refuse(
        self, request: Request, status: int, description: str, prop: str | None = None, detail: str = ""
    ) -> Response:
        errors = [{"propertyName": prop, "description": [detail or description]}] if prop else None
        return json_response(status, self._body(request, status, description, errors))

    def invalid(self, request: Request, problems: list[Problem]) -> Response:
        grouped: dict[str, list[str]] = {}
        for p in problems:
            name = p.name
            required = (
                _REQUIRED.match(p.message) if p.keyword == "required" and p.location == "body" else None
            )
            if required:
                name = f"{name}.{required.group(1)}" if name else required.group(1)
            grouped.setdefault(name or p.location, []).append(p.message)
        errors = [{"propertyName": name, "description": messages} for name, messages in grouped.items()]
        return json_response(400, self._body(request, 400, "One or more validation errors occurred.", errors))

    def unauthorized(self, request: Request, reason: str) -> Response:
        return empty_response(401, {"WWW-Authenticate": 'Bearer error="invalid_token"'})

    def authorize(self, request: Request) -> Response | None:
        tenant = request.headers.get("x-tenant")
        if tenant is None:
            return None  # a missing X-Tenant is a validation error (400), reported with the others
        allowed = request.claims.get("tenants")
        domains = {str(t).lower() for t in allowed} if isinstance(allowed, list) else set(self.tenants)
        if tenant.strip().lower() not in domains or tenant.strip().lower() not in self.tenants:
            return empty_response(403)
        return None

    # ------------------------------------------------------------------ lookups

    def _customer(self, request: Request, reseller: str | None = None) -> Customer | Response:
        """The path's customer, or the 404 answering why not: unknown, of another tenant than X-Tenant,
        or (when `reseller` is given) not under that reseller."""
        customer = self.customers.get(request.path_params["customerId"].lower())
        if (
            customer is None
            or customer.tenant != request.headers["x-tenant"].strip().lower()
            or (reseller is not None and (customer.reseller_id or "").lower() != reseller.lower())
        ):
            return self._refuse(
                request, 404, "Customer not found.", "customerId", "No customer with this id in this tenant."
            )
        return customer

    def _instance_ok(self, customer: Customer, provider_instance: str) -> bool:
        instance = self.instances.get(provider_instance)
        return instance is not None and instance["tenant"].lower() == customer.tenant

    # ------------------------------------------------------------------ handlers

    def list_customer_licenses(self, request: Request) -> Response:
        customer = self._customer(request, reseller=request.query.get("resellerId"))
        if isinstance(customer, Response):
            return customer
        provider_instance = request.query["providerInstanceId"].lower()
        if not self._instance_ok(customer, provider_instance):
            return self._refuse(request, 404, "Provider instance not found.", "providerInstanceId")
        seats = customer.seats_by_instance.get(provider_instance, [])
        return json_response(200, [customer.license_view(s) for s in seats])

    def update_user_licenses(self, request: Request) -> Response:
        customer = self._customer(request)
        if isinstance(customer, Response):
            return customer
        user = customer.users.get(request.path_params["customerUserId"].lower())
        if user is None:
            return self._refuse(request, 404, "Customer user not found.", "customerUserId")
        body = request.body
        provider_instance = body["providerInstanceId"].lower()
        if not self._instance_ok(customer, provider_instance):
            return self._refuse(
                request,
                400,
                "Unknown provider instance.",
                "providerInstanceId",
                "The provider instance does not exist in this tenant.",
            )
        # Decide everything first, then apply: a refused body leaves the state as it was.
        wanted: dict[str, tuple[bool, int]] = {}  # skuId -> (selected, index in the body)
        for index, item in enumerate(body["customerUserLicenses"]):
            prop = f"customerUserLicenses[{index}].skuId"
            sku, selected = item["skuId"], item["isSelected"]
            if (provider_instance, sku) not in customer.seats:
                detail = f"The customer has no license {sku!r} under this provider instance."
                return self._refuse(request, 400, "Unknown license.", prop, detail)
            if sku in wanted and wanted[sku][0] != selected:
                return self._refuse(
                    request, 400, "Conflicting selections.", prop, f"{sku} is both selected and not."
                )
            wanted[sku] = (selected, index)
        held = user.licenses.get(provider_instance, set())
        for sku, (selected, index) in wanted.items():
            if selected and sku not in held:
                seat = customer.seats[(provider_instance, sku)]
                if seat.total - seat.consumed - seat.suspended <= 0:
                    return self._refuse(
                        request,
                        400,
                        "No license available.",
                        f"customerUserLicenses[{index}].isSelected",
                        f"All {seat.total} licenses of {seat.name} are consumed or suspended.",
                    )
        new = {sku for sku in held if wanted.get(sku, (True, 0))[0]} | {
            s for s, (sel, _) in wanted.items() if sel
        }
        # Same synchronous step as the checks above, so no other request sees the counts half-updated.
        for sku in held - new:
            customer.seats[(provider_instance, sku)].consumed -= 1
        for sku in new - held:
            customer.seats[(provider_instance, sku)].consumed += 1
        user.licenses[provider_instance] = new
        return empty_response(200)

    def list_azure_entitlements(self, request: Request) -> Response:
        customer = self._customer(request)
        if isinstance(customer, Response):
            return customer
        subscription = customer.subscriptions.get(request.path_params["subscriptionId"].lower())
        if subscription is None:
            return self._refuse(
                request,
                404,
                "Subscription not found.",
                "subscriptionId",
                "The subscription does not belong to this customer.",
            )
        reseller = request.query.get("resellerId")
        entitlements = subscription.get("entitlements", [])
        if reseller is not None:
            by_reseller = customer.entitlements_by_reseller[request.path_params["subscriptionId"].lower()]
            entitlements = by_reseller.get(reseller.lower(), [])
        return json_response(200, entitlements)
