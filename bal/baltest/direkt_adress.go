package baltest

import (
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/tjanstebaserad/bal-go/internal/codelist"
	"github.com/tjanstebaserad/bal-go/internal/rules"
	"github.com/tjanstebaserad/bal-go/internal/wire/direkt"
	"github.com/tjanstebaserad/bal-go/internal/wire/direkt/adress42"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

// Belägenhetsadress Direkt v4.2's includeData subsets.
var addressSubsets = []string{"basinformation", "berorkrets"}

// toAdress42 maps a stored address point, with its area, district and
// municipality, to Belägenhetsadress Direkt v4.2. The caller holds the read
// lock.
func (s *Server) toAdress42(rec *record, q readQuery) adress42.Belagenhetsadress {
	p := rec.current().(*update1.Adressplats)
	out := adress42.Belagenhetsadress{Objektidentitet: p.Objektidentitet}
	if q.has("basinformation") {
		a := p.Adressplatsattribut
		d := a.Adressplatsbeteckning
		out.Adressplatsattribut = &adress42.Adressplatsattribut{
			Objektidentitet: p.Objektidentitet, Objektversion: p.Objektversion,
			VersionGiltigFran: string(p.VersionGiltigFran), VersionGiltigTill: string(p.VersionGiltigTill),
			Adressplatsbeteckning: &adress42.Adressplatsbeteckning{
				Adressplatsnummer: d.Adressplatsnummer, Bokstavstillagg: d.Bokstavstillagg, Lagestillagg: d.Lagestillagg,
				Lagestillaggsnummer: d.Lagestillaggsnummer, AvvikandeAdressplatsbeteckning: d.AvvikandeAdressplatsbeteckning,
				AvvikerFranStandarden: d.AvvikerFranStandarden,
			},
			Adressplatstyp: a.Adressplatstyp, Insamlingslage: a.Insamlingslage,
			Adressplatspunkt: direkt.NewGeometry(q.reproject(a.Adressplatspunkt.Geometry)),
			Status:           a.Status, Objektstatus: p.Objektstatus,
			Postnummer: direkt.Number(a.Postnummer), Postort: a.Postort,
		}
		if n := p.Adressplatsnamn; n != nil {
			out.Adressplatsnamn = &adress42.Adressplatsnamn{Popularnamn: n.Popularnamn, Ortid: direkt.Number(n.Ortid)}
		}
		if p.Adressomrade != nil {
			out.Adressomrade = s.area42(p.Adressomrade.Objektidentitet)
		}
		if p.Gardsadressomrade != nil {
			if cr := s.st.records[okey{update1.TypGardsadressomrade, p.Gardsadressomrade.Objektidentitet}]; cr != nil {
				c := cr.current().(*update1.Gardsadressomrade)
				out.Gardsadressomrade = &adress42.Gardsadressomrade{
					Objektidentitet: c.Objektidentitet, Objektversion: c.Objektversion, VersionGiltigFran: string(c.VersionGiltigFran),
					FaststalltNamn: c.FaststalltNamn, Ortid: direkt.Number(c.Ortid), Objektstatus: c.Objektstatus,
					Adressomrade: s.area42(c.Adressomrade.Objektidentitet),
				}
			}
		}
		for _, x := range p.Adressplatsanmarkning {
			out.Adressplatsanmarkning = append(out.Adressplatsanmarkning, adress42.Adressplatsanmarkning(x))
		}
		if f := p.AdressattAnlaggning; f != nil {
			out.AdressattAnlaggning = &adress42.AdressattAnlaggning{Anlaggningstyp: f.Anlaggningstyp, Anlaggningstext: f.Anlaggningstext}
		}
		if d := p.Distriktstillhorighet; d != nil {
			out.Distriktstillhorighet = &adress42.Distriktstillhorighet{Distriktskod: d.Distriktskod, Distriktsnamn: d.Distriktsnamn}
		}
		if a := p.Verksamhetsatgard; a != nil {
			out.Verksamhetsatgard = &adress42.Verksamhetsatgard{Atgardstyp: a.Atgardstyp,
				AnsvarigOrganisation: a.AnsvarigOrganisation, UtforandeOrganisation: a.UtforandeOrganisation, Atgardstidpunkt: string(a.Atgardstidpunkt)}
		}
	}
	if q.has("berorkrets") && p.Registerenhetsreferens != nil {
		ref := &adress42.Registerenhetsreferens{Objektidentitet: p.Registerenhetsreferens.Objektidentitet}
		if pr := s.st.properties[ref.Objektidentitet]; pr != nil {
			ref.Beteckning, ref.Typ = pr.Beteckning, pr.Typ
		}
		out.Registerenhetsreferens = ref
	}
	return out
}

// area42 returns an address area with its district and municipality.
func (s *Server) area42(id string) *adress42.Adressomrade {
	rec := s.st.records[okey{update1.TypAdressomrade, id}]
	if rec == nil {
		return &adress42.Adressomrade{Objektidentitet: id}
	}
	a := rec.current().(*update1.Adressomrade)
	out := &adress42.Adressomrade{Objektidentitet: a.Objektidentitet, Objektversion: a.Objektversion,
		VersionGiltigFran: string(a.VersionGiltigFran), FaststalltNamn: a.FaststalltNamn, Ortid: direkt.Number(a.Ortid),
		Adressomradestyp: a.Adressomradestyp, Objektstatus: a.Objektstatus}
	if dr := s.st.records[okey{update1.TypKommundel, a.Kommundel.Objektidentitet}]; dr != nil {
		d := dr.current().(*update1.Kommundel)
		out.Kommundel = &adress42.Kommundel{Objektidentitet: d.Objektidentitet, Objektversion: d.Objektversion,
			VersionGiltigFran: string(d.VersionGiltigFran), FaststalltNamn: d.FaststalltNamn, Ortid: direkt.Number(d.Ortid),
			Objektstatus: d.Objektstatus, Kommun: &adress42.Kommun{Kommunkod: d.Kommun.Kommunkod, Kommunnamn: d.Kommun.Kommunnamn}}
	}
	return out
}

func (s *Server) answerAddresses(w http.ResponseWriter, r *http.Request, ids []string, notFound bool) {
	q, e := parseReadQuery(r, addressSubsets...)
	if e != nil {
		writeFault(w, r, e)
		return
	}
	s.mu.RLock()
	var as []adress42.Belagenhetsadress
	for _, id := range ids {
		if rec := s.st.records[okey{update1.TypAdressplats, id}]; rec != nil {
			as = append(as, s.toAdress42(rec, q))
		}
	}
	s.mu.RUnlock()
	if notFound && len(as) == 0 {
		writeFault(w, r, errNotFound("belägenhetsadress", ids[0]))
		return
	}
	writeDirekt(w, r, adress42.NewResponse(as), adress42.NewFeatureCollection(as))
}

func (s *Server) handleAddressGet(w http.ResponseWriter, r *http.Request) {
	s.answerAddresses(w, r, []string{r.PathValue("id")}, true)
}

func (s *Server) handleAddressBatch(w http.ResponseWriter, r *http.Request) {
	ids, e := readIDs(r)
	if e != nil {
		writeFault(w, r, e)
		return
	}
	s.answerAddresses(w, r, ids, false)
}

// pointsOnProperties returns the address points within the registerenheter.
func (s *Server) pointsOnProperties(props []string) []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var ids []string
	for _, p := range props {
		for _, k := range s.st.byProperty[p] {
			rec := s.st.records[k]
			if k.typ == update1.TypAdressplats && rec != nil && slices.Contains(propertiesOf(rec.current()), p) && !slices.Contains(ids, k.id) {
				ids = append(ids, k.id)
			}
		}
	}
	return ids
}

