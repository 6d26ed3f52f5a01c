package address

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/geometry"
	"github.com/tjanstebaserad/bal-go/internal/codelist/codelisttest"
	"github.com/tjanstebaserad/bal-go/internal/wire/direkt"
	"github.com/tjanstebaserad/bal-go/internal/wire/direkt/adress42"
	"github.com/tjanstebaserad/bal-go/internal/wire/direkt/wiretest"
)

// wireTestdata holds the answers the wire package's golden tests decode;
// the mapping is tested on the same bytes.
const wireTestdata = "../internal/wire/direkt/adress42/testdata"

func decodeAnswer(t *testing.T, name string) []adress42.Belagenhetsadress {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(wireTestdata, name))
	require.NoError(t, err)
	if filepath.Ext(name) == ".json" {
		var fc adress42.FeatureCollection
		require.NoError(t, json.Unmarshal(data, &fc))
		return fc.Adresser()
	}
	var r adress42.BelagenhetsadressResponse
	require.NoError(t, direkt.UnmarshalXML(data, &r))
	out := make([]adress42.Belagenhetsadress, 0, len(r.Members))
	for _, m := range r.Members {
		out = append(out, m.Belagenhetsadress)
	}
	return out
}

func mapAll(t *testing.T, ws []adress42.Belagenhetsadress) []*Point {
	t.Helper()
	out := make([]*Point, 0, len(ws))
	for i := range ws {
		p, err := fromDirekt(&ws[i], 0)
		require.NoError(t, err)
		out = append(out, p)
	}
	return out
}

// dump writes points as indented JSON with the position as EWKT.
func dump(t *testing.T, ps []*Point) []byte {
	t.Helper()
	type view struct {
		*Point
		Position string
	}
	vs := make([]view, 0, len(ps))
	for _, p := range ps {
		v := view{Point: p}
		if p.Position != nil {
			s, err := geometry.MarshalEWKT(p.Position)
			require.NoError(t, err)
			v.Position = s
		}
		vs = append(vs, v)
	}
	out, err := direkt.MarshalJSON(vs)
	require.NoError(t, err)
	return out
}

// TestFromDirektGolden maps every answer of the wire package's testdata to
// the model and compares with a golden file; the XML and JSON forms map to
// the same points.
func TestFromDirektGolden(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"total", "id", "basinformation", "berorkrets", "codes"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			fromXML := mapAll(t, decodeAnswer(t, name+".xml"))
			fromJSON := mapAll(t, decodeAnswer(t, name+".json"))
			assert.Empty(t, cmp.Diff(fromXML, fromJSON, wiretest.CmpGeom()))
			wiretest.Golden(t, filepath.Join("testdata", "golden", "direkt_"+name+".json"), dump(t, fromXML))
		})
	}
}

// TestFromDirektCodeLists checks that the answers read every code-list
// value as the model's constant.
func TestFromDirektCodeLists(t *testing.T) {
	t.Parallel()
	var ps []*Point
	for _, name := range []string{"total.xml", "basinformation.xml", "codes.xml"} {
		ps = append(ps, mapAll(t, decodeAnswer(t, name))...)
	}
	seen := map[string]bool{}
	mark := func(kind string, v string, known bool) {
		assert.True(t, known, "%s %q is not a constant", kind, v)
		seen[kind+":"+v] = true
	}
	for _, p := range ps {
		if p.Type != "" {
			mark("type", string(p.Type), codelisttest.Known(p.Type))
			mark("placement", string(p.Placement), codelisttest.Known(p.Placement))
			mark("status", string(p.AddressStatus), codelisttest.Known(p.AddressStatus))
		}
		if s := p.Designation.PositionSuffix; s != "" {
			mark("suffix", string(s), codelisttest.Known(s))
		}
		if p.Area != nil && p.Area.Type != "" {
			mark("area", string(p.Area.Type), codelisttest.Known(p.Area.Type))
		}
		if p.CourtyardArea != nil && p.CourtyardArea.Area != nil {
			mark("area", string(p.CourtyardArea.Area.Type), codelisttest.Known(p.CourtyardArea.Area.Type))
		}
		for _, r := range p.Remarks {
			mark("remark", string(r.Type), codelisttest.Known(r.Type))
		}
		if p.Facility != nil {
			mark("facility", string(p.Facility.Type), codelisttest.Known(p.Facility.Type))
		}
		if p.Action != nil {
			mark("action", string(p.Action.Type), actionTypes.Known(p.Action.Type))
		}
	}
	var missing []string
	check := func(kind string, values []string) {
		for _, v := range values {
			if !seen[kind+":"+v] {
				missing = append(missing, kind+":"+v)
			}
		}
	}
	check("type", strs(bal.Codes[PointType]()))
	check("placement", strs(bal.Codes[Placement]()))
	check("status", strs(bal.Codes[Status]()))
	check("suffix", strs(bal.Codes[PositionSuffix]()))
	check("area", strs(bal.Codes[AreaType]()))
	check("remark", strs(bal.Codes[RemarkType]()))
	check("facility", strs(bal.Codes[FacilityType]()))
	check("action", strs(ActionTypes()))
	assert.Empty(t, missing, "code-list values the testdata does not cover")
}

