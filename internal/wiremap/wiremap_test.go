package wiremap_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/address"
	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/building"
	"github.com/tjanstebaserad/bal-go/casefile"
	"github.com/tjanstebaserad/bal-go/deficiency"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
	"github.com/tjanstebaserad/bal-go/internal/wiremap"
)

// TestRegistered: building, address, deficiency and casefile register both
// directions of their types; ToWire and FromWire reach the seven BAL
// objects and refuse anything else.
func TestRegistered(t *testing.T) {
	t.Parallel()
	id := bal.NewObjectID()
	for _, m := range []any{
		&building.Building{Meta: bal.Meta{ID: id}}, &building.Entrance{Meta: bal.Meta{ID: id}},
		&building.Apartment{Meta: bal.Meta{ID: id}}, &address.Point{Meta: bal.Meta{ID: id}},
		&address.Area{Meta: bal.Meta{ID: id}}, &address.CourtyardArea{Meta: bal.Meta{ID: id}},
		&address.District{Meta: bal.Meta{ID: id}},
	} {
		w, err := wiremap.ToWire(m)
		require.NoError(t, err, "%T", m)
		assert.Equal(t, id.String(), w.Meta().Objektidentitet)
		back, err := wiremap.FromWire(w)
		require.NoError(t, err)
		assert.IsType(t, m, back)
	}
	assert.NotNil(t, wiremap.Lookup[*update1.Byggnad, *building.Building](), "what the extract reader looks up")
	assert.NotNil(t, wiremap.LookupTo[deficiency.Deficiency, *update1.Brist]())
	assert.NotNil(t, wiremap.Lookup[*update1.Brist, *deficiency.Deficiency]())
	assert.NotNil(t, wiremap.LookupTo[casefile.Case, *update1.Arende]())
	assert.NotNil(t, wiremap.Lookup[*update1.Arende, *casefile.Case]())

	_, err := wiremap.ToWire(&deficiency.Deficiency{})
	assert.Error(t, err, "a brist is not one of the seven objects")
	_, err = wiremap.ToWire(building.Building{})
	assert.Error(t, err, "a value, not a pointer")
	_, err = wiremap.FromWire(&update1.Byggnad{Utbytesobjekt: update1.Utbytesobjekt{Objektidentitet: "x"}})
	assert.Error(t, err, "the model's own mapping refuses a bad identity")

	objs, err := wiremap.ToWireAll([]any{&address.District{Name: "Norrby"}, &address.Area{Name: "Storgatan"}})
	require.NoError(t, err)
	assert.Equal(t, []update1.Objekttyp{update1.TypKommundel, update1.TypAdressomrade}, []update1.Objekttyp{objs[0].Type(), objs[1].Type()})
	_, err = wiremap.ToWireAll([]any{"no object"})
	assert.Error(t, err)
}
