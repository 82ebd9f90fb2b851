"""Mutants that cannot change what the module does, each with the reason (reports/mutation.md lists them).

Keyed by (module, the mutated function's mangled name, the mutated line as mutmut shows it), so an
entry stays attached to its mutant when other mutants of the module are renumbered.
"""

from __future__ import annotations

MASKING = "src/licensekit/masking.py"
EQUIVALENT: dict[tuple[str, str, str], str] = {
    (
        MASKING,
        "licensekit.masking.x__body_for_curl",
        'text = body.decode("UTF-8")',
    ): "codec names are case-blind: UTF-8 and utf-8 are the same codec",
    (
        MASKING,
        "licensekit.masking.x__body_for_curl",
        'return json.dumps(mask_json(json.loads(text)), separators=(",", ":"), ensure_ascii=None)',
    ): "json.dumps only tests ensure_ascii for truth: None acts as False",
    (
        MASKING,
        "licensekit.masking.x_curl",
        'parts = ["curl", "-X", method, shlex.quote(base + (sep + mask_query(query)'
        ' if (sep) or True else ""))]',
    ): "without a '?' both sep and mask_query('') are empty, so the branch adds nothing either way",
}
