#!/usr/bin/env bash
# Start-up benchmark: what one CI step pays to start SpecCake, side by side with a hello-world
# `dotnet Hello.dll` start, with ratios:
#   - warm ./build.sh --target=ValidateSpecs, NotifySpecEvent --dryrun, and NotifySpecEvent sending
#     to one loopback webhook that answers at once: the native (NativeAOT) host and the ReadyToRun one
#   - the native host started directly (what build.sh's warm path adds is the difference)
#   - the dotnet tool as another repository runs it (installed from ./pack.sh's feed into a tool
#     manifest): `dotnet speccake`, and the fast path `./speccake.sh` (build/launchers)
#   - the recipe through `dotnet cake`, and `dotnet run --project build/Build.csproj` (the Frosting way)
# Goals: ValidateSpecs <= 1.0x hello world; NotifySpecEvent --dryrun and the real send <= 1.5x;
# build.sh's source check <= 5 ms; another repository's `./speccake.sh --target=ValidateSpecs` <= 1.2x.
#
#   bench/startup/run.sh        (BENCH_RUNS=20, BENCH_SLOW_RUNS=3 for `dotnet cake` and `dotnet run`)
#
# Uses hyperfine when installed (apt-get install hyperfine), else a timing loop over `date +%s%N`
# (BENCH_NO_HYPERFINE=1 forces the loop). The median is the figure; other work on the machine skews
# wall times, so the machine's load average is printed with them.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
runs="${BENCH_RUNS:-20}"
slow_runs="${BENCH_SLOW_RUNS:-3}"
results="$root/bench/results"
work="$root/.artifacts/bench/startup"
fixture="$root/bench/startup/fixture"
mkdir -p "$results" "$work"
export NO_COLOR=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 GITHUB_ACTIONS=
export BENCH_STATE_DIR="$work/state"

# The hello-world baseline, built the ordinary way.
hello_dir="$root/.artifacts/bench/hello"
if [ ! -f "$hello_dir/Hello.dll" ]; then
  echo "building the hello-world baseline..." >&2
  dotnet build "$root/bench/startup/hello/Hello.csproj" -c Release --nologo -v quiet -o "$hello_dir" \
    --artifacts-path "$root/.artifacts/bench/hello.obj" > /dev/null
fi

# The loopback webhook that answers at once.
python3 "$root/bench/startup/webhook.py" > "$work/webhook.port" &
webhook_pid=$!
trap 'kill "$webhook_pid" 2> /dev/null || true' EXIT
for _ in $(seq 50); do [ -s "$work/webhook.port" ] && break; sleep 0.1; done
export BENCH_WEBHOOK_URL="http://127.0.0.1:$(head -1 "$work/webhook.port")/hook"

# The two hosts build.sh makes (each built once, then warm).
echo "building the native and the ReadyToRun host (when sources changed)..." >&2
SPECCAKE_HOST_BUILD=native ./build.sh --version > /dev/null
r2r_dir="$root/.artifacts/bench/host-readytorun"
SPECCAKE_HOST_DIR="$r2r_dir" SPECCAKE_HOST_BUILD=readytorun ./build.sh --version > /dev/null

# The tool and the recipe, installed as another repository would (docs/use-in-your-repo.md).
version="0.0.0-bench.$(date +%s)"
repo="$work/repo"
rm -rf "$repo" && mkdir -p "$repo"
cp -r "$fixture/." "$repo/"
sed -i "s/@VERSION@/$version/" "$repo/build.cake"
echo "packing and installing SpecCake.Tool $version and SpecCake.Recipe..." >&2
./pack.sh --output "$work/feed" --version "$version" > "$work/pack.log" 2>&1 || { cat "$work/pack.log" >&2; exit 1; }
(
  cd "$repo"
  dotnet new tool-manifest > /dev/null
  dotnet tool install --local SpecCake.Tool --version "$version" --add-source "$work/feed" > /dev/null
  dotnet tool install --local Cake.Tool --version 7.0.0 > /dev/null
)
# The fast path: the launchers next to the manifest, as docs/use-in-your-repo.md says.
cp "$root/build/launchers/speccake.sh" "$root/build/launchers/speccake.ps1" "$repo/"
export CAKE_NUGET_SOURCE="$work/feed;https://api.nuget.org/v3/index.json" CAKE_PATHS_ADDINS="$work/addins"

