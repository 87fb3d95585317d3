#!/usr/bin/env bash
# Every benchmark scenario, one after another, each on its own throwaway Azurite: the send pipeline (with the storage
# floor), calendar sync, the API under load, the packaged handler's cold start and cold-cache page loads. Prints one JSON
# object on stdout and a table on stderr, saves each scenario's JSON in .local/bench/<time>/ and rewrites
# bench/RESULTS.md (notes from "## Notes" onwards are kept). Run it on an otherwise idle machine.
#   bench/run.sh [--runs 3] [--only pipeline,calendar,api,coldstart,pageload] [--quick] [--coldstart-against DIR]
# --coldstart-against DIR: the cold start alternates with an older package (see bench/coldstart.sh --against).
# --quick runs each scenario once at a small size (a smoke check, not figures). The scenario scripts take more options.
set -euo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
cd "$root"

runs=3 only=pipeline,calendar,api,coldstart,pageload quick=false against=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --runs) runs=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    --quick) quick=true; runs=1; shift ;;
    --coldstart-against) against=(--against "$2"); shift 2 ;;
    *) echo "Unknown option $1; the options are --runs N, --only LIST, --quick, --coldstart-against DIR." >&2; exit 2 ;;
  esac
done

out=".local/bench/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
run_scenario() {
  local name=$1; shift
  [[ ",$only," == *",$name,"* ]] || return 0
  log "=== $name: $*"
  local started=$SECONDS
  "$@" >"$out/$name.json"
  log "=== $name took $((SECONDS - started)) s"
}

if $quick; then
  run_scenario pipeline bench/pipeline.sh --runs 1 --reminders 500 --spread-seconds 20
  run_scenario calendar bench/calendar.sh --runs 1 --events 500 --accounts 10
  run_scenario api bench/api.sh --runs 1 --duration 3 --warm-up 1 --clients 1000
  run_scenario coldstart bench/coldstart.sh --runs 3
  run_scenario pageload bench/pageload.sh 3
else
  run_scenario pipeline bench/pipeline.sh --runs "$runs"
  run_scenario calendar bench/calendar.sh --runs "$runs"
  run_scenario api bench/api.sh --runs "$runs"
  run_scenario coldstart bench/coldstart.sh --runs $((runs * 3)) "${against[@]}"
  run_scenario pageload bench/pageload.sh $((runs * 2 + 1))
fi

results=bench/RESULTS.md
$quick && results="$out/RESULTS.md"
node bench/report.mjs "$out" --results "$results" --command "bench/run.sh --runs $runs${only:+ --only $only}$($quick && echo ' --quick')" | tee "$out/all.json"
