// Package direktfake is a small stand-in for Lantmäteriet's three Direkt
// read services (Byggnad Direkt v3, Belägenhetsadress Direkt v4.2,
// Registerbeteckning Direkt v5) with a token endpoint, answering from wire
// structs held in memory. It serves the SDK's runnable examples and the
// local run of the Verifiering suite until bal/baltest serves the Direkt
// services; it speaks exactly the wire shapes of internal/wire/direkt, so
// what it proves is the client side, not Lantmäteriet's behaviour.
package direktfake

import (
	"encoding/json"
	"math"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"

	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/geometry"
	"github.com/tjanstebaserad/bal-go/internal/wire/direkt"
	"github.com/tjanstebaserad/bal-go/internal/wire/direkt/adress42"
	"github.com/tjanstebaserad/bal-go/internal/wire/direkt/byggnad3"
	rb "github.com/tjanstebaserad/bal-go/internal/wire/direkt/registerbeteckning5"
)

// Credentials the fake's token endpoint accepts.
const (
	ClientID = "direktfake-client"
	Secret   = "direktfake-secret"
	token    = "direktfake-token"
)

// Service base paths, as in Lantmäteriet's environments.
const (
	byggnadBase = "/distribution/produkter/byggnad/v3"
	adressBase  = "/distribution/produkter/belagenhetsadress/v4.2"
	rbBase      = "/distribution/produkter/registerbeteckning/v5"
)

// Data is what the fake answers from.
type Data struct {
	Buildings []byggnad3.Byggnad
	Addresses []adress42.Belagenhetsadress
	Units     []rb.Beteckning
}

// Server is a running fake. Close it when done.
type Server struct {
	*httptest.Server
	data Data
}

// New starts a fake on a loopback port answering from d.
func New(d Data) *Server {
	s := &Server{data: d}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /oauth2/token", s.token)
	mux.HandleFunc("GET "+byggnadBase+"/{id}", s.auth(s.buildingGet))
	mux.HandleFunc("POST "+byggnadBase+"/", s.auth(s.buildingPost))
	mux.HandleFunc("GET "+byggnadBase+"/referens/beror/{id}", s.auth(s.buildingByProperty))
	mux.HandleFunc("POST "+byggnadBase+"/referens/geometri", s.auth(s.buildingByGeometry))
	mux.HandleFunc("GET "+adressBase+"/{id}", s.auth(s.addressGet))
	mux.HandleFunc("POST "+adressBase+"/", s.auth(s.addressPost))
	mux.HandleFunc("GET "+adressBase+"/registerenhet/{id}", s.auth(s.addressByProperty))
	mux.HandleFunc("POST "+adressBase+"/registerenhet", s.auth(s.addressByProperties))
	mux.HandleFunc("GET "+adressBase+"/punkt", s.auth(s.addressNearest))
	mux.HandleFunc("GET "+adressBase+"/referens/fritext", s.auth(s.addressSearch))
	mux.HandleFunc("POST "+adressBase+"/referens/geometri", s.auth(s.addressByGeometry))
	mux.HandleFunc("GET "+rbBase+"/namn", s.auth(s.unitByName))
	mux.HandleFunc("GET "+rbBase+"/tillhor/{id}", s.auth(s.unitGet))
	mux.HandleFunc("GET "+rbBase+"/punkt", s.auth(s.unitAt))
	mux.HandleFunc("GET "+rbBase+"/referens/fritext", s.auth(s.unitSearch))
	s.Server = httptest.NewServer(mux)
	return s
}

// Environment is an environment pointing at the fake.
func (s *Server) Environment() bal.Environment {
	env, err := bal.NewEnvironment("direktfake", s.URL, s.URL+"/oauth2/token")
	if err != nil {
		panic(err)
	}
	return env
}

// Client returns a bal.Client for the fake.
func (s *Server) Client() *bal.Client {
	c, err := bal.NewClient(bal.Config{Environment: s.Environment(), Credentials: bal.ClientCredentials{ID: ClientID, Secret: Secret}})
	if err != nil {
		panic(err)
	}
	return c
}

func (s *Server) token(w http.ResponseWriter, r *http.Request) {
	if id, secret, ok := r.BasicAuth(); !ok || id != ClientID || secret != Secret {
		writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "invalid_client"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"access_token": token, "token_type": "Bearer", "expires_in": 3600})
}

