package bal_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"sync/atomic"

	"github.com/tjanstebaserad/bal-go/address"
	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/building"
)

// workload keeps Lantmäteriet's side busy with creates, changes and
// retirements across the seven object types. It writes through the
// server's own write path (baltest.Put), which applies the same rules
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
	live map[bal.ObjectType][]bal.ObjectID
	// serial makes created names and numbers unique.
	serial int

	writes  map[bal.ChangeKind]int
	byType  map[bal.ObjectType]int
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
		live: map[bal.ObjectType][]bal.ObjectID{}, writes: map[bal.ChangeKind]int{}, byType: map[bal.ObjectType]int{},
		initial: int64(len(srv.Changes())),
	}
	w.last.Store(w.initial)
	for _, typ := range objectTypes {
		for _, o := range kinds[typ].all(srv) {
			if m := kinds[typ].meta(o); m.Status != bal.StatusRetired {
				w.live[typ] = append(w.live[typ], m.ID)
			}
		}
	}
	return w
}

// objectTypes are the seven types, in a fixed order for the random picks.
var objectTypes = []bal.ObjectType{
	bal.ObjectTypeBuilding, bal.ObjectTypeEntrance, bal.ObjectTypeApartment, bal.ObjectTypeAddressPoint,
	bal.ObjectTypeAddressArea, bal.ObjectTypeCourtyardArea, bal.ObjectTypeDistrict,
}

// kind is what the workload does with one object type, in the SDK's types.
type kind struct {
	all  func(*baltest.Server) []any
	get  func(*baltest.Server, bal.ObjectID) (any, bool)
	put  func(*baltest.Server, any, bal.Action) (*bal.Receipt, error)
	meta func(any) *bal.Meta
	// unique makes what must be unique in a new object so, from a serial
	// number.
	unique func(any, int)
	// actions are the åtgärdstyper of a create, a change and a retirement.
	actions [3]bal.ActionType
}

func kindOf[T baltest.Object](meta func(*T) *bal.Meta, unique func(*T, int), actions [3]bal.ActionType) kind {
	return kind{
		all: func(s *baltest.Server) []any {
			var out []any
			for _, o := range baltest.Objects[T](s) {
				out = append(out, o)
			}
			return out
		},
		get:  func(s *baltest.Server, id bal.ObjectID) (any, bool) { return baltest.Get[T](s, id) },
		put:  func(s *baltest.Server, o any, a bal.Action) (*bal.Receipt, error) { return baltest.Put(s, o.(*T), a) },
		meta: func(o any) *bal.Meta { return meta(o.(*T)) },
		unique: func(o any, n int) {
			if unique != nil {
				unique(o.(*T), n)
			}
		},
		actions: actions,
	}
}

var addressActions = [3]bal.ActionType{address.ActionNew, address.ActionChanged, "Borttagen"}

var kinds = map[bal.ObjectType]kind{
	bal.ObjectTypeBuilding: kindOf(func(b *building.Building) *bal.Meta { return &b.Meta }, nil,
		[3]bal.ActionType{"Ny färdigbyggd byggnad", building.ActionBuildingChanged, "Riven, nedbrunnen byggnad"}),
	bal.ObjectTypeEntrance: kindOf(func(e *building.Entrance) *bal.Meta { return &e.Meta }, nil,
		[3]bal.ActionType{building.ActionNewEntrance, "Ändrad entréinformation", "Borttagen entré"}),
	bal.ObjectTypeApartment: kindOf(func(a *building.Apartment) *bal.Meta { return &a.Meta },
		func(a *building.Apartment, n int) { a.Number = fmt.Sprintf("%02d%02d", 20+n/99%70, 1+n%99) },
		[3]bal.ActionType{building.ActionExistingApartment, "Ändrad lägenhetsinformation", "Riven lägenhet"}),
	bal.ObjectTypeAddressPoint: kindOf(func(p *address.Point) *bal.Meta { return &p.Meta },
		func(p *address.Point, n int) { p.Designation = address.Designation{Number: fmt.Sprint(1000 + n%8999)} },
		addressActions),
	bal.ObjectTypeAddressArea: kindOf(func(a *address.Area) *bal.Meta { return &a.Meta },
		func(a *address.Area, n int) { a.Name = "Nyvägen " + letters(n) }, addressActions),
	bal.ObjectTypeCourtyardArea: kindOf(func(c *address.CourtyardArea) *bal.Meta { return &c.Meta },
		func(c *address.CourtyardArea, n int) { c.Name = "Nygården " + letters(n) }, addressActions),
	bal.ObjectTypeDistrict: kindOf(func(d *address.District) *bal.Meta { return &d.Meta },
		func(d *address.District, n int) { d.Name = "Nydelen " + letters(n) }, addressActions),
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
		typ := objectTypes[w.rng.IntN(len(objectTypes))]
		k := kinds[typ]
		ids := w.live[typ]
		if len(ids) == 0 {
			continue
		}
		i := w.rng.IntN(len(ids))
		cur, ok := k.get(w.srv, ids[i])
		if !ok {
			return fmt.Errorf("workload: %s %s vanished", typ, ids[i])
		}
		var err error
		switch r := w.rng.IntN(10); {
		case r < 5:
			_, err = k.put(w.srv, cur, w.action(k, 1))
			if err == nil {
				w.writes[bal.ChangeModified]++
			}
		case r < 8:
			// A new object of the same kind: no identity, version or
			// status yet, and the names and numbers that must be unique
			// made so.
			w.serial++
			*k.meta(cur) = bal.Meta{}
			k.unique(cur, w.serial)
			var r *bal.Receipt
			r, err = k.put(w.srv, cur, w.action(k, 0))
			if err == nil {
				w.live[typ] = append(w.live[typ], r.ID)
				w.writes[bal.ChangeCreated]++
			}
		default:
			if len(ids) <= 3 {
				continue // keep a few of each type to write on
			}
			k.meta(cur).Status = bal.StatusRetired
			_, err = k.put(w.srv, cur, w.action(k, 2))
			if err == nil {
				w.live[typ] = append(ids[:i:i], ids[i+1:]...)
				w.writes[bal.ChangeRetired]++
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

// action returns the Verksamhetsåtgärd of a create (0), change (1) or
// retirement (2).
func (w *workload) action(k kind, op int) bal.Action {
	return bal.Action{Type: k.actions[op], Responsible: w.kommunkod, Performer: "Lasttest AB"}
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
	for _, typ := range objectTypes {
		for _, o := range kinds[typ].all(srv) {
			m := kinds[typ].meta(o)
			out[bal.ObjectRef{Type: typ, ID: m.ID}] = state{Version: m.Version, Retired: m.Status == bal.StatusRetired}
		}
	}
	return out
}
