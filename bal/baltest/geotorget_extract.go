package baltest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/tjanstebaserad/bal-go/bal/baltest/gen"
	gt "github.com/tjanstebaserad/bal-go/internal/wire/geotorget1"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

// extractJob is what one delivery holds, taken from the store at one
// moment (Lantmäteriet compiles an information type at one moment, so a
// delivery is consistent).
type extractJob struct {
	// typ is BAS or FORANDRING.
	typ string
	// entries are the extract's content in writing order: address objects
	// before buildings, and within a type in creation or change order. A
	// BAS extract inserts the current version of every object (retired ones
	// too, with their status). A FORANDRING extract has, for every object
	// changed since the previous delivery, a delete of all its information
	// followed by an insert of its current version ("delete – insert"), or
	// the insert alone for an object created since.
	entries []extractEntry
	// position is the change feed's last sekvensnummer the extract covers.
	position int64
	// at is when the extract was compiled.
	at time.Time
	// partObjects is how many objects each part file holds.
	partObjects int
}

// extractEntry is an insert of object, or the delete of ref when object
// is nil.
type extractEntry struct {
	object update1.Objekt
	ref    update1.Objektreferens
}

// extractOrder is the order the extract writes object types in: an object
// never comes before one it refers to.
var extractOrder = []update1.Objekttyp{
	update1.TypKommundel, update1.TypAdressomrade, update1.TypGardsadressomrade, update1.TypAdressplats,
	update1.TypByggnad, update1.TypEntre, update1.TypLagenhet,
}

// extractJob takes a delivery's content from the store: everything for
// BAS, the changes of the feed since prev for FORANDRING.
func (s *Server) extractJob(typ string, prev *gtDelivery) (*extractJob, *apiError) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	st := s.st
	job := &extractJob{typ: typ, position: st.nextSeq - 1}
	if typ == gt.TypeBase {
		for _, t := range extractOrder {
			for _, id := range st.ids[t] {
				job.entries = append(job.entries, extractEntry{object: st.records[okey{t, id}].current()})
			}
		}
		return job, nil
	}
	if prev.position < st.dropped {
		return nil, errf(http.StatusConflict, "409",
			"ändringarna sedan leverans %s finns inte längre i förändringsflödet; beställ en BAS-leverans", prev.id)
	}
	// The objects changed since prev, each once, in the order of their
	// first change; an object whose first change was its creation did not
	// exist at prev and needs no delete.
	created := map[okey]bool{}
	var changed []okey
	for i := int(prev.position - st.dropped); i < len(st.feed); i++ {
		c := st.feed[i].Forandring
		k := okey{c.Objekttyp, c.Objektidentitet}
		if _, seen := created[k]; seen {
			continue
		}
		created[k] = c.Forandringstyp == update1.ForandringNy && c.Objektversion == 1
		changed = append(changed, k)
	}
	for _, t := range extractOrder {
		for _, k := range changed {
			if k.typ != t {
				continue
			}
			if !created[k] {
				job.entries = append(job.entries, extractEntry{ref: update1.Objektreferens{Objekttyp: k.typ, Objektidentitet: k.id}})
			}
			job.entries = append(job.entries, extractEntry{object: st.records[k].current()})
		}
	}
	return job, nil
}

// writeExtract writes job as a delivery's files under dir; every
// sub-folder becomes a sub-listing. This is the seam between the Geotorget
// fake and the extract writer.
//
// TEMPORARY: it uses the only writer on main today, gen.Dataset.WriteExtract
// (one XML document per object inside each zip), to write numbered part
// files, "byggnad/byggnad_{n}.zip" (byggnader, entréer, lägenheter) and
// "belagenhetsadress_{n}.zip" (kommundelar, adressområden,
// gårdsadressområden, adressplatser), job.partObjects objects each, and a
// manifest, "leverans.json", with the type, the feed position and (for
// FORANDRING) the deletes, which the gen writer cannot express. Switch it
// to the extract writer of internal/wire/extract… (issue #11 item 6) when
// that lands: numbered part files with many objects each and its own
// manifest.
func writeExtract(dir string, job *extractJob) error {
	var buildings, addresses []update1.Objekt
	inserts := 0
	for _, e := range job.entries {
		o := e.object
		if o == nil {
			continue
		}
		inserts++
		switch o.Type() {
		case update1.TypByggnad, update1.TypEntre, update1.TypLagenhet:
			buildings = append(buildings, o)
		default:
			addresses = append(addresses, o)
		}
	}
	groups := []struct {
		folder, stem string
		objects      []update1.Objekt
	}{
		{"byggnad", "byggnad", buildings},
		{"", "belagenhetsadress", addresses},
	}
	for _, g := range groups {
		for n, start := 1, 0; start < len(g.objects); n, start = n+1, start+job.partObjects {
			part := g.objects[start:min(start+job.partObjects, len(g.objects))]
			name := filepath.Join(g.folder, fmt.Sprintf("%s_%d.zip", g.stem, n))
			if err := writeGenPart(filepath.Join(dir, name), part, job.at); err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
		}
	}
	type ref struct {
		Objekttyp       update1.Objekttyp `json:"objekttyp"`
		Objektidentitet string            `json:"objektidentitet"`
	}
	m := struct {
		Typ           string `json:"typ"`
		Sekvensnummer int64  `json:"sekvensnummer"`
		Skapad        string `json:"skapad"`
		Objekt        int    `json:"objekt"`
		Borttag       []ref  `json:"borttag"`
	}{Typ: job.typ, Sekvensnummer: job.position, Skapad: gt.FormatTime(job.at), Objekt: inserts, Borttag: []ref{}}
	for _, e := range job.entries {
		if e.object == nil {
			m.Borttag = append(m.Borttag, ref{e.ref.Objekttyp, e.ref.Objektidentitet})
		}
	}
	b, err := json.MarshalIndent(m, "", " ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "leverans.json"), b, 0o644)
}

// writeGenPart writes objects as one zip through gen's writer.
func writeGenPart(p string, objects []update1.Objekt, at time.Time) error {
	d := &gen.Dataset{Config: gen.Config{Time: at}}
	for _, o := range objects {
		switch t := o.(type) {
		case *update1.Kommundel:
			d.Kommundelar = append(d.Kommundelar, t)
		case *update1.Adressomrade:
			d.Adressomraden = append(d.Adressomraden, t)
		case *update1.Gardsadressomrade:
			d.Gardsadressomraden = append(d.Gardsadressomraden, t)
		case *update1.Adressplats:
			d.Adressplatser = append(d.Adressplatser, t)
		case *update1.Byggnad:
			d.Byggnader = append(d.Byggnader, t)
		case *update1.Entre:
			d.Entreer = append(d.Entreer, t)
		case *update1.Lagenhet:
			d.Lagenheter = append(d.Lagenheter, t)
		}
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	f, err := os.Create(p)
	if err != nil {
		return err
	}
	if err := d.WriteExtract(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
