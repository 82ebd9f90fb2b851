"""Fusion paging ends: a repeated or cycling `next`, empty pages with `next`, and the page cap raise
FusionPagingError instead of looping forever (a real loopback server scripts the pages)."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

import pytest

from licensekit.clients import AsyncFusion, Fusion, FusionError, FusionPagingError, PagingError

from .answering import Answer, Seen, answering

GROUP = uuid.UUID("7ba71d48-91f6-5eca-a70a-4852b6eaaaa4")


def item(n: int) -> dict[str, object]:
    return {"id": n, "name": f"l{n}", "description": "", "sku": "s", "status": "enabled"}


def page(items: list[int], next_: str | None) -> Answer:
    body: dict[str, object] = {"results": 0, "pages": 0, "page": 1, "licenses": [item(n) for n in items]}
    if next_ is not None:
        body["next"] = next_
    return Answer(200, json.dumps(body).encode())


def by_token(pages: Callable[[str | None], Answer]) -> Callable[[Seen], Answer]:
    def script(seen: Seen) -> Answer:
        token = parse_qs(urlsplit(seen.path).query).get("next", [None])[0]
        return pages(token)

    return script


def collect(pages: Callable[[str | None], Answer], **kwargs: int) -> tuple[list[int], int]:
    with answering(by_token(pages)) as server, Fusion(server.base_url, draas_instance="d", token="t") as c:
        got: list[int] = []
        try:
            for lic in c.iter_customer_licenses("group", GROUP, **kwargs):
                got.append(lic.id)
        finally:
            sent = len(server.seen)
    return got, sent


def test_pages_are_followed_to_the_end() -> None:
    pages = {None: page([1, 2], "a"), "a": page([3], "b"), "b": page([4], None)}
    assert collect(lambda token: pages[token]) == ([1, 2, 3, 4], 3)


def test_repeated_next_token_stops() -> None:
    with pytest.raises(FusionPagingError, match="repeats") as info:
        collect(lambda token: page([1], "same"))
    assert isinstance(info.value, FusionError) and isinstance(info.value, PagingError)


def test_cycling_next_tokens_stop() -> None:
    cycle = {None: page([1], "a"), "a": page([2], "b"), "b": page([3], "c"), "c": page([4], "a")}
    with pytest.raises(FusionPagingError, match="cycles back to page 1"):
        collect(lambda token: cycle[token])


def test_empty_pages_with_next_stop_after_three() -> None:
    calls = iter(range(1_000))
    with pytest.raises(FusionPagingError, match="3 empty pages") as info:
        collect(lambda token: page([], f"t{next(calls)}"))
    assert "3 empty pages" in str(info.value)


def test_an_empty_page_between_full_ones_is_fine() -> None:
    pages = {None: page([1], "a"), "a": page([], "b"), "b": page([2], None)}
    assert collect(lambda token: pages[token])[0] == [1, 2]


def test_page_cap_is_configurable() -> None:
    counter = iter(range(1_000))
    with pytest.raises(FusionPagingError, match=r"page cap \(5"):
        collect(lambda token: page([1], f"t{next(counter)}"), max_pages=5)
    with pytest.raises(ValueError):
        collect(lambda token: page([], None), max_pages=0)


def test_async_paging_stops_on_a_repeated_token() -> None:
    async def main(base_url: str) -> None:
        async with AsyncFusion(base_url, draas_instance="d", token="t") as c:
            async for _ in c.iter_customer_licenses("group", GROUP):
                pass

    with answering(by_token(lambda token: page([1], "same"))) as server, pytest.raises(FusionPagingError):
        asyncio.run(main(server.base_url))
