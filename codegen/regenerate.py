"""Regenerate the typed clients in ``generated/`` from the specs in ``specs/``, or check they are current.
(Also the client layer's tolerance table, src/licensekit/clients/tolerance_table.json: see
codegen/tolerance_table.py.)

Each client is generated into a fresh temporary directory outside the repository (so no project
config can change the output) and then either swapped into ``generated/`` or compared with it.

    python codegen/regenerate.py            # rewrite generated/
    python codegen/regenerate.py --check    # exit 1 and list differences if generated/ has drifted
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import tolerance_table  # codegen/ is on sys.path: this script runs as codegen/regenerate.py

ROOT = Path(__file__).resolve().parent.parent
# spec file -> client package name; the config file is codegen/<package stem>.config.yaml
CLIENTS = {
    "cloudcockpit.yaml": "cloudcockpit_client",
    "fusion.yaml": "fusion_client",
    "partner-center.yaml": "partner_center_client",
}


def generate(spec: Path, package: str, workdir: Path) -> Path:
    config = ROOT / "codegen" / f"{package.removesuffix('_client')}.config.yaml"
    env = dict(os.environ)
    # The generator's post-hooks call `ruff`; use the pinned one from this interpreter's environment.
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    out = workdir / package
    cmd = [
        sys.executable,
        "-m",
        "openapi_python_client",
        "generate",
        "--path",
        str(spec),
        "--meta",
        "none",
        "--output-path",
        str(out),
        "--config",
        str(config),
        "--overwrite",
        "--fail-on-warning",
        "--custom-template-path",
        str(ROOT / "codegen" / "templates"),
    ]
    proc = subprocess.run(cmd, cwd=workdir, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout + proc.stderr)
        raise SystemExit(f"generation failed for {spec.name}")
    # PEP 561 marker: `--meta none` writes no py.typed, and the clients are typed.
    (out / "py.typed").touch()
    return out


def diff_trees(a: Path, b: Path) -> list[str]:
    """Relative paths that differ between two trees (missing on either side or changed)."""

    def files(root: Path) -> set[str]:
        return {
            str(p.relative_to(root))
            for p in root.rglob("*")
            if p.is_file() and not {"__pycache__", ".ruff_cache"} & set(p.parts)
        }

    fa, fb = files(a), files(b) if b.exists() else set()
    changed = [f for f in fa & fb if not filecmp.cmp(a / f, b / f, shallow=False)]
    return sorted((fa ^ fb) | set(changed))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of rewriting")
    args = parser.parse_args()
    drift: list[str] = []
    with tempfile.TemporaryDirectory(prefix="licensekit-gen-") as tmp:
        for spec_name, package in CLIENTS.items():
            fresh = generate(ROOT / "specs" / spec_name, package, Path(tmp))
            target = ROOT / "generated" / package
            if args.check:
                drift += [f"generated/{package}/{f}" for f in diff_trees(fresh, target)]
            else:
                shutil.rmtree(target, ignore_errors=True)
                shutil.copytree(fresh, target, ignore=shutil.ignore_patterns("__pycache__"))
                print(f"generated/{package} <- specs/{spec_name}")
    # The client layer's tolerance table is derived from the same specs (codegen/tolerance_table.py).
    table = tolerance_table.build()
    if args.check:
        if not tolerance_table.TARGET.exists() or tolerance_table.TARGET.read_text(encoding="utf-8") != table:
            drift.append(str(tolerance_table.TARGET.relative_to(ROOT)))
    else:
        tolerance_table.TARGET.write_text(table, encoding="utf-8")
        print(f"{tolerance_table.TARGET.relative_to(ROOT)} <- specs/")
    if drift:
        print("generated files differ from what the specs produce; run `make regenerate`:", file=sys.stderr)
        print("\n".join(f"  {f}" for f in drift), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
