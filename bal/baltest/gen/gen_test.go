package gen

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"regexp"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/address"
	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/building"
	"github.com/tjanstebaserad/bal-go/casefile"
	"github.com/tjanstebaserad/bal-go/deficiency"
	"github.com/tjanstebaserad/bal-go/geometry"
	"github.com/tjanstebaserad/bal-go/internal/wire/extract1"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
	"github.com/tjanstebaserad/bal-go/internal/wiremap"
)

func extract(t *testing.T, cfg Config) []byte {
	t.Helper()
	d, err := Generate(cfg)
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, d.WriteExtract(&buf))
	return buf.Bytes()
}

// TestDeterministic: the same configuration gives a byte-identical extract,
// another seed another one.
func TestDeterministic(t *testing.T) {
	t.Parallel()
	cfg := Config{Seed: 42, Buildings: 200}
	first, again := extract(t, cfg), extract(t, cfg)
	assert.Equal(t, sha256.Sum256(first), sha256.Sum256(again))
	cfg.Seed = 43
	assert.NotEqual(t, sha256.Sum256(first), sha256.Sum256(extract(t, cfg)))

	// The archive holds the manifest and a part file per information set,
	// each with many objects: every object of the dataset, in order.
	zr, err := zip.NewReader(bytes.NewReader(first), int64(len(first)))
	require.NoError(t, err)
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	assert.Equal(t, []string{"belagenhetsadress_1.xml", "byggnad_1.xml", "uttag.xml"}, names)
	d, err := Generate(Config{Seed: 42, Buildings: 200})
	require.NoError(t, err)
	var ids []string
	pr := extract1.NewPartReader()
	for _, name := range names[:2] {
		f, err := zr.Open(name)
		require.NoError(t, err)
		_, err = pr.Reset(f)
		require.NoError(t, err)
		for {
			e, err := pr.Next(nil)
			if errors.Is(err, io.EOF) {
				break
			}
			require.NoError(t, err)
			ids = append(ids, e.ID)
		}
		f.Close()
	}
	var want []string
	for _, o := range d.Objects() {
		want = append(want, metaOf(t, o).ID.String())
	}
	assert.Equal(t, want, ids)
}

// TestWriteExtractWith: part limits split the sets into numbered parts; the
// feed position reaches the manifest.
func TestWriteExtractWith(t *testing.T) {
	t.Parallel()
	d, err := Generate(Config{Seed: 5, Buildings: 100})
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, d.WriteExtractWith(&buf, &ExtractOptions{MaxObjects: 100, FeedPosition: "77"}))
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	require.NoError(t, err)
	f, err := zr.Open("uttag.xml")
	require.NoError(t, err)
	m, err := extract1.ParseManifest(f)
	require.NoError(t, err)
	assert.Equal(t, "77", m.Fortsattning)
	var total int64
	for _, p := range m.Del {
		assert.LessOrEqual(t, p.Antal, int64(100))
		total += p.Antal
	}
	assert.Equal(t, int64(len(d.Objects())), total)
	assert.Len(t, zr.File, len(m.Del)+1)
}

var (
	apartmentNumber = regexp.MustCompile(`^(\d\d)(0[1-9]|[1-9]\d)$`)
	designation     = regexp.MustCompile(`^Exempelby [A-ZÅÄÖ][a-zåäö]+ \d+:\d+$`)
)

