package extract1

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/tjanstebaserad/bal-go/geometry"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

// Default part-file limits of a Writer.
const (
	DefaultMaxObjects = 100_000
	DefaultMaxBytes   = 256 << 20
)

// Files receives the files of an extract, one at a time.
type Files interface {
	// Create starts the file name, "byggnad_1.xml" or "uttag.xml". The
	// Writer closes it before it creates the next.
	Create(name string) (io.WriteCloser, error)
	// Close finishes the delivery after the last file.
	Close() error
}

// WriterOptions configures a Writer. The zero value writes a base extract
// in SWEREF 99 TM with the default part limits.
type WriterOptions struct {
	// Uttagstyp is BAS (the default) or FORANDRING.
	Uttagstyp Uttagstyp
	// Skapad is when the extract was compiled, for the manifest.
	Skapad time.Time
	// SRID is the plane coordinate system the manifest names; 0 means
	// 3006, SWEREF 99 TM.
	SRID int
	// MaxObjects is the most entries a part file holds; 0 means
	// DefaultMaxObjects.
	MaxObjects int
	// MaxBytes is the largest a part file grows (uncompressed), unless a
	// single entry is larger; 0 means DefaultMaxBytes.
	MaxBytes int64
}

// Writer writes an extract: part files of many objects each, numbered per
// information set, then the manifest. Objects go into the parts in the
// order given; a part holds one information set, so a run of objects of
// one set fills few parts (give the address objects, then the buildings,
// as a base extract lists them). Output is deterministic: the same calls
// give the same bytes.
//
// A change extract (FORANDRING) writes Delete and Insert entries in the
// order given: a changed object as its delete followed by its insert
// ("delete – insert"), a new one as an insert, a removed one as a delete.
//
// A Writer is not safe for concurrent use. Its first error sticks: every
// later call returns it.
type Writer struct {
	files   Files
	opts    WriterOptions
	enc     encoder
	part    io.WriteCloser
	bw      *bufio.Writer
	cur     ManifestDel
	open    bool
	parts   []ManifestDel
	numbers map[Mangd]int
	feed    string
	err     error
	closed  bool
}

// NewWriter returns a Writer to files.
func NewWriter(files Files, opts *WriterOptions) (*Writer, error) {
	w := &Writer{files: files, numbers: map[Mangd]int{}, bw: bufio.NewWriterSize(nil, 64<<10)}
	if opts != nil {
		w.opts = *opts
	}
	if w.opts.Uttagstyp == "" {
		w.opts.Uttagstyp = Bas
	}
	if !w.opts.Uttagstyp.Valid() {
		return nil, fmt.Errorf("extract1: uttagstyp %q, want BAS or FORANDRING", w.opts.Uttagstyp)
	}
	if w.opts.SRID == 0 {
		w.opts.SRID = geometry.SWEREF99TM
	}
	if _, err := geometry.Lookup(w.opts.SRID); err != nil {
		return nil, fmt.Errorf("extract1: %w", err)
	}
	if w.opts.MaxObjects <= 0 {
		w.opts.MaxObjects = DefaultMaxObjects
	}
	if w.opts.MaxBytes <= 0 {
		w.opts.MaxBytes = DefaultMaxBytes
	}
	return w, nil
}

// SetFeedPosition names the change-feed position (checkpoint) the extract
// is consistent with, for the manifest.
func (w *Writer) SetFeedPosition(pos string) { w.feed = pos }

// Insert writes o: an object of a base extract, or the insert of a change
// extract.
func (w *Writer) Insert(o update1.Objekt) error {
	if w.err != nil {
		return w.err
	}
	if o == nil || isNilObject(o) {
		return w.fail(errors.New("extract1: insert of no object"))
	}
	t := o.Type()
	m := MangdOf(t)
	if m == "" {
		return w.fail(fmt.Errorf("extract1: object type %q is not in an extract", t))
	}
	if o.Meta().Objektidentitet == "" {
		return w.fail(fmt.Errorf("extract1: %s without objektidentitet", t))
	}
	e := &w.enc
	e.buf = e.buf[:0]
	if w.opts.Uttagstyp == Forandring {
		e.start(ElementInsert)
	}
	if err := e.object(o); err != nil {
		return w.fail(fmt.Errorf("extract1: %s %s: %w", t, o.Meta().Objektidentitet, err))
	}
	if w.opts.Uttagstyp == Forandring {
		e.end(ElementInsert)
	}
	return w.put(m)
}

