package baltest

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

// outcome is what one write did, as its caller saw it.
type outcome struct {
	kind    string // create, change, retire, transaction
	receipt []update1.Kvitto
	err     error
}

// TestConcurrentMixedLoad runs 50 goroutines doing 10 000 mixed reads and
// writes through bal.Client's HTTP stack against one server, then checks
// that every write was applied exactly once or refused with a fault, that
// the stored versions agree with the receipts, and that the change feed's
// sequence numbers are gap-free and strictly increasing. Run it with -race.
func TestConcurrentMixedLoad(t *testing.T) {
	t.Parallel()
	const workers, perWorker = 50, 200
	h := newHarness(t)
	buildings := h.s.objects(update1.TypByggnad)
	property := buildings[0].(*update1.Byggnad).LiggerPa[0].Objektidentitet
	initial := h.s.Count(bal.ObjectTypeBuilding)

	var mu sync.Mutex
	var writes []outcome
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(w), 1))
			for i := range perWorker {
				target := buildings[rng.IntN(len(buildings))].Meta().Objektidentitet
				var o *outcome
				switch r := rng.IntN(100); {
				case r < 30: // read one object
					var b update1.Byggnad
					if err := h.get(update1.TypByggnad, target, &b); err != nil {
						t.Errorf("get: %v", err)
					}
				case r < 40: // search
					if _, err := h.do(http.MethodPost, "/byggnad/sok", &update1.Sokvillkor{Registerenhet: property, Max: 10}, new(update1.Sokresultat), ""); err != nil {
						t.Errorf("search: %v", err)
					}
				case r < 50: // read the feed
					if _, err := h.do(http.MethodGet, "/forandringar", nil, new(update1.Forandringar), ""); err != nil {
						t.Errorf("feed: %v", err)
					}
				case r < 70: // create, with an idempotency key
					b := newBuilding(property)
					var k update1.Kvitto
					_, err := h.do(http.MethodPost, "/byggnad", update1.NewUppdatering(action("Befintlig byggnad"), b), &k, fmt.Sprintf("c-%d-%d", w, i))
					o = &outcome{kind: "create", receipt: []update1.Kvitto{k}, err: err}
				case r < 92: // read, change, write back: may race with others
					var b update1.Byggnad
					if err := h.get(update1.TypByggnad, target, &b); err != nil {
						t.Errorf("get: %v", err)
						continue
					}
					b.Verksamhetsatgard = nil
					b.Byggnadsattribut.Husnummer = 1 + rng.IntN(50)
					k, err := h.change(action("Ändrad byggnadsinformation"), &b)
					o = &outcome{kind: "change", receipt: []update1.Kvitto{*k}, err: err}
				default: // a transaction of two creates
					tx := &update1.Transaktion{}
					for range 2 {
						d := update1.Transaktionsdel{Operation: update1.OperationSkapa, Innehall: update1.Innehall{Verksamhetsatgard: action("Befintlig byggnad")}}
						d.SetObject(newBuilding(property))
						tx.Uppdatering = append(tx.Uppdatering, d)
					}
					var tk update1.Transaktionskvitto
					_, err := h.do(http.MethodPost, "/transaktion", tx, &tk, fmt.Sprintf("t-%d-%d", w, i))
					o = &outcome{kind: "transaction", receipt: tk.Kvitto, err: err}
				}
				if o != nil {
					mu.Lock()
					writes = append(writes, *o)
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()

	// Every write succeeded with receipts or failed with a fault; the only
	// fault expected under this load is a version conflict.
	applied := map[[2]string]bool{} // id, version
	created, changes := 0, 0
	for _, o := range writes {
		if o.err != nil {
			var ce *bal.ConflictError
			require.True(t, errors.As(o.err, &ce), "%s: %v", o.kind, o.err)
			require.Equal(t, "change", o.kind)
			continue
		}
		for _, k := range o.receipt {
			key := [2]string{k.Objektidentitet, fmt.Sprint(k.Objektversion)}
			require.False(t, applied[key], "two writes produced %v", key)
			applied[key] = true
			if o.kind == "change" {
				changes++
			} else {
				created++
			}
		}
	}
	assert.Equal(t, initial+created, h.s.Count(bal.ObjectTypeBuilding), "each create applied exactly once")
	assert.Positive(t, changes)

	// Each object's version is 1 + its successful changes.
	byID := map[string]int64{}
	for k := range applied {
		var v int64
		fmt.Sscan(k[1], &v)
		byID[k[0]] = max(byID[k[0]], v)
	}
	for id, v := range byID {
		b, ok := storedBuilding(h.s, id)
		require.True(t, ok)
		assert.Equal(t, v, b.Objektversion, id)
	}

	// The feed: one change per applied write, gap-free and increasing.
	feed := h.s.changeList()
	require.Len(t, feed, len(applied))
	for i, c := range feed {
		require.EqualValues(t, i+1, c.Sekvensnummer)
	}
}
