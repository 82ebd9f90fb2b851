"""A finding: one way an exchange departed from the spec, or did what the spec tolerates but we did not
expect. Check names are schemathesis' where it has one, so a departure seen by the proxy reads like the
contract suite's failure for the same thing.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

# Severities.
FAILURE = "failure"  # the spec does not allow it
TOLERATED = "tolerated"  # the spec allows it (we infer there), but the vendor did not do as expected
SEVERITIES = (FAILURE, TOLERATED)

# Checks on the request (the caller's side) ...
REQUEST_CONFORMANCE = "request_conformance"
UNDOCUMENTED_OPERATION = "undocumented_operation"
# ... on the answer (the vendor's side), named as schemathesis names them ...
STATUS_CODE = "status_code_conformance"
CONTENT_TYPE = "content_type_conformance"
RESPONSE_HEADERS = "response_headers_conformance"
RESPONSE_SCHEMA = "response_schema_conformance"
NEGATIVE_DATA = "negative_data_rejection"
IGNORED_AUTH = "ignored_auth"
NOT_A_SERVER_ERROR = "not_a_server_error"  # any 5xx, documented or not (a judge option: see Judge)
# ... what could not be judged ...
UNVALIDATED = "unvalidated_body"
# ... and what the tolerance rule accepts (docs/spec-conventions.md); schemathesis has no names for these.
MISSING_EXPECTED_PROPERTY = "missing_expected_property"
MISSING_EXPECTED_HEADER = "missing_expected_header"
UNKNOWN_ENUM_VALUE = "unknown_enum_value"
UNEXPECTED_INFERRED_BODY = "unexpected_inferred_body"
TOLERATED_CHECKS = (
    MISSING_EXPECTED_PROPERTY,
    MISSING_EXPECTED_HEADER,
    UNKNOWN_ENUM_VALUE,
    UNEXPECTED_INFERRED_BODY,
)


@dataclass(frozen=True, slots=True)
class Finding:
    api: str
    operation: str  # operationId, or "METHOD /path" when the spec has no such operation
    check: str
    severity: str  # FAILURE | TOLERATED
    location: str  # e.g. "response 200 body.licenses[].sku", "request query page_size"
    message: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def text(self) -> str:
        """One line: where, then what."""
        return f"{self.location}: {self.message}" if self.location else self.message
