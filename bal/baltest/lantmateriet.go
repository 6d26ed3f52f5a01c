package baltest

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/google/uuid"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest/gen"
	"github.com/tjanstebaserad/bal-go/building"
	"github.com/tjanstebaserad/bal-go/casefile"
	"github.com/tjanstebaserad/bal-go/deficiency"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

// Lantmäteriet's own organisation, as it signs the changes it makes.
const lantmaterietOrganisation = "Lantmäteriet"

// lmAction is the Verksamhetsåtgärd Lantmäteriet records with its own
// changes.
func (s *Server) lmAction(typ update1.Objekttyp) update1.Verksamhetsatgard {
	a := update1.Verksamhetsatgard{AnsvarigOrganisation: s.opts.kommunkod, UtforandeOrganisation: lantmaterietOrganisation}
	if typ == update1.TypByggnad {
		a.Atgardstyp = "Ändrad byggnadsinformation"
	} else {
		a.Atgardstyp = actionsFor(string(typ)).Values()[1]
	}
	return a
}

// EditBuilding makes Lantmäteriet change a building, as when it updates
// buildings in an area it maintains: edit changes a copy of the current
// version (nil changes nothing), which is stored as the next version with
// Lantmäteriet's Verksamhetsåtgärd "Ändrad byggnadsinformation", entering
// the change feed. A client that read the building before now holds a stale
// objektversion, and its next change meets 409 BAL-0409 (a
// *bal.ConflictError). The edit goes through the server's rules like any
// other write; its identity, version and recorded action are the server's.
// edit runs while the server holds its lock, so it must not call the server.
func (s *Server) EditBuilding(id bal.ObjectID, edit func(*building.Building)) (*bal.Receipt, error) {
	k, err := s.editBuilding(id.String(), func(w *update1.Byggnad) {
		if edit == nil {
			return
		}
		b := fromWire[building.Building](w)
		edit(b)
		*w = *toWire(b).(*update1.Byggnad)
	})
	if err != nil {
		return nil, err
	}
	return receiptOf(k), nil
}

// editBuilding is EditBuilding on the stored struct.
func (s *Server) editBuilding(id string, edit func(*update1.Byggnad)) (*update1.Kvitto, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.st.begin(s.now())
	rec := t.get(update1.TypByggnad, id)
	if rec == nil {
		return nil, fmt.Errorf("baltest: edit building %s: %w", id, errf(http.StatusNotFound, CodeNotFound, "byggnad does not exist"))
	}
	b := rec.current().(*update1.Byggnad).Clone()
	b.Verksamhetsatgard = nil
	if edit != nil {
		edit(b)
	}
	b.Objektidentitet, b.Objektversion = id, rec.version()
	k, e := s.change(t, id, s.lmAction(update1.TypByggnad), b)
	if e != nil {
		return nil, fmt.Errorf("baltest: edit building %s: %w", id, e)
	}
	t.commit()
	return k, nil
}

// RaiseDeficiency makes Lantmäteriet's quality control raise an open brist
// of type typ (deficiency.TypeBuildingWithoutAddress …) with the
// description on the object obj names, with the registerenhet the object
// lies on. It returns a copy of the brist.
func (s *Server) RaiseDeficiency(obj bal.ObjectRef, typ deficiency.Type, description string) (*deficiency.Deficiency, error) {
	b, err := s.raiseDeficiency(update1.Objektreferens{Objekttyp: update1.Objekttyp(obj.Type), Objektidentitet: obj.ID.String()},
		string(typ), description)
	if err != nil {
		return nil, err
	}
	return deficiencyOf(b), nil
}

// raiseDeficiency is RaiseDeficiency in the binding's terms.
func (s *Server) raiseDeficiency(ref update1.Objektreferens, bristtyp, beskrivning string) (*update1.Brist, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rec := s.st.records[okey{ref.Objekttyp, ref.Objektidentitet}]
	if rec == nil {
		return nil, fmt.Errorf("baltest: raise brist: %s %s does not exist", ref.Objekttyp, ref.Objektidentitet)
	}
	return s.raise(rec, bristtyp, beskrivning).Clone(), nil
}

