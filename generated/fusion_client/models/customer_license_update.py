from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.license_status import LicenseStatus, check_license_status
from ..types import UNSET, Unset

T = TypeVar("T", bound="CustomerLicenseUpdate")


@_attrs_define
class CustomerLicenseUpdate:
    """Changes to a customer's license; every field is optional. Fields left out are kept and the SKU cannot be changed
    (inferred: the body documents no `sku` and no field as required).

    """

    name: str | Unset = UNSET
    """ Name of the customer's license. """
    description: str | Unset = UNSET
    """ Description of the customer's license. """
    status: LicenseStatus | Unset = UNSET
    """ Status of the customer's license in a request. The vendor's create and update pages close the list:
    `enabled` or `disabled`. Answers use `LicenseStatusInResponse` (an open string). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        description = self.description

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if description is not UNSET:
            field_dict["description"] = description
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name", UNSET)

        description = d.pop("description", UNSET)

        _status = d.pop("status", UNSET)
        status: LicenseStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = check_license_status(_status)

        customer_license_update = cls(
            name=name,
            description=description,
            status=status,
        )

        customer_license_update.additional_properties = d
        return customer_license_update

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
