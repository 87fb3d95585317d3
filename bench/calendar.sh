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
source bench/fresh-runs.sh

run_on_fresh_azurites calendar calendar-summary "Calendar sync" "$@"
