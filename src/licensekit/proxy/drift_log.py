"""The drift log: one JSON line per (exchange, check, severity) the judge found, secrets masked.

A record: time, api, operation, method, path, status, check, severity (`failure`, or `tolerated` for what
the spec accepts but the vendor was not expected to do), departures ("location: message" lines),
locations, curl (a masked reproduction of the request). Every string in a record goes through
`mask_values` with the secret values seen in that exchange (bearer tokens, passwords, tokens in
answers), so a validator message that quotes a value cannot leak one either.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..contract.findings import Finding
from ..limits import cut_all
from ..masking import header_secrets, json_secrets, mask_query, mask_text, mask_values


def _mask_all(value: Any, secrets: list[str]) -> Any:
    if isinstance(value, str):
        return mask_values(value, secrets)
    if isinstance(value, list):
        return [_mask_all(item, secrets) for item in value]
    if isinstance(value, dict):
        return {key: _mask_all(item, secrets) for key, item in value.items()}
    return value


def exchange_secrets(headers: Iterable[tuple[str, str]], *documents: Any) -> list[str]:
    secrets = header_secrets(headers)
    for document in documents:
        secrets += json_secrets(document)
    return secrets


def _ends_torn(handle: Any) -> bool:
    """Whether a file opened for appending ends inside a line."""
    size = handle.seek(0, 2)
    if size == 0:
        return False
    with open(handle.name, "rb") as raw:
        raw.seek(size - 1)
        return raw.read(1) != b"\n"


class DriftLog:
    """Appends records to a JSON-lines file (when given) and keeps the last `keep` in memory."""

    def __init__(self, path: str | Path | None = None, *, keep: int = 10_000) -> None:
        self.path = Path(path) if path is not None else None
        self.records: deque[dict[str, Any]] = deque(maxlen=keep)
        self._lock = threading.Lock()
        self._file = open(self.path, "a+", encoding="utf-8") if self.path is not None else None  # noqa: SIM115
        if self._file is not None and _ends_torn(self._file):
            self._file.write("\n")  # a record torn by a killed writer: ours must not join its line

    def write(
        self,
        *,
        api: str,
        method: str,
        path: str,
        query: str,
        status: int,
        findings: list[Finding],
        curl: str,
        secrets: list[str],
    ) -> None:
        by_check: dict[tuple[str, str, str], list[Finding]] = {}
        for finding in findings:
            by_check.setdefault((finding.operation, finding.check, finding.severity), []).append(finding)
        now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        shown_path = path + (f"?{mask_query(query)}" if query else "")
        lines = []
        with self._lock:
            for (operation, check, severity), found in by_check.items():
                # Masked, then cut (a cut first could leave part of a secret no longer matching it); the
                # curl command is bounded by masking.curl, every other value by LOG_VALUE_LIMIT. A message
                # came from the judge, which masks a secret field's value whatever its JSON type.
                record = cut_all(
                    _mask_all(
                        {
                            "time": now,
                            "api": api,
                            "operation": operation,
                            "method": method,
                            "path": shown_path,
                            "status": status,
                            "check": check,
                            "severity": severity,
                            "departures": [f.text() for f in found],  # the judge masked its messages
                            "locations": [f.location for f in found],
                        },
                        secrets,
                    )
                )
                record["curl"] = mask_text(mask_values(curl, secrets))
                self.records.append(record)
                lines.append(json.dumps(record, ensure_ascii=False))
            if self._file is not None and lines:
                self._file.write("\n".join(lines) + "\n")
                self._file.flush()

    def clear(self) -> list[dict[str, Any]]:
        with self._lock:
            out = list(self.records)
            self.records.clear()
            return out

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
