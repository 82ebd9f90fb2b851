"""What tests add to the end of a run's output, kept apart from the tests so conftest.py can import it
cheaply: the schemathesis totals of the mock runs, the deviant answers fed to each operation."""

from __future__ import annotations

from collections import Counter

TOTALS: list[str] = []  # one line per schemathesis run (tests/mock/test_schemathesis.py)
ANSWERS: Counter[str] = Counter()  # deviant answers per operation (tests/clients/test_deviant_answers.py)
TOLERATED: Counter[str] = Counter()  # tolerance warnings the corpus caused, per operation and mode
