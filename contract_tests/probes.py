"""Status probes: one request per documented error status of every operation, built to provoke it.

The property tests aim their positive cases at seeded ids, so some documented answers (Partner Center's
404 for an unknown user or customer, a 413, a 500) are never asked for. Each probe here is one request
that the spec says must get that status; `test_status_probes.py` sends it and holds the target to it.
Success statuses are reached by the suites themselves (and `success_reached` insists on it).

What a probe needs that only our mock can give, it says (`mock_only`): a token with chosen claims (a
missing role, an app-only token) or an injected fault (500, 503, 429). Against a live target those are
skipped with that reason; so are probes that write when writes are off.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .plumbing import Target

UNKNOWN = "00000000-0000-4000-8000-00000000dead"  # a well-formed id no target holds
BIG = b'{"pad": "' + b"x" * (1024 * 1024 + 16) + b'"}'  # just over the 1 MiB the specs document


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    params: dict[str, Any] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    json: Any = None
    content: bytes | None = None
    auth: bool = True  # send the target's token
    claims: dict[str, Any] | None = None  # mock only: a token with these claims instead


@dataclass(frozen=True)
class Probe:
    api: str
    operation_id: str
    status: int
    why: str  # what the request does wrong (or right), for the test id's reader
    build: Callable[[Target], Request]
    mock_only: str = ""  # the reason only our mock can be made to answer it, if so
    fault: bool = False  # provoked by injecting `status` into the mock's next answer
    needs: tuple[str, ...] = ()  # ids of existing objects the request names

    @property
    def id(self) -> str:
        return f"{self.api}-{self.operation_id}-{self.status}-{self.why.replace(' ', '_')}"


FAULT = "an injected fault: only our mock can be made to answer it"


def _fault_probes(
    api: str, operation_id: str, statuses: tuple[int, ...], build: Callable[[Target], Request]
) -> list[Probe]:
    return [Probe(api, operation_id, s, "injected fault", build, FAULT, fault=True) for s in statuses]


# (status, why, build), optionally followed by mock_only and by needs when the row differs from its operation
Row = tuple[Any, ...]


def _probes(api: str, operation_id: str, needs: tuple[str, ...], *rows: Row) -> list[Probe]:
    """One operation's probes, a row each."""
    out = []
    for status, why, build, *rest in rows:
        mock_only = rest[0] if rest else ""
        out.append(
            Probe(api, operation_id, status, why, build, mock_only, needs=rest[1] if rest[1:] else needs)
        )
    return out


# -- CloudCockpit ----------------------------------------------------------------------------------------
def _cc_headers(t: Target, tenant: str | None = None) -> dict[str, str]:
    return {"X-Tenant": tenant or t.ids.get("tenant", "")}


def _cc_list(
    customer: str | None = None, tenant: str | None = None, auth: bool = True
) -> Callable[[Target], Request]:
    return lambda t: Request(
        "GET",
        f"/v1/Customers/{customer or t.ids.get('customer_id')}/licenses",
        params={"providerInstanceId": t.ids.get("provider_instance_id")},
        headers=_cc_headers(t, tenant),
        auth=auth,
    )


def _cc_patch(
    customer: str | None = None,
    tenant: str | None = None,
    auth: bool = True,
    body: Any = None,
    content: bytes | None = None,
    content_type: str = "application/json",
) -> Callable[[Target], Request]:
    def build(t: Target) -> Request:
        doc = (
            body
            if body is not None
            else {"providerInstanceId": t.ids.get("provider_instance_id"), "customerUserLicenses": []}
        )
        return Request(
            "PATCH",
            f"/v1/Customers/{customer or t.ids.get('customer_id')}/users/{t.ids.get('user_id')}/licenses",
            headers={**_cc_headers(t, tenant), "Content-Type": content_type},
            json=None if content is not None else doc,
            content=content,
            auth=auth,
        )

    return build


def _cc_azure(
    customer: str | None = None, subscription: str | None = None, tenant: str | None = None, auth: bool = True
) -> Callable[[Target], Request]:
    return lambda t: Request(
        "GET",
        f"/v1/customers/{customer or t.ids.get('customer_id')}/subscriptions/"
        f"{subscription or t.ids.get('subscription_id')}/azure-entitlements",
        headers=_cc_headers(t, tenant),
        auth=auth,
    )


