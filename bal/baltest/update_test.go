package baltest

import (
	"errors"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/address"
	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest/gen"
	"github.com/tjanstebaserad/bal-go/building"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

// world is a small hand-made municipality on an empty server: a district,
// a street, a property, a building with an entrance, an address point and
// an apartment.
type world struct {
	district, area, property, building, entrance, point, apartment string
}

func newWorld(t *testing.T, h *harness) world {
	t.Helper()
	var w world
	prop := h.s.Properties()
	if len(prop) == 0 {
		t.Fatal("no registerenhet")
	}
	w.property = prop[0].ID.String()
	k, err := h.create(action("Ny"), &update1.Kommundel{FaststalltNamn: "Testby", Kommun: update1.Kommun{Kommunkod: "2199", Kommunnamn: "Exempelby"}})
	require.NoError(t, err)
	w.district = k.Objektidentitet
	k, err = h.create(action("Ny"), &update1.Adressomrade{FaststalltNamn: "Provgatan", Adressomradestyp: "Gatuadressområde", Kommundel: update1.Referens{Objektidentitet: w.district}})
	require.NoError(t, err)
	w.area = k.Objektidentitet
	k, err = h.create(action("Ny"), newPoint(w.area, w.property, "1", ""))
	require.NoError(t, err)
	w.point = k.Objektidentitet
	k, err = h.create(action("Godkänt bygglov"), newBuilding(w.property))
	require.NoError(t, err)
	w.building = k.Objektidentitet
	k, err = h.create(action("Ny entré"), &update1.Entre{Entretyp: "Bostadsadress med registrerad lägenhet", Byggnad: update1.Referens{Objektidentitet: w.building}, Adressplats: &update1.Referens{Objektidentitet: w.point}})
	require.NoError(t, err)
	w.entrance = k.Objektidentitet
	k, err = h.create(action("Nybyggd lägenhet"), newApartment(w.entrance, "1001"))
	require.NoError(t, err)
	w.apartment = k.Objektidentitet
	return w
}

func newPoint(area, property, number, letter string) *update1.Adressplats {
	return &update1.Adressplats{
		Adressplatsattribut: update1.Adressplatsattribut{
			Adressplatsbeteckning: update1.Adressplatsbeteckning{Adressplatsnummer: number, Bokstavstillagg: letter},
			Adressplatstyp:        "Gatuadressplats", Insamlingslage: "Ingång", Status: "Gällande",
			Adressplatspunkt: update1.Geometri{Geometry: geom.NewPointFlat(geom.XY, []float64{616000, 6728000}).SetSRID(3006)},
		},
		Adressomrade:           &update1.Referens{Objektidentitet: area},
		Registerenhetsreferens: &update1.Registerenhetsreferens{Objektidentitet: property},
	}
}

func newBuilding(property string) *update1.Byggnad {
	return &update1.Byggnad{
		Byggnadsattribut: update1.Byggnadsattribut{Husnummer: 1, Nybyggnadsar: 2026, Huvudbyggnad: ptr(true)},
		Byggnadsandamal:  []update1.Byggnadsandamal{{Kategori: "Bostad", Andamal: "Flerfamiljshus", Huvudandamal: ptr(true)}},
		Byggnadsdel:      []update1.Byggnadsdel{{Insamlingslage: "Takkant", Byggnadsyta: update1.Geometri{Geometry: square(616000, 6728010)}}},
		LiggerPa:         update1.Registerenheter{{Objektidentitet: property}},
	}
}

func newApartment(entrance, number string) *update1.Lagenhet {
	return &update1.Lagenhet{Lagenhetsnummer: number, AntalRum: ptr(3), Bostadsarea: ptr(72.0), Kokstyp: "Kök",
		Entre: update1.Referens{Objektidentitet: entrance}}
}

// TestLifecycle creates, reads back, changes and retires every object type.
func TestLifecycle(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	w := newWorld(t, h)

	var b update1.Byggnad
	require.NoError(t, h.get(update1.TypByggnad, w.building, &b))
	assert.Equal(t, "Planerad", b.Objektstatus, "a building permit gives a planned building")
	require.NotNil(t, b.Verksamhetsatgard)
	assert.Equal(t, "Godkänt bygglov", b.Verksamhetsatgard.Atgardstyp)

	objects := []struct {
		typ    update1.Objekttyp
		id     string
		change func(update1.Objekt)
		act    string
	}{
		{update1.TypKommundel, w.district, func(o update1.Objekt) { o.(*update1.Kommundel).Ortid = "42" }, "Ändrad"},
		{update1.TypAdressomrade, w.area, func(o update1.Objekt) { o.(*update1.Adressomrade).FaststalltNamn = "Provvägen" }, "Ändrad"},
		{update1.TypAdressplats, w.point, func(o update1.Objekt) {
			o.(*update1.Adressplats).Adressplatsattribut.Adressplatsbeteckning.Bokstavstillagg = "B"
		}, "Ändrad"},
		{update1.TypByggnad, w.building, func(o update1.Objekt) { o.Meta().Objektstatus = "Gällande" }, "Byggnaden färdigbyggd"},
		{update1.TypEntre, w.entrance, func(o update1.Objekt) { o.(*update1.Entre).Hiss = "Ja" }, "Ändrad entréinformation"},
		{update1.TypLagenhet, w.apartment, func(o update1.Objekt) { o.(*update1.Lagenhet).AntalRum = ptr(4) }, "Ändrad lägenhetsinformation"},
	}
	for _, tc := range objects {
		o := tc.typ.New()
		require.NoError(t, h.get(tc.typ, tc.id, o))
		tc.change(o)
		k, err := h.change(action(tc.act), o)
		require.NoError(t, err, tc.typ)
		assert.EqualValues(t, 2, k.Objektversion)
		back := tc.typ.New()
		require.NoError(t, h.get(tc.typ, tc.id, back))
		assert.EqualValues(t, 2, back.Meta().Objektversion)
	}

	// Version 1 stays readable, with its versionGiltigTill set.
	op := opGet(h, "/byggnad/"+w.building, map[string][]string{"objektversion": {"1"}})
	_, err := h.tr.Do(t.Context(), op)
	require.NoError(t, err)
	assert.EqualValues(t, 1, op.Out.(*update1.Byggnad).Objektversion)
	assert.Equal(t, "Planerad", op.Out.(*update1.Byggnad).Objektstatus)
	old, ok := h.s.objectVersion(update1.TypByggnad, w.building, 1)
	require.True(t, ok)
	assert.NotEmpty(t, old.Meta().VersionGiltigTill)

	// Retire in dependency order.
	for _, tc := range []struct {
		typ update1.Objekttyp
		id  string
		act string
	}{
		{update1.TypLagenhet, w.apartment, "Riven lägenhet"},
		{update1.TypEntre, w.entrance, "Borttagen entré"},
		{update1.TypByggnad, w.building, "Riven, nedbrunnen byggnad"},
		{update1.TypAdressplats, w.point, "Borttagen"},
	} {
		o := tc.typ.New()
		o.Meta().Objektidentitet, o.Meta().Objektversion = tc.id, 2
		k, err := h.retire(action(tc.act), o)
		require.NoError(t, err, tc.typ)
		assert.EqualValues(t, 3, k.Objektversion)
		cur, _ := h.s.object(tc.typ, tc.id)
		assert.Equal(t, "Avregistrerad", cur.Meta().Objektstatus)
	}

	// The feed saw it all, in order, without gaps.
	feed := h.s.changeList()
	require.Len(t, feed, 6+6+4)
	for i, c := range feed {
		assert.EqualValues(t, i+1, c.Sekvensnummer)
	}
	assert.Equal(t, update1.ForandringNy, feed[0].Forandringstyp)
	assert.Equal(t, update1.ForandringAvregistrerad, feed[len(feed)-1].Forandringstyp)
}

func TestClientAssignedID(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	w := newWorld(t, h)
	id := "6f1c2a9e-0d4b-4c8e-9a7f-3e2d1c0b9a88"
	b := newBuilding(w.property)
	b.Objektidentitet = id
	k, err := h.create(action("Befintlig byggnad"), b)
	require.NoError(t, err)
	assert.Equal(t, id, k.Objektidentitet)

	_, err = h.create(action("Befintlig byggnad"), b)
	var ce *bal.ConflictError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, CodeConflict, ce.Err.Code)
}

