"""`licensekit check-traffic`: recorded exchanges judged by the contract core, folded into one findings
record, as the proxy would have found them live.

Only exchanges with the API count: an entry whose URL is on another host, or on the API's host outside the
base path of its servers (the spec's `servers`, or `--base-url`), is counted and skipped, not judged.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

from ..contract.judge import Exchange, Judge
from ..contract.record import FindingsRecord
from ..contract.registry import servers
from ..masking import curl, form_secrets, header_secrets, json_secrets, mask_values
from . import har, proxy_log
from .har import HarEntry

NAMED = 5  # broken entries named; the count covers them all


@dataclass(slots=True)
class Counts:
    entries: int = 0
    judged: int = 0
    other_host: int = 0
    outside_servers: int = 0
    broken: int = 0
    broken_named: list[str] = field(default_factory=list)

    def lines(self, path: str) -> list[str]:
        out = [
            f"{path}: {self.entries} entries: {self.judged} judged, {self.other_host} for other hosts and "
            f"{self.outside_servers} outside the API's base path skipped, {self.broken} broken skipped"
        ]
        out += [f"  skipped broken entry {text}" for text in self.broken_named]
        if self.broken > len(self.broken_named):
            out.append(f"  ... and {self.broken - len(self.broken_named)} more broken entries")
        return out


@dataclass(frozen=True, slots=True)
class Base:
    scheme: str
    netloc: str  # lower case, default port left out
    prefix: str  # path prefix, no trailing slash


def _netloc(scheme: str, netloc: str) -> str:
    netloc = netloc.lower().rsplit("@", 1)[-1]
    default = {"http": ":80", "https": ":443"}.get(scheme, "")
    return netloc[: -len(default)] if default and netloc.endswith(default) else netloc


def base_of(url: str) -> Base:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"not an http(s) base URL: {url!r}")
    return Base(parts.scheme, _netloc(parts.scheme, parts.netloc), parts.path.rstrip("/"))


def api_bases(api: str, base_urls: list[str] | None) -> list[Base]:
    return [base_of(u) for u in (base_urls or servers(api))]


class TrafficCheck:
    def __init__(self, api: str, base_urls: list[str] | None = None) -> None:
        self.api = api
        self.bases = api_bases(api, base_urls)
        self.judge = Judge(api, server_errors=True)
        self.record = FindingsRecord("check-traffic")
        self.counts = Counts()

    def _route(self, url: str) -> tuple[str, bytes] | None:
        """(path relative to the API's base, query) when `url` belongs to the API; else counted, None."""
        parts = urlsplit(url)
        netloc = _netloc(parts.scheme, parts.netloc)
        hosts = [b for b in self.bases if b.netloc == netloc]
        if not hosts:
            self.counts.other_host += 1
            return None
        path = parts.path or "/"
        for base in hosts:
            if path == base.prefix or path.startswith(base.prefix + "/"):
                return path[len(base.prefix) :] or "/", parts.query.encode("latin-1", "replace")
        self.counts.outside_servers += 1
        return None

    def har(self, path: str | Path) -> None:
        for item in har.entries(path):
            self.counts.entries += 1
            if isinstance(item, har.BrokenEntry):
                self.counts.broken += 1
                if len(self.counts.broken_named) < NAMED:
                    self.counts.broken_named.append(f"{item.number}: {item.problem}")
                continue
            routed = self._route(item.url)
            if routed is not None:
                self._judge(item, *routed)

    def _judge(self, entry: HarEntry, raw_path: str, query: bytes) -> None:
        exchange = Exchange(
            entry.method,
            raw_path,
            query,
            {k.lower(): v for k, v in entry.headers},
            entry.body,
            True,
            entry.status,
            {k.lower(): v for k, v in entry.response_headers},
            entry.response_body,
            entry.response_complete,
        )
        self.counts.judged += 1
        self.record.exchanges += 1
        verdict = self.judge.judge(exchange)
        if not verdict.findings:
            return
        secrets = header_secrets(entry.headers) + form_secrets(query.decode("latin-1"))
        for body in (entry.body, entry.response_body):
            with contextlib.suppress(ValueError, RecursionError):
                secrets += json_secrets(json.loads(body)) if body else []
        if entry.body and not entry.body.lstrip().startswith((b"{", b"[")):
            secrets += form_secrets(entry.body.decode("latin-1"))
        reproduction = curl(entry.method, entry.url, entry.headers, entry.body, secrets)
        for finding in verdict.findings:  # a message may quote a value: a secret never leaves masked
            masked = replace(finding, message=mask_values(finding.message, secrets))
            self.record.add(masked, curl=reproduction, seen=entry.started or None)

    def proxy_log(self, path: str | Path) -> proxy_log.LogCounts:
        return proxy_log.read(path, self.api, self.record)


def sniff(path: str | Path) -> str:
    """ "proxy-log" when the first line is a whole drift record, else "har"."""
    with open(path, "rb") as handle:
        first = handle.readline(1 << 20)
        while first and not first.strip():
            first = handle.readline(1 << 20)
    try:
        item = json.loads(first)
    except (ValueError, RecursionError):
        return "har"
    return "proxy-log" if isinstance(item, dict) and "check" in item else "har"
