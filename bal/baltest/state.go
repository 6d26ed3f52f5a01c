package baltest

import (
	"fmt"
	"strings"

	"github.com/tjanstebaserad/bal-go/address"
	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest/gen"
	"github.com/tjanstebaserad/bal-go/building"
	"github.com/tjanstebaserad/bal-go/casefile"
	"github.com/tjanstebaserad/bal-go/deficiency"
	"github.com/tjanstebaserad/bal-go/internal/objects"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

// baseData is a loaded dataset as the store holds it: the binding's
// structs, mapped by the model packages, and what the control API shows of
// the dataset.
type baseData struct {
	kommunkod  string
	kommunnamn string
	zone       int
	center     [2]float64
	properties []*registerenhet
	objects    []update1.Objekt
	brister    []*update1.Brist
	arenden    []*update1.Arende
}

// load puts a dataset into the store, without checking it (the
// generator's own tests check that its data passes the rules).
func (s *Server) load(d *gen.Dataset) {
	b := &baseData{
		kommunkod: s.opts.kommunkod, kommunnamn: d.Config.Kommunnamn, zone: d.Config.Zone, center: d.Center,
		properties: make([]*registerenhet, len(d.Properties)),
		objects: make([]update1.Objekt, 0, len(d.Districts)+len(d.Areas)+len(d.CourtyardAreas)+len(d.Points)+
			len(d.Buildings)+len(d.Entrances)+len(d.Apartments)),
		brister: make([]*update1.Brist, len(d.Deficiencies)),
		arenden: make([]*update1.Arende, len(d.Cases)),
	}
	if d.Config.Kommunkod != "" {
		b.kommunkod = d.Config.Kommunkod
	}
	for i, p := range d.Properties {
		b.properties[i] = newRegisterenhet(*p)
	}
	// The mapping formats each object's times afresh; a generated
	// municipality has a handful of distinct ones, which the objects share
	// (tens of MB at 100 000 buildings).
	times := map[update1.Tidpunkt]update1.Tidpunkt{}
	intern := func(t *update1.Tidpunkt) {
		if v, ok := times[*t]; ok {
			*t = v
		} else {
			times[*t] = *t
		}
	}
	for _, m := range d.Objects() {
		o := toWire(m)
		intern(&o.Meta().VersionGiltigFran)
		if a := o.Action(); a != nil {
			intern(&a.Atgardstidpunkt)
		}
		b.objects = append(b.objects, o)
	}
	for i, x := range d.Deficiencies {
		b.brister[i] = bristToWire(x)
	}
	for i, x := range d.Cases {
		b.arenden[i] = arendeToWire(x)
	}
	s.base = b
	s.loadBase()
}

// loadBase fills the store with the base data. With WithInitialFeed every
// object also enters the change feed as "Ny".
func (s *Server) loadBase() {
	b := s.base
	s.opts.kommunkod = b.kommunkod
	st := s.st
	if len(st.records) == 0 {
		// Sized once: growing maps of hundreds of thousands of entries
		// costs more than filling them.
		st.records = make(map[okey]*record, len(b.objects))
		st.children = make(map[okey][]okey, len(b.objects)/2)
		st.byProperty = make(map[string][]okey, len(b.properties))
		st.properties = make(map[string]*registerenhet, len(b.properties))
		st.byDesignation = make(map[string]string, len(b.properties))
	}
	for _, p := range b.properties {
		st.addProperty(p)
	}
	for _, o := range b.objects {
		r := newRecord(o, b.kommunkod)
		k := okey{r.typ, r.id}
		st.records[k] = r
		st.ids[r.typ] = append(st.ids[r.typ], r.id)
		st.index(r)
		if s.opts.initialFeed {
			st.feed = append(st.feed, feedEntry{
				Forandring: update1.Forandring{
					Sekvensnummer: st.nextSeq, Objekttyp: r.typ, Objektidentitet: r.id, Objektversion: 1,
					Forandringstyp: update1.ForandringNy, Tidpunkt: o.Meta().VersionGiltigFran,
				},
				kommunkod: r.kommunkod,
				// Loaded data counts as changed now, so that the retention
				// window does not drop it at once.
				at: s.clock.Now(),
			})
			st.nextSeq++
		}
	}
	for _, x := range b.brister {
		st.addDeficiency(x)
	}
	for _, x := range b.arenden {
		st.addCase(x)
	}
}

func (st *store) addProperty(p *registerenhet) {
	if _, ok := st.properties[p.Objektidentitet]; !ok {
		st.propertyIDs = append(st.propertyIDs, p.Objektidentitet)
	}
	st.properties[p.Objektidentitet] = p
	st.byDesignation[strings.ToLower(p.Beteckning)] = p.Objektidentitet
}

// Dataset returns the dataset the server was loaded with, nil with
// WithoutData. It reflects the data at start, not later writes; do not
// change it. A dataset the server generated (WithData, or no option) is
// not kept beside the server's own store: the first call generates it
// again from its Config, which gives the same data.
func (s *Server) Dataset() *gen.Dataset {
	s.datasetOnce.Do(func() {
		if s.dataset != nil || s.opts.genConfig == nil {
			return
		}
		d, err := gen.Generate(*s.opts.genConfig)
		if err != nil {
			// The same configuration generated the server's data.
			panic(fmt.Sprintf("baltest: %v", err))
		}
		s.dataset = d
	})
	return s.dataset
}

// Kommunkod returns the municipality code of the loaded data (or 2199).
func (s *Server) Kommunkod() string { return s.opts.kommunkod }

// Object is the constraint of Get, Objects and Put: the seven BAL object
// types of packages building and address.
type Object interface {
	building.Building | building.Entrance | building.Apartment |
		address.Point | address.Area | address.CourtyardArea | address.District
}

// Get returns a copy of the current version of the object of type T with
// the identity id, as the update services would answer it (references with
// their labels), or false when the server holds none.
//
//	b, ok := baltest.Get[building.Building](srv, id)
func Get[T Object](s *Server, id bal.ObjectID) (*T, bool) {
	typ := wireType[T]()
	s.mu.RLock()
	defer s.mu.RUnlock()
	r := s.st.records[okey{typ, id.String()}]
	if r == nil {
		return nil, false
	}
	return fromWire[T](s.enrich(r.current())), true
}

// Objects returns copies of the current versions of every object of type
// T, in creation order, retired ones included.
//
//	for _, p := range baltest.Objects[address.Point](srv) { … }
func Objects[T Object](s *Server) []*T {
	typ := wireType[T]()
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]*T, 0, len(s.st.ids[typ]))
	for _, id := range s.st.ids[typ] {
		out = append(out, fromWire[T](s.enrich(s.st.records[okey{typ, id}].current())))
	}
	return out
}

