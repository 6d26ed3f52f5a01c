package testenv_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/internal/testenv"
)

// What GDAL 3.6's `ogrinfo -so -al` prints for a GeoPackage with a compound-CRS layer
// (whose component IDs come before its own) and an attribute table, abridged by hand.
const ogrinfoOut = `INFO: Open of ` + "`" + `rapport.gpkg'
      using driver ` + "`" + `GPKG' successful.

Layer name: byggnad
Geometry: 3D Polygon
Feature Count: 12
Extent: (500000.000000, 6500000.000000) - (500030.000000, 6500010.000000)
Layer SRS WKT:
COMPOUNDCRS["SWEREF99 TM + RH2000 height",
    PROJCRS["SWEREF99 TM",
        BASEGEOGCRS["SWEREF99",
            ID["EPSG",4619]],
        ID["EPSG",3006]],
    VERTCRS["RH2000 height",
        ID["EPSG",5613]],
    ID["EPSG",5845]]
Data axis to CRS axis mapping: 2,1,3
FID Column = fid
Geometry Column = geom
namn: String (0.0)

Layer name: kontrollpunkt
Geometry: None
Feature Count: 1
Layer SRS WKT:
(unknown)
FID Column = fid
position: String (0.0)
`

func TestParseOGRInfo(t *testing.T) {
	t.Parallel()
	assert.Equal(t, map[string]testenv.OGRLayer{
		"byggnad":       {Geometry: "3D Polygon", Count: 12, EPSG: 5845},
		"kontrollpunkt": {Geometry: "None", Count: 1},
	}, testenv.ParseOGRInfo(ogrinfoOut))
	assert.Empty(t, testenv.ParseOGRInfo("FAILURE:\nUnable to open datasource\n"))
}

func TestOGRLayersOpensAFile(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "byggnad.geojson")
	require.NoError(t, os.WriteFile(path, []byte(`{"type":"FeatureCollection","name":"byggnad",
"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::3006"}},"features":[
{"type":"Feature","properties":{"namn":"Hus"},"geometry":{"type":"Polygon","coordinates":[[[500000,6500000],[500010,6500000],[500010,6500010],[500000,6500000]]]}},
{"type":"Feature","properties":{"namn":"Hus 2"},"geometry":{"type":"Polygon","coordinates":[[[500020,6500000],[500030,6500000],[500030,6500010],[500020,6500000]]]}}]}`), 0o600))
	assert.Equal(t, map[string]testenv.OGRLayer{"byggnad": {Geometry: "Polygon", Count: 2, EPSG: 3006}}, testenv.OGRLayers(t, path))
}
