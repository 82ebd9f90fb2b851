"""A dead target or refused credentials end the run in seconds, with one line and exit code 4."""

from __future__ import annotations

import subprocess

import pytest

from contract_tests import preflight
from contract_tests.plumbing import ROOT, Target, env_prefix
from licensekit.mock import serve
from licensekit.mock.registry import APIS

from .harness import live_env, run_suites, serve_wrapped

USAGE_ERROR = 4  # pytest's exit code for a usage error: the run never started


def test_dead_port_fails_fast_with_one_line() -> None:
    run = run_suites("fusion", env=live_env("fusion", "http://127.0.0.1:1"))
    assert run.returncode == USAGE_ERROR, run.output[-2000:]
    assert run.seconds < 20, f"took {run.seconds:.1f} s"
    lines = run.lines()
    assert len(lines) == 1, lines[:20]
    line = lines[0]
    assert "preflight fusion: GET http://127.0.0.1:1/api/v01/draas/" in line
    assert "no connection" in line and "LICENSEKIT_FUSION_URL" in line
    assert "Traceback" not in run.output


def test_refused_token_fails_fast_naming_the_variable() -> None:
    bad = "expired-token-0123456789"
    with serve_wrapped("partner-center") as url:
        run = run_suites("partner-center", env=live_env("partner-center", url, TOKEN=bad))
    assert run.returncode == USAGE_ERROR, run.output[-2000:]
    assert run.seconds < 20, f"took {run.seconds:.1f} s"
    lines = run.lines()
    assert len(lines) == 1, lines[:20]
    assert "preflight partner-center: GET " in lines[0]
    assert "-> 401 Unauthorized" in lines[0]
    assert "LICENSEKIT_PARTNER_CENTER_TOKEN" in lines[0]
    assert bad not in run.output, "the token leaked into the output"


def test_good_target_passes_preflight_and_says_so() -> None:
    with serve_wrapped("partner-center") as url:
        run = run_suites(
            "partner-center", "-v", "-k", "test_total_count", env=live_env("partner-center", url)
        )
    assert run.returncode == 0, run.output[-3000:]
    assert "contract: preflight partner-center: GET " in run.stdout and "-> 200 in" in run.stdout


def test_unknown_api_name_is_a_usage_error() -> None:
    run = run_suites("fuson")
    assert run.returncode == USAGE_ERROR
    assert "unknown API 'fuson': valid names are cloudcockpit, fusion, partner-center (or all)" in run.output
    assert "Traceback" not in run.output
    made = subprocess.run(
        ["make", "--no-print-directory", "contract", "API=fuson"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert made.returncode == 2
    assert "valid names are cloudcockpit, fusion, partner-center" in made.stdout + made.stderr


def test_make_contract_says_the_preflight_stopped_it() -> None:
    """make exits 2 for any failed target (it cannot pass pytest's 4 on): the README says so, and the
    last line names the cause."""
    env = live_env("fusion", "http://127.0.0.1:1")
    run = subprocess.run(
        ["make", "-s", "contract", "API=fusion"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 2, run.stdout[-2000:] + run.stderr[-2000:]
    assert "preflight fusion: GET http://127.0.0.1:1/" in run.stdout + run.stderr
    last = [line for line in run.stderr.splitlines() if line.startswith("contract:")]
    assert last == [
        "contract: stopped before any test ran: the preflight or the options (pytest exit 4; make exits 2)"
    ], run.stderr[-2000:]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "pytest's exit code 4; `make`\nexits 2 for any failed target" in readme


# -- without ids: a read on random ids still proves the token (404 accepted, 401/403 refused) ----------
NO_IDS: dict[str, dict[str, str]] = {
    "cloudcockpit": {"tenant": "portal.cloudcockpit.com"},  # X-Tenant is the domain, not an object id
    "fusion": {},
    "partner-center": {},
}


def live_target(api: str, base_url: str, token: str, ids: dict[str, str]) -> Target:
    return Target(api=api, mode="live", base_url=base_url.rstrip("/"), token=token, ids=dict(ids))


@pytest.mark.parametrize("api", APIS)
def test_without_ids_an_accepted_token_passes_on_a_404(api: str) -> None:
    with serve(api) as mock:
        result = preflight.check(live_target(api, mock.base_url, mock.token(), NO_IDS[api]))
    assert result.ok, result.line
    assert " (random ids) -> 404 in " in result.line
    assert "token accepted (no object has these ids; set " + env_prefix(api) in result.line


@pytest.mark.parametrize("api", APIS)
def test_without_ids_a_refused_token_stops_the_run(api: str) -> None:
    bad = "expired-token-0123456789"
    with serve(api) as mock:
        result = preflight.check(live_target(api, mock.base_url, bad, NO_IDS[api]))
    assert not result.ok, result.line
    assert " (random ids) -> 401 Unauthorized" in result.line
    assert result.line.endswith(
        f"the token was refused: set {env_prefix(api)}TOKEN to a valid, unexpired token"
    )
    assert bad not in result.line


def test_without_ids_a_token_lacking_the_role_stops_the_run() -> None:
    with serve("fusion") as mock:
        token = mock.token(roles=["groups.instance.customer_license.create"])  # not the list role
        result = preflight.check(live_target("fusion", mock.base_url, token, {}))
    assert not result.ok, result.line
    assert " (random ids) -> 403 Forbidden" in result.line
    assert "the token lacks rights here: check LICENSEKIT_FUSION_TOKEN" in result.line


def test_without_ids_or_tenant_cloudcockpit_says_what_was_not_checked() -> None:
    """No X-Tenant: the accepted token gets the 400 of a missing header, which proves nothing."""
    with serve("cloudcockpit") as mock:
        result = preflight.check(live_target("cloudcockpit", mock.base_url, mock.token(), {}))
        refused = preflight.check(live_target("cloudcockpit", mock.base_url, "bad-token-xyz", {}))
    assert result.ok and " (random ids) -> 400 in " in result.line
    assert result.line.endswith(
        "credentials not checked (set LICENSEKIT_CLOUDCOCKPIT_CUSTOMER_ID, "
        "LICENSEKIT_CLOUDCOCKPIT_PROVIDER_INSTANCE_ID, LICENSEKIT_CLOUDCOCKPIT_TENANT to check them)"
    )
    assert not refused.ok and "-> 401 Unauthorized" in refused.line


def test_refused_token_without_ids_ends_the_run_with_one_line() -> None:
    bad = "expired-token-0123456789"
    with serve_wrapped("fusion") as url:
        env = live_env("fusion", url, TOKEN=bad, GROUP_UUID=None, DRAAS_INSTANCE=None)
        run = run_suites("fusion", env=env)
    assert run.returncode == USAGE_ERROR, run.output[-2000:]
    lines = run.lines()
    assert len(lines) == 1, lines[:20]
    assert "preflight fusion: GET " in lines[0] and "(random ids) -> 401 Unauthorized" in lines[0]
    assert "LICENSEKIT_FUSION_TOKEN" in lines[0]
    assert bad not in run.output
