package extract

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/address"
	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/building"
	"github.com/tjanstebaserad/bal-go/internal/wire/extract1"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

// TestLayouts: the same extract reads the same in every layout a delivery
// comes in, and every object of every type equals what gen generated.
func TestLayouts(t *testing.T) {
	t.Parallel()
	d := genData()
	objs := d.Objects()
	want := expected(t, objs)
	opts := &extract1.WriterOptions{MaxObjects: 400}
	cases := []struct {
		name string
		open func(t *testing.T) (*Reader, error)
	}{
		{"zip in memory", func(t *testing.T) (*Reader, error) {
			b := zipBytes(t, opts, insertAll(t, objs))
			return NewReader(bytes.NewReader(b), int64(len(b)), nil)
		}},
		{"zip file", func(t *testing.T) (*Reader, error) {
			p := filepath.Join(t.TempDir(), "1.zip")
			require.NoError(t, os.WriteFile(p, zipBytes(t, opts, insertAll(t, objs)), 0o644))
			return Open(p, nil)
		}},
		{"unpacked folder", func(t *testing.T) (*Reader, error) {
			dir := t.TempDir()
			files, err := extract1.NewDirFiles(dir)
			require.NoError(t, err)
			writeExtract(t, files, opts, insertAll(t, objs))
			return Open(dir, nil)
		}},
		{"geotorget: zips in sub-folders", func(t *testing.T) (*Reader, error) {
			dir := t.TempDir()
			create := func(name string) (io.WriteCloser, error) {
				if strings.HasPrefix(name, "byggnad_") {
					name = "byggnad/" + name
				}
				return dirCreate(dir).create(name)
			}
			writeExtract(t, extract1.NewSeparateZips(create, time.Unix(0, 0), 1), opts, insertAll(t, objs))
			return Open(dir, nil)
		}},
		{"the delivery folder zipped", func(t *testing.T) (*Reader, error) {
			dir := t.TempDir()
			writeExtract(t, extract1.NewSeparateZips(dirCreate(dir).create, time.Unix(0, 0), 1), opts, insertAll(t, objs))
			outer := filepath.Join(t.TempDir(), "leverans.zip")
			zipDir(t, dir, outer)
			return Open(outer, &Options{TempDir: t.TempDir()})
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			x, err := tc.open(t)
			require.NoError(t, err)
			defer func() { assert.NoError(t, x.Close()) }()
			m := x.Manifest()
			assert.Equal(t, Base, m.Type)
			assert.True(t, m.Declared)
			assert.Greater(t, len(m.Parts), 2)
			got := collect(t, x)
			require.Len(t, got, len(want))
			if diff := cmp.Diff(want, got, cmpOpts); diff != "" {
				t.Fatalf("items differ (-want +got):\n%s", diff)
			}
		})
	}
}

// TestObjects: each of the seven types, alone, equal to gen's.
func TestObjects(t *testing.T) {
	t.Parallel()
	d := genData()
	b := zipBytes(t, nil, insertAll(t, d.Objects()))
	x, err := NewReader(bytes.NewReader(b), int64(len(b)), nil)
	require.NoError(t, err)
	defer x.Close()
	ctx := context.Background()
	check := func(t *testing.T, objs []update1.Objekt, got []any) {
		want := expected(t, objs)
		require.Len(t, got, len(want))
		for i := range want {
			require.Empty(t, cmp.Diff(want[i].Object(), got[i], cmpOpts))
		}
	}
	t.Run("Building", func(t *testing.T) {
		t.Parallel()
		check(t, objects(d.Byggnader), all(t, Objects[building.Building](ctx, x)))
	})
	t.Run("Entrance", func(t *testing.T) {
		t.Parallel()
		check(t, objects(d.Entreer), all(t, Objects[building.Entrance](ctx, x)))
	})
	t.Run("Apartment", func(t *testing.T) {
		t.Parallel()
		check(t, objects(d.Lagenheter), all(t, Objects[building.Apartment](ctx, x)))
	})
	t.Run("Point", func(t *testing.T) {
		t.Parallel()
		check(t, objects(d.Adressplatser), all(t, Objects[address.Point](ctx, x)))
	})
	t.Run("Area", func(t *testing.T) {
		t.Parallel()
		check(t, objects(d.Adressomraden), all(t, Objects[address.Area](ctx, x)))
	})
	t.Run("CourtyardArea", func(t *testing.T) {
		t.Parallel()
		check(t, objects(d.Gardsadressomraden), all(t, Objects[address.CourtyardArea](ctx, x)))
	})
	t.Run("District", func(t *testing.T) {
		t.Parallel()
		check(t, objects(d.Kommundelar), all(t, Objects[address.District](ctx, x)))
	})
}

