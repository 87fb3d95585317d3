#!/usr/bin/env bash
# Calendar-sync benchmark: a throwaway Azurite on free loopback ports, the app in-process in Release, its SyncCalendars
# timer endpoint driving the real Microsoft.Graph SDK against the tests' fake Microsoft cloud with a simulated latency.
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

work=$(mktemp -d -t client-reminders-calendar-XXXXXX)
trap 'stop_azurite; rm -rf "$work"' EXIT INT TERM
blob=$(free_port) queue=$(free_port) table=$(free_port)
log "Starting a throwaway Azurite on ports $blob, $queue, $table"
start_azurite "$work/azurite" "$blob" "$queue" "$table" "$work/azurite.log"

mkdir -p .local/bench
json=".local/bench/calendar-$(date -u +%Y%m%dT%H%M%SZ).json"
log "Running the calendar-sync benchmark; JSON also saved to $json"
AzureWebJobsStorage=$(azurite_connection_string "$blob" "$queue" "$table") \
  dotnet bench/ClientReminders.Bench/bin/Release/net10.0/ClientReminders.Bench.dll calendar "$@" | tee "$json"
