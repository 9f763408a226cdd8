#!/usr/bin/env bash
# Mutation testing of Core with Stryker.NET (a local dotnet tool, .config/dotnet-tools.json). Not part
# of CI: run it by hand before and after strengthening tests, and quote the scores it prints.
#
#   scripts/mutation.sh [FOLDER...]       FOLDER of src/IssuerSync.Core; default: Trust Rotation Keys Documents
#
# It mutates the named folders in one Stryker run against tests/IssuerSync.Core.Tests and prints one
# line per folder: "mutation: Trust 70.7 % (killed 123, timeout 1, survived 45, no coverage 6)".
# The score is Stryker's: (killed + timeout) / (killed + timeout + survived + no coverage).
#
# Stryker instruments the test project's build output, so it runs on a scratch copy of the working
# tree (tracked and untracked, not ignored files): the worktree stays free for builds while it runs.
# Reports (html, json, and survivors.tsv: file, line, mutator, original → replacement) land in
# artifacts/mutation/.
#
# Environment:
#   MUTATION_CONCURRENCY  test runners in parallel (default 1: the machine has 2 cores, shared)
#   MUTATION_SINCE        a git ref: only mutate the folders' files changed since it (chosen with git diff
#                         here: Stryker's own --since needs a git repository, and the scratch copy is none)
#   MUTATION_FUZZ=1       also run the Fuzz tests against every mutant (default: excluded; each runs
#                         10,000 inputs, which makes a run many times slower and kills little more)
#   MUTATION_LEVEL        Stryker mutation level (default Standard)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
folders=("$@")
[ ${#folders[@]} -gt 0 ] || folders=(Trust Rotation Keys Documents)
for folder in "${folders[@]}"; do
  [ -d "src/IssuerSync.Core/$folder" ] || { echo "mutation: no folder src/IssuerSync.Core/$folder: name folders of Core (e.g. Trust Keys)" >&2; exit 2; }
done
command -v jq >/dev/null || { echo "mutation: jq is required to read Stryker's report (apt-get install jq)" >&2; exit 1; }

out="$root/artifacts/mutation"
scratch=$(mktemp -d /tmp/issuersync-mutation.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
git ls-files -co --exclude-standard -z | while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done \
  | tar --null -T - -cf - | tar -xf - -C "$scratch"

# Stryker takes any project that references a test framework and does not say IsTestProject=false
# for a test project, and then fails to discover tests in it: IssuerSync.Testing (shared fixtures)
# references xunit. Say so in the scratch copy only.
sed -i 's|<IsPackable>false</IsPackable>|&<IsTestProject>false</IsTestProject>|' "$scratch/tests/IssuerSync.Testing/IssuerSync.Testing.csproj"
grep -q '<IsTestProject>false</IsTestProject>' "$scratch/tests/IssuerSync.Testing/IssuerSync.Testing.csproj" \
  || { echo "mutation: could not mark tests/IssuerSync.Testing as not a test project in the scratch copy" >&2; exit 1; }

dotnet tool restore >/dev/null
args=(--project IssuerSync.Core.csproj --configuration Release --reporter Json --reporter Html --reporter Progress
      --concurrency "${MUTATION_CONCURRENCY:-1}" --mutation-level "${MUTATION_LEVEL:-Standard}" --skip-version-check
      --output "$scratch/stryker-output")
if [ -z "${MUTATION_SINCE:-}" ]; then
  for folder in "${folders[@]}"; do args+=(--mutate "**/IssuerSync.Core/$folder/**/*.cs"); done
else
  git rev-parse --verify --quiet "$MUTATION_SINCE^{commit}" >/dev/null \
    || { echo "mutation: MUTATION_SINCE '$MUTATION_SINCE' is not a commit of this repository" >&2; exit 2; }
  changed=()
  for folder in "${folders[@]}"; do
    while IFS= read -r file; do [ -n "$file" ] && [ -e "$file" ] && changed+=("$file"); done \
      < <(git diff --name-only "$MUTATION_SINCE" -- "src/IssuerSync.Core/$folder/" | grep '\.cs$' || true)
  done
  [ ${#changed[@]} -gt 0 ] || { echo "mutation: no .cs file of ${folders[*]} changed since $MUTATION_SINCE: nothing to mutate"; exit 0; }
  echo "mutation: ${#changed[@]} file(s) changed since $MUTATION_SINCE: ${changed[*]}"
  for file in "${changed[@]}"; do args+=(--mutate "**/$file"); done
fi
[ "${MUTATION_FUZZ:-0}" = 1 ] || args+=(--test-case-filter "FullyQualifiedName!~.Fuzz.")

start=$(date +%s)
( cd "$scratch/tests/IssuerSync.Core.Tests" && dotnet stryker "${args[@]}" ) > "$scratch/stryker.log" 2>&1 || {
  mkdir -p "$out" && cp "$scratch/stryker.log" "$out/stryker.log"
  tail -40 "$scratch/stryker.log" >&2; echo "mutation: Stryker failed (log above; all of it in artifacts/mutation/stryker.log)" >&2; exit 1; }
seconds=$(( $(date +%s) - start ))

report=$(find "$scratch/stryker-output" -name mutation-report.json | head -1)
[ -n "$report" ] || { tail -40 "$scratch/stryker.log" >&2; echo "mutation: Stryker wrote no report" >&2; exit 1; }
rm -rf "$out" && mkdir -p "$out"
cp "$report" "$out/mutation-report.json"
cp "$(dirname "$report")/mutation-report.html" "$out/" 2>/dev/null || true
cp "$scratch/stryker.log" "$out/stryker.log"

# Paths in the report are absolute in the scratch copy; make them repository-relative.
jq -r --arg prefix "$scratch/" '
  .files | to_entries[] | (.key | ltrimstr($prefix)) as $file | .value.mutants[]
  | select(.status == "Survived" or .status == "NoCoverage")
  | [$file, .location.start.line, .status, .mutatorName, (.replacement // "" | gsub("[\t\n]"; " "))] | @tsv' \
  "$out/mutation-report.json" | sort -t$'\t' -k1,1 -k2,2n > "$out/survivors.tsv"

for folder in "${folders[@]}"; do
  jq -r --arg dir "/IssuerSync.Core/$folder/" '
    [.files | to_entries[] | select(.key | contains($dir)) | .value.mutants[].status] as $s
    | def n(x): [$s[] | select(. == x)] | length;
    (n("Killed")) as $k | (n("Timeout")) as $t | (n("Survived")) as $sv | (n("NoCoverage")) as $nc
    | ($k + $t + $sv + $nc) as $valid
    | "mutation: \($dir | split("/")[2]) \(if $valid == 0 then "n/a" else ((($k + $t) * 1000 / $valid | round) / 10 | tostring) + " %" end) (killed \($k), timeout \($t), survived \($sv), no coverage \($nc))"' \
    "$out/mutation-report.json"
done
echo "mutation: ${seconds} s wall time, reports in artifacts/mutation/ (survivors.tsv lists every survivor)"
