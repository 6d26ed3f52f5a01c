package ngp

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/contract"
	"github.com/tjanstebaserad/bal-go/internal/wire/ngp1"
)

// FuzzFeatureCollection feeds the reader's decoder hostile pages: it may
// refuse them, never panic.
func FuzzFeatureCollection(f *testing.F) {
	if b, err := os.ReadFile("testdata/sokning-byggnad.3006.json"); err == nil {
		f.Add(b, "<http://www.opengis.net/def/crs/EPSG/0/3006>")
	}
	f.Add([]byte(`{"features":[{"geometry":{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1]}]}}]}`), "")
	f.Add([]byte(`{"features":[{"id":7,"geometry":{"type":"Polygon","coordinates":[[[6.5e6,6e5]]]}}]}`), "<urn:ogc:def:crs:EPSG::3010>")
	f.Fuzz(func(t *testing.T, data []byte, crs string) {
		var w ngp1.FeatureCollection
		if json.Unmarshal(data, &w) != nil {
			return
		}
		code, swap, err := answerCRS(crs, 0)
		if err != nil {
			return
		}
		for i := range w.Features {
			_, _ = featureOf(&w.Features[i], code, swap)
		}
	})
}

// FuzzBuilding decodes hostile domain objects.
func FuzzBuilding(f *testing.F) {
	f.Add([]byte(`{"objektidentitet":"0b5e9d2c-31a4-4f7e-8c15-6a2d9e0f4b31","objektversion":1,"geometri":[{"detaljniva":"NS-LOD 0","geometri":{"typ":"punkt","koordinatsystemPlan":"EPSG:3010","dimension":2,"position":{"type":"Point","coordinates":[150000,6730000]}}}]}`))
	f.Add([]byte(`{"objektidentitet":"x","registerbyggnad":[{"objektidentitet":""}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var b Building
		if json.Unmarshal(data, &b) == nil {
			_ = b.Validate()
			_, _ = json.Marshal(&b)
		}
	})
}

// FuzzReport decodes hostile validation reports and statuses.
func FuzzReport(f *testing.F) {
	if b, err := contract.Read("ngp/valideringsrapport.200.json"); err == nil {
		f.Add(b)
	}
	if b, err := contract.Read("ngp/forandringar.201.json"); err == nil {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var r ngp1.Valideringsrapport
		if json.Unmarshal(data, &r) == nil {
			_, _ = reportOf("fuzz", &bal.Response{StatusCode: 200}, &r, nil)
		}
		var fs ngp1.Forandringar
		if json.Unmarshal(data, &fs) == nil {
			_, _ = changesOf(fs.Forandringar)
		}
	})
}
