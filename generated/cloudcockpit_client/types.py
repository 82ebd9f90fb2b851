"""Contains some shared types for properties"""

import types
import typing
from collections.abc import Mapping, MutableMapping
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
            check_parsed(value, where)
            return
    elif isinstance(hint, type):
        if isinstance(value, hint):
            return
    else:
        return  # a construct this check does not know: trust the parser
    raise TypeError(
        f"{where or 'body'}: expected {_describe(hint)}, got {type(value).__name__} {quote_value(where, value)}"
    )


def check_parsed(value: object, where: str = "") -> None:
    """licensekit: raise TypeError when a parsed model (or list of them) holds a field of the wrong type.

    The generated from_dict() copies primitive values as they come; this is what keeps
    `License(name=123, total_licenses="ten")` from reaching the caller."""
    if isinstance(value, list):
        for index, item in enumerate(value):
            check_parsed(item, f"{where}[{index}]")
    elif attrs.has(type(value)):
        for name, hint in _hints(type(value)).items():
            _check(getattr(value, name), hint, f"{where}.{name}" if where else name)


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
