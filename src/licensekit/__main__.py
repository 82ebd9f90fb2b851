"""licensekit command line: `serve` the mocks, make a `token` for them, put the validating `proxy` in
front of a vendor's API, and read its drift log with `proxy-report`.

python -m licensekit serve --api fusion --port 0      # prints: fusion http://127.0.0.1:PORT
python -m licensekit serve --api all                   # the three mocks, on three ports
python -m licensekit serve --api fusion --seed FILE    # --seed is one vendor's seed: a single --api only
python -m licensekit token --api fusion --roles groups.instance.customer_licenses.list
python -m licensekit proxy --api fusion --upstream URL --drift-log drift.jsonl   # validating proxy
python -m licensekit proxy-report drift.jsonl --junit drift.xml                  # exit 1 when drift
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import sys
from typing import Any

from . import __version__
from .serving import install_stop_handlers, run_loop

# The mocks' API names, spelled here so that a client-only install (no server extra) can still parse
# the command line; tests/mock/test_cli_install.py checks they match licensekit.mock.registry.APIS.
APIS = ("cloudcockpit", "fusion", "partner-center")
MOCK_EXTRA_HINT = "the mocks need the server extra: pip install 'licensekit[mock]'"
PROXY_EXTRA_HINT = "the proxy needs the server extra: pip install 'licensekit[mock]'"


def _serve(args: argparse.Namespace) -> int:
    parser: argparse.ArgumentParser = args.parser
    try:
        from .mock.registry import build_app
        from .mock.server import bind, make_server, url_of
        from .mock.vendor import SeedError
    except ImportError as exc:
        parser.error(f"{MOCK_EXTRA_HINT} ({exc})")

    seed = None
    if args.seed:
        # A seed document belongs to one vendor (each has its own shape): refuse before starting anything.
        if args.api == "all":
            parser.error("--seed needs a single --api (a seed document belongs to one vendor)")
        try:
            with open(args.seed, encoding="utf-8") as handle:
                seed = json.load(handle)
        except (OSError, ValueError) as exc:
            parser.error(f"--seed {args.seed}: {exc}")
        if not isinstance(seed, dict):
            parser.error(f"--seed {args.seed}: a seed is a JSON object")
    apis = APIS if args.api == "all" else (args.api,)
    servers = []
    for offset, api in enumerate(apis):
        try:
            app = build_app(api, seed=seed, secret=args.secret, check_responses=args.check_responses)
        except SeedError as exc:
            parser.error(f"--seed {args.seed}: not a valid {api} seed: {exc}")
        except FileNotFoundError as exc:
            parser.error(str(exc))
        try:
            sock = bind(args.host, args.port + offset if args.port else 0)
        except (OSError, OverflowError) as exc:
            parser.error(f"cannot listen on {args.host} port {args.port + offset if args.port else 0}: {exc}")
        servers.append((make_server(app), sock))
        print(f"{api} {url_of(sock)}", flush=True)

    async def run() -> None:
        def stop() -> None:
            for server, _ in servers:
                server.should_exit = True

        install_stop_handlers(asyncio.get_running_loop(), stop)
        await asyncio.gather(*(server.serve(sockets=[sock]) for server, sock in servers))

    run_loop(run)
    return 0


def _port(text: str) -> int:
    """0-65535 in ASCII digits (int() would also take U+0663 or ' 8_0 ')."""
    if not re.fullmatch(r"[0-9]{1,5}", text) or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}")
    return int(text)


def _seconds(text: str) -> int:
    """An integer in ASCII digits, maybe negative (int() would also take U+0663)."""
    if not re.fullmatch(r"[+-]?[0-9]{1,12}", text):
        raise argparse.ArgumentTypeError(f"not an integer number of seconds: {text!r}")
    return int(text)


def _claim(text: str) -> tuple[str, Any]:
    key, sep, value = text.partition("=")
    if not sep:
        raise argparse.ArgumentTypeError("expected KEY=VALUE (VALUE may be JSON)")
    try:
        return key, json.loads(value)
    except ValueError:
        return key, value


def _token(args: argparse.Namespace) -> int:
    try:
        from .mock.tokens import make_token
    except ImportError as exc:
        args.parser.error(f"{MOCK_EXTRA_HINT} ({exc})")

    claims: dict[str, Any] = dict(args.claim or [])
    for name in ("tenants", "roles", "entities"):
        if getattr(args, name) is not None:
            claims[name] = getattr(args, name)
    for name in ("sub", "tid", "scp"):
        if getattr(args, name) is not None:
            claims[name] = getattr(args, name)
    if args.app_only:
        claims["scp"] = None
    print(make_token(args.api, secret=args.secret, lifetime=args.lifetime, **claims))
    return 0


def _proxy(args: argparse.Namespace) -> int:
    parser: argparse.ArgumentParser = args.parser
    try:
        from .proxy.app import ProxyApp
        from .proxy.drift_log import DriftLog
        from .proxy.server import run
    except ImportError as exc:
        parser.error(f"{PROXY_EXTRA_HINT} ({exc})")

    try:
        app = ProxyApp(args.api, args.upstream, drift_log=DriftLog(args.drift_log), timeout=args.timeout)
    except (ValueError, OSError) as exc:
        parser.error(str(exc))
    try:
        run(app, args.host, args.port)
    except (OSError, OverflowError) as exc:
        parser.error(f"cannot listen on {args.host} port {args.port}: {exc}")
    return 0


def _proxy_report(args: argparse.Namespace) -> int:
    from .proxy import drift_log, report

    try:
        lines = drift_log.read(args.file)
    except OSError as exc:
        args.parser.error(f"{args.file}: {exc}")
    damage = lines.describe_bad(args.file)
    if damage:
        print(f"licensekit proxy-report: {damage}", file=sys.stderr)
        if not lines.records:
            args.parser.error(f"{args.file}: no line is a drift record")
    groups = report.group(lines.records)
    sys.stdout.write(report.table(groups))
    if damage:
        sys.stdout.write(damage + "\n")
    if args.junit:
        with open(args.junit, "wb") as handle:
            handle.write(report.junit(groups, unreadable=damage))
    return 1 if groups else 0  # what the good lines say


def _timeout(text: str) -> float:
    if not re.fullmatch(r"[0-9]{1,6}(\.[0-9]{1,6})?", text) or float(text) <= 0:
        raise argparse.ArgumentTypeError(f"not a positive number of seconds: {text!r}")
    return float(text)


def main(argv: list[str] | None = None) -> int:
    description = " ".join(__doc__.split("\n\n")[0].split())
    parser = argparse.ArgumentParser(prog="licensekit", description=description)
    parser.add_argument("--version", action="version", version=f"licensekit {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="run mock servers until interrupted; prints 'API URL' per mock")
    serve.add_argument("--api", choices=[*APIS, "all"], default="all")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument(
        "--port", type=_port, default=0, help="0: a free port (with --api all: PORT, PORT+1, PORT+2)"
    )
    serve.add_argument(
        "--seed", help="a seed document (JSON) replacing the built-in data; needs a single --api"
    )
    serve.add_argument(
        "--secret", help="token signing secret (default: $LICENSEKIT_MOCK_SECRET or the built-in)"
    )
    serve.add_argument(
        "--check-responses", action="store_true", help="record answers that drift from the spec"
    )
    serve.set_defaults(run=_serve, parser=serve)

    token = commands.add_parser("token", help="print a bearer token the mocks accept")
    token.add_argument("--api", choices=APIS, required=True)
    token.add_argument("--sub")
    token.add_argument("--tenants", nargs="+", help="cloudcockpit: portal domains allowed as X-Tenant")
    token.add_argument("--roles", nargs="+", help="fusion: roles held (default: every role)")
    token.add_argument(
        "--entities", nargs="+", help="fusion: uuids of the entities controlled (default: all)"
    )
    token.add_argument("--tid", help="partner-center: partner tenant id")
    token.add_argument("--scp", help="partner-center: delegated scopes (default user_impersonation)")
    token.add_argument("--app-only", action="store_true", help="partner-center: an app-only token (no scp)")
    token.add_argument(
        "--lifetime", type=_seconds, default=3600, help="seconds until exp (negative: expired)"
    )
    token.add_argument("--claim", action="append", type=_claim, metavar="KEY=VALUE", help="any other claim")
    token.add_argument("--secret")
    token.set_defaults(run=_token, parser=token)

    proxy = commands.add_parser(
        "proxy", help="validating reverse proxy: forwards unchanged, logs departures from the spec"
    )
    proxy.add_argument("--api", choices=APIS, required=True)
    proxy.add_argument("--upstream", required=True, help="the API's base URL, e.g. https://host")
    proxy.add_argument("--host", default="127.0.0.1")
    proxy.add_argument("--port", type=_port, default=0, help="0: a free port")
    proxy.add_argument("--drift-log", help="append departures to this JSON-lines file")
    proxy.add_argument("--timeout", type=_timeout, default=30.0, help="seconds before a 504 (default 30)")
    proxy.set_defaults(run=_proxy, parser=proxy)

    proxy_report = commands.add_parser(
        "proxy-report", help="drift log as a table grouped by operation and check (exit 1 when drift)"
    )
    proxy_report.add_argument("file", help="a drift log written by `licensekit proxy --drift-log`")
    proxy_report.add_argument("--junit", metavar="OUT", help="also write the groups as JUnit XML")
    proxy_report.set_defaults(run=_proxy_report, parser=proxy_report)

    args = parser.parse_args(argv)
    result: int = args.run(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
