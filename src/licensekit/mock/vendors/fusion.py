"""Netaxis Fusion: customer's licenses at group level, listed at four levels, with role checks.

What "under that entity" means here: licenses live at group level only (the docs: create, modify and
delete exist only there). A distributor, reseller or tenant belongs to exactly one group (its ancestor
in group > distributor > reseller > tenant), and its list shows that group's licenses: the licenses its
customers can be given. An entity is visible when the token's `entities` claim is absent or names the
entity or one of its ancestors (control extends downwards). An unknown or invisible entity is 404 on
lists and get; create, modify and delete on a group the caller does not control are 403.

Pagination: `next` is standard base64 of `page_size=N&page=P`, exactly like the docs' example
(cGFnZV9zaXplPTEmcGFnZT0y is page_size=1&page=2); the token's page_size wins over the query's.
Ids are integers from a counter that only grows, so a deleted id is never reused.
"""

from __future__ import annotations

import base64
import binascii
import bisect
import re
import secrets
from collections import Counter
from dataclasses import dataclass
from typing import Any

from ...contract.error_shapes import fusion_error
from ...contract.spec import Problem
from ..http import Request, Response, empty_response, json_response
from ..tokens import make_token
from ..vendor import Handler, SeedError, VendorMock

LEVELS = ("group", "distributor", "reseller", "tenant")
_NEXT = re.compile(r"page_size=([1-9][0-9]{0,8})&page=([1-9][0-9]{0,8})")
ACCESS_LIFETIME = 15 * 60  # "access tokens live minutes"
REFRESH_LIFETIME = 24 * 3600
PERMANENT_LIFETIME = 10 * 365 * 24 * 3600  # the login's "non-expiring" token


@dataclass(slots=True)
class Entity:
    uuid: str
    type: str
    name: str
    parent: str | None
    instance: str


@dataclass(slots=True)
class License:
    id: int
    instance: str
    group: str
    name: str
    description: str
    sku: str
    status: str

    def details(self) -> dict[str, Any]:
        """The get answer (it has no id)."""
        return {"name": self.name, "description": self.description, "sku": self.sku, "status": self.status}

    def listed(self) -> dict[str, Any]:
        """A list item: the details and the id."""
        return {"id": self.id, **self.details()}


_LIST_LEVEL = {
    "listGroupCustomerLicenses": "group",
    "listDistributorCustomerLicenses": "distributor",
    "listResellerCustomerLicenses": "reseller",
    "listTenantCustomerLicenses": "tenant",
}


def encode_next(page_size: int, page: int) -> str:
    return base64.b64encode(f"page_size={page_size}&page={page}".encode()).decode()


def decode_next(token: str) -> tuple[int, int] | None:
    """(page_size, page) or None. Lenient on what transports do to base64: '+' read as ' ', lost padding."""
    text = token.strip().replace(" ", "+").replace("-", "+").replace("_", "/").rstrip("=")
    try:
        raw = base64.b64decode(text + "=" * (-len(text) % 4), validate=True)
        match = _NEXT.fullmatch(raw.decode("ascii"))
    except (binascii.Error, ValueError):
        return None
    return (int(match.group(1)), int(match.group(2))) if match else None