use_hyperfine() { [ -z "${BENCH_NO_HYPERFINE:-}" ] && command -v hyperfine > /dev/null; }

# measure COUNT DIR COMMAND...: "median mean" in seconds; the command must succeed.
measure() {
  local count="$1" dir="$2"
  shift 2
  (
    cd "$dir"
    "$@" > "$work/last.log" 2>&1 || { echo "failed: $* (see $work/last.log)" >&2; exit 1; }
    if use_hyperfine; then
      local csv
      csv="$(mktemp)"
      hyperfine -N --style none --warmup 2 --runs "$count" --export-csv "$csv" "$*" > /dev/null 2>&1
      awk -F, 'NR==2 { printf "%.4f %.4f\n", $4, $2 }' "$csv"
      rm -f "$csv"
    else
      local i start end samples=()
      for ((i = 0; i < count; i++)); do
        start=$(date +%s%N)
        "$@" > /dev/null 2>&1
        end=$(date +%s%N)
        samples+=($(((end - start) / 1000)))
      done
      printf '%s\n' "${samples[@]}" | sort -n | awk '{ v[NR] = $1; s += $1 } END {
        m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        printf "%.4f %.4f\n", m / 1e6, s / NR / 1e6 }'
    fi
  )
}

validate=(--target=ValidateSpecs "--working=$fixture")
dryrun=(--target=NotifySpecEvent --event=spec_approved --spec=FEAT-0001 --dryrun "--working=$fixture")
send=(--target=NotifySpecEvent --event=spec_approved --spec=FEAT-0001 "--working=$fixture")

rows=()
row() { # label count dir command...
  local label="$1" count="$2" dir="$3" median mean
  shift 3
  read -r median mean < <(measure "$count" "$dir" "$@")
  rows+=("$label|$median|$mean|$count")
}

row "hello world: dotnet Hello.dll" "$runs" "$root" dotnet "$hello_dir/Hello.dll"
row "native host alone (no build.sh) ValidateSpecs" "$runs" "$root" "$root/.artifacts/host/SpecCake.Tool" "${validate[@]}"
# build.sh's source check by itself, as build.sh runs it on the warm path.
check=(find "$root/build" "$root/src")
for file in Directory.Build.props Directory.Build.targets Directory.Packages.props global.json NuGet.config nuget.config; do
  [ -e "$root/$file" ] && check+=("$root/$file")
done
check+=(-type d "(" -name bin -o -name obj ")" -prune -o -newer "$root/.artifacts/host/.sources" -print -quit)
row "build.sh's source check alone (find -newer stamp -quit)" "$runs" "$root" "${check[@]}"
row "native ./build.sh --target=ValidateSpecs" "$runs" "$root" ./build.sh "${validate[@]}"
row "native ./build.sh NotifySpecEvent --dryrun" "$runs" "$root" ./build.sh "${dryrun[@]}"
row "native ./build.sh NotifySpecEvent (1 webhook)" "$runs" "$root" ./build.sh "${send[@]}"
row "ReadyToRun ./build.sh --target=ValidateSpecs" "$runs" "$root" env SPECCAKE_HOST_DIR="$r2r_dir" SPECCAKE_HOST_BUILD=readytorun ./build.sh "${validate[@]}"
row "ReadyToRun ./build.sh NotifySpecEvent --dryrun" "$runs" "$root" env SPECCAKE_HOST_DIR="$r2r_dir" SPECCAKE_HOST_BUILD=readytorun ./build.sh "${dryrun[@]}"
row "ReadyToRun ./build.sh NotifySpecEvent (1 webhook)" "$runs" "$root" env SPECCAKE_HOST_DIR="$r2r_dir" SPECCAKE_HOST_BUILD=readytorun ./build.sh "${send[@]}"
row "tool: dotnet speccake --target=ValidateSpecs" "$runs" "$repo" dotnet speccake --target=ValidateSpecs
row "tool: dotnet speccake NotifySpecEvent (1 webhook)" "$runs" "$repo" dotnet speccake --target=NotifySpecEvent --event=spec_approved --spec=FEAT-0001
row "tool fast path: ./speccake.sh --target=ValidateSpecs" "$runs" "$repo" ./speccake.sh --target=ValidateSpecs
row "tool fast path: ./speccake.sh NotifySpecEvent (1 webhook)" "$runs" "$repo" ./speccake.sh --target=NotifySpecEvent --event=spec_approved --spec=FEAT-0001
row "recipe: dotnet cake (Ci -> ValidateSpecs)" "$slow_runs" "$repo" dotnet cake
row "dotnet run --project build/Build.csproj ValidateSpecs" "$slow_runs" "$root" dotnet run --project build/Build.csproj -- "${validate[@]}"

