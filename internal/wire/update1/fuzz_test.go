package update1

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// fuzzSeeds adds the golden file of each name, plus documents that are
// almost right, to the corpus.
func fuzzSeeds(f *testing.F, names ...string) {
	for _, n := range names {
		b, err := os.ReadFile(filepath.Join("testdata", "golden", n+".xml"))
		require.NoError(f, err)
		f.Add(b)
	}
	f.Add([]byte(`<Uppdatering xmlns="` + Namespace + `"><Byggnad><Bostad><Bostad/></Bostad></Byggnad></Uppdatering>`))
	f.Add([]byte(`<Sokvillkor xmlns="` + Namespace + `" xmlns:gml="http://www.opengis.net/gml/3.2"><gml:Envelope srsName="urn:ogc:def:crs:EPSG::3006"><gml:lowerCorner>1 2</gml:lowerCorner></gml:Envelope></Sokvillkor>`))
	f.Add([]byte(`<!DOCTYPE x [<!ENTITY a "aaaa">]><Kvitto xmlns="` + Namespace + `">&a;</Kvitto>`))
}

// fuzzDecode checks the decoders' promises on arbitrary input: no panic;
// what the server's strict decoder accepts the lenient one accepts too; and
// whatever decodes writes out as a document both accept.
func fuzzDecode[T any](t *testing.T, data []byte) {
	strictErr := UnmarshalStrict(data, new(T))
	v := new(T)
	if err := Unmarshal(data, v); err != nil {
		require.Error(t, strictErr, "the strict decoder accepted what the lenient one refused: %v", err)
		return
	}
	out, err := Marshal(v)
	if err != nil {
		return // e.g. a geometry that decodes but cannot be written (empty)
	}
	require.NoError(t, Unmarshal(out, new(T)), "%s", out)
	require.NoError(t, UnmarshalStrict(out, new(T)), "%s", out)
}

func FuzzUnmarshalUppdatering(f *testing.F) {
	fuzzSeeds(f, "uppdatering")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzDecode[Uppdatering](t, data) })
}

func FuzzUnmarshalTransaktion(f *testing.F) {
	fuzzSeeds(f, "transaktion")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzDecode[Transaktion](t, data) })
}

func FuzzUnmarshalSokvillkor(f *testing.F) {
	fuzzSeeds(f, "sokvillkor")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzDecode[Sokvillkor](t, data) })
}

func FuzzUnmarshalByggnad(f *testing.F) {
	fuzzSeeds(f, "byggnad")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzDecode[Byggnad](t, data) })
}

func FuzzUnmarshalAdressplats(f *testing.F) {
	fuzzSeeds(f, "adressplats")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzDecode[Adressplats](t, data) })
}

func FuzzUnmarshalAnswers(f *testing.F) {
	// One target for the small answer documents: the first byte picks the
	// type, so the fuzzer explores all of them with one corpus.
	for i, n := range []string{"kvitto", "transaktionskvitto", "sokresultat", "forandringar", "brist", "bristlista", "arende", "arendelista", "bristatgard", "kvittens"} {
		b, err := os.ReadFile(filepath.Join("testdata", "golden", n+".xml"))
		require.NoError(f, err)
		f.Add(append([]byte{byte(i)}, b...))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 {
			return
		}
		body := data[1:]
		switch data[0] % 10 {
		case 0:
			fuzzDecode[Kvitto](t, body)
		case 1:
			fuzzDecode[Transaktionskvitto](t, body)
		case 2:
			fuzzDecode[Sokresultat](t, body)
		case 3:
			fuzzDecode[Forandringar](t, body)
		case 4:
			fuzzDecode[Brist](t, body)
		case 5:
			fuzzDecode[Bristlista](t, body)
		case 6:
			fuzzDecode[Arende](t, body)
		case 7:
			fuzzDecode[Arendelista](t, body)
		case 8:
			fuzzDecode[Bristatgard](t, body)
		case 9:
			fuzzDecode[Kvittens](t, body)
		}
	})
}
