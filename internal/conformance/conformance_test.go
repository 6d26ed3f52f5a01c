package conformance

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestCompareXML(t *testing.T) {
	t.Parallel()
	const ns = `http://namespace.lantmateriet.se/ajourhallning/bal/v1`
	base := `<?xml version="1.0" encoding="UTF-8"?>
<Kvitto xmlns="` + ns + `">
  <objektidentitet>39722cbb-f8b9-404b-a045-c5e6175f1001</objektidentitet>
  <objektversion>4</objektversion>
  <versionGiltigFran>2026-11-22T10:15:01.123+01:00</versionGiltigFran>
</Kvitto>`
	tests := []struct {
		name, got string
		opts      []Option
		want      []string // fragments of the difference; none: equal
	}{
		{"same, other prefix and spacing", `<b:Kvitto xmlns:b="` + ns + `"><b:objektidentitet>39722cbb-f8b9-404b-a045-c5e6175f1001</b:objektidentitet><b:objektversion> 4 </b:objektversion><b:versionGiltigFran>2026-11-22T10:15:01.123+01:00</b:versionGiltigFran></b:Kvitto>`, nil, nil},
		{"a renamed element", `<Kvitto xmlns="` + ns + `"><objektidentitet>39722cbb-f8b9-404b-a045-c5e6175f1001</objektidentitet><version>4</version><versionGiltigFran>2026-11-22T10:15:01.123+01:00</versionGiltigFran></Kvitto>`, nil,
			[]string{"Kvitto: missing element <{" + ns + "}objektversion> (got <{" + ns + "}version> there)", "Kvitto: unexpected element <{" + ns + "}version>"}},
		{"another namespace", `<Kvitto xmlns="urn:x"><objektidentitet>39722cbb-f8b9-404b-a045-c5e6175f1001</objektidentitet><objektversion>4</objektversion><versionGiltigFran>2026-11-22T10:15:01.123+01:00</versionGiltigFran></Kvitto>`, nil,
			[]string{"Kvitto: element <{urn:x}Kvitto>"}},
		{"out of order", `<Kvitto xmlns="` + ns + `"><objektversion>4</objektversion><objektidentitet>39722cbb-f8b9-404b-a045-c5e6175f1001</objektidentitet><versionGiltigFran>2026-11-22T10:15:01.123+01:00</versionGiltigFran></Kvitto>`, nil,
			[]string{"Kvitto: unexpected element <{" + ns + "}objektversion> (want <{" + ns + "}objektidentitet> there)"}},
		{"another value", `<Kvitto xmlns="` + ns + `"><objektidentitet>39722cbb-f8b9-404b-a045-c5e6175f1001</objektidentitet><objektversion>5</objektversion><versionGiltigFran>2026-11-22T10:15:01.123+01:00</versionGiltigFran></Kvitto>`, nil,
			[]string{`Kvitto/objektversion: value "5", want "4"`}},
		{"a number written otherwise", `<Kvitto xmlns="` + ns + `"><objektidentitet>39722cbb-f8b9-404b-a045-c5e6175f1001</objektidentitet><objektversion>4.0</objektversion><versionGiltigFran>2026-11-22T10:15:01.123+01:00</versionGiltigFran></Kvitto>`, nil, nil},
		{"a date-time written otherwise", `<Kvitto xmlns="` + ns + `"><objektidentitet>39722cbb-f8b9-404b-a045-c5e6175f1001</objektidentitet><objektversion>4</objektversion><versionGiltigFran>2026-11-22T10:15:01.12300+01:00</versionGiltigFran></Kvitto>`, nil, nil},
		{"the same instant in another offset", `<Kvitto xmlns="` + ns + `"><objektidentitet>39722cbb-f8b9-404b-a045-c5e6175f1001</objektidentitet><objektversion>4</objektversion><versionGiltigFran>2026-11-22T09:15:01.123Z</versionGiltigFran></Kvitto>`, nil,
			[]string{"Kvitto/versionGiltigFran: value"}},
		{"an ignored value", `<Kvitto xmlns="` + ns + `"><objektidentitet>x</objektidentitet><objektversion>4</objektversion><versionGiltigFran>2030-01-01T00:00:00Z</versionGiltigFran></Kvitto>`,
			[]Option{Ignore("Kvitto/objektidentitet"), Ignore("*/versionGiltigFran")}, nil},
		{"an ignored value must still be there", `<Kvitto xmlns="` + ns + `"><objektversion>4</objektversion><versionGiltigFran>2030-01-01T00:00:00Z</versionGiltigFran></Kvitto>`,
			[]Option{Ignore("**/objektidentitet"), Ignore("**/versionGiltigFran")}, []string{"missing element <{" + ns + "}objektidentitet>"}},
		{"extra elements allowed", `<Kvitto xmlns="` + ns + `"><objektidentitet>39722cbb-f8b9-404b-a045-c5e6175f1001</objektidentitet><extra>1</extra><objektversion>4</objektversion><versionGiltigFran>2026-11-22T10:15:01.123+01:00</versionGiltigFran><sist/></Kvitto>`,
			[]Option{AllowExtraElements("Kvitto")}, nil},
		{"extra elements allowed, a named one still missing", `<Kvitto xmlns="` + ns + `"><objektidentitet>39722cbb-f8b9-404b-a045-c5e6175f1001</objektidentitet><extra>1</extra><versionGiltigFran>2026-11-22T10:15:01.123+01:00</versionGiltigFran></Kvitto>`,
			[]Option{AllowExtraElements("Kvitto")}, []string{"Kvitto: missing element <{" + ns + "}objektversion>"}},
		{"a missing last element", `<Kvitto xmlns="` + ns + `"><objektidentitet>39722cbb-f8b9-404b-a045-c5e6175f1001</objektidentitet><objektversion>4</objektversion></Kvitto>`, nil,
			[]string{"Kvitto: missing element <{" + ns + "}versionGiltigFran>"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := CompareXML([]byte(base), []byte(tt.got), tt.opts...)
			if tt.want == nil {
				assert.NoError(t, err)
				return
			}
			if assert.Error(t, err) {
				for _, w := range tt.want {
					assert.Contains(t, err.Error(), w)
				}
			}
		})
	}
}