hello="${rows[0]#*|}"
hello="${hello%%|*}"
tool="$(use_hyperfine && echo hyperfine || echo 'date +%s%N loop')"
{
  echo "Start-up ($tool; medians in seconds; $(nproc 2> /dev/null || echo '?') cores, load $(cut -d' ' -f1 /proc/loadavg 2> /dev/null || echo '?'))"
  printf '  %-56s %8s %8s %5s %9s\n' "command" "median" "mean" "runs" "vs hello"
  for entry in "${rows[@]}"; do
    IFS='|' read -r label median mean count <<< "$entry"
    awk -v l="$label" -v m="$median" -v a="$mean" -v n="$count" -v h="$hello" \
      'BEGIN { printf "  %-56s %8.3f %8.3f %5d %8.2fx\n", l, m, a, n, m / h }'
  done
  median_of() { # row label -> its median
    local entry
    for entry in "${rows[@]}"; do
      [ "${entry%%|*}" = "$1" ] && { IFS='|' read -r _ median _ _ <<< "$entry"; echo "$median"; return; }
    done
  }
  goal() { # label row-label limit
    awk -v l="$1" -v m="$(median_of "$2")" -v h="$hello" -v g="$3" \
      'BEGIN { r = m / h; printf "  %-58s %5.2fx (goal <= %.1fx: %s)\n", l, r, g, (r <= g ? "met" : "NOT met") }'
  }
  goal "native ./build.sh ValidateSpecs vs hello world" "native ./build.sh --target=ValidateSpecs" 1.0
  goal "native ./build.sh NotifySpecEvent --dryrun vs hello world" "native ./build.sh NotifySpecEvent --dryrun" 1.5
  goal "native ./build.sh NotifySpecEvent send vs hello world" "native ./build.sh NotifySpecEvent (1 webhook)" 1.5
  goal "another repo: ./speccake.sh ValidateSpecs vs hello world" "tool fast path: ./speccake.sh --target=ValidateSpecs" 1.2
  awk -v m="$(median_of "tool: dotnet speccake --target=ValidateSpecs")" -v h="$hello" \
    'BEGIN { printf "  %-58s %5.2fx (the muxer finding the local tool, for comparison)\n", "another repo: dotnet speccake ValidateSpecs vs hello world", m / h }'
  awk -v b="$(median_of "native ./build.sh --target=ValidateSpecs")" -v n="$(median_of "native host alone (no build.sh) ValidateSpecs")" \
    'BEGIN { d = (b - n) * 1000; printf "  %-58s %5.1f ms\n", "build.sh warm path (bash + source check), by difference", d }'
  awk -v c="$(median_of "build.sh's source check alone (find -newer stamp -quit)")" \
    'BEGIN { d = c * 1000; printf "  %-58s %5.1f ms (goal <= 5 ms: %s)\n", "build.sh source check", d, (d <= 5 ? "met" : "NOT met") }'
} | tee "$results/startup.txt"
