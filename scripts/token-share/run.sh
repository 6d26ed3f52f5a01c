#!/usr/bin/env bash
# token-share: issue 10's "three OS processes × 1 000 calls with one
# credential". balsim (built without -race) revokes an application's
# previous token whenever it issues a new one and issues tokens that live
# one second, so they expire several times during the run; three worker
# processes (bal/internal/tokenworker, also without -race) each make 1 000
# calls with the same consumer key, sharing a bal.FileTokenStore. Then the
# same three processes run without the shared store, for the "before"
# figure. CI runs the same test with 300 calls per process
# (TestTokenSharingProcesses in bal/tokenshare_process_test.go).
#
#   scripts/token-share/run.sh [calls-per-process] [interval]
set -euo pipefail
cd "$(dirname "$0")/../.."
calls=${1:-1000}
interval=${2:-3ms}
go test -count=1 -run '^TestTokenSharingProcesses$' -v ./bal/ -args \
  -tokenshare.calls="$calls" -tokenshare.interval="$interval" -tokenshare.before |
  grep -E 'shared store|^(--- )?(PASS|FAIL|ok)|Error' || true
test "${PIPESTATUS[0]}" -eq 0
