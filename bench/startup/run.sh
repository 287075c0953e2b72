#!/usr/bin/env bash
# Start-up benchmark: a warm `./build.sh --target=ValidateSpecs` against a hello-world .NET console
# start and against `dotnet run --project build/Build.csproj` (the Cake Frosting template's way),
# side by side, with ratios. Goals: within 4x of hello world, at least 10x faster than dotnet run.
#
#   bench/startup/run.sh                 (BENCH_RUNS=20 BENCH_DOTNET_RUN_RUNS=5 by default)
#
# Uses hyperfine when installed (apt-get install hyperfine), else a timing loop over `date +%s%N`
# (BENCH_NO_HYPERFINE=1 forces the loop).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
runs="${BENCH_RUNS:-20}"
dotnet_run_runs="${BENCH_DOTNET_RUN_RUNS:-5}"
results="$root/bench/results"
mkdir -p "$results"

hello_dir="$root/.artifacts/bench/hello"
if [ ! -x "$hello_dir/Hello" ]; then
  echo "building the hello-world baseline..." >&2
  dotnet build "$root/bench/startup/hello/Hello.csproj" -c Release --nologo -v quiet -o "$hello_dir" \
    --artifacts-path "$root/.artifacts/bench/hello.obj" > /dev/null
fi

# Warm the host (builds it if sources changed) and pick the task to time: ValidateSpecs once it
# works; until then --tree, which pays the same start-up (context, engine, task graph) minus the task.
./build.sh --version > /dev/null
host_args=(--target=ValidateSpecs)
if ! ./build.sh "${host_args[@]}" > /dev/null 2>&1; then
  host_args=(--tree)
  echo "note: './build.sh --target=ValidateSpecs' does not succeed yet; timing './build.sh --tree' instead." >&2
fi

# `dotnet run` builds on its first call; time the later (up-to-date) calls, as CI would see them.
dotnet run --project build/Build.csproj -- --version > /dev/null

hello_cmd="$hello_dir/Hello"
host_cmd="./build.sh ${host_args[*]}"
run_cmd="dotnet run --project build/Build.csproj -- ${host_args[*]}"

# one command's "mean median cpu" in seconds (cpu = user + system, hyperfine only: on a busy
# machine it moves less than wall time)
use_hyperfine() { [ -z "${BENCH_NO_HYPERFINE:-}" ] && command -v hyperfine > /dev/null; }

measure() {
  local count="$1" command="$2"
  if use_hyperfine; then
    local csv
    csv="$(mktemp)"
    hyperfine -N --style none --warmup 2 --runs "$count" --export-csv "$csv" "$command" > /dev/null 2>&1
    # command,mean,stddev,median,user,system,min,max
    awk -F, 'NR==2 { printf "%.3f %.3f %.3f\n", $2, $4, $5 + $6 }' "$csv"
    rm -f "$csv"
  else
    local i start end samples=()
    $command > /dev/null 2>&1 || true
    for ((i = 0; i < count; i++)); do
      start=$(date +%s%N)
      $command > /dev/null 2>&1 || true
      end=$(date +%s%N)
      samples+=($(((end - start) / 1000)))
    done
    printf '%s\n' "${samples[@]}" | sort -n | awk '{ v[NR] = $1; s += $1 } END {
      m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
      printf "%.3f %.3f -\n", s / NR / 1e6, m / 1e6 }'
  fi
}

read -r hello_mean hello_median hello_cpu < <(measure "$runs" "$hello_cmd")
read -r host_mean host_median host_cpu < <(measure "$runs" "$host_cmd")
read -r run_mean run_median run_cpu < <(measure "$dotnet_run_runs" "$run_cmd")

tool="$(use_hyperfine && echo hyperfine || echo 'date +%s%N loop')"
{
  echo "Start-up ($tool; $runs runs, dotnet run $dotnet_run_runs runs; seconds; $(nproc 2>/dev/null || echo '?') cores, load $(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?'))"
  row() { # name median mean cpu
    awk -v c="$1" -v m="$2" -v a="$3" -v u="$4" -v h="$hello_median" \
      'BEGIN { printf "  %-58s %8s %8s %8s %9.1fx\n", c, m, a, u, m / h }'
  }
  printf '  %-58s %8s %8s %8s %10s\n' "command" "median" "mean" "cpu" "vs hello"
  row "hello world (.NET console)" "$hello_median" "$hello_mean" "$hello_cpu"
  row "$host_cmd" "$host_median" "$host_mean" "$host_cpu"
  row "$run_cmd" "$run_median" "$run_mean" "$run_cpu"
  awk -v host="$host_median" -v hello="$hello_median" -v run="$run_median" 'BEGIN {
    printf "  build.sh vs hello world: %.1fx (goal <= 4x: %s)\n", host / hello, (host / hello <= 4 ? "met" : "NOT met")
    printf "  build.sh vs dotnet run:  %.1fx faster (goal >= 10x: %s)\n", run / host, (run / host >= 10 ? "met" : "NOT met") }'
} | tee "$results/startup.txt"
