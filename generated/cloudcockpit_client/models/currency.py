from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="Currency")


@_attrs_define
class Currency:
    """One of the vendor's `{name}` value objects: a nullable `name`, no other property. (inferred: `name` is required,
    present even when null.)

    """

    name: None | str
    """ The currency. The vendor lists no values (inferred: ISO 4217 codes such as EUR, as in the extra examples).
    The server owns this list: a client must accept any value. """

    def to_dict(self) -> dict[str, Any]:
        name: None | str
        name = self.name

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        name = _parse_name(d.pop("name"))

        currency = cls(
            name=name,
        )

        return currency
