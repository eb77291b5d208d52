#!/usr/bin/env bash
# Starts or stops the local storage servers the executor tests use, bound to 127.0.0.1 on fixed ports:
#   s3rver  (S3 API)     port ${PLACEMENT_S3_PORT:-14568}
#   Azurite (Azure Blob) port ${PLACEMENT_AZURE_PORT:-14000}
# Data and pid files live under ${PLACEMENT_SERVERS_DIR:-${TMPDIR:-/tmp}/placement-servers}.
# Usage: scripts/servers.sh start|stop|restart|reset|status [s3|azure|all]   (reset: stop and delete the data)
# Installs the npm packages (tools/servers) on first use. Waits until a started server answers HTTP.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tools="$root/tools/servers"
dir="${PLACEMENT_SERVERS_DIR:-${TMPDIR:-/tmp}/placement-servers}"
s3_port="${PLACEMENT_S3_PORT:-14568}"
az_port="${PLACEMENT_AZURE_PORT:-14000}"
action="${1:-status}"
which="${2:-all}"

ensure_installed() {
  if [ ! -x "$tools/node_modules/.bin/s3rver" ] || [ ! -x "$tools/node_modules/.bin/azurite-blob" ]; then
    (cd "$tools" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
}

port_of() { if [ "$1" = s3 ]; then echo "$s3_port"; else echo "$az_port"; fi; }

running() {
  local pidfile="$dir/$1.pid"
  [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null
}

answers() {
  # A TCP connect succeeds once the server listens (bash's /dev/tcp: no curl needed).
  (exec 3<>"/dev/tcp/127.0.0.1/$(port_of "$1")") 2>/dev/null
}

start_one() {
  local name="$1"
  if running "$name"; then return 0; fi
  mkdir -p "$dir/$name-data"
  if [ "$name" = s3 ]; then
    setsid "$tools/node_modules/.bin/s3rver" -d "$dir/s3-data" -a 127.0.0.1 -p "$s3_port" --silent --no-vhost-buckets \
      >"$dir/s3.log" 2>&1 < /dev/null &
  else
    setsid "$tools/node_modules/.bin/azurite-blob" --blobHost 127.0.0.1 --blobPort "$az_port" -l "$dir/azure-data" \
      --silent --loose --skipApiVersionCheck --disableTelemetry >"$dir/azure.log" 2>&1 < /dev/null &
  fi
  echo $! >"$dir/$name.pid"
  for _ in $(seq 1 150); do
    if answers "$name"; then return 0; fi
    if ! running "$name"; then echo "$name failed to start; see $dir/$name.log" >&2; cat "$dir/$name.log" >&2; return 1; fi
    sleep 0.1
  done
  echo "$name did not answer on port $(port_of "$name") within 15 s; see $dir/$name.log" >&2
  return 1
}

stop_one() {
  local name="$1" pidfile="$dir/$1.pid"
  if running "$name"; then
    local pid; pid=$(cat "$pidfile")
    # setsid made the server a process-group leader: stop the group (npm shims may fork a child node).
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
}

names=()
case "$which" in
  s3) names=(s3) ;;
  azure) names=(azure) ;;
  all) names=(s3 azure) ;;
  *) echo "unknown server '$which': use s3, azure or all" >&2; exit 2 ;;
esac

case "$action" in
  start) ensure_installed; mkdir -p "$dir"; for n in "${names[@]}"; do start_one "$n"; done ;;
  stop) for n in "${names[@]}"; do stop_one "$n"; done ;;
  restart) ensure_installed; mkdir -p "$dir"; for n in "${names[@]}"; do stop_one "$n"; start_one "$n"; done ;;
  reset) for n in "${names[@]}"; do stop_one "$n"; rm -rf "${dir:?}/$n-data" "$dir/$n.log"; done ;;
  status) for n in "${names[@]}"; do if running "$n"; then echo "$n running on 127.0.0.1:$(port_of "$n")"; else echo "$n stopped"; fi; done ;;
  *) echo "usage: $0 start|stop|restart|reset|status [s3|azure|all]" >&2; exit 2 ;;
esac
