package compare_test

import (
	"bytes"
	"context"
	"errors"
	"iter"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/compare"
	"github.com/tjanstebaserad/bal-go/geometry"
	"github.com/tjanstebaserad/bal-go/internal/gpkg"
)

const (
	uuid1 = "6e44dfce-1512-4ff8-a3ef-621eea67c676"
	uuid2 = "0b9b1a57-33a4-4c1e-9d0c-2f5c8e7b1a02"
)

// writeLayer writes a municipality's building layer as a GIS would: its own column names,
// one of them holding Lantmäteriet's identity.
func writeLayer(t testing.TB, path string, srs int, cols []gpkg.Column, rows ...gpkg.Feature) {
	t.Helper()
	ctx := context.Background()
	db, err := gpkg.Create(ctx, path, nil)
	require.NoError(t, err)
	defer db.Close()
	tab, err := db.CreateTable(ctx, gpkg.TableSpec{
		Name:     "byggnader",
		Geometry: &gpkg.GeometryColumn{Type: gpkg.Geometry, SRS: srs, Z: gpkg.Optional},
		Columns:  cols,
	})
	require.NoError(t, err)
	_, err = tab.Append(ctx, func(yield func(gpkg.Feature, error) bool) {
		for _, r := range rows {
			if !yield(r, nil) {
				return
			}
		}
	})
	require.NoError(t, err)
}

func square(srid int, e, n float64) *geom.Polygon {
	return geom.NewPolygonFlat(geom.XY, []float64{e, n, e + 10, n, e + 10, n + 8, e, n + 8, e, n}, []int{10}).SetSRID(srid)
}

func readAll(s iter.Seq2[compare.Feature, error]) ([]compare.Feature, []error) {
	var fs []compare.Feature
	var errs []error
	for f, err := range s {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		fs = append(fs, f)
	}
	return fs, errs
}

