#!/usr/bin/env bash
# Runs every test of the solution and ends with one line "N passed, N failed" counted from the TRX results.
set -uo pipefail
cd "$(dirname "$0")/.."
results="TestResults/run-$$"
rm -rf "$results"
dotnet build Placement.sln -c Release --nologo --verbosity quiet || { echo "0 passed, 1 failed"; exit 1; }
dotnet test Placement.sln -c Release --no-build --nologo --verbosity quiet --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results"
status=$?
passed=0; failed=0
for f in "$results"/*.trx; do
  [ -e "$f" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$f" | head -1)
  p=$(echo "$counters" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p'); f2=$(echo "$counters" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')
  passed=$((passed + ${p:-0})); failed=$((failed + ${f2:-0}))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "${passed} passed, ${failed} failed"
exit "$status"
