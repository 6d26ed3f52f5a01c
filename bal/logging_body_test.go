package bal

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/internal/lmtest"
)

// LogBodies shows bodies, but not the names people write into them: a
// rejected deficiency's comment, a building's remark, and an identity
// number anywhere, in the request and in the answer.
func TestLogBodiesMasksPersonalData(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, request, answer, contentType string
		hidden                             []string
		kept                               []string
	}{
		{
			name:        "xml",
			request:     `<Bristatgard><status>Avvisad</status><kommentar>Kontakta Anna Svensson, 811228-9874</kommentar></Bristatgard>`,
			answer:      `<Byggnad><Byggnadsanmarkning><anmarkningstext>Ägare Per Olsson</anmarkningstext></Byggnadsanmarkning><namn>Villa Solbacken</namn></Byggnad>`,
			contentType: "application/xml",
			hidden:      []string{"Anna Svensson", "811228-9874", "Per Olsson"},
			kept:        []string{"Avvisad", "Villa Solbacken"},
		},
		{
			name:        "json",
			request:     `{"kvittenstyp":"Hanterad","kommentar":"Handläggare Eva Ek"}`,
			answer:      `{"beskrivning":"Anmält av Olle Berg","status":"Öppen"}`,
			contentType: "application/json",
			hidden:      []string{"Eva Ek", "Olle Berg"},
			kept:        []string{"Hanterad", "Öppen"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var logs bytes.Buffer
			srv := lmtest.New(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				_, _ = io.Copy(io.Discard, r.Body)
				w.Header().Set("Content-Type", tc.contentType)
				_, _ = io.WriteString(w, tc.answer)
			}))
			c := newTestClient(t, srv, func(cfg *Config) {
				cfg.Logger = slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
				cfg.LogRequests, cfg.LogBodies = true, true
			})
			req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, c.Environment().BaseURL()+"/x", strings.NewReader(tc.request))
			require.NoError(t, err)
			req.Header.Set("Accept", tc.contentType)
			_, err = c.Do(req, nil)
			require.NoError(t, err)
			out := logs.String()
			require.Contains(t, out, "request_body", "bodies are logged")
			for _, s := range tc.hidden {
				assert.NotContains(t, out, s)
			}
			for _, s := range tc.kept {
				assert.Contains(t, out, s, "register data stays readable")
			}
		})
	}
}