func (s *Server) auth(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer "+token {
			writeJSON(w, http.StatusUnauthorized, map[string]any{"fault": map[string]any{"code": 900902, "message": "Missing Credentials"}})
			return
		}
		h(w, r)
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	out, _ := json.Marshal(v)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(out)
}

func writeXML(w http.ResponseWriter, v any) {
	out, err := direkt.MarshalXML(v)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/xml")
	_, _ = w.Write(out)
}

func notFound(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/xml")
	w.WriteHeader(http.StatusNotFound)
	_, _ = w.Write([]byte(`<lmfault:Fault xmlns:lmfault="` + direkt.FaultNamespace + `"><lmfault:kod>404</lmfault:kod><lmfault:meddelande>Objektet finns inte</lmfault:meddelande></lmfault:Fault>`))
}

func wantsJSON(r *http.Request) bool { return r.Header.Get("Accept") == "application/json" }

// srid is the output CRS asked for, 3006 by default.
func srid(r *http.Request) int {
	if n, err := strconv.Atoi(r.URL.Query().Get("srid")); err == nil && n != 0 {
		return n
	}
	return geometry.SWEREF99TM
}

func transform(g geom.T, to int) geom.T {
	if g == nil || g.SRID() == to {
		return g
	}
	t, err := geometry.Transform(g, to)
	if err != nil {
		return g
	}
	return geometry.RoundCoordinates(t, 3)
}

func readIDs(r *http.Request) []string {
	var ids []string
	_ = json.NewDecoder(r.Body).Decode(&ids)
	return ids
}

// — Byggnad Direkt v3 —

// subsets are the includeData subsets asked for; total means all of them.
func subsets(r *http.Request) map[string]bool {
	set := map[string]bool{}
	for _, v := range strings.Split(r.URL.Query().Get("includeData"), ",") {
		set[v] = true
	}
	if set["total"] {
		set["basinformation"], set["berorkrets"], set["geometri"] = true, true, true
	}
	return set
}

// cut leaves in b what the includeData subsets hold.
func cut(b byggnad3.Byggnad, inc map[string]bool) byggnad3.Byggnad {
	out := byggnad3.Byggnad{Objektidentitet: b.Objektidentitet, Objektstatus: b.Objektstatus}
	if inc["basinformation"] {
		out = b
		out.Byggnadsdel, out.Tillhor, out.LiggerPa, out.BerorsAv = nil, nil, nil, nil
	}
	if inc["berorkrets"] {
		out.Tillhor, out.LiggerPa, out.BerorsAv = b.Tillhor, b.LiggerPa, b.BerorsAv
	}
	if inc["geometri"] {
		out.Byggnadsdel = b.Byggnadsdel
	}
	return out
}

func (s *Server) buildings(w http.ResponseWriter, r *http.Request, keep func(*byggnad3.Byggnad) bool) {
	var out []byggnad3.Byggnad
	to := srid(r)
	inc := subsets(r)
	for _, b := range s.data.Buildings {
		if !keep(&b) {
			continue
		}
		b = cut(b, inc)
		b.Byggnadsdel = slices.Clone(b.Byggnadsdel)
		for i := range b.Byggnadsdel {
			b.Byggnadsdel[i].Byggnadsyta = direkt.NewGeometry(transform(b.Byggnadsdel[i].Byggnadsyta.Geometry, to))
		}
		out = append(out, b)
	}
	if wantsJSON(r) {
		writeJSON(w, http.StatusOK, byggnad3.NewFeatureCollection(out))
		return
	}
	writeXML(w, byggnad3.NewResponse(out))
}

func (s *Server) buildingGet(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if !slices.ContainsFunc(s.data.Buildings, func(b byggnad3.Byggnad) bool { return b.Objektidentitet == id }) {
		notFound(w)
		return
	}
	s.buildings(w, r, func(b *byggnad3.Byggnad) bool { return b.Objektidentitet == id })
}

func (s *Server) buildingPost(w http.ResponseWriter, r *http.Request) {
	ids := readIDs(r)
	s.buildings(w, r, func(b *byggnad3.Byggnad) bool { return slices.Contains(ids, b.Objektidentitet) })
}

