#!/usr/bin/env bash
# The CLI against the SimGrid reference in one run (bench suite `cli`): publishes the CLI precompiled (ReadyToRun)
# to out/bench-cli, builds the sg-ref dagsim (needs libsimgrid-dev: apt-get install -y libsimgrid-dev), then times
# import-wfcommons, validate, plan, simulate and simulate --replicas 1000 on the trace, and dagsim on the same trace.
# usage: bash bench/cli-vs-simgrid.sh [TRACE.json] [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
trace=${1:-/work/shared/data/wfinstances/bwa-chameleon-large-001.json}
runs=${2:-5}
sg_ref=${SG_REF:-/work/shared/tools/sg-ref}
rid=$(dotnet --info | sed -n 's/^ *RID: *//p' | head -1)
dotnet publish src/Placement.Cli -c Release -r "${rid:-linux-x64}" --self-contained false -o out/bench-cli --verbosity quiet >/dev/null
dagsim=()
if [ -e /usr/include/simgrid/s4u.hpp ] && [ -f "$sg_ref/dagsim.cpp" ]; then
  g++ -O2 "$sg_ref/dagsim.cpp" -lsimgrid -o out/bench-cli/dagsim
  dagsim=(--dagsim out/bench-cli/dagsim --sg-ref "$sg_ref")
else
  echo "libsimgrid-dev or $sg_ref missing: the SimGrid reference is skipped" >&2
fi
dotnet run -c Release --project bench/Placement.Bench -- cli --cli out/bench-cli/placement "${dagsim[@]}" --trace "$trace" --runs "$runs"
