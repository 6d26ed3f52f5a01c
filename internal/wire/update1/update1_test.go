package update1

import (
	"encoding/xml"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twpayne/go-geom"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// geomEqual compares geometries by layout, SRID and coordinates: go-geom's
// types have unexported fields.
var geomEqual = cmp.Comparer(func(a, b Geometri) bool {
	if a.Geometry == nil || b.Geometry == nil {
		return a.Geometry == nil && b.Geometry == nil
	}
	return a.ID == b.ID && a.Geometry.Layout() == b.Geometry.Layout() && a.Geometry.SRID() == b.Geometry.SRID() &&
		cmp.Equal(a.Geometry.FlatCoords(), b.Geometry.FlatCoords()) && cmp.Equal(a.Geometry.Ends(), b.Geometry.Ends())
})

// documents are every kind of document the binding has, as the server or
// the client writes them.
func documents() []struct {
	name string
	doc  any
	into func() any
} {
	return []struct {
		name string
		doc  any
		into func() any
	}{
		{"uppdatering", sampleUppdatering(), func() any { return new(Uppdatering) }},
		{"byggnad", sampleBuilding(), func() any { return new(Byggnad) }},
		{"adressplats", samplePoint(), func() any { return new(Adressplats) }},
		{"transaktion", sampleTransaktion(), func() any { return new(Transaktion) }},
		{"kvitto", sampleKvitto(), func() any { return new(Kvitto) }},
		{"transaktionskvitto", &Transaktionskvitto{Kvitto: []Kvitto{*sampleKvitto(), *sampleKvitto()}}, func() any { return new(Transaktionskvitto) }},
		{"sokvillkor", sampleSokvillkor(), func() any { return new(Sokvillkor) }},
		{"sokresultat", sampleSokresultat(), func() any { return new(Sokresultat) }},
		{"forandringar", sampleForandringar(), func() any { return new(Forandringar) }},
		{"brist", sampleBrist(), func() any { return new(Brist) }},
		{"bristlista", &Bristlista{Brist: []Brist{*sampleBrist()}, Fortsattning: "x"}, func() any { return new(Bristlista) }},
		{"bristatgard", &Bristatgard{Status: BristAvvisad, Kommentar: "Byggnaden är en komplementbyggnad."}, func() any { return new(Bristatgard) }},
		{"arende", sampleArende(), func() any { return new(Arende) }},
		{"arendelista", &Arendelista{Arende: []Arende{*sampleArende()}}, func() any { return new(Arendelista) }},
		{"entrelista", &Entrelista{Entre: []Entre{*sampleTransaktion().Uppdatering[2].Entre}}, func() any { return new(Entrelista) }},
		{"lagenhetslista", &Lagenhetslista{Lagenhet: []Lagenhet{*sampleTransaktion().Uppdatering[3].Lagenhet}}, func() any { return new(Lagenhetslista) }},
		{"kvittens", &Kvittens{Kvittensuppgift: Kvittensuppgift{Kvittenstyp: KvittensHanterad, Kommentar: "Klart.",
			Objekt: []Objektreferens{{Objekttyp: TypByggnad, Objektidentitet: sampleBuildingID}}}}, func() any { return new(Kvittens) }},
	}
}

// TestGolden pins every document to its golden file, byte for byte, so that
// the client and the server (which share these structs) cannot drift from
// the binding together. Run with -update to rewrite them after a deliberate
// change, and review the diff against shared/spec/update-binding.md.
func TestGolden(t *testing.T) {
	t.Parallel()
	for _, tc := range documents() {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := Marshal(tc.doc)
			require.NoError(t, err)
			path := filepath.Join("testdata", "golden", tc.name+".xml")
			if *update {
				require.NoError(t, os.WriteFile(path, got, 0o644))
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err)
			assert.Equal(t, string(want), string(got))
		})
	}
}

// TestRoundTrip decodes every document back into its struct.
func TestRoundTrip(t *testing.T) {
	t.Parallel()
	for _, tc := range documents() {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			b, err := Marshal(tc.doc)
			require.NoError(t, err)
			got := tc.into()
			require.NoError(t, Unmarshal(b, got))
			assert.Empty(t, cmp.Diff(tc.doc, got, geomEqual, ignoreXMLNames()))
		})
	}
}

// ignoreXMLNames ignores the XMLName fields, which decoding fills in.
func ignoreXMLNames() cmp.Option {
	return cmp.FilterPath(func(p cmp.Path) bool {
		sf, ok := p.Last().(cmp.StructField)
		return ok && sf.Name() == "XMLName"
	}, cmp.Ignore())
}

// TestBindingEnvelope checks the envelope against the binding's own example,
// element by element in order.
func TestBindingEnvelope(t *testing.T) {
	t.Parallel()
	b, err := Marshal(sampleUppdatering())
	require.NoError(t, err)
	s := string(b)
	for _, want := range []string{
		`<?xml version="1.0" encoding="UTF-8"?>`,
		`<Uppdatering xmlns="http://namespace.lantmateriet.se/ajourhallning/bal/v1" xmlns:gml="http://www.opengis.net/gml/3.2">`,
		`<Verksamhetsatgard><atgardstyp>Ändrad byggnadsinformation</atgardstyp><ansvarigOrganisation>2180</ansvarigOrganisation><utforandeOrganisation>Exempel AB</utforandeOrganisation><atgardstidpunkt>2026-11-22T10:15:00+01:00</atgardstidpunkt></Verksamhetsatgard>`,
		`<Byggnad><objektidentitet>39722cbb-f8b9-404b-a045-c5e6175f1001</objektidentitet><objektversion>3</objektversion>`,
		`<Byggnadsyta><gml:Polygon srsName="urn:ogc:def:crs:EPSG::3014"`,
		`<Bostad><andamal>Flerfamiljshus</andamal><huvudandamal>true</huvudandamal><totalBoarea>412.5</totalBoarea></Bostad>`,
		`<LiggerPa><Registerenhetsreferens><objektidentitet>909a6a63-62b4-90ec-e040-ed8f66444c3f</objektidentitet>`,
	} {
		assert.Contains(t, s, want)
	}
	// The root declares xmlns:gml once; nothing below repeats it.
	assert.Equal(t, 1, strings.Count(s, "xmlns:gml="))
	assert.Equal(t, 1, strings.Count(s, "xmlns="))
}

