package baltest

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/bal/baltest/gen"
	"github.com/tjanstebaserad/bal-go/geometry"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

func (h *harness) search(typ update1.Objekttyp, q *update1.Sokvillkor) (*update1.Sokresultat, error) {
	var res update1.Sokresultat
	_, err := h.do(http.MethodPost, "/"+typ.Segment()+"/sok", q, &res, "")
	return &res, err
}

func TestSearch(t *testing.T) {
	t.Parallel()
	h := newHarness(t, WithData(gen.Config{Seed: 8, Buildings: 300}), WithTime(fixedTime))
	d := h.s.Dataset()
	b := firstOf[*update1.Byggnad](t, h.s, update1.TypByggnad)
	p := firstOf[*update1.Adressplats](t, h.s, update1.TypAdressplats)
	around := b.Byggnadsdel[0].Byggnadsyta.Geometry.Bounds()
	area := firstOf[*update1.Adressomrade](t, h.s, update1.TypAdressomrade)
	local, err := geometry.Transform(p.Adressplatsattribut.Adressplatspunkt.Geometry, d.Config.Zone)
	require.NoError(t, err)
	lp := local.(*geom.Point)
	square := geom.NewPolygonFlat(geom.XY, []float64{lp.X() - 1, lp.Y() - 1, lp.X() + 1, lp.Y() - 1, lp.X() + 1, lp.Y() + 1, lp.X() - 1, lp.Y() + 1, lp.X() - 1, lp.Y() - 1}, []int{10}).SetSRID(d.Config.Zone)

	// A change after the fixed time, to find with forandradEfter.
	h.s.Clock().Advance(3600e9)
	_, err = h.s.editBuilding(b.Objektidentitet, nil)
	require.NoError(t, err)

	tests := []struct {
		name  string
		typ   update1.Objekttyp
		q     update1.Sokvillkor
		check func(t *testing.T, hits []update1.Traff)
	}{
		{"by registerenhet", update1.TypByggnad, update1.Sokvillkor{Registerenhet: b.LiggerPa[0].Objektidentitet}, func(t *testing.T, hits []update1.Traff) {
			assert.Contains(t, ids(hits), b.Objektidentitet)
		}},
		{"by kommunkod", update1.TypKommundel, update1.Sokvillkor{Kommunkod: "2199"}, func(t *testing.T, hits []update1.Traff) {
			assert.Len(t, hits, len(d.Districts))
		}},
		{"other kommunkod", update1.TypByggnad, update1.Sokvillkor{Kommunkod: "0180"}, func(t *testing.T, hits []update1.Traff) {
			assert.Empty(t, hits)
		}},
		{"by status", update1.TypByggnad, update1.Sokvillkor{Objektstatus: []string{"Planerad"}}, func(t *testing.T, hits []update1.Traff) {
			assert.Empty(t, hits)
		}},
		{"by name", update1.TypAdressomrade, update1.Sokvillkor{Namn: strings.ToUpper(area.FaststalltNamn)}, func(t *testing.T, hits []update1.Traff) {
			require.NotEmpty(t, hits)
			assert.Equal(t, area.FaststalltNamn, hits[0].Etikett)
		}},
		{"by envelope", update1.TypByggnad, update1.Sokvillkor{Envelope: &update1.Omrade{SRID: 3006, MinX: around.Min(0), MinY: around.Min(1), MaxX: around.Max(0), MaxY: around.Max(1)}}, func(t *testing.T, hits []update1.Traff) {
			assert.Contains(t, ids(hits), b.Objektidentitet)
		}},
		{"by polygon in the local zone", update1.TypAdressplats, update1.Sokvillkor{Geometri: update1.Geometri{Geometry: square}}, func(t *testing.T, hits []update1.Traff) {
			assert.Equal(t, []string{p.Objektidentitet}, ids(hits))
		}},
		{"changed after", update1.TypByggnad, update1.Sokvillkor{ForandradEfter: update1.NewTidpunkt(fixedTime)}, func(t *testing.T, hits []update1.Traff) {
			require.Len(t, hits, 1)
			assert.EqualValues(t, 2, hits[0].Objektversion)
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := h.search(tc.typ, &tc.q)
			require.NoError(t, err)
			tc.check(t, res.Traff)
		})
	}

	// Paging: pages of 7 in identity order cover everything once.
	var all []string
	q := &update1.Sokvillkor{Max: 7}
	for {
		res, err := h.search(update1.TypByggnad, q)
		require.NoError(t, err)
		all = append(all, ids(res.Traff)...)
		if res.Fortsattning == "" {
			break
		}
		q.Fortsattning = res.Fortsattning
	}
	assert.Len(t, all, 300)
	assert.IsIncreasing(t, all)

	for _, bad := range []struct {
		q    update1.Sokvillkor
		code string
	}{
		{update1.Sokvillkor{Max: 1001}, "range"},
		{update1.Sokvillkor{Fortsattning: "nonsense"}, CodeBadRequest},
		{update1.Sokvillkor{ForandradEfter: "igår"}, "format"},
	} {
		_, err := h.search(update1.TypByggnad, &bad.q)
		assert.Equal(t, bad.code, faultOf(t, err).Code)
	}
	_, err = h.search(update1.TypKommundel, &update1.Sokvillkor{Geometri: update1.Geometri{Geometry: square}})
	assert.Equal(t, CodeBadRequest, faultOf(t, err).Code)
}

