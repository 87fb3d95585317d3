#!/usr/bin/env bash
# Calendar-sync benchmark: each run on a fresh throwaway Azurite on free loopback ports (queue and table services apart),
# the app in-process in Release, its SyncCalendars timer endpoint driving the real Microsoft.Graph SDK against the tests'
# fake Microsoft cloud with a simulated latency.
# One big calendar synced from nothing, steady scans of it (unchanged, then with a few changes that are checked), and
# many accounts with a modest calendar each. JSON on stdout (also saved in .local/bench/), a table on stderr.
#   bench/calendar.sh [--runs 3] [--events 10000] [--clients 1000] [--matched-share 0.8] [--accounts 100]
#                     [--events-per-account 50] [--clients-per-account 20] [--latency-ms 100] [--steady-scans 5] [--changes 5]
set -euo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
cd "$root"

ensure_dotnet
ensure_node_modules

log "Building the benchmark (Release)"
dotnet build bench/ClientReminders.Bench/ClientReminders.Bench.csproj -c Release -nologo -v quiet >&2

runs=3 args=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --runs) runs=$2; shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
bench=bench/ClientReminders.Bench/bin/Release/net10.0/ClientReminders.Bench.dll
work=$(mktemp -d -t client-reminders-calendar-XXXXXX)
trap 'stop_azurite_services; rm -rf "$work"' EXIT INT TERM

mkdir -p .local/bench
json=".local/bench/calendar-$(date -u +%Y%m%dT%H%M%SZ).json"
files=()
status=0
for run in $(seq 1 "$runs"); do
  blob=$(free_port) queue=$(free_port) table=$(free_port)
  log "Run $run of $runs: a fresh Azurite (queue on $queue, table on $table)"
  start_azurite_services "$work/azurite-$run" "$queue" "$table"
  AzureWebJobsStorage=$(azurite_connection_string "$blob" "$queue" "$table") \
    dotnet "$bench" calendar "${args[@]}" --runs 1 --run-number "$run" >"$work/run-$run.json" || status=$?
  files+=("$work/run-$run.json")
  stop_azurite_services
done

log "Calendar sync over $runs runs; JSON also saved to $json"
dotnet "$bench" calendar-summary "${files[@]}" | tee "$json" || status=$?
exit "$status"
