from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.license_status import LicenseStatus, check_license_status
from ..types import UNSET, Unset

T = TypeVar("T", bound="CustomerLicenseCreate")


@_attrs_define
class CustomerLicenseCreate:
    """A new customer's license. The SKU must not already be used by a license of the group (inferred: a duplicate is
    refused with 400).

    """

    name: str
    """ Name of the customer's license """
    sku: str
    """ Stock keeping unit uniquely identifying the customer's license """
    description: str | Unset = UNSET
    """ Description of the customer's license """
    status: LicenseStatus | Unset = "enabled"
    """ Status of the customer's license in a request. The vendor's create and update pages close the list:
    `enabled` or `disabled`. Answers use `LicenseStatusInResponse` (an open string). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        sku = self.sku

        description = self.description

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "sku": sku,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        sku = d.pop("sku")

        description = d.pop("description", UNSET)

        _status = d.pop("status", UNSET)
        status: LicenseStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = check_license_status(_status)

        customer_license_create = cls(
            name=name,
            sku=sku,
            description=description,
            status=status,
        )

        customer_license_create.additional_properties = d
        return customer_license_create

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
