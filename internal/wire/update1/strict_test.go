package update1

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestUnmarshalStrictAccepts: every request document the binding has
// passes the server's check.
func TestUnmarshalStrictAccepts(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file string
		into func() any
	}{
		{"uppdatering.xml", func() any { return new(Uppdatering) }},
		{"transaktion.xml", func() any { return new(Transaktion) }},
		{"sokvillkor.xml", func() any { return new(Sokvillkor) }},
		{"bristatgard.xml", func() any { return new(Bristatgard) }},
		{"kvittens.xml", func() any { return new(Kvittens) }},
		{"byggnad.xml", func() any { return new(Byggnad) }},
		{"arende.xml", func() any { return new(Arende) }},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			b, err := os.ReadFile(filepath.Join("testdata", "golden", tt.file))
			require.NoError(t, err)
			assert.NoError(t, UnmarshalStrict(b, tt.into()))
		})
	}
}

// TestUnmarshalStrictRefuses: what a schema-validating service refuses,
// with the place named.
func TestUnmarshalStrictRefuses(t *testing.T) {
	t.Parallel()
	const (
		head   = `<Uppdatering xmlns="` + Namespace + `" xmlns:gml="http://www.opengis.net/gml/3.2">`
		action = `<Verksamhetsatgard><atgardstyp>Ändrad byggnadsinformation</atgardstyp><ansvarigOrganisation>2180</ansvarigOrganisation></Verksamhetsatgard>`
		object = `<Byggnad><objektidentitet>39722cbb-f8b9-404b-a045-c5e6175f1001</objektidentitet><objektversion>3</objektversion><Byggnadsattribut><husnummer>1</husnummer></Byggnadsattribut></Byggnad>`
	)
	tests := []struct {
		name, doc, want string
	}{
		{"two actions", head + action + action + object + `</Uppdatering>`, "Uppdatering/Verksamhetsatgard occurs more than once"},
		{"an åtgärdsordning", head + `<Verksamhetsatgard><atgardsordning>1</atgardsordning><atgardstyp>Ny</atgardstyp><ansvarigOrganisation>2180</ansvarigOrganisation></Verksamhetsatgard>` + object + `</Uppdatering>`,
			"Uppdatering/Verksamhetsatgard/atgardsordning is not an element of the binding here"},
		{"an unknown element", head + action + `<Byggnad><husnr>1</husnr></Byggnad></Uppdatering>`, "Uppdatering/Byggnad/husnr is not an element"},
		{"out of order", head + object + action + `</Uppdatering>`, "Uppdatering/Verksamhetsatgard comes after Byggnad"},
		{"out of order within the action", head + `<Verksamhetsatgard><ansvarigOrganisation>2180</ansvarigOrganisation><atgardstyp>Ny</atgardstyp></Verksamhetsatgard>` + object + `</Uppdatering>`,
			"Uppdatering/Verksamhetsatgard/atgardstyp comes after ansvarigOrganisation"},
		{"a list interrupted", head + action + `<Byggnad><Byggnadsnamn><namn>a</namn></Byggnadsnamn><Skyddsrum><identitet>x</identitet></Skyddsrum><Byggnadsnamn><namn>b</namn></Byggnadsnamn></Byggnad></Uppdatering>`,
			"Uppdatering/Byggnad/Byggnadsnamn comes after Skyddsrum"},
		{"text among elements", head + action + `<Byggnad>hej<objektversion>3</objektversion></Byggnad></Uppdatering>`, "Uppdatering/Byggnad: text where only elements belong"},
		{"an element inside a value", head + action + `<Byggnad><objektversion><a/></objektversion></Byggnad></Uppdatering>`, "Uppdatering/Byggnad/objektversion holds an element"},
		{"an unknown attribute", head + action + `<Byggnad id="x"></Byggnad></Uppdatering>`, "Uppdatering/Byggnad: attribute id is not part of the binding"},
		{"another namespace", head + action + `<Byggnad><objektversion xmlns="urn:other">3</objektversion></Byggnad></Uppdatering>`, "Uppdatering/Byggnad/objektversion is not an element"},
		{"a wrong property reference", head + action + `<Byggnad><LiggerPa><Fastighet><objektidentitet>x</objektidentitet></Fastighet></LiggerPa></Byggnad></Uppdatering>`,
			"Uppdatering/Byggnad/LiggerPa/Fastighet is not an element"},
		{"a member without operation is fine, an unknown attribute is not", `<Transaktion xmlns="` + Namespace + `"><Uppdatering operation="Skapa" ordning="1">` + action + object + `</Uppdatering></Transaktion>`,
			"Transaktion/Uppdatering: attribute ordning is not part of the binding"},
		{"truncated", head + action + `<Byggnad>`, "Uppdatering/Byggnad: XML syntax error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			into := any(new(Uppdatering))
			if strings.HasPrefix(tt.doc, "<Transaktion") {
				into = new(Transaktion)
			}
			err := UnmarshalStrict([]byte(tt.doc), into)
			require.ErrorIs(t, err, ErrDocument)
			assert.Contains(t, err.Error(), tt.want)
			// The lenient decoder, which clients use on answers, takes what
			// it knows.
			if tt.name == "an unknown element" || tt.name == "an åtgärdsordning" {
				assert.NoError(t, Unmarshal([]byte(tt.doc), new(Uppdatering)))
			}
		})
	}
}

// TestBareObjects: the body of a retirement carries the object's identity
// and version only, for every type, and the server's check accepts it.
func TestBareObjects(t *testing.T) {
	t.Parallel()
	for _, typ := range Typer() {
		t.Run(string(typ), func(t *testing.T) {
			t.Parallel()
			o := typ.New()
			o.Meta().Objektidentitet, o.Meta().Objektversion = sampleBuildingID, 3
			b, err := Marshal(NewUppdatering(Verksamhetsatgard{Atgardstyp: "Borttagen", AnsvarigOrganisation: "2180"}, o))
			require.NoError(t, err)
			want := `<` + string(typ) + `><objektidentitet>` + sampleBuildingID + `</objektidentitet><objektversion>3</objektversion></` + string(typ) + `></Uppdatering>`
			assert.True(t, strings.HasSuffix(string(b), want), "%s", b)
			assert.NoError(t, UnmarshalStrict(b, new(Uppdatering)))
		})
	}
}
