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
    CloudCockpitError,
    FusionError,
    LicenseKitError,
    PartnerCenterError,
)
from .fusion import AsyncFusion, Fusion
from .partner_center import AsyncPartnerCenter, PartnerCenter
from .sweep import SweepResult, asweep, sweep
from .transport import AsyncRetryTransport, CallIds, RetryPolicy, RetryTransport

__all__ = [
    "DEFAULT_TIMEOUT",
    "USER_AGENT",
    "ApiError",
    "AsyncCloudCockpit",
    "AsyncFusion",
    "AsyncPartnerCenter",
    "AsyncRetryTransport",
    "AuthenticationError",
    "BearerAuth",
    "CallIds",
    "ClientCredentials",
    "CloudCockpit",
    "CloudCockpitError",
    "Fusion",
    "FusionError",
    "FusionLogin",
    "LicenseKitError",
    "PartnerCenter",
    "PartnerCenterError",
    "RefreshTokenCredentials",
    "RetryPolicy",
    "RetryTransport",
    "Secret",
    "SweepResult",
    "asweep",
    "sweep",
]