func objects[T update1.Objekt](s []T) []update1.Objekt {
	out := make([]update1.Objekt, len(s))
	for i, o := range s {
		out[i] = o
	}
	return out
}

func all[T any](t *testing.T, seq func(func(*T, error) bool)) []any {
	var out []any
	for o, err := range seq {
		require.NoError(t, err)
		out = append(out, o)
	}
	return out
}

// TestChangeExtract: deletes and inserts come in file order, across parts,
// unpaired; Objects refuses a change extract.
func TestChangeExtract(t *testing.T) {
	t.Parallel()
	d := genData()
	b0, b1, p := d.Byggnader[0], d.Byggnader[1], d.Adressplatser[0]
	changed := b0.Clone()
	changed.Objektversion = 2
	changed.Byggnadsattribut.Husnummer = 9
	b := zipBytes(t, &extract1.WriterOptions{Uttagstyp: extract1.Forandring, MaxObjects: 2}, func(w *extract1.Writer) {
		require.NoError(t, w.Delete(update1.TypAdressplats, p.Objektidentitet))
		require.NoError(t, w.Delete(update1.TypByggnad, b0.Objektidentitet))
		require.NoError(t, w.Insert(changed)) // its delete is in the part before
		require.NoError(t, w.Delete(update1.TypByggnad, b1.Objektidentitet))
		w.SetFeedPosition("10234")
	})
	x, err := NewReader(bytes.NewReader(b), int64(len(b)), nil)
	require.NoError(t, err)
	defer x.Close()
	m := x.Manifest()
	assert.Equal(t, Change, m.Type)
	assert.Equal(t, bal.Checkpoint("10234"), m.FeedPosition)
	assert.Len(t, m.Parts, 3)

	got := collect(t, x)
	require.Len(t, got, 4)
	id := func(s string) bal.ObjectID { v, err := bal.ParseObjectID(s); require.NoError(t, err); return v }
	assert.Equal(t, Item{Kind: Delete, Type: bal.ObjectTypeAddressPoint, ID: id(p.Objektidentitet)}, got[0])
	assert.Equal(t, Item{Kind: Delete, Type: bal.ObjectTypeBuilding, ID: id(b0.Objektidentitet)}, got[1])
	assert.Equal(t, Insert, got[2].Kind)
	require.NotNil(t, got[2].Building)
	assert.Equal(t, 9, got[2].Building.HouseNumber)
	assert.Equal(t, bal.Version(2), got[2].Building.Version)
	assert.Equal(t, id(b0.Objektidentitet), got[2].ID)
	assert.Equal(t, Item{Kind: Delete, Type: bal.ObjectTypeBuilding, ID: id(b1.Objektidentitet)}, got[3])

	// Only buildings: the address part is not read.
	var parts int
	x2, err := NewReader(bytes.NewReader(b), int64(len(b)), &Options{Progress: func(p Progress) { parts = p.Parts }})
	require.NoError(t, err)
	assert.Len(t, collect(t, x2, bal.ObjectTypeBuilding), 3)
	assert.Equal(t, 2, parts)

	for _, err := range Objects[building.Building](context.Background(), x) {
		assert.ErrorIs(t, err, ErrChangeExtract)
	}
}

