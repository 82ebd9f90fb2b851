"""Mock fixtures for the client tests.

The fixtures come from licensekit.mock.pytest_plugin (a pytest11 entry point once the package is
reinstalled); importing them here keeps these tests runnable before that.
"""

from licensekit.mock.pytest_plugin import (  # noqa: F401
    cloudcockpit_mock,
    fusion_mock,
    licensekit_cloudcockpit_server,
    licensekit_fusion_server,
    licensekit_partner_center_server,
    partner_center_mock,
)
