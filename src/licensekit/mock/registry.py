"""Which vendor mock serves which API, where the specs are, and how an app is put together."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path
from typing import Any

from .app import MockApp
from .spec import Api, load_api
from .tokens import default_secret
from .vendor import VendorMock
from .vendors.cloudcockpit import CloudCockpitMock
from .vendors.fusion import FusionMock
from .vendors.partner_center import PartnerCenterMock

VENDORS: dict[str, type[VendorMock]] = {
    "cloudcockpit": CloudCockpitMock,
    "fusion": FusionMock,
    "partner-center": PartnerCenterMock,
}
APIS = tuple(VENDORS)
SPECS_ENV = "LICENSEKIT_SPECS_DIR"


def specs_dir() -> Path:
    """$LICENSEKIT_SPECS_DIR, else specs shipped inside the package, else the repository's specs/."""
    if os.environ.get(SPECS_ENV):
        return Path(os.environ[SPECS_ENV])
    packaged = resources.files("licensekit").joinpath("specs")
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[3] / "specs"


def spec_path(api: str) -> Path:
    path = specs_dir() / VENDORS[api].spec_file
    if not path.is_file():
        # Say what is wrong instead of a bare FileNotFoundError deep inside the loader.
        raise FileNotFoundError(
            f"the {api} spec is not at {path}: set ${SPECS_ENV} to a folder holding the specs, or install "
            "a licensekit wheel (it carries them) or run from a clone of the repository"
        )
    return path


def load_spec(api: str) -> Api:
    """The API's spec, loaded with its vendor's routing rules (case-insensitive paths for ASP.NET)."""
    if api not in VENDORS:
        raise ValueError(f"unknown api {api!r}; expected one of {', '.join(APIS)}")
    return load_api(spec_path(api), case_insensitive=VENDORS[api].case_insensitive_routes)


def build_app(
    api: str, *, seed: dict[str, Any] | None = None, secret: str | None = None, check_responses: bool = False
) -> MockApp:
    spec = load_spec(api)
    secret = secret or default_secret()
    return MockApp(VENDORS[api](seed, secret=secret), spec, secret=secret, check_responses=check_responses)
