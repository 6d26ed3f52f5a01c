#!/usr/bin/env bash
# Download a BAS delivery of about 200 MB from the fake Lantmäteriet, once cleanly and once
# through connections cut at random byte offsets and signed paths that expire, and check every
# file's SHA-256. Built without -race. Not run by CI; its figures go in BENCHMARKS.md.
#
#   scripts/delivery-download/run.sh                       # 41 000 buildings, about 200 MB
#   scripts/delivery-download/run.sh -buildings 4000 -cut 0.8
set -euo pipefail
cd "$(dirname "$0")/../.."
echo "machine: $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ //'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
go build -o /tmp/delivery-download ./scripts/delivery-download
# time's report goes to a file, so that the command's own errors stay on stderr.
rusage=$(mktemp)
trap 'rm -f "$rusage"' EXIT
status=0
/usr/bin/time -v -o "$rusage" /tmp/delivery-download "$@" || status=$?
grep -E 'Maximum resident|Elapsed' "$rusage" >&2 || true
exit "$status"
