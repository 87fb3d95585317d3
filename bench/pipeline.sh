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
pids=()
stop_storage() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  pids=()
}
trap 'stop_storage; rm -rf "$work"' EXIT INT TERM

# start_storage DIR QUEUE_PORT TABLE_PORT: Azurite's queue and table services as processes of their own.
start_storage() {
  local dir=$1 queue=$2 table=$3
  mkdir -p "$dir"
  "$root/node_modules/.bin/azurite-queue" --silent --skipApiVersionCheck --loose --disableProductStyleUrl \
    --location "$dir" --queueHost 127.0.0.1 --queuePort "$queue" >"$dir/queue.log" 2>&1 &
  pids+=($!)
  "$root/node_modules/.bin/azurite-table" --silent --skipApiVersionCheck --loose --disableProductStyleUrl \
    --location "$dir" --tableHost 127.0.0.1 --tablePort "$table" >"$dir/table.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$table") 2>/dev/null && (exec 3<>"/dev/tcp/127.0.0.1/$queue") 2>/dev/null; then return 0; fi
    for pid in "${pids[@]}"; do
      kill -0 "$pid" 2>/dev/null || { echo "Azurite failed to start:" >&2; cat "$dir"/*.log >&2; return 1; }
    done
    sleep 0.1
  done
  echo "Azurite did not open its ports in 10 seconds:" >&2; cat "$dir"/*.log >&2; return 1
}

mkdir -p .local/bench
json=".local/bench/pipeline-$(date -u +%Y%m%dT%H%M%SZ).json"
files=()
status=0
for run in $(seq 1 "$runs"); do
  blob=$(free_port) queue=$(free_port) table=$(free_port)
  log "Run $run of $runs: a fresh Azurite (queue on $queue, table on $table)"
  start_storage "$work/azurite-$run" "$queue" "$table"
  AzureWebJobsStorage=$(azurite_connection_string "$blob" "$queue" "$table") \
  BENCH_AZURITE_PIDS="${pids[*]}" \
    dotnet "$bench" "${args[@]}" --runs 1 --run-number "$run" >"$work/run-$run.json" || status=$?
  files+=("$work/run-$run.json")
  stop_storage
done

log "Send pipeline over $runs runs; JSON also saved to $json"
dotnet "$bench" pipeline-summary "${files[@]}" | tee "$json" || status=$?
exit "$status"
