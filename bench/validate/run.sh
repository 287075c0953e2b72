#!/usr/bin/env bash
# ValidateSpecs over generated spec files, against ajv-cli validating the same files with the
# same schema (schemas/spec.schema.json), in one run. Prints wall time, peak memory and the ratio.
#   bench/validate/run.sh              10,000 files, best of 3 runs each
#   SPEC_COUNT=2000 RUNS=1 bench/validate/run.sh
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
count=${SPEC_COUNT:-10000}
runs=${RUNS:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }

echo "building the bench console (ReadyToRun, as the host ships) ..."
dotnet publish "$here/SpecBench.csproj" -c Release -r linux-x64 --self-contained false \
  -p:PublishReadyToRun=true -o "$work/bin" --nologo -v quiet >/dev/null

if [ ! -x "$here/node_modules/.bin/ajv" ]; then
  echo "installing ajv-cli ..."
  (cd "$here" && npm ci --no-audit --no-fund --silent)
fi

"$work/bin/SpecBench" generate "$work/tree" "$count"
cp -r "$repo/schemas" "$work/tree/"
# Both tools read the same files from a warm page cache.
find "$work/tree/specs" -type f -exec cat {} + >/dev/null

# best_of <label> <command...>: runs the command $runs times, keeps the fastest wall time and its peak RSS.
best_of() {
  local label=$1; shift
  local best_wall="" best_rss="" best_cpu=""
  for _ in $(seq "$runs"); do
    if ! /usr/bin/time -f "%e %M %U %S" -o "$work/time" "$@" >"$work/out" 2>&1; then
      echo "$label failed:" >&2; tail -20 "$work/out" >&2; exit 1
    fi
    read -r wall rss user sys <"$work/time"
    if [ -z "$best_wall" ] || awk "BEGIN{exit !($wall < $best_wall)}"; then
      best_wall=$wall; best_rss=$rss; best_cpu=$(awk "BEGIN{print $user + $sys}")
    fi
  done
  printf '%s %s %s\n' "$best_wall" "$best_rss" "$best_cpu"
}

read -r sc_wall sc_rss sc_cpu < <(best_of speccake "$work/bin/SpecBench" validate "$work/tree/specs.config.yaml")
# The same files through the product itself: the warm host's ValidateSpecs task (the command CI runs).
"$repo/build.sh" --version >/dev/null
read -r host_wall host_rss host_cpu < <(best_of build.sh "$repo/build.sh" --target=ValidateSpecs --working="$work/tree" --verbosity=quiet)
read -r ajv_wall ajv_rss ajv_cpu < <(best_of ajv-cli "$here/node_modules/.bin/ajv" validate --spec=draft2020 --strict=false \
  --all-errors -c ajv-formats -s "$work/tree/schemas/spec.schema.json" -d "$work/tree/specs/**/*.yaml")

echo
echo "ValidateSpecs over $count spec files ($(nproc) cores, best of $runs; process start included)"
printf '  %-34s %8s s wall  %6s s CPU  %8.1f MiB peak\n' "SpecCake (library, R2R)" "$sc_wall" "$sc_cpu" "$(awk "BEGIN{print $sc_rss/1024}")"
printf '  %-34s %8s s wall  %6s s CPU  %8.1f MiB peak\n' "./build.sh --target=ValidateSpecs" "$host_wall" "$host_cpu" "$(awk "BEGIN{print $host_rss/1024}")"
printf '  %-34s %8s s wall  %6s s CPU  %8.1f MiB peak\n' "ajv-cli 5 (draft2020, yaml)" "$ajv_wall" "$ajv_cpu" "$(awk "BEGIN{print $ajv_rss/1024}")"
printf '  ratio: ajv-cli / SpecCake = %.1fx    goal: SpecCake <= 3 s (%s)\n' \
  "$(awk "BEGIN{print $ajv_wall/$sc_wall}")" "$(awk "BEGIN{print ($sc_wall <= 3.0 && $host_wall <= 3.0) ? \"met\" : \"missed\"}")"
printf '  ratio: ajv-cli / ./build.sh = %.1fx\n' "$(awk "BEGIN{print $ajv_wall/$host_wall}")"
printf '  CPU ratio: ajv-cli / SpecCake = %.1fx    load average now: %s\n' \
  "$(awk "BEGIN{print $ajv_cpu/$sc_cpu}")" "$(cut -d' ' -f1-3 /proc/loadavg)"
