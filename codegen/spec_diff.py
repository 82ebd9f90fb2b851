"""What a spec edit means for users of the generated clients: breaking or not, change by change.

    python codegen/spec_diff.py                       # report every spec changed since the last commit
    python codegen/spec_diff.py --base REF --check    # exit 1 on a breaking change that the version
                                                      # bump and CHANGELOG.md's Unreleased do not cover
    python codegen/spec_diff.py OLD.yaml NEW.yaml     # compare two files

Two differs, each for what it does well:
- openapi-diff (npm, pinned in package.json; run through codegen/openapi_diff.js) gives operations
  (paths and methods) removed or added, statuses removed or added, and response headers. oasdiff would
  give more but ships as a Go binary only (nothing on npm or PyPI installs it here); openapi-changes
  downloads a binary at install time.
- Ours (below) gives what openapi-diff does not: it has no parameter comparison at all, and for bodies
  it only says that the set of accepted values grew or shrank ("request.body.scope.remove"), without the
  property or the kind of change, and without the generated client's view: a value added to an enum in
  an answer breaks it (its closed enums raise on an unknown value), as does a format change (uuid ->
  UUID objects) or a response property that becomes optional (Unset instead of a value). Ours names the
  property and the kind. A body-scope finding of openapi-diff that ours did not explain for the same
  operation is kept, so nothing it sees is lost.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
SPECS = "specs"
SPEC_FILES = ("cloudcockpit.yaml", "fusion.yaml", "partner-center.yaml")
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


@dataclass(frozen=True, slots=True)
class Change:
    breaking: bool
    kind: str
    operation: str  # operationId, or "METHOD /path"
    where: str  # e.g. "response 200 body.licenses[].sku", "query page_size"
    detail: str = ""
    source: str = "spec_diff"

    def line(self) -> str:
        flag = "BREAKING" if self.breaking else "ok      "
        detail = f" ({self.detail})" if self.detail else ""
        return f"  {flag}  {self.operation}: {self.kind} at {self.where}{detail}  [{self.source}]"


# --------------------------------------------------------------------------- loading


INT_FORMATS = ("int32", "int64")


def _resolve(node: Any, document: dict[str, Any], seen: tuple[str, ...] = ()) -> Any:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/"):
            if ref in seen:
                return {}
            target: Any = document
            for part in ref[2:].split("/"):
                target = target[part.replace("~1", "/").replace("~0", "~")]
            return _resolve(target, document, (*seen, ref))
        return {k: _resolve(v, document, seen) for k, v in node.items()}
    if isinstance(node, list):
        return [_resolve(item, document, seen) for item in node]
    return node


def _flatten(schema: Any) -> dict[str, Any]:
    """`allOf: [one]` plus siblings (how the specs add a default or description to a $ref) as one schema."""
    if not isinstance(schema, dict):
        return {}
    all_of = schema.get("allOf")
    if isinstance(all_of, list) and len(all_of) == 1 and isinstance(all_of[0], dict):
        merged = {**_flatten(all_of[0]), **{k: v for k, v in schema.items() if k != "allOf"}}
        return merged
    return schema


def operations(document: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    """(METHOD, path) -> the operation with $refs resolved and path-level parameters merged in."""
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for path, item in (document.get("paths") or {}).items():
        item = _resolve(item, document)
        shared = item.get("parameters", [])
        for method in HTTP_METHODS:
            if method in item:
                op = dict(item[method])
                params = {(p["in"], p["name"]): p for p in shared}
                params.update({(p["in"], p["name"]): p for p in op.get("parameters", [])})
                op["parameters"] = params
                out[(method.upper(), path)] = op
    return out


def _json_schema(content: dict[str, Any] | None) -> Any:
    for media, body in (content or {}).items():
        if "json" in media:
            return body.get("schema")
    return None


def _label(key: tuple[str, str], *ops: dict[str, Any] | None) -> str:
    for op in ops:
        if op and op.get("operationId"):
            return str(op["operationId"])
    return f"{key[0]} {key[1]}"


# --------------------------------------------------------------------------- schemas


def _types(schema: dict[str, Any]) -> str:
    kind = schema.get("type")
    return ",".join(kind) if isinstance(kind, list) else str(kind or "")


def _compare_schema(old: Any, new: Any, where: str, direction: str, op: str, out: list[Change]) -> None:
    """direction: 'request' (the client sends it) or 'response' (the client parses it)."""
    old, new = _flatten(old), _flatten(new)
    if not old or not new:
        return
    request = direction == "request"
    old_type, new_type = _types(old), _types(new)
    if old_type and new_type and old_type != new_type:
        out.append(Change(True, "type changed", op, where, f"{old_type} -> {new_type}"))
        return
    if old.get("format") != new.get("format"):
        detail = f"{old.get('format')} -> {new.get('format')}"
        if new_type == "integer" and old.get("format") is None and new.get("format") in INT_FORMATS:
            # the generated Python type stays `int`: a size written down changes no client code
            out.append(Change(False, "integer format added", op, where, detail))
        else:
            out.append(Change(True, "format changed", op, where, detail))
    old_enum, new_enum = old.get("enum"), new.get("enum")
    if isinstance(old_enum, list) and isinstance(new_enum, list):
        removed = [v for v in old_enum if v not in new_enum]
        added = [v for v in new_enum if v not in old_enum]
        if removed:
            kind = "enum narrowed" if request else "enum value no longer answered"
            out.append(Change(request, kind, op, where, f"removed {removed}"))
        if added:
            kind = "enum widened in an answer" if not request else "enum value added"
            out.append(Change(not request, kind, op, where, f"added {added}"))
    elif isinstance(new_enum, list) and not isinstance(old_enum, list) and request:
        out.append(Change(True, "enum narrowed", op, where, f"now only {new_enum}"))
    elif isinstance(old_enum, list) and not isinstance(new_enum, list) and not request:
        out.append(Change(True, "enum widened in an answer", op, where, "any value now"))
    if bool(old.get("nullable")) != bool(new.get("nullable")):
        if new.get("nullable") and not request:
            out.append(Change(True, "became nullable in an answer", op, where))
        elif old.get("nullable") and request:
            out.append(Change(True, "no longer nullable in a request", op, where))
        else:
            out.append(Change(False, "nullability changed", op, where))
    if request:
        _compare_constraints(old, new, where, op, out)
    _compare_properties(old, new, where, direction, op, out)
    if isinstance(old.get("items"), dict) and isinstance(new.get("items"), dict):
        _compare_schema(old["items"], new["items"], f"{where}[]", direction, op, out)
    for key in ("oneOf", "anyOf"):
        old_alt, new_alt = old.get(key) or [], new.get(key) or []
        if len(old_alt) != len(new_alt):
            grew = len(new_alt) > len(old_alt)
            kind = f"{key} alternatives {'added' if grew else 'removed'}"
            out.append(Change(grew != request, kind, op, where, f"{len(old_alt)} -> {len(new_alt)}"))
        for n, (a, b) in enumerate(zip(old_alt, new_alt, strict=False)):
            _compare_schema(a, b, f"{where}<{key}{n}>", direction, op, out)


_TIGHTER = {"minimum": 1, "exclusiveMinimum": 1, "minLength": 1, "minItems": 1}
_LOOSER = {"maximum": -1, "exclusiveMaximum": -1, "maxLength": -1, "maxItems": -1}


def _compare_constraints(
    old: dict[str, Any], new: dict[str, Any], where: str, op: str, out: list[Change]
) -> None:
    """A request constraint that tightened refuses what the old client could send."""
    for key, sign in {**_TIGHTER, **_LOOSER}.items():
        a, b = old.get(key), new.get(key)
        if isinstance(b, bool) or isinstance(a, bool):
            continue
        if b is not None and (a is None or (b - a) * sign > 0):
            out.append(Change(True, "constraint tightened", op, where, f"{key} {a} -> {b}"))
    if new.get("pattern") and new.get("pattern") != old.get("pattern"):
        out.append(Change(True, "constraint tightened", op, where, f"pattern {new.get('pattern')!r}"))


def _compare_properties(
    old: dict[str, Any], new: dict[str, Any], where: str, direction: str, op: str, out: list[Change]
) -> None:
    old_props, new_props = old.get("properties") or {}, new.get("properties") or {}
    old_req, new_req = set(old.get("required") or []), set(new.get("required") or [])
    request = direction == "request"
    prefix = f"{where}." if where else ""
    for name in old_props:
        at = f"{prefix}{name}"
        if name not in new_props:
            kind = "request property removed" if request else "response property removed"
            out.append(Change(True, kind, op, at))
            continue
        if request and name in new_req and name not in old_req:
            out.append(Change(True, "request property became required", op, at))
        if not request and name in old_req and name not in new_req:
            out.append(Change(True, "response property no longer required", op, at))
        _compare_schema(old_props[name], new_props[name], at, direction, op, out)
    for name in new_props:
        if name in old_props:
            continue
        at = f"{prefix}{name}"
        if request:
            required = name in new_req
            kind = "new required request property" if required else "optional request property added"
            out.append(Change(required, kind, op, at))
        else:
            out.append(Change(False, "response property added", op, at))


# --------------------------------------------------------------------------- operations


def _compare_request(
    key: tuple[str, str], old: dict[str, Any], new: dict[str, Any], out: list[Change]
) -> None:
    """Parameters and request body: what the client sends."""
    op = _label(key, new, old)
    old_params, new_params = old["parameters"], new["parameters"]
    for pkey, param in new_params.items():
        where = f"{pkey[0]} parameter {pkey[1]}"
        before = old_params.get(pkey)
        if before is None:
            required = bool(param.get("required"))
            kind = "new required parameter" if required else "optional parameter added"
            out.append(Change(required, kind, op, where))
            continue
        if param.get("required") and not before.get("required"):
            out.append(Change(True, "parameter became required", op, where))
        _compare_schema(before.get("schema"), param.get("schema"), where, "request", op, out)
    for pkey in old_params:
        if pkey not in new_params:
            where = f"{pkey[0]} parameter {pkey[1]}"
            # The generated function loses the argument: a call that passes it fails.
            out.append(Change(True, "parameter removed", op, where))
    old_body, new_body = old.get("requestBody") or {}, new.get("requestBody") or {}
    if new_body.get("required") and old_body and not old_body.get("required"):
        out.append(Change(True, "request body became required", op, "request body"))
    _compare_schema(
        _json_schema(old_body.get("content")),
        _json_schema(new_body.get("content")),
        "body",
        "request",
        op,
        out,
    )


def own_changes(old_doc: dict[str, Any], new_doc: dict[str, Any]) -> list[Change]:
    """Our findings for the operations both documents have (openapi-diff covers the others)."""
    out: list[Change] = []
    old_ops, new_ops = operations(old_doc), operations(new_doc)
    for key in sorted(old_ops.keys() & new_ops.keys()):
        old, new = old_ops[key], new_ops[key]
        op = _label(key, new, old)
        _compare_request(key, old, new, out)
        old_responses, new_responses = old.get("responses") or {}, new.get("responses") or {}
        for status in old_responses:
            if status not in new_responses:
                continue
            found: list[Change] = []
            _compare_schema(
                _json_schema(old_responses[status].get("content")),
                _json_schema(new_responses[status].get("content")),
                f"response {status} body",
                "response",
                op,
                found,
            )
            out += found
    return out


# --------------------------------------------------------------------------- openapi-diff


_OPENAPI_DIFF_KINDS = {
    "path.remove": (True, "operation removed"),
    "method.remove": (True, "operation removed"),
    "path.add": (False, "operation added"),
    "method.add": (False, "operation added"),
    "response.status-code.remove": (True, "status removed"),
    "response.status-code.add": (False, "status added"),
    "response.required.header.remove": (True, "required response header removed"),
    "response.required.header.add": (False, "required response header added"),
    "response.optional.header.remove": (False, "optional response header removed"),
    "response.optional.header.add": (False, "optional response header added"),
}


def run_openapi_diff(pairs: list[tuple[Path, Path]]) -> list[list[dict[str, str]]]:
    """openapi-diff's findings for each (old, new) pair, from one node process."""
    args = [str(p) for pair in pairs for p in pair]
    proc = subprocess.run(
        ["node", str(ROOT / "codegen" / "openapi_diff.js"), *args], capture_output=True, text=True, cwd=ROOT
    )
    if proc.returncode != 0:
        raise SystemExit(f"openapi-diff failed (run `make install`?): {proc.stderr.strip()}")
    found: list[list[dict[str, str]]] = json.loads(proc.stdout)
    return found


