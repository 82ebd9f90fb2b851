"""Figure 6: the validating proxy's added latency and CPU per request, against its ceiling and an anchor.

The mock (`licensekit serve`) runs in its own process; in front of it, each in its own process: our
proxy (`licensekit proxy --upstream MOCK`), the ceiling (bench/forwarder.py: a bare pass-through
forwarder on the proxy's own server and upstream client, nothing else) and the anchor (`prism proxy SPEC
MOCK` with its defaults: request and answer validation, violations logged). One keep-alive httpx client
sends the same request N times in sequence straight to the mock and through each front (the order
rotates per run, so drift in machine load hits all alike); a front's added latency is its median less
the direct median; its CPU per request is from /proc. Reported, not asserted.
"""

from __future__ import annotations

import contextlib
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from statistics import median, quantiles
from typing import Any

import httpx

from . import servers
from .throughput import SCENARIOS, Scenario, check


@contextlib.contextmanager
def _proxy(api: str, upstream: str, drift_log: Path) -> Iterator[servers.Server]:
    port = servers.free_port()
    cmd = [servers.PYTHON, "-m", "licensekit", "proxy", "--api", api, "--upstream", upstream]
    cmd += ["--port", str(port), "--drift-log", str(drift_log)]
    with servers._process(cmd, url=f"http://127.0.0.1:{port}") as server:
        yield server


def _forwarder(upstream: str) -> contextlib.AbstractContextManager[servers.Server]:
    return servers._process([servers.PYTHON, str(servers.ROOT / "bench" / "forwarder.py"), upstream])


def _prism_proxy(spec: Path, upstream: str) -> contextlib.AbstractContextManager[servers.Server]:
    port = servers.free_port()
    cmd = [str(servers.PRISM), "proxy", "-p", str(port), str(spec), upstream]
    return servers._process(cmd, url=f"http://127.0.0.1:{port}")


FRONTS = ("forwarder", "ours", "prism")  # what stands in front of the mock, besides nothing ("direct")


def _latencies(url: str, scenario: Scenario, requests: int) -> list[float]:
    headers = scenario.request_headers()
    body = scenario.body_text() or None
    out: list[float] = []
    with httpx.Client(base_url=url, headers=headers, timeout=10) as client:
        for _ in range(50):  # warm-up: connections, caches
            client.request(scenario.method, scenario.path, content=body)
        for _ in range(requests):
            start = time.perf_counter()
            answer = client.request(scenario.method, scenario.path, content=body)
            out.append(time.perf_counter() - start)
            if not answer.is_success:
                raise RuntimeError(f"{scenario.operation}: {answer.status_code}")
    return out


def _summary(samples: list[float]) -> dict[str, float]:
    return {"median": median(samples), "p95": quantiles(samples, n=20)[-1]}


def run(runs: int = 3, requests: int = 2000) -> list[dict[str, Any]]:
    rows = []
    for scenario in SCENARIOS:
        if scenario.api != "fusion" and scenario.kind != "read":
            continue  # one read per API, and Fusion's write as well
        with (
            tempfile.TemporaryDirectory() as tmp,
            servers.our_mock(scenario.api) as mock,
            _proxy(scenario.api, mock.url, Path(tmp) / "drift.jsonl") as ours,
            _forwarder(mock.url) as forwarder,
            _prism_proxy(scenario.spec, mock.url) as prism,
        ):
            fronts = {"direct": mock, "forwarder": forwarder, "ours": ours, "prism": prism}
            for server in fronts.values():
                check(server.url, scenario)
            log = Path(tmp) / "drift.jsonl"
            before = log.read_text().count("\n")  # the start-up probe of "/" is an undocumented path
            samples: dict[str, list[float]] = {name: [] for name in fronts}
            cpu = dict.fromkeys(FRONTS, 0.0)
            names = list(fronts)
            for n in range(runs):
                for name in names[n % len(names) :] + names[: n % len(names)]:
                    cpu_before = fronts[name].cpu_seconds()
                    samples[name].extend(_latencies(fronts[name].url, scenario, requests))
                    if name in cpu:  # the front's own CPU (the mock's is in the direct figure)
                        cpu[name] += fronts[name].cpu_seconds() - cpu_before
            time.sleep(0.2)  # the last exchange is validated just after its answer is sent
            drift = log.read_text().count("\n") - before
        summary = {name: _summary(s) for name, s in samples.items()}
        direct = summary["direct"]["median"]
        rows.append(
            {
                "api": scenario.api,
                "operation": scenario.operation,
                "method": scenario.method,
                "requests": len(samples["direct"]),
                "direct": summary["direct"],
                "proxied": summary["ours"],
                "added_median": summary["ours"]["median"] - direct,
                "added_p95": summary["ours"]["p95"] - summary["direct"]["p95"],
                "drift_records": drift,
                "proxy_cpu_per_request": cpu["ours"] / ((requests + 50) * runs),
                "fronts": {
                    name: {
                        "median": summary[name]["median"],
                        "added": summary[name]["median"] - direct,
                        "cpu": cpu[name] / ((requests + 50) * runs),
                    }
                    for name in FRONTS
                },
            }
        )
    return rows


def render(rows: list[dict[str, Any]]) -> tuple[list[str], list[tuple[str, bool]]]:
    lines = [
        "## 6. Validating proxy: added latency and CPU per request (sequential, keep-alive, loopback)",
        "",
        "| API | operation | requests each | direct median ms | added median ms: forwarder, ours, Prism "
        "| ours / forwarder | front CPU µs/request: forwarder, ours, Prism | ours / forwarder "
        "| ours p95 ms (direct p95) | drift records |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    targets: list[tuple[str, bool]] = []
    for r in rows:
        f = r["fronts"]
        added = f["ours"]["added"] / f["forwarder"]["added"] if f["forwarder"]["added"] > 0 else float("inf")
        cpu = f["ours"]["cpu"] / f["forwarder"]["cpu"] if f["forwarder"]["cpu"] > 0 else float("inf")
        lines.append(
            f"| {r['api']} | {r['operation']} ({r['method']}) | {r['requests']:,} "
            f"| {r['direct']['median'] * 1e3:.3f} "
            f"| {f['forwarder']['added'] * 1e3:.3f}, {f['ours']['added'] * 1e3:.3f}, "
            f"{f['prism']['added'] * 1e3:.3f} | {added:.2f}x "
            f"| {', '.join(str(round(f[name]['cpu'] * 1e6)) for name in FRONTS)} "
            f"| {cpu:.2f}x | {r['proxied']['p95'] * 1e3:.3f} ({r['direct']['p95'] * 1e3:.3f}) "
            f"| {r['drift_records']} |"
        )
        where = f"{r['api']} {r['operation']}"
        targets.append(
            (f"proxy added latency within 1.3x of the bare forwarder's, {where} ({added:.2f}x)", added <= 1.3)
        )
        targets.append(
            (f"proxy CPU per request within 1.5x of the bare forwarder's, {where} ({cpu:.2f}x)", cpu <= 1.5)
        )
    lines += [
        "",
        "Forwarder: bench/forwarder.py, a bare pass-through on the proxy's own server and upstream client "
        "(the ceiling). Prism: `prism proxy` with its defaults (the anchor). Ours validates each request and "
        "answer against the spec after forwarding the answer; drift records should be 0 (our mock keeps to "
        "its spec). CPU per request is the front's own process (from /proc), the figure least moved by "
        "other load on the machine.",
        "",
    ]
    return lines, targets


if __name__ == "__main__":
    print("\n".join(render(run(runs=1, requests=500))[0]))
