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

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/geometry"
	"github.com/tjanstebaserad/bal-go/internal/wire/extract1"
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
		want = append(want, o.Meta().Objektidentitet)
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
			assert.Len(t, d.Byggnader, n)
			assert.NotEmpty(t, d.Entreer)
			assert.NotEmpty(t, d.Lagenheter)
			assert.NotEmpty(t, d.Adressplatser)
			assert.NotEmpty(t, d.Brister)
			assert.NotEmpty(t, d.Arenden)
			assert.Len(t, d.Kommundelar, (n+districtTarget-1)/districtTarget)

			ids := map[string]bool{}
			for _, o := range d.Objects() {
				id := o.Meta().Objektidentitet
				require.False(t, ids[id], "duplicate id %s", id)
				ids[id] = true
			}
			names := map[string]bool{}
			for _, p := range d.Registerenheter {
				assert.Regexp(t, designation, p.Beteckning)
				require.False(t, names[p.Beteckning], "duplicate designation %s", p.Beteckning)
				names[p.Beteckning] = true
			}
			for _, a := range d.Lagenheter {
				if a.Lagenhetsnummer != "" {
					assert.Regexp(t, apartmentNumber, a.Lagenhetsnummer)
				}
			}
			// Every footprint is valid, with heights, and lies in the zone's
			// area of use once transformed there.
			for i, b := range d.Byggnader {
				if i%7 != 0 {
					continue // a sample keeps the test quick
				}
				g := b.Byggnadsdel[0].Byggnadsyta.Geometry
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
	boxes := make([]box, len(d.Byggnader))
	for i, b := range d.Byggnader {
		bb := b.Byggnadsdel[0].Byggnadsyta.Geometry.Bounds()
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
			assert.Len(t, d.Byggnader, DefaultBuildings)
			for _, p := range d.Adressplatser[:5] {
				local, err := geometry.Transform(p.Adressplatsattribut.Adressplatspunkt.Geometry, d.Config.Zone)
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
	fmt.Println(d.Kommun.Kommunkod, d.Kommun.Kommunnamn, "zone", d.Config.Zone)
	fmt.Println(len(d.Byggnader), "buildings on", len(d.Registerenheter), "properties")
	fmt.Println(d.Registerenheter[0].Beteckning)
	// Output:
	// 2199 Exempelby zone 3010
	// 1000 buildings on 749 properties
	// Exempelby Sandbo 1:1
}