func (s *Server) buildingByProperty(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	refs := []string{}
	for _, b := range s.data.Buildings {
		for _, rel := range []*byggnad3.Relation{b.LiggerPa, b.BerorsAv} {
			if rel != nil && slices.ContainsFunc(rel.Registerenhetsreferens, func(x byggnad3.Registerenhetsreferens) bool { return x.Objektidentitet == id }) {
				refs = append(refs, b.Objektidentitet)
			}
		}
	}
	writeJSON(w, http.StatusOK, refs)
}

// searchBox is the request geometry's box grown by the buffer, in 3006.
func searchBox(r *http.Request) (*geometry.Envelope, bool) {
	var req byggnad3.GeometriRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil || req.Geometri.Geometry == nil {
		return nil, false
	}
	env := geometry.EnvelopeOf(transform(req.Geometri.Geometry, geometry.SWEREF99TM))
	if env == nil {
		return nil, false
	}
	env.MinX, env.MinY, env.MaxX, env.MaxY = env.MinX-req.Buffer, env.MinY-req.Buffer, env.MaxX+req.Buffer, env.MaxY+req.Buffer
	return env, true
}

func intersects(a *geometry.Envelope, g geom.T) bool {
	b := geometry.EnvelopeOf(transform(g, geometry.SWEREF99TM))
	return b != nil && a.MinX <= b.MaxX && b.MinX <= a.MaxX && a.MinY <= b.MaxY && b.MinY <= a.MaxY
}

func (s *Server) buildingByGeometry(w http.ResponseWriter, r *http.Request) {
	box, ok := searchBox(r)
	if !ok {
		http.Error(w, "geometri", http.StatusBadRequest)
		return
	}
	refs := []byggnad3.Referens{}
	for _, b := range s.data.Buildings {
		if slices.ContainsFunc(b.Byggnadsdel, func(d byggnad3.Byggnadsdel) bool { return intersects(box, d.Byggnadsyta.Geometry) }) {
			refs = append(refs, byggnad3.Referens{Objektidentitet: b.Objektidentitet})
		}
	}
	writeJSON(w, http.StatusOK, refs)
}

// — Belägenhetsadress Direkt v4.2 —

func (s *Server) addresses(w http.ResponseWriter, r *http.Request, keep func(*adress42.Belagenhetsadress) bool) {
	var out []adress42.Belagenhetsadress
	to := srid(r)
	inc := subsets(r)
	for _, a := range s.data.Addresses {
		if !keep(&a) {
			continue
		}
		full := a
		a = adress42.Belagenhetsadress{Objektidentitet: full.Objektidentitet}
		if inc["basinformation"] {
			a = full
			a.Registerenhetsreferens = nil
		}
		if inc["berorkrets"] {
			a.Registerenhetsreferens = full.Registerenhetsreferens
		}
		if a.Adressplatsattribut != nil {
			attr := *a.Adressplatsattribut
			attr.Adressplatspunkt = direkt.NewGeometry(transform(attr.Adressplatspunkt.Geometry, to))
			a.Adressplatsattribut = &attr
		}
		out = append(out, a)
	}
	if wantsJSON(r) {
		writeJSON(w, http.StatusOK, adress42.NewFeatureCollection(out))
		return
	}
	writeXML(w, adress42.NewResponse(out))
}

func (s *Server) addressGet(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if !slices.ContainsFunc(s.data.Addresses, func(a adress42.Belagenhetsadress) bool { return a.Objektidentitet == id }) {
		notFound(w)
		return
	}
	s.addresses(w, r, func(a *adress42.Belagenhetsadress) bool { return a.Objektidentitet == id })
}

func (s *Server) addressPost(w http.ResponseWriter, r *http.Request) {
	ids := readIDs(r)
	s.addresses(w, r, func(a *adress42.Belagenhetsadress) bool { return slices.Contains(ids, a.Objektidentitet) })
}

func onProperty(a *adress42.Belagenhetsadress, ids ...string) bool {
	return a.Registerenhetsreferens != nil && slices.Contains(ids, a.Registerenhetsreferens.Objektidentitet)
}

func (s *Server) addressByProperty(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	s.addresses(w, r, func(a *adress42.Belagenhetsadress) bool { return onProperty(a, id) })
}

