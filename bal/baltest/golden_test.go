package baltest

import (
	"bytes"
	"flag"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/bal/baltest/gen"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// TestGoldenAnswers pins the server's answers, byte for byte, to golden
// files, so that a change to them is seen in review. They are the fake's
// own output (run with -update after a deliberate change); conformance to
// the binding is checked against hand-written documents in
// internal/conformance.
func TestGoldenAnswers(t *testing.T) {
	t.Parallel()
	h := newHarness(t, WithData(gen.Config{Seed: 5}), WithTime(fixedTime))
	d := h.s.Dataset()
	b := firstOf[*update1.Byggnad](t, h.s, update1.TypByggnad)
	p := firstOf[*update1.Adressplats](t, h.s, update1.TypAdressplats)
	newID := "a1b2c3d4-0000-4000-8000-00000000beef"
	created := newBuilding(b.LiggerPa[0].Objektidentitet)
	created.Objektidentitet = newID
	stale := b.Clone()
	stale.Verksamhetsatgard, stale.Objektversion = nil, 9
	mustXML := func(v any) []byte {
		out, err := update1.Marshal(v)
		require.NoError(t, err)
		return out
	}
	up := h.s.UpdatePath()

	tests := []struct {
		name, method, path, accept string
		body                       []byte
		status                     int
	}{
		{"update_byggnad_get", "GET", up + "/byggnad/" + b.Objektidentitet, "application/xml", nil, 200},
		{"update_adressplats_get", "GET", up + "/adressplats/" + p.Objektidentitet, "application/xml", nil, 200},
		{"update_create_kvitto", "POST", up + "/byggnad", "application/xml", mustXML(update1.NewUppdatering(action("Godkänt bygglov"), created)), 201},
		{"update_conflict_fault", "PUT", up + "/byggnad/" + b.Objektidentitet, "application/xml", mustXML(update1.NewUppdatering(action("Ändrad byggnadsinformation"), stale)), 409},
		{"update_search", "POST", up + "/byggnad/sok", "application/xml", mustXML(&update1.Sokvillkor{Registerenhet: b.LiggerPa[0].Objektidentitet, Max: 5}), 200},
		{"update_feed", "GET", up + "/forandringar?fran=0", "application/xml", nil, 200},
		{"update_brist_get", "GET", up + "/brist/" + d.Deficiencies[0].ID.String(), "application/xml", nil, 200},
		{"update_arende_get", "GET", up + "/arende/" + d.Cases[0].ID.String(), "application/xml", nil, 200},
		{"update_entrelista", "GET", up + "/byggnad/" + b.Objektidentitet + "/entre", "application/xml", nil, 200},
		{"byggnad_total_xml", "GET", ByggnadBase + "/" + b.Objektidentitet + "?includeData=total", "application/xml", nil, 200},
		{"byggnad_total_json", "GET", ByggnadBase + "/" + b.Objektidentitet + "?includeData=total&srid=3010", "application/json", nil, 200},
		{"byggnad_id_only_xml", "GET", ByggnadBase + "/" + b.Objektidentitet, "application/xml", nil, 200},
		{"belagenhetsadress_total_xml", "GET", BelagenhetsadressBase + "/" + p.Objektidentitet + "?includeData=total", "application/xml", nil, 200},
		{"belagenhetsadress_total_json", "GET", BelagenhetsadressBase + "/" + p.Objektidentitet + "?includeData=total", "application/json", nil, 200},
		{"registerbeteckning_tillhor_xml", "GET", RegisterbeteckningBase + "/tillhor/" + b.LiggerPa[0].Objektidentitet, "application/xml", nil, 200},
		{"direkt_notfound_fault_json", "GET", ByggnadBase + "/00000000-0000-4000-8000-000000000000", "application/json", nil, 404},
	}
	for _, tc := range tests {
		// Sequential: the create and the conflict change the feed that a
		// later answer shows.
		req, err := http.NewRequestWithContext(t.Context(), tc.method, h.s.URL()+tc.path, bytes.NewReader(tc.body))
		require.NoError(t, err)
		req.Header.Set("Accept", tc.accept)
		if tc.body != nil {
			req.Header.Set("Content-Type", "application/xml")
		}
		resp, err := h.c.HTTPClient().Do(req)
		require.NoError(t, err)
		got, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		require.NoError(t, err)
		assert.Equal(t, tc.status, resp.StatusCode, "%s: %s", tc.name, got)

		ext := ".xml"
		if tc.accept == "application/json" {
			ext = ".json"
		}
		path := filepath.Join("testdata", "golden", tc.name+ext)
		if *update {
			require.NoError(t, os.WriteFile(path, got, 0o644))
		}
		want, err := os.ReadFile(path)
		require.NoError(t, err, tc.name)
		assert.Equal(t, string(want), string(got), tc.name)
	}
}

// TestGatewayFaults pins the gateway's fault bodies: flat JSON with a string
// code (as shared/contract/faults/gateway-missing-credentials.401.json), or
// WSO2's XML when only XML is asked for.
func TestGatewayFaults(t *testing.T) {
	t.Parallel()
	s := NewServer(WithoutData())
	defer s.Close()
	defer s.HTTPClient().CloseIdleConnections()
	for _, tc := range []struct{ accept, want string }{
		{"application/json", `{"code":"900902","message":"Missing Credentials","description":"Invalid Credentials. Make sure your API invocation call has a header: 'Authorization : Bearer ACCESS_TOKEN' or 'Authorization : Basic ACCESS_TOKEN' or 'ApiKey : API_KEY'"}`},
		{"application/xml", `<ams:fault xmlns:ams="http://wso2.org/apimanager/security"><ams:code>900902</ams:code><ams:message>Missing Credentials</ams:message><ams:description>Invalid Credentials. Make sure your API invocation call has a header: &#39;Authorization : Bearer ACCESS_TOKEN&#39; or &#39;Authorization : Basic ACCESS_TOKEN&#39; or &#39;ApiKey : API_KEY&#39;</ams:description></ams:fault>`},
	} {
		req, err := http.NewRequest(http.MethodGet, s.URL()+s.UpdatePath()+"/forandringar", nil)
		require.NoError(t, err)
		req.Header.Set("Accept", tc.accept)
		resp, err := s.HTTPClient().Do(req)
		require.NoError(t, err)
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		assert.Equal(t, http.StatusUnauthorized, resp.StatusCode)
		assert.Equal(t, tc.want, string(body))
	}
}
