"""The run's findings record (`licensekit.contract.record`): schemathesis' failures and the judge's
tolerated findings of every answer the suites checked, each with one curl reproduction, secrets masked.

`make contract` writes it to reports/findings.json (`--findings FILE`), compares it with `--baseline FILE`
and, with `--update-baseline`, writes it into that file. A failure whose fingerprint the baseline holds is
reported as xfailed ("known deviation") instead of failed; a new one fails its test as before. Tolerated
findings fail the run only under `--strict-findings` (`test_findings.py`, run last).
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from schemathesis.core.failures import Failure

from licensekit.contract import Finding
from licensekit.contract.baseline import Baseline, Comparison, Gate, compare, gate, updated
from licensekit.contract.record import FindingsRecord
from licensekit.masking import curl, header_secrets, mask_values

from . import plumbing

_RECENT = 512  # answers remembered for the failures raised after their checks ran
_REQUIRED = re.compile(r"""^["'](.+)["'] is a required property$""")


@dataclass
class Seen:
    api: str
    operation: str
    status: int
    response: Any  # schemathesis' Response: its request gives the reproduction, built only when needed


@dataclass
class SuiteFindings:
    record: FindingsRecord = field(default_factory=lambda: FindingsRecord("contract"))
    recent: OrderedDict[str, Seen] = field(default_factory=OrderedDict)  # case id -> its last answer
    raised: dict[int, tuple[BaseException, str]] = field(default_factory=dict)  # failures of the test
    baseline: Baseline | None = None
    update: bool = False  # --update-baseline: every finding of this run becomes known
    strict: bool = False
    comparison: Comparison | None = None
    written: str | None = None  # where the record went (--findings)

    # -- recording -------------------------------------------------------------------------------
    def answer(self, api: str, case: Any, response: Any, tolerated: list[Finding]) -> None:
        """Every answer the suites check (the tolerance observer calls it)."""
        seen = Seen(api, operation_id(case), response.status_code, response)
        self.recent[str(case.id)] = seen
        self.recent.move_to_end(str(case.id))
        while len(self.recent) > _RECENT:
            self.recent.popitem(last=False)
        self.record.exchanges += 1
        for finding in tolerated:
            self._add(finding, seen)

    def failures(self, api: str, case: Any, error: BaseException) -> None:
        """schemathesis' failures of one case: each a finding, remembered for the test's report."""
        for failure in leaves(error):
            if not isinstance(failure, Failure):
                continue
            seen = self.recent.get(str(failure.case_id or case.id))
            status = _status(failure, seen)
            finding = Finding(
                api,
                operation_id(case),
                check_name(failure),
                "failure",
                location(failure, status),
                plumbing_mask(_message(failure)),
            )
            entry = self._add(finding, seen)
            self.raised[id(failure)] = (failure, entry.fingerprint)

    def _add(self, finding: Finding, seen: Seen | None) -> Any:
        reproduction = ""
        if seen is not None:
            request = seen.response.request
            headers = [(str(k), str(v)) for k, v in request.headers.items()]
            body = request.body or b""
            body = body.encode() if isinstance(body, str) else body
            secrets = header_secrets(headers) + _suite_secrets()
            reproduction = curl(str(request.method), str(request.url), headers, body, secrets)
        return self.record.add(finding, curl=reproduction)

    # -- the baseline ------------------------------------------------------------------------------
    def known(self, fingerprint: str) -> bool:
        if self.update:
            return True
        return self.baseline is not None and fingerprint in self.baseline.entries

    def known_failures(self, error: BaseException) -> list[str] | None:
        """The fingerprints of a test's failures when every one is known; else None (it fails)."""
        prints = []
        for failure in leaves(error):
            recorded = self.raised.get(id(failure))
            if recorded is None or recorded[0] is not failure or not self.known(recorded[1]):
                return None
            prints.append(recorded[1])
        return sorted(set(prints)) or None

    def of_api(self, api: str) -> FindingsRecord:
        """The record's entries for one API (the gate and the summary are per API)."""
        out = FindingsRecord("contract", started=self.record.started)
        out.entries = {k: e for k, e in self.record.entries.items() if e.api == api}
        return out

    def gate(self, api: str) -> Gate:
        """What fails `api`'s run (before the session's end: the baseline as it will be written)."""
        record = self.of_api(api)
        baseline = self.baseline
        if self.update and baseline is not None:
            baseline = updated(record, baseline, baseline.path, checked_apis={api})
        comparison = compare(record, baseline, apis={api}) if baseline is not None else None
        return gate(record, comparison, strict=self.strict)

    def conclude(self, apis: list[str], path: str | None) -> None:
        """At the end of the session: update the baseline file if asked, then compare with it."""
        if self.update and self.baseline is not None:
            old = self.baseline
            self.baseline = updated(self.record, old, old.path, checked_apis=set(apis))
            self.baseline.write()
        if self.baseline is not None:
            self.comparison = compare(self.record, self.baseline, apis=set(apis))
            self.comparison.annotate(self.record)
        if path:
            self.record.write(path)
            self.written = path


FINDINGS = SuiteFindings()


def leaves(error: BaseException) -> list[BaseException]:
    if isinstance(error, BaseExceptionGroup):
        return [leaf for inner in error.exceptions for leaf in leaves(inner)]
    return [error]


def operation_id(case: Any) -> str:
    op = case.operation
    return str(op.definition.raw.get("operationId") or f"{op.method.upper()} {op.path}")


def check_name(failure: Failure) -> str:
    """The schemathesis check that raised it (its first, for a failure several checks share); a custom
    check of ours by its title."""
    checks = type(failure).checks
    if checks:
        return checks[0]
    title = str(failure.title or type(failure).__name__)
    return "".join(c if c.isalnum() else "_" for c in title.lower()).strip("_")


def _status(failure: Failure, seen: Seen | None) -> int | None:
    status = getattr(failure, "status_code", None)
    if isinstance(status, int):
        return status
    return seen.status if seen is not None else None


def location(failure: Failure, status: int | None) -> str:
    """A stable location (no values, list items unnumbered), like the judge's."""
    at = f"response {status}" if status is not None else "response"
    missing = getattr(failure, "missing_headers", None)
    if isinstance(missing, list) and missing:
        return f"{at} header {','.join(sorted(h.lower() for h in missing))}"
    path = getattr(failure, "instance_path", None)
    if isinstance(path, list) and "response_schema_conformance" in type(failure).checks:
        parts = "".join("[]" if isinstance(p, int) else f".{p}" for p in path)
        # A missing property is named, as the judge names it (`body.sku`, not `body`).
        required = _REQUIRED.match(str(getattr(failure, "_raw_message", "")))
        return f"{at} body{parts}" + (f".{required.group(1)}" if required else "")
    return at


def _message(failure: Failure) -> str:
    text = " ".join(str(failure.message or failure.title).split())
    return f"{failure.title}: {text}" if failure.title and failure.title not in text else text


def _suite_secrets() -> list[str]:
    out: list[str] = []
    for target in plumbing.settings().targets.values():
        out.extend(target.secrets())
    return out


def plumbing_mask(text: str) -> str:
    return mask_values(text, _suite_secrets())
