package conformance_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/address"
	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/bal/baltest/gen"
	"github.com/tjanstebaserad/bal-go/casefile"
	"github.com/tjanstebaserad/bal-go/deficiency"
	"github.com/tjanstebaserad/bal-go/internal/conformance"
)

// storyDataset is what Lantmäteriet holds before the story starts: the
// registerenhet, kommundel and adressområde the documents refer to.
func storyDataset() *gen.Dataset {
	meta := func(objID string) bal.Meta {
		return bal.Meta{ID: id(objID), Version: 1, ValidFrom: serverTime.AddDate(-1, 0, 0), Status: bal.StatusValid}
	}
	return &gen.Dataset{
		Config: gen.Config{Kommunkod: "2180", Kommunnamn: "Gävle"},
		Properties: []*gen.Property{{
			PropertyRef: bal.PropertyRef{ID: id(propertyID), Designation: "Exempelby Backa 1:23", Type: bal.PropertyTypeProperty},
			Tract:       "Backa", Block: 1, Unit: 23, Municipality: "2180",
		}},
		Districts: []*address.District{{Meta: meta(districtID), Name: "Exempelby",
			Municipality: address.Municipality{Code: "2180", Name: "Gävle"}}},
		Areas: []*address.Area{{Meta: meta(areaID), Name: "Backavägen", Type: address.AreaTypeStreet,
			District: address.DistrictRef{ID: id(districtID)}}},
	}
}

// fakeStep is one request of the story: a request document (or none), what
// it is sent to, and the answer document it must get.
type fakeStep struct {
	name         string
	method, path string // path under the update path; {brist} and {arende} are filled in
	request      string // a request document in testdata/update1, or ""
	accept       string
	key          string // Idempotency-Key, when the step needs one
	status       int
	answer       string
	opts         []conformance.Option
}

