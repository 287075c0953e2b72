#!/usr/bin/env bash
# Hostile endpoints on the real clock with the default retry policy: what a silent chat webhook,
# a silent webhook and endless answers cost one NotifySpecEvent step (wall time, attempts, peak
# working set of the process). Cases: silent-chat silent-webhook endless-error endless-success.
set -euo pipefail
cd "$(dirname "$0")"
dotnet run -c Release --project Bench.Hostile.csproj -- "$@"
