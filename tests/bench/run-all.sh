#!/usr/bin/env bash
# The benchmark suite in one command: builds the benchmarks, runs each one in turn (never two
# at once: they share the machine with the servers they measure) and ends with one table of
# our figures next to their references and the goals of issue 25.
#
#   tests/bench/run-all.sh [--quick]
#
# Full: HTTP 10 s x 5 rounds, the 50 MB JUnit report, a million history rows (kept in
# build/bench-history.db for later runs: filling takes minutes), start-up, scale-out on a
# throwaway PostgreSQL cluster, and a 30-minute soak: about 45 minutes.
# --quick: HTTP 5 s x 3, 200,000 history rows, a 3-minute soak: about 8 minutes.
# ./setup.sh --bench installs wrk and the FastAPI peer's packages (python3-fastapi
# python3-uvicorn python3-aiosqlite); scale-out needs PostgreSQL, which setup.sh always installs.
set -uo pipefail
cd "$(dirname "$0")/../.."
quick=false
[[ "${1:-}" == "--quick" ]] && quick=true
build=build
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

./setup.sh --bench >/dev/null || { echo "setup.sh --bench failed" >&2; exit 1; } # wrk, the FastAPI peer's packages, the build
cmake --build "$build" --target jji-server jji_bench_http jji_bench_junit jji_bench_history jji_bench_startup \
  jji_bench_scaleout jji_bench_soak >/dev/null || { echo "build failed" >&2; exit 1; }

run() { # name, command...: runs it, keeps its output, shows its last lines
  local name=$1; shift
  echo "== $name: $*"
  "$@" >"$out/$name.txt" 2>&1
  local rc=$?
  tail -n 12 "$out/$name.txt"
  return $rc
}

if $quick; then
  run http "$build/tests/jji_bench_http" 5 3 32
  run junit "$build/tests/jji_bench_junit" 50 3
  run history "$build/tests/jji_bench_history" 200000 31 "$build/bench-history-200k.db"
  history_db="$build/bench-history-200k.db"; history_rows=200000
  run startup "$build/tests/jji_bench_startup" 5 "$history_db"
  run scaleout "$build/tests/jji_bench_scaleout" 40 0.5
  run soak "$build/tests/jji_bench_soak" 3 4
else
  run http "$build/tests/jji_bench_http" 10 5 32
  run junit "$build/tests/jji_bench_junit" 50 5
  run history "$build/tests/jji_bench_history" 1000000 31 "$build/bench-history.db"
  history_db="$build/bench-history.db"; history_rows=1000000
  run startup "$build/tests/jji_bench_startup" 5 "$history_db"
  run scaleout "$build/tests/jji_bench_scaleout" 100 0.5
  run soak "$build/tests/jji_bench_soak" 30 4
fi

# Figures out of each program's own table.
field() { awk -v pat="$2" -v col="$3" 'index($0, pat) { print $col; exit }' "$out/$1.txt"; }
jji_row() { awk -v path="$1" -v col="$2" '$1 == "GET" && $2 == path && $3 == "jji-server" { print $col; exit }' "$out/http.txt"; }
health_ours=$(jji_row /health 4)
health_p99=$(jji_row /health 5)
health_floor=$(jji_row /health 6)
health_peer=$(jji_row /health 7)
results_ours=$(jji_row "/results/{id}" 4)
results_floor=$(jji_row "/results/{id}" 6)
results_peer=$(jji_row "/results/{id}" 7)
signatures=$(field junit "signatures:" 4)
rss=$(field junit "peak RSS:" 6)
search_test=$(field history "search=<test fragment>" 3)
search_error=$(field history "search=<error phrase>" 3)
startup_fresh=$(field startup "empty data directory" 4)
startup_loaded=$(awk '/existing database/ { print $(NF-1); exit }' "$out/startup.txt")
scale_ratio=$(awk '/^two\/one:/ { print $2; exit }' "$out/scaleout.txt")
soak_verdict=$(awk '/^verdict:/ { print $2; exit }' "$out/soak.txt")
soak_window=$(awk '/^window:/ { sub(/^window: /, ""); print; exit }' "$out/soak.txt")

echo
echo "== Summary (medians; wrk and the servers share the machine)"
printf '%-44s %-22s %-30s\n' "measure" "ours" "goal"
printf '%-44s %-22s %-30s\n' "GET /health req/s (vs bare Poco, vs FastAPI)" "${health_ours:-?} (${health_floor:-?}, ${health_peer:-?})" ">= 80% of the floor"
printf '%-44s %-22s %-30s\n' "GET /health p99 at 32 connections" "${health_p99:-?} ms" "< 3 ms"
printf '%-44s %-22s %-30s\n' "GET /results/{id} req/s (vs floor, vs peer)" "${results_ours:-?} (${results_floor:-?}, ${results_peer:-?})" ">= 75% of floor, >= 50x peer"
printf '%-44s %-22s %-30s\n' "signatures, failures/s" "${signatures:-?}" ">= 100,000"
printf '%-44s %-22s %-30s\n' "peak RSS on the 50 MB report" "${rss:-?}" "<= 3x the report"
printf '%-44s %-22s %-30s\n' "history search, test name ($history_rows rows)" "${search_test:-?} ms" "< 10 ms on 1M rows"
printf '%-44s %-22s %-30s\n' "history search, error phrase" "${search_error:-?} ms" "< 10 ms on 1M rows"
printf '%-44s %-22s %-30s\n' "start-up: empty / existing history db" "${startup_fresh:-?} / ${startup_loaded:-?} ms" "(reported)"
printf '%-44s %-22s %-30s\n' "scale-out: jobs/s two daemons / one" "${scale_ratio:-?}" "close to 2x"
printf '%-44s %-22s %-30s\n' "soak: RSS over the last two thirds" "${soak_verdict:-?}" "plateau (flat within 10%)"
[[ -n "$soak_window" ]] && echo "  soak window: $soak_window"
