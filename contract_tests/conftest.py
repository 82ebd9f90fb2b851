"""Contract suites' pytest plumbing: the target switch, mock start/stop, secret masking, summary table.

Options (each also an environment variable, see README / plumbing.py):
  --api NAME[,NAME]      which suites' targets --target-url applies to (LICENSEKIT_API)
  --target-url URL       aim the (single) selected API at URL instead of our mock (LICENSEKIT_<API>_URL)
  --allow-writes         run writing tests against a non-mock target (LICENSEKIT_ALLOW_WRITES=1)
  --contract-seed N|random   hypothesis/schemathesis seed (LICENSEKIT_CONTRACT_SEED; default 20240501)
  --contract-examples N  max examples per operation (LICENSEKIT_CONTRACT_EXAMPLES; default 25)
  --record DIR           keep schemathesis' HAR / VCR recordings in DIR (LICENSEKIT_CONTRACT_RECORD)
  --findings FILE        write the run's findings record (make contract: reports/findings.json)
  --baseline FILE        known deviations: a known failure is reported xfailed, a new one fails
  --update-baseline      write this run's findings into the --baseline file (reasons kept)
  --strict-findings      tolerated findings fail the run too (make contract STRICT=1)
  --reports DIR          write coverage.json, findings.json and contract.html there (make contract: reports)
  --history DIR          append the run's summary to this history folder (default: <reports>/history)
  --min-coverage DIM=PCT,...   fail the run below it, naming what was not covered (statuses=100,...)

Before any test: live targets are preflighted at configure time (a dead URL or a refused token ends the
run with one line, exit code 4), our mocks are started with a progress line each (then preflighted too).
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Generator
from typing import Any

import pluggy
import pytest
from _pytest._code.code import ReprFileLocation, TerminalRepr
from _pytest._io import TerminalWriter
from _pytest.junitxml import xml_key
from schemathesis.core.failures import Failure, FailureGroup

from licensekit.contract.baseline import Baseline, BaselineError
from licensekit.masking import mask_text, mask_values

from . import plumbing, preflight, reports, summary
from .findings_record import FINDINGS

SUITE_API = plumbing.SUITE_API
CONTRACT_DIR = plumbing.ROOT / "contract_tests"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("licensekit contract suites")
    group.addoption("--api", default=None, help="cloudcockpit, fusion, partner-center or all")
    group.addoption("--target-url", default=None, help="base URL of a non-mock target for the selected --api")
    group.addoption(
        "--allow-writes",
        action="store_true",
        default=False,
        help="allow POST/PUT/PATCH/DELETE against a non-mock target",
    )
    group.addoption("--contract-seed", default=None, help="seed (integer) or 'random'")
    group.addoption("--contract-examples", default=None, help="max examples per operation and phase")
    group.addoption("--record", default=None, metavar="DIR", help="write HAR and VCR recordings to DIR")
    group.addoption("--findings", default=None, metavar="FILE", help="write the findings record (JSON)")
    group.addoption("--baseline", default=None, metavar="FILE", help="known deviations: only new ones fail")
    group.addoption(
        "--update-baseline",
        action="store_true",
        default=False,
        help="write this run's findings into the --baseline file, keeping the reasons of entries that stay",
    )
    group.addoption(
        "--strict-findings", action="store_true", default=False, help="tolerated findings fail the run too"
    )
    group.addoption(
        "--reports", default=None, metavar="DIR", help="write coverage.json, findings.json, contract.html"
    )
    group.addoption(
        "--history", default=None, metavar="DIR", help="history folder (default <reports>/history)"
    )
    group.addoption(
        "--min-coverage",
        default=None,
        metavar="DIM=PCT,...",
        help="fail below these coverage percentages, e.g. statuses=100,properties=90",
    )


PREFLIGHT_LINES: list[str] = []
LAST = {"test_coverage.py": 1, "test_findings.py": 2}  # run after everything else, in this order


def _allow_recording_without_allure() -> None:
    """schemathesis 4.32.5's pytest plugin imports `allure_commons` whenever any report (HAR, VCR) is on,
    before it checks for an Allure writer: without allure installed, `--record` errors every test. We
    never write an Allure report, so the forwarder it would register is not needed."""
    from schemathesis.pytest import plugin

    original = plugin._register_allure_forwarder

    def register(label: str, writers: Any) -> Any:
        if not any(type(w).__name__ in ("AllureWriter", "AllureCallBuffer") for w in writers):
            return None
        return original(label, writers)

    plugin._register_allure_forwarder = register


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "mutants: runs the suites against planted-defect mock variants")
    try:
        s = plumbing.configure(
            seed=config.getoption("--contract-seed"),
            examples=config.getoption("--contract-examples"),
            allow_writes=config.getoption("--allow-writes"),
            target_url=config.getoption("--target-url"),
            api=config.getoption("--api"),
            record_dir=config.getoption("--record"),
        )
        reports.configure(
            config.getoption("--reports"), config.getoption("--history"), config.getoption("--min-coverage")
        )
    except ValueError as exc:  # a wrong --api name or option: a usage error (exit 4), not a traceback
        raise pytest.UsageError(str(exc)) from None
    if s.record_dir:
        _allow_recording_without_allure()
    _configure_findings(config)
    if config.option.collectonly or config.option.help:
        return
    # Live targets first, before collection: a dead URL or a refused token must end the run in seconds.
    for api in s.apis:
        t = s.targets[api]
        if not t.is_mock:
            result = preflight.check(t)
            if not result.ok:
                raise pytest.UsageError(mask(result.line))
            PREFLIGHT_LINES.append(mask(result.line))


def _configure_findings(config: pytest.Config) -> None:
    FINDINGS.strict = bool(config.getoption("--strict-findings"))
    FINDINGS.update = bool(config.getoption("--update-baseline"))
    path = config.getoption("--baseline")
    if FINDINGS.update and not path:
        raise pytest.UsageError("--update-baseline needs --baseline FILE (the file to write)")
    if path:
        try:
            FINDINGS.baseline = Baseline.read(path, missing_ok=FINDINGS.update)
        except BaselineError as exc:  # one line naming the file and the problem, exit 2
            pytest.exit(str(exc), returncode=2)


def pytest_report_header(config: pytest.Config) -> list[str]:
    s = plumbing.settings()
    lines = [f"contract: seed={s.seed}{' (random)' if s.seed_is_random else ''} examples={s.examples}"]
    for api in s.apis:
        t = s.targets[api]
        where = "our mock (free loopback port)" if t.is_mock else t.base_url
        writes = "writes on" if t.allow_writes else "read-only (--allow-writes to write)"
        lines.append(f"contract: {api} -> {where}, {writes}")
    if s.record_dir:
        lines.append(f"contract: recording requests and answers (HAR, VCR) to {s.record_dir}")
    if FINDINGS.baseline is not None:
        mode = "updating" if FINDINGS.update else "comparing with"
        entries = len(FINDINGS.baseline.entries)
        lines.append(f"contract: {mode} baseline {FINDINGS.baseline.path} ({entries} entries)")
    if FINDINGS.strict:
        lines.append("contract: --strict-findings: tolerated findings fail the run")
    return lines + [f"contract: {line}" for line in PREFLIGHT_LINES]


def item_api(item: pytest.Item) -> str | None:
    """The API a contract test belongs to: its suite module, or its `api` / `probe` parameter (None for
    tests outside contract_tests/, e.g. tests/mock/test_fusion.py in a `make test` session)."""
    if CONTRACT_DIR not in item.path.parents:
        return None
    api = SUITE_API.get(item.path.name)
    if api is None and hasattr(item, "callspec"):
        params = item.callspec.params
        api = params.get("api") or getattr(params.get("probe"), "api", None)
    return api


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Only the selected APIs' tests run (`--api fusion`); the coverage checks run last."""
    selected = set(plumbing.settings().apis)
    keep: list[pytest.Item] = []
    drop: list[pytest.Item] = []
    for item in items:
        api = item_api(item)
        (drop if api is not None and api not in selected else keep).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
    # stable: the rest keep their order; the findings gate after the coverage rules, last of all
    keep.sort(key=lambda item: LAST.get(item.path.name, 0))
    items[:] = keep


