"""docs/mock-interface.md lists the mocks' seeded ids, logins and credentials, as the seed data has them."""

from __future__ import annotations

from pathlib import Path

import pytest

from licensekit.mock import seeded_tables
from licensekit.mock.vendor import default_seed

DOC = Path(__file__).resolve().parents[2] / "docs" / "mock-interface.md"


def test_the_docs_tables_match_the_seed_data() -> None:
    current = DOC.read_text(encoding="utf-8")
    assert current == seeded_tables.replace_section(current, seeded_tables.render()), (
        "docs/mock-interface.md drifted: run python -m licensekit.mock.seeded_tables --write"
    )
    assert seeded_tables.main(["--check", "--doc", str(DOC)]) == 0


def test_check_fails_on_a_drifted_document(tmp_path: Path) -> None:
    doc = tmp_path / "doc.md"
    doc.write_text(DOC.read_text(encoding="utf-8").replace("Fusion-Admin-2024!", "old-password"))
    assert seeded_tables.main(["--check", "--doc", str(doc)]) == 1
    assert seeded_tables.main(["--write", "--doc", str(doc)]) == 0
    assert doc.read_text(encoding="utf-8") == DOC.read_text(encoding="utf-8")


def _leaves(value: object, keys: tuple[str, ...]) -> list[str]:
    """Every string under one of `keys` anywhere in a seed document."""
    found: list[str] = []
    if isinstance(value, dict):
        for k, v in value.items():
            if k in keys and isinstance(v, str):
                found.append(v)
            found += _leaves(v, keys)
    elif isinstance(value, list):
        for v in value:
            found += _leaves(v, keys)
    return found


@pytest.mark.parametrize(
    ("seed", "keys", "count"),
    [
        # customers, users, provider instances, subscriptions (not entitlements), tenants, clients
        ("cloudcockpit", ("domain", "userPrincipalName", "client_id", "client_secret"), 22),
        ("fusion", ("uuid", "username", "password", "client_id", "client_secret"), 24),
        ("partner_center", ("userPrincipalName", "client_id", "client_secret", "refresh_token"), 11),
    ],
)
def test_every_seeded_id_login_and_credential_is_listed(seed: str, keys: tuple[str, ...], count: int) -> None:
    tables = seeded_tables.render()
    values = set(_leaves(default_seed(seed), keys))
    assert len(values) == count
    missing = sorted(v for v in values if f"`{v}`" not in tables and f" {v}`" not in tables)
    assert not missing


def test_every_seeded_customer_and_user_id_is_listed() -> None:
    tables = seeded_tables.render()
    for seed in ("cloudcockpit", "partner_center"):
        for customer in default_seed(seed)["customers"]:
            assert f"`{customer['id']}`" in tables
            assert all(f"`{u['id']} " in tables for u in customer["users"])
