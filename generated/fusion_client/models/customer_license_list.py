from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.customer_license import CustomerLicense
from ..types import UNSET, Unset

T = TypeVar("T", bound="CustomerLicenseList")


@_attrs_define
class CustomerLicenseList:
    """A page of customer's licenses."""

    results: int
    """ Total number of results from the query """
    pages: int
    """ Total number of pages according to pagination settings """
    page: int
    """ Current displayed page from the set of pages """
    licenses: list[CustomerLicense]
    """ List containing all the Customer's license objects of the entity (the page says "for the group"; the same
    answer serves distributors, resellers and tenants). Empty past the last page (inferred). """
    next_: str | Unset = UNSET
    """ A token used for infinite scrolling, to be used in the next call to retrieve subsequent records. Only
    present if the list of customer's licenses has to be continued. Pass it back as the `next` query parameter. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        results = self.results

        pages = self.pages

        page = self.page

        licenses = []
        for licenses_item_data in self.licenses:
            licenses_item = licenses_item_data.to_dict()
            licenses.append(licenses_item)

        next_ = self.next_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "results": results,
                "pages": pages,
                "page": page,
                "licenses": licenses,
            }
        )
        if next_ is not UNSET:
            field_dict["next"] = next_

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        results = d.pop("results")

        pages = d.pop("pages")

        page = d.pop("page")

        licenses = []
        _licenses = d.pop("licenses")
        for licenses_item_data in _licenses:
            licenses_item = CustomerLicense.from_dict(licenses_item_data)

            licenses.append(licenses_item)

        next_ = d.pop("next", UNSET)

        customer_license_list = cls(
            results=results,
            pages=pages,
            page=page,
            licenses=licenses,
            next_=next_,
        )

        customer_license_list.additional_properties = d
        return customer_license_list

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
