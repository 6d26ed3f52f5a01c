package audit_test

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/audit"
	"github.com/tjanstebaserad/bal-go/internal/testenv"
)

// kills is how many times TestKillNine kills a writer, per sink;
// scripts/audit-killloop runs it with 50.
var kills = flag.Int("audit.kills", 5, "TestKillNine: kill -9 rounds per sink")

// buildWriter builds internal/auditwriter, without -race (the race detector
// would slow it and is not what these tests are about), into a temporary
// directory.
func buildWriter(t *testing.T) string {
	t.Helper()
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build the writer with")
	}
	bin := filepath.Join(t.TempDir(), "auditwriter")
	out, err := exec.Command(gobin, "build", "-o", bin, "./internal/auditwriter").CombinedOutput()
	require.NoError(t, err, "%s", out)
	return bin
}

// writerProc is a running auditwriter and the lines it printed.
type writerProc struct {
	cmd   *exec.Cmd
	stdin io.WriteCloser
	lines chan string
}

func startWriter(t *testing.T, bin string, args ...string) *writerProc {
	t.Helper()
	cmd := exec.Command(bin, args...)
	stdin, err := cmd.StdinPipe()
	require.NoError(t, err)
	p := startCmd(t, cmd)
	p.stdin = stdin
	return p
}

// acks tallies what writers reported durable.
type acks struct {
	intents, settled map[uint64]bool
}

func newAcks() *acks { return &acks{intents: map[uint64]bool{}, settled: map[uint64]bool{}} }

func (a *acks) add(t *testing.T, line string) {
	t.Helper()
	word, num, ok := strings.Cut(line, " ")
	n, err := strconv.ParseUint(num, 10, 64)
	require.True(t, ok && err == nil, "writer said %q", line)
	switch word {
	case "intent":
		a.intents[n] = true
	case "settled":
		a.settled[n] = true
	case "purged":
	default:
		t.Fatalf("writer said %q", line)
	}
}

// check verifies the chain and that every acknowledged intent and outcome
// is there (or was purged).
func (a *acks) check(t *testing.T, r *audit.Recorder) *audit.Report {
	t.Helper()
	rep, err := r.Verify(context.Background(), nil)
	require.NoError(t, err, "%v", rep)
	recs := map[uint64]*audit.Record{}
	for rec, err := range r.Records(context.Background(), nil) {
		require.NoError(t, err)
		recs[rec.Seq] = rec
	}
	for s := range a.intents {
		if s <= rep.PurgedThrough {
			continue
		}
		rec := recs[s]
		if assert.NotNil(t, rec, "acknowledged intent %d lost", s) && a.settled[s] {
			assert.NotNil(t, rec.Outcome, "acknowledged outcome of %d lost", s)
		}
	}
	return rep
}

type sinkUnderTest struct {
	name string
	args func(t *testing.T) []string
	open func(t *testing.T, args []string) *audit.Recorder
}

var keyArg = hex.EncodeToString(testKey)

var sinksUnderTest = []sinkUnderTest{
	{
		name: "file",
		args: func(t *testing.T) []string {
			return []string{"-file", filepath.Join(t.TempDir(), "audit.jsonl")}
		},
		open: func(t *testing.T, args []string) *audit.Recorder {
			s, err := audit.OpenFile(args[1], nil)
			require.NoError(t, err)
			t.Cleanup(func() { s.Close() })
			r, err := audit.New(s, &audit.Options{Key: testKey})
			require.NoError(t, err)
			return r
		},
	},
	{
		name: "postgres",
		args: func(t *testing.T) []string { return []string{"-pg", testenv.Postgres(t)} },
		open: func(t *testing.T, args []string) *audit.Recorder {
			pool, err := pgxpool.New(context.Background(), args[1])
			require.NoError(t, err)
			t.Cleanup(pool.Close)
			s, err := audit.OpenPostgres(context.Background(), pool, nil)
			require.NoError(t, err)
			r, err := audit.New(s, &audit.Options{Key: testKey})
			require.NoError(t, err)
			return r
		},
	},
}

