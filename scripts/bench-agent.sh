#!/usr/bin/env bash
# The agent's footprint: publishes the Native AOT agent (src/IssuerSync.Agent.Host → issuersync-agent, linux-x64) and
# the CLI as a self-contained single file (issuersync, which runs the agent as `issuersync agent run`), then reports
# for each: the executable's size, process start → first log line (median and min of RUNS `--once` runs, default 10,
# after one warm-up run) and the peak RSS over one full push cycle (GNU time -v if present, else /proc polling),
# against a loopback fake kube-apiserver (tests/IssuerSync.Testing) and a stand-in publisher.
# Targets for issuersync-agent: ≤ 30 MB, ≤ 50 ms, ≤ 40 MiB. Output in artifacts/bench-agent/.
# Usage: scripts/bench-agent.sh [RUNS]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
runs=${1:-10}
work="$root/artifacts/bench-agent"
rm -rf "$work" && mkdir -p "$work"
echo "bench-agent: publishing issuersync-agent (Native AOT) and issuersync (single file) for linux-x64 into $work" >&2
dotnet publish src/IssuerSync.Agent.Host -c Release -r linux-x64 -p:PublishAot=true --nologo -v quiet -o "$work/agent" > "$work/agent.log" 2>&1 \
  || { cat "$work/agent.log" >&2; exit 1; }
dotnet publish src/IssuerSync.Cli -c Release -r linux-x64 --self-contained -p:PublishSingleFile=true --nologo -v quiet -o "$work/cli" > "$work/cli.log" 2>&1 \
  || { cat "$work/cli.log" >&2; exit 1; }
dotnet build scripts/bench/IssuerSync.Bench.Agent -c Release --nologo -v quiet > "$work/bench.log" 2>&1 || { cat "$work/bench.log" >&2; exit 1; }
dotnet scripts/bench/IssuerSync.Bench.Agent/bin/Release/net10.0/IssuerSync.Bench.Agent.dll --runs "$runs" \
  --exe "issuersync-agent=$work/agent/issuersync-agent" \
  --exe "issuersync agent run=$work/cli/issuersync:agent,run"
