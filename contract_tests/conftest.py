"""Contract suites' pytest plumbing: the target switch, mock start/stop, secret masking, summary table.

Options (each also an environment variable, see README / plumbing.py):
  --api NAME[,NAME]      which suites' targets --target-url applies to (LICENSEKIT_API)
  --target-url URL       aim the (single) selected API at URL instead of our mock (LICENSEKIT_<API>_URL)
  --allow-writes         run writing tests against a non-mock target (LICENSEKIT_ALLOW_WRITES=1)
  --contract-seed N|random   hypothesis/schemathesis seed (LICENSEKIT_CONTRACT_SEED; default 20240501)
  --contract-examples N  max examples per operation (LICENSEKIT_CONTRACT_EXAMPLES; default 25)
"""

from __future__ import annotations

import contextlib
from collections.abc import Generator, Iterator
from typing import Any

import pluggy
import pytest

from licensekit.mock.registry import APIS
from licensekit.proxy.masking import mask_values

from . import plumbing, tolerance
from .plumbing import STATS

SUITE_API = {name: api for api, name in plumbing.SUITE_FILES.items()}


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


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "mutants: runs the suites against planted-defect mock variants")
    plumbing.configure(
        seed=config.getoption("--contract-seed"),
        examples=config.getoption("--contract-examples"),
        allow_writes=config.getoption("--allow-writes"),
        target_url=config.getoption("--target-url"),
        api=config.getoption("--api"),
    )


def pytest_report_header(config: pytest.Config) -> list[str]:
    s = plumbing.settings()
    lines = [f"contract: seed={s.seed}{' (random)' if s.seed_is_random else ''} examples={s.examples}"]
    for api in s.apis:
        t = s.targets[api]
        where = "our mock (free loopback port)" if t.is_mock else t.base_url
        writes = "writes on" if t.allow_writes else "read-only (--allow-writes to write)"
        lines.append(f"contract: {api} -> {where}, {writes}")
    return lines


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Only the selected APIs' suites run (`--api fusion`)."""
    selected = set(plumbing.settings().apis)
    keep: list[pytest.Item] = []
    drop: list[pytest.Item] = []
    for item in items:
        api = SUITE_API.get(item.path.name)
        (drop if api is not None and api not in selected else keep).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


class Mocks:
    """Our mock servers, started on first use on free loopback ports, stopped at the end of the session."""

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


@pytest.fixture(scope="session")
def mocks() -> Iterator[Mocks]:
    m = Mocks()
    yield m
    m.close()


@pytest.fixture(scope="session")
def start_target(mocks: Mocks) -> Any:
    return mocks.target


# -- secrets never leave the process: mask them in every report (terminal, JUnit XML) ----------------
def _secrets() -> list[str]:
    out: list[str] = []
    for t in plumbing.settings().targets.values():
        out.extend(t.secrets())
    return out


def mask(text: str) -> str:
    return mask_values(text, _secrets())  # the one masking rule, shared with the proxy's drift log


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[Any]
) -> Generator[None, pluggy.Result[pytest.TestReport], None]:
    outcome = yield
    report = outcome.get_result()
    if report.longrepr is not None and not isinstance(report.longrepr, tuple):
        text = str(report.longrepr)
        masked = mask(text)
        if masked != text:
            report.longrepr = masked
    report.sections = [(name, mask(content)) for name, content in report.sections]


# -- the per-API table at the end -----------------------------------------------------------------------
def pytest_terminal_summary(terminalreporter: Any) -> None:
    apis = [a for a in APIS if STATS.cases[a] or a in STATS.failures]
    if not apis:
        return
    tr = terminalreporter
    tr.section("contract summary")
    tr.write_line(f"{'API':<16}{'operations':>11}{'cases':>8}  failures by check")
    for api in apis:
        fails = STATS.failures.get(api)
        failed = ", ".join(f"{name}: {len(n)}" for name, n in sorted(fails.items())) if fails else "none"
        tr.write_line(f"{api:<16}{len(STATS.operations[api]):>11}{STATS.cases[api]:>8}  {failed}")
    s = plumbing.settings()
    tr.write_line(f"seed {s.seed}: `--contract-seed {s.seed}` replays the property and stateful tests")
    tr.write_line(
        "cases: requests sent by the property and stateful tests, every execution (hypothesis' shrinking "
        "replays after a failure included); scenario tests are counted by pytest"
    )
    tr.write_line("failures: distinct failures per check (one kind of failure on one operation counts once)")
    for line in tolerance.summary_lines(apis):
        tr.write_line(line)


@pytest.fixture
def fresh(target: Any) -> Any:
    """The suite's target, with a mock's state back to its seed first (a live target is left alone)."""
    if target.is_mock:
        target.server.reset()
    return target
