from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ApiFault")


@_attrs_define
class ApiFault:
    """Partner Center's error body. `code`, `description` and `source` are always present."""

    code: int | str
    """ The error code, e.g. 60002. The error-codes page calls it a string, real responses send a number: both are
    accepted. """
    description: str
    """ Human-readable description of the error. """
    source: str
    """ The component that raised the error, e.g. "PartnerFD". """
    data: list[Any] | Unset = UNSET
    """ Additional data about the error; shape not documented, usually empty. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code: int | str
        code = self.code

        description = self.description

        source = self.source

        data: list[Any] | Unset = UNSET
        if not isinstance(self.data, Unset):
            data = self.data

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "description": description,
                "source": source,
            }
        )
        if data is not UNSET:
            field_dict["data"] = data

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        code = d.pop("code")

        description = d.pop("description")

        source = d.pop("source")

        data = cast(list[Any], d.pop("data", UNSET))

        api_fault = cls(
            code=code,
            description=description,
            source=source,
            data=data,
        )

        api_fault.additional_properties = d
        return api_fault

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
