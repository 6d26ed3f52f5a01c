package building

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
	"github.com/tjanstebaserad/bal-go/internal/wire/direkt/byggnad3"
	"github.com/tjanstebaserad/bal-go/internal/wire/direkt/wiretest"
)

// wireTestdata holds the answers the wire package's golden tests decode;
// the mapping is tested on the same bytes.
const wireTestdata = "../internal/wire/direkt/byggnad3/testdata"

func decodeAnswer(t *testing.T, name string) []byggnad3.Byggnad {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(wireTestdata, name))
	require.NoError(t, err)
	if filepath.Ext(name) == ".json" {
		var fc byggnad3.FeatureCollection
		require.NoError(t, json.Unmarshal(data, &fc))
		return fc.Byggnader()
	}
	var r byggnad3.ByggnadResponse
	require.NoError(t, direkt.UnmarshalXML(data, &r))
	out := make([]byggnad3.Byggnad, 0, len(r.Members))
	for _, m := range r.Members {
		out = append(out, m.Byggnad)
	}
	return out
}

func mapAll(t *testing.T, ws []byggnad3.Byggnad) []*Building {
	t.Helper()
	out := make([]*Building, 0, len(ws))
	for i := range ws {
		b, err := fromDirekt(&ws[i], 0)
		require.NoError(t, err)
		out = append(out, b)
	}
	return out
}

// dump writes buildings as indented JSON with each surface as EWKT, for
// golden files a reviewer can read.
func dump(t *testing.T, bs []*Building) []byte {
	t.Helper()
	type partView struct {
		Part
		Surface string
	}
	type view struct {
		*Building
		Parts []partView
	}
	vs := make([]view, 0, len(bs))
	for _, b := range bs {
		v := view{Building: b}
		for _, p := range b.Parts {
			pv := partView{Part: p}
			if p.Surface != nil {
				s, err := geometry.MarshalEWKT(p.Surface)
				require.NoError(t, err)
				pv.Surface = s
			}
			v.Parts = append(v.Parts, pv)
		}
		vs = append(vs, v)
	}
	out, err := direkt.MarshalJSON(vs)
	require.NoError(t, err)
	return out
}

// TestFromDirektGolden maps every answer of the wire package's testdata to
// the model and compares with a golden file; the XML and JSON forms of
// each answer map to the same buildings.
func TestFromDirektGolden(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"total", "id", "basinformation", "geometri", "berorkrets", "codes"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			fromXML := mapAll(t, decodeAnswer(t, name+".xml"))
			fromJSON := mapAll(t, decodeAnswer(t, name+".json"))
			assert.Empty(t, cmp.Diff(fromXML, fromJSON, wiretest.CmpGeom()))
			wiretest.Golden(t, filepath.Join("testdata", "golden", "direkt_"+name+".json"), dump(t, fromXML))
		})
	}
}

// TestFromDirektCodeLists checks that the answer holding every code-list
// value reads each as the model's constant.
func TestFromDirektCodeLists(t *testing.T) {
	t.Parallel()
	bs := mapAll(t, decodeAnswer(t, "codes.xml"))
	seen := map[string]bool{}
	for _, b := range bs {
		assert.True(t, codelisttest.Known(b.Status), "objektstatus %q", b.Status)
		seen["status:"+string(b.Status)] = true
		require.NotNil(t, b.Action)
		seen["action:"+string(b.Action.Type)] = true
		for _, p := range b.Purposes {
			assert.True(t, codelisttest.Known(p.Category), "category %q", p.Category)
			if UsesOf(p.Category) != nil {
				assert.True(t, codelisttest.Known(p.Use), "use %q", p.Use)
			}
			seen["use:"+string(p.Category)+":"+string(p.Use)] = true
			seen["category:"+string(p.Category)] = true
		}
		for _, n := range b.Names {
			seen["name:"+string(n.Type)] = true
		}
		for _, r := range b.Remarks {
			seen["remark:"+string(r.Type)] = true
		}
		for _, p := range b.Parts {
			seen["placement:"+string(p.Placement)] = true
			seen["evaluation:"+string(p.PlanAccuracy.Method)] = true
		}
	}
	var missing []string
	check := func(prefix string, values []string) {
		for _, v := range values {
			if !seen[prefix+v] {
				missing = append(missing, prefix+v)
			}
		}
	}
	check("status:", strs(bal.Codes[bal.Status]()))
	check("action:", strs(BuildingActionTypes()))
	check("category:", strs(bal.Codes[Category]()))
	for _, c := range []Category{CategoryResidential, CategoryPublic, CategoryIndustrial} {
		check("use:"+string(c)+":", strs(UsesOf(c)))
	}
	check("name:", strs(bal.Codes[NameType]()))
	check("remark:", strs(bal.Codes[RemarkType]()))
	check("placement:", strs(bal.Codes[Placement]()))
	check("evaluation:", strs(bal.Codes[EvaluationMethod]()))
	assert.Empty(t, missing, "code-list values the testdata does not cover")
}

