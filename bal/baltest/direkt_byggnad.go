package baltest

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/tjanstebaserad/bal-go/internal/wire/direkt"
	"github.com/tjanstebaserad/bal-go/internal/wire/direkt/byggnad3"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

// Byggnad Direkt v3's includeData subsets.
var buildingSubsets = []string{"basinformation", "berorkrets", "geometri"}

// toByggnad3 maps a stored building to Byggnad Direkt v3, as much of it as
// the query's subsets ask for. The caller holds the read lock.
func (s *Server) toByggnad3(rec *record, q readQuery) byggnad3.Byggnad {
	b := rec.current().(*update1.Byggnad)
	out := byggnad3.Byggnad{Objektidentitet: b.Objektidentitet, Objektstatus: b.Objektstatus}
	if q.has("basinformation") {
		a := b.Byggnadsattribut
		out.Byggnadsattribut = &byggnad3.Byggnadsattribut{
			Objektidentitet: b.Objektidentitet, Objektversion: b.Objektversion,
			VersionGiltigFran: string(b.VersionGiltigFran), VersionGiltigTill: string(b.VersionGiltigTill),
			Husnummer: a.Husnummer, Nybyggnadsar: a.Nybyggnadsar, Tillbyggnadsar: a.Tillbyggnadsar,
			UndantagenFranAdressattning: isTrue(a.UndantagenFranAdressattning), Huvudbyggnad: isTrue(a.Huvudbyggnad),
			OfriGrund: isTrue(a.OfriGrund), Byggnadsservitut: isTrue(a.Byggnadsservitut),
		}
		for _, x := range b.Byggnadsanmarkning {
			out.Byggnadsanmarkning = append(out.Byggnadsanmarkning, byggnad3.Anmarkning(x))
		}
		for _, x := range b.Byggnadsnamn {
			out.Byggnadsnamn = append(out.Byggnadsnamn, byggnad3.Byggnadsnamn{Namn: x.Namn, Namntyp: x.Namntyp, Ortid: direkt.Number(x.Ortid)})
		}
		for _, x := range b.Byggnadsandamal {
			p := byggnad3.Andamal{Typ: x.Kategori, Andamal: x.Andamal, Huvudandamal: isTrue(x.Huvudandamal), OsakertAndamal: isTrue(x.OsakertAndamal)}
			if x.TotalBoarea != nil {
				p.TotalBoarea = direkt.Number(fmtFloat(*x.TotalBoarea))
			}
			out.Byggnadsandamal = append(out.Byggnadsandamal, p)
		}
		for _, x := range b.Skyddsrum {
			out.Skyddsrum = append(out.Skyddsrum, byggnad3.Skyddsrum(x))
		}
		if b.Taxeringsenhet != nil {
			out.Taxeringsenhet = &byggnad3.Taxeringsenhet{Taxeringsenhetsidentitet: b.Taxeringsenhet.Taxeringsenhetsidentitet}
		}
		if b.Varderingsenhet != nil {
			out.Varderingsenhet = &byggnad3.Varderingsenhet{Varderingsenhetsidentitet: b.Varderingsenhet.Varderingsenhetsidentitet}
		}
		if a := b.Verksamhetsatgard; a != nil {
			out.Verksamhetsatgard = &byggnad3.Verksamhetsatgard{Atgardstyp: a.Atgardstyp,
				AnsvarigOrganisation: a.AnsvarigOrganisation, UtforandeOrganisation: a.UtforandeOrganisation, Atgardstidpunkt: string(a.Atgardstidpunkt)}
		}
		out.Entre = s.entrancesOf(rec.id, q.has("total"))
	}
	if q.has("berorkrets") {
		out.LiggerPa = s.relation(b.LiggerPa)
		out.BerorsAv = s.relation(b.BerorsAv)
	}
	if q.has("geometri") {
		for _, d := range b.Byggnadsdel {
			out.Byggnadsdel = append(out.Byggnadsdel, byggnad3.Byggnadsdel{
				Insamlingslage:       d.Insamlingslage,
				Byggnadsyta:          direkt.NewGeometry(q.reproject(d.Byggnadsyta.Geometry)),
				LagesnoggrannhetPlan: accuracy(d.LagesnoggrannhetPlan),
				LagesnoggrannhetHojd: accuracy(d.LagesnoggrannhetHojd),
			})
		}
	}
	return out
}