// Three processes write to one sink at once: one unbroken chain, every
// write in it.
func TestThreeProcessesOneChain(t *testing.T) {
	t.Parallel()
	bin := buildWriter(t)
	const perProcess = 40
	for _, st := range sinksUnderTest {
		t.Run(st.name, func(t *testing.T) {
			t.Parallel()
			args := st.args(t)
			var procs []*writerProc
			for i := range 3 {
				procs = append(procs, startWriter(t, bin, append(args, "-key", keyArg, "-wait",
					"-n", strconv.Itoa(perProcess), "-actor", fmt.Sprintf("p%d", i))...))
			}
			for _, p := range procs { // all start together
				_, err := io.WriteString(p.stdin, "go\n")
				require.NoError(t, err)
			}
			a := newAcks()
			for _, p := range procs {
				for l := range p.lines {
					a.add(t, l)
				}
				require.NoError(t, p.cmd.Wait())
			}
			require.Len(t, a.settled, 3*perProcess)

			r := st.open(t, args)
			rep := a.check(t, r)
			assert.Equal(t, 3*perProcess, rep.Records)
			assert.Equal(t, 6*perProcess, rep.Entries)
			switches, last := 0, ""
			for rec, err := range r.Records(context.Background(), nil) {
				require.NoError(t, err)
				if rec.Actor.ID != last {
					switches++
					last = rec.Actor.ID
				}
			}
			assert.Greater(t, switches, 3, "the processes wrote at the same time")
		})
	}
}

// A writer killed with SIGKILL at random points, again and again, leaves a
// chain that verifies, with every acknowledged record in it. The writer
// purges as it goes (a simulated month passes per write; personal data go
// after 60 days, records after a year), so kills land in purges too.
func TestKillNine(t *testing.T) {
	t.Parallel()
	bin := buildWriter(t)
	for _, st := range sinksUnderTest {
		t.Run(st.name, func(t *testing.T) {
			t.Parallel()
			args := st.args(t)
			rnd := rand.New(rand.NewPCG(uint64(os.Getpid()), 14))
			a := newAcks()
			torn, unwritten := 0, 0
			for round := range *kills {
				p := startWriter(t, bin, append(args, "-key", keyArg, "-n", "1000000",
					"-actor", fmt.Sprintf("k%d", round), "-step", "720h", "-purge-every", "9",
					"-personal-days", "60", "-record-years", "1")...)
				stop := 1 + rnd.IntN(40)
				n := 0
				for l := range p.lines {
					a.add(t, l)
					if n++; n == stop {
						require.NoError(t, p.cmd.Process.Kill())
					}
				}
				err := p.cmd.Wait()
				require.Error(t, err, "the writer was killed")
				if st.name == "file" {
					tt, uw := damage(t, args[1])
					torn += tt
					unwritten += uw
				}
				r := st.open(t, args)
				rep := a.check(t, r)
				t.Logf("round %d: killed at its line %d; chain now %d entries, %d records, purged through entry %d",
					round+1, stop, rep.Entries, rep.Records, rep.PurgedThrough)
			}
			repairs := ""
			if st.name == "file" {
				repairs = fmt.Sprintf("; opening removed %d torn lines and %d personal parts written without their entry", torn, unwritten)
			}
			t.Logf("%s: %d kills, %d acknowledged intents, %d acknowledged outcomes%s; the chain verified every time and no acknowledged record was lost",
				st.name, *kills, len(a.intents), len(a.settled), repairs)
		})
	}
}

// damage counts what a kill left for the next open to repair: partial last
// lines, and a personal part written without its entry (the writer died
// between the two writes).
func damage(t *testing.T, path string) (torn, unwritten int) {
	t.Helper()
	last := func(p string) (uint64, bool) {
		b, err := os.ReadFile(p)
		require.NoError(t, err)
		if len(b) > 0 && b[len(b)-1] != '\n' {
			torn++
		}
		ls := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
		var v struct {
			Seq uint64 `json:"seq"`
		}
		if json.Unmarshal([]byte(ls[len(ls)-1]), &v) != nil {
			return 0, false
		}
		return v.Seq, true
	}
	chain, _ := last(path)
	if personal, ok := last(path + ".personal"); ok && personal > chain {
		unwritten++
	}
	return torn, unwritten
}
