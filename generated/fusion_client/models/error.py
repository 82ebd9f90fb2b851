from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.error_reason import ErrorReason

T = TypeVar("T", bound="Error")


@_attrs_define
class Error:
    """Error body of every error status (inferred: the vendor's pages give status meanings only; the APIO engine answers
    `{"error": "<message>"}`, and the portal also copes with `error` being an object holding `reason`).

        Example:
            {'error': 'customer license not found'}

    """

    error: ErrorReason | str
    """ The error message, or an object holding it in `reason`. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        error: dict[str, Any] | str
        if isinstance(self.error, ErrorReason):
            error = self.error.to_dict()
        else:
            error = self.error

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "error": error,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_error(data: object) -> ErrorReason | str:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                error_type_1 = ErrorReason.from_dict(data)

                return error_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ErrorReason | str, data)

        error = _parse_error(d.pop("error"))

        error = cls(
            error=error,
        )

        error.additional_properties = d
        return error

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
