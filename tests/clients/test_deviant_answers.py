"""Every operation of every client, fed answers a real vendor could plausibly send, ends in a typed model or
an exception of its API's family, never anything else (sync and async).

The answers come over real HTTP from a loopback server. They start from what our mocks really answer
(recorded once per session) and the vendors' error shapes, then hypothesis bends them: fields dropped or
set to null, unknown enum values, extra fields, wrong types, 40-digit integers, empty / HTML / truncated /
non-UTF-8 / absurdly nested bodies, a false Content-Encoding, bodies cut mid-transfer, odd Retry-After and
Content-Type headers, and every status the vendor documents plus those it could send anyway (201, 204,
299, 3xx, 408, 422, 502, 504, 599...).
Token endpoints (Fusion login, Entra ID) are fed the same way.

LICENSEKIT_DEVIANT_EXAMPLES (default 40) sets the answers per operation and mode; the terminal summary
lists how many each operation got.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import inspect
import json
import logging
import os
import pickle
import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from cloudcockpit_client.models import AzureEntitlement, License
from fusion_client.models import (
    CustomerLicenseCreate,
    CustomerLicenseCreated,
    CustomerLicenseDetails,
    CustomerLicenseList,
    CustomerLicenseUpdate,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from partner_center_client.models import LicenseCollection

from licensekit.clients import (
    AsyncCloudCockpit,
    AsyncFusion,
    AsyncPartnerCenter,
    ClientCredentials,
    CloudCockpit,
    CloudCockpitError,
    FamilyError,
    Fusion,
    FusionError,
    FusionInvalidResponse,
    FusionLogin,
    PartnerCenter,
    PartnerCenterError,
    RetryPolicy,
)
from licensekit.clients.tolerance import MISSING, UNEXPECTED_BODY, UNKNOWN, Deviation, forget_warnings
from licensekit.mock import MockServer

from ..summaries import ANSWERS, TOLERATED
from .answering import Answer, AnsweringServer, Seen

EXAMPLES = int(os.environ.get("LICENSEKIT_DEVIANT_EXAMPLES", "40"))
SPECS = Path(__file__).resolve().parents[2] / "specs"
TOKEN_PATH = "/__mock__/oauth2/v2.0/token"
# Mock seed data (src/licensekit/mock/data), to record real answers from.
CC_CUSTOMER = uuid.UUID("21fd4f08-3076-53c4-bf78-5fd9c24fe208")
CC_PROVIDER = uuid.UUID("aef7deb2-3bd5-56e9-8781-1bf4495044d5")
CC_SUBSCRIPTION = uuid.UUID("33ab060a-d0c1-5f5d-97a6-ba6fcda24eaf")
CC_USER = uuid.UUID("00000000-0000-4000-8000-000000000001")
CC_CLIENT = ("39ff5e04-e304-5cfc-99ed-abc5e861155e", "cc-mock-secret-portal")
FUSION_GROUP = uuid.UUID("7ba71d48-91f6-5eca-a70a-4852b6eaaaa4")
FUSION_USER = ("admin@netaxis.example", "Fusion-Admin-2024!")
PC_CUSTOMER = uuid.UUID("d2a1304e-f6f5-5446-917f-d6dfa82acce2")
PC_USER = "b93906ee-7a7d-5047-83fe-c6e67b50895d"
PC_CLIENT = ("f1950e69-f554-5b88-bb92-8fdada293a14", "pc-secret")

# No waiting on Retry-After (above 0.01 s the call gives up at once) and one retry: fast examples.
POLICY = RetryPolicy(
    max_attempts=2, max_total=5.0, backoff_base=0.001, backoff_max=0.002, max_retry_after=0.01
)
# Statuses a vendor could send whatever its docs say: gateways, proxies, load balancers, new features.
EXTRA_STATUSES = (
    200,
    201,
    202,
    204,
    206,
    299,
    301,
    302,
    304,
    400,
    401,
    403,
    404,
    405,
    408,
    409,
    410,
    413,
    415,
    422,
    429,
    500,
    501,
    502,
    503,
    504,
    520,
    599,
)
ERROR_SHAPES = {
    "cloudcockpit": {
        "description": "Invalid request",
        "errors": [{"propertyName": "x", "description": ["bad"]}],
    },
    "fusion": {"error": {"reason": "Not found", "code": 404}},
    "partner-center": {
        "code": 600008,
        "description": "The requested resource was not found",
        "source": "PCv1",
    },
}


def _list_of(model: type) -> Callable[[object], bool]:
    return lambda value: isinstance(value, list) and all(isinstance(item, model) for item in value)


@dataclass(frozen=True)
class Operation:
    key: str
    spec: str
    operation_id: str
    family: type[FamilyError]
    make: Callable[..., Any]
    """(base_url, async, **client keywords) -> a client aimed at base_url."""
    invoke: Callable[[Any], Any]
    """client -> the result (a coroutine for an async client)."""
    expect: Callable[[object], bool]
    token_path: str | None = None
    """Feed the deviant answers to this token endpoint instead; API calls get `api_sample`."""
    api_sample: str | None = None


def cloudcockpit(base_url: str, is_async: bool, **kwargs: Any) -> Any:
    kwargs.setdefault("token", "t")
    cls = AsyncCloudCockpit if is_async else CloudCockpit
    return cls(base_url, tenant="portal.cloudcockpit.com", retry=POLICY, **kwargs)


def fusion(base_url: str, is_async: bool, **kwargs: Any) -> Any:
    kwargs.setdefault("token", "t")
    cls = AsyncFusion if is_async else Fusion
    return cls(base_url, draas_instance="draas_v1", retry=POLICY, **kwargs)


def partner_center(base_url: str, is_async: bool, **kwargs: Any) -> Any:
    kwargs.setdefault("token", "t")
    cls = AsyncPartnerCenter if is_async else PartnerCenter
    return cls(base_url, retry=POLICY, **kwargs)


def entra(base_url: str) -> ClientCredentials:
    return ClientCredentials(*CC_CLIENT, token_url=base_url + TOKEN_PATH)


def cc_list(c: Any) -> Any:
    return c.list_customer_licenses(CC_CUSTOMER, provider_instance_id=CC_PROVIDER)


def fusion_list(level: str) -> Callable[[Any], Any]:
    return lambda c: c.list_customer_licenses(level, FUSION_GROUP)


OPERATIONS = [
    Operation(
        "cloudcockpit.listCustomerLicenses",
        "cloudcockpit",
        "listCustomerLicenses",
        CloudCockpitError,
        cloudcockpit,
        cc_list,
        _list_of(License),
    ),
    Operation(
        "cloudcockpit.updateCustomerUserLicenses",
        "cloudcockpit",
        "updateCustomerUserLicenses",
        CloudCockpitError,
        cloudcockpit,
        lambda c: c.update_customer_user_licenses(
            CC_CUSTOMER, CC_USER, provider_instance_id=CC_PROVIDER, licenses=[]
        ),
        lambda value: value is None,
    ),
    Operation(
        "cloudcockpit.listAzureEntitlements",
        "cloudcockpit",
        "listAzureEntitlements",
        CloudCockpitError,
        cloudcockpit,
        lambda c: c.list_azure_entitlements(CC_CUSTOMER, CC_SUBSCRIPTION),
        _list_of(AzureEntitlement),
    ),
    Operation(
        "cloudcockpit.<entra token>",
        "cloudcockpit",
        "listCustomerLicenses",
        CloudCockpitError,
        lambda url, a, **kw: cloudcockpit(url, a, token=None, credentials=entra(url), **kw),
        cc_list,
        _list_of(License),
        token_path=TOKEN_PATH,
        api_sample="cloudcockpit.listCustomerLicenses",
    ),
    *(
        Operation(
            f"fusion.list{level.title()}CustomerLicenses",
            "fusion",
            f"list{level.title()}CustomerLicenses",
            FusionError,
            fusion,
            fusion_list(level),
            lambda v: isinstance(v, CustomerLicenseList),
        )
        for level in ("group", "distributor", "reseller", "tenant")
    ),
    Operation(
        "fusion.getCustomerLicense",
        "fusion",
        "getCustomerLicense",
        FusionError,
        fusion,
        lambda c: c.get_customer_license(FUSION_GROUP, 1),
        lambda v: isinstance(v, CustomerLicenseDetails),
    ),
    Operation(
        "fusion.createCustomerLicense",
        "fusion",
        "createCustomerLicense",
        FusionError,
        fusion,
        lambda c: c.create_customer_license(FUSION_GROUP, CustomerLicenseCreate(name="Deviant", sku="DEV-1")),
        lambda v: isinstance(v, CustomerLicenseCreated),
    ),
    Operation(
        "fusion.updateCustomerLicense",
        "fusion",
        "updateCustomerLicense",
        FusionError,
        fusion,
        lambda c: c.update_customer_license(FUSION_GROUP, 1, CustomerLicenseUpdate(description="d")),
        lambda v: v is None,
    ),
    Operation(
        "fusion.deleteCustomerLicense",
        "fusion",
        "deleteCustomerLicense",
        FusionError,
        fusion,
        lambda c: c.delete_customer_license(FUSION_GROUP, 1),
        lambda v: v is None,
    ),
    Operation(
        "fusion.<login>",
        "fusion",
        "login",
        FusionError,
        lambda url, a, **kw: fusion(url, a, token=None, credentials=FusionLogin(*FUSION_USER), **kw),
        fusion_list("group"),
        lambda v: isinstance(v, CustomerLicenseList),
        token_path="/api/v01/auth/login",
        api_sample="fusion.listGroupCustomerLicenses",
    ),
    Operation(
        "partner-center.getUserLicenses",
        "partner-center",
        "getUserLicenses",
        PartnerCenterError,
        partner_center,
        lambda c: c.get_user_licenses(PC_CUSTOMER, PC_USER),
        lambda v: isinstance(v, LicenseCollection),
    ),
    Operation(
        "partner-center.<entra token>",
        "partner-center",
        "getUserLicenses",
        PartnerCenterError,
        lambda url, a, **kw: partner_center(
            url, a, token=None, credentials=ClientCredentials(*PC_CLIENT, token_url=url + TOKEN_PATH), **kw
        ),
        lambda c: c.get_user_licenses(PC_CUSTOMER, PC_USER),
        lambda v: isinstance(v, LicenseCollection),
        token_path=TOKEN_PATH,
        api_sample="partner-center.getUserLicenses",
    ),
]


def documented_statuses(spec: str, operation_id: str) -> list[int]:
    document = yaml.safe_load((SPECS / f"{spec}.yaml").read_text())
    for item in document["paths"].values():
        for operation in item.values():
            if isinstance(operation, dict) and operation.get("operationId") == operation_id:
                return sorted(int(code) for code in operation["responses"] if str(code).isdigit())
    raise LookupError(operation_id)


# ------------------------------------------------------------------ real answers, recorded from the mocks


class Recorder(httpx.BaseTransport):
    """Passes calls to the network and keeps each answer's status and body by path."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.answers: dict[str, tuple[int, bytes]] = {}

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        content = response.read()
        self.answers[request.url.path] = (response.status_code, content)
        return httpx.Response(response.status_code, headers=response.headers, content=content)


