# Sourced by the bench scripts whose runs must not share a store: run_on_fresh_azurites MODE SUMMARY TITLE [--runs N] ARGS...
# builds the benchmark, runs `ClientReminders.Bench.dll MODE ARGS --runs 1 --run-number K` once per run, each on a fresh
# throwaway Azurite (queue and table services as processes of their own), then folds the runs' JSON with the SUMMARY mode:
# one JSON object on stdout (also saved in .local/bench/MODE-<time>.json), a table on stderr. Returns non-zero if any step failed.
run_on_fresh_azurites() {
  local mode=$1 summary=$2 title=$3; shift 3
  local runs=${BENCH_RUNS:-3} args=()
  while [[ $# -gt 0 ]]; do
    case $1 in
      --runs) runs=$2; shift 2 ;;
      *) args+=("$1"); shift ;;
    esac
  done

  ensure_dotnet
  ensure_node_modules
  log "Building the benchmark (Release)"
  dotnet build bench/ClientReminders.Bench/ClientReminders.Bench.csproj -c Release -nologo -v quiet >&2
  local bench=bench/ClientReminders.Bench/bin/Release/net10.0/ClientReminders.Bench.dll

  work=$(mktemp -d -t "client-reminders-$mode-XXXXXX")
  trap 'stop_azurite_services; rm -rf "$work"' EXIT INT TERM
  mkdir -p .local/bench
  local json=".local/bench/$mode-$(date -u +%Y%m%dT%H%M%SZ).json" files=() status=0 run blob queue table
  for run in $(seq 1 "$runs"); do
    blob=$(free_port) queue=$(free_port) table=$(free_port)
    log "Run $run of $runs: a fresh Azurite (queue on $queue, table on $table)"
    start_azurite_services "$work/azurite-$run" "$queue" "$table"
    AzureWebJobsStorage=$(azurite_connection_string "$blob" "$queue" "$table") \
    BENCH_AZURITE_PIDS="${AZURITE_PIDS[*]}" \
      dotnet "$bench" "$mode" "${args[@]}" --runs 1 --run-number "$run" >"$work/run-$run.json" || status=$?
    files+=("$work/run-$run.json")
    stop_azurite_services
  done

  log "$title over $runs runs; JSON also saved to $json"
  dotnet "$bench" "$summary" "${files[@]}" | tee "$json" || status=$?
  return "$status"
}
