#!/usr/bin/env bash
# Assembles the Azure Functions app (a custom handler) in artifacts/functionapp/ and zips it to
# artifacts/functionapp.zip:
#   host.json                 (repo root)
#   local.settings.json       FUNCTIONS_WORKER_RUNTIME=custom only, for `func azure functionapp publish` (not uploaded)
#   <Function>/function.json  one folder per function (functions/*/function.json)
#   handler/IssuerSync.Functions   the handler, built for linux-x64, executable bit kept
#
# Usage: scripts/package-functionapp.sh [--build aot|r2r|jit] [--out DIR] [-- extra dotnet publish arguments]
#   aot  Native AOT (default): one native executable, no runtime needed, starts in tens of milliseconds.
#        The contract tests run against it with ISSUERSYNC_TEST_HANDLER=artifacts/functionapp/handler/IssuerSync.Functions.
#   r2r  ReadyToRun, self-contained: precompiled IL plus the .NET runtime (a fallback if AOT ever breaks).
#   jit  framework-dependent IL (needs a .NET 10 runtime on the host; for tests and benchmarks only).
# Prints the build, the handler's size and the package's size.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=aot
out="$root/artifacts"
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --build) build="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    --) shift; extra=("$@"); break ;;
    *) echo "package-functionapp: unknown argument '$1' (try --help)" >&2; exit 1 ;;
  esac
done
case "$build" in
  aot|r2r) rid=(-r linux-x64) ;;
  jit) rid=(-r linux-x64 --self-contained false) ;;
  *) echo "package-functionapp: --build '$build' is not aot, r2r or jit" >&2; exit 1 ;;
esac

app="$out/functionapp"
rm -rf "$app" "$out/functionapp.zip"
mkdir -p "$app/handler"
dotnet publish "$root/functions/IssuerSync.Functions/IssuerSync.Functions.csproj" -c Release "${rid[@]}" \
  -p:IssuerSyncBuild="$build" -p:DebugType=none -p:DebugSymbols=false -p:StripSymbols=true \
  -o "$app/handler" --nologo -v quiet ${extra[@]+"${extra[@]}"}
# Debug files have no place on the host (ILC writes .dbg even with DebugType=none on some SDKs).
find "$app/handler" \( -name '*.pdb' -o -name '*.dbg' \) -delete

cp "$root/host.json" "$app/host.json"
for definition in "$root"/functions/*/function.json; do
  name=$(basename "$(dirname "$definition")")
  mkdir -p "$app/$name"
  cp "$definition" "$app/$name/function.json"
done
cat > "$app/local.settings.json" <<'JSON'
{
  "IsEncrypted": false,
  "Values": {
    "FUNCTIONS_WORKER_RUNTIME": "custom"
  }
}
JSON

executable=$(sed -n 's/.*"defaultExecutablePath": *"\([^"]*\)".*/\1/p' "$root/host.json")
if [ ! -f "$app/$executable" ]; then
  echo "package-functionapp: host.json names '$executable' but the build did not produce it" >&2
  exit 1
fi
chmod 755 "$app/$executable"

# The zip keeps the executable bit (zip stores Unix modes; python's zipfile is the fallback).
if command -v zip >/dev/null; then
  (cd "$app" && zip -qrX "$out/functionapp.zip" . -x local.settings.json)
else
  python3 - "$app" "$out/functionapp.zip" <<'PY'
import os, sys, zipfile
app, target = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
    for folder, _, files in os.walk(app):
        for name in sorted(files):
            path = os.path.join(folder, name)
            rel = os.path.relpath(path, app)
            if rel == "local.settings.json":
                continue
            info = zipfile.ZipInfo.from_file(path, rel)
            info.compress_type = zipfile.ZIP_DEFLATED
            with open(path, "rb") as f:
                z.writestr(info, f.read())
PY
fi

size() { du -sk "$1" | awk '{printf "%.1f MiB", $1/1024}'; }
echo "package-functionapp: build $build; handler $(size "$app/handler") ($(size "$app/$executable") executable); $app; $out/functionapp.zip $(size "$out/functionapp.zip")"