def record(
    mock: MockServer, make: Callable[..., Any], invoke: Callable[[Any], Any], **kwargs: Any
) -> Recorder:
    recorder = Recorder()
    with make(mock.base_url, False, transport=recorder, **kwargs) as client:
        invoke(client)
    return recorder


def last_api_answer(recorder: Recorder) -> tuple[int, bytes]:
    paths = [path for path in recorder.answers if path not in (TOKEN_PATH, "/api/v01/auth/login")]
    return recorder.answers[paths[-1]]


@pytest.fixture(scope="module")
def samples(
    licensekit_cloudcockpit_server: MockServer,
    licensekit_fusion_server: MockServer,
    licensekit_partner_center_server: MockServer,
) -> Iterator[dict[str, tuple[int, Any]]]:
    """Per operation (and token endpoint), a real success answer of our mocks: (status, parsed JSON)."""
    cc, fu, pc = licensekit_cloudcockpit_server, licensekit_fusion_server, licensekit_partner_center_server
    found: dict[str, tuple[int, Any]] = {}
    group_list = "fusion.listGroupCustomerLicenses"
    for op in sorted(OPERATIONS, key=lambda op: op.key != group_list):  # the group list first
        if op.token_path or op.expect(None):
            continue
        if op.key.startswith("fusion.list") and op.key != group_list:
            found[op.key] = found[group_list]  # the seed has groups only; the answer's shape is the same
            continue
        invoke = op.invoke
        if op.key == "fusion.getCustomerLicense":
            known = found[group_list][1]["licenses"][0]["id"]

            def invoke(c: Any, known: int = known) -> Any:
                return c.get_customer_license(FUSION_GROUP, known)

        mock = {"cloudcockpit": cc, "fusion": fu, "partner-center": pc}[op.spec]
        status, body = last_api_answer(record(mock, op.make, invoke, token=mock.token()))
        assert 200 <= status < 300, f"{op.key}: the mock answered {status}"
        found[op.key] = (status, json.loads(body))
    login = record(fu, fusion, fusion_list("group"), token=None, credentials=FusionLogin(*FUSION_USER))
    found["fusion.<login>"] = (200, json.loads(login.answers["/api/v01/auth/login"][1]))
    entra_answer = record(cc, cloudcockpit, cc_list, token=None, credentials=entra(cc.base_url))
    found["cloudcockpit.<entra token>"] = (200, json.loads(entra_answer.answers[TOKEN_PATH][1]))
    found["partner-center.<entra token>"] = found["cloudcockpit.<entra token>"]
    yield found
    fu.reset()  # createCustomerLicense added a license to the session mock


