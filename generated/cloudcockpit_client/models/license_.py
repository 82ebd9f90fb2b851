from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="License")


@_attrs_define
class License:
    """A Microsoft license (SKU) of a customer with its seat counts. listCustomerLicenses answers a list of them;
    updateCustomerUserLicenses takes them back in `customerUserLicenses`. (inferred: every property is required: every
    vendor example carries all seven and the ASP.NET backend serializes every property of its model.)

    """

    sku_id: str
    """ Identifier of the license's SKU (inferred: Microsoft's SKU GUID, e.g. 05e9a617-0261-4cee-bb44-138d3ef5d965
    for Microsoft 365 E3; kept a plain string as the vendor does not type it). """
    name: str
    """ Display name of the SKU, e.g. Microsoft 365 E3. """
    available_licenses: int
    """ Seats not assigned to any user (inferred meaning). """
    is_selected: bool
    """ Whether the license is assigned to the user (inferred meaning: in the PATCH body `true` assigns the license
    to the user and `false` removes it). """
    total_licenses: int
    """ Seats bought (inferred meaning). """
    consumed_licenses: int
    """ Seats assigned to users (inferred meaning). """
    suspended_licenses: int
    """ Seats in a suspended state (inferred meaning). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        sku_id = self.sku_id

        name = self.name

        available_licenses = self.available_licenses

        is_selected = self.is_selected

        total_licenses = self.total_licenses

        consumed_licenses = self.consumed_licenses

        suspended_licenses = self.suspended_licenses

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "skuId": sku_id,
                "name": name,
                "availableLicenses": available_licenses,
                "isSelected": is_selected,
                "totalLicenses": total_licenses,
                "consumedLicenses": consumed_licenses,
                "suspendedLicenses": suspended_licenses,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        sku_id = d.pop("skuId")

        name = d.pop("name")

        available_licenses = d.pop("availableLicenses")

        is_selected = d.pop("isSelected")

        total_licenses = d.pop("totalLicenses")

        consumed_licenses = d.pop("consumedLicenses")

        suspended_licenses = d.pop("suspendedLicenses")

        license_ = cls(
            sku_id=sku_id,
            name=name,
            available_licenses=available_licenses,
            is_selected=is_selected,
            total_licenses=total_licenses,
            consumed_licenses=consumed_licenses,
            suspended_licenses=suspended_licenses,
        )

        license_.additional_properties = d
        return license_

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
