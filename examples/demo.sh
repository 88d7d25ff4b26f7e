#!/usr/bin/env bash
# The demo: three nights of the nightly example workflow in a real n8n, against a local
# SCIM 2.0 server and a local OpenSSH SFTP server (see examples/data/nights/README.md).
# Installs what it needs on first use: Debian's openssh-server, and the pinned n8n in a
# cache folder outside the package (a few minutes the first time).
set -euo pipefail
cd "$(dirname "$0")/.."
bash test/setup/install-openssh.sh
echo "Preparing n8n (first run: a few minutes)..."
bash test/e2e/setup/install-n8n.sh >/dev/null
npx tsc -p examples/demo/tsconfig.json
node .tmp/demo-build/examples/demo/run-demo.js
