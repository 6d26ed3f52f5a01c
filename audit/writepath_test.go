package audit_test

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/audit"
	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/internal/updatetest"
)

// writeKills is how many times TestKillNineWritePath kills a writer;
// scripts/audit-killloop runs it with 50.
var writeKills = flag.Int("audit.writekills", 5, "TestKillNineWritePath: kill -9 rounds")

// A process writing buildings through the SDK, every write recorded in a
// FileSink, is killed with SIGKILL at random points, again and again, and
// started again (it reconciles what its predecessor left on start). After
// every kill: the file verifies, every intent and outcome the writer saw
// durable is in it, and every write the server received carries the key of
// a recorded intent. At the end every record is settled, and applied
// exactly when the server answered its key with success.
func TestKillNineWritePath(t *testing.T) {
	t.Parallel()
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build the writer with")
	}
	bin := filepath.Join(t.TempDir(), "sdkwriter")
	built, err := exec.Command(gobin, "build", "-o", bin, "./internal/sdkwriter").CombinedOutput()
	require.NoError(t, err, "%s", built)

	e := updatetest.New(t, baltest.WithRequestLogLimit(1<<20))
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	env := append(os.Environ(), e.Server.Env("")...)
	rnd := rand.New(rand.NewPCG(uint64(os.Getpid()), 13))
	intents, settled := map[string]bool{}, map[string]bool{}
	var reconciled [3]int
	for round := range *writeKills {
		cmd := exec.Command(bin, "-file", path, "-key", keyArg, "-n", "1000000", "-actor", fmt.Sprintf("k%d", round),
			"-property", e.Property.String(),
			"-east", fmt.Sprint(e.Center[0]+float64(round%10)*2000), "-north", fmt.Sprint(e.Center[1]+3000+float64(round/10)*2000))
		cmd.Env = env
		p := startCmd(t, cmd)
		stop := 2 + rnd.IntN(60)
		n := 0
		for l := range p.lines {
			word, arg, _ := strings.Cut(l, " ")
			switch word {
			case "intent":
				intents[arg] = true
			case "settled":
				settled[arg] = true
			case "reconciled":
				var a, na, u int
				_, err := fmt.Sscanf(arg, "%d %d %d", &a, &na, &u)
				require.NoError(t, err)
				reconciled[0], reconciled[1], reconciled[2] = reconciled[0]+a, reconciled[1]+na, reconciled[2]+u
			default:
				t.Fatalf("writer said %q", l)
			}
			if n++; n == stop {
				require.NoError(t, p.cmd.Process.Kill())
			}
		}
		require.Error(t, p.cmd.Wait(), "the writer was killed")

		_, rep, keys := openChecked(t, path, intents, settled)
		sent := serverWrites(e.Server)
		for k := range sent {
			assert.True(t, keys[k], "round %d: the server received write %s, whose intent is not recorded", round+1, k)
		}
		t.Logf("round %d: killed at its line %d; chain %d entries, %d records; the server had received %d writes, each recorded",
			round+1, stop, rep.Entries, rep.Records, len(sent))
	}

	// The next start's reconciliation, and the truth: the server's answers.
	rec, _, _ := openChecked(t, path, intents, settled)
	rep, err := rec.Reconcile(context.Background(), audit.Versions(e.Client), &audit.ReconcileOptions{OlderThan: time.Nanosecond})
	require.NoError(t, err)
	reconciled[0], reconciled[1], reconciled[2] = reconciled[0]+rep.Applied, reconciled[1]+rep.NotApplied, reconciled[2]+rep.Undetermined
	sent := serverWrites(e.Server)
	var records, byReconcile int
	for r, err := range rec.Records(context.Background(), nil) {
		require.NoError(t, err)
		records++
		if r.Outcome != nil && r.Outcome.Reconciled {
			byReconcile++
		}
		want := audit.ResultNotApplied
		if sent[r.IdempotencyKey] {
			want = audit.ResultApplied
		}
		if r.Outcome == nil || !r.Outcome.Reconciled {
			assert.Equal(t, audit.ResultApplied, r.Result(), "%s: the writer settles only successes", r.IdempotencyKey)
			continue
		}
		assert.Equal(t, want, r.Result(), "%s: reconciled against the server", r.IdempotencyKey)
	}
	assert.Zero(t, reconciled[2], "every unsettled record was settled by reconciling")
	t.Logf("%d kills: %d records, %d acknowledged intents, %d acknowledged outcomes, none lost; %d settled on the next start "+
		"(%d applied, %d not applied, %d undetermined), each as the server had it; the file verified after every kill and "+
		"every write the server received had its intent recorded first",
		*writeKills, records, len(intents), len(settled), byReconcile, reconciled[0], reconciled[1], reconciled[2])
}

// startCmd starts cmd, a writer, reading its lines; the test's end kills
// it if it still runs, and shows its stderr if the test failed.
func startCmd(t *testing.T, cmd *exec.Cmd) *writerProc {
	t.Helper()
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	require.NoError(t, cmd.Start())
	p := &writerProc{cmd: cmd, lines: make(chan string, 1024)}
	go func() {
		defer close(p.lines)
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			p.lines <- sc.Text()
		}
	}()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		for range p.lines {
		}
		_ = cmd.Wait()
		if t.Failed() && stderr.Len() > 0 {
			t.Logf("writer stderr: %s", stderr.String())
		}
	})
	return p
}

// openChecked opens the chain after a kill, verifies it and checks that
// every acknowledged intent and outcome is in it. It returns the recorder,
// the verification report and the recorded idempotency keys.
func openChecked(t *testing.T, path string, intents, settled map[string]bool) (*audit.Recorder, *audit.Report, map[string]bool) {
	t.Helper()
	sink, err := audit.OpenFile(path, nil)
	require.NoError(t, err)
	t.Cleanup(func() { sink.Close() })
	rec, err := audit.New(sink, &audit.Options{Key: testKey})
	require.NoError(t, err)
	rep, err := rec.Verify(context.Background(), nil)
	require.NoError(t, err, "%v", rep)
	keys := map[string]bool{}
	outcome := map[string]bool{}
	for r, err := range rec.Records(context.Background(), nil) {
		require.NoError(t, err)
		keys[r.IdempotencyKey] = true
		outcome[r.IdempotencyKey] = r.Outcome != nil
	}
	for k := range intents {
		assert.True(t, keys[k], "acknowledged intent %s lost", k)
	}
	for k := range settled {
		assert.True(t, outcome[k], "acknowledged outcome of %s lost", k)
	}
	return rec, rep, keys
}

// serverWrites returns the idempotency keys of the writes the server
// received, each true when the server answered it with success.
func serverWrites(s *baltest.Server) map[string]bool {
	out := map[string]bool{}
	for _, r := range s.Requests() {
		if r.Method == http.MethodGet || r.IdempotencyKey == "" || strings.HasSuffix(r.Path, "/sok") {
			continue
		}
		out[r.IdempotencyKey] = out[r.IdempotencyKey] || (r.Status >= 200 && r.Status < 300)
	}
	return out
}