func TestVersionConflict(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	b := firstOf[*update1.Byggnad](t, h.s, update1.TypByggnad)
	var read update1.Byggnad
	require.NoError(t, h.get(update1.TypByggnad, b.Objektidentitet, &read))

	// Lantmäteriet edits the building meanwhile.
	_, err := h.s.EditBuilding(bal.MustParseObjectID(b.Objektidentitet), func(x *building.Building) { x.ExtensionYear = 2025 })
	require.NoError(t, err)

	read.Byggnadsattribut.Husnummer = 3
	_, err = h.change(action("Ändrad byggnadsinformation"), &read)
	var ce *bal.ConflictError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, bal.Version(2), ce.Current)
	assert.Equal(t, CodeConflict, ce.Err.Code)
	assert.True(t, errors.Is(err, bal.ErrConflict))

	// Re-read, re-apply, and it goes through.
	read = update1.Byggnad{}
	require.NoError(t, h.get(update1.TypByggnad, b.Objektidentitet, &read))
	read.Byggnadsattribut.Husnummer = 3
	k, err := h.change(action("Ändrad byggnadsinformation"), &read)
	require.NoError(t, err)
	assert.EqualValues(t, 3, k.Objektversion)
	got, _ := Get[building.Building](h.s, bal.MustParseObjectID(b.Objektidentitet))
	assert.Equal(t, 2025, got.ExtensionYear, "Lantmäteriet's edit survives")
	assert.Equal(t, 3, got.HouseNumber)
}

