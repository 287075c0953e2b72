#!/usr/bin/env bash
# Runs every benchmark (bench/<name>/run.sh, in name order) and prints its figures and ratios;
# `bench/run.sh startup` runs only the named ones. Results are also kept in bench/results/.
set -euo pipefail
bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

if [ $# -gt 0 ]; then
  names=("$@")
else
  names=()
  for script in "$bench"/*/run.sh; do
    names+=("$(basename "$(dirname "$script")")")
  done
fi

status=0
for name in "${names[@]}"; do
  echo "== $name"
  bash "$bench/$name/run.sh" || status=1
  echo
done
exit $status
