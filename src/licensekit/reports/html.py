"""One self-contained HTML page per run: findings, coverage and history, readable offline.

The page carries its styles, its script and its data inline (it makes no network request), so it can be
attached to a CI run and opened anywhere. The overview (per API: result, findings new / known / gone /
expired, coverage per dimension) is written here as HTML tables, so it reads without the script; the
script draws the operations (statuses reached vs documented, what was never exercised, the findings, the
history strips) from the embedded data, one operation's findings at a time, so that a page with 10,000
findings opens at once.

Pass and fail are said in words and symbols, not by colour alone; every control is a real button, select
or input, reachable by keyboard.
"""

from __future__ import annotations

import json
from html import escape
from importlib import resources
from typing import Any

from ..contract.coverage import DIMENSIONS
from ..contract.findings import FAILURE
from . import history as H

DIMENSION_NAMES = {
    "operations": "operations",
    "statuses": "statuses",
    "parameters": "parameters",
    "enums": "request enum values",
    "properties": "response properties",
    "known_values": "known values of open enums",
    "examples": "vendor examples",
}
# No request of any kind: styles and the script are inline, and nothing else may load.
CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"
SEARCH_HINT = "operation, check, location, message"
SEVERITY_CODE = {FAILURE: 0, "tolerated": 1}
BASELINE_CODE = {None: 0, "new": 1, "known": 2}


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def _script_json(data: Any) -> str:
    """JSON that cannot end the <script> element holding it, nor open a comment."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def api_overview(findings: dict[str, Any], coverage: dict[str, Any] | None) -> list[dict[str, Any]]:
    """Per API: result, finding counts (failures, tolerated, new, known, gone, expired), coverage."""
    baseline = findings.get("baseline") or {}
    gone, expired = set(baseline.get("gone", [])), set(baseline.get("expired", []))
    apis: dict[str, dict[str, Any]] = {}

    def row(api: str) -> dict[str, Any]:
        if api not in apis:
            apis[api] = {
                "api": api,
                "failures": 0,
                "tolerated": 0,
                "new": 0,
                "known": 0,
                "gone": 0,
                "expired": 0,
                "new_failures": 0,
                "coverage": None,
            }
        return apis[api]

    for api in (coverage or {}).get("apis", []):
        row(api["api"])["coverage"] = api["dimensions"]
    for f in findings.get("findings", []):
        r = row(f["api"])
        r["failures" if f["severity"] == FAILURE else "tolerated"] += 1
        mark = f.get("baseline")
        if mark in ("new", "known"):
            r[mark] += 1
        if f["severity"] == FAILURE and mark != "known":
            r["new_failures"] += 1
        if f["fingerprint"] in expired:
            r["expired"] += 1
    # Gone and expired fingerprints carry no API of their own: a gone one is in the baseline only. Say them
    # per run, on the row of every API when there is one API, else on a row of their own.
    if gone or expired:
        counted = sum(r["expired"] for r in apis.values())
        if len(apis) == 1:
            only = next(iter(apis.values()))
            only["gone"], only["expired"] = len(gone), len(expired)
        else:
            r = row("(baseline)")
            r["gone"], r["expired"] = len(gone), len(expired) - counted
    for r in apis.values():
        r["result"] = "fail" if r["new_failures"] or r["expired"] else "pass"
    return sorted(apis.values(), key=lambda r: r["api"])


def _cell(value: Any, field: str, api: str) -> str:
    return f'<td data-api="{escape(api)}" data-field="{field}">{escape(str(value))}</td>'


def _result(result: str, tolerated: int) -> str:
    if result == "fail":
        return '<span class="result fail"><span aria-hidden="true">✗</span> fail</span>'
    if tolerated:
        return '<span class="result tolerated"><span aria-hidden="true">~</span> pass (tolerated only)</span>'
    return '<span class="result pass"><span aria-hidden="true">✓</span> pass</span>'


def _bar(dim: dict[str, Any] | None) -> str:
    if not dim or dim["percent"] is None:
        return '<span class="muted">n/a</span>'
    pct = dim["percent"]
    return (
        f'<span class="bar" aria-hidden="true"><span style="width:{pct:.1f}%"></span></span> '
        f'<span class="pct">{pct:g}%</span> <span class="muted">({dim["covered"]}/{dim["total"]})</span>'
    )


def _overview(rows: list[dict[str, Any]], has_coverage: bool) -> str:
    head = "".join(
        f'<th scope="col">{h}</th>'
        for h in ("API", "Result", "Failures", "Tolerated", "New", "Known", "Gone", "Expired")
    )
    body = []
    for r in rows:
        a = r["api"]
        cells = [
            f'<th scope="row">{escape(a)}</th>',
            f'<td data-api="{escape(a)}" data-field="result">{_result(r["result"], r["tolerated"])}</td>',
            *(_cell(r[k], k, a) for k in ("failures", "tolerated", "new", "known", "gone", "expired")),
        ]
        body.append(f"<tr>{''.join(cells)}</tr>")
    out = [
        '<table id="overview-findings"><caption>Findings per API (distinct findings; new and known against '
        "the baseline)</caption>",
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>",
    ]
    if has_coverage:
        head = '<th scope="col">API</th>' + "".join(
            f'<th scope="col">{DIMENSION_NAMES[d]}</th>' for d in DIMENSIONS
        )
        rows_html = []
        for r in rows:
            if r["coverage"] is None:
                continue
            a = escape(r["api"])
            bars = "".join(
                f'<td data-api="{a}" data-field="coverage-{d}">{_bar(r["coverage"].get(d))}</td>'
                for d in DIMENSIONS
            )
            rows_html.append(f'<tr><th scope="row">{a}</th>{bars}</tr>')
        out.append(
            '<table id="overview-coverage"><caption>Spec coverage per API: share of what the spec names '
            "that the run exercised</caption>"
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows_html)}</tbody></table>"
        )
    return "\n".join(out)


def page_data(
    findings: dict[str, Any], coverage: dict[str, Any] | None, history: H.History | None
) -> dict[str, Any]:
    """The compact data the page's script draws from."""
    apis: list[str] = []
    ops: list[dict[str, Any]] = []
    index: dict[tuple[str, str], int] = {}

    def op_index(api: str, operation: str) -> int:
        key = (api, operation)
        if key not in index:
            if api not in apis:
                apis.append(api)
            index[key] = len(ops)
            ops.append({"a": apis.index(api), "o": operation})
        return index[key]

    for api in (coverage or {}).get("apis", []):
        for op in api["operations"]:
            entry = ops[op_index(api["api"], op["operation"])]
            entry.update(
                m=op["method"],
                p=op["path"],
                n=op["requests"],
                doc=op["statuses"]["documented"],
                got=op["statuses"]["reached"],
                und=op["statuses"]["undocumented"],
                pct=op["percent"],
                dims={
                    d: [v["covered"], v["total"], v["percent"], v["missing"]]
                    for d, v in op["dimensions"].items()
                },
            )
    rows = []
    for f in findings.get("findings", []):
        rows.append(
            [
                op_index(f["api"], f["operation"]),
                SEVERITY_CODE.get(f["severity"], 0),
                BASELINE_CODE.get(f.get("baseline"), 0),
                f["check"],
                f["location"],
                f["count"],
                f["first_seen"],
                f["last_seen"],
                f.get("messages", []),
                f.get("curl", ""),
                f["fingerprint"],
            ]
        )
    data: dict[str, Any] = {"apis": apis, "ops": ops, "f": rows, "dims": list(DIMENSIONS)}
    data["dimNames"] = DIMENSION_NAMES
    if history is not None:
        strips = H.per_operation(history)
        data["runs"] = [r["started"] for r in history.runs]
        for op in ops:
            h = strips.get(f"{apis[op['a']]} {op['o']}")
            if h is not None:
                op["hs"] = h["states"]
                op["ht"] = h["trend"]
    return data