# ------------------------------------------------------------------ deviant answers

LEAF = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**63), 2**63),
    st.integers(10**39, 10**40),  # 40 digits: valid per a spec without format or maximum
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
    st.just("zz-value-added-later"),
)
JSON = st.recursive(
    LEAF,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=6,
)
MUTATIONS = ("drop", "null", "unknown-enum", "wrong-type", "extra", "huge-int", "empty-string")


def paths(value: object, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield (*prefix, key)
            yield from paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value[:3]):
            yield (*prefix, index)
            yield from paths(item, (*prefix, index))


def other_type_than(old: object) -> Callable[[object], bool]:
    return lambda value: type(value) is not type(old)


@st.composite
def mutated(draw: st.DrawFn, sample: object) -> object:
    doc = copy.deepcopy(sample)
    for _ in range(draw(st.integers(1, 3))):
        where = list(paths(doc))
        if not where:
            return draw(JSON)
        path = draw(st.sampled_from(where))
        parent: Any = doc
        for step in path[:-1]:
            parent = parent[step]
        key = path[-1]
        kind = draw(st.sampled_from(MUTATIONS))
        if kind == "drop":
            del parent[key]
        elif kind == "null":
            parent[key] = None
        elif kind == "unknown-enum":
            parent[key] = "zz-value-added-later"
        elif kind == "wrong-type":
            parent[key] = draw(JSON.filter(other_type_than(parent[key])))
        elif kind == "huge-int":
            parent[key] = draw(st.integers(10**39, 10**40))
        elif kind == "empty-string":
            parent[key] = ""
        elif isinstance(parent, dict):
            parent[draw(st.text(min_size=1, max_size=8))] = draw(JSON)
        else:
            parent.append(draw(JSON))
    return doc


