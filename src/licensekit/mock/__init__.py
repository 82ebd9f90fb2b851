"""Stateful, spec-driven mock servers for CloudCockpit, Netaxis Fusion and Microsoft Partner Center.

    from licensekit.mock import serve
    with serve("fusion") as mock:
        mock.base_url, mock.token(roles=[...]), mock.inject_fault(429), mock.reset()

See docs/mock-interface.md.
"""

from .registry import APIS, build_app
from .server import MockServer, serve
from .tokens import make_token

__all__ = ["APIS", "MockServer", "build_app", "make_token", "serve"]
