from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.customer_user_license_update import CustomerUserLicenseUpdate
from ..types import uuid_of

T = TypeVar("T", bound="UpdateCustomerUserLicensesRequest")


@_attrs_define
class UpdateCustomerUserLicensesRequest:
    """Body of updateCustomerUserLicenses. The page's prose names the list `licenses`, its request example
    `customerUserLicenses`; the example reflects the vendor's schema and is followed here. (inferred: both properties
    are required.)

    """

    provider_instance_id: UUID
    """ GUID Unique identifier for the provider instance. """
    customer_user_licenses: list[CustomerUserLicenseUpdate]
    """ The user's licenses, each with `isSelected` set to the wanted state (inferred: the list read from
    listCustomerLicenses, sent back with `isSelected` changed). Only `skuId` and `isSelected` are required: the seat
    counts are the server's to compute. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        provider_instance_id = str(self.provider_instance_id)

        customer_user_licenses = []
        for customer_user_licenses_item_data in self.customer_user_licenses:
            customer_user_licenses_item = customer_user_licenses_item_data.to_dict()
            customer_user_licenses.append(customer_user_licenses_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "providerInstanceId": provider_instance_id,
                "customerUserLicenses": customer_user_licenses,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        provider_instance_id = uuid_of(d.pop("providerInstanceId"))

        customer_user_licenses = []
        _customer_user_licenses = d.pop("customerUserLicenses")
        for customer_user_licenses_item_data in _customer_user_licenses:
            customer_user_licenses_item = CustomerUserLicenseUpdate.from_dict(
                customer_user_licenses_item_data
            )

            customer_user_licenses.append(customer_user_licenses_item)

        update_customer_user_licenses_request = cls(
            provider_instance_id=provider_instance_id,
            customer_user_licenses=customer_user_licenses,
        )

        update_customer_user_licenses_request.additional_properties = d
        return update_customer_user_licenses_request

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
