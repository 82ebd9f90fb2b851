from typing import Literal

LicenseStatus = Literal["disabled", "enabled"]

LICENSE_STATUS_VALUES: set[LicenseStatus] = {
    "disabled",
    "enabled",
}


def check_license_status(value: str) -> LicenseStatus:
    if value in LICENSE_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {LICENSE_STATUS_VALUES!r}"
    )
