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
		codelisttest.Check[PointType](t, []string{"Gatuadressplats", "Metertalsadressplats", "Byadressplats", "Gårdsadressplats"})
	})
	t.Run("AreaType", func(t *testing.T) {
		t.Parallel()
		codelisttest.Check[AreaType](t, []string{"Gatuadressområde", "Metertalsadressområde", "Byadressområde"})
	})
	t.Run("Status", func(t *testing.T) {
		t.Parallel()
		codelisttest.Check[Status](t, []string{"Föreslagen", "Reserverad", "Gällande"})
	})
	t.Run("Placement", func(t *testing.T) {
		t.Parallel()
		codelisttest.Check[Placement](t, []string{"Byggnad", "Ingång", "Infart", "Tomtplats", "Ungefärligt lägesbestämd", "Övrigt läge"})
	})
	t.Run("PositionSuffix", func(t *testing.T) {
		t.Parallel()
		codelisttest.Check[PositionSuffix](t, []string{"UH", "UV", "U"})
	})
	t.Run("RemarkType", func(t *testing.T) {
		t.Parallel()
		codelisttest.Check[RemarkType](t, []string{"Angöringsplats för taxi", "Busshållplats", "Järnvägstation/hållplats",
			"Kajplats", "Spårvagnshållplats", "Stoppställe för postutdelning", "Tunnelbanestationsnedgång", "Övrig anmärkning"})
	})
	t.Run("FacilityType", func(t *testing.T) {
		t.Parallel()
		codelisttest.Check[FacilityType](t, []string{"Avloppspumpstation", "Brygga", "Idrottsanläggning", "Småbåtshamn", "Återvinningsstation"})
	})
}

func TestJSONSpellings(t *testing.T) {
	t.Parallel()
	// The spellings Lantmäteriet's JSON services and the information model
	// use, as the spec quotes them.
	assert.Equal(t, AreaTypeStreet, codelisttest.Read[AreaType](t, "Gatuadressomrade"))
	assert.Equal(t, AreaTypeMetre, codelisttest.Read[AreaType](t, "Metertalsadressomrade"))
	assert.Equal(t, AreaTypeVillage, codelisttest.Read[AreaType](t, "byadressområde"))
	assert.Equal(t, PointTypeCourtyard, codelisttest.Read[PointType](t, "gårdsadressplats"))
	assert.Equal(t, PlacementApproximate, codelisttest.Read[Placement](t, "ungefärligt lägesbestämd"))
	assert.Equal(t, RemarkRailwayStation, codelisttest.Read[RemarkType](t, "järnvägstation/hållplats"))
	assert.Equal(t, SuffixUH, codelisttest.Read[PositionSuffix](t, "uh"))
}

func TestActionTypes(t *testing.T) {
	t.Parallel()
	want := []bal.ActionType{"Ny", "Ändrad", "Borttagen", "Migrerat objekt"}
	require.Empty(t, cmp.Diff(want, ActionTypes()))
	for _, a := range want {
		assert.True(t, actionTypes.Known(a))
		assert.Equal(t, a, actionTypes.Parse(strings.ToLower(string(a))))
		assert.Equal(t, a, actionTypes.Parse(codelisttest.Fold(string(a))))
	}
	act := func(typ bal.ActionType) bal.Action { return bal.Action{Type: typ, Responsible: "0180"} }
	assert.NoError(t, (&Point{}).ValidateAction(act("Ny")))
	assert.Error(t, (&Point{}).ValidateAction(act("ny")), "accepted types are spelled exactly")
	assert.Error(t, (&Point{}).ValidateAction(act("Ny entré")), "an entrance action is not an address action")
	assert.Equal(t, bal.ActionType("Ny byggnad"), actionTypes.Parse("Ny byggnad"))
}