@st.composite
def answers(draw: st.DrawFn, statuses: list[int], success: tuple[int, Any], error_body: object) -> Answer:
    status = draw(st.one_of(st.just(success[0]), st.sampled_from(statuses)))
    base = success[1] if 200 <= status < 300 else error_body
    form = draw(
        st.sampled_from(
            ("mutated",) * 4 + ("as-is", "empty", "html", "truncated", "not-utf8", "deep", "json", "cut")
        )
    )
    text = json.dumps(base).encode()
    if form == "mutated":
        body = json.dumps(draw(mutated(base))).encode()
    elif form == "as-is":
        body = text
    elif form == "empty":
        body = b""
    elif form == "html":
        body = b"<html><head><title>503 Service Unavailable</title></head><body>Try later</body></html>"
    elif form == "truncated":
        body = text[: draw(st.integers(0, max(0, len(text) - 1)))]
    elif form == "not-utf8":
        body = b"\xff\xfe\x00{\x80"
    elif form == "deep":
        body = b"[" * 100_000 + b"]" * 100_000  # nesting past Python's recursion limit
    else:
        body = json.dumps(draw(JSON)).encode()
    headers = {}
    content_type = draw(
        st.sampled_from(
            (
                "application/json",
                "application/json; charset=utf-8",
                "text/html",
                "application/problem+json",
                "text/plain",
                None,
            )
        )
    )
    if content_type:
        headers["Content-Type"] = content_type
    retry_after = draw(
        st.sampled_from((None, "0", "1", "soon", "-5", "99999", "Wed, 21 Oct 2015 07:28:00 GMT"))
    )
    if retry_after is not None:
        headers["Retry-After"] = retry_after
    if draw(st.integers(0, 9)) == 0:
        headers["Content-Encoding"] = "gzip"  # a proxy's claim the body does not bear out
    return Answer(status, body, headers, cut=form == "cut")


