package audit_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/audit"
	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/building"
	"github.com/tjanstebaserad/bal-go/geometry"
)

// exampleRecorder opens a chain file in a temporary directory, with a clock
// that starts on 1 December 2026 and moves a minute per reading.
func exampleRecorder() (*audit.Recorder, *audit.FileSink, func(time.Duration), func()) {
	dir, err := os.MkdirTemp("", "audit-example")
	if err != nil {
		log.Fatal(err)
	}
	sink, err := audit.OpenFile(filepath.Join(dir, "audit.jsonl"), nil)
	if err != nil {
		log.Fatal(err)
	}
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	r, err := audit.New(sink, &audit.Options{
		Key:          []byte("keep this 32-byte key in a vault"), // at least 32 bytes, from a secret store
		Organisation: "2180 Göteborgs stad",
		Now:          func() time.Time { now = now.Add(time.Minute); return now },
	})
	if err != nil {
		log.Fatal(err)
	}
	advance := func(d time.Duration) { now = now.Add(d) }
	return r, sink, advance, func() { sink.Close(); os.RemoveAll(dir) }
}

// Record a write: the intent before it is sent, the answer after.
func ExampleRecorder() {
	r, _, _, done := exampleRecorder()
	defer done()

	ctx := audit.WithActor(context.Background(), audit.Actor{ID: "anna.s", Name: "Anna Svensson"})
	w := &audit.Write{
		Operation:      "building.Update",
		IdempotencyKey: "5f0e7c1a-8d2b-4c3e-9a1f-2b3c4d5e6f70",
		Action:         audit.Action{Type: "Ändring", Responsible: "2180"},
		Objects: []audit.WriteObject{{
			Change: "update", Type: "Byggnad", ID: "39722cbb-f8b9-404b-a045-c5e6175f1001", Version: 3,
			Geometries: []audit.GeometryMetadata{{
				MethodPlan:   audit.Method{Type: "geodetisk detaljmätning", Variant: "GNSS, nätverks-RTK"},
				AccuracyPlan: 0.03,
				Surveyor:     "Erik Mätare",
			}},
		}},
	}
	p, err := r.Intend(ctx, w)
	if err != nil {
		log.Fatal(err) // not recorded: do not send the write
	}
	// … send the write …
	err = p.Settle(ctx, &audit.Answer{
		Receipts:  []audit.Receipt{{ID: "39722cbb-f8b9-404b-a045-c5e6175f1001", Version: 4}},
		RequestID: "a1b2c3", Attempts: 1,
	})
	if err != nil {
		log.Fatal(err)
	}

	for rec, err := range r.Records(context.Background(), &audit.Query{ObjectID: "39722cbb-f8b9-404b-a045-c5e6175f1001"}) {
		if err != nil {
			log.Fatal(err)
		}
		o := rec.Objects[0]
		fmt.Println(rec.Time.Format(time.DateTime), rec.Actor.Name, rec.Operation, rec.Result())
		fmt.Printf("%s %s: version %d → %d, measured by %s (%s), ±%.2f m\n",
			o.Type, o.ID, o.VersionBefore, o.VersionAfter, o.Geometries[0].Surveyor, o.Geometries[0].MethodPlan.Variant, o.Geometries[0].AccuracyPlan)
	}
	// Output:
	// 2026-12-01 09:01:00 Anna Svensson building.Update applied
	// Byggnad 39722cbb-f8b9-404b-a045-c5e6175f1001: version 3 → 4, measured by Erik Mätare (GNSS, nätverks-RTK), ±0.03 m
}

// Verify finds an edited record and says where; an exported head finds a
// cut tail.
func ExampleRecorder_Verify() {
	r, sink, _, done := exampleRecorder()
	defer done()
	ctx := audit.WithActor(context.Background(), audit.Actor{ID: "anna.s"})
	for v := int64(1); v <= 3; v++ {
		p, _ := r.Intend(ctx, &audit.Write{Operation: "building.Update",
			Objects: []audit.WriteObject{{Type: "Byggnad", ID: "39722cbb-f8b9-404b-a045-c5e6175f1001", Version: v}}})
		p.Settle(ctx, &audit.Answer{Receipts: []audit.Receipt{{Version: v + 1}}})
	}
	head, _ := r.Head(context.Background()) // exported for safekeeping

	// Someone changes the version a write was based on, and cuts off the
	// last entry.
	raw, _ := os.ReadFile(sink.Path())
	lines := strings.SplitAfter(string(raw), "\n")
	lines[2] = strings.Replace(lines[2], `"version":2`, `"version":9`, 1)
	os.WriteFile(sink.Path(), []byte(strings.Join(lines[:5], "")), 0o600)

	rep, err := r.Verify(context.Background(), &audit.VerifyOptions{Anchors: []audit.Head{head}})
	fmt.Println(err != nil)
	for _, p := range rep.Problems {
		fmt.Println(p)
	}
	// Output:
	// true
	// edited at position 3 (entry 3): the MAC does not match the entry: changed, or written without the key
	// missing at position 4 (entry 3): entry 3 is missing before entry 4
	// tail-cut at position 0 (entry 6): an exported head names entry 6; the chain ends at entry 5
}

