package delivery_test

import (
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/delivery"
	"github.com/tjanstebaserad/bal-go/internal/contract"
	"github.com/tjanstebaserad/bal-go/internal/lmtest"
)

// contractDoc reads a hand-written document of shared/contract from the
// repository's one verbatim copy (internal/contract).
func contractDoc(t *testing.T, name string) []byte {
	t.Helper()
	b, err := contract.Read(name)
	require.NoError(t, err)
	return b
}

// The contract's order IDs and signed paths (files.200.json).
const (
	contractOrder     = "5a1f9c3e-2d7b-4e60-8f14-b39c0e7a2d51"
	contractNoLatest  = "0c8a6f4e-9b21-4d3a-a5e7-2f6b1c9d8e03"
	contractForbidden = "7e3b9d2a-4c6f-4a18-b0d5-8e1f2a3c4b67"
	contractNoLogin   = "3d9e1a7c-5b2f-4e86-9c40-a1b7e5f2d398"
	contractSubPath   = "/leverans/latest/files/byggnad"
	contractSubQuery  = "sig=Qm9nd3Vz&exp=1764457200"
)

// contractServer answers with the contract's documents, checking that the
// client asks for the signed sub-listing exactly as listed.
func contractServer(t *testing.T) *delivery.Client {
	t.Helper()
	base := delivery.Base + "/" + contractOrder
	served := map[string][]byte{
		base:                            contractDoc(t, "geotorget/order.200.json"),
		base + "/leverans/latest":       contractDoc(t, "geotorget/leverans-latest.200.json"),
		base + "/leverans/latest/files": contractDoc(t, "geotorget/files.200.json"),
		base + contractSubPath + "?" + contractSubQuery: contractDoc(t, "geotorget/files-byggnad.200.json"),
	}
	srv := lmtest.New(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := r.URL.Path
		if r.URL.RawQuery != "" {
			key += "?" + r.URL.RawQuery
		}
		w.Header().Set("Content-Type", "application/json")
		switch {
		case served[key] != nil:
			_, _ = w.Write(served[key])
		case strings.HasPrefix(key, delivery.Base+"/"+contractForbidden):
			w.WriteHeader(http.StatusForbidden)
			_, _ = w.Write(contractDoc(t, "faults/gateway-scope.403.json"))
		case strings.HasPrefix(key, delivery.Base+"/"+contractNoLogin):
			w.WriteHeader(http.StatusUnauthorized)
			_, _ = w.Write(contractDoc(t, "faults/gateway-missing-credentials.401.json"))
		case key == delivery.Base+"/"+contractNoLatest+"/leverans/latest":
			// "latest before the first delivery answers 404 (no document)"
			w.WriteHeader(http.StatusNotFound)
		default:
			t.Errorf("unexpected request %s", key)
			w.WriteHeader(http.StatusTeapot)
		}
	}))
	return clientFor(t, srv)
}

