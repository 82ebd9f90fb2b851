"""Figure 6: the validating proxy's added latency per request, against a direct call to the mock.

The mock (`licensekit serve`) and the proxy in front of it (`licensekit proxy --upstream MOCK`) each run
in their own process. One keep-alive httpx client sends the same request N times in sequence, first
straight to the mock, then through the proxy (alternating per run, so drift in machine load hits both);
the figure is the difference of the median latencies. Reported, not asserted.
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
            _proxy(scenario.api, mock.url, Path(tmp) / "drift.jsonl") as proxy,
        ):
            check(mock.url, scenario)
            check(proxy.url, scenario)
            log = Path(tmp) / "drift.jsonl"
            before = log.read_text().count("\n")  # the start-up probe of "/" is an undocumented path
            direct: list[float] = []
            proxied: list[float] = []
            proxy_cpu = 0.0
            for n in range(runs):
                order = [(mock.url, direct), (proxy.url, proxied)]
                for url, sink in order if n % 2 == 0 else reversed(order):
                    cpu_before = proxy.cpu_seconds()
                    sink.extend(_latencies(url, scenario, requests))
                    if sink is proxied:  # the proxy's own CPU (the upstream's is in the direct figure)
                        proxy_cpu += proxy.cpu_seconds() - cpu_before
            time.sleep(0.2)  # the last exchange is validated just after its answer is sent
            drift = log.read_text().count("\n") - before
        d, p = _summary(direct), _summary(proxied)
        rows.append(
            {
                "api": scenario.api,
                "operation": scenario.operation,
                "method": scenario.method,
                "requests": len(direct),
                "direct": d,
                "proxied": p,
                "added_median": p["median"] - d["median"],
                "added_p95": p["p95"] - d["p95"],
                "drift_records": drift,
                "proxy_cpu_per_request": proxy_cpu / ((requests + 50) * runs),
            }
        )
    return rows


def render(rows: list[dict[str, Any]]) -> list[str]:
    lines = [
        "## 6. Validating proxy: added latency per request (sequential, keep-alive, loopback)",
        "",
        "| API | operation | requests each | direct median ms | proxied median ms | added median ms "
        "| direct p95 ms | proxied p95 ms | proxy CPU µs/request | drift records |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['api']} | {r['operation']} ({r['method']}) | {r['requests']:,} "
            f"| {r['direct']['median'] * 1e3:.3f} | {r['proxied']['median'] * 1e3:.3f} "
            f"| {r['added_median'] * 1e3:.3f} | {r['direct']['p95'] * 1e3:.3f} "
            f"| {r['proxied']['p95'] * 1e3:.3f} | {r['proxy_cpu_per_request'] * 1e6:.0f} "
            f"| {r['drift_records']} |"
        )
    lines += [
        "",
        "The proxy validates each request and answer against the spec after forwarding the answer; "
        "drift records should be 0 (our mock keeps to its spec). Proxy CPU per request (forwarding plus "
        "validation, from /proc) is the figure least moved by other load on the machine.",
        "",
    ]
    return lines


if __name__ == "__main__":
    print("\n".join(render(run(runs=1, requests=500))))
