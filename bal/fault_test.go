package bal

import (
	"errors"
	"io"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/internal/lmtest"
)

// TestFaultShapes decodes every shape of fault Lantmäteriet's services and
// gateway write (issue 10 item 3) and types the 403s that will not go away
// by themselves (item 4): each matches its sentinels, keeps every message,
// takes a leading rule id as its code, and is sent once, never retried,
// although the GET it answers is safe to retry (a 401 only with a fresh
// token, once).
func TestFaultShapes(t *testing.T) {
	t.Parallel()
	const lm = `xmlns:lmfault="http://namespace.lantmateriet.se/distribution/produkter/fault/v1"`
	tests := []struct {
		name        string
		status      int
		ct, body    string
		is, isNot   []error
		code, msg   string
		details     []string
		source      Source
		current     Version
		wantInError string
	}{
		{"fault v1 json with a rule id", 400, "application/json",
			`{"code": 400, "reason": "Bad Request", "errors": ["BAL-3015: Ett avregistrerat utbytesobjekt får inte ändra objektstatus", "objektidentitet=3f1d6b2a-9c47-4e85-b0a1-7d2e6c9f8a13"]}`,
			[]error{ErrValidation}, []error{ErrForbidden, ErrNotSubscribed}, "BAL-3015", "Ett avregistrerat utbytesobjekt får inte ändra objektstatus",
			[]string{"objektidentitet=3f1d6b2a-9c47-4e85-b0a1-7d2e6c9f8a13"}, SourceService, 0, "400 BAL-3015"},
		{"fault v1 xml conflict with the current version", 409, "application/xml",
			`<lmfault:Fault ` + lm + `><lmfault:code>409</lmfault:code><lmfault:reason>Conflict</lmfault:reason><lmfault:errors>BAL-0409: Byggnad x har objektversion 4, uppdateringen gällde 3</lmfault:errors><lmfault:errors>aktuellObjektversion=4</lmfault:errors></lmfault:Fault>`,
			[]error{ErrConflict}, nil, "BAL-0409", "Byggnad x har objektversion 4, uppdateringen gällde 3", []string{"aktuellObjektversion=4"}, SourceService, 4, "409 BAL-0409"},
		{"fault v1 without a rule id", 415, "application/json", `{"code": 415, "reason": "Unsupported Media Type", "errors": ["Mediatypen stöds inte"]}`,
			nil, []error{ErrValidation}, "", "Mediatypen stöds inte", nil, SourceService, 0, "415: Mediatypen stöds inte"},
		{"gateway flat fault, 401", 401, "application/json",
			`{"code":"900902","message":"Missing Credentials","description":"Invalid Credentials. Make sure your API invocation call has a header"}`,
			[]error{ErrUnauthorized}, []error{ErrForbidden}, "900902", "Missing Credentials", []string{"Invalid Credentials. Make sure your API invocation call has a header"}, SourceGateway, 0, "401 900902"},
		{"scope validation failed: not ordered", 403, "application/json",
			`{"code":"900910","message":"The access token does not allow you to access the requested resource","description":"User is NOT authorized to access the Resource: /nedladdning/v1/{orderId}. Scope validation failed."}`,
			[]error{ErrForbidden, ErrNotSubscribed}, []error{ErrGeoBlocked, ErrUnauthorized}, "900910", "The access token does not allow you to access the requested resource",
			[]string{"User is NOT authorized to access the Resource: /nedladdning/v1/{orderId}. Scope validation failed."}, SourceGateway, 0, "order the product"},
		{"scope text with another code", 403, "application/json", `{"code":"900908","message":"Resource forbidden","description":"Scope validation failed"}`,
			[]error{ErrForbidden, ErrNotSubscribed}, []error{ErrGeoBlocked}, "900908", "Resource forbidden", []string{"Scope validation failed"}, SourceGateway, 0, "Geotorget"},
		{"scope code in the nested gateway fault", 403, "application/json", `{"fault":{"code":900910,"message":"The access token does not allow you to access the requested resource"}}`,
			[]error{ErrForbidden, ErrNotSubscribed}, nil, "900910", "The access token does not allow you to access the requested resource", nil, SourceGateway, 0, "subscribe the application"},
		{"geolocation block, bare text", 403, "text/plain", `Geolocation Block!`,
			[]error{ErrForbidden, ErrGeoBlocked}, []error{ErrNotSubscribed}, "", "Forbidden (text/plain answer)", nil, SourceUnknown, 0, "outside Sweden"},
		{"geolocation block, unlabelled", 403, "", "Geolocation Block!\n",
			[]error{ErrForbidden, ErrGeoBlocked}, []error{ErrNotSubscribed}, "", "Forbidden", nil, SourceUnknown, 0, "call from a host in Sweden"},
		{"another municipality's object", 403, "application/json", `{"code":403,"reason":"Forbidden","errors":["BAL-0403: Byggnaden tillhör kommun 2180"]}`,
			[]error{ErrForbidden}, []error{ErrNotSubscribed, ErrGeoBlocked}, "BAL-0403", "Byggnaden tillhör kommun 2180", nil, SourceService, 0, "403 BAL-0403"},
		{"older lmfault", 404, "application/xml", `<lmfault:Fault ` + lm + `><lmfault:kod>BAL-0404</lmfault:kod><lmfault:meddelande>saknas</lmfault:meddelande><lmfault:detalj>objektidentitet=x</lmfault:detalj></lmfault:Fault>`,
			[]error{ErrNotFound}, nil, "BAL-0404", "saknas", []string{"objektidentitet=x"}, SourceService, 0, "404 BAL-0404"},
		{"every message kept, the first rule id is the code", 400, "application/json",
			`{"code":400,"reason":"Bad Request","errors":["medlem=3","B-0035: taxeringsenhet eller värderingsenhet","BAL-2003: LiggerPa[0] finns inte"]}`,
			[]error{ErrValidation}, nil, "B-0035", "taxeringsenhet eller värderingsenhet", []string{"medlem=3", "BAL-2003: LiggerPa[0] finns inte"}, SourceService, 0, "medlem=3; BAL-2003"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var calls atomic.Int32
			srv := lmtest.New(t, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				calls.Add(1)
				if tt.ct != "" {
					w.Header().Set("Content-Type", tt.ct)
				} else {
					w.Header()["Content-Type"] = nil
				}
				w.WriteHeader(tt.status)
				_, _ = io.WriteString(w, tt.body)
			}))
			c := newTestClient(t, srv, nil)
			req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, c.Environment().BaseURL()+"/thing", nil)
			require.NoError(t, err)
			_, err = c.Do(req, nil)
			require.Error(t, err)
			for _, s := range tt.is {
				assert.ErrorIs(t, err, s)
			}
			for _, s := range tt.isNot {
				assert.NotErrorIs(t, err, s)
			}
			var e *Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, tt.code, e.Code)
			assert.Equal(t, tt.msg, e.Message)
			assert.Equal(t, tt.details, e.Details)
			assert.Equal(t, tt.source, e.Source)
			assert.Contains(t, err.Error(), tt.wantInError)
			want := int32(1)
			if tt.status == http.StatusUnauthorized {
				want = 2 // a 401 fetches a new token and tries once more
			}
			assert.Equal(t, want, calls.Load(), "a refusal is not retried")
			var ce *ConflictError
			if errors.As(err, &ce) {
				assert.Equal(t, tt.current, ce.Current)
			}
		})
	}
}
