// Run the pinned openapi-diff (package.json) on pairs of OpenAPI documents and print its findings as
// JSON, one list per pair: [[{kind: "breaking" | "non-breaking" | "unclassified", code, location}]].
// Arguments: OLD1 NEW1 [OLD2 NEW2 ...] (one node start-up for many pairs). Used by codegen/spec_diff.py.
"use strict";
const fs = require("fs");
const openapiDiff = require("openapi-diff");

const spec = (path) => ({ content: fs.readFileSync(path, "utf8"), location: path, format: "openapi3" });
const kinds = {
  breakingDifferences: "breaking",
  nonBreakingDifferences: "non-breaking",
  unclassifiedDifferences: "unclassified",
};

async function diffPair(source, destination) {
  const result = await openapiDiff.diffSpecs({ sourceSpec: spec(source), destinationSpec: spec(destination) });
  const out = [];
  for (const [key, kind] of Object.entries(kinds)) {
    for (const d of result[key] || []) {
      const detail = d.sourceSpecEntityDetails[0] || d.destinationSpecEntityDetails[0] || {};
      out.push({ kind, code: d.code, location: detail.location || "" });
    }
  }
  return out;
}

async function main() {
  const args = process.argv.slice(2);
  const results = [];
  for (let i = 0; i + 1 < args.length; i += 2) {
    results.push(await diffPair(args[i], args[i + 1]));
  }
  process.stdout.write(JSON.stringify(results));
}

main().catch((error) => {
  process.stderr.write(`openapi-diff failed: ${error.message}\n`);
  process.exit(2);
});
