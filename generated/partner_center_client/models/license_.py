from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.product_sku import ProductSku
from ..models.resource_attributes import ResourceAttributes
from ..models.service_plan import ServicePlan
from ..types import UNSET, Unset

T = TypeVar("T", bound="License")


@_attrs_define
class License:
    """A license assigned to the user (inferred: expected properties, from the examples; none required)."""

    service_plans: list[ServicePlan] | Unset = UNSET
    product_sku: ProductSku | Unset = UNSET
    """ The product SKU of a license (inferred: expected properties, from the examples, none required; targetType
    not expected). """
    attributes: ResourceAttributes | Unset = UNSET
    """ Attributes of a Partner Center resource. `objectType` is expected, not required (inferred: the reference
    shows it in every shape but does not promise it). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        service_plans: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.service_plans, Unset):
            service_plans = []
            for service_plans_item_data in self.service_plans:
                service_plans_item = service_plans_item_data.to_dict()
                service_plans.append(service_plans_item)

        product_sku: dict[str, Any] | Unset = UNSET
        if not isinstance(self.product_sku, Unset):
            product_sku = self.product_sku.to_dict()

        attributes: dict[str, Any] | Unset = UNSET
        if not isinstance(self.attributes, Unset):
            attributes = self.attributes.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if service_plans is not UNSET:
            field_dict["servicePlans"] = service_plans
        if product_sku is not UNSET:
            field_dict["productSku"] = product_sku
        if attributes is not UNSET:
            field_dict["attributes"] = attributes

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        _service_plans = d.pop("servicePlans", UNSET)
        service_plans: list[ServicePlan] | Unset = UNSET
        if _service_plans is not UNSET:
            service_plans = []
            for service_plans_item_data in _service_plans:
                service_plans_item = ServicePlan.from_dict(service_plans_item_data)

                service_plans.append(service_plans_item)

        _product_sku = d.pop("productSku", UNSET)
        product_sku: ProductSku | Unset
        if isinstance(_product_sku, Unset):
            product_sku = UNSET
        else:
            product_sku = ProductSku.from_dict(_product_sku)

        _attributes = d.pop("attributes", UNSET)
        attributes: ResourceAttributes | Unset
        if isinstance(_attributes, Unset):
            attributes = UNSET
        else:
            attributes = ResourceAttributes.from_dict(_attributes)

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
