#!/usr/bin/env bash
# Handler cold start: process start → first answered request (POST /Reconcile, as the Functions host's first
# timer invocation), for the framework-dependent (JIT), ReadyToRun (self-contained) and Native AOT builds.
# Each build is packaged with scripts/package-functionapp.sh into artifacts/bench-coldstart/<build>/ and started
# RUNS times (default 10); prints the median and the minimum per build, and each package's size.
# Usage: scripts/bench-coldstart.sh [RUNS]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-10}
work="$root/artifacts/bench-coldstart"
mkdir -p "$work"
state=$(mktemp -d)
trap 'rm -rf "$state"' EXIT
for build in jit r2r aot; do
  label=$build
  if ! "$root/scripts/package-functionapp.sh" --build "$build" --out "$work/$build" > "$work/$build.log" 2>&1; then
    echo "$build: the strict build failed: $(grep -oE 'IL[0-9]{4}: IssuerSync[A-Za-z.]+' "$work/$build.log" | sort -u | tr '\n' ' ')(see $work/$build.log)"
    # Measured anyway with the trim/AOT warnings allowed: the binary starts and answers the timer, but any
    # code path through Core's reflection-based System.Text.Json would throw, so it cannot be shipped.
    "$root/scripts/package-functionapp.sh" --build "$build" --out "$work/$build" -- -p:TreatWarningsAsErrors=false > "$work/$build.log" 2>&1 || continue
    label="$build (warnings allowed, not shippable)"
  fi
  BENCH_LABEL="$label" python3 - "$work/$build/functionapp/handler" "$state" "$runs" "$build" "$(du -sk "$work/$build/functionapp.zip" | cut -f1)" <<'PY'
import os, socket, subprocess, sys, time, statistics
handler, state, runs, build, zip_kib = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], int(sys.argv[5])
build = os.environ.get("BENCH_LABEL", build)
def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p
body = b'{"Data":{"timer":{}},"Metadata":{}}'
times = []
for i in range(runs):
    port = free_port()
    env = dict(os.environ, FUNCTIONS_CUSTOMHANDLER_PORT=str(port),
               IssuerSync__StateStore=f"dir:{state}/state",
               IssuerSync__ReconcileSchedule="0 */5 * * * *",
               IssuerSync__Issuers__0__Id="bench",
               IssuerSync__Issuers__0__Issuer="https://oidc.example.com/bench",
               IssuerSync__Issuers__0__Target=f"dir:{state}/docs",
               IssuerSync__Issuers__0__AgentSubject="system:serviceaccount:issuersync:issuersync-agent")
    request = (f"POST /Reconcile HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
               f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode() + body
    start = time.perf_counter()
    proc = subprocess.Popen([os.path.join(handler, "IssuerSync.Functions")], cwd=handler, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    answer = b""
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
                s.sendall(request)
                while chunk := s.recv(65536):
                    answer += chunk
            break
        except OSError:
            if proc.poll() is not None:
                sys.exit(f"{build}: the handler exited with {proc.returncode}")
            time.sleep(0.001)
    elapsed = (time.perf_counter() - start) * 1000
    proc.kill(); proc.wait()
    if b" 200 " not in answer.split(b"\r\n")[0] or b'"reconcile":["bench"]' not in answer:
        sys.exit(f"{build}: unexpected answer {answer[:200]!r}")
    times.append(elapsed)
handler_kib = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(handler) for f in fs) // 1024
print(f"{build}: cold start median {statistics.median(times):.0f} ms, min {min(times):.0f} ms over {runs} runs; "
      f"handler {handler_kib / 1024:.1f} MiB, zip {zip_kib / 1024:.1f} MiB")
PY
done
