#!/usr/bin/env bash
# Installs what auditpack needs on a Debian or Ubuntu machine, skipping what is already there:
# Chromium (PDF rendering), poppler-utils (pdftotext, pdfsig), openssl and jq via apt-get, the npm packages
# via `npm ci`, then builds dist/. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$major" -lt 20 ]; then
  echo "auditpack needs Node.js 20 or newer (found: $(node --version 2>/dev/null || echo none)). Install it from your distribution or nodejs.org." >&2
  exit 1
fi

need=()
if [ -z "${PUPPETEER_EXECUTABLE_PATH:-}" ] && ! command -v chromium >/dev/null && ! command -v chromium-browser >/dev/null \
  && ! command -v google-chrome >/dev/null && ! command -v google-chrome-stable >/dev/null; then
  need+=(chromium)
fi
command -v pdftotext >/dev/null || need+=(poppler-utils)
# openssl and jq: the third-party verification steps of docs/verification.md (run by the tests).
command -v openssl >/dev/null || need+=(openssl)
command -v jq >/dev/null || need+=(jq)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing ${need[*]} with apt-get …"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

# puppeteer-core never downloads a browser; this also stops any other package from trying.
export PUPPETEER_SKIP_DOWNLOAD=1
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
npm run --silent build
