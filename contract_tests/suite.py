"""Building blocks the three suites share: the schemathesis schema for an API, running one case with
every check, the custom checks, and the write guard."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import hypothesis
import pytest
import schemathesis
import yaml
from schemathesis.config._output import DEFAULT_KEYS_TO_SANITIZE
from schemathesis.core.failures import Failure, FailureGroup
from schemathesis.generation.stateful import APIStateMachine

from licensekit.contract.registry import spec_path
from licensekit.masking import SECRET_HEADERS, SECRET_KEYS

from . import plumbing, tolerance
from .coverage import COVERAGE
from .findings_record import FINDINGS
from .plumbing import STATS

WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
SKIP_WRITES = (
    "writes against a non-mock target are off: pass --allow-writes (or LICENSEKIT_ALLOW_WRITES=1) to run them"
)


def build_schema(
    api: str,
    *,
    parameters: dict[str, Any] | None = None,
    operations: list[dict[str, Any]] | None = None,
    stateful_steps: int = 6,
    drop_security: tuple[str, ...] = (),
) -> Any:
    """The API's schema with the run's seed, example count, credentials and target URL applied.

    `parameters`: fixed values for parameters by name (ids of objects that exist on the target), so
    that positive cases reach real objects. `operations`: per-operation config sections (checks with
    other expected statuses, each with its reason next to it in the suite)."""
    s = plumbing.settings()
    target = plumbing.target(api)
    config = schemathesis.Config.from_dict(
        {
            "seed": s.seed,
            "output": {
                "sanitization": {
                    # the one secret list (licensekit.masking), whatever the value's JSON type
                    "keys-to-sanitize": sorted(
                        {*DEFAULT_KEYS_TO_SANITIZE, "x-tenant", *SECRET_KEYS, *SECRET_HEADERS}
                    )
                }
            },
            # The token goes through schemathesis' auth (so its auth probes know it is explicit), the
            # other fixed headers (X-Tenant) as headers.
            "headers": {k: v for k, v in target.headers().items() if k != "Authorization"},
            **({"auth": {"openapi": {"bearerAuth": {"bearer": target.token}}}} if target.token else {}),
            "parameters": parameters or {},
            "operations": operations or [],
            "phases": {
                "stateful": {"max-steps": stateful_steps},
                # Read-only against a real service: no probes with undeclared methods (a DELETE on a
                # collection path could be implemented there without being documented).
                **({} if target.allow_writes else {"coverage": {"unexpected-methods": ["OPTIONS", "TRACE"]}}),
            },
            "generation": {"max-examples": s.examples, "database": "none"},
            "request-timeout": 15,
            **({"reports": recording(api)} if s.record_dir else {}),
        }
    )
    if drop_security:
        document = yaml.safe_load(spec_path(api).read_text())
        document["security"] = [r for r in document.get("security", []) if not set(r) & set(drop_security)]
        schema = schemathesis.openapi.from_dict(document, config=config)
    else:
        schema = schemathesis.openapi.from_path(spec_path(api), config=config)
    if target.base_url:
        schema.config.update(base_url=target.base_url)

    def record_status(context: Any, case: Any, response: Any) -> None:
        if case.method.upper() != case.operation.method.upper():  # a probe with an undeclared method
            return
        request = response.request
        COVERAGE.record_exchange(
            api,
            request.method or case.method,
            request.url or "",
            plumbing.target(api).base_url,
            dict(request.headers),
            request.body,
            response.status_code,
            response.headers,
            response.content or b"",
        )

    schema.hooks.register_hook_with_name(record_status, "after_call")
    return schema


def recording(api: str) -> dict[str, Any]:
    """schemathesis' own HAR and VCR reports of every request sent and answer got, one pair per API, in
    the `--record` directory. Secrets are masked by the same sanitization as the failure output
    (Authorization, X-Tenant, tokens in bodies: `keys-to-sanitize` above)."""
    directory = plumbing.settings().record_dir
    assert directory is not None
    name = api.replace("-", "_")
    return {
        "directory": str(directory),
        "har": {"path": str(directory / f"{name}.har.json")},
        "vcr": {"path": str(directory / f"{name}.vcr.yaml")},
    }


def guard_writes(api: str, method: str) -> None:
    if method.upper() in WRITE_METHODS and not plumbing.target(api).allow_writes:
        pytest.skip(SKIP_WRITES)


EXTRA_CHECKS: dict[str, list[Any]] = {}


def run_case(api: str, case: Any, **kwargs: Any) -> Any:
    """`case.call_and_validate()` with every check (built-in and ours), counted for the summary table."""
    guard_writes(api, case.operation.method)
    STATS.case(api, case.operation.label)
    try:
        kwargs.setdefault("base_url", plumbing.target(api).base_url)
        return case.call_and_validate(additional_checks=EXTRA_CHECKS.get(api, []), **kwargs)
    except (Failure, FailureGroup) as error:
        count_failures(api, error)
        FINDINGS.failures(api, case, error)
        raise


def count_failures(api: str, error: Failure | FailureGroup) -> None:
    for failure in error.exceptions if isinstance(error, FailureGroup) else [error]:
        STATS.failure(api, failure_name(failure), failure)


def failure_name(failure: BaseException) -> str:
    return str(getattr(failure, "title", None) or type(failure).__name__)


def _is_uuid(value: Any) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def echo_headers(ctx: Any, response: Any, case: Any) -> bool | None:
    """Partner Center echoes MS-RequestId and MS-CorrelationId: the same value back when one was sent."""
    sent = {k.lower(): v for k, v in (case.headers or {}).items()}
    got = {k.lower(): v for k, v in response.headers.items()}
    for name in ("ms-requestid", "ms-correlationid"):
        if name not in sent or not _is_uuid(sent[name]):
            continue  # nothing (or not a GUID) sent: the server makes one up, which is allowed
        value = got.get(name)
        value = value[0] if isinstance(value, list) and value else value
        if value != sent[name]:
            raise AssertionError(f"{name} not echoed: sent {sent[name]!r}, got {value!r}")
    return None


class StatefulCounter:
    """Hooks for a state machine: counts its calls for the summary table and runs our extra check."""

    @staticmethod
    def wrap(api: str, machine: type[APIStateMachine]) -> type[APIStateMachine]:
        # mypy cannot use a class held in a variable as a base (dynamic subclassing is not supported).
        class Counted(machine):  # type: ignore[misc, valid-type]
            def before_call(self, case: Any) -> None:
                guard_writes(api, case.operation.method)
                STATS.case(api, case.operation.label)
                super().before_call(case)

            def get_call_kwargs(self, case: Any) -> dict[str, Any]:
                kwargs = dict(super().get_call_kwargs(case))
                kwargs["base_url"] = plumbing.target(api).base_url
                return kwargs

            def validate_response(self, response: Any, case: Any, **kwargs: Any) -> Any:
                try:
                    return super().validate_response(
                        response, case, additional_checks=EXTRA_CHECKS.get(api, []), **kwargs
                    )
                except (Failure, FailureGroup) as error:
                    count_failures(api, error)
                    FINDINGS.failures(api, case, error)
                    raise

        Counted.__name__ = f"{machine.__name__}_{api.replace('-', '_')}"
        return Counted


EXTRA_CHECKS["partner-center"] = [echo_headers]
# Every suite also records what the specs tolerate (warnings in the summary table, never failures).
for _api in plumbing.SUITE_FILES:
    EXTRA_CHECKS.setdefault(_api, []).append(tolerance.observer(_api))


# -- pieces of the three suite modules ----------------------------------------------------------------------
def bind_target(api: str, schema: Any) -> Any:
    """The suite module's autouse `target` fixture: start (or point at) the target, aim `schema` at it."""

    @pytest.fixture(scope="module", autouse=True)
    def target(start_target: Any) -> plumbing.Target:
        t: plumbing.Target = start_target(api)
        schema.config.update(base_url=t.base_url)
        return t

    return target


