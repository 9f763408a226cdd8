#!/usr/bin/env bash
# Runs every test: installs the pinned storage emulators (Azurite, s3rver) into .tools/, builds the
# solution with warnings as errors, runs all test projects (the tests start the emulators themselves
# on 127.0.0.1 and stop them), and prints one closing line: "tests: N passed, N failed".
# Extra arguments go to `dotnet test` (e.g. --filter FullyQualifiedName~Keys).
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
./scripts/install-tools.sh || exit 1
log=$(mktemp)
trap 'rm -f "$log"' EXIT
dotnet build IssuerSync.sln -c Release --nologo -v quiet || { echo "tests: build failed"; exit 1; }
dotnet test IssuerSync.sln -c Release --no-build --nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# One "Passed!/Failed!  - Failed: N, Passed: N, ..." line per test assembly.
read -r passed failed < <(sed -n 's/.*Failed: *\([0-9]*\), Passed: *\([0-9]*\),.*/\2 \1/p' "$log" | awk '{p+=$1; f+=$2} END {print p+0, f+0}')
if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then echo "tests: no test ran"; exit 1; fi
echo "tests: $passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
