package baltest

import (
	"compress/flate"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/tjanstebaserad/bal-go/internal/wire/extract1"
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
	// uncompressed stores the part files in their zips uncompressed.
	uncompressed bool
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
// fake and the extract writer (internal/wire/extract1, docs/extract.md):
// numbered part files of job.partObjects objects each, every one in a zip
// of its own as Geotorget serves them, "byggnad/byggnad_{n}.zip"
// (byggnader, entréer, lägenheter) and "belagenhetsadress_{n}.zip"
// (kommundelar, adressområden, gårdsadressområden, adressplatser), and the
// manifest "uttag.xml" with the type, the feed position the extract is
// consistent with and every part. A FORANDRING extract writes each changed
// object as its delete followed by its insert.
func writeExtract(dir string, job *extractJob) error {
	typ := extract1.Bas
	if job.typ != gt.TypeBase {
		typ = extract1.Forandring
	}
	create := func(name string) (io.WriteCloser, error) {
		if strings.HasPrefix(name, string(extract1.MangdByggnad)+"_") {
			name = string(extract1.MangdByggnad) + "/" + name
		}
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return nil, err
		}
		return os.Create(p)
	}
	level := flate.BestSpeed
	if job.uncompressed {
		level = flate.NoCompression
	}
	w, err := extract1.NewWriter(extract1.NewSeparateZips(create, job.at, level), &extract1.WriterOptions{
		Uttagstyp: typ, Skapad: job.at, MaxObjects: job.partObjects,
	})
	if err != nil {
		return err
	}
	w.SetFeedPosition(strconv.FormatInt(job.position, 10))
	for _, e := range job.entries {
		if e.object == nil {
			err = w.Delete(e.ref.Objekttyp, e.ref.Objektidentitet)
		} else {
			err = w.Insert(e.object)
		}
		if err != nil {
			w.Close()
			return err
		}
	}
	return w.Close()
}
