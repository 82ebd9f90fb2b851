"""Which APIs exist, where their specs are, and what each spec says about servers and security.

Nothing here imports a mock, the proxy or a client, and the table needs no extra installed: asking "which
APIs are there" costs a dict lookup (a client-only install can too), and loading a spec costs one parse per
file (cached until the file changes).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the compiler needs PyYAML and jsonschema-rs; the table above it needs nothing
    from .spec import Api


@dataclass(frozen=True, slots=True)
class ApiInfo:
    name: str
    spec_file: str  # file name under specs/
    # ASP.NET routing matches paths without regard to case (CloudCockpit; reference: inferred).
    case_insensitive_routes: bool = False


REGISTRY: dict[str, ApiInfo] = {
    "cloudcockpit": ApiInfo("cloudcockpit", "cloudcockpit.yaml", case_insensitive_routes=True),
    "fusion": ApiInfo("fusion", "fusion.yaml"),
    "partner-center": ApiInfo("partner-center", "partner-center.yaml"),
}
APIS = tuple(REGISTRY)
SPECS_ENV = "LICENSEKIT_SPECS_DIR"


def info(api: str) -> ApiInfo:
    try:
        return REGISTRY[api]
    except KeyError:
        raise ValueError(f"unknown api {api!r}; expected one of {', '.join(APIS)}") from None


def specs_dir() -> Path:
    """$LICENSEKIT_SPECS_DIR, else specs shipped inside the package, else the repository's specs/."""
    if os.environ.get(SPECS_ENV):
        return Path(os.environ[SPECS_ENV])
    packaged = resources.files("licensekit").joinpath("specs")
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[3] / "specs"


def spec_path(api: str) -> Path:
    path = specs_dir() / info(api).spec_file
    if not path.is_file():
        # Say what is wrong instead of a bare FileNotFoundError deep inside the loader.
        raise FileNotFoundError(
            f"the {api} spec is not at {path}: set ${SPECS_ENV} to a folder holding the specs, or install "
            "a licensekit wheel (it carries them) or run from a clone of the repository"
        )
    return path


@lru_cache(maxsize=16)
def _load(path: str, mtime_ns: int, case_insensitive: bool) -> Api:
    from .spec import load_api

    return load_api(path, case_insensitive=case_insensitive)


def load_spec(api: str) -> Api:
    """The API's spec, compiled with its routing rule; one shared, read-only copy per file version."""
    path = spec_path(api)
    return _load(str(path), path.stat().st_mtime_ns, info(api).case_insensitive_routes)


def servers(api: str) -> list[str]:
    """The spec's server URLs, in the spec's order."""
    return [str(s["url"]) for s in load_spec(api).document.get("servers", []) if isinstance(s, dict)]


def security_schemes(api: str) -> dict[str, Any]:
    schemes: dict[str, Any] = load_spec(api).document.get("components", {}).get("securitySchemes", {})
    return schemes
