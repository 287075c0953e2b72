#!/usr/bin/env bash
# ImplementSpec overhead benchmark: the whole `./build.sh --target=ImplementSpec` process (start,
# config and specs, refusals, git fetch/checkout/commit/push to a bare origin on disk, the pull
# request through Octokit to a fake GitHub API, three events to a webhook, the summary) with an
# instant agent (`date > feature.txt`) and no verify commands: everything but the agent's and the
# checks' own time. Each run starts from the same state (local and remote spec branch deleted;
# the fake's pull request stays open, so runs after the first take the update path).
# Goal: median <= 1 s wall on this machine; exit code 2 when it is over.
#   bench/implement/run.sh [runs]     (default 10)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
runs="${1:-10}"

dotnet build "$here/Bench.Implement.csproj" -c Release -nologo -v quiet -o "$root/.artifacts/bench/implement" \
  --artifacts-path "$root/.artifacts/bench/implement.obj" > /dev/null
work_root="$(mktemp -d)"
"$root/.artifacts/bench/implement/Bench.Implement" serve "$work_root" > "$work_root/serve.log" 2>&1 < /dev/null & server=$!
trap 'kill $server 2> /dev/null; rm -rf "$work_root"' EXIT
for _ in $(seq 300); do [ -f "$work_root/ready" ] && break; sleep 0.1; done
[ -f "$work_root/ready" ] || { cat "$work_root/serve.log" >&2; echo "the fake servers did not start" >&2; exit 1; }
set -a
# shellcheck disable=SC1091
. "$work_root/env"
set +a
export NO_COLOR=1

"$root/build.sh" --version > /dev/null # builds the host when its sources changed
work="$work_root/work"
reset() {
  git -C "$work" checkout -q main
  git -C "$work" branch -q -D spec/feat-0001 2> /dev/null || true
  git -C "$work_root/origin.git" branch -q -D spec/feat-0001 2> /dev/null || true
}
implement=("$root/build.sh" --working="$work" --target=ImplementSpec --spec=FEAT-0001 --verbosity=quiet)

reset
"${implement[@]}" > "$work_root/first.log" 2>&1 || { cat "$work_root/first.log" >&2; exit 1; }
times=()
cpus=()
for _ in $(seq "$runs"); do
  reset
  start=$(date +%s%N)
  # CPU seconds (user + system, the host and every git/agent process) move less than wall time
  # when the machine is busy with other work.
  /usr/bin/time -f "%U %S" -o "$work_root/cpu" "${implement[@]}" > "$work_root/run.log" 2>&1 || { cat "$work_root/run.log" >&2; exit 1; }
  end=$(date +%s%N)
  times+=($(((end - start) / 1000000)))
  cpus+=("$(awk '{ printf "%d", ($1 + $2) * 1000 }' "$work_root/cpu")")
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
median=${sorted[$((${#sorted[@]} / 2))]}
sorted_cpu=($(printf '%s\n' "${cpus[@]}" | sort -n))
echo "implement: ./build.sh --target=ImplementSpec with an instant agent, ${runs} runs: median ${median} ms wall (min ${sorted[0]}, max ${sorted[-1]}), ${sorted_cpu[$((${#sorted_cpu[@]} / 2))]} ms CPU; goal <= 1000 ms wall"
echo "implement: machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
[ "$median" -le 1000 ] || exit 2