func TestUnmarshalRefuses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, doc string
		into      any
	}{
		{"wrong root", `<Kvitto xmlns="` + Namespace + `"/>`, new(Uppdatering)},
		{"wrong namespace", `<Uppdatering xmlns="urn:other"/>`, new(Uppdatering)},
		{"no namespace", `<Uppdatering/>`, new(Uppdatering)},
		{"trailing element", `<Kvitto xmlns="` + Namespace + `"/><Kvitto/>`, new(Kvitto)},
		{"trailing text", `<Kvitto xmlns="` + Namespace + `"/>junk`, new(Kvitto)},
		{"empty", ``, new(Kvitto)},
		{"not xml", `{"kod":1}`, new(Kvitto)},
		{"bad geometry", `<Adressplats xmlns="` + Namespace + `" xmlns:gml="http://www.opengis.net/gml/3.2"><Adressplatsattribut><Adressplatspunkt><gml:Point srsName="urn:ogc:def:crs:EPSG::9999"><gml:pos>1 2</gml:pos></gml:Point></Adressplatspunkt></Adressplatsattribut></Adressplats>`, new(Adressplats)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			assert.ErrorIs(t, Unmarshal([]byte(tc.doc), tc.into), ErrDocument)
		})
	}
}

func TestInnehallObject(t *testing.T) {
	t.Parallel()
	u := sampleUppdatering()
	o, err := u.Object()
	require.NoError(t, err)
	assert.Equal(t, TypByggnad, o.Type())

	u.Adressplats = samplePoint()
	_, err = u.Object()
	require.ErrorIs(t, err, ErrDocument)

	_, err = (&Uppdatering{}).Object()
	require.ErrorIs(t, err, ErrDocument)
}

func TestSegments(t *testing.T) {
	t.Parallel()
	for _, typ := range Typer() {
		got, ok := TypFranSegment(typ.Segment())
		assert.True(t, ok)
		assert.Equal(t, typ, got)
		o := typ.New()
		require.NotNil(t, o)
		assert.Equal(t, typ, o.Type())
	}
	_, ok := TypFranSegment("brist")
	assert.False(t, ok, "brist is not an updatable type")
}

func TestTidpunkt(t *testing.T) {
	t.Parallel()
	loc := time.FixedZone("CET", 3600)
	tp := NewTidpunkt(time.Date(2026, 11, 22, 10, 15, 1, 123456789, loc))
	assert.Equal(t, Tidpunkt("2026-11-22T10:15:01.123+01:00"), tp)
	back, err := tp.Time()
	require.NoError(t, err)
	assert.True(t, back.Equal(time.Date(2026, 11, 22, 10, 15, 1, 123000000, loc)))
	assert.Equal(t, Tidpunkt(""), NewTidpunkt(time.Time{}))
	_, err = Tidpunkt("igår").Time()
	assert.Error(t, err)
	assert.Equal(t, Datum("2026-11-22"), NewDatum(back))
}

// TestClone checks that clones share nothing mutable with their original.
func TestClone(t *testing.T) {
	t.Parallel()
	for _, o := range []Objekt{sampleBuilding(), samplePoint(), sampleTransaktion().Uppdatering[2].Entre, sampleTransaktion().Uppdatering[3].Lagenhet,
		&Adressomrade{FaststalltNamn: "Backavägen"}, &Gardsadressomrade{FaststalltNamn: "Norrgården"}, &Kommundel{FaststalltNamn: "Exempelby"}} {
		c := o.CloneObject()
		require.Empty(t, cmp.Diff(o, c, geomEqual))
		c.Meta().Objektstatus = "Avregistrerad"
		assert.NotEqual(t, "Avregistrerad", o.Meta().Objektstatus)
	}
	b := sampleBuilding()
	c := b.Clone()
	*c.Byggnadsandamal[0].TotalBoarea = 1
	c.Byggnadsdel[0].Byggnadsyta.Geometry.(*geom.Polygon).FlatCoords()[0] = 0
	c.LiggerPa[0].Beteckning = "x"
	assert.Empty(t, cmp.Diff(sampleBuilding(), b, geomEqual))
}

func TestDocChecksTheRoot(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, xml string
		ok        bool
	}{
		{"right root", `<Brist xmlns="` + Namespace + `"><objektidentitet>x</objektidentitet></Brist>`, true},
		{"another document", `<Arende xmlns="` + Namespace + `"><objektidentitet>x</objektidentitet></Arende>`, false},
		{"right name, no namespace", `<Brist><objektidentitet>x</objektidentitet></Brist>`, false},
		{"right name, other namespace", `<Brist xmlns="urn:other"><objektidentitet>x</objektidentitet></Brist>`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var d Doc[Brist, *Brist]
			err := xml.Unmarshal([]byte(tt.xml), &d)
			if tt.ok {
				require.NoError(t, err)
				assert.Equal(t, "x", d.V.Objektidentitet)
				return
			}
			assert.ErrorIs(t, err, ErrDocument)
		})
	}
}
