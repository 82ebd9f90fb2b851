"""The generated clients' fast parsing path (codegen/templates/types.py.jinja): `read_json()` gives the value
json.loads gives, whichever decoder reads it, and the compiled per-class check says no exactly where the
annotations do, naming the field."""

from __future__ import annotations

import json
import math
import uuid
from typing import Any

import httpx
import pytest
from fusion_client import Client
from fusion_client import types as fusion_types
from fusion_client.errors import InvalidResponse
from fusion_client.models import CustomerLicenseList
from fusion_client.types import check_parsed, read_json

LICENSE = {"id": 7, "name": "Teams", "sku": "MCOEV", "status": "enabled", "description": "Phone system"}
PAGE = {"results": 2, "pages": 1, "page": 1, "licenses": [LICENSE, {**LICENSE, "id": 8}]}

# Bodies orjson refuses but json.loads reads: each must come back the same through read_json().
ODD_BODIES = {
    "nan-and-infinity": b'{"a": NaN, "b": Infinity, "c": -Infinity}',
    "integer-beyond-64-bits": json.dumps({"n": 2**70}).encode(),
    "utf-8-bom": b"\xef\xbb\xbf" + json.dumps(PAGE).encode(),
    "utf-16": json.dumps(PAGE).encode("utf-16"),
    "lone-surrogate": b'{"s": "\\ud800"}',
}


def _response(body: bytes) -> httpx.Response:
    return httpx.Response(200, content=body, headers={"content-type": "application/json"})


def _same(left: Any, right: Any) -> bool:
    """Equality that counts NaN as equal to NaN (json.dumps writes both as NaN)."""
    return json.dumps(left, sort_keys=True) == json.dumps(right, sort_keys=True)


def test_orjson_is_the_decoder_of_an_ordinary_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    assert fusion_types._orjson is not None, "the dev install pins orjson (licensekit[fast])"  # type: ignore[attr-defined]

    def refuse(self: httpx.Response, **kwargs: Any) -> Any:
        raise AssertionError("json.loads was used for a body orjson reads")

    monkeypatch.setattr(httpx.Response, "json", refuse)
    assert read_json(_response(json.dumps(PAGE).encode())) == PAGE


@pytest.mark.parametrize("body", ODD_BODIES.values(), ids=ODD_BODIES.keys())
def test_what_orjson_refuses_is_read_as_json_loads_reads_it(body: bytes) -> None:
    value = read_json(_response(body))
    assert _same(value, _response(body).json())


@pytest.mark.parametrize("body", ODD_BODIES.values(), ids=ODD_BODIES.keys())
def test_without_orjson_the_value_is_the_same(body: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    with_orjson = read_json(_response(body))
    monkeypatch.setattr(fusion_types, "_orjson", None)
    assert _same(read_json(_response(body)), with_orjson)


def test_nan_really_comes_back() -> None:
    value = read_json(_response(ODD_BODIES["nan-and-infinity"]))
    assert math.isnan(value["a"]) and value["b"] == math.inf and value["c"] == -math.inf


def test_invalid_json_raises_a_value_error_as_before() -> None:
    with pytest.raises(json.JSONDecodeError):
        read_json(_response(b'{"licenses": ['))


def test_a_page_that_fits_passes_the_compiled_check() -> None:
    check_parsed(CustomerLicenseList.from_dict(PAGE))


@pytest.mark.parametrize(
    ("change", "where"),
    [
        ({"page": True}, "page"),  # a bool is not an int, though isinstance(True, int)
        ({"page": 1.5}, "page"),
        ({"results": "2"}, "results"),
        ({"licenses": [LICENSE, {**LICENSE, "name": 5}]}, "licenses[1].name"),
        ({"licenses": [LICENSE, {**LICENSE, "id": False}]}, "licenses[1].id"),
        ({"licenses": [{**LICENSE, "description": 3}]}, "licenses[0].description"),
        ({"next": 12}, "next_"),
    ],
    ids=[
        "bool-for-int",
        "float-for-int",
        "str-for-int",
        "nested-str",
        "nested-bool",
        "required-str",
        "optional",
    ],
)
def test_the_compiled_check_says_no_and_names_the_field(change: dict[str, Any], where: str) -> None:
    page = CustomerLicenseList.from_dict({**PAGE, **change})
    with pytest.raises(TypeError) as info:
        check_parsed(page)
    assert where in str(info.value)


def test_an_id_beyond_64_bits_stays_an_exact_int_through_the_endpoint() -> None:
    """orjson alone would read it as a float: the id check would fail and the extra field lose digits."""
    from fusion_client.api.customer_licenses import list_group_customer_licenses

    big = 2**70 + 1
    body = json.dumps({**PAGE, "licenses": [{**LICENSE, "id": big, "extra": -big}]}).encode()
    client = Client(base_url="http://unused")
    page = list_group_customer_licenses._parse_response(client=client, response=_response(body))
    assert isinstance(page, CustomerLicenseList)
    assert page.licenses[0].id == big and type(page.licenses[0].id) is int
    assert page.licenses[0].additional_properties == {"extra": -big}


@pytest.mark.parametrize("value", ["not-a-uuid", 5, ["a"], {"a": 1}, None], ids=repr)
def test_uuid_of_refuses_what_uuid_refuses(value: object) -> None:
    """uuid_of (UUID parsed once per distinct string) fails where UUID() fails, with an error the endpoint
    turns into InvalidResponse (TypeError, ValueError or AttributeError)."""
    from cloudcockpit_client.types import uuid_of

    with pytest.raises((TypeError, ValueError, AttributeError)):
        uuid.UUID(value)  # type: ignore[arg-type]
    with pytest.raises((TypeError, ValueError, AttributeError)):
        uuid_of(value)  # type: ignore[arg-type]


def test_uuid_of_is_uuid_and_bounded() -> None:
    from cloudcockpit_client.types import uuid_of

    text = "21fd4f08-3076-53c4-bf78-5fd9c24fe208"
    assert uuid_of(text) == uuid.UUID(text) and uuid_of("{" + text + "}") == uuid.UUID(text)
    assert uuid_of(text) is uuid_of(text)
    for n in range(5000):
        uuid_of(str(uuid.UUID(int=n)))
    assert uuid_of.cache_info().currsize <= 4096  # type: ignore[attr-defined]


def test_the_parser_holds_the_collector_and_gives_it_back(monkeypatch: pytest.MonkeyPatch) -> None:
    """gc_paused: off while the models are built and checked, on again after (also after a failure), and
    left alone when already off (whoever turned it off turns it back on)."""
    import gc

    from fusion_client.api.customer_licenses import list_group_customer_licenses

    seen: list[bool] = []
    real = fusion_types.check_parsed

    def spy(value: object, where: str = "") -> None:
        seen.append(gc.isenabled())
        real(value, where)

    monkeypatch.setattr(list_group_customer_licenses, "check_parsed", spy)
    client = Client(base_url="http://unused")
    assert gc.isenabled()
    list_group_customer_licenses._parse_response(client=client, response=_response(json.dumps(PAGE).encode()))
    assert seen == [False] and gc.isenabled()
    with pytest.raises(InvalidResponse):
        list_group_customer_licenses._parse_response(client=client, response=_response(b'{"page": "x"}'))
    assert gc.isenabled()
    gc.disable()
    try:
        list_group_customer_licenses._parse_response(
            client=client, response=_response(json.dumps(PAGE).encode())
        )
        assert not gc.isenabled()
    finally:
        gc.enable()