def pytest_collection_finish(session: pytest.Session) -> None:
    """Start our mocks for the APIs about to be tested, with a progress line each, and preflight them."""
    if session.config.option.collectonly:
        return
    apis = {item_api(item) for item in session.items}
    tr = session.config.pluginmanager.get_plugin("terminalreporter")
    for api in plumbing.settings().apis:
        t = plumbing.target(api)
        if api not in apis or not t.is_mock:
            continue
        start = time.monotonic()
        MOCKS.target(api)
        result = preflight.check(t)
        line = f"contract: {api} mock at {t.base_url}, up in {time.monotonic() - start:.2f} s; {result.line}"
        if tr is not None:
            tr.write_line(line)
        if not result.ok:
            pytest.exit(mask(result.line), returncode=4)


class Mocks:
    """Our mock servers, started on free loopback ports (before the first test, or on first use), stopped
    at the end of the session."""

    def __init__(self) -> None:
        self._stack = contextlib.ExitStack()

    def target(self, api: str) -> plumbing.Target:
        t = plumbing.target(api)
        if t.is_mock and t.server is None:
            from licensekit.mock import serve

            t.server = self._stack.enter_context(serve(api))
            t.base_url = t.server.base_url.rstrip("/")
        return t

    def close(self) -> None:
        self._stack.close()


MOCKS = Mocks()


def pytest_unconfigure(config: pytest.Config) -> None:
    MOCKS.close()


@pytest.fixture(scope="session")
def start_target() -> Any:
    return MOCKS.target


# -- secrets never leave the process: mask them in every report (terminal, JUnit XML) ----------------
def _secrets() -> list[str]:
    out: list[str] = []
    for t in plumbing.settings().targets.values():
        out.extend(t.secrets())
    return out