func strs[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

// TestFromDirektTotal checks the richest answer's relations.
func TestFromDirektTotal(t *testing.T) {
	t.Parallel()
	ps := mapAll(t, decodeAnswer(t, "total.xml"))
	require.Len(t, ps, 1)
	p := ps[0]
	assert.Equal(t, "Segelbåtsvägen 7A U2", p.Label())
	assert.Equal(t, bal.MunicipalityCode("0180"), p.Area.District.Municipality.Code)
	assert.Equal(t, &bal.PropertyRef{ID: bal.MustParseObjectID("909a6a62-7d8b-90ec-e040-ed8f66444c3f"),
		Designation: "Stockholm Segelbåten 1", Type: bal.PropertyTypeProperty}, p.Property)
	assert.InDelta(t, 674032.5, p.Position.X(), wiretest.Tolerance)
	assert.InDelta(t, 6580822.25, p.Position.Y(), wiretest.Tolerance)
	assert.Equal(t, "11264", p.PostalCode)
}

// TestFromDirektLenient checks other spellings and unknown values.
func TestFromDirektLenient(t *testing.T) {
	t.Parallel()
	w := adress42.Belagenhetsadress{
		Objektidentitet: "a1d2c3b4-0000-4000-8000-000000000007",
		Adressplatsattribut: &adress42.Adressplatsattribut{
			Adressplatstyp: "gardsadressplats", Insamlingslage: "Drönarbild", Status: "RESERVERAD", Objektstatus: "gällande",
			Adressplatsbeteckning: &adress42.Adressplatsbeteckning{Lagestillagg: "uh"},
		},
		Adressomrade: &adress42.Adressomrade{Adressomradestyp: "Gatuadressomrade"},
	}
	p, err := fromDirekt(&w, 0)
	require.NoError(t, err)
	assert.Equal(t, PointTypeCourtyard, p.Type)
	assert.Equal(t, Placement("Drönarbild"), p.Placement, "unknown value kept")
	assert.Equal(t, StatusReserved, p.AddressStatus)
	assert.Equal(t, bal.StatusValid, p.Status)
	assert.Equal(t, SuffixUH, p.Designation.PositionSuffix)
	assert.Equal(t, AreaTypeStreet, p.Area.Type)
}

func TestFromDirektErrors(t *testing.T) {
	t.Parallel()
	const id = "a1d2c3b4-0000-4000-8000-000000000007"
	tests := []struct {
		name string
		w    adress42.Belagenhetsadress
		want string
	}{
		{"bad id", adress42.Belagenhetsadress{Objektidentitet: "x"}, "objektidentitet"},
		{"bad date", adress42.Belagenhetsadress{Objektidentitet: id, Adressplatsattribut: &adress42.Adressplatsattribut{VersionGiltigFran: "?"}}, "versionGiltigFran"},
		{"bad area id", adress42.Belagenhetsadress{Objektidentitet: id, Adressomrade: &adress42.Adressomrade{Objektidentitet: "x"}}, "adressomrade"},
		{"bad property", adress42.Belagenhetsadress{Objektidentitet: id, Registerenhetsreferens: &adress42.Registerenhetsreferens{Objektidentitet: "x"}}, "registerenhetsreferens"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := fromDirekt(&tt.w, 0)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

// TestToDirektRoundTrip checks that the model written back to the wire
// reads as the same model.
func TestToDirektRoundTrip(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"total.xml", "basinformation.xml", "codes.xml"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			for _, p := range mapAll(t, decodeAnswer(t, name)) {
				w := toDirekt(p)
				back, err := fromDirekt(&w, 0)
				require.NoError(t, err)
				assert.Empty(t, cmp.Diff(p, back, wiretest.CmpGeom()))
			}
		})
	}
}

func TestReferenceFromDirekt(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile(filepath.Join(wireTestdata, "referens_split.json"))
	require.NoError(t, err)
	var ws []adress42.Referens
	require.NoError(t, json.Unmarshal(data, &ws))
	r, err := referenceFromDirekt(ws[0])
	require.NoError(t, err)
	assert.Equal(t, Reference{
		ID:    bal.MustParseObjectID("a1d2c3b4-0000-4000-8000-000000000007"),
		Label: "Segelbåtsvägen 7A U2, 112 64 Stockholm",
		Parts: &ReferenceParts{Municipality: "Stockholm", District: "Stockholm", Area: "Segelbåtsvägen",
			Designation: Designation{Number: "7", Letter: "A", PositionSuffix: SuffixU, PositionNumber: 2},
			PostalCode:  "11264", PostTown: "Stockholm"},
	}, r)
}
