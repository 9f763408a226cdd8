#!/usr/bin/env bash
# Deploys the assembled function app: runs `func azure functionapp publish APP` in artifacts/functionapp/
# (built by scripts/package-functionapp.sh, which this script runs first unless --no-build is given).
# Needs Azure Functions Core Tools (`func`) and a signed-in Azure CLI (`az login`).
# Usage: scripts/deploy-functionapp.sh APP [--no-build] [--build aot|r2r] [--folder DIR] [-- extra func arguments]
#   --folder DIR  deploy this assembled app folder (default artifacts/functionapp; implies --no-build)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
if [ $# -lt 1 ] || [ "${1#-}" != "$1" ]; then
  echo "usage: scripts/deploy-functionapp.sh APP [--no-build] [--build aot|r2r] [--folder DIR] [-- extra func arguments]" >&2
  exit 1
fi
app_name="$1"; shift
build_args=()
no_build=false
folder="$root/artifacts/functionapp"
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) no_build=true; shift ;;
    --build) build_args=(--build "$2"); shift 2 ;;
    --folder) folder=$(cd "$2" && pwd); no_build=true; shift 2 ;;
    --) shift; extra=("$@"); break ;;
    *) echo "deploy-functionapp: unknown argument '$1'" >&2; exit 1 ;;
  esac
done
if [ "$no_build" = false ]; then
  "$root/scripts/package-functionapp.sh" ${build_args[@]+"${build_args[@]}"}
fi
if [ ! -f "$folder/host.json" ]; then
  echo "deploy-functionapp: $folder has no host.json: run scripts/package-functionapp.sh first" >&2
  exit 1
fi
if ! command -v func >/dev/null; then
  echo "deploy-functionapp: 'func' (Azure Functions Core Tools v4) is not on PATH: npm install -g azure-functions-core-tools@4" >&2
  exit 1
fi
cd "$folder"
exec func azure functionapp publish "$app_name" ${extra[@]+"${extra[@]}"}
