#!/usr/bin/env bash
# Compare the geometry package's projections with PROJ's cs2cs and time both on the same
# points. Needs PROJ's command-line tools (Debian: apt-get install -y proj-bin). Not run by CI.
#
#   scripts/proj-compare/run.sh            # 20 000 points per CRS: 3006, 3008, 3011, 3014, 3847
#   scripts/proj-compare/run.sh -n 100000 -crs 3006
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v cs2cs >/dev/null 2>&1; then
  echo "cs2cs not found: install PROJ's tools (apt-get install -y proj-bin)" >&2
  exit 1
fi
echo "machine: $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ //'), $(nproc) cores"
exec go run ./scripts/proj-compare "$@"