func (s *Server) handleAddressesByProperty(w http.ResponseWriter, r *http.Request) {
	s.answerAddresses(w, r, s.pointsOnProperties([]string{r.PathValue("id")}), false)
}

func (s *Server) handleAddressesByProperties(w http.ResponseWriter, r *http.Request) {
	props, e := readIDs(r)
	if e != nil {
		writeFault(w, r, e)
		return
	}
	s.answerAddresses(w, r, s.pointsOnProperties(props), false)
}

// handleAddressNearest is GET /punkt: the address point nearest the
// coordinate.
func (s *Server) handleAddressNearest(w http.ResponseWriter, r *http.Request) {
	at, e := pointQuery(r)
	if e != nil {
		writeFault(w, r, e)
		return
	}
	status := r.URL.Query().Get("status")
	s.mu.RLock()
	best, bestDist := "", math.Inf(1)
	for _, id := range s.st.ids[update1.TypAdressplats] {
		rec := s.st.records[okey{update1.TypAdressplats, id}]
		if rec.retired() || status != "" && codelist.Key(rec.current().(*update1.Adressplats).Adressplatsattribut.Status) != codelist.Key(status) {
			continue
		}
		for _, g := range s.geometries(rec) {
			sh, err := toShape(g)
			if err != nil || len(sh.rings) == 0 || len(sh.rings[0]) == 0 {
				continue
			}
			p := sh.rings[0][0]
			if d := math.Hypot(p[0]-at[0], p[1]-at[1]); d < bestDist {
				best, bestDist = id, d
			}
		}
	}
	s.mu.RUnlock()
	if best == "" {
		s.answerAddresses(w, r, nil, false)
		return
	}
	s.answerAddresses(w, r, []string{best}, false)
}

