#!/usr/bin/env bash
# Builds a release into artifacts/release/ (git-ignored), every file stamped with VERSION:
#   issuersync-VERSION-RID[.exe]        the CLI, one self-contained file per RID (no .NET needed)
#   IssuerSync.VERSION.nupkg            the CLI as a .NET tool (dotnet tool install --global issuersync)
#   issuersync-functionapp-VERSION.zip  the Azure Functions app (scripts/package-functionapp.sh, Native AOT)
#   issuersync-agent-VERSION-linux-x64  the in-cluster agent, Native AOT (once src/IssuerSync.Agent.Host exists)
#   SHA256SUMS                          `sha256sum -c SHA256SUMS` checks them all
#
# Usage: scripts/release.sh VERSION [--rids RID[,RID…]]
#   VERSION   SemVer without build metadata (1.2.3 or 1.2.3-rc.1); it overrides <Version> of
#             Directory.Build.props (-p:Version=VERSION), and the linux-x64 binary must print it.
#   --rids    the CLI's runtimes, of linux-x64, linux-arm64, osx-arm64, win-x64 (default: all four).
# Exit codes: 0 all built; 1 an artifact failed (the others are still built; the failures are
# listed at the end); 2 usage error (nothing built).
#
# The CLI is not trimmed: PublishTrimmed warns (IL2026 for the bundle JSON, IL2104 for
# KubernetesClient and YamlDotNet), so a trimmed binary (34 MB) could fail at run time in ways no
# build shows. Untrimmed, the linux-x64 file is 123 MB (EnableCompressionInSingleFile would make it
# 58 MB, at 0.3 s instead of 0.15 s and 50 instead of 29 MB of memory for `--version`).
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
all_rids=(linux-x64 linux-arm64 osx-arm64 win-x64)

usage() { sed -n '9,12p' "$0" | sed 's/^# \{0,1\}//' >&2; }
fail_usage() { echo "release: $1" >&2; usage; exit 2; }

version=""
rids=("${all_rids[@]}")
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    --rids)
      [ $# -ge 2 ] || fail_usage "--rids needs a value, e.g. --rids linux-x64,win-x64"
      IFS=, read -r -a rids <<< "$2"
      for rid in "${rids[@]}"; do
        case " ${all_rids[*]} " in
          *" $rid "*) ;;
          *) fail_usage "--rids: '$rid' is not one of ${all_rids[*]}" ;;
        esac
      done
      shift 2 ;;
    -*) fail_usage "unknown option '$1'" ;;
    *)
      [ -z "$version" ] || fail_usage "one VERSION only (got '$version' and '$1')"
      version="$1"; shift ;;
  esac
done
[ -n "$version" ] || fail_usage "VERSION is missing"
semver='^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$'
if ! [[ "$version" =~ $semver ]]; then
  hint="use MAJOR.MINOR.PATCH with an optional -PRERELEASE, e.g. 1.2.3 or 1.2.3-rc.1"
  case "$version" in
    v[0-9]*) hint="drop the leading 'v' (the git tag is $version, the version ${version#v})" ;;
    *+*) hint="drop the build metadata after '+': an image tag cannot hold '+'" ;;
  esac
  echo "release: VERSION '$version' is not a release version: $hint" >&2
  exit 2
fi

out="$root/artifacts/release"
work="$root/artifacts/release-build"
rm -rf "$out" "$work"
mkdir -p "$out" "$work/logs"
failed=()
started=$(date +%s)

# Runs a build step with its output in a log; on failure prints the step's errors.
step() {
  local name="$1"; shift
  echo "release: $name…"
  if "$@" > "$work/logs/$name.log" 2>&1; then return 0; fi
  echo "release: $name FAILED (log: ${work#"$root"/}/logs/$name.log):" >&2
  { grep -iE '\berror\b' "$work/logs/$name.log" || tail -n 20 "$work/logs/$name.log"; } \
    | sort -u | head -n 12 | sed 's/^/    /' >&2
  failed+=("$name")
  return 1
}

for rid in "${rids[@]}"; do
  ext=""; [[ "$rid" == win-* ]] && ext=".exe"
  dir="$work/cli-$rid"
  if step "cli-$rid" dotnet publish "$root/src/IssuerSync.Cli/IssuerSync.Cli.csproj" -c Release -r "$rid" \
      --self-contained -p:PublishSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=true \
      -p:DebugType=none -p:Version="$version" -o "$dir" --nologo; then
    files=$(find "$dir" -type f | wc -l)
    if [ "$files" -ne 1 ]; then
      echo "release: cli-$rid published $files files, not one: $(ls "$dir" | tr '\n' ' ')" >&2
      failed+=("cli-$rid")
    else
      cp "$dir/issuersync$ext" "$out/issuersync-$version-$rid$ext"
    fi
  else
    echo "release: the CLI for $rid cannot be built here; the other RIDs go on (leave it out with --rids)." >&2
  fi
done

# The version check runs the binary this machine can run.
if [ -f "$out/issuersync-$version-linux-x64" ] && [ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ]; then
  printed=$("$out/issuersync-$version-linux-x64" --version 2>&1)
  if [ "$printed" != "$version" ]; then
    echo "release: issuersync-$version-linux-x64 --version printed '$printed', not '$version'" >&2
    failed+=("version-check")
  else
    echo "release: issuersync-$version-linux-x64 --version prints $version"
  fi
fi

step "nupkg" dotnet pack "$root/src/IssuerSync.Cli/IssuerSync.Cli.csproj" -c Release -p:Version="$version" \
  -o "$work/nupkg" --nologo && cp "$work/nupkg/IssuerSync.$version.nupkg" "$out/"

step "functionapp" "$root/scripts/package-functionapp.sh" --out "$work/functionapp" -- -p:Version="$version" \
  && cp "$work/functionapp/functionapp.zip" "$out/issuersync-functionapp-$version.zip"

agent="$root/src/IssuerSync.Agent.Host/IssuerSync.Agent.Host.csproj"
if [ -f "$agent" ]; then
  if step "agent-linux-x64" dotnet publish "$agent" -c Release -r linux-x64 -p:PublishAot=true \
      -p:DebugType=none -p:StripSymbols=true -p:Version="$version" -o "$work/agent-linux-x64" --nologo; then
    cp "$work/agent-linux-x64/issuersync-agent" "$out/issuersync-agent-$version-linux-x64"
    if [ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ]; then
      printed=$("$out/issuersync-agent-$version-linux-x64" --version 2>&1)
      if [ "$printed" != "$version" ]; then
        echo "release: issuersync-agent-$version-linux-x64 --version printed '$printed', not '$version'" >&2
        failed+=("agent-version-check")
      fi
    fi
  fi
else
  echo "release: src/IssuerSync.Agent.Host does not exist yet: no issuersync-agent binary in this release."
fi

(cd "$out" && find . -maxdepth 1 -type f ! -name SHA256SUMS -printf '%f\n' | sort | xargs -r sha256sum > SHA256SUMS)

echo "release: $version in ${out#"$root"/}/ ($(( $(date +%s) - started )) s):"
(cd "$out" && find . -maxdepth 1 -type f -printf '%f %s\n' | sort | awk '{printf "    %-44s %8.1f MiB\n", $1, $2/1048576}')
if [ ${#failed[@]} -gt 0 ]; then
  echo "release: FAILED: ${failed[*]} (see above); everything else is in ${out#"$root"/}/" >&2
  exit 1
fi
