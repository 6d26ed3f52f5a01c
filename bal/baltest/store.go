package baltest

import (
	"slices"
	"time"

	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest/gen"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

// registerenhet is a property as the fake keeps it for Registerbeteckning
// Direkt and the references of BAL objects (gen.Property, in the fields of
// the services' answers).
type registerenhet struct {
	Objektidentitet string
	Beteckning      string
	Trakt           string
	Block, Enhet    int
	Typ             string
	Kommunkod       string
	Omrade          *geom.Polygon
}

func newRegisterenhet(p gen.Property) *registerenhet {
	return &registerenhet{
		Objektidentitet: p.ID.String(), Beteckning: p.Designation, Trakt: p.Tract, Block: p.Block, Enhet: p.Unit,
		Typ: string(p.Type), Kommunkod: string(p.Municipality), Omrade: p.Area,
	}
}

// property returns the registerenhet in the SDK's types.
func (r *registerenhet) property() gen.Property {
	return gen.Property{
		PropertyRef: bal.PropertyRef{ID: bal.MustParseObjectID(r.Objektidentitet), Designation: r.Beteckning, Type: bal.PropertyType(r.Typ)},
		Tract:       r.Trakt, Block: r.Block, Unit: r.Enhet,
		Municipality: bal.MunicipalityCode(r.Kommunkod), Area: r.Omrade,
	}
}

// okey names one stored object.
type okey struct {
	typ update1.Objekttyp
	id  string
}

// record is one object with all its versions. Records are copy-on-write: a
// transaction builds new records and swaps them in on commit, so readers
// holding the read lock never see a half-applied write, and a failed
// transaction leaves nothing behind.
type record struct {
	typ update1.Objekttyp
	id  string
	// versions[i] is objektversion i+1; stored objects are never modified.
	versions []update1.Objekt
	// kommunkod is the municipality the object belongs to.
	kommunkod string
}

func (r *record) current() update1.Objekt { return r.versions[len(r.versions)-1] }
func (r *record) version() int64          { return int64(len(r.versions)) }
func (r *record) retired() bool {
	return r.current().Meta().Objektstatus == statusRetired
}

// feedEntry is a change with the municipality it concerns, for the feed's
// kommunkod filter.
type feedEntry struct {
	update1.Forandring
	kommunkod string
	at        time.Time
}

// store is the server's state. Every field is guarded by Server.mu.
type store struct {
	records map[okey]*record
	// ids lists each type's objects in creation order.
	ids map[update1.Objekttyp][]string
	// children indexes objects by the objects they refer to (entrances by
	// building and by address point, apartments by entrance, points by area,
	// areas by district …). It only grows; lookups check the current
	// version.
	children map[okey][]okey
	// byProperty indexes buildings and points by registerenhet.
	byProperty map[string][]okey

	properties    map[string]*registerenhet
	propertyIDs   []string
	byDesignation map[string]string

	feed    []feedEntry
	nextSeq int64
	// dropped is the highest sekvensnummer the retention window has removed.
	dropped int64

	brister     map[string]*update1.Brist
	bristIDs    []string
	arenden     map[string]*update1.Arende
	arendeIDs   []string
	arendeCount int

	idem      map[string]*idemEntry
	idemCount int
}

func newStore() *store {
	return &store{
		records:       map[okey]*record{},
		ids:           map[update1.Objekttyp][]string{},
		children:      map[okey][]okey{},
		byProperty:    map[string][]okey{},
		properties:    map[string]*registerenhet{},
		byDesignation: map[string]string{},
		nextSeq:       1,
		brister:       map[string]*update1.Brist{},
		arenden:       map[string]*update1.Arende{},
		idem:          map[string]*idemEntry{},
	}
}

// parents returns the objects o refers to, under which the children index
// files it.
func parents(o update1.Objekt) []okey {
	switch t := o.(type) {
	case *update1.Entre:
		ks := []okey{{update1.TypByggnad, t.Byggnad.Objektidentitet}}
		if t.Adressplats != nil {
			ks = append(ks, okey{update1.TypAdressplats, t.Adressplats.Objektidentitet})
		}
		return ks
	case *update1.Lagenhet:
		return []okey{{update1.TypEntre, t.Entre.Objektidentitet}}
	case *update1.Adressplats:
		switch {
		case t.Gardsadressomrade != nil:
			return []okey{{update1.TypGardsadressomrade, t.Gardsadressomrade.Objektidentitet}}
		case t.Adressomrade != nil:
			return []okey{{update1.TypAdressomrade, t.Adressomrade.Objektidentitet}}
		}
	case *update1.Adressomrade:
		return []okey{{update1.TypKommundel, t.Kommundel.Objektidentitet}}
	case *update1.Gardsadressomrade:
		return []okey{{update1.TypAdressomrade, t.Adressomrade.Objektidentitet}}
	}
	return nil
}

// propertiesOf returns the registerenheter o lies on or within.
func propertiesOf(o update1.Objekt) []string {
	switch t := o.(type) {
	case *update1.Byggnad:
		ids := make([]string, 0, len(t.LiggerPa)+len(t.BerorsAv))
		for _, r := range t.LiggerPa {
			ids = append(ids, r.Objektidentitet)
		}
		for _, r := range t.BerorsAv {
			ids = append(ids, r.Objektidentitet)
		}
		return ids
	case *update1.Adressplats:
		if t.Registerenhetsreferens != nil {
			return []string{t.Registerenhetsreferens.Objektidentitet}
		}
	}
	return nil
}

// index files r's current version in the indexes.
func (st *store) index(r *record) {
	k := okey{r.typ, r.id}
	for _, p := range parents(r.current()) {
		if !slices.Contains(st.children[p], k) {
			st.children[p] = append(st.children[p], k)
		}
	}
	for _, p := range propertiesOf(r.current()) {
		if !slices.Contains(st.byProperty[p], k) {
			st.byProperty[p] = append(st.byProperty[p], k)
		}
	}
}

// txn is a unit of writes: single writes and transactions alike. Reads go
// through it so that later members of a transaction see earlier ones.
type txn struct {
	st  *store
	now time.Time
	// writer is the municipality the writing application belongs to
	// (Credentials.Kommunkod); "" for Lantmäteriet's own writes, which may
	// touch any municipality's objects.
	writer  string
	pending map[okey]*record
	order   []okey
	changes []feedEntry
}

func (st *store) begin(now time.Time) *txn {
	return &txn{st: st, now: now, pending: map[okey]*record{}}
}

func (t *txn) get(typ update1.Objekttyp, id string) *record {
	k := okey{typ, id}
	if r, ok := t.pending[k]; ok {
		return r
	}
	return t.st.records[k]
}

// put stages r (a new record, or a copy of a stored one with a version
// added) and the change it makes.
func (t *txn) put(r *record, kind string) {
	k := okey{r.typ, r.id}
	if _, ok := t.pending[k]; !ok {
		t.order = append(t.order, k)
	}
	t.pending[k] = r
	t.changes = append(t.changes, feedEntry{
		Forandring: update1.Forandring{
			Objekttyp: r.typ, Objektidentitet: r.id, Objektversion: r.version(),
			Forandringstyp: kind, Tidpunkt: update1.NewTidpunkt(t.now),
		},
		kommunkod: r.kommunkod,
		at:        t.now,
	})
}

// children returns the objects filed under parent, the staged ones
// included. Callers check each one's current version.
func (t *txn) children(parent okey) []okey {
	out := slices.Clone(t.st.children[parent])
	for _, k := range t.order {
		if slices.Contains(parents(t.pending[k].current()), parent) && !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out
}

// commit applies the staged records and appends their changes to the feed.
func (t *txn) commit() []update1.Forandring {
	st := t.st
	for _, k := range t.order {
		r := t.pending[k]
		if _, existed := st.records[k]; !existed {
			st.ids[k.typ] = append(st.ids[k.typ], k.id)
		}
		st.records[k] = r
		st.index(r)
	}
	out := make([]update1.Forandring, 0, len(t.changes))
	for _, c := range t.changes {
		c.Sekvensnummer = st.nextSeq
		st.nextSeq++
		st.feed = append(st.feed, c)
		out = append(out, c.Forandring)
	}
	return out
}

// newRecord returns a record holding o as version 1.
func newRecord(o update1.Objekt, kommunkod string) *record {
	return &record{typ: o.Type(), id: o.Meta().Objektidentitet, versions: []update1.Objekt{o}, kommunkod: kommunkod}
}

// withVersion returns a copy of r with o added as the next version; the
// version it replaces gets its versionGiltigTill.
func (r *record) withVersion(o update1.Objekt, now time.Time) *record {
	c := *r
	c.versions = make([]update1.Objekt, len(r.versions), len(r.versions)+1)
	copy(c.versions, r.versions)
	last := c.versions[len(c.versions)-1].CloneObject()
	last.Meta().VersionGiltigTill = update1.NewTidpunkt(now)
	c.versions[len(c.versions)-1] = last
	c.versions = append(c.versions, o)
	return &c
}
