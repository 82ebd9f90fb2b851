"""Contains some shared types for properties"""

import contextlib
import functools
import gc
import types
import typing
import uuid
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from http import HTTPStatus
from typing import (
    IO,
    Any,
    BinaryIO,
    Generic,
    Literal,
    TypeVar,
    Union,
    get_args,
    get_origin,
)

import attrs
from attrs import define

from .errors import quote_value


class Unset:
    def __bool__(self) -> Literal[False]:
        return False


UNSET: Unset = Unset()

# The types that `httpx.Client(files=)` can accept, copied from that library.
FileContent = IO[bytes] | bytes | str
FileTypes = (
    # (filename, file (or bytes), content_type)
    tuple[str | None, FileContent, str | None]
    # (filename, file (or bytes), content_type, headers)
    | tuple[str | None, FileContent, str | None, Mapping[str, str]]
)
RequestFiles = list[tuple[str, FileTypes]]


@define
class File:
    """Contains information for file uploads"""

    payload: BinaryIO
    file_name: str | None = None
    mime_type: str | None = None

    def to_tuple(self) -> FileTypes:
        """Return a tuple representation that httpx will accept for multipart/form-data"""
        return self.file_name, self.payload, self.mime_type


T = TypeVar("T")


@define
class Response(Generic[T]):
    """A response from an endpoint"""

    status_code: HTTPStatus | int
    content: bytes
    headers: MutableMapping[str, str]
    parsed: T | None


try:  # licensekit: a faster JSON decoder when installed (`pip install licensekit[fast]`)
    import orjson as _orjson
except ImportError:  # pragma: no cover - the fallback is json.loads
    _orjson = None  # type: ignore[assignment]


# Every byte to b" " but the digits, to b"0": a run of 19 zeros in the translation is a run of 19 digits.
_DIGIT_RUNS = bytes(0x30 if 0x30 <= byte <= 0x39 else 0x20 for byte in range(256))
_LONG_RUN = b"0" * 19


_UNREAD = object()


def read_json(response: Any) -> Any:
    """licensekit: an answer's body as JSON, through orjson when it is installed (faster than json.loads on
    a large answer). What orjson refuses (UTF-16, a BOM, NaN, lone surrogates...) is read by json.loads
    exactly as before. orjson silently turns an integer beyond 64 bits into a float (losing digits and
    failing an int field's check), so a body with a run of 19 or more digits goes to json.loads too: a
    scan at a few percent of orjson's time, and the value is the same either way."""
    decoded = getattr(
        response, "_licensekit_json", _UNREAD
    )  # the client layer's decode, if it read it
    if decoded is not _UNREAD:
        return decoded
    content = response.content
    if _orjson is not None and _LONG_RUN not in content.translate(_DIGIT_RUNS):
        try:
            return _orjson.loads(content)
        except _orjson.JSONDecodeError:
            pass
    return response.json()


