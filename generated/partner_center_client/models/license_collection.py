from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.license_ import License
from ..models.license_collection_links import LicenseCollectionLinks
from ..models.resource_attributes import ResourceAttributes
from ..types import UNSET, Unset

T = TypeVar("T", bound="LicenseCollection")


@_attrs_define
class LicenseCollection:
    """The licenses assigned to the user, in a collection wrapper (inferred: expected properties, from the examples; none
    required).

    """

    total_count: int | Unset = UNSET
    """ Number of licenses in `items`. """
    items: list[License] | Unset = UNSET
    attributes: ResourceAttributes | Unset = UNSET
    """ Attributes of a Partner Center resource. `objectType` is expected, not required (inferred: the reference
    shows it in every shape but does not promise it). """
    links: LicenseCollectionLinks | Unset = UNSET
    """ Links of the collection (e.g. to further pages), named by the SDKs only; shape not documented, so left open.
    No SDK pages this collection. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        total_count = self.total_count

        items: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.items, Unset):
            items = []
            for items_item_data in self.items:
                items_item = items_item_data.to_dict()
                items.append(items_item)

        attributes: dict[str, Any] | Unset = UNSET
        if not isinstance(self.attributes, Unset):
            attributes = self.attributes.to_dict()

        links: dict[str, Any] | Unset = UNSET
        if not isinstance(self.links, Unset):
            links = self.links.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if total_count is not UNSET:
            field_dict["totalCount"] = total_count
        if items is not UNSET:
            field_dict["items"] = items
        if attributes is not UNSET:
            field_dict["attributes"] = attributes
        if links is not UNSET:
            field_dict["links"] = links

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        total_count = d.pop("totalCount", UNSET)

        _items = d.pop("items", UNSET)
        items: list[License] | Unset = UNSET
        if _items is not UNSET:
            items = []
            for items_item_data in _items:
                items_item = License.from_dict(items_item_data)

                items.append(items_item)

        _attributes = d.pop("attributes", UNSET)
        attributes: ResourceAttributes | Unset
        if isinstance(_attributes, Unset):
            attributes = UNSET
        else:
            attributes = ResourceAttributes.from_dict(_attributes)

        _links = d.pop("links", UNSET)
        links: LicenseCollectionLinks | Unset
        if isinstance(_links, Unset):
            links = UNSET
        else:
            links = LicenseCollectionLinks.from_dict(_links)

        license_collection = cls(
            total_count=total_count,
            items=items,
            attributes=attributes,
            links=links,
        )

        license_collection.additional_properties = d
        return license_collection

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