def mask(text: str) -> str:
    # the one masking rule, shared with the proxy's drift log: known secret values, then any value of a
    # secret field quoted in a message or a JSON body, whatever its type
    return mask_text(mask_values(text, _secrets()))


class MaskedRepr(TerminalRepr):
    """A failure's text with secrets masked, keeping a crash line (`reprcrash`): JUnit takes its message
    attribute from it and the FAILED line its reason, where a bare string gave neither."""

    def __init__(self, text: str, crash: ReprFileLocation) -> None:
        self.text = text
        self.reprcrash = crash

    def toterminal(self, tw: TerminalWriter) -> None:
        tw.line(self.text)


def _crash_message(excinfo: pytest.ExceptionInfo[BaseException] | None, fallback: str) -> str:
    """For a schemathesis failure, the checks that failed and the curl command reproducing the case
    (schemathesis' own text, headers already `[Filtered]`); else the exception's own line."""
    error = excinfo.value if excinfo is not None else None
    if isinstance(error, (Failure, FailureGroup)):
        failures = error.exceptions if isinstance(error, FailureGroup) else (error,)
        # First line (the FAILED line's reason): the checks that failed, by name.
        checks = "; ".join(dict.fromkeys(str(getattr(f, "title", type(f).__name__)) for f in failures))
        return f"{checks}\n{str(error).strip()}"
    return fallback


def _masked_report(report: pytest.TestReport, excinfo: pytest.ExceptionInfo[BaseException] | None) -> None:
    longrepr = report.longrepr
    if longrepr is None or isinstance(longrepr, tuple):
        return
    crash = getattr(longrepr, "reprcrash", None)
    path, lineno = (crash.path, crash.lineno) if crash is not None else (report.location[0], -1)
    fallback = crash.message if crash is not None else str(longrepr).strip().splitlines()[-1:][0]
    message = mask(_crash_message(excinfo, fallback))
    report.longrepr = MaskedRepr(mask(str(longrepr)), ReprFileLocation(path, lineno, message))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[Any]
) -> Generator[None, pluggy.Result[pytest.TestReport], None]:
    outcome = yield
    report = outcome.get_result()
    if report.failed:
        _masked_report(report, call.excinfo)
        _known_failures_xfail(report, call)
    if report.when == "call":
        FINDINGS.raised.clear()  # bounded: a test's failures are judged when it ends
    report.sections = [(name, mask(content)) for name, content in report.sections]


def _known_failures_xfail(report: pytest.TestReport, call: pytest.CallInfo[Any]) -> None:
    """A test failed only by deviations the baseline holds: reported xfailed ("known deviation"), so the
    run passes; one new failure among them and it fails as before."""
    if report.when != "call" or call.excinfo is None:
        return
    prints = FINDINGS.known_failures(call.excinfo.value)
    if prints:
        report.outcome = "skipped"
        report.wasxfail = f"known deviation (baseline): {', '.join(prints)}"


@pytest.hookimpl(trylast=True)
def pytest_exception_interact(node: Any, call: pytest.CallInfo[Any], report: pytest.TestReport) -> None:
    """schemathesis' plugin replaces a failure's text with its own (after ours): mask that one too."""
    if isinstance(report.longrepr, str):
        _masked_report(report, call.excinfo)


# -- the findings record, the reports and the JUnit summary, then one summary for every API at the end ------
@pytest.hookimpl(tryfirst=True)
def pytest_sessionfinish(session: pytest.Session) -> None:
    """The findings record (--findings FILE, compared with --baseline), then the reports (--reports DIR)
    that read it; then, before pytest writes the JUnit XML (`make contract`'s reports/contract.xml, in
    its own sessionfinish), hypothesis' per-test statistics left out of it (base64, over half the file,
    read by no one) and the run's summary put in, as the suite's `contract-summary` property."""
    if session.config.option.collectonly or session.config.option.help or not hasattr(session, "items"):
        return
    apis = summary.tested_apis()
    if apis:
        FINDINGS.conclude(apis, session.config.getoption("--findings"))
    summary.REPORT_LINES[:] = reports.write()
    xml = session.config.stash.get(xml_key, None)
    if xml is None:
        return
    xml.global_properties = [
        (name, value) for name, value in xml.global_properties if not name.startswith("hypothesis-statistics")
    ]
    lines = summary.lines(session.config.pluginmanager.get_plugin("terminalreporter"))
    if lines:
        xml.add_global_property("contract-summary", mask("\n".join(lines)))


def pytest_terminal_summary(terminalreporter: Any) -> None:
    lines = summary.lines(terminalreporter)
    if lines:
        terminalreporter.section("contract summary")
        for line in lines:
            terminalreporter.write_line(line)


@pytest.fixture
def fresh(target: Any) -> Any:
    """The suite's target, with a mock's state back to its seed first (a live target is left alone)."""
    if target.is_mock:
        target.server.reset()
    return target
