package audit_test

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/audit"
	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/building"
	"github.com/tjanstebaserad/bal-go/casefile"
	"github.com/tjanstebaserad/bal-go/deficiency"
	"github.com/tjanstebaserad/bal-go/geometry"
	"github.com/tjanstebaserad/bal-go/internal/updatetest"
	"github.com/tjanstebaserad/bal-go/ngp"
)

// sdk is a fake Lantmäteriet with a client whose writes are recorded in a
// FileSink.
type sdk struct {
	*updatetest.Env
	rec  *audit.Recorder
	sink *audit.FileSink
	c    *bal.Client
	bc   *building.Client
}

func newSDK(t *testing.T) *sdk {
	t.Helper()
	e := updatetest.New(t)
	sink, err := audit.OpenFile(filepath.Join(t.TempDir(), "audit.jsonl"), nil)
	require.NoError(t, err)
	t.Cleanup(func() { sink.Close() })
	rec, err := audit.New(sink, &audit.Options{Key: testKey, Organisation: e.Kommunkod + " Testkommun"})
	require.NoError(t, err)
	c := e.Server.Client(func(cfg *bal.Config) { cfg.Recorder = rec.Hook() })
	t.Cleanup(c.CloseIdleConnections)
	return &sdk{Env: e, rec: rec, sink: sink, c: c, bc: building.New(c)}
}

// records returns every record, by idempotency key.
func (s *sdk) records(t *testing.T) map[string]*audit.Record {
	t.Helper()
	out := map[string]*audit.Record{}
	for rec, err := range s.rec.Records(context.Background(), nil) {
		require.NoError(t, err)
		require.NotContains(t, out, rec.IdempotencyKey, "one record per key")
		out[rec.IdempotencyKey] = rec
	}
	return out
}

// asAnna is the context of an official's call.
func asAnna() context.Context {
	return audit.WithActor(context.Background(), audit.Actor{ID: "anna.s", Name: "Anna Svensson"})
}

// A write whose intent cannot be recorded is not sent: no actor, or an
// actor whose id is a personnummer.
func TestSDKWriteNotSentUnlessRecorded(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		ctx  context.Context
		want error
	}{
		{"no actor", context.Background(), audit.ErrNoActor},
		{"a personnummer as the actor's id", audit.WithActor(context.Background(), audit.Actor{ID: "811228-9874"}), audit.ErrIdentityNumber},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := newSDK(t)
			_, err := s.bc.Buildings.Create(tc.ctx, s.Building(), s.Action(building.ActionPermitApproved))
			require.ErrorIs(t, err, bal.ErrNotRecorded)
			require.ErrorIs(t, err, tc.want)
			assert.NotContains(t, err.Error(), "811228-9874")
			assert.Empty(t, s.Writes("/byggnad"), "nothing sent")
			rep, err := s.rec.Verify(context.Background(), nil)
			require.NoError(t, err)
			assert.Zero(t, rep.Records)
		})
	}
}

