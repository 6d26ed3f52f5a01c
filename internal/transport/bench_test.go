package transport_test

import (
	"encoding/xml"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/lmtest"
	"github.com/tjanstebaserad/bal-go/internal/transport"
)

// A Byggnad-sized answer: about 1.5 KiB of XML.
var benchBody = `<?xml version="1.0" encoding="UTF-8"?><Thing><namn>` + strings.Repeat("Storgatan ", 150) + `</namn></Thing>`

func benchServer(b *testing.B) (*lmtest.Server, *bal.Client) {
	srv := lmtest.New(b, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/xml")
		_, _ = io.WriteString(w, benchBody)
	}))
	env, err := bal.NewEnvironment("bench", srv.BaseURL(), srv.TokenURL())
	require.NoError(b, err)
	c, err := bal.NewClient(bal.Config{Environment: env, Credentials: bal.ClientCredentials{ID: lmtest.ClientID, Secret: lmtest.Secret}})
	require.NoError(b, err)
	b.Cleanup(c.CloseIdleConnections)
	return srv, c
}

// BenchmarkRequest compares one GET through the SDK (transport.Do: request
// id, retry policy, token cache, size cap, fault/answer checks) with the same
// GET through a bare net/http client that sets the bearer header itself, on
// the same loopback server, reading (and optionally decoding) the same body.
func BenchmarkRequest(b *testing.B) {
	for _, decode := range []bool{false, true} {
		name := "read"
		if decode {
			name = "decode"
		}
		b.Run("bare/"+name, func(b *testing.B) {
			srv, c := benchServer(b)
			tr := transport.New(c)
			_, err := tr.Do(b.Context(), getThing()) // fetch a token
			require.NoError(b, err)
			tok := srv.CurrentToken()
			hc := &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
			defer hc.CloseIdleConnections()
			url := srv.BaseURL() + "/svc/v1/thing/x"
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				req, _ := http.NewRequestWithContext(b.Context(), http.MethodGet, url, nil)
				req.Header.Set("Authorization", "Bearer "+tok)
				req.Header.Set("Accept", "application/xml")
				resp, err := hc.Do(req)
				if err != nil {
					b.Fatal(err)
				}
				body, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				if err != nil || resp.StatusCode != 200 {
					b.Fatal(err, resp.StatusCode)
				}
				if decode {
					var v thing
					if err := xml.Unmarshal(body, &v); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
		b.Run("sdk/"+name, func(b *testing.B) {
			_, c := benchServer(b)
			tr := transport.New(c)
			op := getThing()
			if !decode {
				op.Out = nil
			}
			_, err := tr.Do(b.Context(), op)
			require.NoError(b, err)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				o := *op
				if decode {
					o.Out = &thing{}
				}
				if _, err := tr.Do(b.Context(), &o); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
