#!/usr/bin/env bash
# ImplementSpec overhead benchmark: the whole `./build.sh --target=ImplementSpec` process (start,
# config and specs, refusals, git fetch/checkout/commit/push to a bare origin on disk, the pull
# request through Octokit to a fake GitHub API, the events to a webhook, the summary) with an
# instant agent (`date > feature.txt`) and no verify commands: everything but the agent's and the
# checks' own time. Two kinds of run, each from the same state every time:
#  - first round: the spec branch deleted locally and on origin (the fake's pull request stays
#    open, so it takes the update path);
#  - review round: the branch and its open pull request with review feedback (reading the
#    conversation through Octokit, the round's commit on top, the push, the pull request's
#    update and one comment).
# Goal: median <= 1 s wall for each on this machine; exit code 2 when one is over.
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
first_round() {
  git -C "$work" checkout -q main
  git -C "$work" branch -q -D spec/feat-0001 2> /dev/null || true
  git -C "$work_root/origin.git" branch -q -D spec/feat-0001 2> /dev/null || true
}
review_round() {
  git -C "$work" checkout -q main
}
implement=("$root/build.sh" --working="$work" --target=ImplementSpec --spec=FEAT-0001 --verbosity=quiet)

status=0
measure() { # <label> <reset function>
  local label="$1" reset="$2" times=() cpus=()
  for _ in $(seq "$runs"); do
    "$reset"
    start=$(date +%s%N)
    # CPU seconds (user + system, the host and every git/agent process) move less than wall time
    # when the machine is busy with other work.
    /usr/bin/time -f "%U %S" -o "$work_root/cpu" "${implement[@]}" > "$work_root/run.log" 2>&1 || { cat "$work_root/run.log" >&2; exit 1; }
    end=$(date +%s%N)
    times+=($(((end - start) / 1000000)))
    cpus+=("$(awk '{ printf "%d", ($1 + $2) * 1000 }' "$work_root/cpu")")
  done
  local sorted sorted_cpu median
  sorted=($(printf '%s\n' "${times[@]}" | sort -n))
  median=${sorted[$((${#sorted[@]} / 2))]}
  sorted_cpu=($(printf '%s\n' "${cpus[@]}" | sort -n))
  echo "implement: $label, ${runs} runs: median ${median} ms wall (min ${sorted[0]}, max ${sorted[-1]}), ${sorted_cpu[$((${#sorted_cpu[@]} / 2))]} ms CPU; goal <= 1000 ms wall"
  [ "$median" -le 1000 ] || status=2
}

first_round
"${implement[@]}" > "$work_root/first.log" 2>&1 || { cat "$work_root/first.log" >&2; exit 1; }
measure "first round (./build.sh --target=ImplementSpec, instant agent)" first_round
first_round
"${implement[@]}" > "$work_root/first.log" 2>&1 || { cat "$work_root/first.log" >&2; exit 1; }
measure "review round (feedback read through Octokit, one commit on top, push, PR update, one comment)" review_round
# Each review round pushed one commit answering the review (not a first round, not "nothing new").
rounds=$(git -C "$work_root/origin.git" log --format=%s spec/feat-0001 | grep -c "address review" || true)
[ "$rounds" -eq "$runs" ] || { echo "expected $runs review rounds on the branch, found $rounds" >&2; cat "$work_root/run.log" >&2; exit 1; }
echo "implement: machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
exit $status
