from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.product_sku import ProductSku
from ..models.resource_attributes import ResourceAttributes
from ..models.service_plan import ServicePlan

T = TypeVar("T", bound="License")


@_attrs_define
class License:
    """A license assigned to the user (inferred: required properties, from the examples)."""

    service_plans: list[ServicePlan]
    product_sku: ProductSku
    """ The product SKU of a license (inferred: required properties, from the examples; targetType optional). """
    attributes: ResourceAttributes
    """ Attributes of a Partner Center resource. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        service_plans = []
        for service_plans_item_data in self.service_plans:
            service_plans_item = service_plans_item_data.to_dict()
            service_plans.append(service_plans_item)

        product_sku = self.product_sku.to_dict()

        attributes = self.attributes.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "servicePlans": service_plans,
                "productSku": product_sku,
                "attributes": attributes,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        service_plans = []
        _service_plans = d.pop("servicePlans")
        for service_plans_item_data in _service_plans:
            service_plans_item = ServicePlan.from_dict(service_plans_item_data)

            service_plans.append(service_plans_item)

        product_sku = ProductSku.from_dict(d.pop("productSku"))

        attributes = ResourceAttributes.from_dict(d.pop("attributes"))

        license_ = cls(
            service_plans=service_plans,
            product_sku=product_sku,
            attributes=attributes,
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