// TestRules: every rule the server enforces answers with its id.
func TestRules(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	w := newWorld(t, h)
	gone := "00000000-0000-4000-8000-000000000000"

	retired := newBuilding(w.property)
	k, err := h.create(action("Befintlig byggnad"), retired)
	require.NoError(t, err)
	retired.Objektidentitet, retired.Objektversion = k.Objektidentitet, 1
	_, err = h.retire(action("Riven, nedbrunnen byggnad"), retired)
	require.NoError(t, err)

	tests := []struct {
		name   string
		op     func() error
		status int
		code   string
	}{
		{"BAL-3015 status change of a retired object", func() error {
			b := newBuilding(w.property)
			b.Objektidentitet, b.Objektversion, b.Objektstatus = retired.Objektidentitet, 2, "Gällande"
			_, err := h.change(action("Ändrad byggnadsinformation"), b)
			return err
		}, 400, "BAL-3015"},
		{"BAL-3015 retire twice", func() error {
			b := &update1.Byggnad{Utbytesobjekt: update1.Utbytesobjekt{Objektidentitet: retired.Objektidentitet, Objektversion: 2}}
			_, err := h.retire(action("Riven, nedbrunnen byggnad"), b)
			return err
		}, 400, "BAL-3015"},
		{"B-0035 tax and valuation unit", func() error {
			b := newBuilding(w.property)
			b.Taxeringsenhet = &update1.Taxeringsenhet{Taxeringsenhetsidentitet: "1"}
			b.Varderingsenhet = &update1.Varderingsenhet{Varderingsenhetsidentitet: "2"}
			_, err := h.create(action("Befintlig byggnad"), b)
			return err
		}, 400, "B-0035"},
		{"range: husnummer", func() error {
			b := newBuilding(w.property)
			b.Byggnadsattribut.Husnummer = 10000
			_, err := h.create(action("Befintlig byggnad"), b)
			return err
		}, 400, "range"},
		{"code-list: spelled in lower case", func() error {
			b := newBuilding(w.property)
			b.Byggnadsdel[0].Insamlingslage = "takkant"
			_, err := h.create(action("Befintlig byggnad"), b)
			return err
		}, 400, "code-list"},
		{"geometry: not in Sweden", func() error {
			b := newBuilding(w.property)
			b.Byggnadsdel[0].Byggnadsyta.Geometry = square(100, 100)
			_, err := h.create(action("Befintlig byggnad"), b)
			return err
		}, 400, "geometry"},
		{"BAL-2004 action of another object type", func() error {
			_, err := h.create(action("Ny"), newBuilding(w.property))
			return err
		}, 400, CodeActionType},
		{"BAL-2003 unknown property", func() error {
			_, err := h.create(action("Befintlig byggnad"), newBuilding(gone))
			return err
		}, 400, CodeReference},
		{"BAL-2003 entrance of a retired building", func() error {
			_, err := h.create(action("Ny entré"), &update1.Entre{Entretyp: "Bostadsadress", Byggnad: update1.Referens{Objektidentitet: retired.Objektidentitet}})
			return err
		}, 400, CodeReference},
		{"BAL-2001 designation taken in the area", func() error {
			_, err := h.create(action("Ny"), newPoint(w.area, w.property, "1", ""))
			return err
		}, 400, CodeDesignationUnique},
		{"BAL-2002 apartment number taken at the entrance", func() error {
			_, err := h.create(action("Nybyggd lägenhet"), newApartment(w.entrance, "1001"))
			return err
		}, 400, CodeApartmentUnique},
		{"format: apartment number", func() error {
			_, err := h.create(action("Nybyggd lägenhet"), newApartment(w.entrance, "101"))
			return err
		}, 400, "format"},
		{"relation: lägestillägg on a village point", func() error {
			p := newPoint(w.area, w.property, "9", "")
			p.Adressplatsattribut.Adressplatstyp = "Byadressplats"
			p.Adressplatsattribut.Adressplatsbeteckning.Lagestillagg = "UH"
			_, err := h.create(action("Ny"), p)
			return err
		}, 400, "relation"},
		{"length: name and designation over 60", func() error {
			_, err := h.create(action("Ny"), &update1.Adressomrade{FaststalltNamn: "Envägsomväg" + string(make([]byte, 0)) + "ochsåvidare" + "Långtnamnsomintetarslut" + "Ochfortsättermera" + "Ännumer",
				Adressomradestyp: "Gatuadressområde", Kommundel: update1.Referens{Objektidentitet: w.district}})
			return err
		}, 400, "length"},
		{"BAL-0409 stale version", func() error {
			b := newBuilding(w.property)
			b.Objektidentitet, b.Objektversion = w.building, 7
			_, err := h.change(action("Ändrad byggnadsinformation"), b)
			return err
		}, 409, CodeConflict},
		{"required: version on change", func() error {
			b := newBuilding(w.property)
			b.Objektidentitet = w.building
			_, err := h.change(action("Ändrad byggnadsinformation"), b)
			return err
		}, 400, "required"},
		{"BAL-0400 wrong object for the path", func() error {
			var k update1.Kvitto
			_, err := h.do(http.MethodPost, "/entre", update1.NewUppdatering(action("Ny entré"), newBuilding(w.property)), &k, "")
			return err
		}, 400, CodeBadRequest},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			be := faultOf(t, tc.op())
			assert.Equal(t, tc.status, be.StatusCode)
			assert.Equal(t, tc.code, be.Code, "%s %v", be.Message, be.Details)
		})
	}
}

