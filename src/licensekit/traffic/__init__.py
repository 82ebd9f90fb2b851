"""Offline traffic checks: recorded exchanges (HAR 1.2, the proxy's drift log) judged by the contract core,
as `licensekit check-traffic` does, with the proxy's findings, report, baseline and exit codes."""
