"""The mocks' seeded ids, logins and client credentials as Markdown tables, from the seed data itself.

    python -m licensekit.mock.seeded_tables            # print the tables
    python -m licensekit.mock.seeded_tables --write    # rewrite them in docs/mock-interface.md
    python -m licensekit.mock.seeded_tables --check    # exit 1 when the docs have drifted from the seeds

The tables sit between two marker lines of the document, so the rest of it stays hand-written.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from .vendor import default_seed

START = "<!-- seeded-tables:start (python -m licensekit.mock.seeded_tables --write) -->"
END = "<!-- seeded-tables:end -->"
DEFAULT_DOC = Path(__file__).resolve().parents[3] / "docs" / "mock-interface.md"


def _cell(value: Any) -> str:
    if value is None:
        return "(any)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return "<br>".join(f"`{v}`" for v in value) or "(none)"
    if isinstance(value, dict):
        return ", ".join(f"{k}=`{v}`" for k, v in value.items())
    return f"`{value}`" if value != "" else ""


def _ranges(ids: list[int]) -> str:
    """[1, 2, 3, 7] -> "1-3, 7"."""
    spans: list[list[int]] = []
    for i in sorted(ids):
        if spans and i == spans[-1][1] + 1:
            spans[-1][1] = i
        else:
            spans.append([i, i])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in spans)


def _table(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> list[str]:
    out = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    out += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return [*out, ""]


def _oauth(seed: dict[str, Any]) -> list[str]:
    oauth = seed.get("oauth", {})
    out = ["Client credentials (`POST /__mock__/oauth2/v2.0/token`, grant_type `client_credentials`):", ""]
    out += _table(
        ["client_id", "client_secret", "token claims"],
        ([c["client_id"], c["client_secret"], c.get("claims", {})] for c in oauth.get("clients", [])),
    )
    if oauth.get("refresh_tokens"):
        out += ["Refresh tokens (grant_type `refresh_token`):", ""]
        out += _table(
            ["refresh_token", "client_id", "token claims"],
            ([t["refresh_token"], t["client_id"], t.get("claims", {})] for t in oauth["refresh_tokens"]),
        )
    return out


def cloudcockpit(seed: dict[str, Any]) -> list[str]:
    out = ["### CloudCockpit", "", "Tenants (`X-Tenant`):", ""]
    out += _table(["domain", "name"], ([t["domain"], t["name"]] for t in seed["tenants"]))
    out += ["Provider instances (`providerInstanceId`):", ""]
    out += _table(
        ["id", "tenant", "name", "provider"],
        ([p["id"], p["tenant"], p["name"], p["provider"]] for p in seed["providerInstances"]),
    )
    out += ["Customers, their users and subscriptions:", ""]
    out += _table(
        ["customer", "customerId", "tenant", "users", "subscriptions"],
        (
            [
                c["name"],
                c["id"],
                c["tenant"],
                [f"{u['id']} {u['userPrincipalName']}" for u in c["users"]],
                [f"{s['id']} {s['name']}" for s in c.get("subscriptions", [])],
            ]
            for c in seed["customers"]
        ),
    )
    return out + _oauth(seed)


def fusion(seed: dict[str, Any]) -> list[str]:
    out = ["### Fusion", "", "Entities (`{uuid}` of the list paths; `draas_instance` as shown):", ""]
    names = {e["uuid"]: e["name"] for e in seed["entities"]}
    counts: dict[str, list[int]] = {}
    for lic in seed["licenses"]:
        counts.setdefault(lic["group"], []).append(lic["id"])
    out += _table(
        ["uuid", "type", "name", "parent", "draas_instance", "license ids"],
        (
            [
                e["uuid"],
                e["type"],
                e["name"],
                names.get(e["parent"], "") if e["parent"] else "",
                e["instance"],
                _ranges(counts.get(e["uuid"], [])) if e["type"] == "group" else "",
            ]
            for e in seed["entities"]
        ),
    )
    out += ["Logins (`POST /api/v01/auth/login`; roles and entities `(any)` = unrestricted):", ""]
    out += _table(
        ["username", "password", "roles", "entities", "two-factor"],
        (
            [u["username"], u["password"], u["roles"], u["entities"], u.get("two_factor", False)]
            for u in seed["users"]
        ),
    )
    return out + _oauth(seed)


def partner_center(seed: dict[str, Any]) -> list[str]:
    out = ["### Partner Center", "", f"Partner tenant (`tid`): `{seed['partnerTenantId']}`", ""]
    out += ["SKUs:", ""]
    out += _table(
        ["id", "name", "skuPartNumber", "licenseGroupId"],
        ([s["id"], s["name"], s["skuPartNumber"], s["licenseGroupId"]] for s in seed["skus"]),
    )
    out += ["Customers and their users (`{customer_id}`, `{user_id}` or the UPN):", ""]
    out += _table(
        ["customer", "customer_id", "domain", "users"],
        (
            [c["companyName"], c["id"], c["domain"], [f"{u['id']} {u['userPrincipalName']}" for u in users]]
            for c in seed["customers"]
            for users in [c["users"]]
        ),
    )
    return out + _oauth(seed)


def render() -> str:
    lines = [
        START,
        "",
        "Generated from the mocks' built-in seed data (`licensekit/mock/data/*.json`); do not edit by hand.",
        "",
        *cloudcockpit(default_seed("cloudcockpit")),
        *fusion(default_seed("fusion")),
        *partner_center(default_seed("partner_center")),
        END,
    ]
    return "\n".join(lines)


def replace_section(document: str, tables: str) -> str:
    if START not in document or END not in document:
        raise ValueError(f"the document has no {START!r} ... {END!r} section")
    head, rest = document.split(START, 1)
    _, tail = rest.split(END, 1)
    return head + tables + tail


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m licensekit.mock.seeded_tables", description=__doc__)
    parser.add_argument("--doc", type=Path, default=DEFAULT_DOC)
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true")
    mode.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    tables = render()
    if not (args.write or args.check):
        print(tables)
        return 0
    current = args.doc.read_text(encoding="utf-8")
    wanted = replace_section(current, tables)
    if args.check:
        if wanted != current:
            print(f"{args.doc}: seeded tables drifted; run python -m licensekit.mock.seeded_tables --write")
            return 1
        return 0
    args.doc.write_text(wanted, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
