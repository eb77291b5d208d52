#!/usr/bin/env bash
# Executes every notebook in notebooks/ the way a user would: Jupyter (Debian packages) with the .NET Interactive
# kernel (the Microsoft.dotnet-interactive tool 1.0.712001 from NuGet), `jupyter nbconvert --execute`.
# Installs what is missing (idempotent), builds the Release binaries the notebooks' #r lines load, then writes the
# executed notebooks to TestResults/notebooks-jupyter/ (or over notebooks/ with --inplace).
# Not part of scripts/test.sh: tests/Placement.Notebooks.Tests runs the same cells on the same kernel in process.
set -euo pipefail
cd "$(dirname "$0")/.."
inplace=false
[ "${1:-}" = "--inplace" ] && inplace=true

need_apt=()
command -v jupyter-nbconvert >/dev/null 2>&1 || need_apt+=(jupyter-client jupyter-nbconvert python3-nbclient)
if [ ${#need_apt[@]} -gt 0 ]; then
  sudo_=""; [ "$(id -u)" -eq 0 ] || sudo_=sudo
  $sudo_ apt-get update -qq >/dev/null && $sudo_ env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

tools="$PWD/.tools"
if [ ! -x "$tools/dotnet-interactive" ]; then
  dotnet tool install Microsoft.dotnet-interactive --version 1.0.712001 --tool-path "$tools" >/dev/null
fi
# The C# kernel spec the notebooks name (.net-csharp), private to this checkout (JUPYTER_PATH), nothing installed for
# the user. Unlike the one `dotnet-interactive jupyter install` writes, its HTTP service listens on localhost only
# (--http-local-only), on a port from PLACEMENT_NOTEBOOK_PORTS (default 2048-3000; give each checkout its own range).
ports="${PLACEMENT_NOTEBOOK_PORTS:-2048-3000}"
spec="$tools/jupyter/kernels/.net-csharp"
mkdir -p "$spec"
cat >"$spec/kernel.json" <<JSON
{
  "argv": ["$tools/dotnet-interactive", "jupyter", "--default-kernel", "csharp", "--http-local-only", "--http-port-range", "$ports", "{connection_file}"],
  "display_name": ".NET (C#)",
  "language": "C#"
}
JSON
export JUPYTER_PATH="$tools/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"

dotnet build src/Placement.Cli -c Release --nologo --verbosity quiet >/dev/null

out="TestResults/notebooks-jupyter"
mkdir -p "$out"
for nb in notebooks/*.ipynb; do
  start=$(date +%s)
  if $inplace; then
    jupyter nbconvert --to notebook --execute --inplace --ExecutePreprocessor.timeout=600 "$nb" 2>"$out/$(basename "$nb").log"
  else
    jupyter nbconvert --to notebook --execute --ExecutePreprocessor.timeout=600 --output-dir "$out" "$nb" 2>"$out/$(basename "$nb").log"
  fi
  echo "$nb: executed in $(( $(date +%s) - start )) s"
done
echo "Executed notebooks in $($inplace && echo notebooks/ || echo "$out/")"
