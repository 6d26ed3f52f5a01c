package mirror

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/twpayne/go-geom"
	"go.uber.org/goleak"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/bal/baltest/gen"
	"github.com/tjanstebaserad/bal-go/building"
	"github.com/tjanstebaserad/bal-go/internal/testenv"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// storeKind is one kind of store the same assertions run on.
type storeKind struct {
	name string
	dsn  func(t *testing.T) string
}

var storeKinds = []storeKind{
	{"geopackage", func(t *testing.T) string { return filepath.Join(t.TempDir(), "bal.gpkg") }},
	{"postgis", func(t *testing.T) string { return testenv.Postgres(t) }},
}

// testSRID is the zone of the generated municipality (kommunkod 2199 has
// no verified row, so tests name it, as a municipality would).
const testSRID = 3014 // SWEREF 99 17 15

func newFake(t *testing.T, cfg gen.Config, opts ...baltest.Option) (*baltest.Server, *bal.Client) {
	t.Helper()
	opts = append([]baltest.Option{baltest.WithData(cfg), baltest.WithTime(time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC))}, opts...)
	srv := baltest.NewServer(opts...)
	t.Cleanup(srv.Close)
	c := srv.Client()
	t.Cleanup(c.CloseIdleConnections)
	return srv, c
}

// entry is what the identity check compares of one object.
func entry(version bal.Version, status bal.Status, retired bool, g, heights geom.T) string {
	return fmt.Sprintf("v%d %s retired=%t %s %s", version, status, retired, geomText(g), geomText(heights))
}

// geomText writes a geometry's layout and coordinates to the millimetre.
func geomText(g geom.T) string {
	if g == nil {
		return "-"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%T/%d/%v/%v[", g, g.Layout(), g.Ends(), g.Endss())
	for _, c := range g.FlatCoords() {
		fmt.Fprintf(&b, "%.3f ", c)
	}
	b.WriteString("]")
	return b.String()
}

// digest is the row counts and a hash over every object's id, version and
// geometry, with the entries kept for a readable diff.
type digest struct {
	Counts  map[bal.ObjectType]int
	Hash    string
	Entries map[string]string
}

func digestOf(entries map[string]string) digest {
	d := digest{Counts: map[bal.ObjectType]int{}, Entries: entries}
	keys := slices.Sorted(func(yield func(string) bool) {
		for k := range entries {
			if !yield(k) {
				return
			}
		}
	})
	h := sha256.New()
	for _, k := range keys {
		d.Counts[bal.ObjectType(k[:strings.IndexByte(k, '/')])]++
		fmt.Fprintf(h, "%s=%s\n", k, entries[k])
	}
	d.Hash = hex.EncodeToString(h.Sum(nil))
	return d
}

// mirrorDigest reads every object of the mirror.
func mirrorDigest(t *testing.T, m *Mirror) digest {
	t.Helper()
	entries := map[string]string{}
	for _, typ := range Types() {
		for o, err := range m.Objects(t.Context(), typ) {
			require.NoError(t, err)
			entries[string(typ)+"/"+o.ID.String()] = entry(o.Version, o.Status, !o.Retired.IsZero(), o.Geometry, o.Heights)
		}
	}
	return digestOf(entries)
}

// fakeDigest is what the mirror must hold: every object of the fake (the
// retired ones only when kept), read through the SDK's batch read and
// mapped to the mirror's CRS.
func fakeDigest(t *testing.T, srv *baltest.Server, c *bal.Client, keepRetired bool) digest {
	t.Helper()
	conv, err := newConverter(testSRID)
	require.NoError(t, err)
	ctx := t.Context()
	entries := map[string]string{}
	ids := map[bal.ObjectType][]bal.ObjectID{}
	for _, o := range srv.Dataset().Objects() {
		r, err := conv.row(o)
		require.NoError(t, err)
		ids[r.table.typ] = append(ids[r.table.typ], r.id)
	}
	for _, typ := range Types() {
		for o, err := range getMany(ctx, c, typ, ids[typ]) {
			require.NoError(t, err)
			r, err := conv.row(o)
			require.NoError(t, err)
			if r.status == bal.StatusRetired && !keepRetired {
				continue
			}
			g, heights := r.geom, r.geomZ
			entries[string(typ)+"/"+r.id.String()] = entry(bal.Version(r.version), r.status, r.status == bal.StatusRetired, g, heights)
		}
	}
	return digestOf(entries)
}

// mixedChanges makes Lantmäteriet change objects of every kind until the
// feed has n more changes: edits of buildings (attributes, and footprints
// moved by 0.25 m), retirements of apartments, and property formations that
// move a building and its address points to a new property.
func mixedChanges(t *testing.T, srv *baltest.Server, n int) {
	t.Helper()
	ctx := context.Background()
	ctl := srv.Control()
	start := len(srv.Changes())
	buildings := srv.Dataset().Buildings
	apartments := srv.Dataset().Apartments
	for i := 0; len(srv.Changes())-start < n; i++ {
		b := buildings[i%len(buildings)]
		switch i % 5 {
		case 0, 1, 4:
			_, err := srv.EditBuilding(b.ID, func(x *building.Building) {
				x.HouseNumber = 1 + i%90
				if i%5 == 4 && (x.ExtensionYear == 0 || x.ExtensionYear >= 1900+i%120) {
					x.ConstructionYear = 1900 + i%120
				}
				for j := range x.Parts {
					if g := x.Parts[j].Surface; g != nil && i%2 == 0 {
						x.Parts[j].Surface = shifted(g, 0.25)
					}
				}
			})
			require.NoError(t, err)
		case 2:
			a := apartments[(i/5)%len(apartments)].ID
			m, ok := srv.Meta(bal.ObjectRef{Type: bal.ObjectTypeApartment, ID: a})
			require.True(t, ok)
			if m.Status == bal.StatusRetired {
				continue
			}
			_, err := ctl.Retire(ctx, "Lagenhet", a.String(), "Ingår i annan lägenhet")
			require.NoError(t, err)
		case 3:
			if len(b.LiesOn) > 0 {
				// From the property the building was generated on; once a
				// formation has moved it, that fails and nothing changes.
				_, _, _ = srv.FormProperty(b.LiesOn[0].ID, b.ID)
			}
		}
	}
}

// shifted moves a geometry east by d metres.
func shifted(g geom.T, d float64) geom.T {
	flat := slices.Clone(g.FlatCoords())
	for i := 0; i < len(flat); i += g.Stride() {
		flat[i] += d
	}
	switch x := g.(type) {
	case *geom.Polygon:
		return geom.NewPolygonFlat(x.Layout(), flat, x.Ends()).SetSRID(x.SRID())
	case *geom.MultiPolygon:
		return geom.NewMultiPolygonFlat(x.Layout(), flat, x.Endss()).SetSRID(x.SRID())
	}
	return g
}