// TestFakeConformsToTheBinding sends every request document of the update
// binding, as written by hand, to bal/baltest and compares its answers with
// the answer documents by meaning. The fake never sees the SDK's encoder
// here: the documents are the contract. Values compared loosely, each for
// the reason given:
//   - the identities and the ärendenummer of the deficiency and the case,
//     which the fake assigns when a test raises them (Lantmäteriet raises
//     them in real life; the documents use their own);
//   - a search hit's etikett, the server's own wording of an object;
//   - the wording of fault messages: only the rule id leading a message is
//     compared, and facts (name=value) are compared exactly.
//
// Times are compared exactly: the fake's clock stands still at the time the
// documents give.
func TestFakeConformsToTheBinding(t *testing.T) {
	t.Parallel()
	s := baltest.NewServer(baltest.WithDataset(storyDataset()), baltest.WithTime(serverTime))
	t.Cleanup(s.Close)
	c := s.Client()
	t.Cleanup(c.CloseIdleConnections)
	hc := c.HTTPClient()

	ids := map[string]string{}
	step := func(t *testing.T, st fakeStep) (int, []byte) {
		t.Helper()
		var body []byte
		if st.request != "" {
			body = golden(t, "update1", st.request)
		}
		path := st.path
		for k, v := range ids {
			path = strings.ReplaceAll(path, "{"+k+"}", v)
		}
		accept := st.accept
		if accept == "" {
			accept = "application/xml"
		}
		header := http.Header{}
		if st.key != "" {
			header.Set("Idempotency-Key", st.key)
		}
		return send(t, hc, st.method, s.URL()+s.UpdatePath()+path, accept, body, header)
	}

	ignoreBrist := []conformance.Option{conformance.Ignore("**/Brist/objektidentitet"), conformance.Ignore("Brist/objektidentitet")}
	ignoreArende := []conformance.Option{
		conformance.Ignore("**/Arende/objektidentitet"), conformance.Ignore("Arende/objektidentitet"),
		conformance.Ignore("**/Arende/arendenummer"), conformance.Ignore("Arende/arendenummer"),
	}
	story := []fakeStep{
		{name: "create", method: "POST", path: "/byggnad", request: "byggnad-skapa.request.xml", status: 201, answer: "byggnad-skapa.201.xml"},
		{name: "two actions refused", method: "POST", path: "/byggnad", request: "byggnad-tva-atgarder.request.xml", status: 400, answer: "fault-400-schema.xml", opts: faultOptions},
		{name: "get", method: "GET", path: "/byggnad/" + buildingID, status: 200, answer: "byggnad-get.200.xml"},
		{name: "unknown id", method: "GET", path: "/byggnad/" + unknownID, status: 404, answer: "fault-404.xml", opts: faultOptions},
		{name: "change", method: "PUT", path: "/byggnad/" + buildingID, request: "byggnad-andra.request.xml", key: idemKey, status: 200, answer: "byggnad-andra.200.xml"},
		{name: "stale change", method: "PUT", path: "/byggnad/" + buildingID, request: "byggnad-andra.request.xml", status: 409, answer: "fault-409-konflikt.xml", opts: faultOptions},
		{name: "key reused for another request", method: "POST", path: "/byggnad/" + buildingID + "/avregistrering", request: "byggnad-avregistrera.request.xml",
			accept: "application/json", key: idemKey, status: 409, answer: "fault-409-idem.json", opts: faultOptions},
		{name: "refused transaction", method: "POST", path: "/transaktion", request: "transaktion-fel.request.xml", status: 400, answer: "fault-400-transaktion.xml", opts: faultOptions},
		{name: "transaction", method: "POST", path: "/transaktion", request: "transaktion.request.xml", status: 200, answer: "transaktion.200.xml"},
		{name: "address point", method: "GET", path: "/adressplats/" + pointID, status: 200, answer: "adressplats-get.200.xml"},
		{name: "entrances", method: "GET", path: "/byggnad/" + buildingID + "/entre", status: 200, answer: "entrelista.200.xml"},
		{name: "apartments", method: "GET", path: "/entre/" + entranceID + "/lagenhet", status: 200, answer: "lagenhetslista.200.xml"},
		{name: "search", method: "POST", path: "/byggnad/sok", request: "byggnad-sok.request.xml", status: 200, answer: "byggnad-sok.200.xml",
			opts: []conformance.Option{conformance.Ignore("Sokresultat/Traff/etikett")}},
		{name: "deficiency", method: "GET", path: "/brist/{brist}", status: 200, answer: "brist-get.200.xml", opts: ignoreBrist},
		{name: "deficiencies", method: "GET", path: "/brist?kommunkod=2180&status=%C3%96ppen", status: 200, answer: "bristlista.200.xml", opts: ignoreBrist},
		{name: "deficiency handled", method: "POST", path: "/brist/{brist}/atgard", request: "bristatgard.request.xml", status: 200, answer: "brist-atgard.200.xml", opts: ignoreBrist},
		{name: "case", method: "GET", path: "/arende/{arende}", status: 200, answer: "arende-get.200.xml", opts: ignoreArende},
		{name: "cases", method: "GET", path: "/arende?kommunkod=2180", status: 200, answer: "arendelista.200.xml", opts: ignoreArende},
		{name: "case handled", method: "POST", path: "/arende/{arende}/kvittens", request: "kvittens.request.xml", status: 200, answer: "arende-kvittens.200.xml", opts: ignoreArende},
		{name: "retire", method: "POST", path: "/byggnad/" + buildingID + "/avregistrering", request: "byggnad-avregistrera.request.xml", status: 200, answer: "byggnad-avregistrera.200.xml"},
		{name: "retired object changed", method: "PUT", path: "/byggnad/" + buildingID, request: "byggnad-andra-avregistrerad.request.xml",
			accept: "application/json", status: 400, answer: "fault-400-regel.json", opts: faultOptions},
		{name: "feed", method: "GET", path: "/forandringar?fran=0", status: 200, answer: "forandringar.200.xml"},
		{name: "nothing newer", method: "GET", path: "/forandringar?fran=7", status: 200, answer: "forandringar-tom.200.xml"},
		{name: "newest change", method: "GET", path: "/forandringar/senaste", status: 200, answer: "forandringar-senaste.200.xml"},
		{name: "feed with objects", method: "GET", path: "/forandringar?fran=2&max=3&objekt=med", status: 200, answer: "forandringar-objekt.200.xml"},
		{name: "retirement carries no object", method: "GET", path: "/forandringar?fran=6&objekt=med", status: 200, answer: "forandringar-objekt-avregistrerad.200.xml"},
		{name: "batch read", method: "GET", path: "/adressplats?id=" + batchUnknownID + "&id=" + pointID, status: 200, answer: "adressplats-lista.200.xml"},
		{name: "checkpoint the feed does not have", method: "GET", path: "/forandringar?fran=999", status: 410, answer: "fault-410-gap.xml", opts: faultOptions},
	}
	// Sequential: each step builds on the ones before.
	for _, st := range story {
		if st.name == "deficiency" {
			b, err := s.RaiseDeficiency(bal.ObjectRef{Type: bal.ObjectTypeBuilding, ID: id(buildingID)},
				deficiency.TypeBuildingWithoutAddress, "Byggnaden är en huvudbyggnad men saknar entré med adress.")
			require.NoError(t, err)
			ids["brist"] = b.ID.String()
		}
		if st.name == "case" {
			a, err := s.RaiseCase(casefile.TypePropertyFormation, "Avstyckning från Exempelby Backa 1:23",
				bal.ObjectRef{Type: bal.ObjectTypeBuilding, ID: id(buildingID)})
			require.NoError(t, err)
			ids["arende"] = a.ID.String()
		}
		ok := t.Run(st.name, func(t *testing.T) {
			status, got := step(t, st)
			assert.Equal(t, st.status, status, "%s", got)
			assert.NoError(t, sameMeaning(golden(t, "update1", st.answer), got, st.opts...), "answer to %s %s:\n%s", st.method, st.path, got)
		})
		if !ok && st.status < 300 {
			t.Fatalf("the story cannot go on after %q", st.name)
		}
	}
}
