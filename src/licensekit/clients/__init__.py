"""licensekit.clients: production-ready clients over the generated ones.

One entry point per API, sync and async: CloudCockpit / AsyncCloudCockpit, Fusion / AsyncFusion,
PartnerCenter / AsyncPartnerCenter. Each wraps the generated Client (`.generated`) with default timeouts,
a licensekit User-Agent, token handling (BearerAuth), retries (RetryTransport), per-call correlation ids,
raising convenience methods and, where it applies, paging and sweep helpers.
Unless a transport= is given, API and token calls go through the proxy that HTTP_PROXY / HTTPS_PROXY /
ALL_PROXY name for their URL, NO_PROXY respected, like plain httpx (SSL_CERT_FILE / SSL_CERT_DIR too).
"""

from ._meta import DEFAULT_TIMEOUT, USER_AGENT
from ._secret import Secret
from .auth import BearerAuth, ClientCredentials, FusionLogin, RefreshTokenCredentials
from .cloudcockpit import AsyncCloudCockpit, CloudCockpit
from .errors import (
    ApiError,
    AuthenticationError,
    CloudCockpitApiError,
    CloudCockpitAuthenticationError,
    CloudCockpitDeadlineExceeded,
    CloudCockpitError,
    CloudCockpitInvalidResponse,
    CloudCockpitRateLimitError,
    CloudCockpitTransportFailure,
    DeadlineExceeded,
    FamilyError,
    FusionApiError,
    FusionAuthenticationError,
    FusionDeadlineExceeded,
    FusionError,
    FusionInvalidResponse,
    FusionPagingError,
    FusionRateLimitError,
    FusionTransportFailure,
    InvalidResponseError,
    LicenseKitError,
    PagingError,
    PartnerCenterApiError,
    PartnerCenterAuthenticationError,
    PartnerCenterDeadlineExceeded,
    PartnerCenterError,
    PartnerCenterInvalidResponse,
    PartnerCenterRateLimitError,
    PartnerCenterTransportFailure,
    RateLimitError,
    TransportFailure,
)
from .fusion import AsyncFusion, Fusion
from .partner_center import AsyncPartnerCenter, PartnerCenter
from .sweep import SweepResult, asweep, sweep
from .token_credential import AsyncTokenCredential, TokenCredential
from .transport import AsyncRetryTransport, CallIds, RetryPolicy, RetryTransport

__all__ = [
    "DEFAULT_TIMEOUT",
    "USER_AGENT",
    "ApiError",
    "AsyncCloudCockpit",
    "AsyncFusion",
    "AsyncPartnerCenter",
    "AsyncRetryTransport",
    "AsyncTokenCredential",
    "AuthenticationError",
    "BearerAuth",
    "CallIds",
    "ClientCredentials",
    "CloudCockpit",
    "CloudCockpitApiError",
    "CloudCockpitAuthenticationError",
    "CloudCockpitDeadlineExceeded",
    "CloudCockpitError",
    "CloudCockpitInvalidResponse",
    "CloudCockpitRateLimitError",
    "CloudCockpitTransportFailure",
    "DeadlineExceeded",
    "FamilyError",
    "Fusion",
    "FusionApiError",
    "FusionAuthenticationError",
    "FusionDeadlineExceeded",
    "FusionError",
    "FusionInvalidResponse",
    "FusionLogin",
    "FusionPagingError",
    "FusionRateLimitError",
    "FusionTransportFailure",
    "InvalidResponseError",
    "LicenseKitError",
    "PagingError",
    "PartnerCenter",
    "PartnerCenterApiError",
    "PartnerCenterAuthenticationError",
    "PartnerCenterDeadlineExceeded",
    "PartnerCenterError",
    "PartnerCenterInvalidResponse",
    "PartnerCenterRateLimitError",
    "PartnerCenterTransportFailure",
    "RateLimitError",
    "RefreshTokenCredentials",
    "RetryPolicy",
    "RetryTransport",
    "Secret",
    "SweepResult",
    "TokenCredential",
    "TransportFailure",
    "asweep",
    "sweep",
]
