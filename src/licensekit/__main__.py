"""licensekit command line: `serve` the mocks, make a `token` for them, put the validating `proxy` in
front of a vendor's API, read its drift log with `proxy-report`, `check-traffic` recorded offline, and
make the HTML `report` of a run.

python -m licensekit serve --api fusion --port 0      # prints: fusion http://127.0.0.1:PORT
python -m licensekit serve --api all                   # the three mocks, on three ports
python -m licensekit serve --api fusion --seed FILE    # --seed is one vendor's seed: a single --api only
python -m licensekit token --api fusion --roles groups.instance.customer_licenses.list
python -m licensekit proxy --api fusion --upstream URL --drift-log drift.jsonl   # validating proxy
python -m licensekit proxy-report drift.jsonl --junit drift.xml                  # exit 1 when drift
python -m licensekit check-traffic --api fusion traffic.har --baseline known.json # recorded traffic
python -m licensekit report findings.json --coverage coverage.json --history DIR -o page.html
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import sys
from typing import Any

from . import __version__
from .contract.registry import APIS as APIS  # needs no extra: a client-only install parses the CLI too
from .serving import install_stop_handlers, run_loop

MOCK_EXTRA_HINT = "the mocks need the server extra: pip install 'licensekit[mock]'"
PROXY_EXTRA_HINT = "the proxy needs the server extra: pip install 'licensekit[mock]'"


def _serve(args: argparse.Namespace) -> int:
    parser: argparse.ArgumentParser = args.parser
    try:
        from .loopback import bind, make_server, url_of
        from .mock.registry import build_app
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
    if args.coverage:  # what the traffic exercised of the spec, written when the proxy stops
        with open(args.coverage, "w", encoding="utf-8") as handle:
            json.dump(app.coverage.report(), handle, indent=1)
    return 0


def _refuse(command: str, message: str) -> int:
    """Bad input (a file that cannot be used): one line on stderr, exit 2, no traceback."""
    print(f"licensekit {command}: {message}", file=sys.stderr)
    return 2


def _report_options(args: argparse.Namespace) -> Any:
    from .reports.outcome import Options

    if args.update_baseline and not args.baseline:
        args.parser.error("--update-baseline needs --baseline FILE (the file to write)")
    return Options(args.baseline, args.update_baseline, args.strict, args.junit, args.sarif, args.findings)


def _settle_times(record: Any) -> None:
    """A record read from traffic starts when its first finding was seen, not when it was read."""
    if record.entries:
        record.started = min(e.first_seen for e in record.entries.values())
        record.finished = max(e.last_seen for e in record.entries.values())


def _proxy_report(args: argparse.Namespace) -> int:
    from .contract.record import FindingsRecord, RecordError
    from .reports import outcome
    from .traffic import proxy_log

    options = _report_options(args)
    try:
        baseline = outcome.load_baseline(options)
    except RecordError as exc:
        return _refuse("proxy-report", str(exc))
    record = FindingsRecord("proxy")
    try:
        counts = proxy_log.read(args.file, None, record)
    except OSError as exc:
        return _refuse("proxy-report", f"{args.file}: cannot be read: {exc}")
    if counts.bad:
        more = ", ..." if counts.bad > len(counts.bad_lines) else ""
        named = ", ".join(map(str, counts.bad_lines)) + more
        note = f"{args.file}: skipped {counts.bad} line(s) that are not drift records (line {named})"
        if not counts.records:
            return _refuse("proxy-report", f"{note}; no drift record in the file")
        print(note, file=sys.stderr)
    _settle_times(record)
    return outcome.conclude(record, baseline, options, sys.stdout)


def _check_traffic(args: argparse.Namespace) -> int:
    try:
        from .contract.record import FindingsRecord, RecordError
        from .reports import outcome
        from .traffic.check import TrafficCheck, sniff
        from .traffic.har import HarError
    except ImportError as exc:
        args.parser.error(f"check-traffic needs the server extra: pip install 'licensekit[mock]' ({exc})")

    options = _report_options(args)
    options.apis = {args.api}  # a shared baseline file: the other APIs' entries are kept, not gone
    try:
        baseline = outcome.load_baseline(options)
        check = TrafficCheck(args.api, args.base_url)
    except (RecordError, ValueError) as exc:
        return _refuse("check-traffic", str(exc))
    if args.format == "findings":  # a findings record (make contract's reports/findings.json) re-judged
        try:
            stored = FindingsRecord.read(args.file)
        except RecordError as exc:
            return _refuse("check-traffic", str(exc))
        options.apis = None  # a record of a whole run: every API in it was checked
        return outcome.conclude(stored, baseline, options, sys.stdout)
    try:
        kind = args.format if args.format != "auto" else sniff(args.file)
        if kind == "har":
            check.har(args.file)
        else:
            logged = check.proxy_log(args.file)
    except HarError as exc:
        return _refuse("check-traffic", str(exc))
    except OSError as exc:
        return _refuse("check-traffic", f"{args.file}: cannot be read: {exc}")
    if kind == "har":
        print("\n".join(check.counts.lines(args.file)))
        if not check.counts.judged:
            # Nothing judged must never read as a pass: say why and stop.
            return _refuse(
                "check-traffic",
                f"{args.file}: no exchange with the {args.api} API was judged "
                f"(--base-url names where it was served, if not at the spec's servers)",
            )
    else:
        print(f"{args.file}: {logged.records} drift records of {args.api}, {logged.other_api} of other APIs")
        if logged.bad:
            named = ", ".join(map(str, logged.bad_lines))
            print(f"  skipped {logged.bad} line(s) that are not drift records (line {named})")
    _settle_times(check.record)
    return outcome.conclude(check.record, baseline, options, sys.stdout)


def _add_report_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--baseline", metavar="FILE", help="known deviations: only new findings fail")
    command.add_argument(
        "--update-baseline",
        action="store_true",
        help="write this run's findings into the --baseline file (reasons of entries that stay are kept)",
    )
    command.add_argument("--strict", action="store_true", help="tolerated findings fail the run too")
    command.add_argument("--junit", metavar="OUT", help="also write the findings as JUnit XML")
    command.add_argument("--sarif", metavar="OUT", help="also write the findings as SARIF 2.1.0")
    command.add_argument("--findings", metavar="OUT", help="also write the findings record (JSON)")


def _report(args: argparse.Namespace) -> int:
    from .reports import cli

    try:
        return cli.report(args)
    except cli.ReportInputError as exc:  # one line naming the file and the problem, never a traceback
        print(f"licensekit report: {exc}", file=sys.stderr)
        return 2


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
    proxy.add_argument(
        "--coverage",
        metavar="FILE",
        help="on stop, write the spec coverage of the traffic (docs/coverage.md)",
    )
    proxy.add_argument("--timeout", type=_timeout, default=30.0, help="seconds before a 504 (default 30)")
    proxy.set_defaults(run=_proxy, parser=proxy)

    proxy_report = commands.add_parser(
        "proxy-report",
        help="drift log as a table grouped by operation, check and severity (exit 1 on a failure)",
    )
    proxy_report.add_argument("file", help="a drift log written by `licensekit proxy --drift-log`")
    _add_report_options(proxy_report)
    proxy_report.set_defaults(run=_proxy_report, parser=proxy_report)

    check_traffic = commands.add_parser(
        "check-traffic",
        help="judge recorded traffic (HAR 1.2, or a proxy drift log) against the spec, like the proxy",
    )
    check_traffic.add_argument("--api", choices=APIS, required=True)
    check_traffic.add_argument(
        "file", help="a HAR 1.2 file, a drift log of `licensekit proxy`, or a findings record (--format)"
    )
    check_traffic.add_argument(
        "--base-url",
        action="append",
        metavar="URL",
        help="where the API was served (repeatable; default: the spec's servers); other URLs are skipped",
    )
    check_traffic.add_argument(
        "--format",
        choices=["auto", "har", "proxy-log", "findings"],
        default="auto",
        help="auto tells a drift log from a HAR; findings: a findings record (e.g. reports/findings.json)",
    )
    _add_report_options(check_traffic)
    check_traffic.set_defaults(run=_check_traffic, parser=check_traffic)

    report = commands.add_parser(
        "report", help="one self-contained HTML page of a run's findings, coverage and history"
    )
    report.add_argument("findings", help="a findings record (docs/findings.md), e.g. reports/findings.json")
    report.add_argument("--coverage", metavar="FILE", help="its coverage report (docs/coverage.md)")
    report.add_argument(
        "--history", metavar="DIR", help="a history folder: per operation, the last 30 runs and a trend"
    )
    report.add_argument(
        "--append-history",
        action="store_true",
        help="first add this run to the --history folder (the contract suites do it by themselves)",
    )
    report.add_argument(
        "--min-coverage",
        metavar="DIM=PCT,...",
        help="exit 1 when a dimension of the coverage is below it, naming what was not covered",
    )
    report.add_argument("--title", default="licensekit report")
    report.add_argument("-o", "--output", required=True, metavar="PAGE.html")
    report.set_defaults(run=_report, parser=report)

    args = parser.parse_args(argv)
    result: int = args.run(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