CC_IDS = ("customer_id", "provider_instance_id", "tenant")
CC_USER = (*CC_IDS, "user_id")
CC_SUBSCRIPTION = (*CC_IDS, "subscription_id")
OTHER_PORTAL = "unknown-portal.example"
CLOUDCOCKPIT = [
    *_probes(
        "cloudcockpit",
        "listCustomerLicenses",
        CC_IDS,
        (400, "customerId not a uuid", _cc_list(customer="not-a-uuid")),
        (401, "no token", _cc_list(auth=False)),
        (403, "X-Tenant of another portal", _cc_list(tenant=OTHER_PORTAL)),
        (404, "unknown customer", _cc_list(customer=UNKNOWN)),
    ),
    *_fault_probes("cloudcockpit", "listCustomerLicenses", (500,), _cc_list()),
    *_probes(
        "cloudcockpit",
        "updateCustomerUserLicenses",
        CC_USER,
        (400, "body without its fields", _cc_patch(body={})),
        (401, "no token", _cc_patch(auth=False)),
        (403, "X-Tenant of another portal", _cc_patch(tenant=OTHER_PORTAL)),
        (404, "unknown customer", _cc_patch(customer=UNKNOWN)),
        (413, "body over 1 MiB", _cc_patch(content=BIG)),
        (415, "text/plain body", _cc_patch(content=b"{}", content_type="text/plain")),
    ),
    *_fault_probes("cloudcockpit", "updateCustomerUserLicenses", (500,), _cc_patch()),
    *_probes(
        "cloudcockpit",
        "listAzureEntitlements",
        CC_SUBSCRIPTION,
        (400, "subscriptionId not a uuid", _cc_azure(subscription="not-a-uuid")),
        (401, "no token", _cc_azure(auth=False)),
        (403, "X-Tenant of another portal", _cc_azure(tenant=OTHER_PORTAL)),
        (404, "unknown customer", _cc_azure(customer=UNKNOWN)),
    ),
    *_fault_probes("cloudcockpit", "listAzureEntitlements", (500,), _cc_azure()),
]


# -- Fusion -------------------------------------------------------------------------------------------------
def _fu_base(t: Target) -> str:
    return f"/api/v01/draas/{t.ids.get('draas_instance') or 'draas_v1'}"


NO_ROLES = "a token without the operation's role: only our mock issues tokens with chosen claims"
LOGIN_CREDENTIALS = "a known username and password: only our mock's seeded users are known"


def _fu(method: str, level: str, key: str, tail: str = "", **kw: Any) -> Callable[[Target], Request]:
    entity = kw.pop("entity", None)
    content_type = kw.pop("content_type", "application/json")

    def build(t: Target) -> Request:
        headers = {"Content-Type": content_type} if method in ("POST", "PUT") else {}
        return Request(
            method,
            f"{_fu_base(t)}/{level}/{entity or t.ids.get(key)}/customer_licenses{tail}",
            headers=headers,
            **kw,
        )

    return build


def _fu_login(
    body: Any = None, content: bytes | None = None, content_type: str = "application/json"
) -> Callable[[Target], Request]:
    return lambda t: Request(
        "POST",
        "/api/v01/auth/login",
        headers={"Content-Type": content_type},
        json=body,
        content=content,
        auth=False,
    )


FUSION_LISTS = {
    "listGroupCustomerLicenses": ("groups", "group_uuid"),
    "listDistributorCustomerLicenses": ("distributors", "distributor_uuid"),
    "listResellerCustomerLicenses": ("resellers", "reseller_uuid"),
    "listTenantCustomerLicenses": ("tenants", "tenant_uuid"),
}
GROUP = ("draas_instance", "group_uuid")
VALID_CREATE = {"name": "status probe", "sku": "status-probe"}
FUSION = [
    *_probes(
        "fusion",
        "login",
        (),
        (400, "body that is not {username, password}", _fu_login(body={"user": 1})),
        (401, "wrong password", _fu_login(body={"username": "nobody@example.com", "password": "wrong"})),
        (413, "body over 1 MiB", _fu_login(content=BIG)),
        (415, "text/plain body", _fu_login(content=b"{}", content_type="text/plain")),
    ),
    *_probes(
        "fusion",
        "refreshAccessToken",
        (),
        (401, "no token", lambda t: Request("GET", "/api/v01/auth/access_token", auth=False)),
    ),
]
for _op, (_level, _key) in FUSION_LISTS.items():
    FUSION += [
        *_probes(
            "fusion",
            _op,
            ("draas_instance", _key),
            (400, "page_size 0", _fu("GET", _level, _key, params={"page_size": 0})),
            (401, "no token", _fu("GET", _level, _key, auth=False)),
            (403, "token without the role", _fu("GET", _level, _key, claims={"roles": []}), NO_ROLES),
            (404, "unknown entity", _fu("GET", _level, _key, entity=UNKNOWN), "", ("draas_instance",)),
        ),
        *_fault_probes("fusion", _op, (500,), _fu("GET", _level, _key)),
    ]
