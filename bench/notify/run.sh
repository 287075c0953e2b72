#!/usr/bin/env bash
# NotifySpecEvent fan-out benchmark: 10 loopback endpoints answering after 200 ms each.
# Prints each run's wall time (run 0 is the cold, first-in-process one, as in a CI step),
# then the warm median beside the sum of the latencies.
#   ./run.sh [runs]          JIT build
#   R2R=1 ./run.sh [runs]    ReadyToRun publish, as the host ships (slow to publish the first time)
# Then the whole CI step: `./build.sh --target=NotifySpecEvent` as a process (start, config, specs,
# fan-out, report) against the same endpoints, beside a hello-world .NET start (hyperfine).
# Exit code 2 when the warm median is more than 300 ms over the slowest endpoint.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
if [[ "${R2R:-0}" == "1" ]]; then
  out="$here/bin/r2r"
  dotnet publish "$here/NotifyBench.csproj" -c Release -r linux-x64 --self-contained false \
    -p:PublishReadyToRun=true -o "$out" -nologo -v quiet >/dev/null
  bench=("$out/NotifyBench")
else
  dotnet build "$here/NotifyBench.csproj" -c Release -nologo -v quiet >/dev/null
  bench=(dotnet "$here/bin/Release/net10.0/NotifyBench.dll")
fi
status=0
"${bench[@]}" "${@:-5}" || status=$?

command -v hyperfine >/dev/null || { echo "(hyperfine not installed: process timing skipped)"; exit $status; }
work="$(mktemp -d)"
"${bench[@]}" serve "$work" & server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do [ -f "$work/ready" ] && break; sleep 0.1; done
hello="$root/.artifacts/bench/hello/Hello"
[ -x "$hello" ] || dotnet build "$root/bench/startup/hello/Hello.csproj" -c Release --nologo -v quiet -o "$root/.artifacts/bench/hello" \
  --artifacts-path "$root/.artifacts/bench/hello.obj" >/dev/null
"$root/build.sh" --version >/dev/null
notify="$root/build.sh --target=NotifySpecEvent --event=implementation_completed --spec=FEAT-0001 --working=$work --verbosity=quiet"
$notify >/dev/null
hyperfine -N --warmup 2 --runs 10 --export-csv "$work/times.csv" "$hello" "$notify" >/dev/null 2>&1
read -r hello_s notify_s < <(awk -F, 'NR>1 { printf "%s ", $4 } END { print "" }' "$work/times.csv")
awk -v h="$hello_s" -v n="$notify_s" 'BEGIN {
  printf "process: ./build.sh --target=NotifySpecEvent to 10 x 200 ms endpoints: %.0f ms median (%.0f ms over the slowest endpoint)\n", n * 1000, n * 1000 - 200
  printf "process: hello-world .NET start %.0f ms; NotifySpecEvent start-to-exit minus the 200 ms wait = %.1fx hello world (goal <= 4x)\n", h * 1000, (n - 0.2) / h }'
exit $status
