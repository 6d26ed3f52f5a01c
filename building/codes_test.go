package building

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/codelist/codelisttest"
)

var (
	residential = []string{"Småhus friliggande", "Småhus kedjehus", "Småhus radhus", "Småhus med flera lägenheter", "Flerfamiljshus", "Ospecificerad"}
	public      = []string{"Badhus", "Brandstation", "Busstation", "Djursjukhus", "Hälsocentral", "Högskola", "Ishall",
		"Järnvägsstation", "Kommunhus", "Kriminalvårdsanstalt", "Kulturbyggnad", "Multiarena", "Polisstation", "Ridhus",
		"Samfund", "Sjukhus", "Skola", "Sporthall", "Universitet", "Vårdcentral", "Ospecificerad"}
	industrial = []string{"Industrihotell", "Metall- eller maskinindustri", "Textilindustri", "Trävaruindustri",
		"Annan tillverkningsindustri", "Övrig industribyggnad", "Ospecificerad"}
)

func TestCodeLists(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		run  func(t *testing.T)
	}{
		{"Category", func(t *testing.T) {
			codelisttest.Check[Category](t, []string{"Bostad", "Verksamhet", "Industri", "Samhällsfunktion",
				"Ekonomibyggnad", "Komplementbyggnad", "Övrig byggnad"})
		}},
		{"Use", func(t *testing.T) {
			all := append(append(append([]string{}, residential[:5]...), public[:20]...), industrial...)
			codelisttest.Check[Use](t, all)
		}},
		{"RemarkType", func(t *testing.T) {
			codelisttest.Check[RemarkType](t, []string{"Belägen på oidentifierat område"})
		}},
		{"NameType", func(t *testing.T) {
			codelisttest.Check[NameType](t, []string{"Huvudnamn topografi", "Övrigt namn topografi", "Alternativnamn",
				"Alternativ byggnadsbeteckning"})
		}},
		{"Placement", func(t *testing.T) {
			codelisttest.Check[Placement](t, []string{"Fasad", "Takkant", "Illustrativt läge", "Ospecificerad"})
		}},
		{"EntranceType", func(t *testing.T) {
			codelisttest.Check[EntranceType](t, []string{"Bostadsadress", "Bostadsadress med registrerad lägenhet",
				"Butiksadress", "Besöksadress", "Leveransadress", "Uppgift saknas"})
		}},
		{"KitchenType", func(t *testing.T) {
			codelisttest.Check[KitchenType](t, []string{"Kök", "Kokvrå", "Kokskåp", "Köksutrustning saknas", "Uppgift saknas"})
		}},
		{"CollectionMethod", func(t *testing.T) {
			codelisttest.Check[CollectionMethod](t, []string{"On-lineregistrering", "Satsvis laddning från fil",
				"Skannad blankett", "Annan uppgiftslämning", "Uppläggning från handläggningssystem", "Webbformulär",
				"Uppläggning från register", "Uppgift saknas"})
		}},
		{"YesNo", func(t *testing.T) {
			codelisttest.Check[YesNo](t, []string{"Ja", "Nej", "Uppgift saknas"})
		}},
		{"EvaluationMethod", func(t *testing.T) {
			codelisttest.Check[EvaluationMethod](t, []string{"Okänd", "Indirekt mätmetod"})
		}},
		{"StatisticalMethod", func(t *testing.T) {
			codelisttest.Check[StatisticalMethod](t, []string{"medelfel"})
		}},
		{"Unit", func(t *testing.T) {
			codelisttest.Check[Unit](t, []string{"meter"})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tt.run(t)
		})
	}
}

func TestUsesOf(t *testing.T) {
	t.Parallel()
	toS := func(us []Use) []string {
		var out []string
		for _, u := range us {
			out = append(out, string(u))
		}
		return out
	}
	assert.Empty(t, cmp.Diff(residential, toS(UsesOf(CategoryResidential))))
	assert.Empty(t, cmp.Diff(public, toS(UsesOf(CategoryPublic))))
	assert.Empty(t, cmp.Diff(industrial, toS(UsesOf(CategoryIndustrial))))
	assert.Empty(t, cmp.Diff(industrial, toS(UsesOf("industri"))), "the category is read leniently")
	for _, c := range []Category{CategoryBusiness, CategoryAgricultural, CategoryAncillary, CategoryOther, "Okänd"} {
		assert.Nil(t, UsesOf(c), "%s has no public list", c)
	}
}

func TestJSONSpellings(t *testing.T) {
	t.Parallel()
	// The spellings the spec quotes from Lantmäteriet's JSON and model pages.
	assert.Equal(t, CategoryOther, codelisttest.Read[Category](t, "OvrigByggnad"))
	assert.Equal(t, CategoryPublic, codelisttest.Read[Category](t, "Samhallsfunktion"))
	assert.Equal(t, CategoryResidential, codelisttest.Read[Category](t, "Bostad"))
	assert.Equal(t, UseDetachedHouse, codelisttest.Read[Use](t, "småhus friliggande"))
	assert.Equal(t, PlacementRoofEdge, codelisttest.Read[Placement](t, "takkant"))
	assert.Equal(t, EntranceResidentialApartments, codelisttest.Read[EntranceType](t, "bostadsadress med registrerad lägenhet"))
	assert.Equal(t, CollectionOnline, codelisttest.Read[CollectionMethod](t, "on-lineregistrering"))
	assert.Equal(t, NotStated, codelisttest.Read[YesNo](t, "uppgift saknas"))
}

func TestActionTypes(t *testing.T) {
	t.Parallel()
	lists := []struct {
		name string
		got  []bal.ActionType
		want []bal.ActionType
	}{
		{"building", BuildingActionTypes(), []bal.ActionType{"Godkänt bygglov", "Ny färdigbyggd byggnad", "Befintlig byggnad",
			"Byggnaden färdigbyggd", "Ändrad byggnadsinformation", "Riven, nedbrunnen byggnad", "Felregistrerad byggnad",
			"Migrerat objekt"}},
		{"apartment", ApartmentActionTypes(), []bal.ActionType{"Nybyggd lägenhet", "Befintlig lägenhet",
			"Ändrad lägenhetsinformation", "Ingår i annan lägenhet", "Riven lägenhet", "Felregistrerad lägenhet"}},
		{"entrance", EntranceActionTypes(), []bal.ActionType{"Ny entré", "Ändrad entréinformation", "Borttagen entré"}},
	}
	for _, l := range lists {
		t.Run(l.name, func(t *testing.T) {
			t.Parallel()
			require.Empty(t, cmp.Diff(l.want, l.got))
			for _, a := range l.want {
				s := string(a)
				assert.Equal(t, a, allActions.Parse(s))
				assert.Equal(t, a, allActions.Parse(strings.ToLower(s)))
				assert.Equal(t, a, allActions.Parse(codelisttest.Fold(s)))
			}
		})
	}
	assert.Equal(t, bal.ActionType("Ny"), allActions.Parse("Ny"), "an address action is not a building one, and is kept")
}