def _seed_int(value: Any, what: str) -> int:
    """An integer from a seed: a JSON integer or a string of ASCII digits (not U+0663)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and re.fullmatch(r"[0-9]{1,18}", value):
        return int(value)
    raise SeedError(f"{what} must be an integer, not {value!r}")


def _check_no_cycles(entities: dict[tuple[str, str], Entity]) -> None:
    """Refuse a parent cycle (A -> B -> A): walking up from any entity must reach a root."""
    done: set[tuple[str, str]] = set()  # entities known to reach a root
    for key in entities:
        path: list[tuple[str, str]] = []
        on_path: set[tuple[str, str]] = set()
        node: tuple[str, str] | None = key
        while node is not None and node not in done:
            if node in on_path:
                cycle = " -> ".join(uuid for _, uuid in path[path.index(node) :])
                raise SeedError(f"entity parents form a cycle: {cycle} -> {node[1]}")
            path.append(node)
            on_path.add(node)
            parent = entities[node].parent
            node = (node[0], parent.lower()) if parent else None
        done.update(path)


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return json_response(status, fusion_error(message), headers)


class FusionMock(VendorMock):
    api = "fusion"
    seed_name = "fusion"

    # ------------------------------------------------------------------ state

    def load(self, seed: dict[str, Any]) -> None:
        try:
            entities = {
                (e["instance"], e["uuid"].lower()): Entity(
                    e["uuid"].lower(), e["type"], e["name"], e.get("parent"), e["instance"]
                )
                for e in seed["entities"]
            }
            licenses = {
                _seed_int(x["id"], "license id"): License(
                    _seed_int(x["id"], "license id"),
                    x["instance"],
                    x["group"].lower(),
                    x["name"],
                    x.get("description", ""),
                    x["sku"],
                    x.get("status", "enabled"),
                )
                for x in seed.get("licenses", [])
            }
            users = {u["username"]: dict(u) for u in seed.get("users", [])}
            next_id = _seed_int(seed.get("next_id", 1), "next_id")
        except SeedError:
            raise
        except (KeyError, TypeError, AttributeError, ValueError) as exc:
            raise SeedError(f"fusion seed: {exc!r}") from exc
        for entity in entities.values():
            if entity.type not in LEVELS:
                raise SeedError(f"entity {entity.uuid}: type must be one of {LEVELS}")
            if entity.parent is not None and not isinstance(entity.parent, str):
                raise SeedError(f"entity {entity.uuid}: parent must be a uuid string or null")
            if entity.parent is not None and (entity.instance, entity.parent.lower()) not in entities:
                raise SeedError(f"entity {entity.uuid}: unknown parent {entity.parent}")
        _check_no_cycles(entities)
        for lic in licenses.values():
            group = entities.get((lic.instance, lic.group))
            if group is None or group.type != "group":
                raise SeedError(f"license {lic.id}: {lic.group} is not a group of {lic.instance}")
        self.entities = entities
        # Kept in id order (a new id is always the largest), so that lists need not sort on every read.
        self.licenses = dict(sorted(licenses.items()))
        # Per group (instance, uuid): its licenses in id order, and how many hold each SKU. A list page,
        # its count and create's SKU check then cost the same whatever the number of licenses held.
        self.by_group: dict[tuple[str, str], list[License]] = {}
        self.group_skus: dict[tuple[str, str], Counter[str]] = {}
        for lic in self.licenses.values():
            self.by_group.setdefault((lic.instance, lic.group), []).append(lic)
            self.group_skus.setdefault((lic.instance, lic.group), Counter())[lic.sku] += 1
        self.users = users
        self.next_id = max([next_id, *(i + 1 for i in licenses)])

    def dump(self) -> dict[str, Any]:
        return {
            "entities": [
                {"uuid": e.uuid, "type": e.type, "name": e.name, "parent": e.parent, "instance": e.instance}
                for e in self.entities.values()
            ],
            "licenses": [
                {**x.listed(), "instance": x.instance, "group": x.group}
                for x in sorted(self.licenses.values(), key=lambda x: x.id)
            ],
            "next_id": self.next_id,
            "users": list(self.users.values()),
        }

    def handlers(self) -> dict[str, Handler]:
        return {
            "login": self.login,
            "refreshAccessToken": self.refresh_access_token,
            "listGroupCustomerLicenses": self.list_licenses,
            "listDistributorCustomerLicenses": self.list_licenses,
            "listResellerCustomerLicenses": self.list_licenses,
            "listTenantCustomerLicenses": self.list_licenses,
            "createCustomerLicense": self.create_license,
            "getCustomerLicense": self.get_license,
            "updateCustomerLicense": self.update_license,
            "deleteCustomerLicense": self.delete_license,
        }

    # ------------------------------------------------------------------ refusals

    def error(self, request: Request | None, status: int, message: str, headers: dict[str, str]) -> Response:
        return _error(status, message, headers)

    def invalid(self, request: Request, problems: list[Problem]) -> Response:
        return _error(400, "; ".join(f"{p.name}: {p.message}" if p.name else p.message for p in problems))

    def unauthorized(self, request: Request, reason: str) -> Response:
        return _error(401, reason)

    def authorize(self, request: Request) -> Response | None:
        op_id = request.op.operation_id
        if op_id == "login":
            return None
        is_refresh = request.claims.get("token_use") == "refresh"
        if op_id == "refreshAccessToken":
            return None if is_refresh else _error(401, "a refresh token is required")
        if is_refresh:
            return _error(401, "a refresh token cannot be used as an access token")
        role = request.op.extensions.get("x-required-role")
        roles = request.claims.get("roles")
        if role and isinstance(roles, list) and role not in roles:
            return _error(403, f"insufficient rights to perform this action (requires {role})")
        return None

    # ------------------------------------------------------------------ hierarchy

    def _visible(self, claims: dict[str, Any], entity: Entity) -> bool:
        controlled = claims.get("entities")
        if not isinstance(controlled, list):
            return True
        allowed = {str(x).lower() for x in controlled}
        node: Entity | None = entity
        while node is not None:
            if node.uuid in allowed:
                return True
            node = self.entities.get((node.instance, node.parent.lower())) if node.parent else None
        return False

    def _group_of(self, entity: Entity) -> Entity:
        node = entity
        while node.type != "group" and node.parent:
            node = self.entities[(node.instance, node.parent.lower())]
        return node

    def _entity(self, request: Request, level: str) -> Entity | None:
        key = (request.path_params["draas_instance"], request.path_params["uuid"].lower())
        entity = self.entities.get(key)
        if entity is None or entity.type != level or not self._visible(request.claims, entity):
            return None
        return entity

    def _license(self, request: Request, group: Entity) -> License | None:
        lic = self.licenses.get(request.path_params["id"])
        if lic is None or lic.group != group.uuid or lic.instance != group.instance:
            return None
        return lic

    # ------------------------------------------------------------------ auth handlers

    def _tokens(self, user: dict[str, Any]) -> dict[str, str]:
        claims = {"sub": user["username"], "roles": user.get("roles"), "entities": user.get("entities")}
        return {
            "access_token": make_token(
                self.api, secret=self.secret, lifetime=ACCESS_LIFETIME, token_use="access", **claims
            ),
            "refresh_token": make_token(
                self.api,
                secret=self.secret,
                lifetime=REFRESH_LIFETIME,
                token_use="refresh",
                sub=user["username"],
            ),
            "token": make_token(
                self.api, secret=self.secret, lifetime=PERMANENT_LIFETIME, token_use="access", **claims
            ),
        }

    def login(self, request: Request) -> Response:
        body = request.body
        user = self.users.get(body["username"])
        if user is None or not secrets.compare_digest(
            str(user.get("password", "")).encode(), body["password"].encode()
        ):
            return _error(401, "invalid username or password")
        if user.get("two_factor"):
            return json_response(200, {"2fa_payload": base64.b64encode(secrets.token_bytes(24)).decode()})
        return json_response(200, self._tokens(user))

    def refresh_access_token(self, request: Request) -> Response:
        user = self.users.get(str(request.claims.get("sub")))
        if user is None:
            return _error(401, "unknown user")
        return json_response(200, {"access_token": self._tokens(user)["access_token"]})

    # ------------------------------------------------------------------ customer's licenses

    def list_licenses(self, request: Request) -> Response:
        level = _LIST_LEVEL[request.op.operation_id]
        entity = self._entity(request, level)
        if entity is None:
            return _error(404, f"{level} not found")
        page_size, page = request.query.get("page_size", 10), 1
        token = request.query.get("next")
        if token is not None:
            decoded = decode_next(token)
            if decoded is None:
                return _error(400, "invalid pagination token")
            page_size, page = decoded
        group = self._group_of(entity)
        items = self.by_group.get((group.instance, group.uuid), [])
        pages = -(-len(items) // page_size)
        start = (page - 1) * page_size
        answer: dict[str, Any] = {
            "results": len(items),
            "pages": pages,
            "page": page,
            "licenses": [x.listed() for x in items[start : start + page_size]],
        }
        if page < pages:
            answer["next"] = encode_next(page_size, page + 1)
        return json_response(200, answer)

    def create_license(self, request: Request) -> Response:
        group = self._entity(request, "group")
        if group is None:
            # Create documents no 404: a group the caller cannot see is one it has no rights on.
            return _error(403, "insufficient rights to perform this action on this group")
        body = request.body
        key = (group.instance, group.uuid)
        if self.group_skus.get(key, {}).get(body["sku"]):
            return _error(400, f"a customer license with sku {body['sku']} already exists")
        lic = License(
            self.next_id,
            group.instance,
            group.uuid,
            body["name"],
            body.get("description", ""),
            body["sku"],
            body.get("status", "enabled"),
        )
        self.next_id += 1
        self.licenses[lic.id] = lic
        self.by_group.setdefault(key, []).append(lic)  # the largest id yet: the list stays in id order
        self.group_skus.setdefault(key, Counter())[lic.sku] += 1
        return json_response(200, {"id": lic.id})

    def get_license(self, request: Request) -> Response:
        group = self._entity(request, "group")
        lic = self._license(request, group) if group is not None else None
        if lic is None:
            return _error(404, "customer license not found")
        return json_response(200, lic.details())

    def _license_to_change(self, request: Request) -> License | Response:
        """The license an update or delete names, or the answer saying why there is none: 403 for a group
        the caller does not control (the write pages document 403, no 404), 404 for an unknown id."""
        group = self._entity(request, "group")
        if group is None:
            return _error(403, "insufficient rights to perform this action on this group")
        lic = self._license(request, group)
        return lic if lic is not None else _error(404, "customer license not found")

    def update_license(self, request: Request) -> Response:
        lic = self._license_to_change(request)
        if isinstance(lic, Response):
            return lic
        body = request.body
        lic.name = body.get("name", lic.name)
        lic.description = body.get("description", lic.description)
        lic.status = body.get("status", lic.status)
        return empty_response(204)

    def delete_license(self, request: Request) -> Response:
        lic = self._license_to_change(request)
        if isinstance(lic, Response):
            return lic
        del self.licenses[lic.id]
        key = (lic.instance, lic.group)
        listed = self.by_group[key]
        del listed[bisect.bisect_left(listed, lic.id, key=lambda x: x.id)]
        self.group_skus[key][lic.sku] -= 1
        return empty_response(204)
