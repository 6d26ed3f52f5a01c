package address

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/bal"
)

// code is what every code-list type offers.
type code interface {
	~string
	Known() bool
}

// fold spells v the way Lantmäteriet's JSON services do at worst: ASCII
// letters for å/ä/ö and no spaces.
func fold(v string) string {
	r := strings.NewReplacer("å", "a", "ä", "a", "ö", "o", "Å", "A", "Ä", "A", "Ö", "O", " ", "")
	return r.Replace(v)
}

// checkCodeList checks a list against Lantmäteriet's values and the
// lenient-in, exact-out rule.
func checkCodeList[T code](t *testing.T, got []T, want []string, parse func(string) T) {
	t.Helper()
	gotS := make([]string, len(got))
	for i, v := range got {
		gotS[i] = string(v)
	}
	require.Empty(t, cmp.Diff(want, gotS), "the list differs from Lantmäteriet's")
	for _, v := range got {
		s := string(v)
		assert.True(t, v.Known(), "%q is known", s)
		assert.Equal(t, v, parse(s), "exact %q", s)
		assert.Equal(t, v, parse(strings.ToLower(s)), "lower case %q", s)
		assert.Equal(t, v, parse(strings.ToUpper(s)), "upper case %q", s)
		assert.Equal(t, v, parse(fold(s)), "ASCII-folded %q", fold(s))
		assert.Equal(t, v, parse("  "+s+" "), "surrounding space %q", s)
		if lower := strings.ToLower(s); lower != s {
			assert.False(t, T(lower).Known(), "%q is read, but is not the spelling to write", lower)
		}
	}
	unknown := parse("Helt nytt värde")
	assert.Equal(t, T("Helt nytt värde"), unknown, "an unknown value is kept as it came")
	assert.False(t, unknown.Known())
}

func TestCodeLists(t *testing.T) {
	t.Parallel()
	t.Run("PointType", func(t *testing.T) {
		t.Parallel()
		checkCodeList(t, PointTypes(), []string{"Gatuadressplats", "Metertalsadressplats", "Byadressplats", "Gårdsadressplats"}, ParsePointType)
	})
	t.Run("AreaType", func(t *testing.T) {
		t.Parallel()
		checkCodeList(t, AreaTypes(), []string{"Gatuadressområde", "Metertalsadressområde", "Byadressområde"}, ParseAreaType)
	})
	t.Run("Status", func(t *testing.T) {
		t.Parallel()
		checkCodeList(t, Statuses(), []string{"Föreslagen", "Reserverad", "Gällande"}, ParseStatus)
	})
	t.Run("Placement", func(t *testing.T) {
		t.Parallel()
		checkCodeList(t, Placements(), []string{"Byggnad", "Ingång", "Infart", "Tomtplats", "Ungefärligt lägesbestämd", "Övrigt läge"}, ParsePlacement)
	})
	t.Run("PositionSuffix", func(t *testing.T) {
		t.Parallel()
		checkCodeList(t, PositionSuffixes(), []string{"UH", "UV", "U"}, ParsePositionSuffix)
	})
	t.Run("RemarkType", func(t *testing.T) {
		t.Parallel()
		checkCodeList(t, RemarkTypes(), []string{"Angöringsplats för taxi", "Busshållplats", "Järnvägstation/hållplats",
			"Kajplats", "Spårvagnshållplats", "Stoppställe för postutdelning", "Tunnelbanestationsnedgång", "Övrig anmärkning"}, ParseRemarkType)
	})
	t.Run("FacilityType", func(t *testing.T) {
		t.Parallel()
		checkCodeList(t, FacilityTypes(), []string{"Avloppspumpstation", "Brygga", "Idrottsanläggning", "Småbåtshamn", "Återvinningsstation"}, ParseFacilityType)
	})
}

func TestJSONSpellings(t *testing.T) {
	t.Parallel()
	// The spellings Lantmäteriet's JSON services and the information model
	// use, as the spec quotes them.
	assert.Equal(t, AreaTypeStreet, ParseAreaType("Gatuadressomrade"))
	assert.Equal(t, AreaTypeMetre, ParseAreaType("Metertalsadressomrade"))
	assert.Equal(t, AreaTypeVillage, ParseAreaType("byadressområde"))
	assert.Equal(t, PointTypeCourtyard, ParsePointType("gårdsadressplats"))
	assert.Equal(t, PlacementApproximate, ParsePlacement("ungefärligt lägesbestämd"))
	assert.Equal(t, RemarkRailwayStation, ParseRemarkType("järnvägstation/hållplats"))
	assert.Equal(t, SuffixUH, ParsePositionSuffix("uh"))
}

func TestActionTypes(t *testing.T) {
	t.Parallel()
	want := []bal.ActionType{"Ny", "Ändrad", "Borttagen", "Migrerat objekt"}
	require.Empty(t, cmp.Diff(want, ActionTypes()))
	for _, a := range want {
		assert.True(t, AcceptsAction(a))
		assert.Equal(t, a, ParseActionType(strings.ToLower(string(a))))
		assert.Equal(t, a, ParseActionType(fold(string(a))))
	}
	assert.False(t, AcceptsAction("ny"), "accepted types are spelled exactly")
	assert.False(t, AcceptsAction("Ny entré"), "an entrance action is not an address action")
	assert.Equal(t, bal.ActionType("Ny byggnad"), ParseActionType("Ny byggnad"))
}
