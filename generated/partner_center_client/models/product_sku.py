from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ProductSku")


@_attrs_define
class ProductSku:
    """The product SKU of a license (inferred: expected properties, from the examples, none required; targetType not
    expected).

    """

    id: str | Unset = UNSET
    """ The SKU id. """
    name: str | Unset = UNSET
    """ The SKU's display name, e.g. "Microsoft 365 E3". """
    sku_part_number: str | Unset = UNSET
    """ The SKU part number, e.g. "SPE_E3"; it can contain a slash. """
    target_type: str | Unset = UNSET
    """ What the SKU targets, e.g. "User". Omitted in the vendor's examples. """
    license_group_id: str | Unset = UNSET
    """ The license group of the SKU. Known values, returned in lower case: `group1` (products whose licenses
    Microsoft Entra ID manages) and `group2` (Minecraft products). An open string, not an enum (the vendor's page
    shows an empty enum; a new group must not break clients). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        sku_part_number = self.sku_part_number

        target_type = self.target_type

        license_group_id = self.license_group_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if name is not UNSET:
            field_dict["name"] = name
        if sku_part_number is not UNSET:
            field_dict["skuPartNumber"] = sku_part_number
        if target_type is not UNSET:
            field_dict["targetType"] = target_type
        if license_group_id is not UNSET:
            field_dict["licenseGroupId"] = license_group_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id", UNSET)

        name = d.pop("name", UNSET)

        sku_part_number = d.pop("skuPartNumber", UNSET)

        target_type = d.pop("targetType", UNSET)

        license_group_id = d.pop("licenseGroupId", UNSET)

        product_sku = cls(
            id=id,
            name=name,
            sku_part_number=sku_part_number,
            target_type=target_type,
            license_group_id=license_group_id,
        )

        product_sku.additional_properties = d
        return product_sku

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