class Scripted:
    """The loopback server's script: the example's answer for the deviant path, real ones elsewhere."""

    def __init__(self) -> None:
        self.answer = Answer()
        self.token_path: str | None = None
        self.api_answer = Answer()

    def __call__(self, seen: Seen) -> Answer:
        if self.token_path is None or seen.path.split("?")[0] == self.token_path:
            return self.answer
        return self.api_answer


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[AnsweringServer, Scripted]]:
    script = Scripted()
    with AnsweringServer(script).running() as running:
        yield running, script


def outcome(op: Operation, base_url: str, is_async: bool) -> object:
    # A fresh client per answer (no gate or token carried over), over a plain-HTTP transport: the default
    # one loads the CA bundle for TLS, ~70 ms per client, which loopback HTTP does not need.
    if not is_async:
        with op.make(base_url, False, transport=httpx.HTTPTransport(verify=False)) as client:
            return op.invoke(client)

    async def main() -> object:
        async with op.make(base_url, True, transport=httpx.AsyncHTTPTransport(verify=False)) as client:
            result = op.invoke(client)
            return await result if inspect.isawaitable(result) else result

    return asyncio.run(main())


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("op", OPERATIONS, ids=lambda op: op.key)
def test_every_answer_is_a_model_or_a_family_error(
    op: Operation, mode: str, samples: dict[str, tuple[int, Any]], server: tuple[AnsweringServer, Scripted]
) -> None:
    running, script = server
    statuses = sorted(set(documented_statuses(op.spec, op.operation_id)) | set(EXTRA_STATUSES))
    success = samples.get(op.key, (204, {}))
    script.token_path = op.token_path
    if op.api_sample:
        status, body = samples[op.api_sample]
        script.api_answer = Answer(status, json.dumps(body).encode())
    counted = f"{op.key} [{mode}]"
    tally = {"model": 0, "error": 0}

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.function_scoped_fixture,
            HealthCheck.data_too_large,
        ],
    )
    @given(answer=answers(statuses, success, ERROR_SHAPES[op.spec]))
    def check(answer: Answer) -> None:
        script.answer = answer
        ANSWERS[counted] += 1
        forget_warnings()  # every example may warn: its lines are checked below
        try:
            value = outcome(op, running.base_url, mode == "async")
        except op.family as error:
            pickle.loads(pickle.dumps(error))  # typed, and it travels
            tally["error"] += 1
            return
        assert op.expect(value), f"{op.key}: {answer.status} gave {type(value).__name__}, not the typed model"
        tally["model"] += 1

    with warnings_of_tolerance() as lines:
        check()
    assert ANSWERS[counted] >= min(EXAMPLES, 10) and running.seen
    assert tally["error"] > 0  # the corpus really reached the failure paths
    TOLERATED[counted] += len(lines)
    odd = [line for line in lines if not TOLERANCE_LINE.fullmatch(line)]
    assert not odd, f"tolerance warnings must name places only, never values: {odd[:5]}"


# ------------------------------------------------------------------ what the client tolerated

# Places come from the specs' tolerance markers, never from the answer: no value can reach this line.
TOLERANCE_LINE = re.compile(
    r"(cloudcockpit|fusion|partner-center) [A-Za-z]+: tolerated "
    r"(missing expected field|unknown value|unexpected body) at \d{3} body[A-Za-z0-9_.\[\]]*"
    r"( \((empty|not JSON|not the expected shape)\))? \(the spec accepts it; logged once\)"
)