func (s *Server) raise(rec *record, bristtyp, beskrivning string) *update1.Brist {
	now := update1.NewTidpunkt(s.now())
	b := &update1.Brist{
		Objektidentitet: uuid.NewString(), Objektversion: 1, Bristtyp: bristtyp, Status: update1.BristOppen,
		Beskrivning: beskrivning, Kommunkod: rec.kommunkod,
		Objekt: &update1.Objektreferens{Objekttyp: rec.typ, Objektidentitet: rec.id},
		Skapad: now, Andrad: now,
	}
	if ps := s.propertiesOfRecord(rec); len(ps) > 0 {
		b.Registerenhet = &update1.Registerenhetsreferens{Objektidentitet: ps[0]}
		if p := s.st.properties[ps[0]]; p != nil {
			b.Registerenhet.Beteckning = p.Beteckning
		}
	}
	s.st.addDeficiency(b)
	return b
}

// RunQualityCheck makes Lantmäteriet's quality control look at the data:
// every main building (huvudbyggnad, not exempt from addressing, not
// retired) without an entrance that has an address gets an open brist
// "Byggnad saknar adress" (deficiency.TypeBuildingWithoutAddress), unless it
// already has one. It returns copies of the brister raised.
func (s *Server) RunQualityCheck() []*deficiency.Deficiency {
	var out []*deficiency.Deficiency
	for _, b := range s.runQualityCheck() {
		out = append(out, deficiencyOf(b))
	}
	return out
}

// runQualityCheck is RunQualityCheck in the binding's terms.
func (s *Server) runQualityCheck() []*update1.Brist {
	s.mu.Lock()
	defer s.mu.Unlock()
	open := map[string]bool{}
	for _, id := range s.st.bristIDs {
		if b := s.st.brister[id]; b.Status == update1.BristOppen && b.Objekt != nil && b.Bristtyp == "Byggnad saknar adress" {
			open[b.Objekt.Objektidentitet] = true
		}
	}
	var raised []*update1.Brist
	for _, id := range s.st.ids[update1.TypByggnad] {
		rec := s.st.records[okey{update1.TypByggnad, id}]
		b := rec.current().(*update1.Byggnad)
		a := b.Byggnadsattribut
		if rec.retired() || open[id] || a.Huvudbyggnad == nil || !*a.Huvudbyggnad ||
			a.UndantagenFranAdressattning != nil && *a.UndantagenFranAdressattning || s.hasAddress(id) {
			continue
		}
		raised = append(raised, s.raise(rec, "Byggnad saknar adress",
			"Huvudbyggnaden saknar entré med belägenhetsadress.").Clone())
	}
	return raised
}

// hasAddress reports whether a building has a current entrance with an
// address point.
func (s *Server) hasAddress(building string) bool {
	for _, k := range s.st.children[okey{update1.TypByggnad, building}] {
		e := s.st.records[k]
		if k.typ != update1.TypEntre || e == nil || e.retired() {
			continue
		}
		if x := e.current().(*update1.Entre); x.Byggnad.Objektidentitet == building && x.Adressplats != nil {
			return true
		}
	}
	return false
}

// FormProperty makes Lantmäteriet register a property formation
// (fastighetsbildning, here an avstyckning): a new registerenhet is split
// off from the one with identity from, the buildings given (none means the
// first building on the property) move to it together with the address
// points of their entrances, as new versions by Lantmäteriet in the change
// feed, and a Fastighetsbildningsärende (casefile.TypePropertyFormation)
// names both properties and the objects moved. It returns copies of the case
// and the new property.
func (s *Server) FormProperty(from bal.ObjectID, buildings ...bal.ObjectID) (*casefile.Case, gen.Property, error) {
	ids := make([]string, len(buildings))
	for i, b := range buildings {
		ids[i] = b.String()
	}
	a, p, err := s.formProperty(from.String(), ids...)
	if err != nil {
		return nil, gen.Property{}, err
	}
	return caseOf(a), p.property(), nil
}

