package conformance_test

import (
	"errors"
	"net/http"
	"path"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/building"
	"github.com/tjanstebaserad/bal-go/internal/conformance"
	"github.com/tjanstebaserad/bal-go/internal/contract"
)

// faultWant is what a fault document must decode into.
type faultWant struct {
	is      []error // sentinels it matches
	isNot   []error // sentinels it must not match
	code    string
	message string
	details []string
	current bal.Version // ConflictError.Current, for a 409
	source  bal.Source
}

// faultWants covers every fault document: the update binding's own
// (testdata/update1) and every one in shared/contract/faults (through the
// copies in internal/contract). A document without an entry fails the test.
var faultWants = map[string]faultWant{
	"update1/fault-400-regel.json": {is: []error{bal.ErrValidation}, code: "BAL-3015",
		message: "Ett avregistrerat utbytesobjekt får inte ändra objektstatus",
		details: []string{"objektidentitet=3f1d6b2a-9c47-4e85-b0a1-7d2e6c9f8a13"}, source: bal.SourceService},
	"update1/fault-400-schema.xml": {is: []error{bal.ErrValidation}, code: "BAL-0400",
		message: "Uppdatering/Verksamhetsatgard förekommer mer än en gång", source: bal.SourceService},
	"update1/fault-400-transaktion.xml": {is: []error{bal.ErrValidation}, code: "BAL-2003",
		message: "Lagenhet Entre: entrén 00000000-0000-4000-8000-0000000000e1 finns inte",
		details: []string{"medlem=2", "objektidentitet=9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a", "objekttyp=Lagenhet"}, source: bal.SourceService},
	"update1/fault-403-kommun.json": {is: []error{bal.ErrForbidden}, isNot: []error{bal.ErrNotSubscribed, bal.ErrGeoBlocked}, code: "BAL-0403",
		message: "Byggnaden 3f1d6b2a-9c47-4e85-b0a1-7d2e6c9f8a13 tillhör kommun 2180, inloggningen kommun 2181",
		details: []string{"objektidentitet=3f1d6b2a-9c47-4e85-b0a1-7d2e6c9f8a13"}, source: bal.SourceService},
	"update1/fault-404.xml": {is: []error{bal.ErrNotFound}, code: "BAL-0404",
		message: "Byggnad 00000000-0000-4000-8000-000000000404 finns inte",
		details: []string{"objektidentitet=00000000-0000-4000-8000-000000000404"}, source: bal.SourceService},
	"update1/fault-409-idem.json": {is: []error{bal.ErrConflict}, code: "BAL-0409-IDEM",
		message: "Idempotency-Key 6b0f3c1e-2d4a-4e8b-9c7d-1a2b3c4d5e6f användes med en annan begäran",
		details: []string{"idempotencyKey=6b0f3c1e-2d4a-4e8b-9c7d-1a2b3c4d5e6f"}, source: bal.SourceService},
	"update1/fault-409-konflikt.xml": {is: []error{bal.ErrConflict}, code: "BAL-0409",
		message: "Byggnad 3f1d6b2a-9c47-4e85-b0a1-7d2e6c9f8a13 har objektversion 2, uppdateringen gällde 1",
		details: []string{"objektidentitet=3f1d6b2a-9c47-4e85-b0a1-7d2e6c9f8a13", "aktuellObjektversion=2"}, current: 2, source: bal.SourceService},
	"update1/fault-410-gap.xml": {is: []error{bal.ErrResync}, code: "BAL-0410-GAP",
		message: "Kontrollpunkten 999 finns inte i förändringsflödet; synkronisera om från ett uttag", source: bal.SourceService},

	"contract/faults/fault-v1-conflict.409.xml": {is: []error{bal.ErrConflict}, code: "BAL-0409",
		message: "Byggnad 3f1d6b2a-9c47-4e85-b0a1-7d2e6c9f8a13 har objektversion 4, uppdateringen gällde 3",
		details: []string{"aktuellObjektversion=4"}, current: 4, source: bal.SourceService},
	"contract/faults/fault-v1-rule.400.json": {is: []error{bal.ErrValidation}, code: "BAL-3015",
		message: "Ett avregistrerat utbytesobjekt får inte ändra objektstatus",
		details: []string{"objektidentitet=3f1d6b2a-9c47-4e85-b0a1-7d2e6c9f8a13"}, source: bal.SourceService},
	"contract/faults/fault-v1.415.json": {isNot: []error{bal.ErrValidation, bal.ErrNotFound}, message: "Mediatypen stöds inte", source: bal.SourceService},
	"contract/faults/gateway-missing-credentials.401.json": {is: []error{bal.ErrUnauthorized}, isNot: []error{bal.ErrForbidden}, code: "900902",
		message: "Missing Credentials",
		// What follows "Bearer " and "Basic " is masked, as every token-shaped
		// text in an error is.
		details: []string{"Invalid Credentials. Make sure your API invocation call has a header: 'Authorization : Bearer [masked]' or 'Authorization : Basic [masked]' or 'ApiKey : [masked]'"},
		source:  bal.SourceGateway},
	"contract/faults/gateway-scope.403.json": {is: []error{bal.ErrForbidden, bal.ErrNotSubscribed}, isNot: []error{bal.ErrGeoBlocked, bal.ErrUnauthorized}, code: "900910",
		message: "The access token does not allow you to access the requested resource",
		details: []string{"User is NOT authorized to access the Resource: /nedladdning/v1/{orderId}. Scope validation failed."},
		source:  bal.SourceGateway},
}

