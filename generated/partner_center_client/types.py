"""Contains some shared types for properties"""

import types
import typing
from collections.abc import Callable, Mapping, MutableMapping
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
_CHECKERS: dict[type, list[tuple[str, Checker]]] = {}
_ANY: Checker = lambda value: True


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _compile(hint: Any) -> Checker:
    """A fast yes/no check for `hint` (the slow _check() explains a no)."""
    origin = get_origin(hint)
    if hint is Any or hint is object:
        return _ANY
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
        bool_ok = bool in options_or_self
        return lambda value: (
            isinstance(value, plain) and (bool_ok or not isinstance(value, bool))
        )
    if origin is Union or origin is types.UnionType:
        options = [_compile(option) for option in get_args(hint)]
        return lambda value: any(check(value) for check in options)
    if origin is typing.Literal:
        allowed = {(type(option), option) for option in get_args(hint)}
        return lambda value: (type(value), value) in allowed
    if origin in (list, tuple, set, typing.Sequence):
        inner = _compile((get_args(hint) or (Any,))[0])
        return lambda value: (
            isinstance(value, list | tuple | set) and all(inner(item) for item in value)
        )
    if origin in (dict, typing.Mapping):
        return lambda value: isinstance(value, dict)
    if hint is type(None) or hint is None:
        return lambda value: value is None
    if hint is bool:
        return lambda value: isinstance(value, bool)
    if hint is int:
        return _is_int
    if hint is float:
        return _is_number
    if isinstance(hint, type) and attrs.has(hint):
        return lambda value: isinstance(value, hint) and _model_ok(value)
    if isinstance(hint, type):
        return lambda value: isinstance(value, hint)
    return _ANY


def _model_ok(value: object) -> bool:
    checkers = _CHECKERS.get(type(value))
    if checkers is None:
        checkers = _CHECKERS[type(value)] = [
            (name, _compile(hint)) for name, hint in _hints(type(value)).items()
        ]
    for name, check in checkers:
        if not check(getattr(value, name)):
            return False
    return True


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
    "http_status",
]
