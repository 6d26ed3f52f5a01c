package extract

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest/gen"
	"github.com/tjanstebaserad/bal-go/internal/wire/extract1"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
	"github.com/tjanstebaserad/bal-go/internal/wiremap"
)

// tolerance is how far coordinates may move through a round trip: GML is
// written with the shortest exact decimal, so they should not move at all.
const tolerance = 1e-6

func geomClose(a, b geom.T) bool {
	an, bn := a == nil || reflect.ValueOf(a).IsNil(), b == nil || reflect.ValueOf(b).IsNil()
	if an || bn {
		return an && bn
	}
	if a.Layout() != b.Layout() || a.SRID() != b.SRID() || !cmp.Equal(a.Ends(), b.Ends()) || !cmp.Equal(a.Endss(), b.Endss()) {
		return false
	}
	fa, fb := a.FlatCoords(), b.FlatCoords()
	if len(fa) != len(fb) {
		return false
	}
	for i := range fa {
		if math.Abs(fa[i]-fb[i]) > tolerance {
			return false
		}
	}
	return true
}

var cmpOpts = cmp.Options{cmp.Comparer(geomClose)}

// wireData is a generated municipality as the binding's structs, as an
// extract holds them (mapped by the model packages, see internal/wiremap).
type wireData struct {
	objects            []update1.Objekt
	Kommundelar        []*update1.Kommundel
	Adressomraden      []*update1.Adressomrade
	Gardsadressomraden []*update1.Gardsadressomrade
	Adressplatser      []*update1.Adressplats
	Byggnader          []*update1.Byggnad
	Entreer            []*update1.Entre
	Lagenheter         []*update1.Lagenhet
}

// Objects returns every object, in gen's dependency order.
func (d *wireData) Objects() []update1.Objekt { return d.objects }

func wireDataOf(d *gen.Dataset) *wireData {
	objs, err := wiremap.ToWireAll(d.Objects())
	if err != nil {
		panic(err)
	}
	w := &wireData{objects: objs}
	for _, o := range objs {
		switch x := o.(type) {
		case *update1.Kommundel:
			w.Kommundelar = append(w.Kommundelar, x)
		case *update1.Adressomrade:
			w.Adressomraden = append(w.Adressomraden, x)
		case *update1.Gardsadressomrade:
			w.Gardsadressomraden = append(w.Gardsadressomraden, x)
		case *update1.Adressplats:
			w.Adressplatser = append(w.Adressplatser, x)
		case *update1.Byggnad:
			w.Byggnader = append(w.Byggnader, x)
		case *update1.Entre:
			w.Entreer = append(w.Entreer, x)
		case *update1.Lagenhet:
			w.Lagenheter = append(w.Lagenheter, x)
		}
	}
	return w
}

var genData = sync.OnceValue(func() *wireData {
	d, err := gen.Generate(gen.Config{Seed: 7, Buildings: 300})
	if err != nil {
		panic(err)
	}
	return wireDataOf(d)
})

// expected maps objects to items with the model mapping, as a reader
// should yield them.
func expected(t testing.TB, objs []update1.Objekt) []Item {
	t.Helper()
	out := make([]Item, 0, len(objs))
	for _, o := range objs {
		it, err := toItem(extract1.Entry{Kind: extract1.Insert, Type: o.Type(), ID: o.Meta().Objektidentitet, Object: o}, "")
		require.NoError(t, err)
		out = append(out, it)
	}
	return out
}

// collect reads every item, leaving out where each was.
func collect(t testing.TB, x *Reader, types ...bal.ObjectType) []Item {
	t.Helper()
	var out []Item
	for it, err := range x.Items(context.Background(), types...) {
		require.NoError(t, err)
		require.NotEmpty(t, it.Part)
		require.Positive(t, it.Line)
		it.Part, it.Line = "", 0
		out = append(out, it)
	}
	return out
}

// writeExtract writes objs with extract1's writer into files.
func writeExtract(t testing.TB, files extract1.Files, opts *extract1.WriterOptions, fill func(w *extract1.Writer)) {
	t.Helper()
	// A copy: parallel subtests share their options.
	var o extract1.WriterOptions
	if opts != nil {
		o = *opts
	}
	if o.Skapad.IsZero() {
		o.Skapad = time.Date(2026, 11, 29, 22, 3, 51, 0, time.UTC)
	}
	w, err := extract1.NewWriter(files, &o)
	require.NoError(t, err)
	fill(w)
	require.NoError(t, w.Close())
}

func insertAll(t testing.TB, objs []update1.Objekt) func(*extract1.Writer) {
	return func(w *extract1.Writer) {
		for _, o := range objs {
			require.NoError(t, w.Insert(o))
		}
	}
}

// zipBytes writes objs as one zip.
func zipBytes(t testing.TB, opts *extract1.WriterOptions, fill func(w *extract1.Writer)) []byte {
	t.Helper()
	var buf bytes.Buffer
	writeExtract(t, extract1.NewZipFiles(&buf, time.Unix(0, 0), 1), opts, fill)
	return buf.Bytes()
}

// dirFiles writes files under dir, creating sub-folders.
type dirCreate string

func (d dirCreate) create(name string) (io.WriteCloser, error) {
	p := filepath.Join(string(d), filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return nil, err
	}
	return os.Create(p)
}

// zipDir zips the folder dir into a zip at dst.
func zipDir(t testing.TB, dir, dst string) {
	t.Helper()
	f, err := os.Create(dst)
	require.NoError(t, err)
	zw := zip.NewWriter(f)
	require.NoError(t, zw.AddFS(os.DirFS(dir)))
	require.NoError(t, zw.Close())
	require.NoError(t, f.Close())
}
