"""Which modules `make mutation` mutates, and the tests each one's mutants run against.

Each module's selection is kept to in-process tests that exercise it directly (small and fast: every
mutant reruns the selection's tests that reach the mutated function). A test that drives the module
only through a subprocess cannot kill its mutants, so it is not listed.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Target:
    module: str  # path of the file to mutate, from the repository root
    tests: tuple[str, ...]  # pytest node ids or files, from the repository root
    functions: tuple[str, ...] = ()  # mutmut mutant-name patterns: only these functions (default: all)
    lines: str = ""  # a regex: only lines it matches are mutated (default: all)

    @property
    def slug(self) -> str:
        return self.module.removesuffix(".py").replace("/", ".").removeprefix("src.")

    @property
    def top(self) -> str:
        """The top-level folder the module lives in (mutmut copies and walks it)."""
        return self.module.split("/")[0]


TARGETS: tuple[Target, ...] = (
    Target(
        "src/licensekit/clients/transport.py",
        ("tests/clients/test_transport_policy.py", "tests/clients/test_unit.py"),
    ),
    Target(
        "src/licensekit/clients/errors.py",
        ("tests/clients/test_error_kinds.py", "tests/clients/test_unit.py"),
    ),
    Target(
        "src/licensekit/clients/auth.py",
        ("tests/clients/test_token_refresh.py", "tests/clients/test_unit.py"),
    ),
    Target("src/licensekit/masking.py", ("tests/masking/test_masking.py", "tests/masking/test_messages.py")),
    # The one judge of an exchange (the proxy, the mocks' --check-responses and the suites use it).
    Target("src/licensekit/contract/judge.py", ("tests/contract_core/test_judge_findings.py",)),
    # The proxy's capture: what it keeps of each body and hands to the judge (forwarding is not a verdict).
    Target(
        "src/licensekit/proxy/app.py",
        (
            "tests/proxy/test_capture_limit.py",
            "tests/proxy/test_proxy.py::test_large_response_streams_through_whole",
            "tests/proxy/test_proxy.py::test_streamed_request_body_arrives_whole",
            "tests/proxy/test_proxy.py::test_upstream_breaking_off_mid_answer_cuts_the_answer_without_a_hang",
        ),
        functions=(
            "licensekit.proxy.app.xǁ_Captureǁ*",
            "licensekit.proxy.app.xǁProxyAppǁ_exchange__mutmut_*",
            "licensekit.proxy.app.xǁProxyAppǁ_validate__mutmut_*",
        ),
        # In _exchange, the lines that copy the bodies and hand them over; the rest forwards.
        lines=r"captur|answer|exchange|Exchange|chunk|self\.(size|limit|complete)",
    ),
    # The breaking-change rules: what each spec edit is and whether the version bump covers it. Not its
    # plumbing (running openapi-diff in node, git, the command line): the tests of those run a node process
    # or a subprocess per case, minutes per mutant, and mutmut sees no trampoline hit in a subprocess.
    Target(
        "codegen/spec_diff.py",
        ("tests/breaking/test_constraints.py", "tests/breaking/test_spec_diff.py::test_semver_rule"),
        functions=tuple(
            f"codegen.spec_diff.{name}*"
            for name in (
                "xǁChangeǁ",
                "x__resolve",
                "x__flatten",
                "x_operations",
                "x__json_schema",
                "x__label",
                "x__types",
                "x__compare",
                "x_own_changes",
                "x__place",
                "x__where",
                "x_tool_changes",
                "x__merge",
                "x_report",
                "x__version",
                "x_bump_is_enough",
            )
        ),
    ),
    Target("contract_tests/preflight.py", ("tests/contract/test_preflight_check.py",)),
    Target("contract_tests/coverage.py", ("tests/contract/test_coverage_rules.py",)),
    Target(
        "src/licensekit/contract/tolerance.py",
        ("tests/contract_core/test_tolerance_failing.py", "tests/contract_core/test_tolerance.py"),
    ),
    Target(
        "contract_tests/tolerance.py",
        ("tests/contract_core/test_tolerance_failing.py", "tests/contract_core/test_tolerance.py"),
    ),
)
BY_MODULE = {target.module: target for target in TARGETS}
