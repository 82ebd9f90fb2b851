"""How many deviant answers each operation was fed (test_deviant_answers), for the terminal summary."""

from __future__ import annotations

from collections import Counter

ANSWERS: Counter[str] = Counter()
TOLERATED: Counter[str] = Counter()  # tolerance warnings the corpus caused, per operation and mode