// Every kind of write the SDK makes is recorded once, with what it did to
// which objects, their versions before and after, its action, its
// geometry metadata and its outcome.
func TestSDKEveryWriteRecorded(t *testing.T) {
	t.Parallel()
	s := newSDK(t)
	ctx := asAnna()
	recorded := func(t *testing.T, key string) *audit.Record {
		t.Helper()
		rec := s.records(t)[key]
		require.NotNil(t, rec, "a record for %s", key)
		assert.Equal(t, "anna.s", rec.Actor.ID)
		assert.Equal(t, "Anna Svensson", rec.Actor.Name)
		return rec
	}
	at := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	b := s.Building()
	b.Parts[0].Metadata = &geometry.Metadata{SurveyedAt: &at, Surveyor: "Erik Mätare",
		PlanMethod: &geometry.PositioningMethod{Type: geometry.MethodGeodeticSurvey, Variant: "GNSS, nätverks-RTK"}}

	create, err := s.bc.Buildings.Create(bal.WithIdempotencyKey(ctx, "create-1"), b, s.Action(building.ActionPermitApproved))
	require.NoError(t, err)
	t.Run("create", func(t *testing.T) {
		rec := recorded(t, "create-1")
		assert.Equal(t, "building.Buildings.Create", rec.Operation)
		assert.Equal(t, audit.ResultApplied, rec.Result())
		assert.Equal(t, string(building.ActionPermitApproved), rec.Action.Type)
		require.Len(t, rec.Objects, 1)
		o := rec.Objects[0]
		assert.Equal(t, "create", o.Change)
		assert.Equal(t, "Byggnad", o.Type)
		assert.Equal(t, create.ID.String(), o.ID)
		assert.Equal(t, int64(0), o.VersionBefore)
		assert.Equal(t, int64(create.Version), o.VersionAfter)
		require.Len(t, o.Geometries, 1)
		assert.Equal(t, audit.GeometryMetadata{MethodPlan: audit.Method{Type: "geodetisk detaljmätning", Variant: "GNSS, nätverks-RTK"},
			AccuracyPlan: 0.2, SurveyedAt: at, Surveyor: "Erik Mätare"}, o.Geometries[0])
		assert.Equal(t, create.RequestID, rec.Outcome.RequestID)
	})

	cur, err := s.bc.Buildings.Get(ctx, create.ID, nil)
	require.NoError(t, err)
	cur.HouseNumber = 42
	upd, err := s.bc.Buildings.Update(bal.WithIdempotencyKey(ctx, "update-1"), cur, s.Action(building.ActionBuildingChanged))
	require.NoError(t, err)
	t.Run("update", func(t *testing.T) {
		o := recorded(t, "update-1").Objects[0]
		assert.Equal(t, "update", o.Change)
		assert.Equal(t, []int64{1, 2}, []int64{o.VersionBefore, o.VersionAfter})
		assert.Equal(t, int64(upd.Version), o.VersionAfter)
		assert.Equal(t, []audit.GeometryMetadata{{AccuracyPlan: 0.2}}, o.Geometries,
			"a building read back carries no metadata, only BAL's lägesnoggrannhet")
	})

	t.Run("stale update refused", func(t *testing.T) {
		_, err := s.bc.Buildings.Update(bal.WithIdempotencyKey(ctx, "stale-1"), cur, s.Action(building.ActionBuildingChanged))
		require.ErrorIs(t, err, bal.ErrConflict)
		rec := recorded(t, "stale-1")
		assert.Equal(t, audit.ResultRefused, rec.Result())
		assert.Equal(t, 409, rec.Outcome.HTTPStatus)
		assert.Equal(t, "BAL-0409", rec.Outcome.Code)
		assert.Zero(t, rec.Objects[0].VersionAfter)
	})

	t.Run("modify: each round it sends", func(t *testing.T) {
		before := len(s.records(t))
		rounds := 0
		_, err := s.bc.Buildings.Modify(ctx, create.ID, func(b *building.Building) error {
			if rounds++; rounds == 1 {
				// Someone else changes the building meanwhile.
				_, err := s.Server.EditBuilding(create.ID, nil)
				require.NoError(t, err)
			}
			b.HouseNumber = 43
			return nil
		}, s.Action(building.ActionBuildingChanged), nil)
		require.NoError(t, err)
		var mods []*audit.Record
		for rec, err := range s.rec.Records(context.Background(), &audit.Query{ObjectID: create.ID.String()}) {
			require.NoError(t, err)
			if rec.Operation == "building.Buildings.Modify" {
				mods = append(mods, rec)
			}
		}
		assert.Len(t, s.records(t), before+2)
		require.Len(t, mods, 2)
		assert.Equal(t, audit.ResultRefused, mods[0].Result(), "the first round met a conflict")
		assert.Equal(t, audit.ResultApplied, mods[1].Result())
		assert.Equal(t, []int64{3, 4}, []int64{mods[1].Objects[0].VersionBefore, mods[1].Objects[0].VersionAfter})
	})

	t.Run("transaction: each member", func(t *testing.T) {
		tx := s.c.NewTransaction()
		nb := s.Building()
		require.NoError(t, s.bc.Buildings.AddCreate(tx, nb, s.Action(building.ActionPermitApproved)))
		require.NoError(t, s.bc.Entrances.AddCreate(tx, s.Entrance(nb.ID, bal.ObjectID{}), s.Action(building.ActionNewEntrance)))
		rs, err := tx.Commit(bal.WithIdempotencyKey(ctx, "tx-1"))
		require.NoError(t, err)
		rec := recorded(t, "tx-1")
		assert.Equal(t, "bal.Transaction.Commit", rec.Operation)
		assert.Equal(t, audit.Action{}, rec.Action, "no one action for the whole")
		require.Len(t, rec.Objects, 2)
		for i, want := range []struct{ typ, action string }{{"Byggnad", string(building.ActionPermitApproved)}, {"Entre", string(building.ActionNewEntrance)}} {
			o := rec.Objects[i]
			assert.Equal(t, want.typ, o.Type)
			assert.Equal(t, want.action, o.Action.Type, "each member with its own action")
			assert.Equal(t, rs[i].ID.String(), o.ID)
			assert.Equal(t, int64(rs[i].Version), o.VersionAfter)
		}
	})

	t.Run("retire", func(t *testing.T) {
		cur, err := s.bc.Buildings.Get(ctx, create.ID, nil)
		require.NoError(t, err)
		_, err = s.bc.Buildings.Retire(bal.WithIdempotencyKey(ctx, "retire-1"), create.ID, cur.Version, s.Action(building.ActionDemolished))
		require.NoError(t, err)
		o := recorded(t, "retire-1").Objects[0]
		assert.Equal(t, "retire", o.Change)
		assert.Equal(t, int64(cur.Version), o.VersionBefore)
		assert.Equal(t, int64(cur.Version)+1, o.VersionAfter)
	})

	t.Run("deficiency action", func(t *testing.T) {
		s.Server.RunQualityCheck()
		dc := deficiency.New(s.c)
		var open *deficiency.Deficiency
		for d, err := range dc.List(ctx, &deficiency.ListOptions{Status: deficiency.StatusOpen}) {
			require.NoError(t, err)
			open = d
			break
		}
		require.NotNil(t, open, "the quality check raised a brist")
		done, err := dc.MarkHandled(bal.WithIdempotencyKey(ctx, "brist-1"), open.ID, "Adress tillagd, kontakt Per Olsson")
		require.NoError(t, err)
		rec := recorded(t, "brist-1")
		assert.Equal(t, "deficiency.MarkHandled", rec.Operation)
		assert.Equal(t, "Adress tillagd, kontakt Per Olsson", rec.Comment, "the comment is in the personal part")
		o := rec.Objects[0]
		assert.Equal(t, []string{"resolve", "Brist"}, []string{o.Change, o.Type})
		assert.Equal(t, []int64{int64(open.Version), int64(done.Version)}, []int64{o.VersionBefore, o.VersionAfter})
	})

	t.Run("case acknowledgement", func(t *testing.T) {
		_, err := s.Server.RaiseCase("Kvalitetsärende", "Kontrollera byggnaden")
		require.NoError(t, err)
		cc := casefile.New(s.c)
		var open *casefile.Case
		for k, err := range cc.List(ctx, nil) {
			require.NoError(t, err)
			open = k
		}
		require.NotNil(t, open)
		done, err := cc.Acknowledge(bal.WithIdempotencyKey(ctx, "case-1"), open.ID, casefile.Acknowledgement{Comment: "Vi tittar på det"})
		require.NoError(t, err)
		rec := recorded(t, "case-1")
		o := rec.Objects[0]
		assert.Equal(t, []string{"acknowledge", "Arende"}, []string{o.Change, o.Type})
		assert.Equal(t, []int64{int64(open.Version), int64(done.Version)}, []int64{o.VersionBefore, o.VersionAfter})
		assert.Equal(t, "Vi tittar på det", rec.Comment)
	})

	t.Run("ngp publication: mottagning, changes, uploads", func(t *testing.T) {
		nb := s.Building()
		r, err := s.bc.Buildings.Create(ctx, nb, s.Action(building.ActionPermitApproved))
		require.NoError(t, err)
		reg, err := s.bc.Buildings.Get(ctx, r.ID, nil)
		require.NoError(t, err)
		phys, err := ngp.FromRegister([]*building.Building{reg}, &ngp.MappingOptions{Municipality: bal.MunicipalityCode(s.Kommunkod),
			Metadata: func(*building.Building) *geometry.Metadata {
				return &geometry.Metadata{PlanMethod: &geometry.PositioningMethod{Type: geometry.MethodLaserSurvey, Variant: "flygburen laserskanning"}}
			}})
		require.NoError(t, err)
		obj, err := phys[0].Object()
		require.NoError(t, err)
		nc := ngp.New(s.c)
		res, err := nc.Deliveries.Publish(ctx, ngp.DeliveryInfo{InformationType: "byggnad", Provider: s.Kommunkod},
			func(yield func(ngp.Object, error) bool) { yield(obj, nil) },
			&ngp.PublishOptions{Wait: func(_ context.Context, d time.Duration) error { s.Server.Clock().Advance(d); return nil }})
		require.NoError(t, err)
		var ops []string
		var upload *audit.Record
		for rec, err := range s.rec.Records(context.Background(), &audit.Query{ObjectID: obj.ID.String()}) {
			require.NoError(t, err)
			ops = append(ops, rec.Operation)
			if rec.Operation == "ngp.Upload" {
				upload = rec
			}
		}
		assert.Equal(t, []string{"ngp.RegisterChanges", "ngp.Upload"}, ops)
		require.NotNil(t, upload)
		o := upload.Objects[0]
		assert.Equal(t, res.ReceptionID+"/"+obj.ID.String(), o.ID)
		assert.Equal(t, []string{"upload", "Förändring"}, []string{o.Change, o.Type})
		require.Len(t, o.Geometries, 1)
		assert.Equal(t, "flygburen laserskanning", o.Geometries[0].MethodPlan.Variant)
		assert.Equal(t, 0.2, o.Geometries[0].AccuracyPlan, "absolutLagesosakerhetPlan from BAL's lägesnoggrannhet")
		var regs int
		for rec, err := range s.rec.Records(context.Background(), nil) {
			require.NoError(t, err)
			if rec.Operation == "ngp.Register" {
				regs++
				assert.Equal(t, res.ReceptionID, rec.Objects[0].ID, "the mottagningsid the server assigned")
			}
		}
		assert.Equal(t, 1, regs)
	})

	rep, err := s.rec.Verify(context.Background(), nil)
	require.NoError(t, err)
	assert.True(t, rep.OK())
}

