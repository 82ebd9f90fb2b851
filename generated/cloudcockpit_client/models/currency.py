from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="Currency")


@_attrs_define
class Currency:
    """One of the vendor's `{name}` value objects: a nullable `name`, no other property. (inferred: `name` is expected,
    present even when null; not required.)

    """

    name: None | str | Unset = UNSET
    """ The currency. The vendor lists no values (inferred: ISO 4217 codes such as EUR, as in the extra examples).
    The server owns this list: a client must accept any value. """

    def to_dict(self) -> dict[str, Any]:
        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = src_dict
        name = d.get("name", UNSET)

        currency = cls(
            name=name,
        )

        return currency
