from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CustomerUserLicenseUpdate")


@_attrs_define
class CustomerUserLicenseUpdate:
    """One item of updateCustomerUserLicenses' list: which SKU, and whether the user is to hold it. The vendor names only
    the list; its example items carry the seven License properties. Required: `skuId` and `isSelected` (inferred: the
    least an update needs); the seat counts may be sent back as read (the example does) and are ignored (inferred: the
    server computes them).

    """

    sku_id: str
    """ Identifier of the license's SKU, as read from listCustomerLicenses. """
    is_selected: bool
    """ `true` assigns the license to the user, `false` removes it (inferred meaning). """
    name: str | Unset = UNSET
    """ Display name of the SKU, as read (ignored). """
    available_licenses: int | Unset = UNSET
    """ As read from listCustomerLicenses (ignored; inferred). """
    total_licenses: int | Unset = UNSET
    """ As read from listCustomerLicenses (ignored; inferred). """
    consumed_licenses: int | Unset = UNSET
    """ As read from listCustomerLicenses (ignored; inferred). """
    suspended_licenses: int | Unset = UNSET
    """ As read from listCustomerLicenses (ignored; inferred). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        sku_id = self.sku_id

        is_selected = self.is_selected

        name = self.name

        available_licenses = self.available_licenses

        total_licenses = self.total_licenses

        consumed_licenses = self.consumed_licenses

        suspended_licenses = self.suspended_licenses

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "skuId": sku_id,
                "isSelected": is_selected,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name
        if available_licenses is not UNSET:
            field_dict["availableLicenses"] = available_licenses
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
        sku_id = d.pop("skuId")

        is_selected = d.pop("isSelected")

        name = d.pop("name", UNSET)

        available_licenses = d.pop("availableLicenses", UNSET)

        total_licenses = d.pop("totalLicenses", UNSET)

        consumed_licenses = d.pop("consumedLicenses", UNSET)

        suspended_licenses = d.pop("suspendedLicenses", UNSET)

        customer_user_license_update = cls(
            sku_id=sku_id,
            is_selected=is_selected,
            name=name,
            available_licenses=available_licenses,
            total_licenses=total_licenses,
            consumed_licenses=consumed_licenses,
            suspended_licenses=suspended_licenses,
        )

        customer_user_license_update.additional_properties = d
        return customer_user_license_update

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
