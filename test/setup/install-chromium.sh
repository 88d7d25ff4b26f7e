#!/usr/bin/env bash
# The editor tests drive n8n's editor in Debian's Chromium through playwright-core, which
# downloads no browser of its own. Installs it when missing; idempotent.
set -euo pipefail
if [[ -x /usr/bin/chromium ]]; then
  exit 0
fi
if [[ "$(id -u)" != 0 ]]; then
  echo "The editor tests need Debian's chromium: run as root, or install it with apt first." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# Waits for another apt (the machine may be shared) instead of failing on its lock.
apt=(apt-get -o DPkg::Lock::Timeout=600)
"${apt[@]}" install -y --no-install-recommends chromium fonts-liberation >/dev/null 2>&1 ||
  { "${apt[@]}" update >/dev/null && "${apt[@]}" install -y --no-install-recommends chromium fonts-liberation >/dev/null; }
echo "installed chromium" >&2
