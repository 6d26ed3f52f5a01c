package objects_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/address"
	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/building"
	"github.com/tjanstebaserad/bal-go/internal/transport"
	"github.com/tjanstebaserad/bal-go/internal/updatetest"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
	"github.com/tjanstebaserad/bal-go/internal/wiremap"
)

// TestInvalidWritesAreNotSent: every write checks the object and the action
// first and sends nothing while either breaks a rule; the problems carry the
// rule ids.
func TestInvalidWritesAreNotSent(t *testing.T) {
	t.Parallel()
	e := updatetest.New(t)
	ctx := context.Background()
	bs, as := e.Buildings, e.Addresses
	some := bal.NewObjectID()

	tests := []struct {
		name       string
		write      func() error
		path, rule string
	}{
		{"building with a tax and a valuation unit (B-0035)", func() error {
			b := e.Building()
			b.ValuationUnit = &building.ValuationUnit{Identity: "V-1"}
			_, err := bs.Buildings.Create(ctx, b, e.Action(building.ActionNewCompleted))
			return err
		}, "ValuationUnit", "B-0035"},
		{"building affected by a property it does not lie on (B-0084)", func() error {
			b := e.Building()
			b.LiesOn, b.AffectedBy = nil, []bal.PropertyRef{{ID: e.Property}}
			_, err := bs.Buildings.Create(ctx, b, e.Action(building.ActionNewCompleted))
			return err
		}, "LiesOn", "B-0084"},
		{"building with an address åtgärdstyp", func() error {
			_, err := bs.Buildings.Create(ctx, e.Building(), e.Action(address.ActionNew))
			return err
		}, "Action.Type", bal.RuleCodeList},
		{"building action without a responsible organisation", func() error {
			a := e.Action(building.ActionNewCompleted)
			a.Responsible = ""
			_, err := bs.Buildings.Create(ctx, e.Building(), a)
			return err
		}, "Action.Responsible", bal.RuleRequired},
		{"building changed without the version it was read at", func() error {
			b := e.Building()
			b.ID = some
			_, err := bs.Buildings.Update(ctx, b, e.Action(building.ActionBuildingChanged))
			return err
		}, "Version", bal.RuleRequired},
		{"building retired without a version", func() error {
			_, err := bs.Buildings.Retire(ctx, some, 0, e.Action(building.ActionDemolished))
			return err
		}, "Version", bal.RuleRequired},
		{"entrance without an entrétyp", func() error {
			en := e.Entrance(some, bal.ObjectID{})
			en.Type = ""
			_, err := bs.Entrances.Create(ctx, en, e.Action(building.ActionNewEntrance))
			return err
		}, "Type", bal.RuleRequired},
		{"entrance retired with a building åtgärdstyp", func() error {
			_, err := bs.Entrances.Retire(ctx, some, 2, e.Action(building.ActionDemolished))
			return err
		}, "Action.Type", bal.RuleCodeList},
		{"apartment number of three digits", func() error {
			_, err := bs.Apartments.Create(ctx, e.Apartment(some, "101"), e.Action(building.ActionNewApartment))
			return err
		}, "Number", bal.RuleFormat},
		{"point with a lower-case bokstavstillägg", func() error {
			p := e.Point(some, 3)
			p.Designation.Letter = "a"
			_, err := as.Points.Create(ctx, p, e.Action(address.ActionNew))
			return err
		}, "Designation.Letter", ""},
		{"point name and designation over 60 characters", func() error {
			p := e.Point(some, 3)
			p.Area.Name = strings.Repeat("Långgatan", 7)
			_, err := as.Points.Create(ctx, p, e.Action(address.ActionNew))
			return err
		}, "Designation", bal.RuleLength},
		{"point without a position", func() error {
			p := e.Point(some, 3)
			p.Position = nil
			_, err := as.Points.Create(ctx, p, e.Action(address.ActionNew))
			return err
		}, "Position", bal.RuleRequired},
		{"area without a name", func() error {
			a := e.Area(some, address.AreaTypeStreet)
			a.Name = ""
			_, err := as.Areas.Create(ctx, a, e.Action(address.ActionNew))
			return err
		}, "Name", bal.RuleRequired},
		{"courtyard area without its byadressområde", func() error {
			_, err := as.CourtyardAreas.Create(ctx, e.CourtyardArea(bal.ObjectID{}), e.Action(address.ActionNew))
			return err
		}, "Area.ID", bal.RuleRequired},
		{"district with a county code not in use", func() error {
			d := e.District()
			d.Municipality.Code = "9999"
			_, err := as.Districts.Create(ctx, d, e.Action(address.ActionNew))
			return err
		}, "Municipality.Code", bal.RuleFormat},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(e.Writes(""))
			err := tt.write()
			var v *bal.ValidationError
			require.ErrorAs(t, err, &v)
			assert.ErrorIs(t, err, bal.ErrValidation)
			assert.True(t, v.Has(tt.path, tt.rule), "want a problem at %s (%s), got %v", tt.path, tt.rule, err)
			assert.Len(t, e.Writes(""), before, "nothing is sent while the input is invalid")
		})
	}
}

