package registerbeteckning5_test

import (
	"encoding/json"
	"testing"

	"github.com/tjanstebaserad/bal-go/internal/wire/direkt"
	rb "github.com/tjanstebaserad/bal-go/internal/wire/direkt/registerbeteckning5"
	"github.com/tjanstebaserad/bal-go/internal/wire/direkt/wiretest"
)

// FuzzDecodeXML feeds the XML decoder arbitrary bytes; the seed corpus in
// testdata/fuzz/FuzzDecodeXML holds the answers of testdata.
func FuzzDecodeXML(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		wiretest.RoundTrip(t, data,
			func(b []byte) (rb.RegisterbeteckningResponse, error) {
				var r rb.RegisterbeteckningResponse
				return r, direkt.UnmarshalXML(b, &r)
			},
			func(r rb.RegisterbeteckningResponse) ([]byte, error) { return direkt.MarshalXML(r) })
	})
}

// FuzzDecodeJSON feeds the JSON decoders (answers and references)
// arbitrary bytes.
func FuzzDecodeJSON(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		wiretest.RoundTrip(t, data,
			func(b []byte) ([]rb.Beteckning, error) {
				var fc rb.FeatureCollection
				err := json.Unmarshal(b, &fc)
				return fc.Beteckningar(), err
			},
			func(bs []rb.Beteckning) ([]byte, error) { return direkt.MarshalJSON(rb.NewFeatureCollection(bs)) })
		wiretest.RoundTrip(t, data,
			func(b []byte) ([]rb.Referens, error) {
				var rs []rb.Referens
				return rs, json.Unmarshal(b, &rs)
			},
			func(rs []rb.Referens) ([]byte, error) { return direkt.MarshalJSON(rs) })
	})
}
