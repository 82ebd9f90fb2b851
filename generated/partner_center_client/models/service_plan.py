from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ServicePlan")


@_attrs_define
class ServicePlan:
    """A service plan carried by a license. (inferred: expected properties, from the examples; none required.)"""

    id: str | Unset = UNSET
    """ The service plan id. """
    display_name: str | Unset = UNSET
    """ The service plan's display name, e.g. "Exchange Online (Plan 2)". """
    service_name: str | Unset = UNSET
    """ The service plan's name, e.g. "EXCHANGE_S_ENTERPRISE". """
    capability_status: str | Unset = UNSET
    """ The plan's status for the user, e.g. "Assigned". Open string owned by the server. """
    target_type: str | Unset = UNSET
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
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if display_name is not UNSET:
            field_dict["displayName"] = display_name
        if service_name is not UNSET:
            field_dict["serviceName"] = service_name
        if capability_status is not UNSET:
            field_dict["capabilityStatus"] = capability_status
        if target_type is not UNSET:
            field_dict["targetType"] = target_type

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id", UNSET)

        display_name = d.pop("displayName", UNSET)

        service_name = d.pop("serviceName", UNSET)

        capability_status = d.pop("capabilityStatus", UNSET)

        target_type = d.pop("targetType", UNSET)

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
