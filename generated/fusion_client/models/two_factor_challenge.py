from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="TwoFactorChallenge")


@_attrs_define
class TwoFactorChallenge:
    """The answer of a login from an unknown device of a user with two-factor authentication; the login is finished through
    `POST /api/v01/auth/2fa` with this payload (not described here).

    """

    field_2fa_payload: str
    """ Opaque challenge payload to send back to `POST /api/v01/auth/2fa`. Its shape is not documented; a string is
    assumed. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_2fa_payload = self.field_2fa_payload

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "2fa_payload": field_2fa_payload,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        field_2fa_payload = d.pop("2fa_payload")

        two_factor_challenge = cls(
            field_2fa_payload=field_2fa_payload,
        )

        two_factor_challenge.additional_properties = d
        return two_factor_challenge

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
