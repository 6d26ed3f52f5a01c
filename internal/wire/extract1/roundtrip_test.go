package extract1_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"math"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/bal/baltest/gen"
	"github.com/tjanstebaserad/bal-go/internal/wire/extract1"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
	"github.com/tjanstebaserad/bal-go/internal/wiremap"
)

// geomEqual compares geometries by type, layout, SRID, structure and
// coordinates to a nanometre.
var geomEqual = cmp.Comparer(func(a, b geom.T) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	if a.Layout() != b.Layout() || a.SRID() != b.SRID() || !cmp.Equal(a.Ends(), b.Ends()) || !cmp.Equal(a.Endss(), b.Endss()) {
		return false
	}
	fa, fb := a.FlatCoords(), b.FlatCoords()
	if len(fa) != len(fb) {
		return false
	}
	for i := range fa {
		if math.Abs(fa[i]-fb[i]) > 1e-9 {
			return false
		}
	}
	return true
})

// dataset returns the objects of a generated municipality of n buildings,
// as the binding's structs (mapped by the model packages).
func dataset(t testing.TB, n int) []update1.Objekt {
	d, err := gen.Generate(gen.Config{Seed: 3, Buildings: n})
	if err != nil {
		t.Fatal(err)
	}
	objs, err := wiremap.ToWireAll(d.Objects())
	if err != nil {
		t.Fatal(err)
	}
	return objs
}

// readAll reads every entry of every part of a zip written by the writer,
// in manifest order.
func readAll(t testing.TB, zipped []byte) (*extract1.Manifest, []extract1.Entry) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(zipped), int64(len(zipped)))
	require.NoError(t, err)
	open := func(name string) io.ReadCloser {
		f, err := zr.Open(name)
		require.NoError(t, err)
		return f
	}
	mf := open(extract1.ManifestName)
	m, err := extract1.ParseManifest(mf)
	require.NoError(t, err)
	mf.Close()
	var out []extract1.Entry
	pr := extract1.NewPartReader()
	for _, p := range m.Del {
		f := open(p.Fil)
		h, err := pr.Reset(f)
		require.NoError(t, err)
		assert.Equal(t, extract1.Header{Uttagstyp: m.Uttagstyp, Mangd: p.Mangd, Delnummer: p.Delnummer}, h)
		for {
			e, err := pr.Next(nil)
			if errors.Is(err, io.EOF) {
				break
			}
			require.NoError(t, err)
			out = append(out, e)
		}
		assert.Equal(t, p.Antal, pr.Count(), p.Fil)
		assert.Equal(t, p.Storlek, pr.Offset(), p.Fil)
		f.Close()
	}
	return m, out
}

func TestRoundTripBase(t *testing.T) {
	t.Parallel()
	d := dataset(t, 300)
	for _, tc := range []struct {
		name       string
		maxObjects int
		maxBytes   int64
	}{
		{"one part per set", 0, 0},
		{"many parts by count", 97, 0},
		{"many parts by size", 0, 64 << 10},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var buf bytes.Buffer
			at := time.Date(2026, 11, 29, 22, 3, 51, 0, time.UTC)
			w, err := extract1.NewWriter(extract1.NewZipFiles(&buf, at, 1), &extract1.WriterOptions{
				Skapad: at, MaxObjects: tc.maxObjects, MaxBytes: tc.maxBytes,
			})
			require.NoError(t, err)
			w.SetFeedPosition("4711")
			objs := d
			for _, o := range objs {
				require.NoError(t, w.Insert(o))
			}
			require.NoError(t, w.Close())

			m, entries := readAll(t, buf.Bytes())
			assert.Equal(t, extract1.Bas, m.Uttagstyp)
			assert.Equal(t, "4711", m.Fortsattning)
			assert.Equal(t, "urn:ogc:def:crs:EPSG::3006", m.Koordinatsystem)
			if tc.maxObjects > 0 || tc.maxBytes > 0 {
				assert.Greater(t, len(m.Del), 2)
			} else {
				assert.Len(t, m.Del, 2)
			}
			require.Len(t, entries, len(objs))
			for i, e := range entries {
				assert.Equal(t, extract1.Insert, e.Kind)
				require.Empty(t, cmp.Diff(objs[i], e.Object, geomEqual), "entry %d", i)
			}
		})
	}
}

