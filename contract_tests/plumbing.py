"""Shared plumbing of the contract suites: which target each API is aimed at, schemas, counters.

Target switch (per API; API is one of cloudcockpit, fusion, partner-center, env prefix uses the
upper-case name with `-` as `_`: CLOUDCOCKPIT, FUSION, PARTNER_CENTER):

- default: our mock server, started by the suite on a free loopback port and stopped after;
- `LICENSEKIT_<API>_URL` (or `--target-url URL` together with `--api <API>`): any base URL, with the
  credentials and ids of existing objects from the environment (see `LIVE_ENV` below). Against such a
  target the suite is read-only unless `--allow-writes` (or `LICENSEKIT_ALLOW_WRITES=1`) is given.

Determinism: fixed seed 20240501 unless `--contract-seed` / `LICENSEKIT_CONTRACT_SEED` (an integer, or
`random`); example counts from `--contract-examples` / `LICENSEKIT_CONTRACT_EXAMPLES`.
"""

from __future__ import annotations

import os
import random
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from licensekit.contract.registry import APIS

ROOT = Path(__file__).resolve().parent.parent
# The suite module of each API (the spec itself: `licensekit.contract.registry.spec_path(api)`).
SUITE_FILES = {
    "cloudcockpit": "test_cloudcockpit.py",
    "fusion": "test_fusion.py",
    "partner-center": "test_partner_center.py",
}
SUITE_API = {name: api for api, name in SUITE_FILES.items()}
DEFAULT_SEED = 20240501
DEFAULT_EXAMPLES = 25

# Environment variables read for a live (non-mock) target, by API: name -> meaning.
LIVE_ENV: dict[str, dict[str, str]] = {
    "cloudcockpit": {
        "URL": "base URL, e.g. https://api.cloudcockpit.com",
        "TOKEN": "bearer access token (Entra ID client-credentials token for the CloudCockpit API)",
        "TENANT": "X-Tenant: the portal domain, e.g. portal.cloudcockpit.com",
        "CUSTOMER_ID": "uuid of an existing Microsoft customer",
        "PROVIDER_INSTANCE_ID": "uuid of its provider instance",
        "USER_ID": "uuid of an existing user of that customer (for the PATCH, with --allow-writes)",
        "SUBSCRIPTION_ID": "uuid of an existing parent Azure plan subscription of that customer",
    },
    "fusion": {
        "URL": "base URL, e.g. https://apioaas-prov.netaxis.cloud",
        "TOKEN": "bearer access token (from POST /api/v01/auth/login)",
        "DRAAS_INSTANCE": "the draas_instance path segment, e.g. draas_v1",
        "GROUP_UUID": "uuid of an existing group",
        "DISTRIBUTOR_UUID": "uuid of an existing distributor",
        "RESELLER_UUID": "uuid of an existing reseller",
        "TENANT_UUID": "uuid of an existing tenant",
        "USERNAME": "a user's name, for the login scenario (login and refresh, with --allow-writes)",
        "PASSWORD": "that user's password (masked in every report, like the token)",
    },
    "partner-center": {
        "URL": "base URL, e.g. https://api.partnercenter.microsoft.com",
        "TOKEN": "App+User bearer access token for Partner Center",
        "CUSTOMER_ID": "customer tenant id (uuid)",
        "USER_ID": "id or UPN of an existing user of that customer",
    },
}


def suite_command(api: str, *args: str) -> list[str]:
    """The whole contract run for `api` in a new process, as `make contract` runs it (suite, status
    probes, coverage rules), without the mutants' own tests: for the tests that run it as users do."""
    return [
        sys.executable,
        "-m",
        "pytest",
        "contract_tests",
        "--ignore=contract_tests/mutants",
        "--api",
        api,
        "-p",
        "no:cacheprovider",
        "-q",
        *args,
    ]


def env_prefix(api: str) -> str:
    return "LICENSEKIT_" + api.upper().replace("-", "_") + "_"


@dataclass
class Target:
    api: str
    mode: str  # "mock" or "live"
    base_url: str | None = None
    token: str = ""
    ids: dict[str, str] = field(default_factory=dict)
    allow_writes: bool = True
    server: Any = None  # the running mock, in mock mode

    @property
    def is_mock(self) -> bool:
        return self.mode == "mock"

    def headers(self) -> dict[str, str]:
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        if self.api == "cloudcockpit" and self.ids.get("tenant"):
            headers["X-Tenant"] = self.ids["tenant"]
        return headers

    def secrets(self) -> list[str]:
        return [s for s in (self.token, self.ids.get("password", "")) if s and len(s) >= 6]