// intended is one write the workload means to make, and what became of it.
type intended struct {
	key   string
	at    time.Time      // its action's time, which names the versions it made
	ids   []bal.ObjectID // the objects it writes, in order
	kind  string         // "create", "update", "retire" (every member of a transaction alike)
	calls int            // how often it was sent: once, or again with its key after an unclear outcome
	got   []bal.Receipt  // the receipts of the last call
	err   error          // the last call's error
}

// definite reports whether a write's error is the server's last word on
// it: a refusal on purpose. Throttling (429) is a refusal too, but one to
// try again after.
func definite(err error) bool {
	var e *bal.Error
	return errors.As(err, &e) && e.StatusCode >= 400 && e.StatusCode < 500 && e.StatusCode != http.StatusTooManyRequests
}

// One thousand writes through a fake that fails 30 % of them (503, 429,
// resets before and after the write was applied, answers cut short, HTML
// error pages): exactly one record per intended write, with the right
// outcome, and the versions it records are the versions on the server.
// A write whose outcome stays unclear after the client's own retries is
// sent again with its key until the answer is definite, as a careful
// caller does; those repeats join its record.
func TestThousandWritesThroughFaults(t *testing.T) {
	t.Parallel()
	const (
		writes  = 1000
		workers = 4
		share   = 0.30
	)
	s := newSDK(t)
	faults := []baltest.FaultRule{
		{Name: "503", Kind: baltest.FaultStatus, Status: 503},
		{Name: "429", Kind: baltest.FaultStatus, Status: 429},
		{Name: "reset", Kind: baltest.FaultReset},
		{Name: "reset-after-apply", Kind: baltest.FaultResetAfterApply},
		{Name: "truncate", Kind: baltest.FaultTruncate},
		{Name: "html", Kind: baltest.FaultHTML, Status: 502},
	}
	// Each rule draws on its own, so each fires with q: 1-(1-q)^n = share.
	q := 1 - math.Pow(1-share, 1/float64(len(faults)))
	for i, f := range faults {
		for j, m := range []string{http.MethodPost, http.MethodPut} {
			f := f
			f.Method, f.PathPrefix, f.Probability, f.Seed = m, s.Server.UpdatePath()+"/", q, uint64(10*i+j+1)
			s.Server.Inject(f)
		}
	}

	var (
		mu   sync.Mutex
		all  []*intended
		next int
	)
	newWrite := func(kind string, ids ...bal.ObjectID) *intended {
		mu.Lock()
		defer mu.Unlock()
		next++
		w := &intended{key: uuid.NewString(), at: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(next) * time.Second), kind: kind, ids: ids}
		all = append(all, w)
		return w
	}
	action := func(w *intended, typ bal.ActionType) bal.Action {
		return bal.Action{Type: typ, Responsible: s.Kommunkod, Time: w.at}
	}
	// send sends w until its outcome is definite, and reports whether it
	// was applied. (Workers check with assert and stop, since require may
	// not stop a test from another goroutine.)
	send := func(w *intended, call func(ctx context.Context) ([]bal.Receipt, error)) bool {
		ctx := bal.WithIdempotencyKey(asAnna(), w.key)
		for {
			w.calls++
			w.got, w.err = call(ctx)
			if w.err == nil || definite(w.err) {
				return w.err == nil
			}
			if !assert.Less(t, w.calls, 50, "write %s never got a definite answer: %v", w.key, w.err) {
				return false
			}
		}
	}
	one := func(r *bal.Receipt, err error) ([]bal.Receipt, error) {
		if err != nil {
			return nil, err
		}
		return []bal.Receipt{*r}, nil
	}

	var wg sync.WaitGroup
	for wk := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rnd := rand.New(rand.NewPCG(uint64(wk), 14))
			type own struct {
				id      bal.ObjectID
				version bal.Version
				b       *building.Building
			}
			var pool []*own
			create := func() bool {
				b := s.Building()
				b.ID = bal.NewObjectID()
				w := newWrite("create", b.ID)
				ok := send(w, func(ctx context.Context) ([]bal.Receipt, error) {
					return one(s.bc.Buildings.Create(ctx, b, action(w, building.ActionPermitApproved)))
				})
				if ok {
					pool = append(pool, &own{id: b.ID, version: w.got[0].Version, b: b})
				}
				return assert.NoError(t, w.err)
			}
			update := func(o *own, stale bool) bool {
				w := newWrite("update", o.id)
				b := *o.b
				b.ID, b.Version, b.HouseNumber = o.id, o.version, rnd.IntN(99)+1
				if stale {
					b.Version-- // someone else changed it since it was read: refused
				}
				if send(w, func(ctx context.Context) ([]bal.Receipt, error) {
					return one(s.bc.Buildings.Update(ctx, &b, action(w, building.ActionBuildingChanged)))
				}) {
					o.version = w.got[0].Version
				}
				return stale != (w.err == nil) || assert.NoError(t, w.err)
			}
			ok := true
			for n := 0; n < writes/workers && ok; n++ {
				switch p := rnd.Float64(); {
				case len(pool) < 3 || p < 0.10:
					ok = create()
				case p < 0.70:
					ok = update(pool[rnd.IntN(len(pool))], false)
				case p < 0.75:
					o := pool[rnd.IntN(len(pool))]
					ok = update(o, o.version > 1)
				case p < 0.90:
					a, b := pool[len(pool)-1], pool[len(pool)-2]
					w := newWrite("update", a.id, b.id)
					tx := s.c.NewTransaction()
					for _, o := range []*own{a, b} {
						x := *o.b
						x.ID, x.Version, x.HouseNumber = o.id, o.version, rnd.IntN(99)+1
						ok = ok && assert.NoError(t, s.bc.Buildings.AddUpdate(tx, &x, action(w, building.ActionBuildingChanged)))
					}
					if ok && send(w, func(ctx context.Context) ([]bal.Receipt, error) { return tx.Commit(ctx) }) {
						a.version, b.version = w.got[0].Version, w.got[1].Version
					}
					ok = ok && assert.NoError(t, w.err)
				default:
					o := pool[0]
					pool = pool[1:]
					w := newWrite("retire", o.id)
					send(w, func(ctx context.Context) ([]bal.Receipt, error) {
						return one(s.bc.Buildings.Retire(ctx, o.id, o.version, action(w, building.ActionDemolished)))
					})
					ok = assert.NoError(t, w.err)
				}
			}
		}()
	}
	wg.Wait()
	fired := map[string]int{}
	for _, f := range faults {
		fired[f.Name] = s.Server.FaultsFired(f.Name)
	}
	s.Server.ClearFaults()
	require.False(t, t.Failed())
	require.Len(t, all, writes)

	// The truth: every version of every object written, named by its
	// action's time.
	type made struct {
		id      bal.ObjectID
		version bal.Version
	}
	truth := map[time.Time][]made{}
	ids := map[bal.ObjectID]bool{}
	for _, w := range all {
		for _, id := range w.ids {
			ids[id] = true
		}
	}
	plain := building.New(s.Client) // reads; not recorded either way
	for id := range ids {
		cur, err := plain.Buildings.Get(context.Background(), id, nil)
		if errors.Is(err, bal.ErrNotFound) {
			continue // a create that never was applied
		}
		require.NoError(t, err)
		for v := bal.Version(1); v <= cur.Version; v++ {
			b, err := plain.Buildings.Get(context.Background(), id, &bal.GetOptions{Version: v})
			require.NoError(t, err)
			at := b.Action.Time.UTC()
			truth[at] = append(truth[at], made{id, v})
		}
	}

	recs := s.records(t)
	assert.Len(t, recs, writes, "exactly one record per intended write")
	var tally struct{ applied, refused, repeated, faulted int }
	for _, w := range all {
		rec := recs[w.key]
		if !assert.NotNil(t, rec, "write %s has a record", w.key) {
			continue
		}
		assert.Equal(t, w.calls-1, rec.Repeats, "every call with the key joins the one record")
		server := truth[w.at]
		if w.calls > 1 {
			tally.repeated++
		}
		if w.err != nil {
			tally.refused++
			assert.Equal(t, audit.ResultRefused, rec.Result(), "%s: %v", w.key, w.err)
			assert.Empty(t, server, "a refused write made no version")
			var e *bal.Error
			require.ErrorAs(t, w.err, &e)
			assert.Equal(t, e.StatusCode, rec.Outcome.HTTPStatus)
			assert.Equal(t, e.Code, rec.Outcome.Code)
			continue
		}
		tally.applied++
		require.Equal(t, audit.ResultApplied, rec.Result(), w.key)
		require.Len(t, rec.Objects, len(w.ids))
		require.Len(t, server, len(w.ids), "the write made one version of each object")
		for i, o := range rec.Objects {
			assert.Equal(t, w.kind, o.Change)
			assert.Equal(t, w.ids[i].String(), o.ID)
			assert.Contains(t, server, made{w.ids[i], bal.Version(o.VersionAfter)}, "the recorded version is the server's")
			assert.Equal(t, w.got[i].Version, bal.Version(o.VersionAfter))
			if w.kind != "create" {
				assert.Equal(t, o.VersionAfter-1, o.VersionBefore)
			}
		}
	}
	for name, n := range fired {
		tally.faulted += n
		assert.Positive(t, n, "fault %s fired", name)
	}
	rep, err := s.rec.Verify(context.Background(), nil)
	require.NoError(t, err)
	t.Logf("%d writes: %d applied, %d refused (stale versions), %d sent again with their key after an unclear outcome; %d faults injected; the chain (%d entries) verifies",
		writes, tally.applied, tally.refused, tally.repeated, tally.faulted, rep.Entries)
}

