package bal

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/geometry"
	"github.com/tjanstebaserad/bal-go/internal/callctx"
	"github.com/tjanstebaserad/bal-go/internal/lmtest"
	"github.com/tjanstebaserad/bal-go/internal/txn"
	"github.com/tjanstebaserad/bal-go/internal/wire/fault"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

const kvitto = `<Kvitto xmlns="http://namespace.lantmateriet.se/ajourhallning/bal/v1"><objektidentitet>39722cbb-f8b9-404b-a045-c5e6175f1001</objektidentitet><objektversion>4</objektversion><versionGiltigFran>2026-11-22T10:15:01.123+01:00</versionGiltigFran></Kvitto>`

// cutShort declares the whole body and sends half of it, as a connection
// dropped mid-answer does.
func cutShort(w http.ResponseWriter, body string) {
	w.Header().Set("Content-Type", "application/xml")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	_, _ = io.WriteString(w, body[:len(body)/2])
}

// TestDoResendsOnlyWhatIsSafe: a keyed write marked safe is sent again
// after an answer that cannot be read, a bounded number of times; a write
// not marked safe, without a key or with a body that cannot be rewound is
// sent once, since the other services ignore Idempotency-Key.
func TestDoResendsOnlyWhatIsSafe(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		safe       bool
		key        bool
		rewindable bool
		answer     func(n int, w http.ResponseWriter) // n counts requests from 1
		wantErr    error
		wantStatus int
		wantSent   int
	}{
		{"an answer cut short is asked for again", true, true, true, func(n int, w http.ResponseWriter) {
			if n == 1 {
				cutShort(w, kvitto)
				return
			}
			w.Header().Set("Content-Type", "application/xml")
			_, _ = io.WriteString(w, kvitto)
		}, nil, 0, 2},
		{"an HTML page instead of a receipt is asked for again, a bounded number of times", true, true, true, func(_ int, w http.ResponseWriter) {
			w.Header().Set("Content-Type", "text/html")
			_, _ = io.WriteString(w, "<html><title>Maintenance</title></html>")
		}, ErrInvalidResponse, 200, 1 + maxUnclearResends},
		{"a key without the safe mark is not resent (NGP and Geotorget ignore the key)", false, true, true,
			func(_ int, w http.ResponseWriter) { cutShort(w, kvitto) }, ErrInvalidResponse, 200, 1},
		{"without a key nothing is resent", true, false, true, func(_ int, w http.ResponseWriter) { cutShort(w, kvitto) },
			ErrInvalidResponse, 200, 1},
		{"a body that cannot be rewound is not resent", true, true, false, func(_ int, w http.ResponseWriter) { cutShort(w, kvitto) },
			ErrInvalidResponse, 200, 1},
		{"a refusal is an answer: not resent", true, true, true, func(_ int, w http.ResponseWriter) {
			ct, body := fault.Encode(fault.Fault{Code: "BAL-2003", Message: "no such building", Source: fault.Service})
			w.Header().Set("Content-Type", ct)
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write(body)
		}, ErrValidation, 400, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var mu sync.Mutex
			var keys, bodies []string
			srv := lmtest.New(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				b, _ := io.ReadAll(r.Body)
				mu.Lock()
				keys, bodies = append(keys, r.Header.Get("Idempotency-Key")), append(bodies, string(b))
				n := len(keys)
				mu.Unlock()
				tt.answer(n, w)
			}))
			c := newTestClient(t, srv, nil)
			body := stringsReader("<Uppdatering/>")
			if tt.rewindable {
				body = strings.NewReader("<Uppdatering/>")
			}
			ctx := context.Background()
			if tt.safe {
				ctx = SafeToRetry(ctx)
			}
			req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.Environment().BaseURL()+"/write", body)
			require.NoError(t, err)
			if tt.key {
				req.Header.Set("Idempotency-Key", "k-1")
			}
			var out update1.Kvitto
			res, err := c.Do(req, &out)
			mu.Lock()
			defer mu.Unlock()
			assert.Len(t, keys, tt.wantSent)
			for i := range keys {
				assert.Equal(t, keys[0], keys[i], "every resend carries the same key")
				assert.Equal(t, "<Uppdatering/>", bodies[i], "and the same body")
			}
			if tt.wantErr != nil {
				require.ErrorIs(t, err, tt.wantErr)
				var e *Error
				require.ErrorAs(t, err, &e)
				assert.Equal(t, tt.wantStatus, e.StatusCode)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, int64(4), out.Objektversion)
			assert.Equal(t, tt.wantSent, res.Attempts, "attempts add up across resends")
		})
	}
}

func stringsReader(s string) io.Reader { return &stringReader{s: s} }

// stringReader is a reader http.NewRequest cannot rewind by itself, to
// check that Do does not resend it.
type stringReader struct{ s string }

func (r *stringReader) Read(p []byte) (int, error) {
	if r.s == "" {
		return 0, io.EOF
	}
	n := copy(p, r.s)
	r.s = r.s[n:]
	return n, nil
}