def _place(location: str, docs: list[dict[str, Any]]) -> tuple[list[tuple[str, str]], str]:
    """openapi-diff's location ("paths./x.get.responses.404") -> the operations it is about, and the rest."""
    if not location.startswith("paths."):
        return [], location
    rest = location[len("paths.") :]
    paths = {p for d in docs for p in (d.get("paths") or {})}
    path = max((p for p in paths if rest == p or rest.startswith(p + ".")), key=len, default=None)
    if path is None:
        return [], location
    tail = rest[len(path) + 1 :]
    method, _, tail = tail.partition(".")
    if method in HTTP_METHODS:
        return [(method.upper(), path)], tail
    methods = {m for d in docs for m in ((d.get("paths") or {}).get(path) or {}) if m in HTTP_METHODS}
    return [(m.upper(), path) for m in sorted(methods)], ""


def _where(tail: str) -> str:
    # "responses.404" / "responses.200.headers.X" -> "response 404" / "response 200 header X"
    parts = tail.split(".")
    if len(parts) >= 2 and parts[0] == "responses":
        where = f"response {parts[1]}"
        if len(parts) >= 4 and parts[2] == "headers":
            where += f" header {'.'.join(parts[3:])}"
        return where
    return tail or "operation"


def tool_changes(
    findings: list[dict[str, str]], old_doc: dict[str, Any], new_doc: dict[str, Any]
) -> list[Change]:
    out: list[Change] = []
    old_ops, new_ops = operations(old_doc), operations(new_doc)
    for finding in findings:
        code = finding["code"]
        keys, tail = _place(finding["location"], [old_doc, new_doc])
        for key in keys or [("", finding["location"])]:
            label = _label(key, new_ops.get(key), old_ops.get(key)) if keys else finding["location"]
            if code in _OPENAPI_DIFF_KINDS:
                breaking, kind = _OPENAPI_DIFF_KINDS[code]
                out.append(
                    Change(breaking, kind, label, _where(tail) if tail else key[1], source="openapi-diff")
                )
            else:  # body scope and unclassified: kept only if ours found nothing there (see diff())
                out.append(
                    Change(finding["kind"] == "breaking", code, label, tail or "body", source="openapi-diff")
                )
    return out