func TestReadGeoPackage(t *testing.T) {
	t.Parallel()
	cols := []gpkg.Column{
		{Name: "Objektidentitet", Type: gpkg.Text},
		{Name: "uuid", Type: gpkg.Text},
		{Name: "Fastighet", Type: gpkg.Text},
		{Name: "Husnummer", Type: gpkg.Integer},
		{Name: "Nybyggnadsår", Type: gpkg.Real},
		{Name: "huvudbyggnad", Type: gpkg.Boolean},
		{Name: "kommentar", Type: gpkg.Text},
	}
	rows := []gpkg.Feature{
		{Geometry: square(3011, 150000, 6580000), Values: []any{uuid1, uuid2, "Exempelby Backa 1:23", int64(2), 1975.0, true, "ny fasad"}},
		{Geometry: square(3011, 150100, 6580000), Values: []any{nil, nil, "Exempelby Backa 1:24", nil, nil, false, nil}},
		{Geometry: nil, Values: []any{"not-a-uuid", nil, "x", nil, nil, nil, nil}},
		{Geometry: square(3011, 150200, 6580000), Values: []any{strings.ToUpper(uuid2), nil, "Exempelby Backa 1:25", int64(1), nil, nil, nil}},
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "kommun.gpkg")
	writeLayer(t, path, 3011, cols, rows...)
	ctx := context.Background()

	tests := []struct {
		name    string
		mapping *compare.Mapping
		check   func(t *testing.T, fs []compare.Feature, errs []error)
	}{
		{
			name: "default mapping: Lantmäteriet's names, any case or å",
			check: func(t *testing.T, fs []compare.Feature, errs []error) {
				require.Len(t, errs, 1)
				var ie *compare.InputError
				require.ErrorAs(t, errs[0], &ie)
				assert.Equal(t, "fid 3", ie.Ref)
				assert.Equal(t, "local", ie.Side)
				require.Len(t, fs, 3)
				f := fs[0]
				assert.Equal(t, bal.ObjectTypeBuilding, f.Type)
				assert.Equal(t, bal.MustParseObjectID(uuid1), f.ID)
				assert.Equal(t, "fid 1", f.Ref)
				assert.Equal(t, map[string]string{"husnummer": "2", "nybyggnadsar": "1975", "huvudbyggnad": "true"}, f.Attributes)
				assert.Equal(t, 3011, f.Geometry.SRID())
				assert.Empty(t, f.Key)
				assert.True(t, fs[1].ID.IsZero(), "an empty identity is none")
				assert.Equal(t, map[string]string{"husnummer": "", "nybyggnadsar": "", "huvudbyggnad": "false"}, fs[1].Attributes)
				assert.Equal(t, bal.MustParseObjectID(uuid2), fs[2].ID, "upper-case identities read")
			},
		},
		{
			name: "own column names, a key, and attributes chosen",
			mapping: &compare.Mapping{
				ID:           "UUID",
				Key:          []string{"fastighet", "husnummer"},
				Attributes:   map[string]string{compare.AttrHouseNumber: "Husnummer", compare.AttrProperty: "fastighet"},
				HeightSystem: "RH 2000",
			},
			check: func(t *testing.T, fs []compare.Feature, errs []error) {
				require.Empty(t, errs)
				require.Len(t, fs, 4)
				assert.Equal(t, bal.MustParseObjectID(uuid2), fs[0].ID)
				assert.Equal(t, compare.BuildingKey("Exempelby Backa 1:23", 2), fs[0].Key)
				assert.Equal(t, map[string]string{"husnummer": "2", "registerenhet": "Exempelby Backa 1:23"}, fs[0].Attributes)
				assert.Equal(t, "RH 2000", fs[0].HeightSystem)
				assert.Equal(t, compare.BuildingKey("Exempelby Backa 1:24", 0), fs[1].Key)
				assert.Equal(t, compare.MakeKey("x", ""), fs[2].Key)
			},
		},
		{
			name:    "a mapping naming columns the layer lacks",
			mapping: &compare.Mapping{ID: "lm_id", Key: []string{"fastighetsbeteckning"}, Attributes: map[string]string{"husnummer": "husnr"}},
			check: func(t *testing.T, fs []compare.Feature, errs []error) {
				assert.Empty(t, fs)
				require.Len(t, errs, 1)
				assert.ErrorIs(t, errs[0], compare.ErrMapping)
				for _, c := range []string{"lmid", "fastighetsbeteckning", "husnr"} {
					assert.Contains(t, errs[0].Error(), c)
				}
			},
		},
		{
			name:    "address points",
			mapping: &compare.Mapping{Type: bal.ObjectTypeAddressPoint, Attributes: map[string]string{}},
			check: func(t *testing.T, fs []compare.Feature, errs []error) {
				require.Len(t, fs, 3)
				assert.Equal(t, bal.ObjectTypeAddressPoint, fs[0].Type)
				assert.Empty(t, fs[0].Attributes)
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fs, errs := readAll(compare.ReadGeoPackage(ctx, path, "byggnader", tt.mapping))
			tt.check(t, fs, errs)
		})
	}

	t.Run("no such layer or file", func(t *testing.T) {
		t.Parallel()
		_, errs := readAll(compare.ReadGeoPackage(ctx, path, "hus", nil))
		require.Len(t, errs, 1)
		_, errs = readAll(compare.ReadGeoPackage(ctx, filepath.Join(dir, "saknas.gpkg"), "hus", nil))
		require.Len(t, errs, 1)
		assert.ErrorIs(t, errs[0], os.ErrNotExist)
	})
}

