"""The ceiling: a raw ASGI callable answering fixed bytes, served by the same stack as our mock.

    python bench/bare.py ANSWERS.json     # prints: bare http://127.0.0.1:PORT

ANSWERS.json maps "METHOD PATH" to {"status": int, "body": str}: the very bytes our mock answered for
that request, so the ceiling sends the same amount. No routing tree, no auth, no validation, no state.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import uvloop

from licensekit.mock.server import bind, make_server, url_of

JSON = [(b"content-type", b"application/json")]


def make_app(answers: dict[str, dict[str, Any]]) -> Any:
    table = {}
    for key, answer in answers.items():
        body = str(answer["body"]).encode()
        headers = [*JSON, (b"content-length", str(len(body)).encode())] if body else []
        table[key] = (int(answer["status"]), headers, body)
    missing = (404, [(b"content-length", b"0")], b"")

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        status, headers, body = table.get(f"{scope['method']} {scope['path']}", missing)
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    return app


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as handle:
        answers = json.load(handle)
    sock = bind("127.0.0.1", 0)
    server = make_server(make_app(answers))  # same uvicorn config as the mock: httptools, uvloop
    print(f"bare {url_of(sock)}", flush=True)
    uvloop.run(server.serve(sockets=[sock]))


if __name__ == "__main__":
    main()
