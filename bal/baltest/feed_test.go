package baltest

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/building"
	"github.com/tjanstebaserad/bal-go/casefile"
	"github.com/tjanstebaserad/bal-go/deficiency"
	"github.com/tjanstebaserad/bal-go/internal/transport"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

func (h *harness) feed(q url.Values) (*update1.Forandringar, error) {
	var f update1.Forandringar
	_, err := h.tr.Do(h.t.Context(), &transport.Op{Name: "test", Method: http.MethodGet, Base: h.tr.UpdateBase(), Path: "/forandringar", Query: q, Out: &f})
	return &f, err
}

func TestFeed(t *testing.T) {
	t.Parallel()
	h := newHarness(t, WithTime(fixedTime), WithFeedRetention(time.Hour))
	w := newWorld(t, h) // six changes
	_, err := h.s.EditBuilding(bal.MustParseObjectID(w.building), nil)
	require.NoError(t, err)

	all, err := h.feed(nil)
	require.NoError(t, err)
	require.Len(t, all.Forandring, 7)
	for i, c := range all.Forandring {
		assert.EqualValues(t, i+1, c.Sekvensnummer)
	}
	assert.Equal(t, "7", all.Fortsattning)

	// Paging from a checkpoint.
	page, err := h.feed(url.Values{"fran": {"2"}, "max": {"2"}})
	require.NoError(t, err)
	require.Len(t, page.Forandring, 2)
	assert.EqualValues(t, 3, page.Forandring[0].Sekvensnummer)
	assert.Equal(t, "4", page.Fortsattning)

	// Filters: only buildings; the checkpoint moves past what was skipped.
	bs, err := h.feed(url.Values{"objekttyp": {"byggnad"}})
	require.NoError(t, err)
	require.Len(t, bs.Forandring, 2)
	assert.Equal(t, update1.ForandringAndrad, bs.Forandring[1].Forandringstyp)
	assert.Equal(t, "7", bs.Fortsattning)
	none, err := h.feed(url.Values{"kommunkod": {"0180"}})
	require.NoError(t, err)
	assert.Empty(t, none.Forandring)
	assert.Equal(t, "7", none.Fortsattning)

	// At the end: an empty page with the same checkpoint.
	end, err := h.feed(url.Values{"fran": {"7"}})
	require.NoError(t, err)
	assert.Empty(t, end.Forandring)
	assert.Equal(t, "7", end.Fortsattning)

	for _, tc := range []struct {
		name string
		q    url.Values
		code string
	}{
		{"max too large", url.Values{"max": {"1001"}}, "range"},
		{"bad checkpoint", url.Values{"fran": {"x"}}, "format"},
		{"unknown type", url.Values{"objekttyp": {"hus"}}, "code-list"},
		{"checkpoint ahead", url.Values{"fran": {"99"}}, CodeFeedGap},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := h.feed(tc.q)
			assert.Equal(t, tc.code, faultOf(t, err).Code)
		})
	}

	// Past the retention window, old checkpoints are gone.
	h.s.Clock().Advance(2 * time.Hour)
	_, err = h.s.EditBuilding(bal.MustParseObjectID(w.building), nil)
	require.NoError(t, err)
	_, err = h.feed(url.Values{"fran": {"3"}})
	be := faultOf(t, err)
	assert.Equal(t, http.StatusGone, be.StatusCode)
	assert.Equal(t, CodeFeedGap, be.Code)
	rest, err := h.feed(url.Values{"fran": {"7"}})
	require.NoError(t, err)
	require.Len(t, rest.Forandring, 1)
	assert.EqualValues(t, 8, rest.Forandring[0].Sekvensnummer)
	fromStart, err := h.feed(nil)
	require.NoError(t, err)
	assert.Equal(t, "8", fromStart.Fortsattning, "an empty fran starts at the oldest change kept")
}

func TestInitialFeed(t *testing.T) {
	t.Parallel()
	h := newHarness(t, WithInitialFeed())
	n := len(h.s.Dataset().Objects())
	assert.Len(t, h.s.Changes(), n)
	page, err := h.feed(url.Values{"max": {strconv.Itoa(1000)}})
	require.NoError(t, err)
	assert.Len(t, page.Forandring, min(n, 1000))
}

