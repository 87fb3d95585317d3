# Shared by run.sh and test.sh: install what this machine lacks, start Azurite, wait for URLs.

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

ensure_dotnet() {
  command -v dotnet >/dev/null || { echo "The .NET 10 SDK is required (dotnet not found)." >&2; exit 1; }
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
}

ensure_node_modules() {
  command -v npm >/dev/null || { echo "Node.js 20+ with npm is required (npm not found)." >&2; exit 1; }
  local stamp="$root/node_modules/.installed-lock"
  if [[ ! -f $stamp ]] || ! cmp -s "$root/package-lock.json" "$stamp"; then
    log "Installing npm packages (web app, Azurite, Playwright)"
    (cd "$root" && npm ci --no-audit --no-fund --loglevel=error >&2) && cp "$root/package-lock.json" "$stamp"
  fi
}

ensure_chromium() {
  [[ -x /usr/bin/chromium ]] && return
  log "Installing Debian's chromium for the browser tests"
  local sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
}

ensure_wrk() {
  command -v wrk >/dev/null && return
  log "Installing Debian's wrk for the API load benchmark"
  local sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq wrk >/dev/null
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# start_azurite DATA_DIR BLOB_PORT QUEUE_PORT TABLE_PORT LOG [AZURITE_FLAG...]: starts Azurite in the background, sets AZURITE_PID.
start_azurite() {
  local dir=$1 blob=$2 queue=$3 table=$4 logfile=$5 location=()
  mkdir -p "$dir"
  # Azurite refuses a data folder with --inMemoryPersistence.
  [[ " ${*:6} " == *" --inMemoryPersistence "* ]] || location=(--location "$dir")
  "$root/node_modules/.bin/azurite" --silent --skipApiVersionCheck --loose --disableProductStyleUrl "${location[@]}" \
    --blobHost 127.0.0.1 --blobPort "$blob" --queueHost 127.0.0.1 --queuePort "$queue" \
    --tableHost 127.0.0.1 --tablePort "$table" "${@:6}" >"$logfile" 2>&1 &
  AZURITE_PID=$!
  for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$table") 2>/dev/null && (exec 3<>"/dev/tcp/127.0.0.1/$queue") 2>/dev/null; then return 0; fi
    kill -0 "$AZURITE_PID" 2>/dev/null || { echo "Azurite failed to start:" >&2; cat "$logfile" >&2; return 1; }
    sleep 0.1
  done
  echo "Azurite did not open its ports in 10 seconds:" >&2; cat "$logfile" >&2; return 1
}

# stop_azurite: stops the Azurite start_azurite started, waiting up to 5 s before killing it outright.
stop_azurite() {
  [[ -n ${AZURITE_PID:-} ]] || return 0
  kill "$AZURITE_PID" 2>/dev/null || return 0
  for _ in $(seq 1 50); do kill -0 "$AZURITE_PID" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$AZURITE_PID" 2>/dev/null || true
}

# start_azurite_services DIR QUEUE_PORT TABLE_PORT: Azurite's queue and table services as two processes of their own (as
# Azure serves them apart, and so one does not wait on the other's single thread); adds their ids to AZURITE_PIDS.
start_azurite_services() {
  local dir=$1 queue=$2 table=$3
  mkdir -p "$dir"
  "$root/node_modules/.bin/azurite-queue" --silent --skipApiVersionCheck --loose --disableProductStyleUrl \
    --location "$dir" --queueHost 127.0.0.1 --queuePort "$queue" >"$dir/queue.log" 2>&1 &
  AZURITE_PIDS+=($!)
  "$root/node_modules/.bin/azurite-table" --silent --skipApiVersionCheck --loose --disableProductStyleUrl \
    --location "$dir" --tableHost 127.0.0.1 --tablePort "$table" >"$dir/table.log" 2>&1 &
  AZURITE_PIDS+=($!)
  for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$table") 2>/dev/null && (exec 3<>"/dev/tcp/127.0.0.1/$queue") 2>/dev/null; then return 0; fi
    for pid in "${AZURITE_PIDS[@]}"; do
      kill -0 "$pid" 2>/dev/null || { echo "Azurite failed to start:" >&2; cat "$dir"/*.log >&2; return 1; }
    done
    sleep 0.1
  done
  echo "Azurite did not open its ports in 10 seconds:" >&2; cat "$dir"/*.log >&2; return 1
}

# stop_azurite_services: stops what start_azurite_services started, waiting up to 5 s each before killing outright.
stop_azurite_services() {
  local pid
  for pid in "${AZURITE_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${AZURITE_PIDS[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  AZURITE_PIDS=()
}
AZURITE_PIDS=()

# The well-known Azurite development account, with explicit endpoints so any ports work.
azurite_connection_string() {
  local blob=$1 queue=$2 table=$3
  printf 'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:%s/devstoreaccount1;QueueEndpoint=http://127.0.0.1:%s/devstoreaccount1;TableEndpoint=http://127.0.0.1:%s/devstoreaccount1' "$blob" "$queue" "$table"
}

# wait_for_url URL SECONDS PID: waits for a 2xx, giving up early if PID dies.
wait_for_url() {
  local url=$1 seconds=$2 pid=$3
  for _ in $(seq 1 $((seconds * 10))); do
    curl -fs -o /dev/null "$url" && return 0
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

# start_fake_microsoft_cloud LOG: starts the browser tests' fake of Microsoft's identity platform and Graph (built with the
# solution) on a free loopback https port; sets FAKE_CLOUD_PID, FAKE_CLOUD_URL and FAKE_CLOUD_THUMBPRINT from its first line.
start_fake_microsoft_cloud() {
  local logfile=$1 line
  dotnet "$root/tests/FakeMicrosoftCloud/bin/Release/net10.0/FakeMicrosoftCloud.dll" >"$logfile" 2>&1 &
  FAKE_CLOUD_PID=$!
  for _ in $(seq 1 300); do
    line=$(grep -m1 '^fake-microsoft-cloud listening ' "$logfile" 2>/dev/null)
    if [[ -n $line ]]; then
      FAKE_CLOUD_URL=$(awk '{print $3}' <<<"$line")
      FAKE_CLOUD_THUMBPRINT=$(awk '{print $5}' <<<"$line")
      return 0
    fi
    kill -0 "$FAKE_CLOUD_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "The fake Microsoft cloud did not start:" >&2; cat "$logfile" >&2; return 1
}
