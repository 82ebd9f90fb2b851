"""A secret field's value never reaches a log or a report through a validation message, whatever its
JSON type: each secret field sent (and answered) as a string, a number, a list and an object, through
the proxy (drift log, proxy-report table and JUnit), the mock's own 400 answers (what the suites record)
and the suites' report masking."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from licensekit.masking import SECRET_KEYS, spec_secret_keys
from licensekit.mock.registry import APIS, build_app, spec_path
from licensekit.mock.server import serve_app
from licensekit.proxy import serve

from .upstreams import BentMock

LOGIN = "/api/v01/auth/login"
# One value per JSON type, each distinct and long enough that finding it anywhere is a leak.
VALUES: dict[str, Any] = {
    "string": "Str1ng-Secret-Value",
    "number": 97531864,
    "list": ["L1st-Secret-Value", 86420975],
    "object": {"inner": "0bject-Secret-Value", "n": 75319864},
}
TOKEN_FIELDS = ("access_token", "refresh_token", "token")


def _leaks(text: str) -> list[str]:
    """Every rendering of every secret value found in `text`."""
    shown = []
    for value in VALUES.values():
        shown += [json.dumps(value), json.dumps(value, separators=(",", ":"))]
    shown += ["Str1ng-Secret-Value", "97531864", "L1st-Secret-Value", "86420975", "0bject-Secret-Value"]
    shown += ["75319864"]
    return [s for s in shown if s in text]


@pytest.fixture(scope="module")
def proxied(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[BentMock, Any, Path]]:
    log = tmp_path_factory.mktemp("drift") / "drift.jsonl"
    upstream = BentMock(build_app("fusion"))
    with serve_app(upstream) as url, serve("fusion", url, drift_log=log) as proxy:
        yield upstream, proxy, log


def test_secret_fields_of_every_type_leave_no_trace(proxied: tuple[BentMock, Any, Path]) -> None:
    upstream, proxy, log = proxied
    answers: list[str] = []
    # the request side: the password as each type, alone and inside a body of the wrong shape
    for kind, value in VALUES.items():
        for body in ({"username": "admin@netaxis.example", "password": value}, [{"password": value}]):
            answer = httpx.post(proxy.base_url + LOGIN, json=body)
            # refused (a wrong password is 401): the mock's own message is masked too
            assert answer.status_code == (401 if kind == "string" and isinstance(body, dict) else 400)
            answers.append(answer.text)
    # the answer side: an upstream answering every token field as each type
    for value in VALUES.values():

        def bend(path: str, answer: Any, value: Any = value) -> Any:
            status, headers, content = answer
            data = json.loads(content)
            data.update(dict.fromkeys(TOKEN_FIELDS, value))
            return status, headers, json.dumps(data).encode()

        upstream.bend = bend
        login = {"username": "admin@netaxis.example", "password": "Fusion-Admin-2024!"}
        assert httpx.post(proxy.base_url + LOGIN, json=login).status_code == 200
    upstream.bend = None
    records = proxy.drift()
    checks = {r["check"] for r in records}
    assert {"request_conformance", "response_schema_conformance"} <= checks, checks
    messages = [m for r in records for m in r["departures"]]
    # the messages still say what was wrong, and where
    assert 'request body.password: *** is not of type "string"' in messages, messages
    assert any(m.startswith("response") and '"access_token":"***"' in m for m in messages), messages
    assert any('"password":"***"' in m for m in messages), messages

    report = subprocess.run(
        [
            sys.executable,
            "-m",
            "licensekit",
            "proxy-report",
            str(log),
            "--junit",
            str(log.with_suffix(".xml")),
        ],
        capture_output=True,
        text=True,
    )
    assert report.returncode == 1, report.stderr
    places = {
        "drift log": log.read_text(encoding="utf-8"),
        "proxy-report": report.stdout,
        "proxy-report --junit": log.with_suffix(".xml").read_text(encoding="utf-8"),
        "the mock's 400 answers": "\n".join(answers),
    }
    assert {where: _leaks(text) for where, text in places.items()} == {key: [] for key in places}


def test_the_suites_report_masking_hides_every_type() -> None:
    """contract_tests' report masking (JUnit, terminal): a failure text quoting secret fields."""
    from contract_tests.conftest import mask

    lines = []
    for value in VALUES.values():
        compact = json.dumps({"username": "u", "password": value}, separators=(",", ":"))
        lines += [
            f'    body password: {json.dumps(value, separators=(",", ":"))} is not of type "string"',
            f"curl -X POST -H 'Content-Type: application/json' -d '{json.dumps({'password': value})}' http://x{LOGIN}",
            f"Response body: {compact}",
            f"client_secret: {json.dumps(value)}",
        ]
    masked = mask("\n".join(lines))
    assert _leaks(masked) == [], masked
    assert 'body password: *** is not of type "string"' in masked


@pytest.mark.parametrize("api", APIS)
def test_every_field_the_spec_marks_secret_is_in_the_one_list(api: str) -> None:
    document = yaml.safe_load(spec_path(api).read_text(encoding="utf-8"))
    marked = spec_secret_keys(document)
    assert {name.lower() for name in marked} <= SECRET_KEYS, marked - SECRET_KEYS
    if api == "fusion":
        assert "password" in marked  # LoginRequest.password is `format: password`


def test_spec_secret_keys_finds_write_only_and_password_formats() -> None:
    schema = {
        "components": {
            "schemas": {
                "A": {"properties": {"pin": {"type": "string", "format": "password"}, "name": {}}},
                "B": {"properties": {"seed": {"writeOnly": True}}, "items": [{"properties": {}}]},
            }
        }
    }
    assert spec_secret_keys(schema) == {"pin", "seed"}