func TestDeficiencies(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	var list update1.Bristlista
	_, err := h.tr.Do(t.Context(), &transport.Op{Name: "test", Method: http.MethodGet, Base: h.tr.UpdateBase(), Path: "/brist",
		Query: url.Values{"status": {"Öppen"}, "max": {"1"}}, Out: &list})
	require.NoError(t, err)
	require.Len(t, list.Brist, 1)
	assert.NotEmpty(t, list.Fortsattning)
	id := list.Brist[0].Objektidentitet

	var rest update1.Bristlista
	_, err = h.tr.Do(t.Context(), &transport.Op{Name: "test", Method: http.MethodGet, Base: h.tr.UpdateBase(), Path: "/brist",
		Query: url.Values{"fortsattning": {list.Fortsattning}}, Out: &rest})
	require.NoError(t, err)
	require.NotEmpty(t, rest.Brist)
	assert.Greater(t, rest.Brist[0].Objektidentitet, id)

	// Rejecting needs a comment.
	_, err = h.do(http.MethodPost, "/brist/"+id+"/atgard", &update1.Bristatgard{Status: update1.BristAvvisad}, new(update1.Brist), "")
	assert.Equal(t, "required", faultOf(t, err).Code)

	var b update1.Brist
	_, err = h.do(http.MethodPost, "/brist/"+id+"/atgard", &update1.Bristatgard{Status: update1.BristAvvisad, Kommentar: "Komplementbyggnad utan adress."}, &b, "")
	require.NoError(t, err)
	assert.Equal(t, update1.BristAvvisad, b.Status)
	assert.EqualValues(t, 2, b.Objektversion)

	_, err = h.do(http.MethodPost, "/brist/"+id+"/atgard", &update1.Bristatgard{Status: update1.BristAtgardad}, new(update1.Brist), "")
	be := faultOf(t, err)
	assert.Equal(t, http.StatusConflict, be.StatusCode)
	assert.Equal(t, CodeHandled, be.Code)

	var got update1.Brist
	_, err = h.do(http.MethodGet, "/brist/"+id, nil, &got, "")
	require.NoError(t, err)
	assert.Equal(t, "Komplementbyggnad utan adress.", got.Kommentar)
	_, err = h.do(http.MethodGet, "/brist/nej", nil, &got, "")
	assert.Equal(t, CodeNotFound, faultOf(t, err).Code)
}

func TestCases(t *testing.T) {
	t.Parallel()
	h := newHarness(t, WithTime(fixedTime))
	props := h.s.Properties()
	before := len(h.s.Changes())
	c, np, err := h.s.FormProperty(props[0].ID)
	require.NoError(t, err)
	assert.Equal(t, casefile.TypePropertyFormation, c.Type)
	require.Len(t, c.Properties, 2)
	assert.Equal(t, np.Designation, c.Properties[1].Designation)
	assert.Equal(t, np.ID, c.Properties[1].ID)
	assert.NotContains(t, np.Designation, "  ", "a new designation is spelled like the old one")
	assert.Equal(t, strings.Fields(props[0].Designation)[:len(strings.Fields(props[0].Designation))-1], strings.Fields(np.Designation)[:len(strings.Fields(np.Designation))-1])
	assert.Equal(t, props[0].Tract, np.Tract)
	require.NotEmpty(t, c.Objects)
	assert.Greater(t, len(h.s.Changes()), before, "the moved objects enter the feed")
	moved, _ := Get[building.Building](h.s, c.Objects[0].ID)
	assert.Equal(t, np.ID, moved.LiesOn[0].ID)
	assert.Equal(t, np.Designation, moved.LiesOn[0].Designation, "Get adds the designation, as the service does")
	a, _ := h.s.arende(c.ID.String())

	var list update1.Arendelista
	_, err = h.tr.Do(t.Context(), &transport.Op{Name: "test", Method: http.MethodGet, Base: h.tr.UpdateBase(), Path: "/arende",
		Query: url.Values{"arendetyp": {"Fastighetsbildningsärende"}, "status": {"Inkommen"}}, Out: &list})
	require.NoError(t, err)
	found := false
	for _, c := range list.Arende {
		found = found || c.Objektidentitet == a.Objektidentitet
	}
	assert.True(t, found)

	var got update1.Arende
	_, err = h.do(http.MethodPost, "/arende/"+a.Objektidentitet+"/kvittens", &update1.Kvittens{Kvittensuppgift: update1.Kvittensuppgift{Kvittenstyp: update1.KvittensMottagen}}, &got, "")
	require.NoError(t, err)
	assert.Equal(t, update1.ArendePagaende, got.Status)
	got = update1.Arende{}
	_, err = h.do(http.MethodPost, "/arende/"+a.Objektidentitet+"/kvittens", &update1.Kvittens{Kvittensuppgift: update1.Kvittensuppgift{
		Kvittenstyp: update1.KvittensHanterad, Kommentar: "Kontrollerat.", Objekt: a.Objekt}}, &got, "")
	require.NoError(t, err)
	assert.Equal(t, update1.ArendeAvslutad, got.Status)
	require.Len(t, got.Kvittenser, 2)
	assert.EqualValues(t, 3, got.Objektversion)

	_, err = h.do(http.MethodPost, "/arende/"+a.Objektidentitet+"/kvittens", &update1.Kvittens{Kvittensuppgift: update1.Kvittensuppgift{Kvittenstyp: update1.KvittensHanterad}}, &got, "")
	assert.Equal(t, CodeHandled, faultOf(t, err).Code)
}

