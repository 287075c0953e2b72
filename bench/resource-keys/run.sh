#!/usr/bin/env bash
# What the runtime's own exception messages cost the native host (issue 19, item 1): the host is
# published without UseSystemResourceKeys (messages a person can read) and, for comparison, with it
# (each message replaced by its resource key, e.g. net_http_client_execution_error). Prints both
# executables' sizes and, interleaved in one run against the same hello world, their start-up for
# ValidateSpecs and for one real send to a loopback webhook.
#
#   bench/resource-keys/run.sh        (BENCH_RUNS=20; needs a C toolchain: clang or gcc)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
runs="${BENCH_RUNS:-20}"
results="$root/bench/results"
work="$root/.artifacts/bench/resource-keys"
fixture="$root/bench/startup/fixture"
mkdir -p "$results" "$work"
export NO_COLOR=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 GITHUB_ACTIONS=
export BENCH_STATE_DIR="$work/state"

. "$root/build/host-kind.sh"
if [ "$kind" != native ]; then
  echo "resource-keys: needs a C toolchain (clang or gcc) to build the native host" >&2
  exit 1
fi

# Without keys: the host build.sh makes. With keys: the same sources published with the switch on.
SPECCAKE_HOST_BUILD=native ./build.sh --version > /dev/null
readable="$root/.artifacts/host/SpecCake.Tool"
keys_dir="$work/host-with-keys"
if [ ! -x "$keys_dir/SpecCake.Tool" ] || [ -n "$(find "$root/build" "$root/src" -type d \( -name bin -o -name obj \) -prune -o -newer "$keys_dir/SpecCake.Tool" -print -quit)" ]; then
  echo "publishing the native host with UseSystemResourceKeys=true..." >&2
  gcc_flag=()
  [ "$toolchain" = gcc ] && gcc_flag=(-p:CppCompilerAndLinker=gcc)
  dotnet publish "$root/build/Build.csproj" -c Release --nologo -v quiet -r "$rid" ${gcc_flag[@]+"${gcc_flag[@]}"} \
    -p:UseSystemResourceKeys=true --artifacts-path "$work/obj" -o "$keys_dir" > "$work/publish.log" 2>&1 || { cat "$work/publish.log" >&2; exit 1; }
fi
keyed="$keys_dir/SpecCake.Tool"

hello_dir="$root/.artifacts/bench/hello"
if [ ! -f "$hello_dir/Hello.dll" ]; then
  dotnet build "$root/bench/startup/hello/Hello.csproj" -c Release --nologo -v quiet -o "$hello_dir" \
    --artifacts-path "$root/.artifacts/bench/hello.obj" > /dev/null
fi

python3 "$root/bench/startup/webhook.py" > "$work/webhook.port" &
webhook_pid=$!
trap 'kill "$webhook_pid" 2> /dev/null || true' EXIT
for _ in $(seq 50); do [ -s "$work/webhook.port" ] && break; sleep 0.1; done
export BENCH_WEBHOOK_URL="http://127.0.0.1:$(head -1 "$work/webhook.port")/hook"

validate=(--target=ValidateSpecs "--working=$fixture")
send=(--target=NotifySpecEvent --event=spec_approved --spec=FEAT-0001 "--working=$fixture")

# One sample of each command per round, round after round: the machine's load hits all of them alike.
declare -A samples
labels=(hello readable-validate keyed-validate readable-send keyed-send)
run_one() {
  case "$1" in
    hello) dotnet "$hello_dir/Hello.dll" ;;
    readable-validate) "$readable" "${validate[@]}" ;;
    keyed-validate) "$keyed" "${validate[@]}" ;;
    readable-send) "$readable" "${send[@]}" ;;
    keyed-send) "$keyed" "${send[@]}" ;;
  esac > /dev/null 2>&1
}
for label in "${labels[@]}"; do run_one "$label" || { echo "failed: $label" >&2; exit 1; }; done
for ((i = 0; i < runs; i++)); do
  for label in "${labels[@]}"; do
    start=$(date +%s%N)
    run_one "$label"
    end=$(date +%s%N)
    samples[$label]+="$(((end - start) / 1000)) "
  done
done
median() { printf '%s\n' $1 | sort -n | awk '{ v[NR] = $1 } END { printf "%.4f", ((NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) / 1e6 }'; }

hello=$(median "${samples[hello]}")
{
  echo "Resource keys (native host; $runs interleaved rounds, medians in seconds; $(nproc 2> /dev/null || echo '?') cores, load $(cut -d' ' -f1 /proc/loadavg 2> /dev/null || echo '?'))"
  printf '  %-52s %12d bytes\n' "size without UseSystemResourceKeys (shipped)" "$(stat -c %s "$readable")"
  printf '  %-52s %12d bytes\n' "size with UseSystemResourceKeys" "$(stat -c %s "$keyed")"
  printf '  %-52s %8.3f\n' "hello world: dotnet Hello.dll" "$hello"
  for label in readable-validate keyed-validate readable-send keyed-send; do
    value=$(median "${samples[$label]}")
    awk -v l="$label" -v m="$value" -v h="$hello" 'BEGIN { printf "  %-52s %8.3f %7.2fx\n", l, m, m / h }'
  done
} | tee "$results/resource-keys.txt"
