#!/usr/bin/env bash
# Issue 13's whole table in one run: the CLI against SimGrid (bench/cli-vs-simgrid.sh: import, validate, plan, one
# replay, 1,000 replicas from the command line, and the SimGrid reference on the same trace) and the scale suite
# (1,000 / 10,000 / 100,000-task WfCommons shapes and every real trace: import, validate, plan time and proven gap, one
# simulation, Monte Carlo replicas, events/s, peak memory, ratios against a bare JSON parse in the same process).
# Replicas per row: 1,000, or as many as fit in REPLICA_BUDGET seconds (default 30; the 100,000-task shape runs
# fewer, the count is printed). Plans are limited to PLAN_LIMIT seconds (default 60). About 10-15 min on an idle
# 2-core machine. Output: stdout and bench/Placement.Bench/ScaleReport.txt.
# usage: bash bench/scale-report.sh [TRACE.json] [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/Placement.Bench/ScaleReport.txt
start=$(date +%s)
{
  echo "# Scale report $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start"
  echo
  echo "## cli (against SimGrid in the same run)"
  bash bench/cli-vs-simgrid.sh "${1:-/work/shared/data/wfinstances/bwa-chameleon-large-001.json}" "${2:-5}"
  echo
  echo "## scale"
  dotnet run -c Release --project bench/Placement.Bench -- scale --plan-limit "${PLAN_LIMIT:-60}" --replica-budget "${REPLICA_BUDGET:-30}"
  echo
  echo "# total $(( $(date +%s) - start )) s; load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
} | tee "$out"
