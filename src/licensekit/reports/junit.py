"""A findings record as JUnit XML: one testcase per fingerprint, failed when the run's gate fails it."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..contract.baseline import Gate
from ..contract.record import FindingsRecord


def junit(record: FindingsRecord, gate: Gate, *, name: str = "licensekit-findings") -> bytes:
    failing = {id(e) for e in gate.failing}
    entries = record.sorted_entries()
    tests = len(entries) + len(gate.expired)
    suite = ET.Element("testsuite", name=name, tests=str(max(1, tests)))
    suite.set("failures", str(len(failing) + len(gate.expired)))
    if not tests:
        ET.SubElement(suite, "testcase", classname="findings", name="no departures from the spec")
    for e in entries:
        label = f"{e.check} at {e.location}" + (" (tolerated)" if e.severity == "tolerated" else "")
        case = ET.SubElement(suite, "testcase", classname=f"{e.api}.{e.operation}", name=label)
        text = "\n".join([*e.messages, "", f"fingerprint: {e.fingerprint}", f"reproduce: {e.curl}"])
        if id(e) in failing:
            kind = "new " if e.baseline == "new" else ""
            failure = ET.SubElement(case, "failure", message=f"{kind}{e.severity}: {e.count} x {e.check}")
            failure.text = text
        else:
            state = f" ({e.baseline})" if e.baseline else ""
            ET.SubElement(case, "system-out").text = f"{e.count} x {e.severity}{state}\n{text}"
    for b in gate.expired:
        case = ET.SubElement(
            suite, "testcase", classname=f"{b.api}.{b.operation}", name=f"baseline {b.fingerprint}"
        )
        failure = ET.SubElement(case, "failure", message=f"baseline entry expired on {b.expires}")
        failure.text = f"{b.label()}\nreason: {b.reason}"
    suites = ET.Element("testsuites")
    suites.append(suite)
    out: bytes = ET.tostring(suites, encoding="utf-8", xml_declaration=True)
    return out
