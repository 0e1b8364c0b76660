#!/usr/bin/env bash
# make test: vet, generated-code check, then every test against one local
# Neo4j started here in a temporary directory. NEO4J_URI is never used by
# tests: the database is passed as SOCIALEKAART_TEST_NEO4J_URI.
set -euo pipefail
cd "$(dirname "$0")/.."
unset NEO4J_URI NEO4J_USER NEO4J_PASSWORD NEO4J_DATABASE

echo "== go vet"
go vet ./...

echo "== generated code is up to date"
scripts/check-generate.sh

scripts/web-test.sh --check-only

echo "== starting a local Neo4j for the tests"
data=$(mktemp -d -t socialekaart-test-neo4j-XXXXXX)
fifo="$data/ready"
mkfifo "$fifo"
java -Xmx1g -jar tools/neo4j-launcher/target/neo4j-launcher.jar --data-dir "$data/db" --port 0 --pagecache 256m >"$fifo" 2>"$data/launcher.err" &
neo4j_pid=$!
cleanup() {
  kill -TERM "$neo4j_pid" 2>/dev/null || true
  wait "$neo4j_pid" 2>/dev/null || true
  rm -rf "$data"
}
trap cleanup EXIT
start=$(date +%s%N)
if ! read -r -t 180 ready <"$fifo"; then
  echo "local Neo4j did not start:" >&2
  tail -n 40 "$data/launcher.err" >&2
  exit 1
fi
export SOCIALEKAART_TEST_NEO4J_URI="${ready#NEO4J_READY }"
echo "local Neo4j ready at $SOCIALEKAART_TEST_NEO4J_URI after $(( ($(date +%s%N) - start) / 1000000 )) ms"

echo "== go test"
go test -count=1 -timeout 30m ./...

# The browser tests start the binary with a Neo4j of their own: stop the
# tests' Neo4j first, so two JVMs do not share the two cores.
cleanup
trap - EXIT
scripts/web-test.sh
