package baltest

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/bal/baltest/gen"
)

// FuzzWrites sends arbitrary bodies to the write endpoints and checks that
// the server answers every one with a status below 500: a bad document is
// the client's fault, never a crash of the fake. The handler is called
// directly, without the network.
func FuzzWrites(f *testing.F) {
	for _, name := range []string{"uppdatering", "transaktion", "sokvillkor", "bristatgard", "kvittens"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "internal", "wire", "update1", "testdata", "golden", name+".xml"))
		require.NoError(f, err)
		for path := range 6 {
			f.Add(uint8(path), b)
		}
	}
	// Not listening: the fuzzer calls the handler directly.
	s, err := build(WithData(gen.Config{Seed: 1}), WithRequestLogLimit(0))
	require.NoError(f, err)
	s.authMu.Lock()
	s.apps[DefaultCredentials.ID].current = "fuzz-token"
	s.apps[DefaultCredentials.ID].expires = s.clock.Now().AddDate(1, 0, 0)
	s.authMu.Unlock()
	h := s.handler()
	b := s.Dataset().Buildings[0].ID.String()
	bristID := s.Dataset().Deficiencies[0].ID.String()
	arendeID := s.Dataset().Cases[0].ID.String()
	paths := []struct{ method, path string }{
		{"POST", "/byggnad"},
		{"PUT", "/byggnad/" + b},
		{"POST", "/byggnad/" + b + "/avregistrering"},
		{"POST", "/transaktion"},
		{"POST", "/adressplats/sok"},
		{"POST", "/brist/" + bristID + "/atgard"},
		{"POST", "/arende/" + arendeID + "/kvittens"},
	}
	f.Fuzz(func(t *testing.T, which uint8, body []byte) {
		p := paths[int(which)%len(paths)]
		req := httptest.NewRequest(p.method, s.UpdatePath()+p.path, bytes.NewReader(body))
		req.Header.Set("Authorization", "Bearer fuzz-token")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= http.StatusInternalServerError {
			t.Fatalf("%s %s answered %d: %s", p.method, p.path, rec.Code, rec.Body.String())
		}
	})
}
