#!/usr/bin/env bash
# The integration and e2e tests run Debian's OpenSSH server as the SFTP peer, and openssl
# makes the HTTPS peer's throwaway CA. Installs them when missing; idempotent.
set -euo pipefail
if [[ -x /usr/sbin/sshd ]] && command -v openssl >/dev/null && command -v ssh-keygen >/dev/null; then
  exit 0
fi
if [[ "$(id -u)" != 0 ]]; then
  echo "The SFTP tests need openssh-server and openssl: run as root, or install them with apt first." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get install -y --no-install-recommends openssh-server openssl >/dev/null 2>&1 ||
  { apt-get update >/dev/null && apt-get install -y --no-install-recommends openssh-server openssl >/dev/null; }
echo "installed openssh-server and openssl" >&2