@dataclass
class Settings:
    seed: int = DEFAULT_SEED
    seed_is_random: bool = False
    examples: int = DEFAULT_EXAMPLES
    allow_writes: bool = False
    target_url: str | None = None
    record_dir: Path | None = None  # --record DIR: schemathesis' HAR / VCR reports go there
    apis: tuple[str, ...] = APIS
    targets: dict[str, Target] = field(default_factory=dict)


_settings: Settings | None = None


def configure(
    *,
    seed: str | None,
    examples: str | None,
    allow_writes: bool,
    target_url: str | None,
    api: str | None,
    record_dir: str | None = None,
) -> Settings:
    global _settings
    env = os.environ
    seed_raw = seed or env.get("LICENSEKIT_CONTRACT_SEED") or str(DEFAULT_SEED)
    settings = Settings()
    if seed_raw == "random":
        settings.seed = random.SystemRandom().randrange(1, 2**31)
        settings.seed_is_random = True
    else:
        settings.seed = int(seed_raw)
    settings.examples = int(examples or env.get("LICENSEKIT_CONTRACT_EXAMPLES") or DEFAULT_EXAMPLES)
    settings.allow_writes = allow_writes or env.get("LICENSEKIT_ALLOW_WRITES", "") in ("1", "true", "yes")
    api_sel = api or env.get("LICENSEKIT_API") or "all"
    settings.apis = APIS if api_sel == "all" else tuple(a.strip() for a in api_sel.split(","))
    for a in settings.apis:
        if a not in APIS:
            raise ValueError(f"unknown API {a!r}: valid names are {', '.join(APIS)} (or all)")
    if target_url and len(settings.apis) != 1:
        raise ValueError("--target-url needs exactly one API: add --api <name>")
    settings.target_url = target_url
    record = record_dir or env.get("LICENSEKIT_CONTRACT_RECORD")
    settings.record_dir = Path(record).resolve() if record else None
    if settings.record_dir:
        settings.record_dir.mkdir(parents=True, exist_ok=True)  # schemathesis' writers expect it
    for a in APIS:
        settings.targets[a] = _make_target(a, settings, target_url if a in settings.apis else None)
    _settings = settings
    return settings


def _make_target(api: str, settings: Settings, target_url: str | None) -> Target:
    prefix = env_prefix(api)
    url = target_url or os.environ.get(prefix + "URL")
    if not url:
        from licensekit.mock.tokens import make_token

        # A bare token (no roles/tenants/entities claims) may call everything on our mocks.
        return Target(api=api, mode="mock", token=make_token(api), ids=mock_ids(api), allow_writes=True)
    ids = {key.lower(): os.environ[prefix + key] for key in LIVE_ENV[api] if os.environ.get(prefix + key)}
    ids.pop("url", None)
    token = ids.pop("token", "")
    return Target(
        api=api,
        mode="live",
        base_url=url.rstrip("/"),
        token=token,
        ids=ids,
        allow_writes=settings.allow_writes,
    )


def settings() -> Settings:
    if _settings is None:  # imported outside pytest (or before configure): defaults from the environment
        return configure(seed=None, examples=None, allow_writes=False, target_url=None, api=None)
    return _settings


def target(api: str) -> Target:
    return settings().targets[api]


# -- ids of objects that exist in the mocks' seed data -------------------------------------------------
def mock_ids(api: str) -> dict[str, str]:
    """Ids of seeded objects the suites aim their positive cases at (adapted to the seed's layout)."""
    from licensekit.mock.registry import VENDORS  # the mock's own seed data
    from licensekit.mock.vendor import default_seed

    from . import seeds

    return seeds.ids_from_seed(api, default_seed(VENDORS[api].seed_name))


# -- counters for the end-of-run table ----------------------------------------------------------------
class Stats:
    """What the property and stateful tests did, per API.

    `cases`: requests sent, every execution counted, so after a failure hypothesis' shrinking replays
    are in it too. `failures`: distinct failures per check, not executions: a schemathesis failure
    compares equal to another of the same kind on the same operation (its class, operation and
    schemathesis' own dedup key), so the shrinking replays of one defect count once."""

    def __init__(self) -> None:
        self.operations: dict[str, set[str]] = defaultdict(set)
        self.cases: Counter[str] = Counter()
        self.failures: dict[str, dict[str, set[Any]]] = defaultdict(lambda: defaultdict(set))

    def case(self, api: str, operation: str) -> None:
        self.operations[api].add(operation)
        self.cases[api] += 1

    def failure(self, api: str, check: str, failure: Any) -> None:
        self.failures[api][check].add(failure)


STATS = Stats()
