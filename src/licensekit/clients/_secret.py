"""A wrapper that keeps secrets (client secrets, passwords, tokens) out of reprs, str() and logs."""

from __future__ import annotations

from typing import Final

_MASK: Final = "**********"


class Secret:
    """Holds a secret string; only `reveal()` gives it back.

    repr(), str() and format() show a mask, so a Secret can sit in dataclasses, exceptions and log calls
    without leaking. Equality compares the values (in constant time is not needed: no network oracle).
    """

    __slots__ = ("_value",)

    def __init__(self, value: str | Secret) -> None:
        self._value: str = value.reveal() if isinstance(value, Secret) else value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return f"Secret('{_MASK}')"

    def __str__(self) -> str:
        return _MASK

    def __format__(self, spec: str) -> str:
        return _MASK

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)

    def __bool__(self) -> bool:
        return bool(self._value)

    def __reduce__(self) -> tuple[object, ...]:  # never pickle a secret by accident
        raise TypeError("Secret values cannot be pickled")