// Put stores obj as Lantmäteriet would have it, with the Verksamhetsåtgärd
// action, through the same rules a create or change over HTTP meets, and
// enters it in the change feed. An object with a new (or zero) ID is
// created; one with the ID of a stored object is changed, and its Version
// must be the current objektversion. Unlike a client's write, Put keeps
// what only Lantmäteriet sets (an address point's PostalCode, PostTown and
// RegistrationDistrict). The receipt has the identity and version the
// object has now.
func Put[T Object](s *Server, obj *T, action bal.Action) (*bal.Receipt, error) {
	if obj == nil {
		return nil, fmt.Errorf("baltest: put: no object")
	}
	k, err := s.put(objects.ActionToWire(action), toWire(obj))
	if err != nil {
		return nil, err
	}
	return receiptOf(k), nil
}

// Count returns how many objects of type typ the server holds, retired
// ones included.
func (s *Server) Count(typ bal.ObjectType) int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.st.ids[update1.Objekttyp(typ)])
}

// Meta returns the bal.Meta of the current version of the object ref names
// (objektidentitet, objektversion, validity, objektstatus and the recorded
// Verksamhetsåtgärd), whatever its type, or false when the server holds no
// such object.
func (s *Server) Meta(ref bal.ObjectRef) (bal.Meta, bool) {
	o, ok := s.object(update1.Objekttyp(ref.Type), ref.ID.String())
	if !ok {
		return bal.Meta{}, false
	}
	return metaOf(o), true
}

// Changes returns the change feed the server still keeps (förändringar),
// oldest first, each change with the checkpoint a client resumes after it
// from.
func (s *Server) Changes() []bal.Change {
	fs := s.changeList()
	out := make([]bal.Change, len(fs))
	for i, f := range fs {
		out[i] = changeOf(f)
	}
	return out
}

// Deficiencies returns copies of every brist, in the order raised.
func (s *Server) Deficiencies() []*deficiency.Deficiency {
	bs := s.brister()
	out := make([]*deficiency.Deficiency, len(bs))
	for i, b := range bs {
		out[i] = deficiencyOf(b)
	}
	return out
}

// Deficiency returns a copy of one brist.
func (s *Server) Deficiency(id bal.ObjectID) (*deficiency.Deficiency, bool) {
	b, ok := s.brist(id.String())
	if !ok {
		return nil, false
	}
	return deficiencyOf(b), true
}