// A write whose outcome the client could not learn (no retries here, and
// the connection reset before or after the server applied it) is recorded
// as uncertain; Reconcile with Versions settles each from the object's
// version on the server: applied exactly when the server applied it.
func TestReconcileUnclearWrites(t *testing.T) {
	t.Parallel()
	s := newSDK(t)
	ctx := asAnna()
	const n = 20
	ids := make([]bal.ObjectID, n)
	for i := range ids {
		r, err := s.bc.Buildings.Create(ctx, s.Building(), s.Action(building.ActionPermitApproved))
		require.NoError(t, err)
		ids[i] = r.ID
	}
	once := s.Server.Client(func(cfg *bal.Config) {
		cfg.Recorder = s.rec.Hook()
		cfg.Retry.MaxAttempts = 1
	})
	t.Cleanup(once.CloseIdleConnections)
	bc := building.New(once)
	keys := make([]string, n)
	for i, id := range ids {
		kind := baltest.FaultReset
		if i%2 == 1 {
			kind = baltest.FaultResetAfterApply
		}
		// Twice: net/http itself resends a request with an Idempotency-Key
		// once when a reused connection breaks.
		remove := s.Server.Inject(baltest.FaultRule{Kind: kind, Method: http.MethodPut, Times: 2})
		b, err := bc.Buildings.Get(ctx, id, nil)
		require.NoError(t, err)
		b.HouseNumber = 7
		keys[i] = uuid.NewString()
		_, err = bc.Buildings.Update(bal.WithIdempotencyKey(ctx, keys[i]), b, s.Action(building.ActionBuildingChanged))
		require.ErrorIs(t, err, bal.ErrUnavailable)
		remove()
	}
	recs := s.records(t)
	for _, k := range keys {
		assert.Equal(t, audit.ResultUncertain, recs[k].Result())
	}

	rep, err := s.rec.Reconcile(context.Background(), audit.Versions(s.Client), &audit.ReconcileOptions{OlderThan: time.Nanosecond})
	require.NoError(t, err)
	assert.Equal(t, audit.ReconcileReport{Checked: n, Applied: n / 2, NotApplied: n / 2}, *rep)
	recs = s.records(t)
	for i, k := range keys {
		rec := recs[k]
		want, version := audit.ResultNotApplied, int64(1)
		if i%2 == 1 {
			want, version = audit.ResultApplied, 2
		}
		assert.Equal(t, want, rec.Result(), "write %d", i)
		assert.True(t, rec.Outcome.Reconciled)
		assert.Equal(t, version, rec.Outcome.Receipts[0].Version, "the version observed")
	}
}

