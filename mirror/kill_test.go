package mirror

import (
	"bufio"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/bal/baltest/gen"
)

// killSizes are the kill loop's sizes: small in CI, the full run through
// scripts/mirror-killloop.sh (BAL_KILL_BUILDINGS, BAL_KILL_CHANGES,
// BAL_KILL_KILLS).
func killSizes() (buildings, changes, kills int) {
	get := func(name string, def int) int {
		if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
			return n
		}
		return def
	}
	return get("BAL_KILL_BUILDINGS", 2000), get("BAL_KILL_CHANGES", 500), get("BAL_KILL_KILLS", 5)
}

// syncproc builds the syncing process without -race into a temporary
// folder of the test.
func syncproc(t *testing.T) string {
	t.Helper()
	goBin, err := exec.LookPath("go")
	require.NoError(t, err)
	bin := filepath.Join(t.TempDir(), "syncproc")
	cmd := exec.Command(goBin, "build", "-o", bin, "./internal/syncproc")
	cmd.Env = append(os.Environ(), "GOFLAGS=")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	return bin
}

// TestLoadFollowKill: a mirror is loaded and then follows mixed changes in
// a separate process (built without -race), which is killed with SIGKILL at
// random points, during the load or between and inside its transactions;
// afterwards a last run completes, and each store is identical to the
// fake's state: row counts and a hash over every object's id, version and
// geometry. The fake lives in this process and outlives every kill.
func TestLoadFollowKill(t *testing.T) {
	buildings, changes, kills := killSizes()
	bin := syncproc(t)
	for _, sk := range storeKinds {
		t.Run(sk.name, func(t *testing.T) {
			seed := uint64(time.Now().UnixNano())
			t.Logf("seed %d: %d buildings, %d changes, %d kills", seed, buildings, changes, kills)
			rng := rand.New(rand.NewPCG(seed, 1))
			// The fake's clock runs from now, so that the delivery below is
			// fresh for the process's wall clock.
			srv, c := newFake(t, gen.Config{Seed: 11, Buildings: buildings}, baltest.WithTime(time.Now().UTC()))
			dsn := sk.dsn(t)
			// The load reads a base extract of the fake's Geotorget order, as a
			// municipality's first load would.
			order := srv.AddOrder(baltest.GeotorgetOrder{})
			_, err := srv.StartDelivery(order, "BAS")
			require.NoError(t, err)
			require.NoError(t, srv.EndDelivery(order, "LYCKAD"))
			env := append(os.Environ(), srv.Env("")...)

			// run starts the process; when kill > 0 it is killed after that
			// many lines of output. It reports whether it was killed.
			run := func(kill int) (killed bool, last string) {
				t.Helper()
				cmd := exec.Command(bin, "-dsn", dsn, "-srid", strconv.Itoa(testSRID), "-save-every", "7", "-page", "40", "-order", order)
				cmd.Env = env
				var stderr strings.Builder
				cmd.Stderr = &stderr
				out, err := cmd.StdoutPipe()
				require.NoError(t, err)
				require.NoError(t, cmd.Start())
				sc := bufio.NewScanner(out)
				lines := 0
				for sc.Scan() {
					last = sc.Text()
					lines++
					if kill > 0 && lines == kill && !strings.HasPrefix(last, "done") {
						require.NoError(t, cmd.Process.Signal(syscall.SIGKILL))
						killed = true
						break
					}
				}
				err = cmd.Wait()
				if !killed {
					require.NoError(t, err, "%s", stderr.String())
				}
				return killed, last
			}

			// The first kill lands in the initial load (one transaction:
			// nothing of it stays), the others in the following of the
			// changes, which are made between the runs.
			killed, last := run(1)
			require.True(t, killed && last == "loading", "the first process is killed while loading (%q)", last)
			_, last = run(0)
			require.True(t, strings.HasPrefix(last, "done"), "the second one loads: %q", last)
			perRound := changes / max(1, kills-1)
			done := 0
			for k := 1; k < kills; k++ {
				n := perRound
				if k == kills-1 {
					n = changes - done
				}
				mixedChanges(t, srv, n)
				done += n
				// About n/7 commits lie ahead (after the load's lines in the
				// second run); kill somewhere among them.
				at := 1 + rng.IntN(max(1, n/7-1))
				killed, last := run(at)
				assert.True(t, killed, "round %d: the process finished before the kill (%q)", k, last)
			}
			_, last = run(0)
			require.True(t, strings.HasPrefix(last, "done"), last)

			m, err := Open(t.Context(), dsn, &Options{ReadOnly: true})
			require.NoError(t, err)
			defer m.Close()
			assertIdentical(t, m, fakeDigest(t, srv, c, false))
		})
	}
}
