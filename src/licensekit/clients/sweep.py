"""Fetch many things concurrently with a bounded number in flight; collect results and per-item errors.

Throttling is honoured below this layer: each call retries after Retry-After, and a Retry-After closes
the client's shared gate so the other workers wait too.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Hashable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


@dataclass
class SweepResult(Generic[K, V]):
    results: dict[K, V] = field(default_factory=dict)
    errors: dict[K, Exception] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


def _unique(keys: Iterable[K], max_in_flight: int) -> list[K]:
    """Each key once, in order (a repeated key would be fetched twice for one result)."""
    if max_in_flight < 1:
        raise ValueError("max_in_flight must be at least 1")
    return list(dict.fromkeys(keys))


async def asweep(
    keys: Iterable[K], fetch: Callable[[K], Awaitable[V]], *, max_in_flight: int = 8
) -> SweepResult[K, V]:
    """Run `fetch(key)` for every key, at most `max_in_flight` at a time (asyncio)."""
    queue = _unique(keys, max_in_flight)
    result: SweepResult[K, V] = SweepResult()
    position = 0

    async def worker() -> None:
        nonlocal position
        while position < len(queue):
            key = queue[position]
            position += 1
            try:
                result.results[key] = await fetch(key)
            except Exception as exc:
                result.errors[key] = exc

    await asyncio.gather(*(worker() for _ in range(min(max_in_flight, len(queue)))))
    return result


def sweep(keys: Iterable[K], fetch: Callable[[K], V], *, max_in_flight: int = 8) -> SweepResult[K, V]:
    """Run `fetch(key)` for every key, at most `max_in_flight` at a time (threads)."""
    unique = _unique(keys, max_in_flight)
    result: SweepResult[K, V] = SweepResult()
    with ThreadPoolExecutor(max_workers=max_in_flight, thread_name_prefix="licensekit-sweep") as pool:
        futures = {key: pool.submit(fetch, key) for key in unique}
        for key, future in futures.items():
            exc = future.exception()
            if exc is None:
                result.results[key] = future.result()
            elif isinstance(exc, Exception):
                result.errors[key] = exc
            else:
                raise exc
    return result
