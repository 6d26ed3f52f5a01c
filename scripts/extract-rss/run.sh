#!/usr/bin/env bash
# Write the extract of a generated municipality in one process, then read all of it back in another
# under /usr/bin/time -v, to record the reader's peak resident memory (BENCHMARKS.md, "extract").
# Generating 1 000 000 buildings takes about 35 s and 4 GB; the reader should stay below 150 MB.
# Not run by CI.
#
#   scripts/extract-rss/run.sh                 # 1 000 000 buildings, in a temporary folder
#   scripts/extract-rss/run.sh 100000 /tmp/x   # size, and where to keep the extract
set -euo pipefail
cd "$(dirname "$0")/../.."
n="${1:-1000000}"
work="${2:-$(mktemp -d)}"
mkdir -p "$work"
zip="$work/extract-$n.zip"
bin="$work/extract-rss"
go build -o "$bin" ./scripts/extract-rss
echo "machine: $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ //'), $(nproc) cores"
if [ ! -f "$zip" ]; then
  "$bin" write -buildings "$n" -out "$zip"
fi
GOMAXPROCS=1 /usr/bin/time -v "$bin" read "$zip" 2>"$work/time.txt"
grep -E "Maximum resident set size|Elapsed \(wall clock\)|User time|System time" "$work/time.txt"