def render(
    findings: dict[str, Any],
    coverage: dict[str, Any] | None = None,
    history: H.History | None = None,
    *,
    title: str = "licensekit contract report",
) -> str:
    """The whole page as one string. `findings` is a findings record as JSON (docs/findings.md),
    `coverage` a coverage report (docs/coverage.md), `history` the runs of a history folder."""
    rows = api_overview(findings, coverage)
    baseline = findings.get("baseline")
    meta = [
        ("source", findings.get("source", "")),
        ("started", findings.get("started", "")),
        ("finished", findings.get("finished", "")),
        ("exchanges judged", findings.get("exchanges", 0)),
        ("distinct findings", len(findings.get("findings", []))),
    ]
    if coverage is not None:
        meta.append(("exchanges counted for coverage", coverage.get("exchanges", 0)))
    if baseline:
        meta.append(("baseline", baseline.get("file", "")))
    if history is not None:
        meta.append(("runs in the history", len(history.runs)))
    verdict = "fail" if any(r["result"] == "fail" for r in rows) else "pass"
    dl = "".join(
        f'<div><dt>{escape(k)}</dt><dd data-field="{escape(k)}">{escape(str(v))}</dd></div>' for k, v in meta
    )
    unreadable = ""
    if history is not None and history.unreadable:
        items = "".join(f"<li>{escape(u)}</li>" for u in history.unreadable)
        unreadable = f'<p class="note">History files skipped:</p><ul class="note">{items}</ul>'
    run_result = _result(verdict, sum(r["tolerated"] for r in rows))
    data = _script_json(page_data(findings, coverage, history))
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<title>{escape(title)}</title>
<style>{_asset("report.css")}</style>
</head>
<body>
<a class="skip" href="#operations">Skip to the operations</a>
<header>
<h1>{escape(title)}</h1>
<p class="run-result" id="run-result">Run result: {run_result}</p>
<dl class="meta">{dl}</dl>
</header>
<main>
<section aria-labelledby="overview-heading">
<h2 id="overview-heading">Overview</h2>
{_overview(rows, coverage is not None)}
{unreadable}
</section>
<section aria-labelledby="operations-heading" id="operations">
<h2 id="operations-heading">Operations</h2>
<form id="filters" class="filters" role="search" onsubmit="return false">
<label>API <select id="filter-api"><option value="">all</option></select></label>
<label>Severity <select id="filter-severity"><option value="">all</option>
<option value="0">failures</option><option value="1">tolerated</option></select></label>
<label><input type="checkbox" id="filter-new"> new only</label>
<label>Search <input type="search" id="filter-search" placeholder="{SEARCH_HINT}"></label>
</form>
<p id="filter-status" role="status" aria-live="polite"></p>
<div id="operations-body">
<noscript>The operations need JavaScript; the overview above does not.</noscript>
</div>
</section>
</main>
<p id="copy-status" class="visually-hidden" role="status" aria-live="polite"></p>
<script type="application/json" id="report-data">{data}</script>
<script>{_asset("report.js")}</script>
</body>
</html>
"""
