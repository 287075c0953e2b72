#!/usr/bin/env bash
# SyncTrackers benchmark: 500 specs against each stateful fake tracker with 50 ms per call.
# Prints requests per spec (first sync, unchanged rerun) and wall time, bounded concurrency vs sequential.
# Options: --specs N, --latency-ms N, --concurrency N, --no-sequential, --only jira,linear
set -euo pipefail
cd "$(dirname "$0")"
dotnet run -c Release --project Bench.Trackers.csproj -- "$@"
