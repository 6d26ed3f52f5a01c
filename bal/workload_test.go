package bal_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"sync/atomic"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

// workload keeps Lantmäteriet's side busy with creates, changes and
// retirements across the seven object types. It writes through the
// server's own write path (baltest.Server.Put), which applies the same rules
// as a write over HTTP and enters every write in the change feed: the change
// feed is what is under test here, not the update clients, and this keeps
// 5 000 writes fast. A write the server's rules refuse (a name already
// taken, a reference to something retired) is not counted; another is
// tried instead.
type workload struct {
	srv       *baltest.Server
	rng       *rand.Rand
	kommunkod string
	// live lists, per type, the objects that are not retired.
	live map[update1.Objekttyp][]string
	// serial makes created names and numbers unique.
	serial int

	writes  map[string]int // by förändringstyp
	byType  map[update1.Objekttyp]int
	refused int
	// initial is the feed's last sekvensnummer before the first write; each
	// write adds one change, so initial + total is the feed's end.
	initial int64
	// last is the feed's end, for other goroutines.
	last atomic.Int64
	// pace, when set, is called before each write; it may hold the
	// writer back.
	pace func() error
}

func newWorkload(srv *baltest.Server, seed uint64) *workload {
	w := &workload{
		srv: srv, rng: rand.New(rand.NewPCG(seed, 0x5eed)), kommunkod: srv.Kommunkod(),
		live: map[update1.Objekttyp][]string{}, writes: map[string]int{}, byType: map[update1.Objekttyp]int{},
		initial: int64(len(srv.Changes())),
	}
	w.last.Store(w.initial)
	for _, typ := range update1.Typer() {
		for _, o := range srv.Objects(typ) {
			if o.Meta().Objektstatus != string(bal.StatusRetired) {
				w.live[typ] = append(w.live[typ], o.Meta().Objektidentitet)
			}
		}
	}
	return w
}

// total is how many writes were applied.
func (w *workload) total() int {
	n := 0
	for _, c := range w.writes {
		n += c
	}
	return n
}

// head is the sekvensnummer of the last change in the feed; any goroutine
// may call it.
func (w *workload) head() int64 { return w.last.Load() }

// run applies n writes.
func (w *workload) run(n int) error {
	for range n {
		if w.pace != nil {
			if err := w.pace(); err != nil {
				return err
			}
		}
		if err := w.step(); err != nil {
			return err
		}
		w.last.Store(w.initial + int64(w.total()))
	}
	return nil
}

// step applies one write: half of them changes, three in ten creates, two in
// ten retirements, on a type picked at random among those with objects.
func (w *workload) step() error {
	for range 200 {
		typ := update1.Typer()[w.rng.IntN(len(update1.Typer()))]
		ids := w.live[typ]
		if len(ids) == 0 {
			continue
		}
		i := w.rng.IntN(len(ids))
		cur, ok := w.srv.Object(typ, ids[i])
		if !ok {
			return fmt.Errorf("workload: %s %s vanished", typ, ids[i])
		}
		var err error
		switch r := w.rng.IntN(10); {
		case r < 5:
			_, err = w.srv.Put(w.action(typ, 1), cur)
			if err == nil {
				w.writes[update1.ForandringAndrad]++
			}
		case r < 8:
			var k *update1.Kvitto
			k, err = w.srv.Put(w.action(typ, 0), w.fresh(cur))
			if err == nil {
				w.live[typ] = append(w.live[typ], k.Objektidentitet)
				w.writes[update1.ForandringNy]++
			}
		default:
			if len(ids) <= 3 {
				continue // keep a few of each type to write on
			}
			cur.Meta().Objektstatus = string(bal.StatusRetired)
			_, err = w.srv.Put(w.action(typ, 2), cur)
			if err == nil {
				w.live[typ] = append(ids[:i:i], ids[i+1:]...)
				w.writes[update1.ForandringAvregistrerad]++
			}
		}
		if err == nil {
			w.byType[typ]++
			return nil
		}
		w.refused++
	}
	return fmt.Errorf("workload: 200 writes in a row refused (after %d)", w.total())
}

// fresh turns a copy of an existing object into a new one of the same kind:
// no identity, version or status yet, and the names and numbers that must be
// unique made so.
func (w *workload) fresh(o update1.Objekt) update1.Objekt {
	w.serial++
	m := o.Meta()
	m.Objektidentitet, m.Objektversion, m.Objektstatus = "", 0, ""
	m.VersionGiltigFran, m.VersionGiltigTill = "", ""
	o.SetAction(nil)
	switch x := o.(type) {
	case *update1.Adressplats:
		x.Adressplatsattribut.Adressplatsbeteckning = update1.Adressplatsbeteckning{Adressplatsnummer: fmt.Sprint(1000 + w.serial%8999)}
	case *update1.Adressomrade:
		x.FaststalltNamn = "Nyvägen " + letters(w.serial)
	case *update1.Gardsadressomrade:
		x.FaststalltNamn = "Nygården " + letters(w.serial)
	case *update1.Kommundel:
		x.FaststalltNamn = "Nydelen " + letters(w.serial)
	case *update1.Lagenhet:
		x.Lagenhetsnummer = fmt.Sprintf("%02d%02d", 20+w.serial/99%70, 1+w.serial%99)
	}
	return o
}

// action returns the Verksamhetsåtgärd of a create (0), change (1) or
// retirement (2) of an object of type typ.
func (w *workload) action(typ update1.Objekttyp, op int) update1.Verksamhetsatgard {
	types := map[update1.Objekttyp][3]string{
		update1.TypByggnad:  {"Ny färdigbyggd byggnad", "Ändrad byggnadsinformation", "Riven, nedbrunnen byggnad"},
		update1.TypEntre:    {"Ny entré", "Ändrad entréinformation", "Borttagen entré"},
		update1.TypLagenhet: {"Befintlig lägenhet", "Ändrad lägenhetsinformation", "Riven lägenhet"},
	}
	names, ok := types[typ]
	if !ok {
		names = [3]string{"Ny", "Ändrad", "Borttagen"}
	}
	return update1.Verksamhetsatgard{Atgardstyp: names[op], AnsvarigOrganisation: w.kommunkod, UtforandeOrganisation: "Lasttest AB"}
}

// letters spells n in capital letters (1 → "A", 27 → "AA"), for unique
// names that the naming rules accept.
func letters(n int) string {
	var b strings.Builder
	for n > 0 {
		n--
		b.WriteByte(byte('A' + n%26))
		n /= 26
	}
	r := []byte(b.String())
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
	return string(r)
}

// state is what a follower keeps per object: the version it has and
// whether the object is retired.
type state struct {
	Version bal.Version
	Retired bool
}

// serverState reads the server's objects as the follower should see them:
// the extract a resynchronisation starts from, and the truth the follower is
// compared with.
func serverState(srv *baltest.Server) map[bal.ObjectRef]state {
	out := map[bal.ObjectRef]state{}
	for _, typ := range update1.Typer() {
		for _, o := range srv.Objects(typ) {
			m := o.Meta()
			ref := bal.ObjectRef{Type: bal.ObjectType(typ), ID: bal.MustParseObjectID(m.Objektidentitet)}
			out[ref] = state{Version: bal.Version(m.Objektversion), Retired: m.Objektstatus == string(bal.StatusRetired)}
		}
	}
	return out
}