// Delete writes the delete of object id of type t; only a change extract
// has them.
func (w *Writer) Delete(t update1.Objekttyp, id string) error {
	if w.err != nil {
		return w.err
	}
	if w.opts.Uttagstyp != Forandring {
		return w.fail(errors.New("extract1: a delete in a base extract"))
	}
	m := MangdOf(t)
	if m == "" {
		return w.fail(fmt.Errorf("extract1: object type %q is not in an extract", t))
	}
	if id == "" {
		return w.fail(fmt.Errorf("extract1: delete of a %s without objektidentitet", t))
	}
	e := &w.enc
	e.buf = e.buf[:0]
	e.start(ElementDelete)
	e.start("objekttyp")
	e.escape(string(t))
	e.end("objekttyp")
	e.start("objektidentitet")
	e.escape(id)
	e.end("objektidentitet")
	e.end(ElementDelete)
	return w.put(m)
}

func (w *Writer) fail(err error) error {
	w.err = err
	return err
}

const partTrailer = "</" + ElementPart + ">\n"

// put writes the entry in w.enc.buf to a part of m.
func (w *Writer) put(m Mangd) error {
	size := int64(len(w.enc.buf)) + 1
	if w.open && (w.cur.Mangd != m || w.cur.Antal >= int64(w.opts.MaxObjects) ||
		w.cur.Storlek+size+int64(len(partTrailer)) > w.opts.MaxBytes) {
		if err := w.closePart(); err != nil {
			return w.fail(err)
		}
	}
	if !w.open {
		if err := w.openPart(m); err != nil {
			return w.fail(err)
		}
	}
	w.bw.Write(w.enc.buf)
	if err := w.bw.WriteByte('\n'); err != nil {
		return w.fail(fmt.Errorf("extract1: %s: %w", w.cur.Fil, err))
	}
	w.cur.Antal++
	w.cur.Storlek += size
	return nil
}

func (w *Writer) openPart(m Mangd) error {
	n := w.numbers[m] + 1
	w.numbers[m] = n
	name := PartName(m, n)
	f, err := w.files.Create(name)
	if err != nil {
		return fmt.Errorf("extract1: %s: %w", name, err)
	}
	w.part, w.open = f, true
	w.bw.Reset(f)
	hdr := `<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<` + ElementPart + ` xmlns="` + Namespace + `" xmlns:gml="` + gmlNamespace + `" uttagstyp="` +
		string(w.opts.Uttagstyp) + `" mangd="` + string(m) + `" delnummer="` + strconv.Itoa(n) + `">` + "\n"
	w.bw.WriteString(hdr)
	w.cur = ManifestDel{Fil: name, Mangd: m, Delnummer: n, Storlek: int64(len(hdr))}
	return nil
}

func (w *Writer) closePart() error {
	w.open = false
	w.bw.WriteString(partTrailer)
	w.cur.Storlek += int64(len(partTrailer))
	if err := w.bw.Flush(); err != nil {
		w.part.Close()
		return fmt.Errorf("extract1: %s: %w", w.cur.Fil, err)
	}
	if err := w.part.Close(); err != nil {
		return fmt.Errorf("extract1: %s: %w", w.cur.Fil, err)
	}
	w.parts = append(w.parts, w.cur)
	return nil
}

// Close finishes the last part, writes the manifest and closes the files.
func (w *Writer) Close() error {
	if w.closed {
		return w.err
	}
	w.closed = true
	if w.err != nil {
		w.files.Close()
		return w.err
	}
	if w.open {
		if err := w.closePart(); err != nil {
			w.files.Close()
			return w.fail(err)
		}
	}
	m := Manifest{
		Uttagstyp:       w.opts.Uttagstyp,
		Skapad:          update1.NewTidpunkt(w.opts.Skapad),
		Koordinatsystem: geometry.FormatSRSName(w.opts.SRID, geometry.URN),
		Hojdsystem:      "RH 2000",
		Fortsattning:    w.feed,
		Del:             w.parts,
	}
	b, err := m.Marshal()
	if err == nil {
		var f io.WriteCloser
		if f, err = w.files.Create(ManifestName); err == nil {
			_, err = f.Write(b)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}
	}
	if cerr := w.files.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return w.fail(fmt.Errorf("extract1: %w", err))
	}
	return nil
}

// Parts returns the part files written so far, as the manifest lists them.
func (w *Writer) Parts() []ManifestDel { return append([]ManifestDel(nil), w.parts...) }

// isNilObject reports whether o is a typed nil pointer.
func isNilObject(o update1.Objekt) bool {
	switch t := o.(type) {
	case *update1.Byggnad:
		return t == nil
	case *update1.Entre:
		return t == nil
	case *update1.Lagenhet:
		return t == nil
	case *update1.Adressplats:
		return t == nil
	case *update1.Adressomrade:
		return t == nil
	case *update1.Gardsadressomrade:
		return t == nil
	case *update1.Kommundel:
		return t == nil
	}
	return false
}