// TestEncodingMatchesEncodingXML: every object is written byte for byte as
// encoding/xml marshals its update1 struct.
func TestEncodingMatchesEncodingXML(t *testing.T) {
	t.Parallel()
	objs := dataset(t, 100)
	// Objects with nothing but their identity, which update1 writes in
	// their bare shape.
	for _, typ := range update1.Typer() {
		o := typ.New()
		o.Meta().Objektidentitet, o.Meta().Objektversion = "6e44dfce-1512-4ff8-a3ef-621eea67c676", 3
		objs = append(objs, o)
		o = o.CloneObject()
		o.SetAction(&update1.Verksamhetsatgard{Atgardstyp: "Ny", AnsvarigOrganisation: "2199"})
		objs = append(objs, o)
	}
	for _, o := range objs {
		var want bytes.Buffer
		enc := xml.NewEncoder(&want)
		require.NoError(t, enc.EncodeElement(o, xml.StartElement{Name: xml.Name{Local: string(o.Type())}}))
		require.NoError(t, enc.Close())
		got, err := extract1.EncodeObject(o)
		require.NoError(t, err)
		require.Equal(t, want.String(), string(got))
	}
}

// TestGMLMatchesGeometry: the writer's own GML is byte for byte
// geometry.MarshalGML's, for every shape it writes itself, and the others
// fall through to MarshalGML.
func TestGMLMatchesGeometry(t *testing.T) {
	t.Parallel()
	poly := func(srid int, layout geom.Layout, flat []float64, ends []int) *geom.Polygon {
		return geom.NewPolygonFlat(layout, flat, ends).SetSRID(srid)
	}
	ring2 := []float64{614000, 6725000, 614010, 6725000, 614010, 6725010, 614000, 6725000}
	ring3 := []float64{614000, 6725000, 1.5, 614010, 6725000, 1.5, 614010, 6725010, 2, 614000, 6725000, 1.5}
	hole := []float64{614001, 6725001, 614002, 6725001, 614002, 6725002, 614001, 6725001}
	mp := geom.NewMultiPolygon(geom.XY).SetSRID(3006)
	require.NoError(t, mp.Push(poly(3006, geom.XY, ring2, []int{8})))
	require.NoError(t, mp.Push(poly(3006, geom.XY, append(append([]float64{}, ring2...), hole...), []int{8, 16})))
	cases := []struct {
		name string
		g    geom.T
		id   string
	}{
		{"point", geom.NewPointFlat(geom.XY, []float64{614000.25, 6725000.5}).SetSRID(3006), ""},
		{"point 3d with id", geom.NewPointFlat(geom.XYZ, []float64{614000, 6725000, 12.5}).SetSRID(5845), `p"1&<`},
		{"point 2d in a compound crs", geom.NewPointFlat(geom.XY, []float64{614000, 6725000}).SetSRID(5845), ""},
		{"polygon", poly(3006, geom.XY, ring2, []int{8}), ""},
		{"polygon 3d", poly(5845, geom.XYZ, ring3, []int{12}), "b1"},
		{"polygon with a hole", poly(3011, geom.XY, append(append([]float64{}, ring2...), hole...), []int{8, 16}), ""},
		{"multipolygon", mp, ""},
		{"linestring", geom.NewLineStringFlat(geom.XY, ring2).SetSRID(3006), ""},
		{"nan", geom.NewPointFlat(geom.XY, []float64{math.NaN(), 1}).SetSRID(3006), ""},
		{"unknown srid", geom.NewPointFlat(geom.XY, []float64{1, 2}).SetSRID(4326), ""},
		{"measure", geom.NewPointFlat(geom.XYM, []float64{1, 2, 3}).SetSRID(3006), ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			o := &update1.Adressplats{Utbytesobjekt: update1.Utbytesobjekt{Objektidentitet: "x"}}
			o.Adressplatsattribut.Adressplatspunkt = update1.Geometri{Geometry: tc.g, ID: tc.id}
			var want bytes.Buffer
			enc := xml.NewEncoder(&want)
			werr := enc.EncodeElement(o, xml.StartElement{Name: xml.Name{Local: "Adressplats"}})
			if werr == nil {
				werr = enc.Close()
			}
			got, gerr := extract1.EncodeObject(o)
			if werr != nil {
				assert.Error(t, gerr)
				return
			}
			require.NoError(t, gerr)
			assert.Equal(t, want.String(), string(got))
		})
	}
}
