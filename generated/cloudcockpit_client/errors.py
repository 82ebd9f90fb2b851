"""Contains shared errors types that can be raised from API functions"""

import re

# licensekit: a reason quotes at most a short prefix of an offending value, and never a token-like run.
_TOKEN_LIKE = re.compile(r"[A-Za-z0-9_\-.+/=~]{24,}")
_SECRET_KEY = re.compile(
    r"token|secret|password|authorization|assertion|2fa", re.IGNORECASE
)
_MAX_REASON = 200


def redact(text: str) -> str:
    """`text` with token-like runs masked, cut to a short length."""
    text = _TOKEN_LIKE.sub("<redacted>", text)
    return text if len(text) <= _MAX_REASON else text[: _MAX_REASON - 3] + "..."


def quote_value(where: str, value: object) -> str:
    """A short, masked quote of `value` found at `where` (a field path)."""
    text = repr(value)
    if _SECRET_KEY.search(where) or _TOKEN_LIKE.search(text):
        return "<redacted>"  # not even a prefix of something that could be a token
    return text if len(text) <= 20 else text[:17] + "..."


class UnexpectedStatus(Exception):
    """Raised by api functions when the response status an undocumented status and Client.raise_on_unexpected_status is True"""

    def __init__(self, status_code: int, content: bytes):
        self.status_code = status_code
        self.content = content

        # licensekit: the content quoted short and masked (a token endpoint's answer holds secrets).
        super().__init__(
            f"Unexpected status code: {status_code}\n\nResponse content:\n{redact(content.decode(errors='ignore'))}"
        )

    def __reduce__(self) -> tuple[object, ...]:
        # licensekit: pickles round-trip (the stock exception's args do not match its __init__).
        return type(self), (self.status_code, self.content)


class InvalidResponse(Exception):
    """licensekit: a documented status whose body breaks the spec (undecodable, a missing field, a wrong
    type or value). `content` keeps the raw body; the message and repr never include it."""

    def __init__(self, status_code: int, content: bytes, reason: str):
        self.status_code = status_code
        self.content = content
        self.reason = reason
        super().__init__(status_code, content, reason)

    @classmethod
    def from_exception(
        cls, status_code: int, content: bytes, exc: Exception
    ) -> "InvalidResponse":
        detail = str(exc)
        if isinstance(exc, KeyError):
            detail = f"missing field {quote_value('', exc.args[0] if exc.args else '')}"
        return cls(status_code, content, redact(f"{type(exc).__name__}: {detail}"))

    def __str__(self) -> str:
        return f"status {self.status_code}: body breaks the spec: {self.reason} ({len(self.content)} bytes in .content)"

    def __repr__(self) -> str:
        return f"InvalidResponse(status_code={self.status_code}, reason={self.reason!r}, content=<{len(self.content)} bytes>)"


__all__ = ["InvalidResponse", "UnexpectedStatus", "quote_value", "redact"]
