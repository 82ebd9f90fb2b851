"""Build hook: copy the repository's specs/ into the package (licensekit/specs) of the wheel.

The specs are the single source of truth and live at the top of the repository; the mocks need them at
run time. A copy made while building works on every checkout, where a symlink would vanish on one made
without symlink support (Windows' default), leaving a wheel with no specs. Everything else is in
pyproject.toml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

SPECS = Path(__file__).resolve().parent / "specs"


class BuildPyWithSpecs(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return  # an editable install reads the repository's specs/ directly (licensekit.mock.registry)
        found = sorted(SPECS.glob("*.yaml"))
        if not found:
            raise SystemExit(f"no specs found in {SPECS}: the wheel would have no mocks to serve")
        target = Path(self.build_lib) / "licensekit" / "specs"
        target.mkdir(parents=True, exist_ok=True)
        for spec in found:
            shutil.copyfile(spec, target / spec.name)
        # The vendor's examples the specs name (x-vendor-examples): the coverage of examples reads them.
        for example in sorted(SPECS.glob("examples/*/*.json")):
            place = target / example.relative_to(SPECS)
            place.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(example, place)


setup(cmdclass={"build_py": BuildPyWithSpecs})
