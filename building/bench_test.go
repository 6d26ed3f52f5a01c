package building

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"sync"
	"testing"

	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/wire/direkt"
	"github.com/tjanstebaserad/bal-go/internal/wire/direkt/byggnad3"
)

// benchBuildings is the size of the answer the decoding benchmarks read:
// 10 000 buildings with attributes, a purpose, a property relation and a
// 9-vertex footprint each, as includeData=total answers them.
const benchBuildings = 10_000

var benchData = sync.OnceValues(func() ([]byte, []byte) {
	ws := make([]byggnad3.Byggnad, benchBuildings)
	for i := range ws {
		id := fmt.Sprintf("39722cbb-f8b9-404b-a045-%012d", i)
		e, n := 600000+float64(i%100)*50, 6700000+float64(i/100)*50
		ring := []float64{e, n, e + 10.5, n, e + 10.5, n + 4.25, e + 12, n + 4.25, e + 12, n + 12.75, e + 3, n + 12.75, e + 3, n + 9, e, n + 9, e, n}
		ws[i] = byggnad3.Byggnad{
			Objektidentitet: id, Objektstatus: "Gällande",
			Byggnadsattribut: &byggnad3.Byggnadsattribut{Objektidentitet: id, Objektversion: 3,
				VersionGiltigFran: "2021-10-22T23:58:21.345+02:00", Husnummer: i%9 + 1, Nybyggnadsar: 1950 + i%70, Huvudbyggnad: true},
			Byggnadsandamal: []byggnad3.Andamal{{Typ: "Bostad", Andamal: "Småhus friliggande", Huvudandamal: true, TotalBoarea: "142.5"}},
			Byggnadsdel: []byggnad3.Byggnadsdel{{Insamlingslage: "Takkant",
				Byggnadsyta: direkt.NewGeometry(geom.NewPolygonFlat(geom.XY, ring, []int{len(ring)}).SetSRID(3006)),
				LagesnoggrannhetPlan: &byggnad3.Lagesnoggrannhet{Utvarderingsmetod: "Indirekt mätmetod",
					Resultat: &byggnad3.Resultat{StatistiskMetod: "medelfel", Varde: "0.2", Vardeenhet: "meter"}}}},
			LiggerPa: &byggnad3.Relation{Registerenhetsreferens: direkt.OneOrMany[byggnad3.Registerenhetsreferens]{
				{Objektidentitet: "909a6a62-7d8b-90ec-e040-ed8f66444c3f", Beteckning: "Gävle Varva 2:3", Typ: "Fastighet"}}},
		}
	}
	x, err := direkt.MarshalXML(byggnad3.NewResponse(ws))
	if err != nil {
		panic(err)
	}
	j, err := json.Marshal(byggnad3.NewFeatureCollection(ws))
	if err != nil {
		panic(err)
	}
	return x, j
})

// BenchmarkDecode reads an answer of 10 000 buildings. "tokens" is the
// floor: encoding/xml's or encoding/json's tokenizer walking the same bytes
// without building anything. "wire" decodes into the wire structs (GML and
// GeoJSON included), "model" adds the mapping to []*Building, which is what
// GetMany and Get pay per answer.
func BenchmarkDecode(b *testing.B) {
	x, j := benchData()
	b.Run("xml/tokens", func(b *testing.B) {
		b.SetBytes(int64(len(x)))
		b.ReportAllocs()
		for b.Loop() {
			d := xml.NewDecoder(bytes.NewReader(x))
			for {
				if _, err := d.Token(); err == io.EOF {
					break
				} else if err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("xml/wire", func(b *testing.B) {
		b.SetBytes(int64(len(x)))
		b.ReportAllocs()
		for b.Loop() {
			var r byggnad3.ByggnadResponse
			if err := xml.NewDecoder(bytes.NewReader(x)).Decode(&r); err != nil || len(r.Members) != benchBuildings {
				b.Fatal(err, len(r.Members))
			}
		}
	})
	b.Run("xml/model", func(b *testing.B) {
		b.SetBytes(int64(len(x)))
		b.ReportAllocs()
		for b.Loop() {
			var r byggnad3.ByggnadResponse
			if err := xml.NewDecoder(bytes.NewReader(x)).Decode(&r); err != nil {
				b.Fatal(err)
			}
			benchMap(b, r.Members, func(m byggnad3.ByggnadMember) *byggnad3.Byggnad { return &m.Byggnad })
		}
	})
	b.Run("json/tokens", func(b *testing.B) {
		b.SetBytes(int64(len(j)))
		b.ReportAllocs()
		for b.Loop() {
			d := json.NewDecoder(bytes.NewReader(j))
			for {
				if _, err := d.Token(); err == io.EOF {
					break
				} else if err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("json/wire", func(b *testing.B) {
		b.SetBytes(int64(len(j)))
		b.ReportAllocs()
		for b.Loop() {
			var fc byggnad3.FeatureCollection
			if err := json.Unmarshal(j, &fc); err != nil || len(fc.Features) != benchBuildings {
				b.Fatal(err)
			}
		}
	})
	b.Run("json/model", func(b *testing.B) {
		b.SetBytes(int64(len(j)))
		b.ReportAllocs()
		for b.Loop() {
			var fc byggnad3.FeatureCollection
			if err := json.Unmarshal(j, &fc); err != nil {
				b.Fatal(err)
			}
			benchMap(b, fc.Byggnader(), func(w byggnad3.Byggnad) *byggnad3.Byggnad { return &w })
		}
	})
}

func benchMap[T any](b *testing.B, ws []T, get func(T) *byggnad3.Byggnad) {
	out := make([]*Building, 0, len(ws))
	for _, w := range ws {
		bld, err := fromDirekt(get(w), 0)
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, bld)
	}
	if len(out) != benchBuildings || out[0].ID == (bal.ObjectID{}) {
		b.Fatal("mapping lost buildings")
	}
}
