"""Contains all the data models used in inputs/outputs"""

from .azure_entitlement import AzureEntitlement
from .billing_frequency import BillingFrequency
from .billing_type import BillingType
from .currency import Currency
from .custom_margin import CustomMargin
from .customer_user_license_update import CustomerUserLicenseUpdate
from .error_detail import ErrorDetail
from .error_response import ErrorResponse
from .license_ import License
from .margin_rule import MarginRule
from .money import Money
from .offer_type import OfferType
from .segment import Segment
from .subscription_status import SubscriptionStatus
from .term_duration import TermDuration
from .update_customer_user_licenses_request import UpdateCustomerUserLicensesRequest

__all__ = (
    "AzureEntitlement",
    "BillingFrequency",
    "BillingType",
    "Currency",
    "CustomMargin",
    "CustomerUserLicenseUpdate",
    "ErrorDetail",
    "ErrorResponse",
    "License",
    "MarginRule",
    "Money",
    "OfferType",
    "Segment",
    "SubscriptionStatus",
    "TermDuration",
    "UpdateCustomerUserLicensesRequest",
)
