#!/usr/bin/env bash
# One command for the side-by-side comparison (see README.md here): installs the Node contender's pinned packages,
# builds the harness in Release and runs every scenario. Extra arguments go to the harness, e.g. --days 5 --skip-node.
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if [[ " $* " != *" --skip-node "* ]]; then
  command -v node >/dev/null || { echo "node (>= 18) is needed for the tardis-dev contender; or pass --skip-node" >&2; exit 2; }
  (cd benchmarks/compare/tardis-dev && npm ci --no-audit --no-fund --loglevel=error)
fi
dotnet build benchmarks/compare/TickCache.Compare -c Release -warnaserror --nologo -v quiet
# The same harness published ReadyToRun (precompiled, as an app can be deployed): the harness runs its warm rows with it too.
dotnet publish benchmarks/compare/TickCache.Compare -c Release --use-current-runtime --self-contained false -p:PublishReadyToRun=true \
  -o benchmarks/compare/.work/r2r --nologo -v quiet
exec benchmarks/compare/TickCache.Compare/bin/Release/net10.0/TickCache.Compare "$@"