var faultStatusRE = regexp.MustCompile(`^fault-(\d{3})`)

// statusOf is the HTTP status a fault document is answered with: fault v1
// names it in its code; the contract's names carry it.
func statusOf(t *testing.T, name string) int {
	if n := contract.Status(name); n != 0 {
		return n
	}
	m := faultStatusRE.FindStringSubmatch(path.Base(name))
	require.NotNil(t, m, name)
	n, err := strconv.Atoi(m[1])
	require.NoError(t, err)
	return n
}

// TestFaultDocumentsDecode: every fault document, the update binding's and
// every one in shared/contract/faults, decoded by the SDK into the right
// typed error: sentinels, code (the leading rule id), main message and every
// other message, the current version of a conflict.
func TestFaultDocumentsDecode(t *testing.T) {
	t.Parallel()
	contractFaults, err := contract.Documents("faults")
	require.NoError(t, err)
	var names []string
	for _, n := range contractFaults {
		names = append(names, "contract/"+n)
	}
	for _, n := range []string{"fault-400-regel.json", "fault-400-schema.xml", "fault-400-transaktion.xml", "fault-403-kommun.json",
		"fault-404.xml", "fault-409-idem.json", "fault-409-konflikt.xml", "fault-410-gap.xml"} {
		names = append(names, "update1/"+n)
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			want, ok := faultWants[name]
			require.True(t, ok, "no expectation for %s: add one", name)
			var body []byte
			if rest, ok := strings.CutPrefix(name, "contract/"); ok {
				var err error
				body, err = contract.Read(rest)
				require.NoError(t, err)
			} else {
				body = golden(t, "update1", name[len("update1/"):])
			}
			status := statusOf(t, name)
			c, _ := newStubClient(t, stubAnswer{status: status, body: string(body)}, stubAnswer{status: status, body: string(body)})
			_, err := building.New(c).Buildings.Get(t.Context(), id(buildingID), nil)
			require.Error(t, err)
			for _, s := range want.is {
				assert.ErrorIs(t, err, s)
			}
			for _, s := range want.isNot {
				assert.NotErrorIs(t, err, s)
			}
			var e *bal.Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, status, e.StatusCode)
			assert.Equal(t, want.code, e.Code)
			assert.Equal(t, want.message, e.Message)
			assert.Equal(t, want.details, e.Details)
			assert.Equal(t, want.source, e.Source)
			var ce *bal.ConflictError
			if errors.As(err, &ce) {
				assert.Equal(t, want.current, ce.Current)
			} else {
				assert.Zero(t, want.current)
			}
		})
	}
	assert.Len(t, faultWants, len(names), "every expectation has its document")
}

// TestFakeFaultsConform: the fake's gateway answers in the contract's
// shapes. Its own faults are held to the update binding's documents in
// TestFakeConformsToTheBinding.
func TestFakeFaultsConform(t *testing.T) {
	t.Parallel()
	s := baltest.NewServer(baltest.WithoutData())
	t.Cleanup(s.Close)
	tests := []struct {
		name     string
		doc      string
		prepare  func() (remove func())
		withAuth bool
	}{
		{"missing credentials", "faults/gateway-missing-credentials.401.json", func() func() { return func() {} }, false},
		{"product not ordered", "faults/gateway-scope.403.json", func() func() {
			return s.Inject(baltest.FaultRule{Name: "scope", PathPrefix: s.UpdatePath() + "/forandringar", Kind: baltest.FaultStatus, Status: 403})
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			remove := tt.prepare()
			defer remove()
			want, err := contract.Read(tt.doc)
			require.NoError(t, err)
			got, status := rawGet(t, s, tt.withAuth, s.UpdatePath()+"/forandringar")
			assert.Equal(t, contract.Status(tt.doc), status)
			// The description is the gateway's wording around the text that
			// matters, "Scope validation failed"; the code and message are
			// compared exactly.
			opts := faultOptions
			if tt.name == "product not ordered" {
				opts = append(opts, scopeDescription)
			}
			assert.NoError(t, sameMeaning(want, got, opts...), "%s", got)
		})
	}
}

// scopeDescription compares the gateway's description by the text that
// says why: "Scope validation failed".
var scopeDescription = conformance.Transform("description", "has Scope validation failed", func(v string) string {
	if strings.Contains(v, "Scope validation failed") {
		return "Scope validation failed"
	}
	return v
})

// rawGet sends a GET to the fake, with the SDK's credentials or none, and
// returns the answer's body and status.
func rawGet(t *testing.T, s *baltest.Server, withAuth bool, p string) ([]byte, int) {
	t.Helper()
	hc := s.HTTPClient()
	if withAuth {
		c := s.Client(func(cfg *bal.Config) { cfg.Retry.MaxAttempts = 1 })
		t.Cleanup(c.CloseIdleConnections)
		hc = c.HTTPClient()
	}
	status, body := send(t, hc, http.MethodGet, s.URL()+p, "application/json", nil, nil)
	return body, status
}