class _Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        assert record.levelno == logging.WARNING
        self.lines.append(record.getMessage())


@contextlib.contextmanager
def warnings_of_tolerance() -> Iterator[list[str]]:
    logger = logging.getLogger("licensekit.tolerance")
    handler = _Lines()
    logger.addHandler(handler)
    forget_warnings()
    try:
        yield handler.lines
    finally:
        logger.removeHandler(handler)
        forget_warnings()


def operation(key: str) -> Operation:
    return next(op for op in OPERATIONS if op.key == key)


def tolerated_by_one_client(
    key: str, answer: Answer, server: tuple[AnsweringServer, Scripted], *, calls: int = 2, mode: str = "sync"
) -> dict[Deviation, int]:
    """`calls` calls of one client to the operation `key`, answered `answer`; the client's counts."""
    running, script = server
    op = operation(key)
    script.answer, script.token_path = answer, None

    def settle(result: Any) -> None:
        assert op.expect(result), f"{key}: {type(result).__name__}"

    if mode == "sync":
        with op.make(running.base_url, False, transport=httpx.HTTPTransport(verify=False)) as client:
            for _ in range(calls):
                with contextlib.suppress(op.family):
                    settle(op.invoke(client))
            return dict(client.tolerated())

    async def main() -> dict[Deviation, int]:
        async with op.make(
            running.base_url, True, transport=httpx.AsyncHTTPTransport(verify=False)
        ) as client:
            for _ in range(calls):
                with contextlib.suppress(op.family):
                    settle(await op.invoke(client))
            return dict(client.tolerated())

    return asyncio.run(main())


def bent(sample: tuple[int, Any], bend: Callable[[Any], None]) -> Answer:
    body = copy.deepcopy(sample[1])
    bend(body)
    return Answer(sample[0], json.dumps(body).encode(), {"Content-Type": "application/json"})


SECRETISH = "zz-secret-looking-value-0xC0FFEE"


def _new_offer_type_no_internal_id(body: Any) -> None:
    body[0]["offerType"]["name"] = SECRETISH
    del body[0]["internalId"]


def _archived(body: Any) -> None:
    body["licenses"][0]["status"] = SECRETISH


def _no_object_type(body: Any) -> None:
    del body["attributes"]["objectType"]


@pytest.mark.parametrize(
    ("key", "bend", "expected"),
    [
        (
            "cloudcockpit.listAzureEntitlements",
            _new_offer_type_no_internal_id,
            [
                ("listAzureEntitlements", MISSING, "200 body[].internalId"),
                ("listAzureEntitlements", UNKNOWN, "200 body[].offerType.name"),
            ],
        ),
        (
            "fusion.listGroupCustomerLicenses",
            _archived,
            [("listGroupCustomerLicenses", UNKNOWN, "200 body.licenses[].status")],
        ),
        (
            "partner-center.getUserLicenses",
            _no_object_type,
            [("getUserLicenses", MISSING, "200 body.attributes.objectType")],
        ),
    ],
)
@pytest.mark.parametrize("mode", ["sync", "async"])
def test_a_tolerated_answer_is_counted_per_call_and_warned_once(
    key: str,
    bend: Callable[[Any], None],
    expected: list[tuple[str, str, str]],
    mode: str,
    samples: dict[str, tuple[int, Any]],
    server: tuple[AnsweringServer, Scripted],
) -> None:
    api = operation(key).spec
    with warnings_of_tolerance() as lines:
        assert tolerated_by_one_client(key, bent(samples[key], lambda body: None), server, mode=mode) == {}
        assert lines == []  # the mocks' own answers deviate from nothing
        answer = bent(samples[key], bend)
        counts = tolerated_by_one_client(key, answer, server, calls=3, mode=mode)
        assert counts == {Deviation(api, *e): 3 for e in expected}
        # A second client counts its own answers, and logs nothing new (once per process).
        assert tolerated_by_one_client(key, answer, server, mode=mode) == {
            Deviation(api, *e): 2 for e in expected
        }
    assert lines == [
        f"{api} {op}: tolerated {kind} at {where} (the spec accepts it; logged once)"
        for op, kind, where in expected
    ]
    assert not any(SECRETISH in line for line in lines)


