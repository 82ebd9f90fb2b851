from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="BillingType")


@_attrs_define
class BillingType:
    """One of the vendor's `{name}` value objects: a nullable `name`, no other property. (inferred: `name` is expected,
    present even when null; not required.)

    """

    name: None | str | Unset = UNSET
    """ The billing type. Known values: License, Usage, None. The server owns this list and may add to it: a client
    must accept a value it does not know. """

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

        billing_type = cls(
            name=name,
        )

        return billing_type