# --------------------------------------------------------------------------- both


def diff(old_path: Path, new_path: Path) -> list[Change]:
    return diff_many([(old_path, new_path)])[0]


def diff_many(pairs: list[tuple[Path, Path]]) -> list[list[Change]]:
    """The changes from each old spec to its new one (openapi-diff's and ours, merged)."""
    results = []
    for (old_path, new_path), findings in zip(pairs, run_openapi_diff(pairs), strict=True):
        old_doc, new_doc = (yaml.safe_load(p.read_text(encoding="utf-8")) for p in (old_path, new_path))
        results.append(_merge(tool_changes(findings, old_doc, new_doc), own_changes(old_doc, new_doc)))
    return results


def _merge(theirs: list[Change], ours: list[Change]) -> list[Change]:
    explained = {(c.operation, "response" if c.where.startswith("response ") else "request") for c in ours}
    kept: list[Change] = []
    for change in theirs:
        if ".body.scope" in change.kind:
            side = "request" if change.kind.startswith("request") else "response"
            if (change.operation, side) in explained:
                continue  # ours names the property and the kind of the same change
            change = Change(
                change.breaking,
                f"{side} body schema changed",
                change.operation,
                change.where,
                change.kind,
                change.source,
            )
        kept.append(change)
    return sorted(set(kept + ours), key=lambda c: (not c.breaking, c.operation, c.where, c.kind))


