"""mutation/: the table names files that exist, and the report says what each column holds."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from mutation.equivalent import EQUIVALENT
from mutation.run import Score, _mutated_line, render
from mutation.table import BY_MODULE, TARGETS

ROOT = Path(__file__).resolve().parents[2]


def test_every_module_and_test_in_the_table_exists() -> None:
    assert len(BY_MODULE) == len(TARGETS)
    for target in TARGETS:
        assert (ROOT / target.module).is_file(), target.module
        for test in target.tests:
            path, _, name = test.partition("::")
            assert (ROOT / path).is_file(), test
            if name:
                assert f"def {name}(" in (ROOT / path).read_text(encoding="utf-8"), test


def test_every_equivalent_mutant_names_a_module_of_the_table_and_a_reason() -> None:
    for (module, function, line), reason in EQUIVALENT.items():
        assert module in BY_MODULE, module
        assert function.startswith(BY_MODULE[module].slug + ".x"), function
        assert line and len(reason) > 20


def test_score_counts_timeouts_as_caught_and_everything_but_equivalents_against_it() -> None:
    score = Score("m.py", killed=8, timeout=1, survived=["a"], no_tests=["b"], equivalent=["c -- why"])
    assert score.relevant == 11 and round(score.rate, 4) == round(9 / 11, 4)
    assert Score("m.py").rate == 1.0


def test_mutated_line_is_the_added_lines_of_the_diff() -> None:
    diff = "--- a\n+++ a\n@@ -1,2 +1,2 @@\n def f():\n-    return 1\n+    return 2\n"
    assert _mutated_line(diff) == "return 2"
    assert _mutated_line("--- a\n+++ a\n-    x = 1\n") == "(line removed)"


def test_report_rows_and_details() -> None:
    target = TARGETS[0]
    low = Score(target.module, killed=1, survived=["m__mutmut_1: x = 2"], tests=list(target.tests))
    text = render(
        {target.module: asdict(low)}, {"seconds": 12.0, "modules": 1, "when": "now", "mutmut": "3.8.1"}
    )
    assert f"| `{target.module}` | 1 | 1 | 0 | 0 | 0 | **50.0%** BELOW 85% | 0 s |" in text
    assert "- `m__mutmut_1: x = 2`" in text
    assert f"| `{TARGETS[1].module}` | not run yet |" in text
    assert "mutmut 3.8.1; last run now, 12 s wall time for 1 module(s)." in text
