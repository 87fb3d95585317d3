#!/usr/bin/env bash
# Cold start of the deployable package: publishes it as scripts/publish.sh does (self-contained, ReadyToRun), starts a
# throwaway Azurite, then starts the packaged handler N times as the Functions host would and reports the milliseconds
# from process start to its first served request (median, min, max). JSON on stdout, saved in .local/bench/.
#   bench/coldstart.sh [--runs 10] [--against DIR]
# --against DIR: also start another functionapp/ folder (e.g. published from an older commit with
# `scripts/publish.sh --api-only --out DIR/..`), alternating run by run, so a busy machine slows both alike.
set -euo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
cd "$root"

ensure_dotnet
ensure_node_modules

work=$(mktemp -d -t client-reminders-coldstart-XXXXXX)
trap 'stop_azurite; rm -rf "$work"' EXIT INT TERM

log "Publishing the Function App package"
scripts/publish.sh --api-only --out "$work" >&2
log "Building the benchmark (Release)"
dotnet build bench/ClientReminders.Bench/ClientReminders.Bench.csproj -c Release -nologo -v quiet >&2

blob=$(free_port) queue=$(free_port) table=$(free_port)
log "Starting a throwaway Azurite on ports $blob, $queue, $table"
start_azurite "$work/azurite" "$blob" "$queue" "$table" "$work/azurite.log"

mkdir -p .local/bench
json=".local/bench/coldstart-$(date -u +%Y%m%dT%H%M%SZ).json"
log "Starting the packaged handler; JSON also saved to $json"
AzureWebJobsStorage=$(azurite_connection_string "$blob" "$queue" "$table") COLDSTART_PACKAGE="$work/functionapp" \
  dotnet bench/ClientReminders.Bench/bin/Release/net10.0/ClientReminders.Bench.dll coldstart "$@" | tee "$json"
