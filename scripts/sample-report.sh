#!/usr/bin/env bash
# Installs what is needed, then writes the report for the sample evidence bundle to out/sample/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
. scripts/node-env.sh
node dist/cli/main.js report evidence/sample --out out/sample "$@"
