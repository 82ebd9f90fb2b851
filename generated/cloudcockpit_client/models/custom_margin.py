from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.margin_rule import MarginRule
from ..types import UNSET, Unset

T = TypeVar("T", bound="CustomMargin")


@_attrs_define
class CustomMargin:
    """The margin applied to the subscription's price. (inferred: both properties expected, neither required.)"""

    margin_rule: MarginRule | Unset = UNSET
    """ One of the vendor's `{name}` value objects: a nullable `name`, no other property. (inferred: `name` is
    expected, present even when null; not required.) """
    value: float | Unset = UNSET
    """ The margin's value, read according to the margin rule. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        margin_rule: dict[str, Any] | Unset = UNSET
        if not isinstance(self.margin_rule, Unset):
            margin_rule = self.margin_rule.to_dict()

        value = self.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if margin_rule is not UNSET:
            field_dict["marginRule"] = margin_rule
        if value is not UNSET:
            field_dict["value"] = value

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        _margin_rule = d.pop("marginRule", UNSET)
        margin_rule: MarginRule | Unset
        if isinstance(_margin_rule, Unset):
            margin_rule = UNSET
        else:
            margin_rule = MarginRule.from_dict(_margin_rule)

        value = d.pop("value", UNSET)

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
