from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ProductSku")


@_attrs_define
class ProductSku:
    """The product SKU of a license (inferred: required properties, from the examples; targetType optional)."""

    id: str
    """ The SKU id. """
    name: str
    """ The SKU's display name, e.g. "Microsoft 365 E3". """
    sku_part_number: str
    """ The SKU part number, e.g. "SPE_E3"; it can contain a slash. """
    license_group_id: str
    """ The license group of the SKU. Known values, returned in lower case: `group1` (products whose licenses
    Microsoft Entra ID manages) and `group2` (Minecraft products). An open string, not an enum (the vendor's page
    shows an empty enum; a new group must not break clients). """
    target_type: str | Unset = UNSET
    """ What the SKU targets, e.g. "User". Omitted in the vendor's examples. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        sku_part_number = self.sku_part_number

        license_group_id = self.license_group_id

        target_type = self.target_type

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "skuPartNumber": sku_part_number,
                "licenseGroupId": license_group_id,
            }
        )
        if target_type is not UNSET:
            field_dict["targetType"] = target_type

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        sku_part_number = d.pop("skuPartNumber")

        license_group_id = d.pop("licenseGroupId")

        target_type = d.pop("targetType", UNSET)

        product_sku = cls(
            id=id,
            name=name,
            sku_part_number=sku_part_number,
            license_group_id=license_group_id,
            target_type=target_type,
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
