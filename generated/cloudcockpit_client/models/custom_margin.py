from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.margin_rule import MarginRule

T = TypeVar("T", bound="CustomMargin")


@_attrs_define
class CustomMargin:
    """The margin applied to the subscription's price. (inferred: both properties required.)"""

    margin_rule: MarginRule
    """ One of the vendor's `{name}` value objects: a nullable `name`, no other property. (inferred: `name` is
    required, present even when null.) """
    value: float
    """ The margin's value, read according to the margin rule. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        margin_rule = self.margin_rule.to_dict()

        value = self.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "marginRule": margin_rule,
                "value": value,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        margin_rule = MarginRule.from_dict(d.pop("marginRule"))

        value = d.pop("value")

        custom_margin = cls(
            margin_rule=margin_rule,
            value=value,
        )

        custom_margin.additional_properties = d
        return custom_margin

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
