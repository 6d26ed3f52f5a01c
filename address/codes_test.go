package address

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/codelist/codelisttest"
)

func TestCodeLists(t *testing.T) {
	t.Parallel()
	t.Run("PointType", func(t *testing.T) {
		t.Parallel()
		codelisttest.Check(t, PointTypes(), []string{"Gatuadressplats", "Metertalsadressplats", "Byadressplats", "Gårdsadressplats"}, ParsePointType)
	})
	t.Run("AreaType", func(t *testing.T) {
		t.Parallel()
		codelisttest.Check(t, AreaTypes(), []string{"Gatuadressområde", "Metertalsadressområde", "Byadressområde"}, ParseAreaType)
	})
	t.Run("Status", func(t *testing.T) {
		t.Parallel()
		codelisttest.Check(t, Statuses(), []string{"Föreslagen", "Reserverad", "Gällande"}, ParseStatus)
	})
	t.Run("Placement", func(t *testing.T) {
		t.Parallel()
		codelisttest.Check(t, Placements(), []string{"Byggnad", "Ingång", "Infart", "Tomtplats", "Ungefärligt lägesbestämd", "Övrigt läge"}, ParsePlacement)
	})
	t.Run("PositionSuffix", func(t *testing.T) {
		t.Parallel()
		codelisttest.Check(t, PositionSuffixes(), []string{"UH", "UV", "U"}, ParsePositionSuffix)
	})
	t.Run("RemarkType", func(t *testing.T) {
		t.Parallel()
		codelisttest.Check(t, RemarkTypes(), []string{"Angöringsplats för taxi", "Busshållplats", "Järnvägstation/hållplats",
			"Kajplats", "Spårvagnshållplats", "Stoppställe för postutdelning", "Tunnelbanestationsnedgång", "Övrig anmärkning"}, ParseRemarkType)
	})
	t.Run("FacilityType", func(t *testing.T) {
		t.Parallel()
		codelisttest.Check(t, FacilityTypes(), []string{"Avloppspumpstation", "Brygga", "Idrottsanläggning", "Småbåtshamn", "Återvinningsstation"}, ParseFacilityType)
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
		assert.Equal(t, a, ParseActionType(codelisttest.Fold(string(a))))
	}
	assert.False(t, AcceptsAction("ny"), "accepted types are spelled exactly")
	assert.False(t, AcceptsAction("Ny entré"), "an entrance action is not an address action")
	assert.Equal(t, bal.ActionType("Ny byggnad"), ParseActionType("Ny byggnad"))
}
