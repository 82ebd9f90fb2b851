"""Which vendor mock serves which API, and how a mock app is put together.

Which APIs exist and where their specs are is the contract core's (`licensekit.contract.registry`); the
names are re-exported here for code written against 0.2.
"""

from __future__ import annotations

from typing import Any

from ..contract.registry import APIS, SPECS_ENV, load_spec, spec_path, specs_dir
from .app import MockApp
from .tokens import default_secret
from .vendor import VendorMock
from .vendors.cloudcockpit import CloudCockpitMock
from .vendors.fusion import FusionMock
from .vendors.partner_center import PartnerCenterMock

__all__ = ["APIS", "SPECS_ENV", "VENDORS", "build_app", "load_spec", "spec_path", "specs_dir"]

VENDORS: dict[str, type[VendorMock]] = {
    "cloudcockpit": CloudCockpitMock,
    "fusion": FusionMock,
    "partner-center": PartnerCenterMock,
}


def build_app(
    api: str, *, seed: dict[str, Any] | None = None, secret: str | None = None, check_responses: bool = False
) -> MockApp:
    spec = load_spec(api)
    secret = secret or default_secret()
    return MockApp(VENDORS[api](seed, secret=secret), spec, secret=secret, check_responses=check_responses)
