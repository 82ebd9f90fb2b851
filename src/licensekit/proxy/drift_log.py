"""The drift log: one JSON line per (exchange, check) that departed from the spec, secrets masked.

A record: time, api, operation, method, path, status, check, departures (messages), curl (a masked
reproduction of the request). Every string in a record goes through `mask_values` with the secret values
seen in that exchange (bearer tokens, passwords, tokens in answers), so a validator message that quotes
a value cannot leak one either.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Protocol

from ..jsonlines import Lines, read_objects
from ..limits import cut_all
from ..masking import header_secrets, json_secrets, mask_message, mask_query, mask_text, mask_values


class Departure(Protocol):
    """What the log needs of a check's finding (proxy.validation.Departure; standard library only here,
    so that reading a log needs no server extra)."""

    @property
    def check(self) -> str: ...

    @property
    def message(self) -> str: ...


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
        operation: str,
        method: str,
        path: str,
        query: str,
        status: int,
        departures: Sequence[Departure],
        curl: str,
        secrets: list[str],
    ) -> None:
        by_check: dict[str, list[str]] = {}
        for departure in departures:  # a message may quote a secret field's value: masked whatever its type
            by_check.setdefault(departure.check, []).append(mask_message(departure.message))
        now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        shown_path = path + (f"?{mask_query(query)}" if query else "")
        lines = []
        with self._lock:
            for check, messages in by_check.items():
                # Masked, then cut (a cut first could leave part of a secret no longer matching it); the
                # curl command is bounded by masking.curl, every other value by LOG_VALUE_LIMIT.
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
                            "departures": messages,
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


def read(path: str | Path) -> Lines:
    """The records of a drift-log file, and the lines that could not be read (a torn last line)."""
    return read_objects(path)