FUSION += [
    *_probes(
        "fusion",
        "createCustomerLicense",
        GROUP,
        (400, "body without its fields", _fu("POST", "groups", "group_uuid", json={})),
        (401, "no token", _fu("POST", "groups", "group_uuid", json=VALID_CREATE, auth=False)),
        (
            403,
            "group the caller does not control",
            _fu("POST", "groups", "group_uuid", entity=UNKNOWN, json=VALID_CREATE),
            "",
            ("draas_instance",),
        ),
        (413, "body over 1 MiB", _fu("POST", "groups", "group_uuid", content=BIG)),
        (
            415,
            "text/plain body",
            _fu("POST", "groups", "group_uuid", content=b"{}", content_type="text/plain"),
        ),
    ),
    *_fault_probes(
        "fusion", "createCustomerLicense", (500,), _fu("POST", "groups", "group_uuid", json=VALID_CREATE)
    ),
]
for _op, _method, _body in (
    ("getCustomerLicense", "GET", None),
    ("updateCustomerLicense", "PUT", {"description": "status probe"}),
    ("deleteCustomerLicense", "DELETE", None),
):
    FUSION += _probes(
        "fusion",
        _op,
        GROUP,
        (400, "id not an integer", _fu(_method, "groups", "group_uuid", "/not-an-id", json=_body)),
        (401, "no token", _fu(_method, "groups", "group_uuid", "/1", json=_body, auth=False)),
        (
            (
                403,
                "token without the role",
                _fu(_method, "groups", "group_uuid", "/1", claims={"roles": []}),
                NO_ROLES,
            )
            if _method == "GET"
            else (
                403,
                "group the caller does not control",
                _fu(_method, "groups", "group_uuid", "/1", entity=UNKNOWN, json=_body),
                "",
                ("draas_instance",),
            )
        ),
        (404, "unknown license id", _fu(_method, "groups", "group_uuid", "/987654321", json=_body)),
    )
    FUSION += _fault_probes("fusion", _op, (500,), _fu(_method, "groups", "group_uuid", "/1", json=_body))
FUSION += _probes(
    "fusion",
    "updateCustomerLicense",
    GROUP,
    (413, "body over 1 MiB", _fu("PUT", "groups", "group_uuid", "/1", content=BIG)),
    (
        415,
        "text/plain body",
        _fu("PUT", "groups", "group_uuid", "/1", content=b"{}", content_type="text/plain"),
    ),
)


# -- Partner Center ---------------------------------------------------------------------------------
def _pc(customer: str | None = None, user: str | None = None, **kw: Any) -> Callable[[Target], Request]:
    return lambda t: Request(
        "GET",
        f"/v1/customers/{customer or t.ids.get('customer_id')}/users/{user or t.ids.get('user_id')}/licenses",
        **kw,
    )


PC_IDS = ("customer_id", "user_id")
PARTNER_CENTER = [
    *_probes(
        "partner-center",
        "getUserLicenses",
        PC_IDS,
        (400, "customer_id not a uuid", _pc(customer="not-a-uuid")),
        (401, "no token", _pc(auth=False)),
        (
            403,
            "app-only token",
            _pc(claims={"scp": None}),
            "an app-only token: only our mock issues tokens with chosen claims",
        ),
        (404, "unknown user", _pc(user=str(uuid.UUID(UNKNOWN)))),
        (404, "unknown customer", _pc(customer=UNKNOWN)),
    ),
    *_fault_probes("partner-center", "getUserLicenses", (429, 500, 503), _pc()),
]

PROBES: list[Probe] = [*CLOUDCOCKPIT, *FUSION, *PARTNER_CENTER]
