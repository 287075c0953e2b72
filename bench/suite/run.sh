#!/usr/bin/env bash
# The test suite's own speed (issue 17, item 11), from a fresh clone, as CI and a new contributor
# pay it: wall time and CPU seconds of
#   projects   `dotnet build SpecCake.sln`, then each test project alone (`dotnet test <project> --no-build`)
#   solution   `dotnet test SpecCake.sln` on a second fresh clone (the README's test command)
#   ci         `.ci/run` on a third fresh clone
# Goals on 2 cores: solution <= 5 min wall, SpecCake.Tests <= 60 s, ci <= 6 min. Takes 15-25 minutes.
#
#   bench/suite/run.sh [--steps "projects solution ci"] [<git ref>]     (default: every step, HEAD)
#
# CPU seconds count every process a step starts (MSBuild nodes, ILC, the compilers, test hosts),
# from a cpuacct cgroup where the machine offers one (root on Linux). Without it they are
# /usr/bin/time's user + system, which misses processes their parent did not wait for (MSBuild's
# worker nodes) and so reads low. Wall times move with the machine's load (printed per step);
# CPU seconds much less. The clones share ~/.nuget/packages, so package downloads are not counted.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
steps="projects solution ci"
if [ "${1:-}" = "--steps" ]; then
  steps="$2"
  shift 2
fi
ref="${1:-HEAD}"
commit="$(git -C "$root" rev-parse --verify "$ref^{commit}")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

cgroups=/sys/fs/cgroup/cpuacct
[ -w "$cgroups" ] || cgroups=""
results="$root/.artifacts/bench/suite/$(date +%Y%m%d-%H%M%S)-$$"
mkdir -p "$results"

clone() {
  git clone -q --no-hardlinks "$root" "$work/$1"
  git -C "$work/$1" checkout -q "$commit"
}

# measure <label> <directory> <command...>: runs the command there, its output in $results/<label>.log.
measure() {
  local label="$1" directory="$2" log="$results/${1//[^A-Za-z0-9.-]/_}.log" group="" start end status cpu load
  shift 2
  load="$(cut -d' ' -f1-3 /proc/loadavg)"
  if [ -n "$cgroups" ]; then
    group="$cgroups/speccake-suite-$$-$RANDOM"
    mkdir "$group"
  fi
  start=$(date +%s%N)
  set +e
  (
    cd "$directory"
    if [ -n "$group" ]; then
      echo "$BASHPID" > "$group/cgroup.procs"
      exec "$@"
    fi
    exec /usr/bin/time -f "%U %S" -o "$log.cpu" "$@"
  ) > "$log" 2>&1
  status=$?
  set -e
  end=$(date +%s%N)
  if [ -n "$group" ]; then
    cpu="$(awk '{ printf "%.0f", $1 / 1e9 }' "$group/cpuacct.usage")"
    # Left-over processes (a build server) keep the group; it is only a name.
    rmdir "$group" 2> /dev/null || true
  else
    cpu="$(awk '{ printf "%.0f (time: low)", $1 + $2 }' "$log.cpu")"
  fi
  printf 'suite: %-34s %4d s wall  %5s s CPU  exit %d  load before %s, after %s\n' \
    "$label" $(((end - start) / 1000000000)) "$cpu" "$status" "$load" "$(cut -d' ' -f1-3 /proc/loadavg)"
  grep -hE '^(Passed|Failed)! ' "$log" | sed 's/^/suite:   /' || true
}

echo "suite: commit $(git -C "$root" log -1 --format='%h %s' "$commit" | cut -c1-100)"
echo "suite: machine: $(nproc) cores; CPU from $([ -n "$cgroups" ] && echo "a cpuacct cgroup" || echo "/usr/bin/time")"
for step in $steps; do
  case "$step" in
    projects)
      clone projects
      measure build "$work/projects" dotnet build SpecCake.sln
      for project in SpecCake.Tests SpecCake.Host.Tests SpecCake.AddinTests; do
        measure "$project" "$work/projects" dotnet test "tests/$project" --no-build
      done ;;
    solution)
      clone solution
      measure "dotnet test SpecCake.sln" "$work/solution" dotnet test SpecCake.sln ;;
    ci)
      clone ci
      measure ".ci/run" "$work/ci" bash .ci/run ;;
    *) echo "suite: unknown step '$step' (projects, solution, ci)" >&2; exit 2 ;;
  esac
done
echo "suite: logs in $results"
