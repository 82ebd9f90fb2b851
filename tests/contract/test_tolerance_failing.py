"""contract_tests/tolerance.py on the inputs each warning exists for: walk() over every schema form the
specs use, the expected-body rule, and the summary when warnings overflow what it shows."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest

from contract_tests import tolerance
from contract_tests.tolerance import Deviation, deviations, walk

STATUS = {"type": "string", "x-known-values": ["enabled", "disabled"]}
ITEM = {"type": "object", "x-licensekit-expected": ["id", "name"], "properties": {"status": STATUS}}
FUSION_LIST = "/api/v01/draas/{draas_instance}/groups/{uuid}/customer_licenses"
JSON = {"content-type": "application/json"}


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
        ("missing expected property", "items[].name", "absent"),
        ("unknown value", "items[].status", "'archived' (known: enabled, disabled)"),
        ("unknown value", "status", "'x' (known: enabled, disabled)"),
    ]


def test_walk_top_level_value_and_what_it_leaves_alone() -> None:
    assert walk(STATUS, "gone") == [("unknown value", "(body)", "'gone' (known: enabled, disabled)")]
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
        ("unknown value", "(body)", "'q' (known: enabled, disabled)"),
        ("unknown value", "(body)", "'q' (known: z)"),
    ]
    one_of = {"oneOf": [{"type": "integer"}, STATUS]}
    assert walk(one_of, "q") == [("unknown value", "(body)", "'q' (known: enabled, disabled)")]
    assert walk(one_of, 5) == []
    # anyOf: the first branch the value matches decides.
    any_of = {"anyOf": [closed, STATUS]}
    assert walk(any_of, "a") == []
    assert walk(any_of, "q") == [("unknown value", "(body)", "'q' (known: enabled, disabled)")]
    assert walk({"anyOf": [{"type": "integer"}]}, "q") == []


def test_expected_body_rule_on_an_inferred_status() -> None:
    # Fusion's inferred 401: any body accepted, an Error object expected.
    def warn(raw: bytes, headers: dict[str, str] = JSON) -> list[Deviation]:
        return deviations("fusion", "GET", FUSION_LIST, 401, headers, raw)

    where = f"GET {FUSION_LIST} -> 401"
    assert warn(b'{"error": "token expired"}') == []
    assert warn(b"") == [Deviation("unexpected body", where, "no body (an error body was expected)")]
    assert warn(b"<html>", {"content-type": "text/html"}) == [
        Deviation("unexpected body", where, "not JSON (text/html, 6 bytes)")
    ]
    assert warn(b"\xff\xfe", {}) == [
        Deviation("unexpected body", where, "not JSON (no content-type, 2 bytes)")
    ]
    assert warn(b'{"message": "x"}') == [
        Deviation("unexpected body", where, 'not the expected shape: b\'{"message": "x"}\'')
    ]
    long_body = json.dumps({"message": "m" * 300}).encode()
    (deviation,) = warn(long_body)
    assert deviation.detail == f"not the expected shape: {long_body[:120]!r}"


def test_documented_json_answer_that_is_not_json_is_left_to_the_strict_checks() -> None:
    assert deviations("fusion", "GET", FUSION_LIST, 200, JSON, b"{not json") == []
    assert deviations("fusion", "GET", FUSION_LIST, 200, JSON, b"") == []


def test_method_is_matched_case_blind_and_path_as_a_template() -> None:
    page = {
        "results": 1,
        "pages": 1,
        "page": 1,
        "licenses": [{"id": 1, "name": "n", "sku": "s", "status": "z"}],
    }
    raw = json.dumps(page).encode()
    found = deviations("fusion", "get", FUSION_LIST, 200, JSON, raw)
    assert [(d.kind, d.where) for d in found] == [
        ("missing expected property", f"GET {FUSION_LIST} -> 200: licenses[].description"),
        ("unknown value", f"GET {FUSION_LIST} -> 200: licenses[].status"),
    ]


def test_summary_shows_the_most_frequent_warnings_first_and_counts_the_rest() -> None:
    seen: Counter[Deviation] = Counter()
    for n in range(tolerance.MAX_SHOWN + 3):
        seen[Deviation("unknown value", f"GET /x -> 200: f{n:02d}", "'v'")] = n + 1
    seen[Deviation("missing expected header", "GET /y -> 403", "MS-CV")] = 100
    tolerance.RECORD.seen["fusion"] = seen
    tolerance.RECORD.answers["fusion"] = 200
    lines = tolerance.summary_lines(["fusion"])
    total = sum(seen.values())
    assert lines[1] == (
        f"{'fusion':<16}{200:>11}{total:>10}  missing expected header: 100, unknown value: {total - 100}"
    )
    assert lines[2] == "  WARNING missing expected header: GET /y -> 403: MS-CV (x100)"
    assert lines[3] == "  WARNING unknown value: GET /x -> 200: f10: 'v' (x11)"
    assert len(lines) == 2 + tolerance.MAX_SHOWN + 1
    assert lines[-1] == f"  ... {len(seen) - tolerance.MAX_SHOWN} more distinct warnings"


def test_summary_exactly_at_the_cap_has_no_more_line() -> None:
    tolerance.RECORD.answers["fusion"] = 1
    tolerance.RECORD.seen["fusion"] = Counter(
        {Deviation("unknown value", f"w{n}", "d"): 1 for n in range(tolerance.MAX_SHOWN)}
    )
    lines = tolerance.summary_lines(["fusion"])
    assert len(lines) == 2 + tolerance.MAX_SHOWN and "more distinct" not in lines[-1]


def test_observer_reads_header_lists_and_plain_values() -> None:
    class Op:
        method = "GET"
        path = FUSION_LIST

    class Case:
        operation = Op()

    class Answer:
        status_code = 401
        headers: dict[str, Any] = {"Content-Type": ["text/html", "ignored"], "X-Other": "plain"}
        content = b"<html>"

    check = tolerance.observer("fusion")
    assert check(None, Answer(), Case()) is None
    assert tolerance.RECORD.answers["fusion"] == 1
    assert list(tolerance.RECORD.seen["fusion"]) == [
        Deviation("unexpected body", f"GET {FUSION_LIST} -> 401", "not JSON (text/html, 6 bytes)")
    ]
    assert tolerance._headers(Answer()) == {"content-type": "text/html", "x-other": "plain"}
