from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="License")


@_attrs_define
class License:
    """A Microsoft license (SKU) of a customer with its seat counts. listCustomerLicenses answers a list of them;
    updateCustomerUserLicenses takes items of the same shape back in `customerUserLicenses` (CustomerUserLicenseUpdate,
    where only `skuId` and `isSelected` are required). (inferred: every property is expected, none required: every
    vendor example carries all seven and the ASP.NET backend serializes every property of its model.)

    """

    sku_id: str | Unset = UNSET
    """ Identifier of the license's SKU (inferred: Microsoft's SKU GUID, e.g. 05e9a617-0261-4cee-bb44-138d3ef5d965
    for Microsoft 365 E3; kept a plain string as the vendor does not type it). """
    name: str | Unset = UNSET
    """ Display name of the SKU, e.g. Microsoft 365 E3. """
    available_licenses: int | Unset = UNSET
    """ Seats not assigned to any user (inferred meaning). """
    is_selected: bool | Unset = UNSET
    """ Whether the license is assigned to the user (inferred meaning: in the PATCH body `true` assigns the license
    to the user and `false` removes it). """
    total_licenses: int | Unset = UNSET
    """ Seats bought (inferred meaning). """
    consumed_licenses: int | Unset = UNSET
    """ Seats assigned to users (inferred meaning). """
    suspended_licenses: int | Unset = UNSET
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
        field_dict.update({})
        if sku_id is not UNSET:
            field_dict["skuId"] = sku_id
        if name is not UNSET:
            field_dict["name"] = name
        if available_licenses is not UNSET:
            field_dict["availableLicenses"] = available_licenses
        if is_selected is not UNSET:
            field_dict["isSelected"] = is_selected
        if total_licenses is not UNSET:
            field_dict["totalLicenses"] = total_licenses
        if consumed_licenses is not UNSET:
            field_dict["consumedLicenses"] = consumed_licenses
        if suspended_licenses is not UNSET:
            field_dict["suspendedLicenses"] = suspended_licenses

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        sku_id = d.pop("skuId", UNSET)

        name = d.pop("name", UNSET)

        available_licenses = d.pop("availableLicenses", UNSET)

        is_selected = d.pop("isSelected", UNSET)

        total_licenses = d.pop("totalLicenses", UNSET)

        consumed_licenses = d.pop("consumedLicenses", UNSET)

        suspended_licenses = d.pop("suspendedLicenses", UNSET)

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
