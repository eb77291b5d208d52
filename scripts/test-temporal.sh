#!/usr/bin/env bash
# End-to-end test of the Temporal executor against a REAL Temporal server (not part of scripts/test.sh).
#
# Server: TEMPORAL_ADDRESS (host:port) when set, else a `temporal` CLI on PATH started here as
#   temporal server start-dev --ip 127.0.0.1 --port $PLACEMENT_TEMPORAL_PORT (default 7233) --headless
# With neither, it says so plainly and exits 1: there is nothing to test against.
#
# What it does: two worker processes for two sets of locations (the workflow queue and every location but
# detect's in one, detect's location in the other), the video pipeline (detect slowed down by 8 s) run to completion
# with `placement run --executor temporal`, the second worker killed (SIGKILL) while detect runs and restarted,
# then checks: the run succeeded, every node committed exactly once (commit rows and manifest), the trace
# reconciles against the plan (`placement reconcile`).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
port="${PLACEMENT_TEMPORAL_PORT:-7233}"
work="$(mktemp -d "${TMPDIR:-/tmp}/placement-temporal-e2e.XXXXXX")"
pids=()
keep=0
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ "$keep" = 1 ] || rm -rf "$work"
}
trap cleanup EXIT

listening() { (exec 3<>"/dev/tcp/${1%:*}/${1##*:}") 2>/dev/null; }

if [ -n "${TEMPORAL_ADDRESS:-}" ]; then
  address="$TEMPORAL_ADDRESS"
  if ! listening "$address"; then
    echo "test-temporal: no Temporal server answers at TEMPORAL_ADDRESS=$address; start one there or unset TEMPORAL_ADDRESS to use a temporal CLI on PATH" >&2
    exit 1
  fi
elif command -v temporal >/dev/null 2>&1; then
  address="127.0.0.1:$port"
  if ! listening "$address"; then
    keep=1
    temporal server start-dev --ip 127.0.0.1 --port "$port" --headless --log-level warn >"$work/temporal-server.log" 2>&1 &
    pids+=($!)
    for _ in $(seq 1 60); do listening "$address" && break; sleep 1; done
    listening "$address" || { echo "test-temporal: temporal server start-dev did not listen on $address (log: $work/temporal-server.log)" >&2; exit 1; }
  fi
else
  echo "test-temporal: no Temporal server available: set TEMPORAL_ADDRESS to a reachable server, or put the temporal CLI on PATH (it is started as 'temporal server start-dev' on 127.0.0.1). Nothing was tested." >&2
  exit 1
fi
keep=1
export TEMPORAL_ADDRESS="$address"
echo "test-temporal: Temporal server at $address; work folder $work"

dotnet build "$root/src/Placement.Cli" -c Release --nologo --verbosity quiet
placement() { dotnet "$root/src/Placement.Cli/bin/Release/net10.0/placement.dll" --pricing "$root/pricing-data" "$@"; }

# The video pipeline with detect slowed down, so a worker can be killed while it runs; planned afresh.
cp -r "$root/scenarios/local-data" "$work/local-data"
sed 's/run: "cut -d: -f2/run: "sleep 8; cut -d: -f2/' "$root/scenarios/video-pipeline-local.yaml" >"$work/video.yaml"
grep -q 'sleep 8; cut' "$work/video.yaml" || { echo "test-temporal: could not slow detect down" >&2; exit 1; }
placement plan "$work/video.yaml" -o "$work/plan.json" >/dev/null
detect_at="$(python3 -c 'import json,sys; print(next(n["location"] for n in json.load(open(sys.argv[1]))["nodes"] if n["node"]=="detect"))' "$work/plan.json")"
mapfile -t others < <(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("\n".join(sorted({n["location"] for n in d["nodes"]} - {sys.argv[2]})))' "$work/plan.json" "$detect_at")
echo "test-temporal: detect runs at $detect_at; the other worker serves ${others[*]:-nothing} and the workflow queue"

# Both workers see the same buckets (one machine); each has its own journal and run folders.
export PLACEMENT_BUCKETS="$work/buckets"
args=()
for l in "${others[@]}"; do args+=(--location "$l"); done
placement worker "${args[@]}" --state "$work/state-a" >"$work/worker-a.log" 2>&1 &
pids+=($!)
start_b() { placement worker --location "$detect_at" --no-workflows --state "$work/state-b" >>"$work/worker-b.log" 2>&1 & worker_b=$!; pids+=($worker_b); }
start_b

run_id="e2e-$(date +%s)"
placement run "$work/video.yaml" --plan "$work/plan.json" --executor temporal --resume "$run_id" --state "$work/state-run" >"$work/run.log" 2>&1 &
run_pid=$!
pids+=($run_pid)

# Kill worker B while detect runs, then restart it: Temporal retries detect after its heartbeat timeout.
for _ in $(seq 1 120); do
  if placement status "$run_id" 2>/dev/null | grep -q "$run_id/detect"; then break; fi
  sleep 0.5
done
placement status "$run_id" | grep -q "$run_id/detect" || { echo "test-temporal: detect never started (see $work/*.log)" >&2; exit 1; }
kill -9 "$worker_b"
echo "test-temporal: killed worker B (pid $worker_b) while detect ran; restarting it"
sleep 2
start_b

if ! wait "$run_pid"; then
  echo "test-temporal: the run did not succeed:" >&2
  cat "$work/run.log" >&2
  exit 1
fi
cat "$work/run.log"

trace="$work/state-run/runs/$run_id/trace.json"
manifest="$work/state-run/runs/$run_id/manifest.json"
[ -f "$trace" ] && [ -f "$manifest" ] || { echo "test-temporal: no trace or manifest in $work/state-run/runs/$run_id" >&2; exit 1; }

# Nothing lost or committed twice: one output per node in the manifest, one valid commit per node in the workers' journals.
python3 - "$manifest" "$work/state-a/journal.db" "$work/state-b/journal.db" "$run_id" <<'PY'
import json, sqlite3, sys
manifest, journals, run = sys.argv[1], sys.argv[2:4], sys.argv[4]
m = json.load(open(manifest))
nodes = [o["node"] for o in m["outputs"]]
assert m["status"] == "succeeded", m["status"]
assert sorted(nodes) == sorted(set(nodes)) and len(nodes) == 4, nodes
counts = {}
for j in journals:
    db = sqlite3.connect(j)
    for node, n in db.execute("SELECT node, COUNT(*) FROM commits WHERE run_id = ? GROUP BY node", (run,)):
        counts[node] = counts.get(node, 0) + n
assert all(n == 1 for n in counts.values()) and len(counts) == 4, counts
print("test-temporal: every node committed exactly once:", ", ".join(sorted(counts)))
PY

placement reconcile "$work/plan.json" "$trace" --csv "$work/reconcile.csv"
echo "test-temporal: passed"
