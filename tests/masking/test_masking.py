"""licensekit.masking: every secret kind masked by key in JSON, form bodies, query strings and headers,
and the curl reproduction carrying none of them."""

from __future__ import annotations

import json
import shlex
from urllib.parse import parse_qsl

import pytest

from licensekit.masking import (
    MASK,
    SECRET_HEADERS,
    SECRET_KEYS,
    curl,
    form_secrets,
    header_secrets,
    json_secrets,
    mask_headers,
    mask_json,
    mask_query,
    mask_values,
)

# One value per secret key, each long enough to be masked inside free text too.
VALUES = {key: f"value-of-{key}-0123" for key in sorted(SECRET_KEYS)}


def test_the_secret_lists_are_the_documented_ones() -> None:
    assert {
        "password",
        "client_secret",
        "access_token",
        "refresh_token",
        "id_token",
        "token",
        "2fa_payload",
        "secret",
        "api_key",
        "apikey",
        "assertion",
        "client_assertion",
    } == SECRET_KEYS
    assert {
        "authorization",
        "proxy-authorization",
        "cookie",
        "set-cookie",
        "x-api-key",
        "api-key",
        "x-auth-token",
    } == SECRET_HEADERS


@pytest.mark.parametrize("key", sorted(SECRET_KEYS))
def test_json_secret_found_and_masked_at_any_depth_and_case(key: str) -> None:
    value = VALUES[key]
    document = {"outer": [{"keep": "visible", key.upper(): value}], key: value, "n": 1}
    assert json_secrets(document) == [value, value]
    assert mask_json(document) == {"outer": [{"keep": "visible", key.upper(): MASK}], key: MASK, "n": 1}


def test_json_secret_key_masks_whatever_its_type() -> None:
    document = {"password": 12345678, "token": {"nested": "x"}, "secret": ["a", "b"], "name": "kept"}
    assert mask_json(document) == {"password": MASK, "token": MASK, "secret": MASK, "name": "kept"}
    # A secret that is an object is masked as the text it may be quoted as (compact and spaced JSON) and
    # through each string inside it, so a validation message quoting any of them shows none.
    assert json_secrets({"token": {"password": "inner-pass-1"}, "list": [{"apikey": "k-123456"}]}) == [
        '{"password":"inner-pass-1"}',
        '{"password": "inner-pass-1"}',
        "inner-pass-1",
        "k-123456",
    ]
    assert json_secrets("password") == [] and json_secrets(None) == []
    assert mask_json(["a", {"b": 1}]) == ["a", {"b": 1}] and mask_json(7) == 7


@pytest.mark.parametrize("key", sorted(SECRET_KEYS))
def test_form_and_query_secret_found_and_masked(key: str) -> None:
    value = VALUES[key]
    text = f"grant_type=client_credentials&{key}={value}&scope=a+b"
    assert form_secrets(text) == [value]
    masked = mask_query(text)
    assert dict(parse_qsl(masked)) == {"grant_type": "client_credentials", key: MASK, "scope": "a b"}
    assert value not in masked


def test_query_without_secrets_is_returned_unchanged() -> None:
    # Not re-encoded: the drift log shows the query as it was sent.
    assert mask_query("page_size=5&q=a%20b&empty=") == "page_size=5&q=a%20b&empty="
    assert mask_query("") == ""
    assert mask_query("Password=p1&x=") == f"Password={MASK.replace('*', '%2A')}&x="
    assert form_secrets("password=&user=u") == [""]
    assert form_secrets("user=u&name=n") == []


@pytest.mark.parametrize("name", sorted(SECRET_HEADERS))
def test_secret_headers_masked_keeping_the_scheme(name: str) -> None:
    headers = [(name.title(), "Bearer abc.def.ghi"), ("Accept", "application/json")]
    assert header_secrets(headers) == ["Bearer abc.def.ghi", "abc.def.ghi"]
    assert mask_headers(headers) == [(name.title(), f"Bearer {MASK}"), ("Accept", "application/json")]


def test_header_value_without_a_scheme_is_masked_whole() -> None:
    assert mask_headers([("X-Api-Key", "k3y-value")]) == [("X-Api-Key", MASK)]
    # Not a scheme: not letters only, or too long to be one.
    assert mask_headers([("Cookie", "a=1; b=2")]) == [("Cookie", MASK)]
    assert mask_headers([("Authorization", "Averyveryverylongscheme x")]) == [("Authorization", MASK)]
    assert mask_headers([("Authorization", "Basic15 x")]) == [("Authorization", MASK)]
    assert mask_headers([("Authorization", "Fifteenletterss x")]) == [
        ("Authorization", f"Fifteenletterss {MASK}")
    ]
    assert header_secrets([("X-Api-Key", "k3y-value"), ("Accept", "x")]) == ["k3y-value", ""]
    assert header_secrets([("Authorization", "Bearer   spaced ")]) == ["Bearer   spaced ", "spaced"]


def test_mask_values_longest_first_and_short_values_left() -> None:
    text = "token abcdef-long and abcdef and abc"
    assert (
        mask_values(text, ["abcdef", "abcdef-long", "abc", "", "abcde"]) == f"token {MASK} and {MASK} and abc"
    )
    assert mask_values("exactly six: sixsix", ["sixsix"]) == f"exactly six: {MASK}"
    assert mask_values("five: fivef", ["fivef"]) == "five: fivef"