func TestReadGeoPackageCRS(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	cols := []gpkg.Column{{Name: "objektidentitet", Type: gpkg.Text}}
	tests := []struct {
		name string
		srs  int
		m    *compare.Mapping
		want int // the features' SRID; 0 for an error
	}{
		{name: "a local zone", srs: 3011, want: 3011},
		{name: "WGS 84 reads as SWEREF 99", srs: 4326, want: geometry.SWEREF99Geographic},
		{name: "undefined, with a mapping's CRS", srs: 0, m: &compare.Mapping{SRID: 3006}, want: 3006},
		{name: "undefined, without", srs: 0, want: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(t.TempDir(), "crs.gpkg")
			srs := tt.srs
			if srs == 0 {
				srs = 3006 // written so, then made undefined below
			}
			g := geom.T(square(srs, 150000, 6580000))
			if tt.srs == 4326 {
				g = geom.NewPointFlat(geom.XY, []float64{17.1, 60.6}).SetSRID(4326)
			}
			writeLayer(t, path, srs, cols, gpkg.Feature{Geometry: g, Values: []any{uuid1}})
			if tt.srs == 0 {
				// The undefined Cartesian CRS (srs_id 0), as a GIS writes a layer whose CRS
				// it does not know.
				db, err := gpkg.Open(ctx, path, nil)
				require.NoError(t, err)
				for _, q := range []string{"UPDATE gpkg_geometry_columns SET srs_id = 0", "UPDATE gpkg_contents SET srs_id = 0 WHERE data_type = 'features'"} {
					_, err = db.SQL().ExecContext(ctx, q)
					require.NoError(t, err)
				}
				require.NoError(t, db.Close())
			}
			fs, errs := readAll(compare.ReadGeoPackage(ctx, path, "byggnader", tt.m))
			if tt.want == 0 {
				require.Len(t, errs, 1)
				assert.ErrorIs(t, errs[0], geometry.ErrUnknownCRS)
				return
			}
			require.Empty(t, errs)
			require.Len(t, fs, 1)
			assert.Equal(t, tt.want, fs[0].Geometry.SRID())
		})
	}
}

func TestReadGeoJSON(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		doc     string
		mapping *compare.Mapping
		check   func(t *testing.T, fs []compare.Feature, errs []error)
	}{
		{
			name: "SWEREF 99 with a crs member, identity in the id member",
			doc: `{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::3006"}},"features":[
{"type":"Feature","id":"` + uuid1 + `","geometry":{"type":"Point","coordinates":[615000.123,6729000.456]},"properties":{"Husnummer":3,"byggnadstyp":"Bostad","egen":"x"}},
{"type":"Feature","id":17,"geometry":null,"properties":{"objektidentitet":"` + uuid2 + `"}}]}`,
			check: func(t *testing.T, fs []compare.Feature, errs []error) {
				require.Empty(t, errs)
				require.Len(t, fs, 2)
				assert.Equal(t, bal.MustParseObjectID(uuid1), fs[0].ID)
				assert.Equal(t, 3006, fs[0].Geometry.SRID())
				assert.Equal(t, map[string]string{"husnummer": "3", "byggnadstyp": "Bostad"}, fs[0].Attributes)
				assert.Equal(t, "feature 1", fs[0].Ref)
				assert.Equal(t, bal.MustParseObjectID(uuid2), fs[1].ID)
				assert.Nil(t, fs[1].Geometry)
			},
		},
		{
			name: "RFC 7946 longitude/latitude reads as SWEREF 99 geographic",
			doc:  `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[17.1,60.6]},"properties":{"objektidentitet":"` + uuid1 + `"}}]}`,
			check: func(t *testing.T, fs []compare.Feature, errs []error) {
				require.Empty(t, errs)
				require.Len(t, fs, 1)
				assert.Equal(t, geometry.SWEREF99Geographic, fs[0].Geometry.SRID())
			},
		},
		{
			name:    "a mapping's key, and a feature without the key property",
			mapping: &compare.Mapping{Key: []string{"fastighet", "husnr"}, SRID: 3011},
			doc: `{"type":"FeatureCollection","features":[
{"type":"Feature","geometry":{"type":"Point","coordinates":[150000,6580000]},"properties":{"fastighet":"Exempelby Backa 1:23","husnr":2}},
{"type":"Feature","geometry":null,"properties":{"fastighet":"Exempelby Backa 1:24"}}]}`,
			check: func(t *testing.T, fs []compare.Feature, errs []error) {
				require.Len(t, fs, 1)
				assert.Equal(t, compare.BuildingKey("Exempelby Backa 1:23", 2), fs[0].Key)
				assert.Equal(t, 3011, fs[0].Geometry.SRID())
				require.Len(t, errs, 1)
				assert.ErrorIs(t, errs[0], compare.ErrMapping)
				var ie *compare.InputError
				require.ErrorAs(t, errs[0], &ie)
				assert.Equal(t, "feature 2", ie.Ref)
			},
		},
		{
			name: "a malformed feature among good ones",
			doc: `{"type":"FeatureCollection","features":[
{"type":"Feature","geometry":{"type":"Point","coordinates":"oops"},"properties":{}},
{"type":"Feature","geometry":{"type":"Point","coordinates":[17.1,60.6]},"properties":{"objektidentitet":"nope"}},
{"type":"Feature","geometry":{"type":"Point","coordinates":[17.1,60.6]},"properties":{"objektidentitet":"` + uuid1 + `"}}]}`,
			check: func(t *testing.T, fs []compare.Feature, errs []error) {
				require.Len(t, fs, 1)
				require.Len(t, errs, 2)
				for _, err := range errs {
					var ie *compare.InputError
					assert.ErrorAs(t, err, &ie)
				}
			},
		},
		{
			name: "not a FeatureCollection",
			doc:  `[1,2,3]`,
			check: func(t *testing.T, fs []compare.Feature, errs []error) {
				assert.Empty(t, fs)
				require.Len(t, errs, 1)
				var ie *compare.InputError
				assert.False(t, errors.As(errs[0], &ie), "the whole file is wrong, not one feature")
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fs, errs := readAll(compare.ReadGeoJSON(strings.NewReader(tt.doc), tt.mapping))
			tt.check(t, fs, errs)
		})
	}
}

