#!/usr/bin/env bash
# NotifySpecEvent fan-out benchmark: 10 loopback endpoints answering after 200 ms each.
# Prints each run's wall time (run 0 is the cold, first-in-process one, as in a CI step),
# then the warm median beside the sum of the latencies.
#   ./run.sh [runs]          JIT build
#   R2R=1 ./run.sh [runs]    ReadyToRun publish, as the host ships (slow to publish the first time)
# Exit code 2 when the warm median is more than 300 ms over the slowest endpoint.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [[ "${R2R:-0}" == "1" ]]; then
  out="$here/bin/r2r"
  dotnet publish "$here/NotifyBench.csproj" -c Release -r linux-x64 --self-contained false \
    -p:PublishReadyToRun=true -o "$out" -nologo -v quiet >/dev/null
  exec "$out/NotifyBench" "${@:-5}"
fi
dotnet build "$here/NotifyBench.csproj" -c Release -nologo -v quiet >/dev/null
exec dotnet "$here/bin/Release/net10.0/NotifyBench.dll" "${@:-5}"
