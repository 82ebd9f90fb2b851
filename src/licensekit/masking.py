"""The one list of what is secret, and the functions that keep it out of logs and reports.

Used by the mocks' request log, the proxy's drift log and the contract suites' report masking
(contract_tests/conftest.py). Standard library only: every install (the client-only one too) has it.
"""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Iterable
from typing import Any
from urllib.parse import parse_qsl, urlencode

from .limits import cut

MASK = "***"
# Header names (lower case) whose values are credentials.
SECRET_HEADERS = frozenset(
    {"authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "api-key", "x-auth-token"}
)
# JSON property and query parameter names (lower case) whose values are credentials.
SECRET_KEYS = frozenset(
    {
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
    }
)
# Values shorter than this are not masked inside free text (they would blot out ordinary words).
_MIN_SECRET = 6


def is_secret_key(name: str) -> bool:
    return name.lower() in SECRET_KEYS or name.lower() in SECRET_HEADERS


def spec_secret_keys(document: Any) -> set[str]:
    """Names of the properties a spec document marks `format: password` or `writeOnly: true` (a test
    holds SECRET_KEYS to cover every one of our specs' such fields)."""
    found: set[str] = set()
    if isinstance(document, dict):
        properties = document.get("properties")
        if isinstance(properties, dict):
            for name, schema in properties.items():
                if isinstance(schema, dict) and (
                    schema.get("format") == "password" or schema.get("writeOnly")
                ):
                    found.add(str(name))
        for value in document.values():
            found |= spec_secret_keys(value)
    elif isinstance(document, list):
        for value in document:
            found |= spec_secret_keys(value)
    return found


# A validator message: where (a location word and a property path), then what. "body password: 1234 is
# not of type ..." (the proxy), "password[0]: ..." (a vendor's 400), "body user.password: ...".
_LOCATED = re.compile(r"(?P<where>[A-Za-z][\w\-]*(?: [\w\-.\[\]]+)?): (?P<what>.*)", re.S)
_SEGMENT = re.compile(r"[A-Za-z_][\w\-]*")
# What a message may keep after a secret's value: phrases of the validator and values of the spec only.
_SAFE_TAIL = re.compile(
    r" (?:is not of type (?:\"\w+\"(?:, )?)+|is a required property|is (?:too short|too long)"
    r"|is (?:shorter|longer) than \d+ characters?|is not a \"[\w\-]+\""
    r"|is not valid under any of the given schemas"
    r"|has (?:less|more) than \d+ items?|is (?:less|greater) than (?:or equal to )?-?[\d.e+]+)$"
)
_KEY_IN_JSON = re.compile(r"(?P<key>\"(?P<name>[^\"\\]{1,64})\"\s*:\s*)")
_DECODER = json.JSONDecoder()


def _mask_embedded_json(text: str) -> str:
    """Every `"<secret key>": <value>` inside `text` (a message quoting a JSON instance, a curl body)
    with its value, of any JSON type, replaced by "***". A value that does not parse (cut short) masks
    the rest of the text."""
    if '"' not in text:
        return text
    out: list[str] = []
    pos = 0
    for match in _KEY_IN_JSON.finditer(text):
        if match.start() < pos or not is_secret_key(match.group("name")):
            continue
        start = match.end()
        try:
            _, end = _DECODER.raw_decode(text, start)
        except ValueError:
            end = len(text)
        out += [text[pos:start], f'"{MASK}"']
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _mask_located(text: str) -> str:
    match = _LOCATED.fullmatch(text)
    if match is None or not any(is_secret_key(s) for s in _SEGMENT.findall(match.group("where"))):
        return text
    what = match.group("what")
    if what.startswith("missing"):
        return text  # names the field, quotes nothing
    tail = _SAFE_TAIL.search(what)
    return f"{match.group('where')}: {MASK}{tail.group(0) if tail else ''}"


def mask_problem(location: str, name: str, message: str) -> str:
    """`message` of a validation problem at `location` `name`, masked as mask_message would mask it."""
    prefix = f"{location} {name}".strip() + ": "
    masked = mask_message(prefix + message)
    return masked.removeprefix(prefix) if masked.startswith(prefix) else masked


def mask_text(text: str) -> str:
    """Free text (a report, a failure's output): each line masked as a message, indentation kept."""
    lines = text.split("\n")
    for n, line in enumerate(lines):
        body = line.lstrip()
        if body:
            lines[n] = line[: len(line) - len(body)] + mask_message(body)
    return "\n".join(lines)


def mask_message(text: str) -> str:
    """A validator message with nothing of a secret field's value left, whatever its JSON type: a message
    located at a secret field (`body password: 12345678 is not of type "string"`) keeps its location and
    the validator's phrase only; a JSON instance quoted in any message has its secret fields masked.
    Messages joined with "; " (a vendor's 400) are masked one by one."""
    return "; ".join(_mask_located(_mask_embedded_json(part)) for part in text.split("; "))


def mask_values(text: str, secrets: Iterable[str]) -> str:
    """`text` with every known secret value replaced by the mask (longest first, so none leaks partly)."""
    for secret in sorted({s for s in secrets if s and len(s) >= _MIN_SECRET}, key=len, reverse=True):
        text = text.replace(secret, MASK)
    return text


def header_secrets(headers: Iterable[tuple[str, str]]) -> list[str]:
    """Secret values carried in headers: the whole value and, for `Bearer x`, the credential alone."""
    found: list[str] = []
    for name, value in headers:
        if name.lower() in SECRET_HEADERS:
            found.append(value)
            _, _, credential = value.partition(" ")
            found.append(credential.strip())
    return found


def form_secrets(text: str) -> list[str]:
    """Values of secret fields in a form-encoded body or a query string."""
    return [v for k, v in parse_qsl(text, keep_blank_values=True) if k.lower() in SECRET_KEYS]


def _renderings(value: Any) -> list[str]:
    """How a secret value of any JSON type can appear in text: itself (a string), its JSON (compact, as
    validators quote it, and spaced), and every string inside it."""
    if isinstance(value, str):
        return [value]
    found = [json.dumps(value, separators=(",", ":")), json.dumps(value)]
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        for item in value:
            found += _renderings(item)
    return found


def json_secrets(value: Any) -> list[str]:
    """Values under secret keys anywhere in a JSON document, whatever their JSON type, as text."""
    found: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if str(key).lower() in SECRET_KEYS:
                if item is not None and not isinstance(item, bool):
                    found.extend(_renderings(item))
            else:
                found.extend(json_secrets(item))
    elif isinstance(value, list):
        for item in value:
            found.extend(json_secrets(item))
    return found


def mask_json(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: MASK if str(k).lower() in SECRET_KEYS else mask_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [mask_json(item) for item in value]
    return value


def _mask_header_value(value: str) -> str:
    """`Bearer x` keeps its scheme (the reproduction then only needs a fresh credential)."""
    scheme, sep, _ = value.partition(" ")
    return f"{scheme} {MASK}" if sep and scheme.isalpha() and len(scheme) < 16 else MASK


def mask_headers(headers: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    return [
        (name, _mask_header_value(value) if name.lower() in SECRET_HEADERS else value)
        for name, value in headers
    ]


def mask_query(query: str) -> str:
    if not query:
        return ""
    pairs = parse_qsl(query, keep_blank_values=True)
    if not any(key.lower() in SECRET_KEYS for key, _ in pairs):
        return query
    return urlencode([(k, MASK if k.lower() in SECRET_KEYS else v) for k, v in pairs])


_PRINTABLE = re.compile(r"[\x20-\x7e\t\r\n]*")
_CURL_BODY_LIMIT = 4096
_FORM = re.compile(r"[^=&\s]+=[^&\s]*(?:&[^=&\s]+=[^&\s]*)*")


def _body_for_curl(body: bytes) -> str | None:
    """The body as curl data, secrets masked; None when it cannot be shown (binary or too long)."""
    if not body:
        return ""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return None
    try:
        return json.dumps(mask_json(json.loads(text)), separators=(",", ":"), ensure_ascii=False)
    except ValueError:
        pass
    if len(text) > _CURL_BODY_LIMIT or not _PRINTABLE.fullmatch(text):
        return None
    if _FORM.fullmatch(text):  # a form body (an OAuth token request): mask its secret fields
        return mask_query(text)
    return text


def curl(method: str, url: str, headers: Iterable[tuple[str, str]], body: bytes, secrets: list[str]) -> str:
    """A curl command reproducing a request, with credentials replaced by the mask. Each header value and
    the URL are kept to limits.LOG_VALUE_LIMIT characters and the body to 4 KiB, each with a marker saying
    how much was cut (masked before cutting, so that no part of a secret survives the cut)."""
    base, sep, query = url.partition("?")
    target = mask_values(base + (sep + mask_query(query) if sep else ""), secrets)
    parts = ["curl", "-X", cut(method), shlex.quote(cut(target))]
    for name, value in mask_headers(headers):
        if name.lower() in ("host", "content-length"):
            continue  # curl sets both from the URL and the data
        parts += ["-H", shlex.quote(cut(mask_values(f"{name}: {value}", secrets)))]
    data = _body_for_curl(body)
    if data is None:
        parts += ["--data-binary", shlex.quote(f"@body-{len(body)}-bytes.bin")]
    elif data:
        parts += ["--data-binary", shlex.quote(cut(mask_values(data, secrets), _CURL_BODY_LIMIT))]
    return mask_values(" ".join(parts), secrets)