func TestShape(t *testing.T) {
	t.Parallel()
	for _, n := range []int{100, 1600} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			t.Parallel()
			d, err := Generate(Config{Seed: 1, Buildings: n})
			require.NoError(t, err)
			assert.Len(t, d.Buildings, n)
			assert.NotEmpty(t, d.Entrances)
			assert.NotEmpty(t, d.Apartments)
			assert.NotEmpty(t, d.Points)
			assert.NotEmpty(t, d.Deficiencies)
			assert.NotEmpty(t, d.Cases)
			assert.Len(t, d.Districts, (n+districtTarget-1)/districtTarget)

			ids := map[bal.ObjectID]bool{}
			for _, o := range d.Objects() {
				id := metaOf(t, o).ID
				require.False(t, ids[id], "duplicate id %s", id)
				ids[id] = true
			}
			names := map[string]bool{}
			for _, p := range d.Properties {
				assert.Regexp(t, designation, p.Designation)
				require.False(t, names[p.Designation], "duplicate designation %s", p.Designation)
				names[p.Designation] = true
			}
			for _, a := range d.Apartments {
				if a.Number != "" {
					assert.Regexp(t, apartmentNumber, a.Number)
				}
			}
			// Every footprint is valid, with heights, and lies in the zone's
			// area of use once transformed there.
			for i, b := range d.Buildings {
				if i%7 != 0 {
					continue // a sample keeps the test quick
				}
				g := b.Parts[0].Surface
				require.NoError(t, geometry.Validate(g, &geometry.ValidateOptions{RequireZ: true}))
				local, err := geometry.Transform(g, d.Config.Zone)
				require.NoError(t, err)
				require.NoError(t, geometry.Validate(local, nil))
			}
		})
	}
}

// TestNoOverlap: footprints never overlap (plots are side by side and each
// building stays inside its plot).
func TestNoOverlap(t *testing.T) {
	t.Parallel()
	d, err := Generate(Config{Seed: 9, Buildings: 2000})
	require.NoError(t, err)
	type box struct{ minX, minY, maxX, maxY float64 }
	boxes := make([]box, len(d.Buildings))
	for i, b := range d.Buildings {
		bb := b.Parts[0].Surface.Bounds()
		boxes[i] = box{bb.Min(0), bb.Min(1), bb.Max(0), bb.Max(1)}
	}
	// Sort-free check on a grid of 100 m cells.
	cells := map[[2]int][]int{}
	for i, b := range boxes {
		for x := int(b.minX) / 100; x <= int(b.maxX)/100; x++ {
			for y := int(b.minY) / 100; y <= int(b.maxY)/100; y++ {
				for _, j := range cells[[2]int{x, y}] {
					o := boxes[j]
					overlap := b.minX < o.maxX-0.01 && o.minX < b.maxX-0.01 && b.minY < o.maxY-0.01 && o.minY < b.maxY-0.01
					require.False(t, overlap, "buildings %d and %d overlap", i, j)
				}
				cells[[2]int{x, y}] = append(cells[[2]int{x, y}], i)
			}
		}
	}
}

func TestConfig(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		cfg  Config
		ok   bool
	}{
		{"default", Config{}, true},
		{"too few", Config{Buildings: 99}, false},
		{"too many", Config{Buildings: MaxBuildings + 1}, false},
		{"no such county", Config{Kommunkod: "9901"}, false},
		{"not digits", Config{Kommunkod: "21x9"}, false},
		{"tm is not a local zone", Config{Zone: 3006}, false},
		{"Stockholm", Config{Kommunkod: "0199", Kommunnamn: "Provstad"}, true},
		{"Kiruna's county", Config{Kommunkod: "2599"}, true},
		{"own time", Config{Time: time.Date(2020, 5, 1, 0, 0, 0, 0, time.UTC)}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			d, err := Generate(tc.cfg)
			if !tc.ok {
				assert.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Len(t, d.Buildings, DefaultBuildings)
			for _, p := range d.Points[:5] {
				local, err := geometry.Transform(p.Position, d.Config.Zone)
				require.NoError(t, err)
				require.NoError(t, geometry.Validate(local, nil), "zone %d", d.Config.Zone)
			}
		})
	}
}

