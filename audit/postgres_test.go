package audit_test

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/audit"
	"github.com/tjanstebaserad/bal-go/internal/testenv"
)

// pgEnv is a PostgresSink in a fresh database, with a Recorder on it.
type pgEnv struct {
	url   string
	pool  *pgxpool.Pool
	sink  *audit.PostgresSink
	r     *audit.Recorder
	clock *clock
}

func newPG(t testing.TB) *pgEnv {
	t.Helper()
	e := &pgEnv{url: testenv.Postgres(t), clock: newClock()}
	var err error
	e.pool, err = pgxpool.New(context.Background(), e.url)
	require.NoError(t, err)
	t.Cleanup(e.pool.Close)
	e.sink, err = audit.OpenPostgres(context.Background(), e.pool, nil)
	require.NoError(t, err)
	e.r, err = audit.New(e.sink, &audit.Options{Key: testKey, Organisation: "2180", Now: e.clock.Now})
	require.NoError(t, err)
	return e
}

func (e *pgEnv) exec(t testing.TB, sql string, args ...any) {
	t.Helper()
	_, err := e.pool.Exec(context.Background(), sql, args...)
	require.NoError(t, err)
}

// count returns how many rows of the sink's tables hold s, in any column.
func (e *pgEnv) count(t testing.TB, s string) int {
	t.Helper()
	entry, personal, head := e.sink.Tables()
	total := 0
	for _, q := range []string{
		`SELECT count(*) FROM ` + entry + ` WHERE position(convert_to($1, 'UTF8') IN sealed) > 0 OR coalesce(idem_key, '') LIKE '%' || $1 || '%'`,
		`SELECT count(*) FROM ` + personal + ` WHERE position(convert_to($1, 'UTF8') IN data) > 0`,
		`SELECT count(*) FROM ` + head + ` WHERE mac LIKE '%' || $1 || '%'`,
	} {
		var n int
		require.NoError(t, e.pool.QueryRow(context.Background(), q, s).Scan(&n))
		total += n
	}
	return total
}

// rawFiles returns the bytes of the files that hold the sink's tables (old
// row versions included), when the database role may read them
// (superuser); nil otherwise.
func (e *pgEnv) rawFiles(t testing.TB) []byte {
	t.Helper()
	var super bool
	require.NoError(t, e.pool.QueryRow(context.Background(), `SELECT rolsuper FROM pg_roles WHERE rolname = current_user`).Scan(&super))
	if !super {
		return nil
	}
	entry, personal, _ := e.sink.Tables()
	var out []byte
	for _, tbl := range []string{entry, personal} {
		var b []byte
		err := e.pool.QueryRow(context.Background(),
			`SELECT coalesce(pg_read_binary_file(pg_relation_filepath($1::regclass)), ''::bytea)`, tbl).Scan(&b)
		require.NoError(t, err)
		out = append(out, b...)
	}
	return out
}

// vacuumFull runs VACUUM FULL on the sink's tables and returns the bytes of
// their files. VACUUM FULL keeps a deleted row while any snapshot may still
// see it, and on a shared server another database's connection that is
// just starting holds a snapshot for every database for a moment; so it is
// run again, a bounded number of times, until none of gone is left in the
// files.
func (e *pgEnv) vacuumFull(t testing.TB, gone ...string) []byte {
	t.Helper()
	entry, personal, head := e.sink.Tables()
	var raw []byte
	for range 50 {
		e.exec(t, `VACUUM FULL `+entry+`, `+personal+`, `+head)
		raw = e.rawFiles(t)
		if !slices.ContainsFunc(gone, func(s string) bool { return bytes.Contains(raw, []byte(s)) }) {
			break
		}
	}
	return raw
}

func TestPostgresRecordsAndVerifies(t *testing.T) {
	t.Parallel()
	e := newPG(t)
	ctx := asOfficial()
	a := record(t, ctx, e.r, buildingUpdate(idA, 3, "k1"), &audit.Answer{Failure: &audit.Failure{Uncertain: true}})
	b := record(t, ctx, e.r, buildingUpdate(idA, 3, "k1"), applied(idA, 4))
	assert.Equal(t, a, b, "one key, one record")
	record(t, ctx, e.r, buildingUpdate(idB, 1, "k2"), nil)
	e.clock.Advance(audit.KeyWindow + 1)
	assert.NotEqual(t, a, record(t, ctx, e.r, buildingUpdate(idA, 4, "k1"), applied(idA, 5)))

	recs := collect(t, e.r, nil)
	require.Len(t, recs, 3)
	assert.Equal(t, audit.ResultApplied, recs[0].Result())
	assert.Equal(t, 1, recs[0].Repeats)
	assert.Equal(t, official, recs[0].Actor)
	assert.Equal(t, "Erik Mätare", recs[0].Objects[0].Geometries[0].Surveyor)
	assert.Equal(t, audit.ResultUnknown, recs[1].Result())
	rep, err := e.r.Verify(context.Background(), nil)
	require.NoError(t, err)
	assert.Equal(t, 7, rep.Entries)

	// Opening again finds the tables as they are.
	again, err := audit.OpenPostgres(context.Background(), e.pool, nil)
	require.NoError(t, err)
	h, err := again.Head(context.Background())
	require.NoError(t, err)
	assert.Equal(t, rep.Head.Seq, h.Seq)
	assert.Equal(t, rep.Head.MAC, h.MAC)
}

