# Sourced by the scripts: puts the project's own Node.js (installed by scripts/setup.sh into
# .tools/ when the machine's Node is older than 24) first on PATH. The system npm then runs on it.
# shellcheck shell=bash
AUDITPACK_NODE_VERSION=24.22.3
AUDITPACK_NODE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.tools/node-v${AUDITPACK_NODE_VERSION}"
if [ -x "$AUDITPACK_NODE_DIR/bin/node" ]; then
  export PATH="$AUDITPACK_NODE_DIR/bin:$PATH"
fi
