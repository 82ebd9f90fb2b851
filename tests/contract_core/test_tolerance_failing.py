"""The tolerance rule (licensekit.contract.tolerance) and the suites' record of it
(contract_tests/tolerance.py) on the inputs each warning exists for: walk() over every schema form the
specs use, the expected-body rule, and the summary when warnings overflow what it shows."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator

import pytest

from contract_tests import tolerance
from licensekit.contract import TOLERATED, Finding
from licensekit.contract.tolerance import walk

from . import fake_schemathesis as fake

STATUS = {"type": "string", "x-known-values": ["enabled", "disabled"]}
ITEM = {"type": "object", "x-licensekit-expected": ["id", "name"], "properties": {"status": STATUS}}
FUSION_LIST = "/api/v01/draas/{draas_instance}/groups/{uuid}/customer_licenses"
JSON = {"content-type": "application/json"}
MISSING = "missing_expected_property"
UNKNOWN = "unknown_enum_value"
ABSENT = "absent (expected, not required)"


def unknown(value: str, known: str = "enabled, disabled") -> str:
    return f"{value!r} is not a known value (known: {known})"


@pytest.fixture(autouse=True)
def clean_record() -> Iterator[None]:
    tolerance.RECORD.clear()
    yield
    tolerance.RECORD.clear()


def test_walk_names_each_deviation_by_its_path() -> None:
    schema = {"type": "object", "properties": {"items": {"type": "array", "items": ITEM}, "status": STATUS}}
    value = {
        "items": [{"id": 1, "status": "archived"}, {"id": 2, "name": "n", "status": "enabled"}],
        "status": "x",
    }
    assert walk(schema, value) == [
        (MISSING, "items[].name", ABSENT),
        (UNKNOWN, "items[].status", unknown("archived")),
        (UNKNOWN, "status", unknown("x")),
    ]


def test_walk_top_level_value_and_what_it_leaves_alone() -> None:
    assert walk(STATUS, "gone") == [(UNKNOWN, "", unknown("gone"))]
    assert walk(STATUS, "enabled") == []
    assert walk({"type": "string"}, "anything") == []
    assert walk(STATUS, None) == []
    assert walk("not a schema", "x") == []
    assert walk(ITEM, {"id": 1, "name": None}) == []  # a null is present, not missing
    assert walk({"type": "object", "x-licensekit-expected": "id"}, {}) == []  # not a list: no rule
    assert walk({"type": "array", "items": [STATUS]}, ["x"]) == []  # tuple items: not walked
    assert walk({"properties": {"a": STATUS}}, {"b": "x"}) == []


def test_walk_follows_allof_and_the_matching_branch() -> None:
    closed = {"type": "string", "enum": ["a"]}
    assert walk({"allOf": [STATUS, {"x-known-values": ["z"]}]}, "q") == [
        (UNKNOWN, "", unknown("q")),
        (UNKNOWN, "", unknown("q", "z")),
    ]
    one_of = {"oneOf": [{"type": "integer"}, STATUS]}
    assert walk(one_of, "q") == [(UNKNOWN, "", unknown("q"))]
    assert walk(one_of, 5) == []
    # anyOf: the first branch the value matches decides.
    any_of = {"anyOf": [closed, STATUS]}
    assert walk(any_of, "a") == []
    assert walk(any_of, "q") == [(UNKNOWN, "", unknown("q"))]
    assert walk({"anyOf": [{"type": "integer"}]}, "q") == []


def tolerated(status: int, headers: dict[str, str], raw: bytes) -> list[tuple[str, str, str]]:
    found = tolerance.tolerated_findings("fusion", "GET", FUSION_LIST, status, headers, raw)
    assert all(f.severity == TOLERATED and f.operation == "listGroupCustomerLicenses" for f in found)
    return [(f.check, f.location, f.message) for f in found]


def test_expected_body_rule_on_an_inferred_status() -> None:
    # Fusion's inferred 401: any body accepted, an Error object expected.
    at, check = "response 401 body", "unexpected_inferred_body"
    assert tolerated(401, JSON, b'{"error": "token expired"}') == []
    assert tolerated(401, JSON, b"") == [(check, at, "no body (an error body was expected)")]
    assert tolerated(401, {"content-type": "text/html"}, b"<html>") == [
        (check, at, "not JSON (text/html, 6 bytes)")
    ]
    assert tolerated(401, {}, b"\xff\xfe") == [(check, at, "not JSON (no content-type, 2 bytes)")]
    assert tolerated(401, JSON, b'{"message": "x"}') == [
        (check, at, 'not the expected shape: b\'{"message": "x"}\'')
    ]
    long_body = json.dumps({"message": "m" * 300}).encode()
    assert tolerated(401, JSON, long_body) == [(check, at, f"not the expected shape: {long_body[:120]!r}")]


def test_documented_json_answer_that_is_not_json_is_left_to_the_strict_checks() -> None:
    assert tolerated(200, JSON, b"{not json") == []
    assert tolerated(200, JSON, b"") == []


def test_deviations_named_by_location_on_a_documented_answer() -> None:
    page = {
        "results": 1,
        "pages": 1,
        "page": 1,
        "licenses": [{"id": 1, "name": "n", "description": "d", "sku": "s", "status": "z"}],
    }
    # (Fusion's description is required since 0.3.0, so its absence is a failure, not listed here.)
    assert tolerated(200, JSON, json.dumps(page).encode()) == [
        (UNKNOWN, "response 200 body.licenses[].status", unknown("z")),
    ]
    assert tolerance.tolerated_findings("fusion", "get", FUSION_LIST, 200, JSON, json.dumps(page).encode())


def finding(n: int, check: str = UNKNOWN) -> Finding:
    return Finding(
        "fusion", "op", check, TOLERATED, f"response 200 body.f{n:02d}", "'v' is not a known value"
    )


def test_summary_shows_the_most_frequent_warnings_first_and_counts_the_rest() -> None:
    seen: Counter[Finding] = Counter()
    for n in range(tolerance.MAX_SHOWN + 3):
        seen[finding(n)] = n + 1
    header = Finding(
        "fusion", "op", "missing_expected_header", TOLERATED, "response 403 header ms-cv", ABSENT
    )
    seen[header] = 100
    tolerance.RECORD.seen["fusion"] = seen
    tolerance.RECORD.answers["fusion"] = 200
    lines = tolerance.summary_lines(["fusion"])
    total = sum(seen.values())
    assert lines[1] == (
        f"{'fusion':<16}{200:>11}{total:>10}  missing_expected_header: 100, unknown_enum_value: {total - 100}"
    )
    assert lines[2] == f"  WARNING missing_expected_header: op response 403 header ms-cv: {ABSENT} (x100)"
    assert (
        lines[3] == "  WARNING unknown_enum_value: op response 200 body.f10: 'v' is not a known value (x11)"
    )
    assert len(lines) == 2 + tolerance.MAX_SHOWN + 1
    assert lines[-1] == f"  ... {len(seen) - tolerance.MAX_SHOWN} more distinct warnings"


def test_summary_exactly_at_the_cap_has_no_more_line() -> None:
    tolerance.RECORD.answers["fusion"] = 1
    tolerance.RECORD.seen["fusion"] = Counter({finding(n): 1 for n in range(tolerance.MAX_SHOWN)})
    lines = tolerance.summary_lines(["fusion"])
    assert len(lines) == 2 + tolerance.MAX_SHOWN and "more distinct" not in lines[-1]


def test_observer_reads_header_lists_and_plain_values() -> None:
    answer = fake.Response(
        fake.Request("GET", "http://127.0.0.1/licenses"),
        401,
        {"Content-Type": ["text/html", "ignored"], "X-Other": "plain"},
        b"<html>",
    )
    check = tolerance.observer("fusion")
    assert check(None, answer, fake.case("listGroupCustomerLicenses", "GET", FUSION_LIST)) is None
    assert tolerance.RECORD.answers["fusion"] == 1
    assert [(f.check, f.location, f.message) for f in tolerance.RECORD.seen["fusion"]] == [
        ("unexpected_inferred_body", "response 401 body", "not JSON (text/html, 6 bytes)")
    ]
    assert tolerance._headers(answer) == {"content-type": "text/html", "x-other": "plain"}
