"""Validator messages through masking: a secret field's value leaves no trace, whatever its JSON type, and
what is not a secret is left exactly as it was (issue 21.2; unit level, the proxy and suites end to end:
tests/proxy/test_secret_messages.py)."""

from __future__ import annotations

import pytest

from licensekit.masking import is_secret_key, mask_message, mask_problem, mask_text, spec_secret_keys

MESSAGES = [
    # located at a secret field: location and the validator's phrase kept, the value gone
    ('body password: 12345678 is not of type "string"', 'body password: *** is not of type "string"'),
    ('body password: [1, 2] is not of type "string"', 'body password: *** is not of type "string"'),
    (
        'request body.user.password: {"a": 1} is not of type "string", "null"',
        'request body.user.password: *** is not of type "string", "null"',
    ),
    (
        'body password: "abcdefgh" is shorter than 10 characters',
        "body password: *** is shorter than 10 characters",
    ),
    ("body password: 5 is less than or equal to 6", "body password: *** is less than or equal to 6"),
    ("body password: 12 is greater than 10", "body password: *** is greater than 10"),
    ('body token: "x" is not a "uuid"', 'body token: *** is not a "uuid"'),
    ("body secret: 3 has more than 2 items", "body secret: *** has more than 2 items"),
    (
        'body apikey: "q" is not valid under any of the given schemas',
        "body apikey: *** is not valid under any of the given schemas",
    ),
    ('body password: "q" is a required property', "body password: *** is a required property"),
    ('body client_secret: "abcdefgh" is too long', "body client_secret: *** is too long"),
    # a tail that is not the validator's own phrase could quote the value again: dropped
    ("body password: 12345678 is very secret 12345678", "body password: ***"),
    # naming a missing field quotes nothing
    ("body password: missing (required)", "body password: missing (required)"),
    # not a secret, or no location: unchanged
    ('body name: 5 is not of type "string"', 'body name: 5 is not of type "string"'),
    ("no location here 12345678", "no location here 12345678"),
    # JSON quoted in a message: each secret key's value masked, whatever its type and key case
    (
        'request body: [{"password":"hunter22","name":"x"}] is not of type "object"',
        'request body: [{"password":"***","name":"x"}] is not of type "object"',
    ),
    ('{"Password" : [1,2], "b": 1}', '{"Password" : "***", "b": 1}'),
    ('{"user": {"password": {"x": 1}}}', '{"user": {"password": "***"}}'),
    ('"password": 5', '"password": "***"'),
    ('x: {"password": "abc', 'x: {"password": "***"'),  # cut short: the rest is masked
    # a vendor's 400 joins messages with "; ": each masked on its own
    (
        'password: 123456 is too short; name: 1 is not of type "string"',
        'password: *** is too short; name: 1 is not of type "string"',
    ),
]


@pytest.mark.parametrize(("message", "masked"), MESSAGES, ids=[m[:40] for m, _ in MESSAGES])
def test_mask_message(message: str, masked: str) -> None:
    assert mask_message(message) == masked


def test_mask_problem_masks_the_message_of_a_located_problem() -> None:
    assert (
        mask_problem("body", "password", '12345678 is not of type "string"') == '*** is not of type "string"'
    )
    assert mask_problem("query", "token", "12345678 is too long") == "*** is too long"
    assert mask_problem("body", "name", "12345678 is too long") == "12345678 is too long"
    assert mask_problem("", "", "x") == "x"


def test_mask_text_masks_each_line_and_keeps_indentation() -> None:
    text = '  body password: 1234567 is not of type "string"\nok\n\n\tbody token: 9999999 is too short'
    assert (
        mask_text(text)
        == '  body password: *** is not of type "string"\nok\n\n\tbody token: *** is too short'
    )


def test_spec_secret_keys_finds_password_and_write_only_properties_anywhere() -> None:
    document = {
        "a": {
            "properties": {"pw": {"format": "password"}, "wo": {"writeOnly": True}, "n": {"type": "string"}}
        },
        "l": [{"properties": {"x": {"writeOnly": True}, "y": {"writeOnly": False}, "bad": 3}}],
        "p": {"properties": 5},
    }
    assert spec_secret_keys(document) == {"pw", "wo", "x"}


def test_is_secret_key_knows_headers_and_keys_in_any_case() -> None:
    assert [is_secret_key(n) for n in ("Authorization", "PASSWORD", "Cookie", "name")] == [
        True,
        True,
        True,
        False,
    ]