@pytest.mark.parametrize(
    ("key", "answer", "where"),
    [
        (
            "fusion.getCustomerLicense",
            Answer(404, b"<html>Not Found</html>", {"Content-Type": "text/html"}),
            "404 body (not JSON)",
        ),
        ("fusion.deleteCustomerLicense", Answer(500, b""), "500 body (empty)"),
        (
            "fusion.createCustomerLicense",
            Answer(400, json.dumps({"message": SECRETISH}).encode()),
            "400 body (not the expected shape)",
        ),
        ("partner-center.getUserLicenses", Answer(503, b"", {"Retry-After": "0"}), "503 body (empty)"),
        ("cloudcockpit.updateCustomerUserLicenses", Answer(415, b"<html/>"), "415 body (not JSON)"),
    ],
)
def test_an_unexpected_body_on_an_inferred_status_is_counted_and_raised(
    key: str, answer: Answer, where: str, server: tuple[AnsweringServer, Scripted]
) -> None:
    op = operation(key)
    with warnings_of_tolerance() as lines:
        counts = tolerated_by_one_client(key, answer, server)
    # Two calls, two answers counted (a retried 503 reaches the client layer once per call), one line.
    assert counts == {Deviation(op.spec, op.operation_id, UNEXPECTED_BODY, where): 2}
    line = f"{op.spec} {op.operation_id}: tolerated unexpected body at {where}"
    assert lines == [f"{line} (the spec accepts it; logged once)"]
    assert not any(SECRETISH in line for line in lines)


def test_documented_bodies_deviate_from_nothing(server: tuple[AnsweringServer, Scripted]) -> None:
    """Fusion's expected error shapes (string or object `error`) and a 404 on Partner Center's documented
    ApiFault: no warning, no count."""
    with warnings_of_tolerance() as lines:
        for key, answer in (
            ("fusion.getCustomerLicense", Answer(404, b'{"error": "customer license not found"}')),
            ("fusion.getCustomerLicense", Answer(400, b'{"error": {"reason": "bad id"}}')),
            (
                "partner-center.getUserLicenses",
                Answer(404, json.dumps(ERROR_SHAPES["partner-center"]).encode()),
            ),
        ):
            assert tolerated_by_one_client(key, answer, server) == {}
    assert lines == []


# ------------------------------------------------------------------ answers the pages allow, or forbid


def test_non_guid_entitlement_ids_parse_as_the_page_types_them(
    samples: dict[str, tuple[int, Any]], server: tuple[AnsweringServer, Scripted]
) -> None:
    """CloudCockpit's page shows customerId, providerInstanceId and parentSubscriptionId as "string": a
    value that is no GUID is an answer the page allows (until 0.3 UUID() refused it)."""
    ids = {"customerId": "CUST-1", "providerInstanceId": "PI 2", "parentSubscriptionId": "sub:3"}
    answer = bent(samples["cloudcockpit.listAzureEntitlements"], lambda body: body[0].update(ids))
    running, script = server
    script.answer, script.token_path = answer, None
    op = operation("cloudcockpit.listAzureEntitlements")
    with op.make(running.base_url, False, transport=httpx.HTTPTransport(verify=False)) as client:
        first = op.invoke(client)[0]
    assert isinstance(first, AzureEntitlement)
    assert (first.customer_id, first.provider_instance_id, first.parent_subscription_id) == tuple(
        ids.values()
    )


@pytest.mark.parametrize("bend", ["absent", "null"])
def test_a_fusion_answer_without_description_is_invalid(
    bend: str, samples: dict[str, tuple[int, Any]], server: tuple[AnsweringServer, Scripted]
) -> None:
    """ "Conditional? no" on Fusion's get and list pages: description is required and a string."""

    def drop(body: Any) -> None:
        if bend == "absent":
            del body["description"]
        else:
            body["description"] = None

    running, script = server
    script.answer, script.token_path = bent(samples["fusion.getCustomerLicense"], drop), None
    op = operation("fusion.getCustomerLicense")
    plain = httpx.HTTPTransport(verify=False)
    with (
        op.make(running.base_url, False, transport=plain) as client,
        pytest.raises(FusionInvalidResponse) as caught,
    ):
        op.invoke(client)
    assert caught.value.status == 200