// Every Geotorget document of the contract decodes into what its text says.
func TestContractDocumentsDecode(t *testing.T) {
	t.Parallel()
	dc := contractServer(t)
	ctx := t.Context()
	local := func(s string) time.Time {
		tm, err := time.ParseInLocation("2006-01-02T15:04:05", s, stockholm(t))
		require.NoError(t, err)
		return tm
	}

	o, err := dc.Order(ctx, contractOrder)
	require.NoError(t, err)
	assert.Equal(t, &delivery.Order{
		ID: contractOrder, Marking: "BAL-synk Exempelby", CaseNumber: "GT2026-118442", CustomerNumber: "700123",
		Email: "gis@exempelby.se", Created: local("2026-10-02T08:41:17"), Subscription: true,
		ProductName: "Fastighetsinformation Nedladdning, Adress och byggnad", ProductNumber: "FINA-AB",
		ProductType: "NEDLADDNING", Status: "AKTIV", SupportsChanges: true, LatestEvent: "AKTIV",
	}, o)

	d, err := dc.Latest(ctx, contractOrder)
	require.NoError(t, err)
	assert.Equal(t, &delivery.Delivery{
		ID: "b8e2d4f1-6c3a-4a97-9e50-1d7f2c8b3a64", Created: local("2026-11-29T22:03:51"),
		Updated: local("2026-11-29T22:41:09"), Status: delivery.StatusSucceeded, Type: delivery.TypeChange,
	}, d)

	files, err := dc.List(ctx, contractOrder)
	require.NoError(t, err)
	assert.Equal(t, []delivery.File{
		{Name: "byggnad/byggnad_1.zip", Title: "byggnad_1.zip", Type: "application/octet-stream",
			Path: "/leverans/latest/files/byggnad/byggnad_1.zip?sig=QWJjZGVm&exp=1764457200", Size: 104857600,
			DisplaySize: "100 MB", Updated: local("2026-11-29T22:38:12")},
		{Name: "byggnad/byggnad_2.zip", Title: "byggnad_2.zip", Type: "application/octet-stream",
			Path: "/leverans/latest/files/byggnad/byggnad_2.zip?sig=R2hpamts&exp=1764457200", Size: 41943040,
			DisplaySize: "40 MB", Updated: local("2026-11-29T22:39:47")},
		{Name: "belagenhetsadress_1.zip", Title: "belagenhetsadress_1.zip", Type: "application/octet-stream",
			Path: "/leverans/latest/files/belagenhetsadress_1.zip?sig=U2lnbmVk&exp=1764457200", Size: 18734410,
			DisplaySize: "17.9 MB", Updated: local("2026-11-29T22:40:55")},
	}, files)

	_, err = dc.Latest(ctx, contractNoLatest)
	require.ErrorIs(t, err, delivery.ErrNoDelivery)

	_, err = dc.Order(ctx, contractForbidden)
	require.ErrorIs(t, err, bal.ErrNotSubscribed, "a product not ordered is not a transient 403")
	require.ErrorIs(t, err, bal.ErrForbidden)
	var e *bal.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "900910", e.Code, "the gateway's string code")

	_, err = dc.Order(ctx, contractNoLogin)
	require.ErrorIs(t, err, bal.ErrUnauthorized)
}

// Every Geotorget document of the contract is one TestContractDocumentsDecode
// reads, so a document added to the contract cannot go untested.
func TestContractDocumentsAreAllRead(t *testing.T) {
	t.Parallel()
	read := map[string]bool{
		"geotorget/order.200.json": true, "geotorget/leverans-latest.200.json": true,
		"geotorget/files.200.json": true, "geotorget/files-byggnad.200.json": true,
	}
	docs, err := contract.Documents("geotorget")
	require.NoError(t, err)
	require.NotEmpty(t, docs)
	for _, d := range docs {
		assert.True(t, read[d], "%s is not read by any test", d)
	}
}

func stockholm(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Stockholm")
	require.NoError(t, err)
	return loc
}

// A sub-listing whose signed path expired between reading its parent and
// reading it (403, or 404) starts the listing over; a sub-listing that keeps
// refusing ends it with the server's error.
func TestListStartsOverWhenASubListingExpires(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		refuse  int // how many times the sub-listing refuses
		status  int
		wantTop int // top-level listings read
		wantErr error
	}{
		{name: "403 once", refuse: 1, status: http.StatusForbidden, wantTop: 2},
		{name: "404 twice", refuse: 2, status: http.StatusNotFound, wantTop: 3},
		{name: "403 for good", refuse: 100, status: http.StatusForbidden, wantTop: 4, wantErr: bal.ErrForbidden},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			base := delivery.Base + "/" + contractOrder
			var mu sync.Mutex
			top, sub := 0, 0
			srv := lmtest.New(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				defer mu.Unlock()
				w.Header().Set("Content-Type", "application/json")
				switch r.URL.Path {
				case base + "/leverans/latest/files":
					top++
					_, _ = w.Write(contractDoc(t, "geotorget/files.200.json"))
				case base + contractSubPath:
					if sub++; sub <= tc.refuse {
						w.WriteHeader(tc.status)
						_, _ = w.Write([]byte(`{"code": ` + strconv.Itoa(tc.status) + `, "reason": "x", "errors": ["signaturen har gått ut"]}`))
						return
					}
					_, _ = w.Write(contractDoc(t, "geotorget/files-byggnad.200.json"))
				default:
					t.Errorf("unexpected request %s", r.URL)
					w.WriteHeader(http.StatusTeapot)
				}
			}))
			files, err := clientFor(t, srv).List(t.Context(), contractOrder)
			mu.Lock()
			defer mu.Unlock()
			assert.Equal(t, tc.wantTop, top)
			if tc.wantErr != nil {
				require.ErrorIs(t, err, tc.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Len(t, files, 3)
		})
	}
}
