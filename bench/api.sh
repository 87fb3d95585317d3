#!/usr/bin/env bash
# API load: one owner with 10,000 clients (seeded through the app's own CSV import, so encrypted as in production), the
# Release API as its own process on loopback serving the built web app, and Debian's wrk at 50 connections for a bounded
# duration per endpoint: dashboard, client list, upcoming reminders and a static file (the baseline). Medians of N runs
# with min and max: one JSON object on stdout (also saved in .local/bench/), a table on stderr.
#   bench/api.sh [--runs 3] [--duration 20] [--warm-up 5] [--connections 50] [--threads 2] [--clients 10000]
set -euo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
cd "$root"

ensure_dotnet
ensure_node_modules
ensure_wrk

log "Building the API, the benchmark and the web app (Release)"
dotnet build bench/ClientReminders.Bench/ClientReminders.Bench.csproj -c Release -nologo -v quiet >&2
npm run -s -w web build >&2

work=$(mktemp -d -t client-reminders-api-bench-XXXXXX)
cleanup() {
  [[ -n ${AZURITE_PID:-} ]] && kill "$AZURITE_PID" 2>/dev/null && wait "$AZURITE_PID" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT INT TERM
blob=$(free_port) queue=$(free_port) table=$(free_port)
log "Starting a throwaway Azurite on ports $blob, $queue, $table"
# In memory: Azurite's disk persistence rewrites its whole database (166 MB with --history 100000) on its one thread within
# 5 s of any write, such as a session's once-a-minute touch, stalling every request for seconds; Azure's storage does nothing like it.
start_azurite "$work/azurite" "$blob" "$queue" "$table" "$work/azurite.log" --inMemoryPersistence

mkdir -p .local/bench
json=".local/bench/api-$(date -u +%Y%m%dT%H%M%SZ).json"
log "Seeding and loading the API; JSON also saved to $json"
# The benchmark starts the API and wrk itself, and kills them when it ends or is interrupted.
AzureWebJobsStorage=$(azurite_connection_string "$blob" "$queue" "$table") \
API_BENCH_ASSEMBLY="$root/api/bin/Release/net10.0/ClientReminders.Api.dll" \
API_BENCH_WEB_ROOT="$root/web/dist" \
API_BENCH_AZURITE_PID="$AZURITE_PID" \
  dotnet bench/ClientReminders.Bench/bin/Release/net10.0/ClientReminders.Bench.dll api "$@" | tee "$json"