// Hostile GeoJSON: the reader never panics, and what it yields is either a feature or an
// error.
func FuzzReadGeoJSON(f *testing.F) {
	f.Add([]byte(`{"type":"FeatureCollection","features":[{"type":"Feature","id":"` + uuid1 + `","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]},"properties":{"husnummer":1}}]}`))
	f.Add([]byte(`{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:3006"}},"features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[615000,6729000,12.5]},"properties":{"objektidentitet":null,"fastighet":["a"]}}]}`))
	f.Add([]byte(`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"GeometryCollection","geometries":[]},"properties":{"husnummer":1e400}}]}`))
	f.Add([]byte(`{"features":[{}],"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::9999"}}}`))
	f.Add([]byte(`{"type":"FeatureCollection","features":[`))
	f.Fuzz(func(t *testing.T, data []byte) {
		n := 0
		for feat, err := range compare.ReadGeoJSON(bytes.NewReader(data), &compare.Mapping{Key: []string{"fastighet"}}) {
			n++
			if err == nil && feat.Type != bal.ObjectTypeBuilding {
				t.Fatalf("feature without its type: %+v", feat)
			}
			if n > len(data)+1 {
				t.Fatalf("more features than bytes")
			}
		}
	})
}

// Hostile GeoPackage files, from a valid one cut and changed: the reader never panics.
func FuzzReadGeoPackage(f *testing.F) {
	dir := f.TempDir()
	seed := filepath.Join(dir, "seed.gpkg")
	writeLayer(f, seed, 3006, []gpkg.Column{{Name: "objektidentitet", Type: gpkg.Text}, {Name: "husnummer", Type: gpkg.Integer}},
		gpkg.Feature{Geometry: square(3006, 615000, 6729000), Values: []any{uuid1, int64(3)}})
	valid, err := os.ReadFile(seed)
	require.NoError(f, err)
	f.Add(valid)
	f.Add(valid[:len(valid)/2])
	flipped := bytes.Clone(valid)
	for i := 4096; i < len(flipped); i += 509 {
		flipped[i] ^= 0x5a
	}
	f.Add(flipped)
	f.Add([]byte("SQLite format 3\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "f.gpkg")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Skip(err)
		}
		for range compare.ReadGeoPackage(context.Background(), path, "byggnader", nil) {
		}
	})
}
