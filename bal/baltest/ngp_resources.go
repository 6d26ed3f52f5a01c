package baltest

import (
	"bytes"
	"mime"
	"net/http"
	"strings"

	"github.com/google/uuid"

	"github.com/tjanstebaserad/bal-go/internal/wire/ngp1"
)

// ngpResource is an Uppladdning resource: the files uploaded to it, or an
// eftersändning.
type ngpResource struct {
	id, infotyp, owner, href string
	revisions                []ngp1.Revision
}

func (s *Server) routeNGPResources(mux *http.ServeMux) {
	b := ngpUploadBase
	mux.HandleFunc("POST "+b+"/resurs", s.ngpCreateResource)
	mux.HandleFunc("GET "+b+"/resurs/{id}", s.ngpGetResource)
	mux.HandleFunc("DELETE "+b+"/resurs/{id}", s.ngpDeleteResource)
	mux.HandleFunc("POST "+b+"/resurs/{id}/"+ngp1.FilePath, s.ngpUploadResource)
	mux.HandleFunc("POST "+b+"/resurs/{id}/"+ngp1.HrefPath, s.ngpRedirectResource)
}

// ngpClient names the caller (its consumer key) for ownership checks.
func (s *Server) ngpClient(r *http.Request) string { return caller(r) }

func (s *Server) ngpResourceWire(res *ngpResource) ngp1.Resurs {
	return ngp1.Resurs{Referensidentitet: res.id, Informationstyp: res.infotyp, Href: res.href, Revisioner: res.revisions}
}

func (s *Server) ngpCreateResource(w http.ResponseWriter, r *http.Request) {
	var body ngp1.SkapaResurs
	if !ngpDecode(w, r, &body) {
		return
	}
	if body.Informationstyp == "" {
		writeNGPFault(w, http.StatusBadRequest, "Felaktigt anrop: informationstyp krävs")
		return
	}
	res := &ngpResource{id: uuid.NewString(), infotyp: body.Informationstyp, owner: s.ngpClient(r)}
	s.ngp.mu.Lock()
	s.ngp.resources[res.id] = res
	s.ngp.mu.Unlock()
	w.Header().Set("Location", ngpUploadBase+"/resurs/"+res.id)
	writeNGPJSON(w, http.StatusCreated, s.ngpResourceWire(res))
}

// ngpOwnResource finds a resource its caller created; others are 403
// (only the creator administers a resource), unknown ones 404. The caller
// holds the lock.
func (s *Server) ngpOwnResource(w http.ResponseWriter, r *http.Request) *ngpResource {
	res := s.ngp.resources[r.PathValue("id")]
	if res == nil {
		writeNGPFault(w, http.StatusNotFound, "Resursen finns inte")
		return nil
	}
	if res.owner != s.ngpClient(r) {
		writeNGPFault(w, http.StatusForbidden, "Förbjudet anrop", "Endast den som skapat resursen kan administrera den")
		return nil
	}
	return res
}

func (s *Server) ngpGetResource(w http.ResponseWriter, r *http.Request) {
	s.ngp.mu.Lock()
	defer s.ngp.mu.Unlock()
	if res := s.ngpOwnResource(w, r); res != nil {
		writeNGPJSON(w, http.StatusOK, s.ngpResourceWire(res))
	}
}

func (s *Server) ngpDeleteResource(w http.ResponseWriter, r *http.Request) {
	s.ngp.mu.Lock()
	defer s.ngp.mu.Unlock()
	if res := s.ngpOwnResource(w, r); res != nil {
		delete(s.ngp.resources, res.id)
		delete(s.ngp.files, res.id)
		w.WriteHeader(http.StatusNoContent)
	}
}

func (s *Server) ngpUploadResource(w http.ResponseWriter, r *http.Request) {
	var buf bytes.Buffer
	_, _ = buf.ReadFrom(r.Body)
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	s.ngp.mu.Lock()
	defer s.ngp.mu.Unlock()
	res := s.ngpOwnResource(w, r)
	if res == nil {
		return
	}
	switch {
	case mt == "":
		writeNGPFault(w, http.StatusUnsupportedMediaType, "Mediatypen stöds inte")
		return
	case buf.Len() > s.ngp.maxObject:
		writeNGPFault(w, http.StatusRequestEntityTooLarge, "Anropet innehåller för mycket data")
		return
	}
	res.href = ""
	res.revisions = append(res.revisions, ngp1.Revision{Revision: len(res.revisions) + 1, Mediatyp: mt,
		Storlek: int64(buf.Len()), Skapad: s.ngpTime(s.clock.Now())})
	s.ngp.files[res.id] = &ngpFile{media: mt, body: bytes.Clone(buf.Bytes()), at: s.clock.Now()}
	writeNGPJSON(w, http.StatusCreated, s.ngpResourceWire(res))
}

func (s *Server) ngpRedirectResource(w http.ResponseWriter, r *http.Request) {
	var body ngp1.Redirect
	if !ngpDecode(w, r, &body) {
		return
	}
	if !strings.HasPrefix(body.Href, "https://") {
		writeNGPFault(w, http.StatusBadRequest, "Felaktigt anrop: endast https-länkar tillåts")
		return
	}
	s.ngp.mu.Lock()
	defer s.ngp.mu.Unlock()
	if res := s.ngpOwnResource(w, r); res != nil {
		res.href = body.Href
		writeNGPJSON(w, http.StatusCreated, s.ngpResourceWire(res))
	}
}
