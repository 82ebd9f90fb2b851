from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="LoginTokens")


@_attrs_define
class LoginTokens:
    """The tokens of a successful login. All fields are optional: the APIO engine's docs say the answer "may hold" them."""

    access_token: str | Unset = UNSET
    """ JWT access token, valid for minutes; sent as `Authorization: Bearer <access_token>`. """
    refresh_token: str | Unset = UNSET
    """ Refresh token; sent as bearer to `GET /api/v01/auth/access_token` to get a new access token. """
    token: str | Unset = UNSET
    """ A non-expiring token. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        access_token = self.access_token

        refresh_token = self.refresh_token

        token = self.token

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if access_token is not UNSET:
            field_dict["access_token"] = access_token
        if refresh_token is not UNSET:
            field_dict["refresh_token"] = refresh_token
        if token is not UNSET:
            field_dict["token"] = token

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        access_token = d.pop("access_token", UNSET)

        refresh_token = d.pop("refresh_token", UNSET)

        token = d.pop("token", UNSET)

        login_tokens = cls(
            access_token=access_token,
            refresh_token=refresh_token,
            token=token,
        )

        login_tokens.additional_properties = d
        return login_tokens

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
