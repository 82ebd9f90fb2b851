"""Contains all the data models used in inputs/outputs"""

from .access_token import AccessToken
from .customer_license import CustomerLicense
from .customer_license_create import CustomerLicenseCreate
from .customer_license_created import CustomerLicenseCreated
from .customer_license_details import CustomerLicenseDetails
from .customer_license_list import CustomerLicenseList
from .customer_license_update import CustomerLicenseUpdate
from .error import Error
from .error_reason import ErrorReason
from .license_status import LicenseStatus
from .login_request import LoginRequest
from .login_tokens import LoginTokens
from .two_factor_challenge import TwoFactorChallenge

__all__ = (
    "AccessToken",
    "CustomerLicense",
    "CustomerLicenseCreate",
    "CustomerLicenseCreated",
    "CustomerLicenseDetails",
    "CustomerLicenseList",
    "CustomerLicenseUpdate",
    "Error",
    "ErrorReason",
    "LicenseStatus",
    "LoginRequest",
    "LoginTokens",
    "TwoFactorChallenge",
)