// TestServerRules: what only Lantmäteriet can check (uniqueness,
// references, versions) comes back as *bal.Error carrying the rule id.
func TestServerRules(t *testing.T) {
	t.Parallel()
	e := updatetest.New(t)
	ctx := context.Background()
	street := e.Street(ctx, t)
	point, err := e.Addresses.Points.Create(ctx, e.Point(street, 5), e.Action(address.ActionNew))
	require.NoError(t, err)
	b, err := e.Buildings.Buildings.Create(ctx, e.Building(), e.Action(building.ActionPermitApproved))
	require.NoError(t, err)
	en, err := e.Buildings.Entrances.Create(ctx, e.Entrance(b.ID, point.ID), e.Action(building.ActionNewEntrance))
	require.NoError(t, err)
	_, err = e.Buildings.Apartments.Create(ctx, e.Apartment(en.ID, "1101"), e.Action(building.ActionNewApartment))
	require.NoError(t, err)
	d, err := e.Addresses.Districts.Create(ctx, e.District(), e.Action(address.ActionNew))
	require.NoError(t, err)
	village, err := e.Addresses.Areas.Create(ctx, e.Area(d.ID, address.AreaTypeVillage), e.Action(address.ActionNew))
	require.NoError(t, err)
	yard := e.CourtyardArea(village.ID)
	_, err = e.Addresses.CourtyardAreas.Create(ctx, yard, e.Action(address.ActionNew))
	require.NoError(t, err)

	tests := []struct {
		name     string
		write    func() error
		code     string
		sentinel error
	}{
		{"adressplatsbeteckning already used in the area (BAL-2001)", func() error {
			_, err := e.Addresses.Points.Create(ctx, e.Point(street, 5), e.Action(address.ActionNew))
			return err
		}, "BAL-2001", bal.ErrValidation},
		{"lägenhetsnummer already used at the entrance (BAL-2002)", func() error {
			_, err := e.Buildings.Apartments.Create(ctx, e.Apartment(en.ID, "1101"), e.Action(building.ActionNewApartment))
			return err
		}, "BAL-2002", bal.ErrValidation},
		{"entrance of a building that does not exist (BAL-2003)", func() error {
			_, err := e.Buildings.Entrances.Create(ctx, e.Entrance(bal.NewObjectID(), point.ID), e.Action(building.ActionNewEntrance))
			return err
		}, "BAL-2003", bal.ErrValidation},
		{"courtyard area name already used in the village (BAL-2005)", func() error {
			again := *yard
			again.ID = bal.ObjectID{}
			_, err := e.Addresses.CourtyardAreas.Create(ctx, &again, e.Action(address.ActionNew))
			return err
		}, "BAL-2005", bal.ErrValidation},
		{"change based on a stale version (BAL-0409)", func() error {
			cur, err := e.Buildings.Buildings.Get(ctx, b.ID, nil)
			require.NoError(t, err)
			_, err = e.Buildings.Buildings.Update(ctx, cur, e.Action(building.ActionBuildingChanged))
			require.NoError(t, err)
			_, err = e.Buildings.Buildings.Update(ctx, cur, e.Action(building.ActionBuildingChanged))
			return err
		}, "BAL-0409", bal.ErrConflict},
		{"object that does not exist (BAL-0404)", func() error {
			_, err := e.Addresses.Areas.Get(ctx, bal.NewObjectID(), nil)
			return err
		}, "BAL-0404", bal.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.write()
			var be *bal.Error
			require.ErrorAs(t, err, &be)
			assert.Equal(t, tt.code, be.Code, "%v", err)
			assert.ErrorIs(t, err, tt.sentinel)
			assert.Equal(t, bal.SourceService, be.Source)
			assert.NotEmpty(t, be.RequestID)
		})
	}
}