func (s *Server) addressByProperties(w http.ResponseWriter, r *http.Request) {
	ids := readIDs(r)
	s.addresses(w, r, func(a *adress42.Belagenhetsadress) bool { return onProperty(a, ids...) })
}

// queryPoint reads koordinater=N,E and punktSrid into a point in 3006.
func queryPoint(r *http.Request) (x, y float64, ok bool) {
	n, e, found := strings.Cut(r.URL.Query().Get("koordinater"), ",")
	if !found {
		return 0, 0, false
	}
	y, err1 := strconv.ParseFloat(n, 64)
	x, err2 := strconv.ParseFloat(e, 64)
	from, err3 := strconv.Atoi(r.URL.Query().Get("punktSrid"))
	if err1 != nil || err2 != nil || err3 != nil {
		return 0, 0, false
	}
	x, y, err := geometry.TransformXY(from, geometry.SWEREF99TM, x, y)
	return x, y, err == nil
}

func position(a *adress42.Belagenhetsadress) (float64, float64, bool) {
	if a.Adressplatsattribut == nil {
		return 0, 0, false
	}
	p, ok := transform(a.Adressplatsattribut.Adressplatspunkt.Geometry, geometry.SWEREF99TM).(*geom.Point)
	if !ok || p == nil {
		return 0, 0, false
	}
	return p.X(), p.Y(), true
}

func (s *Server) addressNearest(w http.ResponseWriter, r *http.Request) {
	x, y, ok := queryPoint(r)
	if !ok {
		http.Error(w, "koordinater", http.StatusBadRequest)
		return
	}
	best, dist := "", math.Inf(1)
	for _, a := range s.data.Addresses {
		if ax, ay, ok := position(&a); ok {
			if d := math.Hypot(ax-x, ay-y); d < dist {
				best, dist = a.Objektidentitet, d
			}
		}
	}
	s.addresses(w, r, func(a *adress42.Belagenhetsadress) bool { return a.Objektidentitet == best })
}

// Label is the address as the reference answers write it: area name and
// designation ("Segelbåtsvägen 7A"), then postal code and town.
func Label(a *adress42.Belagenhetsadress) string {
	var parts []string
	if a.Gardsadressomrade != nil {
		parts = append(parts, a.Gardsadressomrade.FaststalltNamn)
	} else if a.Adressomrade != nil {
		parts = append(parts, a.Adressomrade.FaststalltNamn)
	}
	if at := a.Adressplatsattribut; at != nil && at.Adressplatsbeteckning != nil {
		d := at.Adressplatsbeteckning
		parts = append(parts, d.Adressplatsnummer+d.Bokstavstillagg)
		if d.Lagestillagg != "" {
			n := ""
			if d.Lagestillaggsnummer != 0 {
				n = strconv.Itoa(d.Lagestillaggsnummer)
			}
			parts = append(parts, d.Lagestillagg+n)
		}
	}
	label := strings.Join(parts, " ")
	if at := a.Adressplatsattribut; at != nil && at.Postnummer != "" {
		pc := string(at.Postnummer)
		if len(pc) == 5 {
			pc = pc[:3] + " " + pc[3:]
		}
		label += ", " + pc + " " + at.Postort
	}
	return label
}

func (s *Server) addressRefs(w http.ResponseWriter, r *http.Request, keep func(*adress42.Belagenhetsadress) bool) {
	split := r.URL.Query().Get("splitAdress") == "true"
	status := r.URL.Query().Get("status")
	refs := []adress42.Referens{}
	for _, a := range s.data.Addresses {
		if !keep(&a) || status != "" && (a.Adressplatsattribut == nil || !strings.EqualFold(a.Adressplatsattribut.Status, status)) {
			continue
		}
		ref := adress42.Referens{Objektidentitet: a.Objektidentitet, Adress: Label(&a)}
		if split && a.Adressplatsattribut != nil && a.Adressplatsattribut.Adressplatsbeteckning != nil {
			d := a.Adressplatsattribut.Adressplatsbeteckning
			c := &adress42.AdressComponents{Adressplatsnummer: d.Adressplatsnummer, Bokstavstillagg: d.Bokstavstillagg,
				Lagestillagg: d.Lagestillagg, Postnummer: a.Adressplatsattribut.Postnummer, Postort: a.Adressplatsattribut.Postort}
			if a.Adressomrade != nil {
				c.Adressomrade = a.Adressomrade.FaststalltNamn
			}
			ref.AdressComponents = c
		}
		refs = append(refs, ref)
	}
	if n, err := strconv.Atoi(r.URL.Query().Get("maxHits")); err == nil && n < len(refs) {
		refs = refs[:n]
	}
	writeJSON(w, http.StatusOK, refs)
}