func ExampleGenerate() {
	d, err := Generate(Config{Seed: 1, Buildings: 1000})
	if err != nil {
		panic(err)
	}
	fmt.Println(d.Config.Kommunkod, d.Config.Kommunnamn, "zone", d.Config.Zone)
	fmt.Println(len(d.Buildings), "buildings on", len(d.Properties), "properties")
	b := d.Buildings[0]
	fmt.Println(b.Purposes[0].Use, "built", b.ConstructionYear, "on", d.Properties[0].Designation)
	fmt.Println(b.LiesOn[0].ID == d.Properties[0].ID, b.Status, b.Action.Type)
	// Output:
	// 2199 Exempelby zone 3010
	// 1000 buildings on 749 properties
	// Flerfamiljshus built 1993 on Exempelby Sandbo 1:1
	// true Gällande Befintlig byggnad
}

// metaOf returns the bal.Meta of a generated object.
func metaOf(t testing.TB, o any) *bal.Meta {
	t.Helper()
	switch x := o.(type) {
	case *address.District:
		return &x.Meta
	case *address.Area:
		return &x.Meta
	case *address.CourtyardArea:
		return &x.Meta
	case *address.Point:
		return &x.Meta
	case *building.Building:
		return &x.Meta
	case *building.Entrance:
		return &x.Meta
	case *building.Apartment:
		return &x.Meta
	}
	t.Fatalf("Objects yielded a %T", o)
	return nil
}

// TestObjectsAreValid: every generated object passes the SDK's own checks
// (Validate, and ValidateAction for its recorded Verksamhetsåtgärd), and
// objektversion 1 of each is gällande from Config.Time.
func TestObjectsAreValid(t *testing.T) {
	t.Parallel()
	d, err := Generate(Config{Seed: 4, Buildings: 400})
	require.NoError(t, err)
	type validator interface {
		Validate() error
		ValidateAction(bal.Action) error
	}
	for _, o := range d.Objects() {
		m := metaOf(t, o)
		v, ok := o.(validator)
		require.True(t, ok, "%T", o)
		require.NoError(t, v.Validate(), "%T %s", o, m.ID)
		require.NotNil(t, m.Action)
		require.NoError(t, v.ValidateAction(*m.Action), "%T %s", o, m.ID)
		assert.Equal(t, bal.Version(1), m.Version)
		assert.Equal(t, bal.StatusValid, m.Status)
		assert.True(t, m.ValidFrom.Equal(d.Config.Time))
	}
}

// TestStoredMapping: each generated object, mapped to the binding's struct as
// Lantmäteriet stores it (how baltest loads it and WriteExtract writes it)
// and back, is the object it was: the model packages' mappings lose nothing
// the generator sets.
func TestStoredMapping(t *testing.T) {
	t.Parallel()
	d, err := Generate(Config{Seed: 6, Buildings: 200})
	require.NoError(t, err)
	sameInstant := cmp.Options{
		cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) }),
		cmp.Transformer("geometry", func(g geom.T) any {
			if g == nil {
				return nil
			}
			return fmt.Sprint(g.SRID(), g.Layout(), g.FlatCoords(), g.Ends())
		}),
	}
	for _, o := range d.Objects() {
		w, err := wiremap.ToWire(o)
		require.NoError(t, err)
		back, err := wiremap.FromWire(w)
		require.NoError(t, err)
		require.Empty(t, cmp.Diff(o, back, sameInstant), "%T %s", o, metaOf(t, o).ID)
	}
	brist := wiremap.LookupTo[deficiency.Deficiency, *update1.Brist]()
	fromBrist := wiremap.Lookup[*update1.Brist, *deficiency.Deficiency]()
	for _, b := range d.Deficiencies {
		back, err := fromBrist(brist(b))
		require.NoError(t, err)
		require.Empty(t, cmp.Diff(b, back, sameInstant))
	}
	arende := wiremap.LookupTo[casefile.Case, *update1.Arende]()
	fromArende := wiremap.Lookup[*update1.Arende, *casefile.Case]()
	for _, c := range d.Cases {
		back, err := fromArende(arende(c))
		require.NoError(t, err)
		require.Empty(t, cmp.Diff(c, back, sameInstant))
	}
}