// entrancesOf returns the building's current entrances, with their
// apartments when withApartments.
func (s *Server) entrancesOf(building string, withApartments bool) []byggnad3.Entre {
	var out []byggnad3.Entre
	for _, k := range s.st.children[okey{update1.TypByggnad, building}] {
		rec := s.st.records[k]
		if k.typ != update1.TypEntre || rec == nil {
			continue
		}
		e := rec.current().(*update1.Entre)
		if e.Byggnad.Objektidentitet != building {
			continue
		}
		w := byggnad3.Entre{Objektidentitet: e.Objektidentitet, Objektversion: e.Objektversion,
			VersionGiltigFran: string(e.VersionGiltigFran), Objektstatus: e.Objektstatus, Entretyp: e.Entretyp, Hiss: e.Hiss}
		if e.Adressplats != nil {
			w.Adressplats = &byggnad3.Adressplatsreferens{Objektidentitet: e.Adressplats.Objektidentitet, Adress: s.pointLabel(e.Adressplats.Objektidentitet)}
		}
		if withApartments {
			for _, ak := range s.st.children[okey{update1.TypEntre, e.Objektidentitet}] {
				ar := s.st.records[ak]
				if ak.typ != update1.TypLagenhet || ar == nil || ar.current().(*update1.Lagenhet).Entre.Objektidentitet != e.Objektidentitet {
					continue
				}
				l := ar.current().(*update1.Lagenhet)
				wl := byggnad3.Lagenhet{Objektidentitet: l.Objektidentitet, Objektversion: l.Objektversion,
					VersionGiltigFran: string(l.VersionGiltigFran), Objektstatus: l.Objektstatus, Lagenhetsnummer: l.Lagenhetsnummer,
					BeslutsdatumLagenhetsnummer:       string(l.BeslutsdatumLagenhetsnummer),
					UnderrattelsedatumLagenhetsnummer: string(l.UnderrattelsedatumLagenhetsnummer),
					Lagenhetskategori:                 l.Lagenhetskategori, Kokstyp: l.Kokstyp, GemensamtKok: l.GemensamtKok, Insamlingssatt: l.Insamlingssatt}
				if l.AntalRum != nil {
					wl.AntalRum = direkt.Number(strconv.Itoa(*l.AntalRum))
				}
				if l.Bostadsarea != nil {
					wl.Bostadsarea = direkt.Number(fmtFloat(*l.Bostadsarea))
				}
				w.Lagenhet = append(w.Lagenhet, wl)
			}
		}
		out = append(out, w)
	}
	return out
}

func (s *Server) relation(refs update1.Registerenheter) *byggnad3.Relation {
	if len(refs) == 0 {
		return nil
	}
	rel := &byggnad3.Relation{}
	for _, r := range refs {
		w := byggnad3.Registerenhetsreferens{Objektidentitet: r.Objektidentitet}
		if p := s.st.properties[r.Objektidentitet]; p != nil {
			w.Beteckning, w.Typ = p.Beteckning, p.Typ
		}
		rel.Registerenhetsreferens = append(rel.Registerenhetsreferens, w)
	}
	return rel
}

func accuracy(a *update1.Lagesnoggrannhet) *byggnad3.Lagesnoggrannhet {
	if a == nil {
		return nil
	}
	out := &byggnad3.Lagesnoggrannhet{Utvarderingsmetod: a.Utvarderingsmetod, IngenInformation: a.IngenInformation}
	if a.Varde != nil || a.StatistiskMetod != "" || a.Vardeenhet != "" {
		out.Resultat = &byggnad3.Resultat{StatistiskMetod: a.StatistiskMetod, Vardeenhet: a.Vardeenhet}
		if a.Varde != nil {
			out.Resultat.Varde = direkt.Number(fmtFloat(*a.Varde))
		}
	}
	return out
}

func isTrue(b *bool) bool { return b != nil && *b }

// answerBuildings writes the buildings with the given ids (unknown ones
// left out) in the format asked for.
func (s *Server) answerBuildings(w http.ResponseWriter, r *http.Request, ids []string, notFound bool) {
	q, e := parseReadQuery(r, buildingSubsets...)
	if e != nil {
		writeFault(w, r, e)
		return
	}
	s.mu.RLock()
	var bs []byggnad3.Byggnad
	for _, id := range ids {
		if rec := s.st.records[okey{update1.TypByggnad, id}]; rec != nil {
			bs = append(bs, s.toByggnad3(rec, q))
		}
	}
	s.mu.RUnlock()
	if notFound && len(bs) == 0 {
		writeFault(w, r, errNotFound("byggnad", ids[0]))
		return
	}
	writeDirekt(w, r, byggnad3.NewResponse(bs), byggnad3.NewFeatureCollection(bs))
}

func (s *Server) handleBuildingGet(w http.ResponseWriter, r *http.Request) {
	s.answerBuildings(w, r, []string{r.PathValue("id")}, true)
}

func (s *Server) handleBuildingBatch(w http.ResponseWriter, r *http.Request) {
	ids, e := readIDs(r)
	if e != nil {
		writeFault(w, r, e)
		return
	}
	s.answerBuildings(w, r, ids, false)
}

func (s *Server) handleBuildingsByProperty(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	s.mu.RLock()
	refs := []byggnad3.Referens{}
	for _, k := range s.st.byProperty[id] {
		rec := s.st.records[k]
		if k.typ == update1.TypByggnad && rec != nil && slices.Contains(propertiesOf(rec.current()), id) {
			refs = append(refs, byggnad3.Referens{Objektidentitet: k.id})
		}
	}
	s.mu.RUnlock()
	writeJSON(w, refs)
}

func (s *Server) handleBuildingsByGeometry(w http.ResponseWriter, r *http.Request) {
	area, buffer, e := geometryQuery(r)
	if e != nil {
		writeFault(w, r, e)
		return
	}
	s.mu.RLock()
	refs := []byggnad3.Referens{}
	for _, id := range s.st.ids[update1.TypByggnad] {
		if rec := s.st.records[okey{update1.TypByggnad, id}]; s.touches(rec, area, buffer) {
			refs = append(refs, byggnad3.Referens{Objektidentitet: id})
		}
	}
	s.mu.RUnlock()
	writeJSON(w, refs)
}