func TestTransaction(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	w := newWorld(t, h)
	before := len(h.s.Changes())

	bid, eid, pid := "a0000000-0000-4000-8000-000000000001", "a0000000-0000-4000-8000-000000000002", "a0000000-0000-4000-8000-000000000003"
	member := func(op update1.Operation, act string, o update1.Objekt) update1.Transaktionsdel {
		d := update1.Transaktionsdel{Operation: op, Innehall: update1.Innehall{Verksamhetsatgard: action(act)}}
		d.SetObject(o)
		return d
	}
	build := func(apartmentNumber string) *update1.Transaktion {
		b := newBuilding(w.property)
		b.Objektidentitet = bid
		p := newPoint(w.area, w.property, "3", "")
		p.Objektidentitet = pid
		return &update1.Transaktion{Uppdatering: []update1.Transaktionsdel{
			member(update1.OperationSkapa, "Godkänt bygglov", b),
			member(update1.OperationSkapa, "Ny", p),
			member(update1.OperationSkapa, "Ny entré", &update1.Entre{Utbytesobjekt: update1.Utbytesobjekt{Objektidentitet: eid},
				Entretyp: "Bostadsadress", Byggnad: update1.Referens{Objektidentitet: bid}, Adressplats: &update1.Referens{Objektidentitet: pid}}),
			member(update1.OperationSkapa, "Nybyggd lägenhet", newApartment(eid, "1001")),
			member(update1.OperationSkapa, "Nybyggd lägenhet", newApartment(eid, apartmentNumber)),
		}}
	}

	// A failing member leaves nothing behind, and the fault names it.
	_, err := h.do(http.MethodPost, "/transaktion", build("1001"), new(update1.Transaktionskvitto), "")
	be := faultOf(t, err)
	assert.Equal(t, CodeApartmentUnique, be.Code)
	assert.Contains(t, be.Message, "Lagenhet")
	assert.Equal(t, "medlem=5", be.Details[0], "the first message after the rule's names the member")
	_, ok := storedBuilding(h.s, bid)
	assert.False(t, ok)
	assert.Len(t, h.s.Changes(), before)

	var tk update1.Transaktionskvitto
	_, err = h.do(http.MethodPost, "/transaktion", build("1002"), &tk, "")
	require.NoError(t, err)
	require.Len(t, tk.Kvitto, 5)
	assert.Equal(t, bid, tk.Kvitto[0].Objektidentitet)
	assert.Len(t, h.s.Changes(), before+5)

	var list update1.Entrelista
	_, err = h.do(http.MethodGet, "/byggnad/"+bid+"/entre", nil, &list, "")
	require.NoError(t, err)
	require.Len(t, list.Entre, 1)
	assert.Equal(t, "Provgatan 3", list.Entre[0].Adressplats.Etikett)
	var apts update1.Lagenhetslista
	_, err = h.do(http.MethodGet, "/entre/"+eid+"/lagenhet", nil, &apts, "")
	require.NoError(t, err)
	assert.Len(t, apts.Lagenhet, 2)
}