# licensekit: a UUID parsed once per distinct string. A page repeats its customer's, provider instance's
# and parent subscription's ids on every item, and UUID(str) is the dearest step of from_dict(); the cache
# is bounded and UUIDs are immutable. Anything but a str fails as UUID() does (unhashable: TypeError).
uuid_of: Callable[[str], uuid.UUID] = functools.lru_cache(maxsize=4096, typed=True)(
    uuid.UUID
)


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """licensekit: hold the cyclic garbage collector while an answer becomes models. Parsing allocates
    many small objects (models, UUIDs, datetimes) that form no cycles, yet each allocation burst triggers
    collection passes: about a third of the time of a 5,000-item answer. Reference counting still frees
    everything; the collector resumes right after. gc is process-wide: if it is already held (another
    thread, the caller), this leaves it to whoever held it."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def http_status(code: int) -> HTTPStatus | int:
    """licensekit: the HTTPStatus of `code`, or the bare int for a code HTTPStatus does not know (599...)."""
    try:
        return HTTPStatus(code)
    except ValueError:
        return code


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    hints = _HINTS.get(cls)
    if hints is None:
        hints = {f.name: f.type for f in attrs.fields(cls)}
        resolved = typing.get_type_hints(cls)
        hints = {
            name: resolved.get(name, Any)
            for name in hints
            if name != "additional_properties"
        }
        _HINTS[cls] = hints
    return hints


def _describe(hint: Any) -> str:
    return getattr(hint, "__name__", None) or str(hint).replace("typing.", "")


def _check(value: object, hint: Any, where: str) -> None:
    if hint is Any or hint is object:
        return
    origin = get_origin(hint)
    if origin is Union or origin is types.UnionType:
        for option in get_args(hint):
            try:
                _check(value, option, where)
                return
            except TypeError:
                continue
    elif origin is typing.Literal:
        if any(
            value == option and type(value) is type(option) for option in get_args(hint)
        ):
            return
    elif origin in (list, tuple, set, typing.Sequence):
        if isinstance(value, list | tuple | set):
            inner = (get_args(hint) or (Any,))[0]
            for index, item in enumerate(value):
                _check(item, inner, f"{where}[{index}]")
            return
    elif origin in (dict, typing.Mapping):
        if isinstance(value, dict):
            return
    elif hint is type(None) or hint is None:
        if value is None:
            return
    elif hint is bool:
        if isinstance(value, bool):
            return
    elif hint is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return
    elif hint is float:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return
    elif isinstance(hint, type) and attrs.has(hint):
        if isinstance(value, hint):
            _explain(value, where)
            return
    elif isinstance(hint, type):
        if isinstance(value, hint):
            return
    else:
        return  # a construct this check does not know: trust the parser
    raise TypeError(
        f"{where or 'body'}: expected {_describe(hint)}, got {type(value).__name__} {quote_value(where, value)}"
    )


Checker = Callable[[object], bool]
_CHECKERS: dict[type, Checker] = {}


def _test(hint: Any, x: str, env: dict[str, Any]) -> str:
    """A Python expression, true when the value named `x` fits `hint`: the fast yes/no check (the slow
    _check() explains a no). Objects it needs are put in `env` under fresh names."""

    def name(obj: object) -> str:
        key = f"_{len(env)}"
        env[key] = obj
        return key

    origin = get_origin(hint)
    if hint is Any or hint is object:
        return "True"
    options_or_self = (
        get_args(hint) if origin is Union or origin is types.UnionType else (hint,)
    )
    if all(
        isinstance(o, type) and get_origin(o) is None and not attrs.has(o)
        for o in options_or_self
    ):
        # The common case (str, int, str | Unset, UUID | None...): one isinstance call.
        plain = tuple(
            t for o in options_or_self for t in ((int, float) if o is float else (o,))
        )
        no_bool = "" if bool in options_or_self else f" and {x}.__class__ is not bool"
        return f"(isinstance({x}, {name(plain)}){no_bool})"
    if origin is Union or origin is types.UnionType:
        return (
            "(" + " or ".join(_test(option, x, env) for option in get_args(hint)) + ")"
        )
    if origin is typing.Literal:
        return f"(({x}.__class__, {x}) in {name({(type(option), option) for option in get_args(hint)})})"
    if origin in (list, tuple, set, typing.Sequence):
        inner = _test((get_args(hint) or (Any,))[0], "i", env)
        return f"(isinstance({x}, (list, tuple, set)) and all({inner} for i in {x}))"
    if origin in (dict, typing.Mapping):
        return f"isinstance({x}, dict)"
    if hint is type(None) or hint is None:
        return f"({x} is None)"
    if hint is bool:
        return f"({x}.__class__ is bool)"
    if hint is int:
        return f"(isinstance({x}, int) and {x}.__class__ is not bool)"
    if hint is float:
        return f"(isinstance({x}, (int, float)) and {x}.__class__ is not bool)"
    if isinstance(hint, type) and attrs.has(hint):
        return f"(isinstance({x}, {name(hint)}) and _model_ok({x}))"
    if isinstance(hint, type):
        return f"isinstance({x}, {name(hint)})"
    return "True"


def _checker(cls: type) -> Checker:
    """One function per model class, compiled once: straight-line checks of its fields (nested models
    through their own), a fraction of the cost of walking the annotations on every object."""
    env: dict[str, Any] = {"_model_ok": _model_ok}
    lines = ["def check(v):"]
    for field, hint in _hints(cls).items():
        lines.append(f"    x = v.{field}")
        lines.append(f"    if not {_test(hint, 'x', env)}: return False")
    lines.append("    return True")
    exec(
        compile("\n".join(lines), f"<licensekit check of {cls.__qualname__}>", "exec"),
        env,
    )
    checker: Checker = env["check"]
    return checker


def _model_ok(value: object) -> bool:
    checker = _CHECKERS.get(value.__class__)
    if checker is None:
        checker = _CHECKERS[value.__class__] = _checker(value.__class__)
    return checker(value)


def _explain(value: object, where: str) -> None:
    if isinstance(value, list):
        for index, item in enumerate(value):
            _explain(item, f"{where}[{index}]")
    elif attrs.has(type(value)):
        for name, hint in _hints(type(value)).items():
            _check(getattr(value, name), hint, f"{where}.{name}" if where else name)


def check_parsed(value: object, where: str = "") -> None:
    """licensekit: raise TypeError when a parsed model (or list of them) holds a field of the wrong type.

    The generated from_dict() copies primitive values as they come; this is what keeps
    `License(name=123, total_licenses="ten")` from reaching the caller."""
    if isinstance(value, list):
        if all(not attrs.has(type(item)) or _model_ok(item) for item in value):
            return
    elif not attrs.has(type(value)) or _model_ok(value):
        return
    _explain(value, where)
    raise TypeError(
        f"{where or 'body'}: a value of the wrong type"
    )  # _explain found none: be safe


__all__ = [
    "UNSET",
    "File",
    "FileTypes",
    "RequestFiles",
    "Response",
    "Unset",
    "check_parsed",
    "gc_paused",
    "http_status",
    "read_json",
    "uuid_of",
]