def run_stateful(
    machine: type[APIStateMachine], target: plumbing.Target, *, examples: int, steps: int
) -> None:
    """Run a state machine over the spec's links; writes, so skipped (with the reason) when writes are off.

    The run's seed drives it: `hypothesis.seed` on a state machine class seeds the test hypothesis builds
    from it (and overrides `derandomize`), so `--contract-seed N` replays the same sequences."""
    if not target.allow_writes:
        pytest.skip(SKIP_WRITES)
    hypothesis.seed(plumbing.settings().seed)(machine)
    machine.run(
        settings=hypothesis.settings(
            max_examples=examples,
            stateful_step_count=steps,
            deadline=None,
            database=None,
            # Health checks judge generation speed only; a slow live target must not fail the suite.
            suppress_health_check=list(hypothesis.HealthCheck),
            phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate],
        )
    )


def need(api: str, ids: dict[str, str], *keys: str) -> None:
    """Skip a scenario, naming the variables to set, when the target lacks ids of existing objects."""
    missing = [k for k in keys if not ids.get(k)]
    if missing:
        names = ", ".join(plumbing.env_prefix(api) + k.upper() for k in missing)
        pytest.skip(f"set {names} to existing objects")


def generated_client(client_class: Any, target: plumbing.Target) -> Any:
    """A generated AuthenticatedClient aimed at the target, raising on undocumented statuses; every answer
    it gets is recorded for the coverage table."""

    return client_class(
        base_url=target.base_url or "",
        token=target.token,
        raise_on_unexpected_status=True,
        timeout=httpx.Timeout(15.0),
        httpx_args=coverage_hook(target),
    )


def coverage_hook(target: plumbing.Target) -> dict[str, Any]:
    """httpx_args for a generated client: record every exchange for the coverage table and spec coverage."""

    def record_status(response: httpx.Response) -> None:
        COVERAGE.record_httpx(target.api, response, target.base_url)

    return {"event_hooks": {"response": [record_status]}}
