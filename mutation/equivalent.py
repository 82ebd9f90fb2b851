"""Mutants that cannot change what the module does, each with the reason (reports/mutation.md lists them).

Keyed by (module, the mutated function's mangled name, the mutated line as mutmut shows it), so an
entry stays attached to its mutant when other mutants of the module are renumbered.
"""

from __future__ import annotations

EQUIVALENT: dict[tuple[str, str, str], str] = {}