// Cases returns copies of every ärende, in the order raised.
func (s *Server) Cases() []*casefile.Case {
	as := s.arenden()
	out := make([]*casefile.Case, len(as))
	for i, a := range as {
		out[i] = caseOf(a)
	}
	return out
}

// Case returns a copy of one ärende.
func (s *Server) Case(id bal.ObjectID) (*casefile.Case, bool) {
	a, ok := s.arende(id.String())
	if !ok {
		return nil, false
	}
	return caseOf(a), true
}

// Properties returns every registerenhet, in the order added.
func (s *Server) Properties() []gen.Property {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]gen.Property, 0, len(s.st.propertyIDs))
	for _, id := range s.st.propertyIDs {
		out = append(out, s.st.properties[id].property())
	}
	return out
}

// PropertyByDesignation returns the registerenhet with the designation
// ("Exempelby Backa 1:23"), in any case.
func (s *Server) PropertyByDesignation(designation string) (gen.Property, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	id, ok := s.st.byDesignation[strings.ToLower(strings.TrimSpace(designation))]
	if !ok {
		return gen.Property{}, false
	}
	return s.st.properties[id].property(), true
}

// AddProperty adds (or replaces) a registerenhet, for tests that build
// their own data on an empty server; a zero ID gets a new one. It returns
// the property as stored.
func (s *Server) AddProperty(p gen.Property) gen.Property {
	if p.ID.IsZero() {
		p.ID = bal.NewObjectID()
	}
	if p.Type == "" {
		p.Type = bal.PropertyTypeProperty
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.addProperty(newRegisterenhet(p))
	return p
}

// The fake's own view of its state, in the binding's structs, for the
// control API and the package's tests.

// object returns a copy of the current version of an object.
func (s *Server) object(typ update1.Objekttyp, id string) (update1.Objekt, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	r := s.st.records[okey{typ, id}]
	if r == nil {
		return nil, false
	}
	return r.current().CloneObject(), true
}

// objectVersion returns a copy of version v of an object.
func (s *Server) objectVersion(typ update1.Objekttyp, id string, v int64) (update1.Objekt, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	r := s.st.records[okey{typ, id}]
	if r == nil || v < 1 || v > r.version() {
		return nil, false
	}
	return r.versions[v-1].CloneObject(), true
}

// objects returns copies of the current versions of every object of type
// typ, in creation order.
func (s *Server) objects(typ update1.Objekttyp) []update1.Objekt {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]update1.Objekt, 0, len(s.st.ids[typ]))
	for _, id := range s.st.ids[typ] {
		out = append(out, s.st.records[okey{typ, id}].current().CloneObject())
	}
	return out
}

// changeList returns a copy of the change feed the server still keeps.
func (s *Server) changeList() []update1.Forandring {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]update1.Forandring, len(s.st.feed))
	for i, c := range s.st.feed {
		out[i] = c.Forandring
	}
	return out
}

// brister returns copies of every brist, in the order raised.
func (s *Server) brister() []*update1.Brist {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]*update1.Brist, 0, len(s.st.bristIDs))
	for _, id := range s.st.bristIDs {
		out = append(out, s.st.brister[id].Clone())
	}
	return out
}

// brist returns a copy of one brist.
func (s *Server) brist(id string) (*update1.Brist, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	b := s.st.brister[id]
	return b.Clone(), b != nil
}

// arenden returns copies of every ärende, in the order raised.
func (s *Server) arenden() []*update1.Arende {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]*update1.Arende, 0, len(s.st.arendeIDs))
	for _, id := range s.st.arendeIDs {
		out = append(out, s.st.arenden[id].Clone())
	}
	return out
}

// arende returns a copy of one ärende.
func (s *Server) arende(id string) (*update1.Arende, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	a := s.st.arenden[id]
	return a.Clone(), a != nil
}

// put stores o through the rules of a create or change over HTTP, the
// action recorded with the version, and enters it in the change feed: a
// new identity is created, an existing one changed (o's objektversion must
// be the current one).
func (s *Server) put(a update1.Verksamhetsatgard, o update1.Objekt) (*update1.Kvitto, error) {
	o = o.CloneObject()
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.st.begin(s.now())
	var k *update1.Kvitto
	var e *apiError
	if id := o.Meta().Objektidentitet; id != "" && t.get(o.Type(), id) != nil {
		k, e = s.change(t, id, a, o)
	} else {
		k, e = s.create(t, a, o)
	}
	if e != nil {
		return nil, fmt.Errorf("baltest: put %s: %w", o.Type(), e)
	}
	t.commit()
	return k, nil
}
