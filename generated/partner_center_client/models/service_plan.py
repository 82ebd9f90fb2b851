from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ServicePlan")


@_attrs_define
class ServicePlan:
    """A service plan carried by a license. (inferred: required properties, from the examples.)"""

    id: str
    """ The service plan id. """
    display_name: str
    """ The service plan's display name, e.g. "Exchange Online (Plan 2)". """
    service_name: str
    """ The service plan's name, e.g. "EXCHANGE_S_ENTERPRISE". """
    capability_status: str
    """ The plan's status for the user, e.g. "Assigned". Open string owned by the server. """
    target_type: str
    """ What the plan targets; known values "User" and "Tenant". Open string owned by the server. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        display_name = self.display_name

        service_name = self.service_name

        capability_status = self.capability_status

        target_type = self.target_type

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "displayName": display_name,
                "serviceName": service_name,
                "capabilityStatus": capability_status,
                "targetType": target_type,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        display_name = d.pop("displayName")

        service_name = d.pop("serviceName")

        capability_status = d.pop("capabilityStatus")

        target_type = d.pop("targetType")

        service_plan = cls(
            id=id,
            display_name=display_name,
            service_name=service_name,
            capability_status=capability_status,
            target_type=target_type,
        )

        service_plan.additional_properties = d
        return service_plan

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