def report(name: str, changes: list[Change]) -> str:
    breaking = sum(c.breaking for c in changes)
    if not changes:
        return f"{name}: no change that users of the generated client can see\n"
    lines = [f"{name}: {breaking} breaking, {len(changes) - breaking} non-breaking"]
    lines += [c.line() for c in changes]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- git and the release rules


def _git(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], capture_output=True, text=True, cwd=ROOT)


def _at(ref: str, path: str) -> str | None:
    proc = _git("show", f"{ref}:{path}")
    return proc.stdout if proc.returncode == 0 else None


def changed_specs(base: str) -> list[str]:
    """specs/*.yaml files that differ between `base` and the working tree (tracked or not)."""
    names = []
    for name in SPEC_FILES:
        path = ROOT / SPECS / name
        old = _at(base, f"{SPECS}/{name}")
        new = path.read_text(encoding="utf-8") if path.exists() else None
        if old != new:
            names.append(name)
    return names


def diff_against(base: str, name: str) -> list[Change]:
    old = _at(base, f"{SPECS}/{name}")
    path = ROOT / SPECS / name
    if old is None:
        return [Change(False, "new spec", name, "whole API")]
    if not path.exists():
        return [Change(True, "spec removed", name, "whole API")]
    with tempfile.TemporaryDirectory(prefix="licensekit-diff-") as tmp:
        old_path = Path(tmp) / name
        old_path.write_text(old, encoding="utf-8")
        return diff(old_path, path)


