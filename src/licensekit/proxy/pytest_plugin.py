"""pytest fixture for the proxy (registered through the `pytest11` entry point, beside the mock fixtures).

`licensekit_proxy(api, upstream, **options)` starts a validating proxy in front of `upstream` and returns
a ProxyServer (its `base_url`, its `drift()`); every proxy it started is stopped at the test's end.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from .server import ProxyServer, serve


@pytest.fixture
def licensekit_proxy() -> Iterator[Callable[..., ProxyServer]]:
    with contextlib.ExitStack() as stack:

        def start(api: str, upstream: str, **options: Any) -> ProxyServer:
            return stack.enter_context(serve(api, upstream, **options))

        yield start