func TestCompareXMLAttributes(t *testing.T) {
	t.Parallel()
	want := `<a xmlns:gml="http://www.opengis.net/gml/3.2"><gml:Point srsName="urn:ogc:def:crs:EPSG::3006"><gml:pos>6730000 153000</gml:pos></gml:Point></a>`
	tests := []struct {
		name, got, diff string
	}{
		{"other prefix", `<a xmlns:g="http://www.opengis.net/gml/3.2"><g:Point srsName="urn:ogc:def:crs:EPSG::3006"><g:pos>6730000.0 153000</g:pos></g:Point></a>`, ""},
		{"other srsName", `<a xmlns:gml="http://www.opengis.net/gml/3.2"><gml:Point srsName="urn:ogc:def:crs:EPSG::3010"><gml:pos>6730000 153000</gml:pos></gml:Point></a>`, `a/Point/@srsName: "urn:ogc:def:crs:EPSG::3010", want "urn:ogc:def:crs:EPSG::3006"`},
		{"a default attribute", `<a xmlns:gml="http://www.opengis.net/gml/3.2"><gml:Point srsName="urn:ogc:def:crs:EPSG::3006" srsDimension="2"><gml:pos>6730000 153000</gml:pos></gml:Point></a>`, `a/Point/@srsDimension: unexpected "2"`},
		{"an extra attribute", `<a xmlns:gml="http://www.opengis.net/gml/3.2"><gml:Point srsName="urn:ogc:def:crs:EPSG::3006" gml:id="p1"><gml:pos>6730000 153000</gml:pos></gml:Point></a>`, `a/Point/@id: unexpected "p1"`},
		{"swapped axes", `<a xmlns:gml="http://www.opengis.net/gml/3.2"><gml:Point srsName="urn:ogc:def:crs:EPSG::3006"><gml:pos>153000 6730000</gml:pos></gml:Point></a>`, `a/Point/pos: value "153000 6730000", want "6730000 153000"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := CompareXML([]byte(want), []byte(tt.got))
			if tt.name == "a default attribute" {
				assert.NoError(t, CompareXML([]byte(want), []byte(tt.got), DefaultAttribute("**/@srsDimension", "2")))
			}
			if tt.diff == "" {
				assert.NoError(t, err)
				return
			}
			if assert.Error(t, err) {
				assert.Contains(t, err.Error(), tt.diff)
			}
		})
	}
}

func TestCompareJSON(t *testing.T) {
	t.Parallel()
	want := `{"code": 409, "reason": "Conflict", "errors": ["BAL-0409: Byggnad x har objektversion 4", "aktuellObjektversion=4"]}`
	tests := []struct {
		name, got string
		opts      []Option
		diff      string
	}{
		{"members in another order", `{"errors":["BAL-0409: Byggnad x har objektversion 4","aktuellObjektversion=4"],"reason":"Conflict","code":409}`, nil, ""},
		{"a string code", `{"code":"409","reason":"Conflict","errors":["BAL-0409: Byggnad x har objektversion 4","aktuellObjektversion=4"]}`, nil, "code: a string, want a number"},
		{"a missing member", `{"code":409,"errors":["BAL-0409: Byggnad x har objektversion 4","aktuellObjektversion=4"]}`, nil, "reason: missing member"},
		{"an extra member", `{"code":409,"reason":"Conflict","rule":"x","errors":["BAL-0409: Byggnad x har objektversion 4","aktuellObjektversion=4"]}`, nil, "rule: unexpected member"},
		{"an extra member allowed", `{"code":409,"reason":"Conflict","rule":"x","errors":["BAL-0409: Byggnad x har objektversion 4","aktuellObjektversion=4"]}`, []Option{AllowExtraMembers()}, ""},
		{"a missing member with extras allowed", `{"code":409,"rule":"x","errors":["BAL-0409: Byggnad x har objektversion 4","aktuellObjektversion=4"]}`, []Option{AllowExtraMembers()}, "reason: missing member"},
		{"another wording", `{"code":409,"reason":"Conflict","errors":["BAL-0409: Byggnaden är ändrad","aktuellObjektversion=4"]}`, []Option{RuleOnly("errors")}, ""},
		{"another rule", `{"code":409,"reason":"Conflict","errors":["BAL-0404: Byggnaden är ändrad","aktuellObjektversion=4"]}`, []Option{RuleOnly("errors")}, `errors: "BAL-0404: Byggnaden är ändrad", want "BAL-0409: Byggnad x`},
		{"another fact", `{"code":409,"reason":"Conflict","errors":["BAL-0409: x","aktuellObjektversion=5"]}`, []Option{RuleOnly("errors")}, `errors: "aktuellObjektversion=5"`},
		{"one message less", `{"code":409,"reason":"Conflict","errors":["BAL-0409: x"]}`, []Option{RuleOnly("errors")}, "errors: 1 elements, want 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := CompareJSON([]byte(want), []byte(tt.got), tt.opts...)
			if tt.diff == "" {
				assert.NoError(t, err)
				return
			}
			if assert.Error(t, err) {
				assert.Contains(t, err.Error(), tt.diff)
			}
		})
	}
}

func TestMatch(t *testing.T) {
	t.Parallel()
	tests := []struct {
		pattern, path string
		ok            bool
	}{
		{"Kvitto/versionGiltigFran", "Kvitto/versionGiltigFran", true},
		{"*/versionGiltigFran", "Kvitto/versionGiltigFran", true},
		{"*/versionGiltigFran", "Transaktionskvitto/Kvitto/versionGiltigFran", false},
		{"**/versionGiltigFran", "Transaktionskvitto/Kvitto/versionGiltigFran", true},
		{"**/Kvitto/**", "Transaktionskvitto/Kvitto/objektversion", true},
		{"Byggnad/**", "Byggnad", true},
		{"Byggnad/@id", "Byggnad/@id", true},
		{"Byggnad", "Byggnad/husnummer", false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.ok, Match(tt.pattern, tt.path), "%s ~ %s", tt.pattern, tt.path)
	}
}
