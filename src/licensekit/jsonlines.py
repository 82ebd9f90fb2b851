"""Reading a JSON-lines file that may be damaged: every good line kept, every bad one named.

A writer killed mid-line (the proxy stopped by SIGKILL, a full disk) leaves its last line cut short; one
such line must not cost the reader every other record. Standard library only.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# How much of a bad line's error is kept (a huge torn line must not make a huge message).
_REASON_LIMIT = 200


@dataclass(frozen=True, slots=True)
class BadLine:
    number: int  # 1-based line number in the file
    reason: str


@dataclass(slots=True)
class Lines:
    records: list[dict[str, Any]] = field(default_factory=list)
    bad: list[BadLine] = field(default_factory=list)

    def describe_bad(self, path: str | Path, *, show: int = 10) -> str:
        """One line naming the bad lines by number ('' when there are none)."""
        if not self.bad:
            return ""
        numbers = ", ".join(str(b.number) for b in self.bad[:show])
        more = f" and {len(self.bad) - show} more" if len(self.bad) > show else ""
        first = self.bad[0]
        return (
            f"{path}: {len(self.bad)} unreadable line(s) skipped: line {numbers}{more}"
            f" (line {first.number}: {first.reason})"
        )


def iter_objects(path: str | Path) -> Iterator[tuple[int, dict[str, Any] | BadLine]]:
    """Each non-blank line of a JSON-lines file, one at a time (a file larger than memory is fine): its
    number and its JSON object, or a BadLine saying why it is not one (torn, not JSON, not UTF-8, an
    array)."""
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, 1):
            if not raw.strip():
                continue
            try:
                value = json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, ValueError, RecursionError) as exc:
                yield number, BadLine(number, str(exc)[:_REASON_LIMIT])
                continue
            if not isinstance(value, dict):
                yield number, BadLine(number, f"a JSON {type(value).__name__}, not an object")
                continue
            yield number, value


def read_objects(path: str | Path) -> Lines:
    """The JSON objects of a JSON-lines file; blank lines are skipped, any other line that is not a JSON
    object is listed in `.bad` with its number and why."""
    out = Lines()
    for _, item in iter_objects(path):
        if isinstance(item, BadLine):
            out.bad.append(item)
        else:
            out.records.append(item)
    return out