func TestIdempotencyKeyContext(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	assert.Empty(t, callctx.IdempotencyKey(ctx))
	assert.Equal(t, "k", callctx.IdempotencyKey(WithIdempotencyKey(ctx, "k")))
}

func TestQueryValidate(t *testing.T) {
	t.Parallel()
	square := geom.NewPolygonFlat(geom.XY, []float64{616000, 6727000, 616010, 6727000, 616010, 6727010, 616000, 6727000}, []int{8}).SetSRID(3006)
	tests := []struct {
		name  string
		q     Query
		paths []string
	}{
		{"zero", Query{}, nil},
		{"everything", Query{Municipality: "2180", Property: NewObjectID(), Statuses: []Status{StatusValid, StatusPlanned},
			Name: "Storgatan", Box: &geometry.Envelope{SRID: 3006, MinX: 1, MinY: 2, MaxX: 3, MaxY: 4}, Area: square,
			ChangedAfter: time.Now()}, nil},
		{"bad municipality", Query{Municipality: "218"}, []string{"Municipality"}},
		{"status not spelled exactly", Query{Statuses: []Status{"gällande"}}, []string{"Statuses[0]"}},
		{"box upside down in an unknown CRS", Query{Box: &geometry.Envelope{SRID: 4326, MinX: 3, MaxX: 1}}, []string{"Box.SRID", "Box"}},
		{"area without a CRS", Query{Area: geom.NewPolygonFlat(geom.XY, square.FlatCoords(), square.Ends())}, []string{"Area"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := tt.q.Validate()
			if tt.paths == nil {
				assert.NoError(t, err)
				return
			}
			var v *ValidationError
			require.ErrorAs(t, err, &v)
			for _, p := range tt.paths {
				assert.True(t, v.Has(p, ""), "problem at %s: %v", p, err)
			}
		})
	}
}

// member returns a transaction member creating a Kommundel.
func member(i int) txn.Member {
	id := fmt.Sprintf("00000000-0000-4000-8000-%012d", i)
	part := update1.Transaktionsdel{Operation: update1.OperationSkapa,
		Innehall: update1.Innehall{Verksamhetsatgard: update1.Verksamhetsatgard{Atgardstyp: "Ny", AnsvarigOrganisation: "2180"}}}
	part.SetObject(&update1.Kommundel{Utbytesobjekt: update1.Utbytesobjekt{Objektidentitet: id}, FaststalltNamn: "Del"})
	return txn.Member{Part: part, Type: update1.TypKommundel, ID: id}
}

func receipts(n int) string {
	s := `<Transaktionskvitto xmlns="http://namespace.lantmateriet.se/ajourhallning/bal/v1">`
	for i := 1; i <= n; i++ {
		s += fmt.Sprintf(`<Kvitto><objektidentitet>00000000-0000-4000-8000-%012d</objektidentitet><objektversion>1</objektversion><versionGiltigFran>2026-11-22T10:15:01.123+01:00</versionGiltigFran></Kvitto>`, i)
	}
	return s + `</Transaktionskvitto>`
}

func TestTransactionCommit(t *testing.T) {
	t.Parallel()
	refuse := func(status int, details ...string) func(w http.ResponseWriter) {
		return func(w http.ResponseWriter) {
			ct, body := fault.Encode(fault.Fault{Code: "BAL-2003", Message: "refused", Details: details, Source: fault.Service})
			w.Header().Set("Content-Type", ct)
			w.WriteHeader(status)
			_, _ = w.Write(body)
		}
	}
	tests := []struct {
		name      string
		answer    func(w http.ResponseWriter)
		wantIndex int // -1: no *TransactionError
		wantErr   error
	}{
		{"receipts", func(w http.ResponseWriter) {
			w.Header().Set("Content-Type", "application/xml")
			_, _ = io.WriteString(w, receipts(3))
		}, -1, nil},
		{"the second member refused", refuse(400, "medlem=2", "objekttyp=Kommundel"), 1, ErrValidation},
		{"a member number out of range", refuse(400, "medlem=9"), -1, ErrValidation},
		{"no member named", refuse(400), -1, ErrValidation},
		{"a server error is not a member's", refuse(500, "medlem=1"), -1, ErrUnavailable},
		{"too few receipts", func(w http.ResponseWriter) {
			w.Header().Set("Content-Type", "application/xml")
			_, _ = io.WriteString(w, receipts(2))
		}, -1, ErrInvalidResponse},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var keys []string
			var mu sync.Mutex
			srv := lmtest.New(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				keys = append(keys, r.Header.Get("Idempotency-Key"))
				mu.Unlock()
				tt.answer(w)
			}))
			c := newTestClient(t, srv, func(cfg *Config) { cfg.Retry.MaxAttempts = 1 })
			tx := c.NewTransaction()
			for i := 1; i <= 3; i++ {
				require.NoError(t, txn.Add(tx, member(i)))
			}
			got, err := tx.Commit(context.Background())
			if tt.wantErr == nil {
				require.NoError(t, err)
				require.Len(t, got, 3)
				assert.Equal(t, "00000000-0000-4000-8000-000000000002", got[1].ID.String())
				_, err = tx.Commit(context.Background())
				assert.ErrorIs(t, err, ErrCommitted)
				assert.ErrorIs(t, txn.Add(tx, member(4)), ErrCommitted)
				return
			}
			require.ErrorIs(t, err, tt.wantErr)
			var te *TransactionError
			if tt.wantIndex < 0 {
				assert.False(t, asTransactionError(err, &te), "%v", err)
			} else {
				require.ErrorAs(t, err, &te)
				assert.Equal(t, tt.wantIndex, te.Index)
				assert.Equal(t, ObjectRef{Type: ObjectTypeDistrict, ID: MustParseObjectID("00000000-0000-4000-8000-000000000002")}, te.Object)
				var e *Error
				require.ErrorAs(t, err, &e, "the member's cause is reachable")
				assert.Equal(t, "BAL-2003", e.Code)
				assert.Contains(t, err.Error(), "member 1 (Kommundel/00000000-0000-4000-8000-000000000002)")
			}
			// Committing again resends the same key; adding a member makes
			// it a new write with a new key.
			_, _ = tx.Commit(context.Background())
			require.NoError(t, txn.Add(tx, member(4)))
			_, _ = tx.Commit(context.Background())
			mu.Lock()
			defer mu.Unlock()
			require.Len(t, keys, 3)
			assert.Equal(t, keys[0], keys[1])
			assert.NotEqual(t, keys[1], keys[2])
		})
	}
}

