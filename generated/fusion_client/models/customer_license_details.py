from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CustomerLicenseDetails")


@_attrs_define
class CustomerLicenseDetails:
    """The details of a customer's license (the answer does not repeat its `id`). `description` is expected but not
    required (inferred: create makes it optional; see Contradictions).

    """

    name: str
    """ Name of the customer license """
    sku: str
    """ Stock keeping unit uniquely identifying the customer license """
    status: str
    """ Status of the customer's license in an answer: a plain string, as the list and get pages document it (they
    list no values). Known values: `enabled`, `disabled` (the values create and update accept); a value the vendor
    adds must not break a client. """
    description: None | str | Unset = UNSET
    """ Description of the customer license. Optional and nullable here (inferred: the page marks it not
    conditional, but create makes it optional, so a license may have none; see Contradictions). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        sku = self.sku

        status = self.status

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "sku": sku,
                "status": status,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        sku = d.pop("sku")

        status = d.pop("status")

        description = d.pop("description", UNSET)

        customer_license_details = cls(
            name=name,
            sku=sku,
            status=status,
            description=description,
        )

        customer_license_details.additional_properties = d
        return customer_license_details

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
