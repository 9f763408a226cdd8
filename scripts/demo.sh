#!/usr/bin/env bash
# The walkthrough of docs/rotation.md on one machine, everything on 127.0.0.1: Azurite (state and documents), an
# https front for the documents (what a CDN or static website is; its test CA goes to verify as --ca-cert), the
# publisher (`issuersync serve`), a stand-in for the cluster's API server (tools/IssuerSync.Demo) and the agent
# (`issuersync agent run --once` against it). Steps: enrol, status, approve, publish, then a key rotation A -> B
# (publish B, wait, switch, wait, remove), with `status`, `verify` and `rotate check` after each, printed as an
# operator sees them. Exits non-zero when any step does not show what it should; the logs of every process are
# printed then. Needs what ./scripts/test.sh needs (.NET 10 SDK, Node.js; the emulators: scripts/install-tools.sh).
# DEMO_NO_BUILD=1 skips the build (CI runs it after the tests' build).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
started=$(date +%s)
work=$(mktemp -d "${TMPDIR:-/tmp}/issuersync-demo.XXXXXX")
mkdir -p "$work/logs" "$work/cluster" "$work/front" "$work/azurite"
pids=()

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  if [ "$status" -ne 0 ]; then
    echo
    echo "demo: FAILED (exit $status). Logs of the processes it started:"
    for log in "$work"/logs/*.log; do
      [ -f "$log" ] || continue
      echo "----- $(basename "$log") (last 40 lines)"
      tail -n 40 "$log"
    done
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fail() { echo "demo: FAILED: $*" >&2; exit 1; }

cli="$root/src/IssuerSync.Cli/bin/Release/net10.0/issuersync.dll"
tool="$root/tools/IssuerSync.Demo/bin/Release/net10.0/issuersync-demo.dll"
issuersync() { dotnet "$cli" "$@"; }
demo_tool() { dotnet "$tool" "$@"; }

if [ "${DEMO_NO_BUILD:-0}" != 1 ]; then
  "$root/scripts/install-tools.sh"
  dotnet build "$root/src/IssuerSync.Cli/IssuerSync.Cli.csproj" -c Release --nologo -v quiet >"$work/logs/build.log" 2>&1 || fail "build of the CLI (see build.log)"
  dotnet build "$root/tools/IssuerSync.Demo/IssuerSync.Demo.csproj" -c Release --nologo -v quiet >>"$work/logs/build.log" 2>&1 || fail "build of the demo stand-ins (see build.log)"
  rm "$work/logs/build.log"
fi
[ -f "$cli" ] && [ -f "$tool" ] || fail "not built: $cli, $tool (run without DEMO_NO_BUILD)"
azurite="$root/.tools/node_modules/.bin/azurite-blob"
[ -x "$azurite" ] || fail "Azurite is not installed: run ./scripts/install-tools.sh"
cd "$work"

free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

# wait_for WHAT SECONDS PID COMMAND…: until COMMAND succeeds, while PID lives.
wait_for() {
  local what=$1 seconds=$2 pid=$3; shift 3
  local deadline=$(( $(date +%s) + seconds ))
  until "$@" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || fail "$what exited before it was ready"
    [ "$(date +%s)" -lt "$deadline" ] || fail "$what was not ready within $seconds s"
    sleep 0.2
  done
}
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# start NAME COMMAND…: in the background, output to logs/NAME.log, stopped on exit.
start() { local name=$1; shift; "$@" >"logs/$name.log" 2>&1 & pids+=($!); last_pid=$!; }

if [ -t 1 ]; then bold=$'\033[1m' plain=$'\033[0m'; else bold='' plain=''; fi
step() { printf '\n%s== %s%s\n' "$bold" "$*" "$plain"; }
note() { printf '   %s\n' "$*"; }

# run EXPECTED_EXIT COMMAND…: prints "$ COMMAND" (issuersync as the operator types it) and its output; $out holds it.
run() {
  local expected=$1; shift
  local command=("$@")
  case "$1" in
    issuersync) command=(dotnet "$cli" "${@:2}") ;;
    demo_tool) command=(dotnet "$tool" "${@:2}") ;;
  esac
  printf '\n$ %s\n' "$(printf '%q ' "$@" | sed -e 's/ $//' -e 's/^demo_tool /issuersync-demo /')"
  local code=0
  out=$(timeout 60 "${command[@]}" 2>&1) || code=$?
  [ -n "$out" ] && printf '%s\n' "$out"
  [ "$code" -eq "$expected" ] || fail "'$*' exited $code, expected $expected"
}
expect() { grep -qE -- "$1" <<<"$out" || fail "expected /$1/ in the output above"; }
refuse() { if grep -qE -- "$1" <<<"$out"; then fail "did not expect /$1/ in the output above"; fi; }

# ---------------------------------------------------------------------------------------------------------------
step "Setup: Azurite, the https front, the cluster's API server, the publisher (all on 127.0.0.1)"
az_port=$(free_port)
start azurite "$azurite" --blobHost 127.0.0.1 --blobPort "$az_port" --location "$work/azurite" --skipApiVersionCheck --silent --loose
wait_for "Azurite" 60 "$last_pid" listening "$az_port"
blob="http://127.0.0.1:$az_port/devstoreaccount1"
# The well-known Azurite development account key (public, in Microsoft's Azurite documentation).
export DEMO_STORAGE="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=$blob;"
demo_tool container --connection-variable DEMO_STORAGE --name oidc >logs/container.log 2>&1 || fail "creating the container oidc"

start front dotnet "$tool" front --dir "$work/front" --upstream "http://127.0.0.1:$az_port"
wait_for "the https front" 30 "$last_pid" test -s front/front.url
issuer="$(tr -d '\n' <front/front.url)/devstoreaccount1/oidc/cluster1"
ca=front/front-ca.pem

start apiserver dotnet "$tool" apiserver --dir "$work/cluster" --issuer "$issuer"
wait_for "the API server stand-in" 30 "$last_pid" test -s cluster/apiserver.url

(umask 077 && node -e 'console.log(require("crypto").randomBytes(24).toString("hex"))' >operator.key && node -e 'console.log(require("crypto").randomBytes(24).toString("hex"))' >push.key)
pub_port=$(free_port)
publisher="http://127.0.0.1:$pub_port"
cat >publisher.json <<EOF
{
  "IssuerSync": {
    "StateStore": "azblob:$blob/issuersync-state",
    "Connection": "DEMO_STORAGE",
    "OperatorKeyFile": "operator.key",
    "PushKeyFile": "push.key",
    "Issuers": [
      {
        "Id": "cluster1",
        "Issuer": "$issuer",
        "Target": "azblob:$blob/oidc/cluster1",
        "PublicBaseUrl": "$issuer",
        "Connection": "DEMO_STORAGE",
        "AgentSubject": "system:serviceaccount:issuersync:issuersync-agent",
        "CacheControl": "public, max-age=5",
        "MaxTokenLifetime": "00:15:00",
        "MaxBundleAge": "00:30:00",
        "RetentionWindow": "01:00:00"
      }
    ]
  }
}
EOF
start publisher dotnet "$cli" serve --config publisher.json --port "$pub_port"
wait_for "the publisher" 60 "$last_pid" listening "$pub_port"
export ISSUERSYNC_FUNCTION_KEY
ISSUERSYNC_FUNCTION_KEY=$(cat operator.key)
note "storage (Azurite):  $blob  (state: issuersync-state, documents: oidc/cluster1)"
note "issuer (https):     $issuer  (its test CA: $ca)"
note "API server:         $(cat cluster/apiserver.url)  (kubeconfig: cluster/kubeconfig; keys a = RSA, b = EC P-256)"
note "publisher:          $publisher  (publisher.json; operator key in \$ISSUERSYNC_FUNCTION_KEY)"
note "The issuer serves its documents with Cache-Control max-age=5 and the demo's agent would run every 20 s, so the"
note "waits of the runbook take seconds here; in production they are max-age (300 s) + --interval (5 min), and 24 h."

kid_a=$(issuersync jwks --key cluster/keys/a.pub | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).keys[0].kid))')
kid_b=$(issuersync jwks --key cluster/keys/b.pub | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).keys[0].kid))')
[ -n "$kid_a" ] && [ -n "$kid_b" ] || fail "could not compute the kids of the cluster's keys"
note "kid A: $kid_a"
note "kid B: $kid_b"

agent() { run 0 issuersync agent run --once --publisher "$publisher" --issuer "$issuer" --kubeconfig cluster/kubeconfig --function-key-file push.key --max-attempts 1; }
verify() { run "$1" issuersync verify "$issuer" --ca-cert "$ca" "${@:2}"; }
status() { run 0 issuersync status --publisher "$publisher" --issuer-id cluster1; }
token() { demo_tool token --dir cluster --issuer "$issuer" --audience api://AzureADTokenExchange >"$1"; }
rotate_check() { run "$1" issuersync rotate check --publisher "$publisher" --issuer-id cluster1 --ca-cert "$ca" --new-key cluster/keys/b.pub --agent-interval 20s "${@:2}"; }
cluster_keys() { printf '%s\n' "$@" >cluster/serving.tmp && mv cluster/serving.tmp cluster/serving; }
cluster_signs() { printf '%s\n' "$1" >cluster/signing.tmp && mv cluster/signing.tmp cluster/signing; }

# ---------------------------------------------------------------------------------------------------------------
step "1. Enrol: the agent's first push (the cluster serves and signs with key A)"
agent
expect '"PushPending"'
note "A new issuer's first key set waits for an operator: nothing is published yet, as verify shows"
note "(Azurite answers 403 to an anonymous GET of a blob that does not exist yet)."
verify 4
expect 'DISCOVERY_NOT_(FOUND|ANONYMOUS)'
refuse JWKS_OK

step "2. Status: the pending key, its fingerprint and the approve line"
status
expect "$kid_a"
expect pending
approve_line=$(grep -E '^issuersync approve ' <<<"$out") || fail "status printed no 'issuersync approve' line"
note "Compare the fingerprint with the cluster's key: $(node -e 'const c=require("crypto"),f=require("fs");console.log(c.createHash("sha256").update(c.createPublicKey(f.readFileSync("cluster/keys/a.pub")).export({type:"spki",format:"der"})).digest("hex"))')"

step "3. Approve: run the line status printed"
eval "run 0 $approve_line"
expect "$kid_a"

step "4. Publish, and verify the issuer as a cloud does"
run 0 issuersync publish-now --publisher "$publisher" --issuer-id cluster1
verify 0
expect 'JWKS_OK.*1 key\(s\)'
expect "$kid_a"
token token-a.jwt
note "A workload's token (what kubectl create token prints), signed by A:"
verify 0 --token token-a.jwt --audience api://AzureADTokenExchange
expect "TOKEN_OK.*$kid_a"

# ---------------------------------------------------------------------------------------------------------------
step "5. Rotate, step 1: the cluster verifies with A and B, A still signs; the agent pushes both"
cluster_keys a b
agent
expect '"PushAccepted"'
status
expect "$kid_b"
verify 0
expect 'JWKS_OK.*2 key\(s\)'
note "Switching now would let B sign before every cache has the JWKS with B:"
rotate_check 5
expect '^NOT YET'
left=$(sed -n 's/^NOT YET: .*, in \([0-9]*\)s$/\1/p' <<<"$out")
[ -n "$left" ] || fail "rotate check printed no time left in seconds"

step "6. Rotate, step 2: wait max-age + the agent's interval (5 s + 20 s here: ${left} s left)"
sleep $(( left + 1 ))
rotate_check 0
expect '^SAFE'

step "7. Rotate, step 3: the cluster signs with B (A still verifies); the agent's push is signed by B"
cluster_signs b
agent
expect '"PushAccepted"'
status
expect "$kid_b.*signing"
token token-b.jwt
verify 0 --token token-b.jwt --audience api://AzureADTokenExchange
expect "TOKEN_OK.*$kid_b"
note "A's tokens still verify (A is published):"
verify 0 --token token-a.jwt --audience api://AzureADTokenExchange
expect "TOKEN_OK.*$kid_a"
note "Removing A now would cut off the tokens A signed, which live up to 24 h by default:"
rotate_check 5 --step remove
expect '^NOT YET'

step "8. Rotate, step 4: wait out A's tokens (the demo's tokens live 10 s: --max-token-lifetime 10s)"
sleep 10
rotate_check 0 --step remove --max-token-lifetime 10s
expect '^SAFE'

step "9. Rotate, step 5: the cluster drops A; the agent pushes B alone and A is retained, still published"
cluster_keys b
agent
expect '"PushAccepted"'
status
expect "$kid_a.*retained"
verify 0
expect 'JWKS_OK.*2 key\(s\)'

step "10. After the retention window: A is no longer published"
note "The publisher drops A at its first reconcile after 'Retain until' (RetentionWindow, 1 hour here). The demo"
note "does not wait an hour: it withdraws A at once, as an operator may once A's tokens have expired (step 4)."
run 0 issuersync revoke --publisher "$publisher" --issuer-id cluster1 --kid "$kid_a"
status
expect "$kid_a.*revoked"
verify 0
expect 'JWKS_OK.*1 key\(s\)'
refuse "kid $kid_a"
verify 0 --token token-b.jwt --audience api://AzureADTokenExchange
expect "TOKEN_OK.*$kid_b"
note "A token A signed is refused now, as the clouds refuse it:"
verify 4 --token token-a.jwt --audience api://AzureADTokenExchange
expect TOKEN_KID_UNKNOWN

echo
echo "demo: OK: enrolled, approved, published and rotated A -> B with every step verified, in $(( $(date +%s) - started )) s."