def _curl_parts(command: str) -> list[str]:
    return shlex.split(command)


def test_curl_masks_json_body_query_and_headers() -> None:
    body = json.dumps(
        {"username": "ann", "password": "hunter2-pass", "nested": {"token": "t-987654"}}
    ).encode()
    command = curl(
        "POST",
        "https://api.test/login?api_key=key-123456&page=2",
        [
            ("Authorization", "Bearer tok-abcdef"),
            ("Host", "api.test"),
            ("Content-Length", "12"),
            ("Accept", "*/*"),
        ],
        body,
        ["tok-abcdef"],
    )
    parts = _curl_parts(command)
    assert parts[:4] == [
        "curl",
        "-X",
        "POST",
        f"https://api.test/login?api_key={MASK.replace('*', '%2A')}&page=2",
    ]
    assert parts[4:8] == ["-H", f"Authorization: Bearer {MASK}", "-H", "Accept: */*"]
    assert parts[8] == "--data-binary"
    assert json.loads(parts[9]) == {"username": "ann", "password": MASK, "nested": {"token": MASK}}
    assert len(parts) == 10
    for secret in ("hunter2-pass", "t-987654", "key-123456", "tok-abcdef"):
        assert secret not in command


def test_curl_masks_form_body_secrets() -> None:
    form = b"grant_type=client_credentials&client_id=app&client_secret=s3cr3t-value&scope=x"
    parts = _curl_parts(curl("POST", "https://login.test/token", [], form, []))
    assert parts[4] == "--data-binary"
    assert dict(parse_qsl(parts[5])) == {
        "grant_type": "client_credentials",
        "client_id": "app",
        "client_secret": MASK,
        "scope": "x",
    }


def test_curl_free_text_body_masked_by_known_values_only() -> None:
    parts = _curl_parts(curl("PUT", "http://h/x", [], b"plain text carrying s3cret-val", ["s3cret-val"]))
    assert parts == ["curl", "-X", "PUT", "http://h/x", "--data-binary", f"plain text carrying {MASK}"]


def test_curl_without_body_or_with_an_unshowable_one() -> None:
    assert _curl_parts(curl("GET", "http://h/x", [], b"", [])) == ["curl", "-X", "GET", "http://h/x"]
    binary = b"\xff\xfe\x00binary"
    assert _curl_parts(curl("POST", "http://h/x", [], binary, []))[4:] == [
        "--data-binary",
        "@body-9-bytes.bin",
    ]
    unprintable = b"bell \x07 here"
    assert _curl_parts(curl("POST", "http://h/x", [], unprintable, []))[4:] == [
        "--data-binary",
        "@body-11-bytes.bin",
    ]
    long_text = b"a" * 4097
    assert _curl_parts(curl("POST", "http://h/x", [], long_text, []))[4:] == [
        "--data-binary",
        "@body-4097-bytes.bin",
    ]
    at_limit = b"b" * 4096
    assert _curl_parts(curl("POST", "http://h/x", [], at_limit, []))[4:] == ["--data-binary", "b" * 4096]
    # A long JSON body is shown masked, then cut to 4 KiB with a marker (no log line grows without bound).
    big_json = json.dumps({"password": "p" * 10, "pad": "x" * 5000}).encode()
    masked = json.dumps({"password": MASK, "pad": "x" * 5000}, separators=(",", ":"))
    shown = _curl_parts(curl("POST", "http://h/x", [], big_json, []))[5]
    assert shown == masked[:4096] + f"...[{len(masked) - 4096} more characters cut]"


def test_curl_query_without_secret_and_text_that_only_looks_like_a_form() -> None:
    parts = _curl_parts(curl("GET", "http://h/x?a=1&b=two", [], b"", []))
    assert parts[3] == "http://h/x?a=1&b=two"
    # Spaces: not a form, so shown as it is (no secret key to mask anyway).
    parts = _curl_parts(curl("POST", "http://h/x", [], b"password is x=1", []))
    assert parts[5] == "password is x=1"
    parts = _curl_parts(curl("POST", "http://h/x", [], b"a=1&password=pw-value-1", []))
    assert dict(parse_qsl(parts[5])) == {"a": "1", "password": MASK}
    # Non-ASCII JSON stays readable (not \\u-escaped), compact separators.
    parts = _curl_parts(curl("POST", "http://h/x", [], '{"name": "Zoë", "n": [1, 2]}'.encode(), []))
    assert parts[5] == '{"name":"Zoë","n":[1,2]}'


def test_overlapping_secrets_masked_whole_whatever_their_order() -> None:
    # "zzzzzz" sorts after "azzzzzzz" but sits inside it: the longer one goes first, or part of it leaks.
    assert mask_values("token azzzzzzz here", ["zzzzzz", "azzzzzzz"]) == f"token {MASK} here"
    assert mask_values("token azzzzzzz here", ["azzzzzzz", "zzzzzz"]) == f"token {MASK} here"


def test_scheme_is_the_first_word_and_at_most_fifteen_letters() -> None:
    assert mask_headers([("Authorization", "Digest user=a, realm=b")]) == [
        ("Authorization", f"Digest {MASK}")
    ]
    assert mask_headers([("Authorization", "Sixteenletterszz x")]) == [("Authorization", MASK)]