// formProperty is FormProperty in the binding's terms.
func (s *Server) formProperty(from string, buildings ...string) (*update1.Arende, *registerenhet, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	old := s.st.properties[from]
	if old == nil {
		return nil, nil, fmt.Errorf("baltest: form property: registerenhet %s does not exist", from)
	}
	if len(buildings) == 0 {
		for _, k := range s.st.byProperty[from] {
			if r := s.st.records[k]; k.typ == update1.TypByggnad && r != nil && !r.retired() {
				buildings = append(buildings, k.id)
				break
			}
		}
	}
	np := &registerenhet{
		Objektidentitet: uuid.NewString(), Trakt: old.Trakt, Block: old.Block, Typ: old.Typ, Kommunkod: old.Kommunkod,
		Omrade: old.Omrade,
	}
	for n := old.Enhet + 1000; ; n++ {
		d := fmt.Sprintf("%s %d:%d", strings.TrimSuffix(old.Beteckning, fmt.Sprintf(" %d:%d", old.Block, old.Enhet)), old.Block, n)
		if _, taken := s.st.byDesignation[strings.ToLower(d)]; !taken {
			np.Enhet, np.Beteckning = n, d
			break
		}
	}
	s.st.addProperty(np)

	t := s.st.begin(s.now())
	moved := []update1.Objektreferens{}
	for _, id := range buildings {
		rec := t.get(update1.TypByggnad, id)
		if rec == nil {
			return nil, nil, fmt.Errorf("baltest: form property: byggnad %s does not exist", id)
		}
		b := rec.current().(*update1.Byggnad).Clone()
		for i := range b.LiggerPa {
			if b.LiggerPa[i].Objektidentitet == from {
				b.LiggerPa[i] = update1.Registerenhetsreferens{Objektidentitet: np.Objektidentitet}
			}
		}
		if _, e := s.change(t, id, s.lmAction(update1.TypByggnad), b); e != nil {
			return nil, nil, fmt.Errorf("baltest: form property: %w", e)
		}
		moved = append(moved, update1.Objektreferens{Objekttyp: update1.TypByggnad, Objektidentitet: id})
		for _, k := range s.st.children[okey{update1.TypByggnad, id}] {
			e := t.get(k.typ, k.id)
			if k.typ != update1.TypEntre || e == nil || e.current().(*update1.Entre).Adressplats == nil {
				continue
			}
			pid := e.current().(*update1.Entre).Adressplats.Objektidentitet
			pr := t.get(update1.TypAdressplats, pid)
			if pr == nil || pr.retired() {
				continue
			}
			p := pr.current().(*update1.Adressplats).Clone()
			if p.Registerenhetsreferens == nil || p.Registerenhetsreferens.Objektidentitet != from {
				continue
			}
			p.Registerenhetsreferens = &update1.Registerenhetsreferens{Objektidentitet: np.Objektidentitet}
			if _, e := s.change(t, pid, s.lmAction(update1.TypAdressplats), p); e != nil {
				return nil, nil, fmt.Errorf("baltest: form property: %w", e)
			}
			moved = append(moved, update1.Objektreferens{Objekttyp: update1.TypAdressplats, Objektidentitet: pid})
		}
	}
	t.commit()

	now := update1.NewTidpunkt(s.now())
	s.st.arendeCount++
	a := &update1.Arende{
		Objektidentitet: uuid.NewString(), Objektversion: 1,
		Arendenummer: fmt.Sprintf("AB%06d", 200000+s.st.arendeCount*7919%800000),
		Arendetyp:    update1.ArendeFastighetsbildning, Status: update1.ArendeInkommen,
		Beskrivning: fmt.Sprintf("Avstyckning från %s har registrerats; %s har bildats. Kontrollera byggnader och adresser.",
			old.Beteckning, np.Beteckning),
		Kommunkod: old.Kommunkod,
		Registerenhet: []update1.Registerenhetsreferens{
			{Objektidentitet: old.Objektidentitet, Beteckning: old.Beteckning, Typ: old.Typ},
			{Objektidentitet: np.Objektidentitet, Beteckning: np.Beteckning, Typ: np.Typ},
		},
		Objekt: moved, Skapad: now, Andrad: now,
	}
	s.st.addCase(a)
	c := *np
	return a.Clone(), &c, nil
}

// propertyAt returns the registerenhet whose area contains the point (E, N
// in SWEREF 99 TM), nil when none does. The caller holds the lock.
func (s *Server) propertyAt(e, n float64) *registerenhet {
	for _, id := range s.st.propertyIDs {
		p := s.st.properties[id]
		if p.Omrade == nil {
			continue
		}
		if b := boxOf(p.Omrade); e < b.minX || e > b.maxX || n < b.minY || n > b.maxY {
			continue
		}
		sh, err := toShape(p.Omrade)
		if err == nil && sh.contains([2]float64{e, n}) {
			return p
		}
	}
	return nil
}