func (s *Server) addressSearch(w http.ResponseWriter, r *http.Request) {
	text := strings.ToLower(r.URL.Query().Get("adress"))
	s.addressRefs(w, r, func(a *adress42.Belagenhetsadress) bool {
		return strings.Contains(strings.ToLower(Label(a)), text)
	})
}

func (s *Server) addressByGeometry(w http.ResponseWriter, r *http.Request) {
	box, ok := searchBox(r)
	if !ok {
		http.Error(w, "geometri", http.StatusBadRequest)
		return
	}
	s.addressRefs(w, r, func(a *adress42.Belagenhetsadress) bool {
		return a.Adressplatsattribut != nil && intersects(box, a.Adressplatsattribut.Adressplatspunkt.Geometry)
	})
}

// — Registerbeteckning Direkt v5 —

func unitID(b *rb.Beteckning) string {
	if b.Registerenhetsreferens != nil {
		return b.Registerenhetsreferens.Objektidentitet
	}
	if b.Gemensamhetsanlaggningsreferens != nil {
		return b.Gemensamhetsanlaggningsreferens.Objektidentitet
	}
	return ""
}

func (s *Server) units(w http.ResponseWriter, r *http.Request, keep func(*rb.Beteckning) bool) {
	var out []rb.Beteckning
	for _, b := range s.data.Units {
		if keep(&b) {
			out = append(out, b)
		}
	}
	if wantsJSON(r) {
		writeJSON(w, http.StatusOK, rb.NewFeatureCollection(out))
		return
	}
	writeXML(w, rb.NewResponse(out))
}

func named(b *rb.Beteckning, text string) bool {
	want := strings.Join(strings.Fields(text), " ")
	return slices.ContainsFunc(b.Registerbeteckning, func(d rb.Registerbeteckning) bool { return strings.EqualFold(d.Text(), want) })
}

func (s *Server) unitByName(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("namn")
	s.units(w, r, func(b *rb.Beteckning) bool { return named(b, name) })
}

func (s *Server) unitGet(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	s.units(w, r, func(b *rb.Beteckning) bool { return unitID(b) == id })
}

// unitAt answers the units holding an address near the point, the best a
// fake without parcel boundaries can do.
func (s *Server) unitAt(w http.ResponseWriter, r *http.Request) {
	x, y, ok := queryPoint(r)
	if !ok {
		http.Error(w, "koordinater", http.StatusBadRequest)
		return
	}
	var ids []string
	for _, a := range s.data.Addresses {
		if ax, ay, ok := position(&a); ok && math.Hypot(ax-x, ay-y) < 50 && a.Registerenhetsreferens != nil {
			ids = append(ids, a.Registerenhetsreferens.Objektidentitet)
		}
	}
	s.units(w, r, func(b *rb.Beteckning) bool { return slices.Contains(ids, unitID(b)) })
}

func (s *Server) unitSearch(w http.ResponseWriter, r *http.Request) {
	text := strings.ToLower(r.URL.Query().Get("beteckning"))
	refs := []rb.Referens{}
	for _, b := range s.data.Units {
		for _, d := range b.Registerbeteckning {
			if !strings.Contains(strings.ToLower(d.Text()), text) {
				continue
			}
			ref := rb.Referens{Objektidentitet: d.Objektidentitet, Beteckning: d.Text()}
			if e := b.Registerenhetsreferens; e != nil {
				ref.Registerenhet, ref.Registerenhetstyp = e.Objektidentitet, e.Typ
			} else if e := b.Gemensamhetsanlaggningsreferens; e != nil {
				ref.Gemensamhetsanlaggning = e.Objektidentitet
			}
			refs = append(refs, ref)
		}
	}
	writeJSON(w, http.StatusOK, refs)
}
