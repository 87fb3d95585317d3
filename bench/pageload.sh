#!/usr/bin/env bash
# Cold-cache page load: the Release API serving the built web app on loopback (Azurite behind it), each page opened
# in a fresh headless Chromium context N times; reports the milliseconds until the page's heading is visible
# (median, min, max; aim under 1 s). JSON on stdout, saved in .local/bench/.
#   bench/pageload.sh [runs, default 7]
set -euo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
cd "$root"

ensure_dotnet
ensure_node_modules
ensure_chromium

log "Building the API and the web app (Release)"
dotnet build api/ClientReminders.Api.csproj -c Release -nologo -v quiet >&2
npm run -s -w web build >&2

work=$(mktemp -d -t client-reminders-pageload-XXXXXX)
cleanup() {
  [[ -n ${API_PID:-} ]] && kill "$API_PID" 2>/dev/null && wait "$API_PID" 2>/dev/null
  [[ -n ${AZURITE_PID:-} ]] && kill "$AZURITE_PID" 2>/dev/null && wait "$AZURITE_PID" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT INT TERM
ports=($(free_port) $(free_port) $(free_port))
api_port=$(free_port)
start_azurite "$work/azurite" "${ports[@]}" "$work/azurite.log"
AzureWebJobsStorage=$(azurite_connection_string "${ports[@]}") \
WebApp__Root="$root/web/dist" \
Security__MasterKey="$(head -c 32 /dev/urandom | base64)" \
  dotnet api/bin/Release/net10.0/ClientReminders.Api.dll --contentRoot "$root/api/bin/Release/net10.0" --urls "http://localhost:$api_port" >"$work/api.log" 2>&1 &
API_PID=$!
wait_for_url "http://localhost:$api_port/api/health" 60 "$API_PID"

mkdir -p .local/bench
json=".local/bench/pageload-$(date -u +%Y%m%dT%H%M%SZ).json"
log "Measuring cold-cache page loads; JSON also saved to $json"
PAGELOAD_BASE_URL="http://localhost:$api_port" PAGELOAD_RUNS="${1:-7}" node bench/pageload/measure.mjs | tee "$json"
