#!/usr/bin/env bash
# The CLI against the SimGrid reference in one run (bench suite `cli`): publishes the CLI as a Native AOT binary to
# out/cli-aot (needs clang and the ILCompiler package the SDK restores; PLACEMENT_BENCH_AOT=0 or a failed AOT publish
# falls back to ReadyToRun) and ReadyToRun to out/cli-readytorun, builds the sg-ref dagsim (needs libsimgrid-dev:
# apt-get install -y libsimgrid-dev), then times import-wfcommons, validate, plan, simulate and
# simulate --replicas 1000 on the trace with the first CLI, one replay with the second, and dagsim on the same trace.
# PLACEMENT_BENCH_CLI=PATH times a native CLI published beforehand (same command as below, e.g. into /tmp) instead
# of publishing one here: the AOT publish takes 10-25 min on a loaded 2-core machine.
# usage: bash bench/cli-vs-simgrid.sh [TRACE.json] [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
trace=${1:-/work/shared/data/wfinstances/bwa-chameleon-large-001.json}
runs=${2:-5}
sg_ref=${SG_REF:-/work/shared/tools/sg-ref}
rid=$(dotnet --info | sed -n 's/^ *RID: *//p' | head -1)
rid=${rid:-linux-x64}
dotnet publish src/Placement.Cli -c Release -r "$rid" --self-contained false -o out/cli-readytorun --verbosity quiet >/dev/null
cli=out/cli-readytorun/placement
also=()
if [ -n "${PLACEMENT_BENCH_CLI:-}" ]; then
  cli=$PLACEMENT_BENCH_CLI
  also=(--also out/cli-readytorun/placement)
elif [ "${PLACEMENT_BENCH_AOT:-1}" = 1 ]; then
  if dotnet publish src/Placement.Cli -c Release -r "$rid" -p:PublishAot=true -o out/cli-aot --verbosity quiet >out/cli-aot.log 2>&1; then
    cli=out/cli-aot/placement
    also=(--also out/cli-readytorun/placement)
  else
    echo "Native AOT publish failed (out/cli-aot.log): timing the ReadyToRun CLI" >&2
  fi
fi
dagsim=()
if [ -e /usr/include/simgrid/s4u.hpp ] && [ -f "$sg_ref/dagsim.cpp" ]; then
  g++ -O2 "$sg_ref/dagsim.cpp" -lsimgrid -o out/cli-readytorun/dagsim
  dagsim=(--dagsim out/cli-readytorun/dagsim --sg-ref "$sg_ref")
else
  echo "libsimgrid-dev or $sg_ref missing: the SimGrid reference is skipped" >&2
fi
dotnet run -c Release --project bench/Placement.Bench -- cli --cli "$cli" "${also[@]}" "${dagsim[@]}" --trace "$trace" --runs "$runs"