// reference42 is an address as a free-text or geometry search hit.
func (s *Server) reference42(rec *record, split bool) adress42.Referens {
	p := rec.current().(*update1.Adressplats)
	a := p.Adressplatsattribut
	text := s.pointLabel(rec.id)
	if pn := a.Postnummer; len(pn) == 5 {
		text += ", " + pn[:3] + " " + pn[3:] + " " + a.Postort
	}
	ref := adress42.Referens{Objektidentitet: rec.id, Adress: text}
	if split {
		d := a.Adressplatsbeteckning
		c := &adress42.AdressComponents{
			Adressplatsnummer: d.Adressplatsnummer, Bokstavstillagg: d.Bokstavstillagg, Lagestillagg: d.Lagestillagg,
			AvvikandeAdressplatsbeteckning: d.AvvikandeAdressplatsbeteckning,
			Postnummer:                     direkt.Number(a.Postnummer), Postort: a.Postort,
		}
		if d.Lagestillaggsnummer != 0 {
			c.Lagestillaggsnummer = direkt.Number(strconv.Itoa(d.Lagestillaggsnummer))
		}
		area := s.area42("")
		if p.Adressomrade != nil {
			area = s.area42(p.Adressomrade.Objektidentitet)
		}
		if p.Gardsadressomrade != nil {
			c.Gardsadressomrade = s.areaName(p)
			if cr := s.st.records[okey{update1.TypGardsadressomrade, p.Gardsadressomrade.Objektidentitet}]; cr != nil {
				area = s.area42(cr.current().(*update1.Gardsadressomrade).Adressomrade.Objektidentitet)
			}
		}
		c.Adressomrade = area.FaststalltNamn
		if area.Kommundel != nil {
			c.Kommundel = area.Kommundel.FaststalltNamn
			if area.Kommundel.Kommun != nil {
				c.Kommun = area.Kommundel.Kommun.Kommunnamn
			}
		}
		ref.AdressComponents = c
	}
	return ref
}

// handleAddressText is GET /referens/fritext?adress=&kommunkod=&status=&maxHits=&splitAdress=.
func (s *Server) handleAddressText(w http.ResponseWriter, r *http.Request) {
	text, e := freeText(r, "adress")
	if e != nil {
		writeFault(w, r, e)
		return
	}
	limit, e := maxHits(r)
	if e != nil {
		writeFault(w, r, e)
		return
	}
	q := r.URL.Query()
	split := q.Get("splitAdress") == "true"
	s.mu.RLock()
	refs := []adress42.Referens{}
	for _, id := range s.st.ids[update1.TypAdressplats] {
		rec := s.st.records[okey{update1.TypAdressplats, id}]
		p := rec.current().(*update1.Adressplats)
		if rec.retired() || q.Get("kommunkod") != "" && rec.kommunkod != q.Get("kommunkod") ||
			q.Get("status") != "" && codelist.Key(p.Adressplatsattribut.Status) != codelist.Key(q.Get("status")) {
			continue
		}
		ref := s.reference42(rec, split)
		if !strings.Contains(strings.ToLower(ref.Adress), text) {
			continue
		}
		refs = append(refs, ref)
		if len(refs) == limit {
			break
		}
	}
	s.mu.RUnlock()
	writeJSON(w, refs)
}

// handleAddressesByGeometry is POST /referens/geometri.
func (s *Server) handleAddressesByGeometry(w http.ResponseWriter, r *http.Request) {
	area, buffer, e := geometryQuery(r)
	if e != nil {
		writeFault(w, r, e)
		return
	}
	q := r.URL.Query()
	if st := q.Get("status"); st != "" && !addressStatuses.Known(addressStatuses.Parse(st)) {
		writeFault(w, r, errf(http.StatusBadRequest, rules.CodeList, "status %q is not a status för belägenhetsadress", st))
		return
	}
	split := q.Get("splitAdress") == "true"
	s.mu.RLock()
	refs := []adress42.Referens{}
	for _, id := range s.st.ids[update1.TypAdressplats] {
		rec := s.st.records[okey{update1.TypAdressplats, id}]
		if rec.retired() || q.Get("status") != "" && codelist.Key(rec.current().(*update1.Adressplats).Adressplatsattribut.Status) != codelist.Key(q.Get("status")) {
			continue
		}
		if s.touches(rec, area, buffer) {
			refs = append(refs, s.reference42(rec, split))
		}
	}
	s.mu.RUnlock()
	writeJSON(w, refs)
}
