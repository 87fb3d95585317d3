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
source bench/fresh-runs.sh

run_on_fresh_azurites pipeline pipeline-summary "Send pipeline" "$@"
