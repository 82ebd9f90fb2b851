"""Reports of a run, one small module per format, built on the contract core's findings and coverage.

- `table`: the terminal table and the per-API baseline summary;
- `junit`: JUnit XML for CI test views;
- `sarif`: SARIF 2.1.0 for code-scanning views, each result at the spec line it is about (`spec_lines`);
- `outcome`: the one ending of `proxy-report` and `check-traffic` (baseline, --strict, files, exit code);
- `html`: one self-contained page of findings, coverage and history (`report.css` / `report.js` inlined);
- `history`: the history folder, a summary per run; `cli`: `licensekit report`.

Built on the contract core, never imported by it (import-linter holds that line: pyproject.toml).
"""
