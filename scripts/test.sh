#!/usr/bin/env bash
# Installs what is needed, then runs the whole suite: type check, lint, and every vitest test
# (unit, Chromium and PDF tests, end-to-end CLI runs). Ends with a "N passed, N failed" line.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
. scripts/node-env.sh
npm run --silent typecheck
npm run --silent lint
mkdir -p out
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json=out/test-results.json || status=$?
node -e '
  const r = JSON.parse(require("fs").readFileSync("out/test-results.json", "utf8"));
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed` + (r.numPendingTests ? `, ${r.numPendingTests} skipped` : ""));
' || true
exit $status