// TestFilterAndProgress: a filter yields only its types; progress counts up
// to the totals.
func TestFilterAndProgress(t *testing.T) {
	t.Parallel()
	d := genData()
	b := zipBytes(t, &extract1.WriterOptions{MaxObjects: 500}, insertAll(t, d.Objects()))
	var reports []Progress
	x, err := NewReader(bytes.NewReader(b), int64(len(b)), &Options{Progress: func(p Progress) { reports = append(reports, p) }})
	require.NoError(t, err)
	defer x.Close()
	got := collect(t, x, bal.ObjectTypeDistrict, bal.ObjectTypeApartment)
	assert.Len(t, got, len(d.Kommundelar)+len(d.Lagenheter))
	for _, it := range got {
		assert.Contains(t, []bal.ObjectType{bal.ObjectTypeDistrict, bal.ObjectTypeApartment}, it.Type)
	}
	require.NotEmpty(t, reports)
	last := reports[len(reports)-1]
	assert.Equal(t, last.Parts, last.PartsDone)
	assert.Equal(t, last.TotalBytes, last.Bytes)
	assert.Equal(t, last.TotalItems, last.Items)
	assert.Equal(t, int64(len(d.Objects())), last.TotalItems)
	for i := 1; i < len(reports); i++ {
		assert.GreaterOrEqual(t, reports[i].Bytes, reports[i-1].Bytes)
		assert.GreaterOrEqual(t, reports[i].Items, reports[i-1].Items)
	}
}

// TestManifestFields: what the manifest says, and an extract without one.
func TestManifestFields(t *testing.T) {
	t.Parallel()
	d := genData()
	dir := t.TempDir()
	files, err := extract1.NewDirFiles(dir)
	require.NoError(t, err)
	writeExtract(t, files, &extract1.WriterOptions{SRID: 3011, MaxObjects: 1000}, insertAll(t, d.Objects()))
	x, err := Open(dir, nil)
	require.NoError(t, err)
	m := x.Manifest()
	x.Close()
	assert.Equal(t, 3011, m.SRID)
	assert.Equal(t, "RH 2000", m.HeightSystem)
	assert.True(t, m.Created.Equal(time.Date(2026, 11, 29, 22, 3, 51, 0, time.UTC)))
	assert.True(t, m.FeedPosition.IsZero())
	require.NotEmpty(t, m.Parts)
	assert.Equal(t, Part{Name: "belagenhetsadress_1.xml", Path: "belagenhetsadress_1.xml", Set: "belagenhetsadress",
		Number: 1, Entries: m.Parts[0].Entries, Size: m.Parts[0].Size}, m.Parts[0])
	assert.Positive(t, m.Parts[0].Entries)

	// Without the manifest the parts still read, in order, and the type
	// comes from them.
	require.NoError(t, os.Remove(filepath.Join(dir, "uttag.xml")))
	x, err = Open(dir, nil)
	require.NoError(t, err)
	defer x.Close()
	m = x.Manifest()
	assert.False(t, m.Declared)
	assert.Equal(t, Base, m.Type)
	assert.Equal(t, int64(-1), m.Parts[0].Entries)
	assert.Len(t, collect(t, x), len(d.Objects()))
}

func TestContextCancel(t *testing.T) {
	t.Parallel()
	d := genData()
	b := zipBytes(t, nil, insertAll(t, d.Objects()))
	x, err := NewReader(bytes.NewReader(b), int64(len(b)), nil)
	require.NoError(t, err)
	defer x.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	n := 0
	var last error
	for _, err := range x.Items(ctx) {
		if err != nil {
			last = err
			break
		}
		if n++; n == 10 {
			cancel()
		}
	}
	assert.ErrorIs(t, last, context.Canceled)
	assert.Less(t, n, len(d.Objects()))
}

// TestConcurrentItems: two iterations of one Reader at once read the same.
func TestConcurrentItems(t *testing.T) {
	t.Parallel()
	d := genData()
	dir := t.TempDir()
	writeExtract(t, extract1.NewSeparateZips(dirCreate(dir).create, time.Unix(0, 0), 1), &extract1.WriterOptions{MaxObjects: 300}, insertAll(t, d.Objects()))
	x, err := Open(dir, nil)
	require.NoError(t, err)
	defer x.Close()
	results := make(chan []Item, 2)
	for range 2 {
		go func() {
			var out []Item
			for it, err := range x.Items(context.Background()) {
				if err != nil {
					break
				}
				out = append(out, it)
			}
			results <- out
		}()
	}
	a, b := <-results, <-results
	assert.Len(t, a, len(d.Objects()))
	assert.Empty(t, cmp.Diff(a, b, cmpOpts))
}
