"""Every documented error status of every operation, asked for once (see probes.py for how)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from . import plumbing, suite
from .coverage import COVERAGE
from .probes import PROBES, Probe


@pytest.mark.parametrize("probe", PROBES, ids=[p.id for p in PROBES])
def test_status_probe(probe: Probe, start_target: Any) -> None:
    target: plumbing.Target = start_target(probe.api)
    if probe.mock_only and not target.is_mock:
        pytest.skip(f"needs {probe.mock_only}")
    suite.need(probe.api, target.ids, *probe.needs)
    request = probe.build(target)
    suite.guard_writes(probe.api, request.method)
    headers = dict(request.headers)
    if request.claims is not None:
        headers["Authorization"] = f"Bearer {target.server.token(**request.claims)}"
    elif request.auth and target.token:
        headers["Authorization"] = f"Bearer {target.token}"
    if probe.fault:
        target.server.inject_fault(probe.status, operation=probe.operation_id)
    url = f"{target.base_url}{request.path}"
    try:
        answer = httpx.request(
            request.method,
            url,
            params=request.params,
            headers=headers,
            json=request.json,
            content=request.content,
            timeout=15,
        )
    finally:
        if probe.fault:
            target.server.clear_faults()
    COVERAGE.record_httpx(probe.api, answer, target.base_url)
    assert answer.status_code == probe.status, (
        f"{probe.operation_id}: {probe.why} should answer {probe.status} (documented), got "
        f"{answer.status_code}: {answer.text[:300]}"
    )