func TestPostgresTamperingIsDetected(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		sql  string
		kind audit.ProblemKind
		seq  uint64
	}{
		{"edit an entry", `UPDATE {entry} SET sealed = convert_to(replace(convert_from(sealed, 'UTF8'), '"version":2', '"version":7'), 'UTF8') WHERE seq = 3`, audit.ProblemEdited, 3},
		{"delete an entry", `DELETE FROM {entry} WHERE seq = 3`, audit.ProblemMissing, 3},
		{"delete the first entry", `DELETE FROM {entry} WHERE seq = 1`, audit.ProblemHeadRemoved, 2},
		{"delete the last entries", `DELETE FROM {entry} WHERE seq >= 5`, audit.ProblemTailCut, 6},
		{"swap two entries", `UPDATE {entry} SET seq = -1 WHERE seq = 2; UPDATE {entry} SET seq = 2 WHERE seq = 4; UPDATE {entry} SET seq = 4 WHERE seq = -1`, audit.ProblemMalformed, 4},
		{"delete a personal part", `DELETE FROM {personal} WHERE seq = 3`, audit.ProblemPersonalMissing, 3},
		{"swap personal parts", `UPDATE {personal} SET data = (SELECT data FROM {personal} WHERE seq = 1) WHERE seq = 3`, audit.ProblemPersonal, 3},
		{"insert a copy", `INSERT INTO {entry} SELECT 7, at, kind, NULL, sealed FROM {entry} WHERE seq = 6`, audit.ProblemMalformed, 6},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newPG(t)
			ctx := asOfficial()
			for i := range 3 {
				record(t, ctx, e.r, buildingUpdate(idA, int64(i+1), fmt.Sprint(i)), applied(idA, int64(i+2)))
			}
			entry, personal, _ := e.sink.Tables()
			sql := replaceAll(tc.sql, "{entry}", entry, "{personal}", personal)
			e.exec(t, sql)
			rep, err := e.r.Verify(context.Background(), nil)
			require.ErrorIs(t, err, audit.ErrTampered)
			found := false
			for _, p := range rep.Problems {
				found = found || (p.Kind == tc.kind && p.Seq == tc.seq)
			}
			assert.True(t, found, "want %s at entry %d: %v", tc.kind, tc.seq, rep.Problems)
		})
	}
}

func replaceAll(s string, oldNew ...string) string {
	for i := 0; i < len(oldNew); i += 2 {
		for {
			j := indexOf(s, oldNew[i])
			if j < 0 {
				break
			}
			s = s[:j] + oldNew[i+1] + s[j+len(oldNew[i]):]
		}
	}
	return s
}

func indexOf(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

func TestPostgresPurgeLeavesNoPersonalData(t *testing.T) {
	t.Parallel()
	e := newPG(t)
	names := history(t, e.r, e.clock)
	e.clock.Advance(800 * day)
	ctx, w := personalWrite("Delta Dahl", idB, 1)
	record(t, ctx, e.r, w, applied(idB, 2))
	for _, n := range names {
		require.Positive(t, e.count(t, n))
	}

	rep, err := e.r.Purge(context.Background(), audit.Retention{PersonalDays: 30, RecordYears: 2})
	require.NoError(t, err)
	assert.True(t, rep.Recorded)
	assert.Equal(t, 6, rep.RemovedEntries)
	assert.Equal(t, 3, rep.RemovedPersonal)

	raw := e.vacuumFull(t, names...)
	for _, n := range names {
		assert.Zero(t, e.count(t, n), "%s is in no row", n)
		if i := bytes.Index(raw, []byte(n)); i >= 0 {
			t.Errorf("%s is in a table file at byte %d: %q", n, i, raw[max(i-300, 0):min(i+100, len(raw))])
		}
	}
	assert.Positive(t, e.count(t, "Delta Dahl"), "the newest record keeps its personal data")

	vr, err := e.r.Verify(context.Background(), nil)
	require.NoError(t, err)
	assert.Equal(t, uint64(7), vr.First)
	rep, err = e.r.Purge(context.Background(), audit.Retention{PersonalDays: 30, RecordYears: 2})
	require.NoError(t, err)
	assert.False(t, rep.Recorded, "idempotent")
}

func TestPostgresHostileInputsNeverStored(t *testing.T) {
	t.Parallel()
	e := newPG(t)
	for _, n := range hostileNumbers {
		ctx, w := hostileWrite(n)
		record(t, ctx, e.r, w, &audit.Answer{RequestID: "req " + n, Failure: &audit.Failure{HTTPStatus: 422, Code: "BAL-3015 " + n}})
	}
	raw := string(e.vacuumFull(t))
	for _, n := range hostileNumbers {
		assert.Zero(t, e.count(t, n))
		assertNoIdentityNumber(t, raw, n)
	}
	assert.Len(t, collect(t, e.r, nil), len(hostileNumbers))
}
