package adress42_test

import (
	"encoding/json"
	"testing"

	"github.com/tjanstebaserad/bal-go/internal/wire/direkt"
	"github.com/tjanstebaserad/bal-go/internal/wire/direkt/adress42"
	"github.com/tjanstebaserad/bal-go/internal/wire/direkt/wiretest"
)

// FuzzDecodeXML feeds the XML decoder arbitrary bytes; the seed corpus in
// testdata/fuzz/FuzzDecodeXML holds the answers of testdata.
func FuzzDecodeXML(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		wiretest.RoundTrip(t, data,
			func(b []byte) (adress42.BelagenhetsadressResponse, error) {
				var r adress42.BelagenhetsadressResponse
				return r, direkt.UnmarshalXML(b, &r)
			},
			func(r adress42.BelagenhetsadressResponse) ([]byte, error) { return direkt.MarshalXML(r) })
	})
}

// FuzzDecodeJSON feeds the JSON decoders (answers and references)
// arbitrary bytes; the seed corpus in testdata/fuzz/FuzzDecodeJSON holds
// the answers of testdata.
func FuzzDecodeJSON(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		wiretest.RoundTrip(t, data,
			func(b []byte) ([]adress42.Belagenhetsadress, error) {
				var fc adress42.FeatureCollection
				err := json.Unmarshal(b, &fc)
				return fc.Adresser(), err
			},
			func(as []adress42.Belagenhetsadress) ([]byte, error) {
				return direkt.MarshalJSON(adress42.NewFeatureCollection(as))
			})
		wiretest.RoundTrip(t, data,
			func(b []byte) ([]adress42.Referens, error) {
				var rs []adress42.Referens
				return rs, json.Unmarshal(b, &rs)
			},
			func(rs []adress42.Referens) ([]byte, error) { return direkt.MarshalJSON(rs) })
	})
}
