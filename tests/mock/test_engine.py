"""The generic engine on a fixture spec of its own: schema conversion, parameters, routing, refusals."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import httpx
import pytest

from licensekit.contract.messages import Request
from licensekit.contract.spec import Problem, build_param, compile_validator, load_api, to_json_schema
from licensekit.mock.app import MockApp
from licensekit.mock.faults import FaultError, parse_fault
from licensekit.mock.http import Response, empty_response, json_response
from licensekit.mock.server import serve_app
from licensekit.mock.tokens import TokenError, decode, encode, make_token
from licensekit.mock.vendor import Handler, VendorMock

SPEC = Path(__file__).with_name("fixture_spec.yaml")
SECRET = "engine-test-secret"


class EchoMock(VendorMock):
    """Answers with what the engine parsed; keeps stored items so that state changes are visible."""

    api = "fusion"  # any known API name: only used for tokens
    spec_file = "fixture_spec.yaml"
    seed_name = "unused"

    def load(self, seed: dict[str, Any]) -> None:
        self.items: dict[int, Any] = dict(seed.get("items", {}))

    def dump(self) -> dict[str, Any]:
        return {"items": self.items}

    def handlers(self) -> dict[str, Handler]:
        return {"listItems": self.echo, "putItem": self.put, "deleteItem": self.boom, "open": self.echo}

    def echo(self, request: Request) -> Response:
        return json_response(
            200, {"path": request.path_params, "query": request.query, "headers": request.header_params}
        )

    def put(self, request: Request) -> Response:
        self.items[request.path_params["itemId"]] = request.body
        return empty_response(204)

    def boom(self, request: Request) -> Response:
        raise RuntimeError("a handler bug")

    def error(self, request: Request | None, status: int, message: str, headers: dict[str, str]) -> Response:
        return json_response(status, {"error": message}, headers)

    def invalid(self, request: Request, problems: list[Problem]) -> Response:
        return json_response(
            400, {"error": "invalid", "problems": [[p.location, p.name, p.keyword] for p in problems]}
        )

    def unauthorized(self, request: Request, reason: str) -> Response:
        return json_response(401, {"error": reason})


class CaseInsensitiveEcho(EchoMock):
    case_insensitive_routes: ClassVar[bool] = True


@pytest.fixture(scope="module")
def engine() -> Iterator[tuple[str, MockApp]]:
    vendor = EchoMock({}, secret=SECRET)
    app = MockApp(vendor, load_api(SPEC), secret=SECRET)
    with serve_app(app) as url:
        yield url, app


@pytest.fixture
def client(engine: tuple[str, MockApp]) -> Iterator[httpx.Client]:
    url, _ = engine
    token = make_token("fusion", secret=SECRET)
    with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"}) as c:
        yield c


# ---------------------------------------------------------------- schema conversion


def test_nullable_becomes_a_type_list_and_enums_admit_null() -> None:
    assert to_json_schema({"type": "string", "nullable": True}) == {"type": ["string", "null"]}
    assert to_json_schema({"type": "string", "enum": ["x"], "nullable": True}) == {
        "type": ["string", "null"],
        "enum": ["x", None],
    }
    wrapped = to_json_schema({"allOf": [{"type": "object"}], "nullable": True})
    assert wrapped == {"anyOf": [{"allOf": [{"type": "object"}]}, {"type": "null"}]}


def test_openapi_only_keywords_go_and_bounds_are_rewritten() -> None:
    converted = to_json_schema(
        {
            "type": "number",
            "minimum": 0,
            "exclusiveMinimum": True,
            "example": 3,
            "x-foo": 1,
            "deprecated": True,
        }
    )
    assert converted == {"type": "number", "exclusiveMinimum": 0}
    int32 = compile_validator(to_json_schema({"type": "integer", "format": "int32"}))
    assert int32.is_valid(2**31 - 1) and not int32.is_valid(2**31)
    uuid = compile_validator(to_json_schema({"type": "string", "format": "uuid"}))
    assert uuid.is_valid("3f9a1c2e-7b4d-4e8f-9a6b-2c5d8e1f0a3b") and not uuid.is_valid("string")


def test_parameters_coerce_strings_and_arrays() -> None:
    exploded = build_param(
        {"name": "t", "in": "query", "schema": {"type": "array", "items": {"type": "integer"}}}
    )
    assert exploded.parse(["1", "2"]) == ([1, 2], [])
    joined = build_param(
        {
            "name": "t",
            "in": "query",
            "explode": False,
            "schema": {"type": "array", "items": {"type": "integer"}},
        }
    )
    assert joined.parse(["1,2"]) == ([1, 2], [])
    number = build_param({"name": "n", "in": "query", "schema": {"type": "integer"}})
    value, problems = number.parse(["1.5"])
    assert value is None and problems[0].keyword == "type"
    flag = build_param({"name": "f", "in": "query", "schema": {"type": "boolean"}})
    assert flag.parse(["TRUE"]) == (True, [])


def test_tokens_round_trip_and_refuse_tampering() -> None:
    token = make_token("fusion", secret="s", roles=["r"])
    assert decode(token, "s")["roles"] == ["r"]
    with pytest.raises(TokenError):
        decode(token, "other")
    with pytest.raises(TokenError):
        decode(make_token("fusion", secret="s", lifetime=-1), "s")
    with pytest.raises(TokenError):
        decode(encode({"sub": "no exp"}, "s"), "s")
    with pytest.raises(TokenError):
        decode("not.a.jwt!", "s")


def test_faults_are_validated() -> None:
    assert parse_fault({"status": 503, "count": 2}, {"op"}).count == 2
    for bad in (
        {"status": 200},
        {"status": 500, "count": 0},
        {"operation": "nope", "status": 500},
        {},
        {"x": 1},
    ):
        with pytest.raises(FaultError):
            parse_fault(bad, {"op"})


# ---------------------------------------------------------------- over HTTP


def test_query_header_and_path_parameters_are_typed(client: httpx.Client) -> None:
    r = client.get(
        "/items",
        params=[("tags", "a"), ("tags", "b"), ("ids", "3,4"), ("flag", "false")],
        headers={"X-Request-Id": "3f9a1c2e-7b4d-4e8f-9a6b-2c5d8e1f0a3b"},
    )
    assert r.status_code == 200
    assert r.json()["query"] == {"tags": ["a", "b"], "ids": [3, 4], "limit": 10, "flag": False}
    assert r.json()["headers"] == {"X-Request-Id": "3f9a1c2e-7b4d-4e8f-9a6b-2c5d8e1f0a3b"}


@pytest.mark.parametrize(
    ("params", "where"),
    [
        ({"tags": "c"}, ["query", "tags[0]", "enum"]),
        ({"limit": "0"}, ["query", "limit", "minimum"]),
        ({"limit": "ten"}, ["query", "limit", "type"]),
        ({"limit": str(2**40)}, ["query", "limit", "maximum"]),
    ],
)
def test_bad_parameters_are_400_with_the_place(
    client: httpx.Client, params: dict[str, str], where: list[str]
) -> None:
    r = client.get("/items", params=params)
    assert r.status_code == 400
    assert where in r.json()["problems"]


def test_body_validation_and_state(client: httpx.Client, engine: tuple[str, MockApp]) -> None:
    _, app = engine
    good = {
        "name": "n",
        "owner": "3f9a1c2e-7b4d-4e8f-9a6b-2c5d8e1f0a3b",
        "note": None,
        "kind": None,
        "parent": None,
    }
    assert client.put("/items/7", json=good).status_code == 204
    assert app.vendor.dump()["items"][7] == good
    bad_bodies: tuple[object, ...] = (
        {**good, "owner": "not-a-uuid"},
        {**good, "kind": "z"},
        {**good, "price": 0},
        {**good, "count": 2**31},
        {"name": "n"},
        [],
    )
    for bad in bad_bodies:
        r = client.put("/items/8", json=bad)
        assert r.status_code == 400, bad
    assert 8 not in app.vendor.dump()["items"]


def test_routing_refusals(client: httpx.Client) -> None:
    r = client.get("/nowhere")
    assert r.status_code == 404 and r.json()["error"]
    r = client.post("/items/1")
    assert r.status_code == 405 and r.headers["allow"] == "DELETE, PUT"
    assert client.get("/items/1/").status_code == 404
    # `..%2F` stays inside one segment: still this route, and an invalid integer.
    r = client.put("/items/..%2F1", json={})
    assert r.status_code == 400 and ["path", "itemId", "type"] in r.json()["problems"]
    assert client.get("/open/x").status_code == 404  # exact-case routing unless the vendor says otherwise


def test_case_insensitive_routing_when_the_vendor_asks() -> None:
    app = MockApp(
        CaseInsensitiveEcho({}, secret=SECRET), load_api(SPEC, case_insensitive=True), secret=SECRET
    )
    with serve_app(app) as url:
        r = httpx.get(f"{url}/OPEN/Some%20Name")
        assert r.status_code == 200 and r.json()["path"] == {"name": "Some Name"}


def test_auth_is_required_where_the_spec_says(engine: tuple[str, MockApp]) -> None:
    url, _ = engine
    assert httpx.get(f"{url}/Open/x").status_code == 200  # security: []
    assert httpx.get(f"{url}/items").status_code == 401
    assert httpx.get(f"{url}/items", headers={"Authorization": "Basic abc"}).status_code == 401
    expired = make_token("fusion", secret=SECRET, lifetime=-5)
    assert httpx.get(f"{url}/items", headers={"Authorization": f"Bearer {expired}"}).status_code == 401
    forged = make_token("fusion", secret="another secret")
    assert httpx.get(f"{url}/items", headers={"Authorization": f"Bearer {forged}"}).status_code == 401


def test_bodies_refused_before_the_handler(client: httpx.Client) -> None:
    json_type = {"Content-Type": "application/json"}
    assert client.put("/items/1", content=b'{"name": ', headers=json_type).status_code == 400
    assert client.put("/items/1", content=b'{"name": "\xff"}', headers=json_type).status_code == 400
    assert (
        client.put("/items/1", content=b"name=x", headers={"Content-Type": "text/plain"}).status_code == 415
    )
    assert client.put("/items/1", content=b"", headers=json_type).status_code == 400
    assert client.put("/items/1", content=b"[" * 100_000, headers=json_type).status_code == 400
    assert client.put("/items/1", content=b'{"price": NaN}', headers=json_type).status_code == 400
    assert client.put("/items/1", content=b'{"price": 1e999}', headers=json_type).status_code == 400
    big = b'{"name": "' + b"x" * (2 * 1024 * 1024) + b'"}'
    assert client.put("/items/1", content=big, headers=json_type).status_code == 413


def test_a_handler_exception_is_a_logged_500(client: httpx.Client, caplog: pytest.LogCaptureFixture) -> None:
    r = client.delete("/items/1")
    assert r.status_code == 500 and r.json() == {"error": "An unexpected error occurred."}
    assert "a handler bug" in caplog.text


def test_faults_and_request_log(client: httpx.Client) -> None:
    assert (
        client.post(
            "/__mock__/faults", json={"status": 503, "count": 2, "operation": "listItems"}
        ).status_code
        == 201
    )
    assert (
        client.post("/__mock__/faults", json={"status": None, "delay": 0.2, "operation": "open"}).status_code
        == 201
    )
    assert [client.get("/items").status_code for _ in range(3)] == [503, 503, 200]
    started = time.monotonic()
    assert client.get("/Open/x").status_code == 200
    assert time.monotonic() - started >= 0.2
    log = client.get("/__mock__/requests").json()
    last = log["requests"][-1]
    assert last["operationId"] == "open" and last["status"] == 200
    assert "authorization" not in last["headers"]
    assert log["max_in_flight"] >= 1