func strs[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

// TestFromDirektLenient checks that other spellings read as the constants
// and unknown values are kept as they came.
func TestFromDirektLenient(t *testing.T) {
	t.Parallel()
	w := byggnad3.Byggnad{
		Objektidentitet: "39722CBB-F8B9-404B-A045-C5E6175F1001",
		Objektstatus:    "GÄLLANDE",
		Byggnadsandamal: []byggnad3.Andamal{
			{Typ: "OvrigByggnad", Andamal: "smahus friliggande"},
			{Typ: "Framtida", Andamal: "Nytt ändamål"},
		},
		Byggnadsdel: []byggnad3.Byggnadsdel{{Insamlingslage: "takkant"}, {Insamlingslage: "Laserskannad"}},
	}
	b, err := fromDirekt(&w, 0)
	require.NoError(t, err)
	assert.Equal(t, bal.MustParseObjectID("39722cbb-f8b9-404b-a045-c5e6175f1001"), b.ID)
	assert.Equal(t, bal.StatusValid, b.Status)
	assert.Equal(t, []Purpose{
		{Category: CategoryOther, Use: UseDetachedHouse},
		{Category: "Framtida", Use: "Nytt ändamål"},
	}, b.Purposes)
	assert.Equal(t, PlacementRoofEdge, b.Parts[0].Placement)
	assert.Equal(t, Placement("Laserskannad"), b.Parts[1].Placement)
}

// TestFromDirektErrors checks that malformed values are reported with
// their field, not dropped.
func TestFromDirektErrors(t *testing.T) {
	t.Parallel()
	const id = "39722cbb-f8b9-404b-a045-c5e6175f1001"
	tests := []struct {
		name string
		w    byggnad3.Byggnad
		want string
	}{
		{"bad id", byggnad3.Byggnad{Objektidentitet: "nope"}, "objektidentitet"},
		{"bad date", byggnad3.Byggnad{Objektidentitet: id, Byggnadsattribut: &byggnad3.Byggnadsattribut{VersionGiltigFran: "igår"}}, "versionGiltigFran"},
		{"bad area", byggnad3.Byggnad{Objektidentitet: id, Byggnadsandamal: []byggnad3.Andamal{{Typ: "Bostad", TotalBoarea: "stor"}}}, "totalBoarea"},
		{"bad ref", byggnad3.Byggnad{Objektidentitet: id, LiggerPa: &byggnad3.Relation{Registerenhetsreferens: direkt.OneOrMany[byggnad3.Registerenhetsreferens]{{Objektidentitet: "x"}}}}, "liggerPa"},
		{"bad accuracy", byggnad3.Byggnad{Objektidentitet: id, Byggnadsdel: []byggnad3.Byggnadsdel{{LagesnoggrannhetPlan: &byggnad3.Lagesnoggrannhet{Resultat: &byggnad3.Resultat{Varde: "x"}}}}}, "lagesnoggrannhetPlan"},
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
	for _, name := range []string{"total.xml", "codes.xml", "geometri.xml"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			for _, b := range mapAll(t, decodeAnswer(t, name)) {
				w := toDirekt(b)
				back, err := fromDirekt(&w, 0)
				require.NoError(t, err)
				assert.Empty(t, cmp.Diff(b, back, wiretest.CmpGeom()))
			}
		})
	}
}

func TestCategoryElement(t *testing.T) {
	t.Parallel()
	for _, c := range bal.Codes[Category]() {
		assert.Contains(t, byggnad3.AndamalTyper, categoryElement(c), "category %q", c)
		assert.Equal(t, c, categories.Parse(categoryElement(c)))
	}
}