func TestIdempotency(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	w := newWorld(t, h)
	n := h.s.Count(bal.ObjectTypeBuilding)
	u := update1.NewUppdatering(action("Befintlig byggnad"), newBuilding(w.property))

	var first, again update1.Kvitto
	r1, err := h.do(http.MethodPost, "/byggnad", u, &first, "key-1")
	require.NoError(t, err)
	r2, err := h.do(http.MethodPost, "/byggnad", u, &again, "key-1")
	require.NoError(t, err)
	assert.Equal(t, http.StatusCreated, r1.StatusCode)
	assert.Equal(t, http.StatusCreated, r2.StatusCode, "a repeat answers the original status")
	assert.Empty(t, cmp.Diff(first, again))
	assert.Equal(t, n+1, h.s.Count(bal.ObjectTypeBuilding), "applied once")

	other := update1.NewUppdatering(action("Befintlig byggnad"), newBuilding(w.property))
	other.Byggnad.Byggnadsattribut.Husnummer = 2
	_, err = h.do(http.MethodPost, "/byggnad", other, new(update1.Kvitto), "key-1")
	be := faultOf(t, err)
	assert.Equal(t, http.StatusConflict, be.StatusCode)
	assert.Equal(t, CodeIdempotencyMismatch, be.Code)

	// After 24 hours the key is forgotten.
	h.s.Clock().Advance(25 * 60 * 60 * 1e9)
	_, err = h.do(http.MethodPost, "/byggnad", other, new(update1.Kvitto), "key-1")
	require.NoError(t, err)
}

// TestGeneratedDataPassesServerRules loads a generated municipality into an
// empty server through Put, so that every object meets the rules a create
// over HTTP meets, in dependency order, each with its recorded action.
func TestGeneratedDataPassesServerRules(t *testing.T) {
	t.Parallel()
	d, err := gen.Generate(gen.Config{Seed: 11, Buildings: 1500})
	require.NoError(t, err)
	s := NewServer(WithoutData())
	defer s.Close()
	for _, p := range d.Properties {
		s.AddProperty(*p)
	}
	for _, o := range d.Objects() {
		var r *bal.Receipt
		var m bal.Meta
		switch x := o.(type) {
		case *address.District:
			m = x.Meta
			r, err = Put(s, x, *x.Action)
		case *address.Area:
			m = x.Meta
			r, err = Put(s, x, *x.Action)
		case *address.CourtyardArea:
			m = x.Meta
			r, err = Put(s, x, *x.Action)
		case *address.Point:
			m = x.Meta
			r, err = Put(s, x, *x.Action)
		case *building.Building:
			m = x.Meta
			r, err = Put(s, x, *x.Action)
		case *building.Entrance:
			m = x.Meta
			r, err = Put(s, x, *x.Action)
		case *building.Apartment:
			m = x.Meta
			r, err = Put(s, x, *x.Action)
		default:
			t.Fatalf("Objects yielded a %T", o)
		}
		require.NoError(t, err, "%T %s", o, m.ID)
		assert.Equal(t, m.ID, r.ID, "the generated identity is kept")
	}
	assert.Equal(t, len(d.Buildings), s.Count(bal.ObjectTypeBuilding))
}