func TestQualityCheck(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	w := newWorld(t, h)
	// A second main building on the property, without an entrance.
	k, err := h.create(action("Befintlig byggnad"), newBuilding(w.property))
	require.NoError(t, err)
	raised := h.s.RunQualityCheck()
	require.Len(t, raised, 1)
	assert.Equal(t, bal.ObjectRef{Type: bal.ObjectTypeBuilding, ID: bal.MustParseObjectID(k.Objektidentitet)}, *raised[0].Object)
	assert.Equal(t, deficiency.TypeBuildingWithoutAddress, raised[0].Type)
	assert.Equal(t, deficiency.StatusOpen, raised[0].Status)
	assert.Empty(t, h.s.RunQualityCheck(), "an open brist is not raised twice")

	b, err := h.s.RaiseDeficiency(bal.ObjectRef{Type: bal.ObjectTypeAddressPoint, ID: bal.MustParseObjectID(w.point)},
		deficiency.TypeAddressOutsideProperty, "")
	require.NoError(t, err)
	assert.Equal(t, w.property, b.Property.ID.String())
	stored, ok := h.s.Deficiency(b.ID)
	require.True(t, ok)
	assert.Equal(t, b, stored)
	_, err = h.s.RaiseDeficiency(bal.ObjectRef{Type: bal.ObjectTypeBuilding, ID: bal.NewObjectID()}, deficiency.TypeGeometryMissing, "")
	assert.ErrorContains(t, err, "does not exist")
}

func TestLantmaterietCases(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	b := h.s.Dataset().Buildings[0]
	a, err := h.s.RaiseCase(casefile.TypeQuality, "Byggnaden syns inte på flygbilden.", bal.ObjectRef{Type: bal.ObjectTypeBuilding, ID: b.ID})
	require.NoError(t, err)
	assert.Equal(t, casefile.StatusReceived, a.Status)
	require.Len(t, a.Properties, 1)
	assert.Equal(t, b.LiesOn[0].ID, a.Properties[0].ID)
	_, err = h.s.RaiseCase("Ärende", "")
	assert.Error(t, err)

	closed, err := h.s.SetCaseStatus(a.ID, casefile.StatusClosed)
	require.NoError(t, err)
	assert.Equal(t, bal.Version(2), closed.Version)
	var got update1.Arende
	_, err = h.do(http.MethodGet, "/arende/"+a.ID.String(), nil, &got, "")
	require.NoError(t, err)
	assert.Equal(t, update1.ArendeAvslutad, got.Status)
	stored, ok := h.s.Case(a.ID)
	require.True(t, ok)
	assert.Equal(t, closed, stored)
	assert.Len(t, h.s.Cases(), len(h.s.Dataset().Cases)+1)

	d := h.s.Dataset().Deficiencies[0]
	handled, err := h.s.SetDeficiencyStatus(d.ID, deficiency.StatusHandled)
	require.NoError(t, err)
	assert.Equal(t, deficiency.StatusHandled, handled.Status)
	assert.Equal(t, bal.Version(2), handled.Version)
	_, err = h.s.SetDeficiencyStatus(bal.NewObjectID(), deficiency.StatusHandled)
	assert.Error(t, err)
	assert.Len(t, h.s.Deficiencies(), len(h.s.Dataset().Deficiencies))
}

// TestFeedLatest: GET /forandringar/senaste names the newest change, so a
// follower can start from now without reading the feed.
func TestFeedLatest(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	latest := func() string {
		var p update1.Forandringsposition
		_, err := h.tr.Do(h.t.Context(), &transport.Op{Name: "test", Method: http.MethodGet, Base: h.tr.UpdateBase(), Path: "/forandringar/senaste", Out: &p})
		require.NoError(t, err)
		return p.Fortsattning
	}
	assert.Equal(t, "0", latest(), "before the first change")
	newWorld(t, h) // six changes
	assert.Equal(t, "6", latest())
	page, err := h.feed(url.Values{"fran": {latest()}})
	require.NoError(t, err)
	assert.Empty(t, page.Forandring, "nothing after the newest change")
	assert.Equal(t, "6", page.Fortsattning)
}
