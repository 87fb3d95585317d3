#!/usr/bin/env bash
# Runs the product locally: Azurite (data under .azurite/), the API with the built web app on one URL,
# the local trigger driver standing in for the Functions host. PORT overrides 7071.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$root"

port=${PORT:-7071}
ensure_dotnet
ensure_node_modules

log "Building the web app and the API"
npm run -s -w web build
dotnet build api/ClientReminders.Api.csproj -c Release -nologo -v quiet

blob=${AZURITE_BLOB_PORT:-10000} queue=${AZURITE_QUEUE_PORT:-10001} table=${AZURITE_TABLE_PORT:-10002}
mkdir -p .local
trap '[[ -n ${API_PID:-} ]] && kill $API_PID 2>/dev/null; [[ -n ${AZURITE_PID:-} ]] && kill $AZURITE_PID 2>/dev/null; wait 2>/dev/null' EXIT INT TERM
log "Starting Azurite on ports $blob-$table (data in .azurite/)"
start_azurite "$root/.azurite" "$blob" "$queue" "$table" "$root/.local/azurite.log"

# The local stand-in for Key Vault: a master key kept outside the repository and the data store, made once.
key_file=${MASTER_KEY_FILE:-${XDG_CONFIG_HOME:-$HOME/.config}/client-reminders/master.key}
if [[ ! -s $key_file ]]; then
  mkdir -p "$(dirname "$key_file")"
  (umask 077 && head -c 32 /dev/urandom | base64 > "$key_file")
  log "Created a development master key in $key_file"
fi

log "Starting the app on http://localhost:$port"
AzureWebJobsStorage=$(azurite_connection_string "$blob" "$queue" "$table") \
ASPNETCORE_ENVIRONMENT=Development \
WebApp__Root="$root/web/dist" \
App__PublicBaseUrl="http://localhost:$port" \
Security__MasterKey="$(cat "$key_file")" \
Demo__Seed=true \
  dotnet api/bin/Release/net10.0/ClientReminders.Api.dll --contentRoot "$root/api/bin/Release/net10.0" --urls "http://localhost:$port" &
API_PID=$!
if ! wait_for_url "http://localhost:$port/api/health" 60 "$API_PID"; then
  echo "The app did not start; see the log above." >&2
  exit 1
fi

cat <<MSG

  Client Reminders is running at  http://localhost:$port
  Demo login:                      demo@clientreminders.example / Reminders-Demo-2026
  Emails (sign-up, reset links):   http://localhost:$port/api/dev/emails
  Reminders sent locally:          the Messages page, or /api/dev/outbox
  Stop with Ctrl+C. Data persists in .azurite/ (delete it to start afresh).

MSG
wait "$API_PID"
