#!/usr/bin/env bash
# Fails when `go generate ./...` would change any tracked or generated file.
set -euo pipefail
cd "$(dirname "$0")/.."
snapshot() { find graph gqlgen.yml -type f \( -name '*.go' -o -name '*.yml' \) -print0 2>/dev/null | sort -z | xargs -0 sha256sum; }
before=$(snapshot)
go generate ./...
after=$(snapshot)
if [ "$before" != "$after" ]; then
  echo "generated code is out of date; run 'make generate' and commit the result:" >&2
  diff <(echo "$before") <(echo "$after") >&2 || true
  exit 1
fi
echo "generated code is up to date"
