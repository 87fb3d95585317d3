#!/usr/bin/env bash
# Send-pipeline benchmark: each run on a fresh throwaway Azurite on free loopback ports (its table and queue services as
# two processes, as Azure runs them apart), the app in-process in Release sending through its ACS client to a fake ACS
# that injects faults. Prints one JSON object on stdout and a table on stderr (bench/run.sh folds it into
# bench/RESULTS.md with the other scenarios).
#   bench/pipeline.sh [--runs 3] [--reminders 3334] [--fault-rate 0.05] [--spread-seconds 60]
#   (or BENCH_RUNS, BENCH_REMINDERS, BENCH_FAULT_RATE, BENCH_SPREAD_SECONDS)
set -euo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
cd "$root"

runs=${BENCH_RUNS:-3} args=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --runs) runs=$2; shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done

ensure_dotnet
ensure_node_modules

log "Building the benchmark (Release)"
dotnet build bench/ClientReminders.Bench/ClientReminders.Bench.csproj -c Release -nologo -v quiet >&2
bench=bench/ClientReminders.Bench/bin/Release/net10.0/ClientReminders.Bench.dll

work=$(mktemp -d -t client-reminders-bench-XXXXXX)
trap 'stop_azurite_services; rm -rf "$work"' EXIT INT TERM

mkdir -p .local/bench
json=".local/bench/pipeline-$(date -u +%Y%m%dT%H%M%SZ).json"
files=()
status=0
for run in $(seq 1 "$runs"); do
  blob=$(free_port) queue=$(free_port) table=$(free_port)
  log "Run $run of $runs: a fresh Azurite (queue on $queue, table on $table)"
  start_azurite_services "$work/azurite-$run" "$queue" "$table"
  AzureWebJobsStorage=$(azurite_connection_string "$blob" "$queue" "$table") \
  BENCH_AZURITE_PIDS="${AZURITE_PIDS[*]}" \
    dotnet "$bench" "${args[@]}" --runs 1 --run-number "$run" >"$work/run-$run.json" || status=$?
  files+=("$work/run-$run.json")
  stop_azurite_services
done

log "Send pipeline over $runs runs; JSON also saved to $json"
dotnet "$bench" pipeline-summary "${files[@]}" | tee "$json" || status=$?
exit "$status"
