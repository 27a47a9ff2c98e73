#!/usr/bin/env bash
# Installs what the integration tests need to start S3-compatible servers without Docker:
#   - OpenStack Swift with s3api (+ memcached) from Debian packages, when running as root and missing;
#   - `npm ci` in every test/tools/*/ folder with a package.json (s3rver, the CloudQuery state backend) and test/e2e/js.
# Idempotent: packages already installed and node_modules matching their lock file are left alone.
# Usage: test/tools/install-test-deps.sh [--no-apt]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

apt_packages=(swift swift-proxy swift-object swift-container swift-account memcached python3 curl)

install_apt() {
  local missing=()
  for p in "${apt_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    echo "install-test-deps: Debian packages present (${apt_packages[*]})"
    return
  fi
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    # Not fatal: the test fixture falls back to s3rver and names what is missing.
    echo "install-test-deps: not root or no apt-get; skipping Debian packages: ${missing[*]}" >&2
    return
  fi
  echo "install-test-deps: apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

install_npm() {
  local dir="$1" stamp want
  stamp="$dir/node_modules/.install-stamp"
  want="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    echo "install-test-deps: $(basename "$dir") node_modules up to date"
    return
  fi
  echo "install-test-deps: npm ci in $(basename "$dir")"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$want" > "$stamp"
}

if [ "${1:-}" != "--no-apt" ]; then
  install_apt
fi

command -v npm >/dev/null || { echo "install-test-deps: npm not found; install Node.js >= 20" >&2; exit 1; }
# The test servers, plus CloudQuery's JS client that the end-to-end tests drive the plugin with.
for pkg in "$here"/*/package.json "$here"/../e2e/js/package.json; do
  install_npm "$(dirname "$pkg")"
done
