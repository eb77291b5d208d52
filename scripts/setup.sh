#!/usr/bin/env bash
# Installs what Placement needs on a fresh Debian machine with the .NET SDK, then restores NuGet packages.
# Idempotent: safe to run before every command.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
# COIN-OR CBC: the MILP engine of the planner (called through its C API).
# The planner P/Invokes libCbcSolver.so (the C API, Cbc_C_Interface.h), which the same package ships.
# The LP-bound stage P/Invokes libClp.so (CLP's C API), which comes with it as coinor-libclp-dev.
{ [ -e /usr/lib/x86_64-linux-gnu/libCbcSolver.so ] && [ -e /usr/lib/x86_64-linux-gnu/libClp.so ]; } \
  || { [ -e /usr/lib/aarch64-linux-gnu/libCbcSolver.so ] && [ -e /usr/lib/aarch64-linux-gnu/libClp.so ]; } \
  || need_apt+=(coinor-libcbc-dev coinor-libclp-dev)
# Node.js and npm: run the local storage servers (s3rver, Azurite) the executor tests use.
command -v npm >/dev/null 2>&1 || need_apt+=(nodejs npm)
# Headless Chromium: the HTML report test opens the report in it through Playwright (never a browser download).
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    sudo apt-get update -qq >/dev/null && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  fi
fi

# s3rver and Azurite, pinned by tools/servers/package-lock.json (scripts/servers.sh starts them).
[ -x tools/servers/node_modules/.bin/s3rver ] && [ -x tools/servers/node_modules/.bin/azurite-blob ] \
  || (cd tools/servers && npm ci --no-audit --no-fund --loglevel=error >/dev/null)

dotnet restore Placement.sln --verbosity quiet >/dev/null
