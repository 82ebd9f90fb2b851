"""The proxy's ceiling: a bare pass-through forwarder on the proxy's own stack, nothing else.

    python bench/forwarder.py UPSTREAM     # prints: forwarder http://127.0.0.1:PORT

The same server (uvicorn with httptools and uvloop, as `licensekit proxy` runs it) and the same upstream
client (one httpcore.AsyncConnectionPool, keep-alive, bodies streamed chunk by chunk both ways) and the
same header handling (hop-by-hop headers dropped, Host rewritten); no capture, no validation, no drift
log, no error answers of its own. What the validating proxy costs beyond this is its own work.
"""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import urlsplit

import httpcore
import uvloop

from licensekit.mock.server import bind, make_server, url_of
from licensekit.proxy.app import HOP_BY_HOP


def make_app(upstream: str) -> Any:
    parts = urlsplit(upstream)
    scheme, host = parts.scheme.encode(), parts.netloc.encode("ascii")
    hostname, port, prefix = (
        (parts.hostname or "").encode("ascii"),
        parts.port,
        parts.path.rstrip("/").encode(),
    )
    pool = httpcore.AsyncConnectionPool(max_connections=256, keepalive_expiry=30, retries=0)

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        headers = [(n, host if n == b"host" else v) for n, v in scope["headers"] if n not in HOP_BY_HOP]
        has_body = any(n in (b"content-length", b"transfer-encoding") for n, _ in scope["headers"])

        async def body() -> AsyncIterator[bytes]:
            while True:
                message = await receive()
                if message.get("body"):
                    yield message["body"]
                if not message.get("more_body", False):
                    return

        target = prefix + scope["raw_path"] + (b"?" + scope["query_string"] if scope["query_string"] else b"")
        url = httpcore.URL(scheme=scheme, host=hostname, port=port, target=target)
        method = scope["method"].encode()
        async with pool.stream(
            method, url, headers=headers, content=body() if has_body else None
        ) as response:
            out = [(n.lower(), v) for n, v in response.headers if n.lower() not in HOP_BY_HOP]
            await send({"type": "http.response.start", "status": response.status, "headers": out})
            async for chunk in response.aiter_stream():
                await send({"type": "http.response.body", "body": chunk, "more_body": True})
            await send({"type": "http.response.body", "body": b"", "more_body": False})

    return app


def main() -> None:
    sock = bind("127.0.0.1", 0)
    server = make_server(make_app(sys.argv[1]), date_header=False)  # as the proxy: upstream's headers only
    print(f"forwarder {url_of(sock)}", flush=True)
    uvloop.run(server.serve(sockets=[sock]))


if __name__ == "__main__":
    main()
