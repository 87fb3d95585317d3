#!/usr/bin/env bash
# Builds what we deploy: dist/functionapp/ (host.json, one folder per function with its function.json, and the API as a
# self-contained linux-x64 ReadyToRun executable in handler/), dist/functionapp.zip (the same, for zip deploy), and
# dist/web/ (the built single-page app with staticwebapp.config.json).
#   scripts/publish.sh                     everything into dist/
#   scripts/publish.sh --api-only --out D  only the Function App, into D/functionapp (the package test uses this)
# Not trimmed: options binding, data annotations, the Graph SDK and MSAL reach types by reflection here, so trimming would
# remove code the app needs at run time (and the SDK warns about exactly that). Workstation GC and no tiered PGO: a
# consumption instance has one or two cores, and both shorten the cold start. The composite ReadyToRun image (framework
# and handler compiled as one, see api/ClientReminders.Api.csproj) halves the methods jitted before the first answer,
# at the price of a few more minutes of publishing (bench/coldstart.sh measures it).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$root"

out="$root/dist"
api_only=false
while [[ $# -gt 0 ]]; do
  case $1 in
    --api-only) api_only=true; shift ;;
    --out) out=$(mkdir -p "$2" && cd "$2" && pwd); shift 2 ;;
    *) echo "Unknown option: $1 (use --api-only, --out DIR)" >&2; exit 2 ;;
  esac
done

ensure_dotnet
app="$out/functionapp"
rm -rf "$app" "$out/functionapp.zip"
mkdir -p "$app"

# The executable's name must match host.json's customHandler.description.defaultExecutablePath.
executable=$(node -e 'const h=require(process.argv[1]);process.stdout.write(h.customHandler.description.defaultExecutablePath)' "$root/host.json")
[[ $executable == handler/* ]] || { echo "host.json: defaultExecutablePath must be under handler/, not '$executable'." >&2; exit 1; }

log "Publishing the API (self-contained linux-x64, ReadyToRun composite; a few minutes)"
dotnet publish api/ClientReminders.Api.csproj -c Release -r linux-x64 --self-contained true \
  -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true -p:PublishTrimmed=false -p:ServerGarbageCollection=false -p:TieredPGO=false -p:DebugType=none \
  -o "$app/handler" -nologo -v quiet
[[ -x "$app/$executable" ]] || { echo "The publish did not produce $executable." >&2; exit 1; }
# Development-only files never ship.
rm -f "$app"/handler/appsettings.Development.json "$app"/handler/*.staticwebassets.*.json

cp host.json "$app/host.json"
for function in api/functions/*/; do
  name=$(basename "$function")
  mkdir -p "$app/$name"
  cp "$function/function.json" "$app/$name/function.json"
done

log "Zipping the Function App"
(cd "$app" && zip -qr -X "$out/functionapp.zip" .)

if ! $api_only; then
  ensure_node_modules
  log "Building the web app"
  npm run -s -w web build
  rm -rf "$out/web"
  cp -r web/dist "$out/web"
  cp staticwebapp.config.json "$out/web/staticwebapp.config.json"
fi

log "Published to $out: functionapp/ ($(du -sh "$app" | cut -f1)), functionapp.zip ($(du -sh "$out/functionapp.zip" | cut -f1))$($api_only || echo ", web/")"
