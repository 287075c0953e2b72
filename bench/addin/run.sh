#!/usr/bin/env bash
# The same `NotifySpecEvent` dry run through the Cake script runner with the SpecCake addin and
# through the ./build.sh host, side by side, plus two baselines for the script runner (a hello
# world script without the addin, and a trivial task with the addin loaded). Prints the median
# wall time of RUNS runs each, and the script-runner/host ratio.
#
# Usage: bench/addin/run.sh            (RUNS=5 by default)
# The host rows need ./build.sh and the NotifySpecEvent body; a row whose command is missing or
# fails is reported as such and left out of the ratios.
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
runs=${RUNS:-5}
out=bench/results/addin
fixture=$root/bench/addin/fixture
mkdir -p "$out"
summary=$out/summary.txt
: > "$summary"

say() { echo "$*" | tee -a "$summary"; }

version=0.0.0-bench.$(date +%s)
dotnet tool restore > /dev/null || { echo "dotnet tool restore failed"; exit 1; }
if ! dotnet pack src/SpecCake -c Release -o "$out/feed" "-p:Version=$version" --nologo -v q > "$out/pack.log" 2>&1; then
  echo "dotnet pack failed, see $out/pack.log"; exit 1
fi
cat > "$out/bench.cake" <<CAKE
#addin nuget:?package=SpecCake&version=$version&loaddependencies=true
#load "../../addin/tasks.cake"
CAKE
cp bench/addin/hello.cake "$out/hello.cake"

export CAKE_NUGET_SOURCE="$root/$out/feed;https://api.nuget.org/v3/index.json"
export CAKE_PATHS_ADDINS="$root/$out/addins"
export NO_COLOR=1

# median NAME COMMAND...: runs the command RUNS times after one warm-up (which also installs the
# addin), prints and stores the median in milliseconds in $median (empty when the command failed).
median=
measure() {
  local name=$1; shift
  local log=$out/$(echo "$name" | tr -c 'A-Za-z0-9\n' '_' | tr -s '_').log rc
  median=
  "$@" > "$log" 2>&1
  rc=$?
  if (( rc != 0 )); then
    say "$(printf '%-44s %s' "$name" "failed (exit $rc; see $log)")"
    return
  fi
  local times=() start end
  for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    "$@" > "$log" 2>&1 || { say "$(printf '%-44s %s' "$name" "failed on a timed run (see $log)")"; return; }
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  say "$(printf '%-44s %6d ms   (runs: %s)' "$name" "$median" "${times[*]}")"
}

ratio() { # ratio A B: A/B with one decimal, or n/a
  if [[ -n $1 && -n $2 && $2 -gt 0 ]]; then awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1fx", a / b }'; else echo "n/a"; fi
}

say "SpecCake addin bench, $(date -u +%FT%TZ), $runs runs each, median wall time"
say "machine: $(nproc) cores, $(dotnet --version) SDK, Cake.Tool $(dotnet cake --version 2>/dev/null | tail -1)"
say ""

measure "cake hello.cake (no addin)" dotnet cake "$out/hello.cake"
hello=$median
measure "cake bench.cake --target=Hello (addin)" dotnet cake "$out/bench.cake" --target=Hello --config="$fixture/specs.config.yaml"
addin_hello=$median
measure "  same, with Cake's script cache" env Cake_Settings_EnableScriptCache=true dotnet cake "$out/bench.cake" --target=Hello --config="$fixture/specs.config.yaml"
cached_hello=$median
measure "cake bench.cake --target=Notify (dry run)" dotnet cake "$out/bench.cake" --target=Notify --config="$fixture/specs.config.yaml" --event=spec_approved --spec=FEAT-0001
script_notify=$median

host_notify=
if [[ -x ./build.sh ]]; then
  measure "build.sh --target=NotifySpecEvent --dryrun" ./build.sh --target=NotifySpecEvent --event=spec_approved --spec=FEAT-0001 --dryrun --working="$fixture"
  host_notify=$median
else
  say "$(printf '%-44s %s' "build.sh --target=NotifySpecEvent --dryrun" "skipped: ./build.sh not present (the host is built in its own issue)")"
fi

say ""
say "addin load cost (Hello with addin / without):    $(ratio "$addin_hello" "$hello")"
say "addin + script cache / no addin:                 $(ratio "$cached_hello" "$hello")"
say "script runner / host, same NotifySpecEvent:      $(ratio "$script_notify" "$host_notify")"
echo "(written to $summary)"