// Hostile inputs through the SDK: a personnummer as the actor's name, in a
// deficiency's reason, in a case's comment, in the surveyor field and in
// the performing organisation is never stored, in any of its spellings; as
// the actor's id or the idempotency key it stops the write.
func TestHostileInputsThroughSDK(t *testing.T) {
	t.Parallel()
	s := newSDK(t)
	spellings := []string{"811228-9874", "19811228-9874", "8112289874", "198112289874", "811228 9874"}
	ctx := audit.WithActor(context.Background(), audit.Actor{ID: "anna.s", Name: "Anna " + spellings[0]})

	b := s.Building()
	b.Parts[0].Metadata = &geometry.Metadata{Surveyor: "Erik " + spellings[4]}
	act := s.Action(building.ActionPermitApproved)
	act.Performer = "Konsult " + spellings[2]
	_, err := s.bc.Buildings.Create(ctx, b, act)
	require.NoError(t, err)

	s.Server.RunQualityCheck()
	dc := deficiency.New(s.c)
	var open []*deficiency.Deficiency
	for d, err := range dc.List(ctx, &deficiency.ListOptions{Status: deficiency.StatusOpen}) {
		require.NoError(t, err)
		open = append(open, d)
	}
	require.NotEmpty(t, open)
	_, err = dc.Reject(ctx, open[0].ID, "Ägaren "+spellings[1]+" säger att huset är rivet")
	require.NoError(t, err)

	_, err = s.Server.RaiseCase("Kvalitetsärende", "Kontrollera")
	require.NoError(t, err)
	cc := casefile.New(s.c)
	for k, err := range cc.List(ctx, nil) {
		require.NoError(t, err)
		_, err = cc.Acknowledge(ctx, k.ID, casefile.Acknowledgement{Comment: "Handläggare " + spellings[3]})
		require.NoError(t, err)
		break
	}

	_, err = s.bc.Buildings.Create(bal.WithIdempotencyKey(ctx, spellings[0]), s.Building(), s.Action(building.ActionPermitApproved))
	require.ErrorIs(t, err, audit.ErrIdentityNumber, "an identifier holding one is refused, and the write not sent")
	require.ErrorIs(t, err, bal.ErrNotRecorded)

	var n int
	for rec, err := range s.rec.Records(context.Background(), nil) {
		require.NoError(t, err)
		n++
		assert.Equal(t, audit.ResultApplied, rec.Result())
	}
	assert.Equal(t, 3, n)
	for _, path := range []string{s.sink.Path(), s.sink.Path() + ".personal"} {
		raw, err := os.ReadFile(path)
		require.NoError(t, err)
		require.NotEmpty(t, raw)
		for _, pn := range spellings {
			assert.NotContains(t, string(raw), pn, "%s holds %s", filepath.Base(path), pn)
		}
		assert.False(t, audit.ContainsIdentityNumber(string(raw)), filepath.Base(path))
	}
	personal, err := os.ReadFile(s.sink.Path() + ".personal")
	require.NoError(t, err)
	for _, kept := range []string{"Anna " + audit.Masked, "Erik " + audit.Masked, "Handläggare " + audit.Masked} {
		assert.Contains(t, string(personal), kept, "the rest of the text is kept")
	}
}
