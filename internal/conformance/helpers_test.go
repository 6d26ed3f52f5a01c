package conformance_test

import (
	"bytes"
	"io"
	"iter"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/internal/conformance"
)

// The identities of the story the update binding's documents tell
// (testdata/update1/README.md).
const (
	propertyID  = "5f2b8c1e-7a3d-4e6f-9b0c-1d2e3f4a5b6c" // Exempelby Backa 1:23
	districtID  = "0d1c2b3a-4958-4a67-8c7d-6e5f4a3b2c1d" // Kommundel Exempelby
	areaID      = "a7c3e0f2-4b6d-4e8f-9a1b-2c3d4e5f6a70" // Adressområde Backavägen
	buildingID  = "3f1d6b2a-9c47-4e85-b0a1-7d2e6c9f8a13"
	pointID     = "5b1e6a33-9d8c-4c47-8f0a-2a6c1d5e7b01" // Backavägen 7A
	entranceID  = "e0e1e2e3-e4e5-4e6e-8e7e-8e9eaebecede"
	apartmentID = "7c6b5a49-3827-4615-a4b3-c2d1e0f9a8b7"
	unknownID   = "00000000-0000-4000-8000-000000000404"
	idemKey     = "6b0f3c1e-2d4a-4e8b-9c7d-1a2b3c4d5e6f"
)

// serverTime is when every write of the story happens: the fake's clock
// stands still there, so that the server-assigned times of the documents
// (versionGiltigFran, tidpunkt, skapad, andrad) are compared exactly.
var serverTime = time.Date(2026, 11, 22, 9, 15, 1, 123_000_000, time.UTC)

// actionTime is the åtgärdstidpunkt the requests carry.
var actionTime = time.Date(2026, 11, 22, 10, 15, 0, 0, time.FixedZone("CET", 3600))

// golden reads a hand-written document.
func golden(t testing.TB, dir, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", dir, name))
	require.NoError(t, err)
	return b
}

// sameMeaning compares by the document's kind, XML or JSON.
func sameMeaning(want, got []byte, opts ...conformance.Option) error {
	if strings.HasPrefix(strings.TrimSpace(string(want)), "{") || strings.HasPrefix(strings.TrimSpace(string(want)), "[") {
		return conformance.CompareJSON(want, got, opts...)
	}
	return conformance.CompareXML(want, got, opts...)
}

// faultOptions compare a fault's messages by their rule ids (the wording is
// the server's own) and its facts (name=value) exactly.
var faultOptions = []conformance.Option{conformance.RuleOnly("Fault/errors"), conformance.RuleOnly("errors")}

// collect reads a sequence to its end; skip, when not nil, passes over the
// errors it accepts (an id a batch answer leaves out, say).
func collect[T any](seq iter.Seq2[T, error], skip func(error) bool) ([]T, error) {
	var out []T
	for v, err := range seq {
		if err != nil {
			if skip != nil && skip(err) {
				continue
			}
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// send makes one raw request and returns the answer's status and body.
func send(t *testing.T, hc *http.Client, method, url, accept string, body []byte, header http.Header) (int, []byte) {
	t.Helper()
	var r io.Reader
	if body != nil {
		r = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(t.Context(), method, url, r)
	require.NoError(t, err)
	for k, v := range header {
		req.Header[k] = v
	}
	req.Header.Set("Accept", accept)
	if body != nil {
		req.Header.Set("Content-Type", "application/xml")
	}
	resp, err := hc.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	got, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, got
}
