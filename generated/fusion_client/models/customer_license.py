from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CustomerLicense")


@_attrs_define
class CustomerLicense:
    """A customer's license, as an item of a list. Every field is documented as not conditional (always present),
    `description` included (see Contradictions).

    """

    description: str
    """ Description of the customer's license (always present: the page marks it not conditional). """
    id: int
    """ ID of the customer's license in database (inferred format: no size documented) """
    name: str
    """ Name of the customer's license """
    sku: str
    """ Stock keeping unit uniquely identifying the customer's license """
    status: str
    """ Status of the customer's license in an answer: a plain string, as the list and get pages document it (they
    list no values). Known values: `enabled`, `disabled` (the values create and update accept); a value the vendor
    adds must not break a client. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        description = self.description

        id = self.id

        name = self.name

        sku = self.sku

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "description": description,
                "id": id,
                "name": name,
                "sku": sku,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        description = d.pop("description")

        id = d.pop("id")

        name = d.pop("name")

        sku = d.pop("sku")

        status = d.pop("status")

        customer_license = cls(
            description=description,
            id=id,
            name=name,
            sku=sku,
            status=status,
        )

        customer_license.additional_properties = d
        return customer_license

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
