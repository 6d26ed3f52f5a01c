package byggnad3_test

import (
	"encoding/json"
	"testing"

	"github.com/tjanstebaserad/bal-go/internal/wire/direkt"
	"github.com/tjanstebaserad/bal-go/internal/wire/direkt/byggnad3"
	"github.com/tjanstebaserad/bal-go/internal/wire/direkt/wiretest"
)

// FuzzDecodeXML feeds the XML decoder arbitrary bytes; the seed corpus in
// testdata/fuzz/FuzzDecodeXML holds the answers of testdata.
func FuzzDecodeXML(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		wiretest.RoundTrip(t, data,
			func(b []byte) (byggnad3.ByggnadResponse, error) {
				var r byggnad3.ByggnadResponse
				return r, direkt.UnmarshalXML(b, &r)
			},
			func(r byggnad3.ByggnadResponse) ([]byte, error) { return direkt.MarshalXML(r) })
	})
}

// FuzzDecodeJSON feeds the JSON decoder arbitrary bytes; the seed corpus in
// testdata/fuzz/FuzzDecodeJSON holds the answers of testdata.
func FuzzDecodeJSON(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		wiretest.RoundTrip(t, data,
			func(b []byte) ([]byggnad3.Byggnad, error) {
				var fc byggnad3.FeatureCollection
				err := json.Unmarshal(b, &fc)
				return fc.Byggnader(), err
			},
			func(bs []byggnad3.Byggnad) ([]byte, error) {
				return direkt.MarshalJSON(byggnad3.NewFeatureCollection(bs))
			})
	})
}
