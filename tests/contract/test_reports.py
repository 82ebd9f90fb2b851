"""What a run reports: success_reached against a refusing target, every documented status reached,
JUnit messages with the failed check and a masked curl, recordings with secrets masked."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from contract_tests.mutants.middlewares import BY_NAME
from licensekit.mock.tokens import make_token

from .harness import live_env, run_suites, serve_wrapped


def refuse_some(app: Any) -> Any:
    """CloudCockpit that accepts the preflight's read (the license list) and refuses every other
    operation with a (documented) 401: a token lacking those rights, say."""

    async def middleware(scope: dict[str, Any], receive: Any, send: Any) -> None:
        path = scope.get("path", "")
        if (
            scope.get("type") == "http"
            and not path.startswith("/__mock__/")
            and not path.endswith("/licenses")
        ):
            await send({"type": "http.response.start", "status": 401, "headers": [(b"content-length", b"0")]})
            await send({"type": "http.response.body", "body": b""})
            return
        if scope.get("type") == "http" and scope.get("method") == "PATCH":
            await send({"type": "http.response.start", "status": 401, "headers": [(b"content-length", b"0")]})
            await send({"type": "http.response.body", "body": b""})
            return
        await app(scope, receive, send)

    return middleware


def test_refused_operations_fail_success_reached_naming_them() -> None:
    with serve_wrapped("cloudcockpit", refuse_some) as url:
        run = run_suites("cloudcockpit", "--allow-writes", "-rf", env=live_env("cloudcockpit", url))
    assert run.returncode == 1, run.output[-3000:]
    failed = [line for line in run.stdout.splitlines() if line.startswith("FAILED")]
    reached = [line for line in failed if "test_success_reached[cloudcockpit]" in line]
    assert reached, failed
    assert "success_reached: cloudcockpit: never answered its documented success" in reached[0]
    assert "updateCustomerUserLicenses (documented 200, got 401" in run.stdout
    assert "listAzureEntitlements (documented 200, got 401" in run.stdout
    assert "listCustomerLicenses (documented" not in run.stdout


def test_login_never_succeeding_on_a_live_target_says_which_variables_to_set() -> None:
    # writes on, no user: login is tried with generated credentials only, and never answers 200
    with serve_wrapped("fusion") as url:
        env = live_env("fusion", url, USERNAME=None, PASSWORD=None)
        run = run_suites("fusion", "--allow-writes", "-k", "login or success_reached", env=env)
    assert run.returncode == 1, run.output[-3000:]
    failed = [line for line in run.lines() if line.startswith("FAILED")]
    assert len(failed) == 1 and "test_success_reached[fusion]" in failed[0], failed
    assert "login (documented 200" in failed[0]
    assert "LICENSEKIT_FUSION_USERNAME" in failed[0] and "LICENSEKIT_FUSION_PASSWORD" in failed[0]


def test_every_documented_status_is_reached_and_tabled() -> None:
    run = run_suites("partner-center", "-rA")
    assert run.returncode == 0, run.output[-3000:]
    assert "PASSED contract_tests/test_coverage.py::test_documented_reached[partner-center]" in run.stdout
    assert "PASSED contract_tests/test_coverage.py::test_success_reached[partner-center]" in run.stdout
    row = re.search(r"getUserLicenses\s+(\d+)/(\d+)\s+(.*)", run.stdout)
    assert row, run.stdout[-3000:]
    assert row.group(1) == row.group(2) == "8", row.group(0)
    assert row.group(3).split() == ["200", "400", "401", "403", "404", "429", "500", "503"]
    assert re.search(r"^total\s+\d+\s+0\s+", run.stdout, re.MULTILINE), run.stdout[-2000:]


def test_junit_message_is_the_check_and_a_masked_curl(tmp_path: Path) -> None:
    junit = tmp_path / "contract.xml"
    mutant = BY_NAME["undocumented-status"]  # Partner Center answers 422 where 400 is documented
    token = make_token("partner-center")
    with serve_wrapped("partner-center", mutant.wrap) as url:
        run = run_suites(
            "partner-center", "-rf", f"--junitxml={junit}", env=live_env("partner-center", url, TOKEN=token)
        )
    assert run.returncode == 1, run.output[-3000:]
    failures = {
        case.get("name"): case.find("failure")
        for case in ET.parse(junit).getroot().iter("testcase")
        if case.find("failure") is not None
    }
    assert "test_operation[GET /v1/customers/{customer_id}/users/{user_id}/licenses]" in failures, failures
    failure = failures["test_operation[GET /v1/customers/{customer_id}/users/{user_id}/licenses]"]
    assert failure is not None
    message = failure.get("message", "")
    assert message.startswith("Undocumented status code\n"), message[:500]
    assert "curl -X GET" in message, message[:2000]
    assert "[Filtered]" in message
    assert not message.startswith("fresh") and "Target(" not in message
    assert token not in ET.tostring(ET.parse(junit).getroot(), encoding="unicode")
    # the summary is in the XML (the suite's `contract-summary` property); hypothesis' base64 statistics
    # (over half of such a file) are not
    properties = {p.get("name", ""): p.get("value", "") for p in ET.parse(junit).getroot().iter("property")}
    assert not [name for name in properties if name.startswith("hypothesis-statistics")], list(properties)
    table = properties["contract-summary"].splitlines()
    assert table[0].split() == ["API", "passed", "failed", "skipped", "errors", "operations", "cases"]
    assert [line.split()[0] for line in table[1:3]] == ["partner-center", "total"]
    assert "failures by check" in properties["contract-summary"]
    failed_lines = [line for line in run.stdout.splitlines() if line.startswith("FAILED")]
    operation_line = next(line for line in failed_lines if "::test_operation[" in line)
    assert operation_line.endswith("] - Undocumented status code"), failed_lines
    # The status probe for 400 catches the same defect, with its reason on its FAILED line.
    assert any("getUserLicenses-400" in line and "should answer 400" in line for line in failed_lines)
    assert token not in run.output


def test_record_keeps_har_and_vcr_with_secrets_masked(tmp_path: Path) -> None:
    token = make_token("partner-center")
    with serve_wrapped("partner-center") as url:
        run = run_suites(
            "partner-center",
            "--record",
            str(tmp_path / "new" / "dir"),  # made if missing
            "-k",
            "test_operation",
            env=live_env("partner-center", url, TOKEN=token),
        )
    assert run.returncode == 0, run.output[-3000:]
    where = tmp_path / "new" / "dir"
    har, vcr = where / "partner_center.har.json", where / "partner_center.vcr.yaml"
    assert har.is_file() and vcr.is_file(), list(tmp_path.rglob("*"))
    entries = json.loads(har.read_text())["log"]["entries"]
    assert len(entries) >= 20, "the recording should hold every request the property tests sent"
    assert {e["request"]["method"] for e in entries} >= {"GET"}
    assert any(e["response"]["status"] == 200 for e in entries)
    for recording in (har, vcr):
        text = recording.read_text()
        assert token not in text, f"the token leaked into {recording.name}"
        assert token.split(".")[1] not in text
    assert "[Filtered]" in har.read_text()