// RaiseCase makes Lantmäteriet open a case (ärende) of type typ
// (casefile.TypeMaintenance, TypeQuality, TypePropertyFormation) with the
// description about the objects given, with the registerenheter they lie
// on. It returns a copy of the case, status Inkommen.
func (s *Server) RaiseCase(typ casefile.Type, description string, objects ...bal.ObjectRef) (*casefile.Case, error) {
	refs := make([]update1.Objektreferens, len(objects))
	for i, o := range objects {
		refs[i] = update1.Objektreferens{Objekttyp: update1.Objekttyp(o.Type), Objektidentitet: o.ID.String()}
	}
	a, err := s.raiseCase(string(typ), description, refs...)
	if err != nil {
		return nil, err
	}
	return caseOf(a), nil
}

// raiseCase is RaiseCase in the binding's terms.
func (s *Server) raiseCase(arendetyp, beskrivning string, objects ...update1.Objektreferens) (*update1.Arende, error) {
	if !caseTypes.Known(arendetyp) {
		return nil, fmt.Errorf("baltest: raise case: %q is not an ärendetyp", arendetyp)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := update1.NewTidpunkt(s.now())
	s.st.arendeCount++
	a := &update1.Arende{
		Objektidentitet: uuid.NewString(), Objektversion: 1,
		Arendenummer: fmt.Sprintf("AB%06d", 200000+s.st.arendeCount*7919%800000),
		Arendetyp:    arendetyp, Status: update1.ArendeInkommen, Beskrivning: beskrivning, Kommunkod: s.opts.kommunkod,
		Skapad: now, Andrad: now,
	}
	seen := map[string]bool{}
	for _, ref := range objects {
		rec := s.st.records[okey{ref.Objekttyp, ref.Objektidentitet}]
		if rec == nil {
			return nil, fmt.Errorf("baltest: raise case: %s %s does not exist", ref.Objekttyp, ref.Objektidentitet)
		}
		a.Objekt = append(a.Objekt, ref)
		for _, pid := range s.propertiesOfRecord(rec) {
			if p := s.st.properties[pid]; p != nil && !seen[pid] {
				seen[pid] = true
				a.Registerenhet = append(a.Registerenhet, update1.Registerenhetsreferens{Objektidentitet: pid, Beteckning: p.Beteckning, Typ: p.Typ})
			}
		}
	}
	s.st.addCase(a)
	return a.Clone(), nil
}

// SetCaseStatus makes Lantmäteriet move a case to status st, e.g. close it
// (casefile.StatusClosed) from its side so that a client waiting for it
// sees the change: the case gets the next objektversion and changed set to
// now. It returns a copy of the case.
func (s *Server) SetCaseStatus(id bal.ObjectID, st casefile.Status) (*casefile.Case, error) {
	a, err := s.editCase(id.String(), func(a *update1.Arende) { a.Status = string(st) })
	if err != nil {
		return nil, err
	}
	return caseOf(a), nil
}

// editCase makes Lantmäteriet change a case: edit changes a copy, which is
// stored with the next objektversion and andrad set to now.
func (s *Server) editCase(id string, edit func(*update1.Arende)) (*update1.Arende, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.st.arenden[id]
	if a == nil {
		return nil, fmt.Errorf("baltest: edit case: ärende %s does not exist", id)
	}
	next := a.Clone()
	if edit != nil {
		edit(next)
	}
	next.Objektidentitet, next.Objektversion = id, a.Objektversion+1
	next.Andrad = update1.NewTidpunkt(s.now())
	s.st.arenden[id] = next
	return next.Clone(), nil
}

// SetDeficiencyStatus makes Lantmäteriet move a brist to status st, e.g.
// mark it handled (deficiency.StatusHandled) from its side: the brist gets
// the next objektversion and changed set to now. It returns a copy of the
// brist.
func (s *Server) SetDeficiencyStatus(id bal.ObjectID, st deficiency.Status) (*deficiency.Deficiency, error) {
	b, err := s.editDeficiency(id.String(), func(b *update1.Brist) { b.Status = string(st) })
	if err != nil {
		return nil, err
	}
	return deficiencyOf(b), nil
}

// editDeficiency makes Lantmäteriet change a deficiency: edit changes a
// copy, stored with the next objektversion and andrad set to now.
func (s *Server) editDeficiency(id string, edit func(*update1.Brist)) (*update1.Brist, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	b := s.st.brister[id]
	if b == nil {
		return nil, fmt.Errorf("baltest: edit deficiency: brist %s does not exist", id)
	}
	next := b.Clone()
	if edit != nil {
		edit(next)
	}
	next.Objektidentitet, next.Objektversion = id, b.Objektversion+1
	next.Andrad = update1.NewTidpunkt(s.now())
	s.st.brister[id] = next
	return next.Clone(), nil
}
