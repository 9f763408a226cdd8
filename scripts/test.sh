#!/usr/bin/env bash
# Runs every test: installs the pinned storage emulators (Azurite, s3rver) into .tools/, builds the
# solution with warnings as errors, runs all test projects (the tests start the emulators themselves
# on 127.0.0.1 and stop them), and prints one closing line: "tests: N passed, N failed".
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
./scripts/install-tools.sh || exit 1
results="$root/artifacts/test-results"
rm -rf "$results"
dotnet build IssuerSync.sln -c Release --nologo -v quiet || { echo "tests: build failed"; exit 1; }
dotnet test IssuerSync.sln -c Release --no-build --nologo \
  --logger "trx" --results-directory "$results" "$@"
status=$?
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
if [ "$passed" -eq 0 ] && [ "$status" -eq 0 ]; then echo "tests: no test ran"; exit 1; fi
echo "tests: $passed passed, $failed failed"
exit $status
