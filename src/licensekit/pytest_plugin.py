"""pytest fixtures for the mocks (registered through the `pytest11` entry point).

`cloudcockpit_mock`, `fusion_mock`, `partner_center_mock`: one server per session, reset to its seed
(and its faults, request log and drift record cleared) before each test. Answers are checked against
the spec; a test during which the mock departed from its spec fails at teardown.

`licensekit_proxy(api, upstream, **options)` starts a validating proxy in front of `upstream` and
returns a ProxyServer (its `base_url`, its `drift()`); every proxy it started stops at the test's end.

pytest loads this module in every project that installs licensekit, the client-only install included:
the server (uvicorn, jsonschema-rs, ... from `licensekit[mock]`) is imported only when a fixture runs.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from .mock.server import MockServer
    from .proxy.server import ProxyServer


def _session_server(api: str) -> Iterator[MockServer]:
    try:
        from .mock.server import serve
    except ImportError as exc:  # a client-only install
        pytest.fail(f"the {api} mock needs the server extra: pip install 'licensekit[mock]' ({exc})")
    with serve(api, check_responses=True) as mock:
        yield mock


def _per_test(mock: MockServer) -> Iterator[MockServer]:
    mock.reset()
    mock.clear_requests()
    mock.drift(clear=True)
    yield mock
    drift = mock.drift(clear=True)
    assert not drift, f"the {mock.api} mock answered outside its spec: {drift}"


@pytest.fixture(scope="session")
def licensekit_cloudcockpit_server() -> Iterator[MockServer]:
    yield from _session_server("cloudcockpit")


@pytest.fixture(scope="session")
def licensekit_fusion_server() -> Iterator[MockServer]:
    yield from _session_server("fusion")


@pytest.fixture(scope="session")
def licensekit_partner_center_server() -> Iterator[MockServer]:
    yield from _session_server("partner-center")


@pytest.fixture
def cloudcockpit_mock(licensekit_cloudcockpit_server: MockServer) -> Iterator[MockServer]:
    yield from _per_test(licensekit_cloudcockpit_server)


@pytest.fixture
def fusion_mock(licensekit_fusion_server: MockServer) -> Iterator[MockServer]:
    yield from _per_test(licensekit_fusion_server)


@pytest.fixture
def partner_center_mock(licensekit_partner_center_server: MockServer) -> Iterator[MockServer]:
    yield from _per_test(licensekit_partner_center_server)


@pytest.fixture
def licensekit_proxy() -> Iterator[Callable[..., ProxyServer]]:
    try:
        from .proxy.server import serve
    except ImportError as exc:  # a client-only install
        pytest.fail(f"the proxy needs the server extra: pip install 'licensekit[mock]' ({exc})")
    with contextlib.ExitStack() as stack:

        def start(api: str, upstream: str, **options: Any) -> ProxyServer:
            return stack.enter_context(serve(api, upstream, **options))

        yield start
