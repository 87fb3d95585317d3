#!/usr/bin/env bash
# Runs every test suite: build with warnings as errors, the CSS check, .NET tests (against a real Azurite), web unit tests,
# and browser tests in headless Chromium against the real app. Ends with "tests: N passed, M failed".
set -uo pipefail
source "$(dirname "$0")/lib.sh"
cd "$root"

ensure_dotnet
ensure_node_modules || exit 1
ensure_chromium || exit 1

results=$(mktemp -d)
cleanup() {
  for pid in ${API_PID:-} ${FAKE_CLOUD_PID:-} ${AZURITE_PID:-}; do kill "$pid" 2>/dev/null; done
  wait 2>/dev/null; rm -rf "$results"
}
trap cleanup EXIT
failed_steps=()

log "Building (warnings are errors)"
if ! dotnet build ClientReminders.sln -c Release -warnaserror -nologo -v quiet; then
  echo "tests: 0 passed, 1 failed"
  exit 1
fi
log "C# format check (CSharpier, 160 columns: 'dotnet csharpier format .' fixes it)"
(dotnet tool restore >/dev/null && dotnet csharpier check .) || failed_steps+=("C# format check")
npm run -s -w web build || failed_steps+=("web build")
log "CSS check (stylelint: any syntax error or likely mistake fails)"
npm run -s -w web lint:css || failed_steps+=("CSS check")
log "Web lint (ESLint: hooks' dependency lists, no imports across features)"
npm run -s -w web lint || failed_steps+=("web lint")

log ".NET tests"
dotnet test ClientReminders.sln -c Release --no-build --nologo \
  --logger "trx;LogFileName=dotnet.trx" --results-directory "$results" || failed_steps+=(".NET tests")

log "Web unit tests"
npm run -s -w web test -- --reporter=default --reporter=json --outputFile="$results/vitest.json" || failed_steps+=("web unit tests")

log "Browser tests"
azurite_ports=($(free_port) $(free_port) $(free_port))
api_port=$(free_port)
# Outlook calendars point at a local fake of Microsoft's cloud (tests/FakeMicrosoftCloud); without it only calendars.spec.ts fails.
# Calendar feeds may be fetched over plain http from 127.0.0.1, where ics-feeds.spec.ts serves one (tests only).
graph_settings=()
if start_fake_microsoft_cloud "$results/fake-microsoft-cloud.log"; then
  graph_settings=(
    Graph__BaseUrl="${FAKE_CLOUD_URL}v1.0"
    Graph__Authority="${FAKE_CLOUD_URL}common"
    Graph__ClientId=11111111-2222-3333-4444-555555555555
    Graph__ClientSecret=fake-client-secret-for-tests
    Graph__DevelopmentCertificateThumbprint="$FAKE_CLOUD_THUMBPRINT"
  )
else
  failed_steps+=("fake Microsoft cloud")
fi
# The browser tests deliver inbound texts through the Event Grid webhook too, as ACS does.
eventgrid_secret="e2e-$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
if start_azurite "$results/azurite" "${azurite_ports[@]}" "$results/azurite.log"; then
  # localhost, not 127.0.0.1: browsers accept the Secure __Host- cookies from http://localhost only.
  AzureWebJobsStorage=$(azurite_connection_string "${azurite_ports[@]}") \
  ASPNETCORE_ENVIRONMENT=Development \
  WebApp__Root="$root/web/dist" \
  App__PublicBaseUrl="http://localhost:$api_port" \
  Security__MasterKey="$(head -c 32 /dev/urandom | base64)" \
  RateLimits__Auth__PerIpPermits=1000 \
  EventGrid__WebhookSecret="$eventgrid_secret" \
  Demo__Seed=true \
  Calendars__Ics__AllowedTestHosts__0=127.0.0.1 \
    env "${graph_settings[@]}" dotnet api/bin/Release/net10.0/ClientReminders.Api.dll --contentRoot "$root/api/bin/Release/net10.0" --urls "http://localhost:$api_port" >"$results/api.log" 2>&1 &
  API_PID=$!
  if wait_for_url "http://localhost:$api_port/api/health" 60 "$API_PID"; then
    E2E_BASE_URL="http://localhost:$api_port" E2E_EVENTGRID_SECRET="$eventgrid_secret" E2E_JSON="$results/e2e.json" npm run -s -w web e2e || failed_steps+=("browser tests")
  else
    echo "The API did not become healthy:" >&2; cat "$results/api.log" >&2; failed_steps+=("browser tests")
  fi
else
  failed_steps+=("browser tests")
fi

node scripts/summarize.mjs "$results" "${failed_steps[@]}"
