#!/usr/bin/env bash
# Renders the index.html report of an evgrid command to a PNG with headless Chromium, to look at the pictures and
# tables as a user sees them.
#
#   scripts/render-report.sh OUT.png COMMAND [ARGS...]
#
# COMMAND and ARGS are an evgrid command line without --out (for example: powerflow ieee33). The command runs from
# the repository's build (dotnet run, Release) with --out set to a temporary directory; the report is then rendered
# at 1400 x 2000 pixels. Needs Chromium (Debian: apt-get install chromium). Set EVGRID to run another evgrid (an
# installed tool, say) and KEEP=1 to keep the temporary directory.
set -euo pipefail

if [[ $# -lt 2 ]]; then
    echo "usage: $0 OUT.png COMMAND [ARGS...]   (e.g. $0 powerflow.png powerflow ieee33)" >&2
    exit 1
fi

png=$1
shift
chromium=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
if [[ -z "$chromium" ]]; then
    echo "error: chromium not found (Debian: apt-get install chromium; or set CHROMIUM)" >&2
    exit 1
fi

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=$(mktemp -d)
profile=$(mktemp -d)
cleanup() {
    rm -rf "$profile"
    if [[ "${KEEP:-0}" != 1 ]]; then rm -rf "$out"; else echo "kept $out" >&2; fi
}
trap cleanup EXIT

if [[ -n "${EVGRID:-}" ]]; then
    status=0
    "$EVGRID" "$@" --out "$out" >/dev/null || status=$?
else
    status=0
    dotnet run --project "$root/src/EvGrid.Optimization.Cli" -c Release -- "$@" --out "$out" >/dev/null || status=$?
fi

# Exit codes 2 (not converged / nothing feasible) and 130 (interrupted) still write a report.
if [[ ! -f "$out/index.html" ]]; then
    echo "error: the command wrote no index.html (exit code $status)" >&2
    exit 1
fi

png_path=$(cd "$(dirname "$png")" && pwd)/$(basename "$png")
"$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$profile" --screenshot="$png_path" \
    --window-size=1400,2000 "file://$out/index.html" 2>/dev/null
echo "rendered $out/index.html to $png_path (command exit code $status)"
