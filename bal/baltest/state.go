package baltest

import (
	"fmt"
	"strings"

	"github.com/tjanstebaserad/bal-go/bal/baltest/gen"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

// load puts a generated dataset into the store, without checking it (the
// generator's own tests check that its data passes the rules). With
// WithInitialFeed every object also enters the change feed as "Ny".
func (s *Server) load(d *gen.Dataset) {
	s.dataset = d
	s.opts.kommunkod = d.Kommun.Kommunkod
	st := s.st
	objects := d.Objects()
	if len(st.records) == 0 {
		// Sized once: growing maps of hundreds of thousands of entries
		// costs more than filling them.
		st.records = make(map[okey]*record, len(objects))
		st.children = make(map[okey][]okey, len(d.Byggnader)+len(d.Entreer)+len(d.Adressplatser)+len(d.Adressomraden))
		st.byProperty = make(map[string][]okey, len(d.Registerenheter))
		st.properties = make(map[string]*gen.Registerenhet, len(d.Registerenheter))
		st.byDesignation = make(map[string]string, len(d.Registerenheter))
	}
	for _, p := range d.Registerenheter {
		st.addProperty(p)
	}
	for _, o := range objects {
		r := newRecord(o, d.Kommun.Kommunkod)
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
	for _, b := range d.Brister {
		st.addDeficiency(b)
	}
	for _, a := range d.Arenden {
		st.addCase(a)
	}
}

func (st *store) addProperty(p *gen.Registerenhet) {
	if _, ok := st.properties[p.Objektidentitet]; !ok {
		st.propertyIDs = append(st.propertyIDs, p.Objektidentitet)
	}
	st.properties[p.Objektidentitet] = p
	st.byDesignation[strings.ToLower(p.Beteckning)] = p.Objektidentitet
}

// Dataset returns the generated dataset the server was loaded with, nil
// with WithoutData. It reflects the data at start, not later writes; do not
// change it.
func (s *Server) Dataset() *gen.Dataset { return s.dataset }

// Kommunkod returns the municipality code of the loaded data (or 2199).
func (s *Server) Kommunkod() string { return s.opts.kommunkod }

// Object returns a copy of the current version of the object of type typ
// with identity id.
func (s *Server) Object(typ update1.Objekttyp, id string) (update1.Objekt, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	r := s.st.records[okey{typ, id}]
	if r == nil {
		return nil, false
	}
	return r.current().CloneObject(), true
}

// ObjectVersion returns a copy of version v of an object.
func (s *Server) ObjectVersion(typ update1.Objekttyp, id string, v int64) (update1.Objekt, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	r := s.st.records[okey{typ, id}]
	if r == nil || v < 1 || v > r.version() {
		return nil, false
	}
	return r.versions[v-1].CloneObject(), true
}

// Objects returns copies of the current versions of every object of type
// typ, in creation order.
func (s *Server) Objects(typ update1.Objekttyp) []update1.Objekt {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]update1.Objekt, 0, len(s.st.ids[typ]))
	for _, id := range s.st.ids[typ] {
		out = append(out, s.st.records[okey{typ, id}].current().CloneObject())
	}
	return out
}

// Count returns how many objects of type typ the server holds, retired
// ones included.
func (s *Server) Count(typ update1.Objekttyp) int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.st.ids[typ])
}

// Building returns a copy of the current version of a byggnad.
func (s *Server) Building(id string) (*update1.Byggnad, bool) {
	o, ok := s.Object(update1.TypByggnad, id)
	if !ok {
		return nil, false
	}
	return o.(*update1.Byggnad), true
}

// AddressPoint returns a copy of the current version of an adressplats.
func (s *Server) AddressPoint(id string) (*update1.Adressplats, bool) {
	o, ok := s.Object(update1.TypAdressplats, id)
	if !ok {
		return nil, false
	}
	return o.(*update1.Adressplats), true
}

// Changes returns a copy of the change feed the server still keeps.
func (s *Server) Changes() []update1.Forandring {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]update1.Forandring, len(s.st.feed))
	for i, c := range s.st.feed {
		out[i] = c.Forandring
	}
	return out
}

// Deficiencies returns copies of every brist, in the order raised.
func (s *Server) Deficiencies() []*update1.Brist {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]*update1.Brist, 0, len(s.st.bristIDs))
	for _, id := range s.st.bristIDs {
		out = append(out, s.st.brister[id].Clone())
	}
	return out
}

// Deficiency returns a copy of one brist.
func (s *Server) Deficiency(id string) (*update1.Brist, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	b := s.st.brister[id]
	return b.Clone(), b != nil
}

// Cases returns copies of every ärende, in the order raised.
func (s *Server) Cases() []*update1.Arende {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]*update1.Arende, 0, len(s.st.arendeIDs))
	for _, id := range s.st.arendeIDs {
		out = append(out, s.st.arenden[id].Clone())
	}
	return out
}

// Case returns a copy of one ärende.
func (s *Server) Case(id string) (*update1.Arende, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	a := s.st.arenden[id]
	return a.Clone(), a != nil
}

// Properties returns copies of every registerenhet, in the order added.
func (s *Server) Properties() []gen.Registerenhet {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]gen.Registerenhet, 0, len(s.st.propertyIDs))
	for _, id := range s.st.propertyIDs {
		p := *s.st.properties[id]
		out = append(out, p)
	}
	return out
}

// PropertyByDesignation returns the registerenhet with the designation
// ("Exempelby Backa 1:23"), in any case.
func (s *Server) PropertyByDesignation(designation string) (gen.Registerenhet, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	id, ok := s.st.byDesignation[strings.ToLower(strings.TrimSpace(designation))]
	if !ok {
		return gen.Registerenhet{}, false
	}
	return *s.st.properties[id], true
}

// AddProperty adds (or replaces) a registerenhet, for tests that build
// their own data on an empty server.
func (s *Server) AddProperty(p gen.Registerenhet) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.addProperty(&p)
}

// Put stores o as Lantmäteriet would have it, through the same rules a
// create or change over HTTP meets, and enters it in the change feed. A
// new identity is created, an existing one changed (o's objektversion must
// be the current one). The action is recorded with the version.
func (s *Server) Put(a update1.Verksamhetsatgard, o update1.Objekt) (*update1.Kvitto, error) {
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
