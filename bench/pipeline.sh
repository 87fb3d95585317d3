#!/usr/bin/env bash
# Send-pipeline benchmark: a throwaway Azurite on free loopback ports, the app in-process in Release, reminders to the
# local outbox with injected faults. Prints one JSON object on stdout and a table on stderr (bench/run.sh folds it
# into bench/RESULTS.md with the other scenarios).
#   bench/pipeline.sh [--reminders 3334] [--fault-rate 0.05] [--runs 3]   (or BENCH_REMINDERS, BENCH_FAULT_RATE, BENCH_RUNS)
set -euo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
cd "$root"

ensure_dotnet
ensure_node_modules

log "Building the benchmark (Release)"
dotnet build bench/ClientReminders.Bench/ClientReminders.Bench.csproj -c Release -nologo -v quiet >&2

work=$(mktemp -d -t client-reminders-bench-XXXXXX)
trap 'stop_azurite; rm -rf "$work"' EXIT INT TERM
blob=$(free_port) queue=$(free_port) table=$(free_port)
log "Starting a throwaway Azurite on ports $blob, $queue, $table"
start_azurite "$work/azurite" "$blob" "$queue" "$table" "$work/azurite.log"

mkdir -p .local/bench
json=".local/bench/pipeline-$(date -u +%Y%m%dT%H%M%SZ).json"
log "Running the send-pipeline benchmark; JSON also saved to $json"
AzureWebJobsStorage=$(azurite_connection_string "$blob" "$queue" "$table") \
BENCH_AZURITE_PID="$AZURITE_PID" \
  dotnet bench/ClientReminders.Bench/bin/Release/net10.0/ClientReminders.Bench.dll "$@" | tee "$json"