func ids(hits []update1.Traff) []string {
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.Objektidentitet
	}
	return out
}

// TestDirektRefuses: the Direkt services' parameter checks.
func TestDirektRefuses(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	b := h.s.Dataset().Buildings[0].ID.String()
	tests := []struct {
		name, method, path, body string
		status                   int
	}{
		{"unknown includeData", "GET", ByggnadBase + "/" + b + "?includeData=allt", "", 400},
		{"total with another", "GET", ByggnadBase + "/" + b + "?includeData=total,geometri", "", 400},
		{"srid not Swedish grid", "GET", ByggnadBase + "/" + b + "?srid=4326", "", 400},
		{"unknown building", "GET", ByggnadBase + "/00000000-0000-4000-8000-000000000000", "", 404},
		{"batch not a list", "POST", ByggnadBase + "/", `{"id":1}`, 400},
		{"free text too short", "GET", BelagenhetsadressBase + "/referens/fritext?adress=ab", "", 400},
		{"point without coordinates", "GET", BelagenhetsadressBase + "/punkt", "", 400},
		{"geometry too large", "POST", ByggnadBase + "/referens/geometri",
			`{"geometri":{"type":"Polygon","coordinates":[[[600000,6700000],[610000,6700000],[610000,6710000],[600000,6700000]]]},"buffer":0}`, 400},
		{"negative buffer", "POST", ByggnadBase + "/referens/geometri",
			`{"geometri":{"type":"Point","coordinates":[600000,6700000]},"buffer":-1}`, 400},
		{"designation without name", "GET", RegisterbeteckningBase + "/namn", "", 400},
		{"unknown registerenhet", "GET", RegisterbeteckningBase + "/tillhor/00000000-0000-4000-8000-000000000000", "", 404},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, err := http.NewRequestWithContext(t.Context(), tc.method, h.s.URL()+tc.path, strings.NewReader(tc.body))
			require.NoError(t, err)
			req.Header.Set("Accept", "application/json")
			req.Header.Set("Content-Type", "application/json")
			resp, err := h.c.HTTPClient().Do(req)
			require.NoError(t, err)
			resp.Body.Close()
			assert.Equal(t, tc.status, resp.StatusCode)
			assert.Contains(t, resp.Header.Get("Content-Type"), "application/json", "lmfault in JSON when JSON was asked for")
		})
	}
}
