#!/usr/bin/env bash
# Browser tests of the residents' pages (part of make test): installs
# Debian's Chromium when missing, the npm packages of web/ from its lock
# file, checks that the committed CSS and script are built from them, then
# runs web/tests with node's test runner against a freshly built binary,
# which starts its own Neo4j with the demo data.
set -euo pipefail
cd "$(dirname "$0")/.."

sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
if [ ! -x /usr/bin/chromium ]; then
  echo "installing chromium from Debian's packages"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi
command -v node >/dev/null || { echo "node is needed for the browser tests" >&2; exit 1; }

# npm ci only when the lock file changed since the last install.
lock_hash=$(sha256sum web/package-lock.json | cut -d' ' -f1)
if [ "$(cat web/node_modules/.lock-hash 2>/dev/null)" != "$lock_hash" ]; then
  (cd web && npm ci --no-audit --no-fund --loglevel=error)
  echo "$lock_hash" > web/node_modules/.lock-hash
fi

echo "== web assets are up to date"
(cd web && node build.mjs --check)

if [ "${1:-}" = "--check-only" ]; then
  exit 0
fi

echo "== browser tests"
tmp=$(mktemp -d -t socialekaart-web-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/socialekaart" ./cmd/socialekaart
(cd web && SOCIALEKAART_BIN="$tmp/socialekaart" node --test --test-concurrency=1 tests/)
echo "screenshots: web/tests/screenshots"