func asTransactionError(err error, te **TransactionError) bool {
	for err != nil {
		if t, ok := err.(*TransactionError); ok {
			*te = t
			return true
		}
		u, ok := err.(interface{ Unwrap() error })
		if !ok {
			return false
		}
		err = u.Unwrap()
	}
	return false
}

func TestTransactionKeyFromContext(t *testing.T) {
	t.Parallel()
	var got atomic.Value
	srv := lmtest.New(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got.Store(r.Header.Get("Idempotency-Key"))
		w.Header().Set("Content-Type", "application/xml")
		_, _ = io.WriteString(w, receipts(1))
	}))
	c := newTestClient(t, srv, nil)
	tx := c.NewTransaction()
	require.NoError(t, txn.Add(tx, member(1)))
	_, err := tx.Commit(WithIdempotencyKey(context.Background(), "mine"))
	require.NoError(t, err)
	assert.Equal(t, "mine", got.Load())

	_, err = c.NewTransaction().Commit(context.Background())
	var v *ValidationError
	assert.ErrorAs(t, err, &v, "an empty transaction is not sent")
}

// TestDoRetriesAGetWhoseBodyBrokeOff: a GET's answer that breaks off after
// the headers is a transport failure, like a reset before them: it is asked
// for again within the retry policy's MaxAttempts. A body over the size cap
// is not.
func TestDoRetriesAGetWhoseBodyBrokeOff(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		maxAttempts int
		cuts        int // answers cut before a whole one
		wantErr     error
		wantSent    int
	}{
		{"cut once, then whole", 0, 1, nil, 2},
		{"cut three times, then whole", 0, 3, nil, 4},
		{"always cut: MaxAttempts", 0, 100, ErrInvalidResponse, DefaultMaxAttempts},
		{"retries off", 1, 1, ErrInvalidResponse, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var mu sync.Mutex
			sent := 0
			srv := lmtest.New(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				sent++
				n := sent
				mu.Unlock()
				if n <= tt.cuts {
					cutShort(w, kvitto)
					return
				}
				w.Header().Set("Content-Type", "application/xml")
				_, _ = io.WriteString(w, kvitto)
			}))
			c := newTestClient(t, srv, func(cfg *Config) { cfg.Retry.MaxAttempts = tt.maxAttempts })
			req, err := http.NewRequest(http.MethodGet, c.Environment().BaseURL()+"/kvitto", nil)
			require.NoError(t, err)
			var out update1.Kvitto
			res, err := c.Do(req, &out)
			mu.Lock()
			assert.Equal(t, tt.wantSent, sent)
			mu.Unlock()
			if tt.wantErr != nil {
				require.ErrorIs(t, err, tt.wantErr)
				var e *Error
				require.ErrorAs(t, err, &e)
				assert.Equal(t, tt.wantSent, e.Attempts)
				assert.Contains(t, err.Error(), "cut short")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.wantSent, res.Attempts)
			assert.Equal(t, int64(4), out.Objektversion)
		})
	}

	t.Run("too large is not retried", func(t *testing.T) {
		t.Parallel()
		var mu sync.Mutex
		sent := 0
		srv := lmtest.New(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			sent++
			mu.Unlock()
			_, _ = io.WriteString(w, strings.Repeat("x", 2048))
		}))
		c := newTestClient(t, srv, func(cfg *Config) { cfg.MaxResponseBytes = 1024 })
		req, err := http.NewRequest(http.MethodGet, c.Environment().BaseURL()+"/big", nil)
		require.NoError(t, err)
		_, err = c.Do(req, nil)
		require.ErrorIs(t, err, ErrResponseTooLarge)
		mu.Lock()
		assert.Equal(t, 1, sent)
		mu.Unlock()
	})
}