// Purge applies the municipality's retention policy.
func ExampleRecorder_Purge() {
	r, _, advance, done := exampleRecorder()
	defer done()
	for i, name := range []string{"Anna Svensson", "Per Olsson"} {
		if i > 0 {
			advance(100 * 24 * time.Hour)
		}
		ctx := audit.WithActor(context.Background(), audit.Actor{ID: strings.ToLower(name[:3]), Name: name})
		p, _ := r.Intend(ctx, &audit.Write{Operation: "address.Create",
			Objects: []audit.WriteObject{{Change: "create", Type: "Adressplats", ID: "0a8e6f7d-3c2b-4a19-8e7f-6d5c4b3a2910"}}})
		p.Settle(ctx, &audit.Answer{Receipts: []audit.Receipt{{Version: 1}}})
	}

	rep, err := r.Purge(context.Background(), audit.Retention{PersonalDays: 90, RecordYears: 10})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("personal parts removed:", rep.RemovedPersonal)
	for rec := range r.Records(context.Background(), nil) {
		fmt.Printf("%s %s %s %q\n", rec.Time.Format(time.DateOnly), rec.Operation, rec.Personal, rec.Actor.Name)
	}
	_, err = r.Verify(context.Background(), nil)
	fmt.Println("verifies:", err == nil)
	// Output:
	// personal parts removed: 1
	// 2026-12-01 address.Create removed ""
	// 2027-03-11 address.Create held "Per Olsson"
	// verifies: true
}

// Reconcile settles the writes a stopped process left without an outcome.
func ExampleRecorder_Reconcile() {
	r, _, advance, done := exampleRecorder()
	defer done()
	ctx := audit.WithActor(context.Background(), audit.Actor{ID: "anna.s"})
	r.Intend(ctx, &audit.Write{Operation: "building.Update", IdempotencyKey: "k1",
		Objects: []audit.WriteObject{{Change: "update", Type: "Byggnad", ID: "39722cbb-f8b9-404b-a045-c5e6175f1001", Version: 3}}})
	// … the process stops here; on the next start:
	advance(time.Hour)
	current := func(ctx context.Context, objectType, id string) (int64, error) {
		return 4, nil // e.g. building.Get(ctx, id).Version, 0 on bal.ErrNotFound
	}
	rep, err := r.Reconcile(context.Background(), current, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("checked %d, applied %d\n", rep.Checked, rep.Applied)
	for rec := range r.Records(context.Background(), nil) {
		fmt.Println(rec.Result(), rec.Outcome.Reconciled, rec.Objects[0].VersionAfter)
	}
	// Output:
	// checked 1, applied 1
	// applied true 4
}

func ExampleMaskBody() {
	body := `<Bristatgard><status>Avvisad</status><kommentar>Ägaren Anna (811228-9874) säger nej</kommentar></Bristatgard>`
	fmt.Println(string(audit.MaskBody([]byte(body))))
	fmt.Println(audit.MaskIdentityNumbers("ring 19811228-9874 eller 0701234567"))
	// Output:
	// <Bristatgard><status>Avvisad</status><kommentar>[masked]</kommentar></Bristatgard>
	// ring [masked] eller 0701234567
}

// Record every write a client makes: set the hook in bal.Config, name the
// official per call, and read the record back.
func ExampleRecorder_Hook() {
	r, _, _, done := exampleRecorder()
	defer done()
	// A stand-in for Lantmäteriet; use bal.NewClient with bal.Verification
	// or bal.Production and your credentials instead.
	srv := baltest.NewServer()
	defer srv.Close()
	c := srv.Client(func(cfg *bal.Config) { cfg.Recorder = r.Hook() })
	bc := building.New(c)
	ds := srv.Dataset()
	e, n := ds.Center[0]+2000, ds.Center[1]+2000
	surveyed := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	b := &building.Building{
		Purposes: []building.Purpose{{Category: building.CategoryResidential, Use: building.UseApartmentBlock, Main: true}},
		Parts: []building.Part{{
			Placement: building.PlacementRoofEdge,
			Surface:   geom.NewPolygonFlat(geom.XY, []float64{e, n, e + 24, n, e + 24, n + 12, e, n + 12, e, n}, []int{10}).SetSRID(3006),
			Metadata: &geometry.Metadata{SurveyedAt: &surveyed, Surveyor: "Erik Mätare",
				PlanMethod: &geometry.PositioningMethod{Type: geometry.MethodGeodeticSurvey, Variant: "GNSS, nätverks-RTK"}},
		}},
		LiesOn: []bal.PropertyRef{{ID: ds.Properties[0].ID}},
	}

	ctx := audit.WithActor(context.Background(), audit.Actor{ID: "anna.s", Name: "Anna Svensson"})
	if _, err := bc.Buildings.Create(ctx, b, bal.Action{Type: building.ActionPermitApproved, Responsible: srv.Kommunkod()}); err != nil {
		log.Fatal(err)
	}
	// Without an official, nothing is sent.
	_, err := bc.Buildings.Create(context.Background(), b, bal.Action{Type: building.ActionPermitApproved, Responsible: srv.Kommunkod()})
	fmt.Println("without an actor:", errors.Is(err, bal.ErrNotRecorded), errors.Is(err, audit.ErrNoActor))

	for rec, err := range r.Records(context.Background(), nil) {
		if err != nil {
			log.Fatal(err)
		}
		o := rec.Objects[0]
		g := o.Geometries[0]
		fmt.Println(rec.Actor.Name, rec.Operation, rec.Action.Type, rec.Result())
		fmt.Printf("%s %s → version %d, %s (%s) surveyed %s by %s\n", o.Type, o.Change, o.VersionAfter,
			g.MethodPlan.Type, g.MethodPlan.Variant, g.SurveyedAt.Format(time.DateOnly), g.Surveyor)
	}
	// Output:
	// without an actor: true true
	// Anna Svensson building.Buildings.Create Godkänt bygglov applied
	// Byggnad create → version 1, geodetisk detaljmätning (GNSS, nätverks-RTK) surveyed 2026-11-20 by Erik Mätare
}