def _version(text: str | None) -> tuple[int, int, int] | None:
    if text is None:
        return None
    version = str(tomllib.loads(text).get("project", {}).get("version", ""))
    match = re.match(r"(\d+)\.(\d+)\.(\d+)", version)
    return (int(match[1]), int(match[2]), int(match[3])) if match else None


def bump_is_enough(old: tuple[int, int, int], new: tuple[int, int, int]) -> bool:
    """Semver for a breaking change: a major bump; while 0.x, a minor bump (0.y.z: anything may change)."""
    if old[0] == 0:
        return new > old and (new[0] > 0 or new[1] > old[1])
    return new[0] > old[0]


def changelog_section(changelog: str, heading: str) -> str:
    """The text under `## [heading]` (Unreleased, or a version), up to the next `## `."""
    match = re.search(rf"^## \[{re.escape(heading)}\][^\n]*\n(.*?)(?=^## |\Z)", changelog, re.S | re.M)
    return match[1] if match else ""


def check(base: str, breaking: list[Change]) -> list[str]:
    """Why the breaking changes are not covered yet (empty: they are)."""
    problems: list[str] = []
    old, new = _version(_at(base, "pyproject.toml")), _version((ROOT / "pyproject.toml").read_text())
    if old is None or new is None:
        problems.append("cannot read [project].version from pyproject.toml here or at the base")
    elif not bump_is_enough(old, new):
        need = "a minor bump while 0.x" if old[0] == 0 else "a major bump"
        shown = ".".join(map(str, new))
        problems.append(f"version {'.'.join(map(str, old))} -> {shown}: a breaking change needs {need}")
    # Named under Unreleased, or under the new version once the release has moved them there.
    changelog = ROOT / "CHANGELOG.md"
    text = changelog.read_text(encoding="utf-8") if changelog.exists() else ""
    headings = ["Unreleased", *([".".join(map(str, new))] if new is not None else [])]
    section = "".join(changelog_section(text, heading) for heading in headings)
    if not section.strip():
        problems.append(
            "CHANGELOG.md has no `## [Unreleased]` (or new version) section describing the change"
        )
    else:
        for operation in sorted({c.operation for c in breaking}):
            if operation not in section:
                problems.append(
                    f"CHANGELOG.md's Unreleased (or new version) section does not name {operation}"
                )
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", help="OLD NEW: compare two spec files instead")
    parser.add_argument("--base", default="HEAD", help="git ref to compare specs/ with (default HEAD)")
    parser.add_argument("--check", action="store_true", help="fail on breaking changes not released right")
    args = parser.parse_args(argv)
    if args.files:
        if len(args.files) != 2:
            parser.error("give two files: OLD NEW")
        changes = diff(Path(args.files[0]), Path(args.files[1]))
        sys.stdout.write(report(args.files[1], changes))
        return 0
    if _git("rev-parse", "--verify", "--quiet", f"{args.base}^{{commit}}").returncode != 0:
        parser.error(f"unknown git ref {args.base!r}")
    names = changed_specs(args.base)
    if not names:
        print(f"specs/: no change since {args.base}")
        return 0
    breaking: list[Change] = []
    for name in names:
        changes = diff_against(args.base, name)
        sys.stdout.write(report(f"{SPECS}/{name} (since {args.base})", changes))
        breaking += [c for c in changes if c.breaking]
    if not args.check or not breaking:
        return 0
    problems = check(args.base, breaking)
    if problems:
        print(
            f"\ncheck-breaking: {len(breaking)} breaking changes since {args.base}, "
            "not released as semver asks:"
        )
        print("\n".join(f"  - {p}" for p in problems))
        return 1
    print(f"\ncheck-breaking: {len(breaking)} breaking changes, covered by the version bump and CHANGELOG.md")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