// TestServerEnforcesClientRules sends documents that skip the SDK's checks
// straight to the fake, to show that the server refuses what the client
// would have, with the same rule ids, as a *bal.Error.
func TestServerEnforcesClientRules(t *testing.T) {
	t.Parallel()
	e := updatetest.New(t)
	ctx := context.Background()
	tr := transport.New(e.Client)
	// A generated building as the binding's struct: the documents skip
	// the SDK's encoder and checks.
	template := wiremap.LookupTo[building.Building, *update1.Byggnad]()(e.Server.Dataset().Buildings[0])
	wa := func(typ string) update1.Verksamhetsatgard {
		return update1.Verksamhetsatgard{Atgardstyp: typ, AnsvarigOrganisation: e.Kommunkod}
	}
	newBuilding := func(edit func(*update1.Byggnad)) *update1.Byggnad {
		b := template.Clone()
		b.Objektidentitet, b.Objektversion, b.VersionGiltigFran, b.Verksamhetsatgard = bal.NewObjectID().String(), 0, "", nil
		edit(b)
		return b
	}
	tests := []struct {
		name   string
		seg    string
		action update1.Verksamhetsatgard
		obj    update1.Objekt
		code   string
	}{
		{"B-0035", "byggnad", wa("Befintlig byggnad"), newBuilding(func(b *update1.Byggnad) {
			b.Taxeringsenhet = &update1.Taxeringsenhet{Taxeringsenhetsidentitet: "1"}
			b.Varderingsenhet = &update1.Varderingsenhet{Varderingsenhetsidentitet: "2"}
		}), "B-0035"},
		{"B-0084", "byggnad", wa("Befintlig byggnad"), newBuilding(func(b *update1.Byggnad) {
			b.BerorsAv, b.LiggerPa = b.LiggerPa, nil
		}), "B-0084"},
		{"BAL-2004 åtgärdstyp of another object type", "byggnad", wa("Ny"), newBuilding(func(*update1.Byggnad) {}), "BAL-2004"},
		{"lägenhetsnummer format", "lagenhet", wa("Nybyggd lägenhet"), &update1.Lagenhet{
			Lagenhetsnummer: "12", Entre: update1.Referens{Objektidentitet: e.Server.Dataset().Entrances[0].ID.String()},
		}, bal.RuleFormat},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tr.Do(ctx, &transport.Op{
				Name: "raw", Method: http.MethodPost, Base: tr.UpdateBase(), Path: transport.Path(tt.seg),
				Body: update1.NewUppdatering(tt.action, tt.obj), IdempotencyKey: bal.NewObjectID().String(),
			})
			var be *bal.Error
			require.ErrorAs(t, err, &be)
			assert.Equal(t, tt.code, be.Code, "%v", err)
			assert.True(t, errors.Is(err, bal.ErrValidation))
		})
	}
}
