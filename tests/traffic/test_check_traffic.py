"""`licensekit check-traffic`: recorded exchanges judged as the proxy judges them, with the same findings,
report, exit codes, baseline and --strict; other hosts and paths counted and skipped; broken entries
skipped, counted and said."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from licensekit.contract.registry import servers

from . import har_writer
from .planted import BY_NAME, PLANTED, Planted, bent, call, other_pc_user

SCHEMA = Path(__file__).resolve().parents[2] / "src/licensekit/contract/schemas/findings-v1.schema.json"


def check_traffic(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "licensekit", "check-traffic", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def record(api: str, tmp_path: Path, planted: list[Planted], name: str = "t.har", **claims) -> Path:
    """A HAR of the planted exchanges, made against the bent mock and written as if the spec's server had
    answered (the URL's origin replaced), so check-traffic needs no --base-url."""
    server = servers(api)[0]
    entries = []
    with bent(api) as (upstream, url):
        for p in planted:
            answer = call(upstream, url, p, **claims)
            entries.append(har_writer.entry(answer, url=str(answer.request.url).replace(url, server)))
    return har_writer.write(tmp_path / name, entries)


def findings(path: Path) -> dict:
    document = json.loads(path.read_text())
    jsonschema.validate(document, json.loads(SCHEMA.read_text()))
    return document


@pytest.mark.parametrize("planted", PLANTED, ids=[p.name for p in PLANTED])
def test_each_planted_answer_gives_its_finding(tmp_path: Path, planted: Planted) -> None:
    har = record(planted.api, tmp_path, [planted])
    run = check_traffic("--api", planted.api, str(har), "--findings", str(tmp_path / "f.json"))
    got = {
        (f["operation"], f["check"], f["severity"], f["location"])
        for f in findings(tmp_path / "f.json")["findings"]
    }
    assert planted.finding in got, (got, run.stdout)
    assert run.returncode == (1 if planted.finding[2] == "failure" else 0), run.stdout + run.stderr
    assert "1 entries: 1 judged" in run.stdout


def test_unbent_traffic_has_no_finding_and_passes(tmp_path: Path) -> None:
    unbent = [Planted(p.name, p.api, p.path, lambda a: a, p.finding) for p in PLANTED if p.api == "fusion"]
    har = record("fusion", tmp_path, unbent)
    run = check_traffic("--api", "fusion", str(har))
    assert run.returncode == 0, run.stdout + run.stderr
    assert "no drift: every exchange matched the spec" in run.stdout


def test_same_deviation_other_ids_and_tokens_one_fingerprint(tmp_path: Path) -> None:
    missing, five_hundred = BY_NAME["missing expected field"], BY_NAME["500 on Partner Center"]
    monday = record("partner-center", tmp_path, [missing, five_hundred], "monday.har", sub="monday-user")
    tuesday = record(
        "partner-center",
        tmp_path,
        [other_pc_user(missing), other_pc_user(five_hundred)],
        "tuesday.har",
        sub="tuesday-user",
    )
    urls = [
        [e["request"]["url"] for e in json.loads(h.read_text())["log"]["entries"]] for h in (monday, tuesday)
    ]
    assert not set(urls[0]) & set(urls[1])  # other ids
    assert (
        json.loads(monday.read_text())["log"]["entries"][0]["request"]["headers"]
        != json.loads(tuesday.read_text())["log"]["entries"][0]["request"]["headers"]
    )  # another token
    prints = []
    for har in (monday, tuesday):
        out = tmp_path / f"{har.stem}.json"
        check_traffic("--api", "partner-center", str(har), "--findings", str(out))
        document = findings(out)
        prints.append({f["check"]: f["fingerprint"] for f in document["findings"]})
        text = out.read_text()
        token = json.loads(har.read_text())["log"]["entries"][0]["request"]["headers"]
        bearer = next(h["value"] for h in token if h["name"] == "authorization").split()[1]
        assert bearer not in text  # the reproduction carries no token
        assert "curl -X GET" in text and "authorization: Bearer ***" in text
    assert prints[0] == prints[1]
    # two different deviations, two fingerprints
    assert prints[0]["missing_expected_property"] != prints[0]["not_a_server_error"]


def test_other_hosts_and_paths_outside_the_servers_are_counted_and_skipped(tmp_path: Path) -> None:
    with bent("fusion") as (upstream, url):
        answer = call(upstream, url, BY_NAME["500 with a body the spec accepts"])
    gateway = "https://gw.example.net/fusion"
    real = str(answer.request.url).replace(url, gateway)
    entries = [
        har_writer.entry(answer, url=real),  # judged: under the base path
        har_writer.entry(answer, url="https://cdn.example.com/app.js"),  # another host
        har_writer.entry(answer, url="https://gw.example.net/other/api/v01/x"),  # the host, outside the base
    ]
    har = har_writer.write(tmp_path / "mixed.har", entries)
    run = check_traffic("--api", "fusion", str(har), "--base-url", gateway)
    assert "3 entries: 1 judged, 1 for other hosts and 1 outside the API's base path skipped" in run.stdout
    assert run.returncode == 1 and "not_a_server_error" in run.stdout
    # Without --base-url, the spec's servers: nothing of this file is the API's, and that is no pass.
    nothing = check_traffic("--api", "fusion", str(har))
    assert nothing.returncode == 2 and "no exchange with the fusion API was judged" in nothing.stderr


def test_a_broken_entry_is_skipped_counted_and_said(tmp_path: Path) -> None:
    har = record("partner-center", tmp_path, [BY_NAME["missing expected field"]])
    document = json.loads(har.read_text())
    good = document["log"]["entries"][0]
    document["log"]["entries"] = [
        {"request": good["request"], "response": {**good["response"], "status": "abc"}},
        "not an entry",
        {
            **good,
            "response": {**good["response"], "content": {"size": 4, "text": "%%%%", "encoding": "base64"}},
        },
        good,
    ]
    har.write_text(json.dumps(document))
    run = check_traffic("--api", "partner-center", str(har))
    assert (
        "4 entries: 1 judged, 0 for other hosts and 0 outside the API's base path skipped, 3 broken skipped"
        in run.stdout
    )
    assert "skipped broken entry 1: response.status 'abc' is not a status code" in run.stdout
    assert "skipped broken entry 2: not an object" in run.stdout
    assert "skipped broken entry 3: response.content.text is not valid base64" in run.stdout
    assert run.returncode == 0 and "missing_expected_property" in run.stdout


def test_json_cut_short_is_one_line_and_exit_2(tmp_path: Path) -> None:
    har = record(
        "fusion",
        tmp_path,
        [BY_NAME["unknown value of an open enum"], BY_NAME["500 with a body the spec accepts"]],
    )
    text = har.read_text()
    har.write_text(text[: len(text) * 2 // 3])
    run = check_traffic("--api", "fusion", str(har))
    assert run.returncode == 2 and "Traceback" not in run.stderr
    [line] = run.stderr.strip().splitlines()
    assert str(har) in line and "not valid JSON after entry 1" in line


def test_the_proxy_drift_log_is_read_too(tmp_path: Path) -> None:
    log = tmp_path / "drift.jsonl"
    good = {
        "time": "2026-12-07T02:00:00Z",
        "api": "fusion",
        "operation": "getCustomerLicense",
        "method": "GET",
        "path": "/x",
        "status": 500,
        "check": "not_a_server_error",
        "severity": "failure",
        "departures": ["response 500: the server answered 500"],
        "locations": ["response 500"],
        "curl": "curl -X GET http://u/x",
    }
    log.write_text(
        json.dumps(good)
        + "\n"
        + json.dumps(good)[:40]
        + "\n"
        + json.dumps({**good, "api": "cloudcockpit"})
        + "\n"
    )
    run = check_traffic("--api", "fusion", str(log), "--findings", str(tmp_path / "f.json"))
    assert run.returncode == 1
    assert "1 drift records of fusion, 1 of other APIs" in run.stdout
    assert "skipped 1 line(s) that are not drift records (line 2)" in run.stdout
    [entry] = findings(tmp_path / "f.json")["findings"]
    assert (entry["check"], entry["location"], entry["messages"]) == (
        "not_a_server_error",
        "response 500",
        ["the server answered 500"],
    )
