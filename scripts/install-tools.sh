#!/usr/bin/env bash
# Installs the storage emulators the tests run against (pinned), into .tools/ (git-ignored).
# Idempotent: a second run with the same versions does nothing.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tools="$root/.tools"
want="azurite@3.37.0 s3rver@3.7.1"
mkdir -p "$tools"
if [ -x "$tools/node_modules/.bin/azurite-blob" ] && [ -x "$tools/node_modules/.bin/s3rver" ] && [ "$(cat "$tools/.installed" 2>/dev/null)" = "$want" ]; then
  exit 0
fi
command -v npm >/dev/null || { echo "install-tools: npm is required (Node.js 18+) to install Azurite and s3rver" >&2; exit 1; }
echo "install-tools: installing $want into .tools/" >&2
( cd "$tools" && [ -f package.json ] || echo '{"private":true}' > "$tools/package.json"
  cd "$tools" && npm install --no-audit --no-fund --loglevel=error $want >/dev/null )
echo "$want" > "$tools/.installed"
