"""HAR 1.2 entries from real httpx exchanges, as a browser or mitmproxy would write them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx


def entry(
    response: httpx.Response, *, url: str | None = None, started: str = "2026-12-07T02:00:03.250Z"
) -> dict:
    request = response.request
    req: dict[str, Any] = {
        "method": request.method,
        "url": url or str(request.url),
        "httpVersion": "HTTP/1.1",
        "headers": [{"name": k, "value": v} for k, v in request.headers.items()],
        "queryString": [],
        "cookies": [],
        "headersSize": -1,
        "bodySize": len(request.content),
    }
    if request.content:
        req["postData"] = {
            "mimeType": request.headers.get("content-type", ""),
            "text": request.content.decode(),
        }
    return {
        "startedDateTime": started,
        "time": 1.5,
        "request": req,
        "response": {
            "status": response.status_code,
            "statusText": response.reason_phrase,
            "httpVersion": "HTTP/1.1",
            "headers": [{"name": k, "value": v} for k, v in response.headers.items()],
            "cookies": [],
            "content": {
                "size": len(response.content),
                "mimeType": response.headers.get("content-type", ""),
                "text": response.text,
            },
            "redirectURL": "",
            "headersSize": -1,
            "bodySize": len(response.content),
        },
        "cache": {},
        "timings": {"send": 0.1, "wait": 1.2, "receive": 0.2},
    }


def write(path: Path, entries: list[dict]) -> Path:
    document = {
        "log": {"version": "1.2", "creator": {"name": "licensekit tests", "version": "1"}, "entries": entries}
    }
    path.write_text(json.dumps(document, indent=1), encoding="utf-8")
    return path
