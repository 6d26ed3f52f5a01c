package extract

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"time"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/geometry"
	"github.com/tjanstebaserad/bal-go/internal/wire/extract1"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

// Type is the kind of extract (uttagstyp).
type Type string

// The kinds of extract, as Geotorget Nedladdning names its deliveries.
const (
	// Base is a base extract (basuttag): every object, as it was when the
	// extract was compiled. Every item is an Insert.
	Base Type = "BAS"
	// Change is a change extract (förändringsuttag): what changed since the
	// previous delivery, as deletes and inserts ("delete – insert").
	Change Type = "FORANDRING"
)

// Manifest describes an extract.
type Manifest struct {
	// Type is Base or Change.
	Type Type
	// Created is when the extract was compiled (skapad): every object is as
	// it was then. Zero when the delivery has no manifest.
	Created time.Time
	// SRID is the EPSG code of the plane coordinate system (koordinatsystem)
	// the geometries are in: 3006 (SWEREF 99 TM) or a local SWEREF 99 zone.
	// Zero when the delivery has no manifest; each geometry carries its own
	// SRID regardless.
	SRID int
	// HeightSystem is the height system of z values (höjdsystem), "RH 2000".
	HeightSystem string
	// FeedPosition is the change-feed position (fortsättning) the extract
	// is consistent with: after loading it, follow the change feed from
	// here and nothing is missed or repeated. Zero when the extract names
	// none.
	FeedPosition bal.Checkpoint
	// Parts are the part files, in reading order.
	Parts []Part
	// Declared reports whether the delivery has a manifest (uttag.xml).
	// Without one, Type comes from the part files, the other fields are
	// unknown, and Items cannot tell a missing last part.
	Declared bool
}

// Part is one part file of an extract.
type Part struct {
	// Name is the part's file name, "byggnad_1.xml".
	Name string
	// Path is where the part is in the delivery, through any zips:
	// "byggnad/byggnad_1.zip/byggnad_1.xml".
	Path string
	// Set is the information set (mängd) it holds: "byggnad" (buildings,
	// entrances, apartments) or "belagenhetsadress" (address points, areas,
	// courtyard areas, districts).
	Set string
	// Number is the part's number within its set, from 1.
	Number int
	// Entries is how many entries (objects, and in a change extract
	// deletes) the manifest lists for it; -1 without a manifest.
	Entries int64
	// Size is its size in bytes, uncompressed.
	Size int64
}

// Options configures a Reader. A nil *Options means the zero value.
type Options struct {
	// Progress, when set, is called as the items are read: when a part
	// file begins and ends, and every megabyte in between.
	Progress func(Progress)
	// MaxElementBytes bounds one object element and one token of a part
	// file; larger ones are refused with ErrTooLarge. 0 means 64 MiB,
	// hundreds of times the largest building.
	MaxElementBytes int64
	// TempDir is where a zip inside a zip is copied to be read (a zip
	// needs random access); "" means os.TempDir. The copy is removed by
	// Close.
	TempDir string
}

// Progress reports how far reading has come.
type Progress struct {
	// Part is the part file being read.
	Part string
	// PartsDone and Parts count the part files to read (parts of sets the
	// iteration does not ask for are left out).
	PartsDone, Parts int
	// Bytes and TotalBytes count uncompressed bytes of those parts.
	Bytes, TotalBytes int64
	// Items is the number of entries read so far, skipped ones included;
	// TotalItems is their number when the manifest lists it, else 0.
	Items, TotalItems int64
}

// Reader reads an extract: a delivery of part files, in a zip, a folder or
// both (Geotorget delivers some zips in sub-folders). It reads one part at
// a time, one object at a time, so memory does not grow with the extract.
// Items may be called again, also concurrently; Close releases the files.
type Reader struct {
	d        *delivery
	manifest Manifest
	opts     Options
}

// Open opens the extract at path: a zip file, or a folder holding part
// files and zips of them (as a Geotorget delivery is downloaded).
func Open(path string, opts *Options) (*Reader, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, &Error{Path: path, Err: err}
	}
	if info.IsDir() {
		return open(os.DirFS(path), path, nil, opts)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, &Error{Path: path, Err: err}
	}
	zr, err := zip.NewReader(f, info.Size())
	if err != nil {
		f.Close()
		return nil, zipError(path, err)
	}
	return open(zr, path, f, opts)
}

// OpenFS opens the extract in fsys, e.g. os.DirFS(dir) or a *zip.Reader.
func OpenFS(fsys fs.FS, opts *Options) (*Reader, error) {
	return open(fsys, ".", nil, opts)
}

// NewReader opens the extract in the zip r of size bytes.
func NewReader(r io.ReaderAt, size int64, opts *Options) (*Reader, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, zipError("zip", err)
	}
	return open(zr, "zip", nil, opts)
}

func open(fsys fs.FS, name string, c io.Closer, opts *Options) (*Reader, error) {
	r := &Reader{d: &delivery{root: name, byName: map[string]*partFile{}}}
	if opts != nil {
		r.opts = *opts
	}
	r.d.tempDir = r.opts.TempDir
	if c != nil {
		r.d.closers = append(r.d.closers, c)
	}
	if err := r.init(fsys); err != nil {
		r.d.close()
		return nil, err
	}
	return r, nil
}

func (r *Reader) init(fsys fs.FS) error {
	d := r.d
	if err := d.scan(fsys, "", 0); err != nil {
		return err
	}
	var m *extract1.Manifest
	if d.manifest != nil {
		f, err := d.manifest.fsys.Open(d.manifest.inner)
		if err != nil {
			return &Error{Path: d.manifest.path, Err: err}
		}
		m, err = extract1.ParseManifest(f)
		f.Close()
		if err != nil {
			return partError(d.manifest.path, err)
		}
		r.manifest = Manifest{Type: Type(m.Uttagstyp), HeightSystem: m.Hojdsystem,
			FeedPosition: bal.Checkpoint(m.Fortsattning), Declared: true}
		if r.manifest.Created, err = m.Skapad.Time(); err != nil {
			return newError(d.manifest.path, ErrInvalid, "manifest: skapad %q", m.Skapad)
		}
		if m.Koordinatsystem != "" {
			crs, err := geometry.ParseSRSName(m.Koordinatsystem)
			if err != nil {
				return &Error{Path: d.manifest.path, Err: &classed{class: ErrInvalid, msg: "manifest: koordinatsystem", cause: err}}
			}
			r.manifest.SRID = crs.Code
		}
	} else if len(d.parts) == 0 {
		return newError(d.root, ErrNotExtract, "no part files ({mängd}_{n}.xml) and no manifest (%s)", extract1.ManifestName)
	}
	if err := d.order(m); err != nil {
		return err
	}
	for _, pf := range d.parts {
		r.manifest.Parts = append(r.manifest.Parts, Part{Name: pf.name, Path: pf.path, Set: string(pf.mangd),
			Number: pf.number, Entries: pf.entries, Size: pf.size})
	}
	if m == nil {
		// The kind of extract is in every part's header: take the first's.
		h, err := r.header(d.parts[0])
		if err != nil {
			return err
		}
		r.manifest.Type = Type(h.Uttagstyp)
	}
	return nil
}

// header reads the header of part pf.
func (r *Reader) header(pf *partFile) (extract1.Header, error) {
	f, err := pf.fsys.Open(pf.inner)
	if err != nil {
		return extract1.Header{}, &Error{Path: pf.path, Err: err}
	}
	defer f.Close()
	pr := r.partReader()
	h, err := pr.Reset(f)
	if err != nil {
		return h, partError(pf.path, err)
	}
	return h, nil
}

func (r *Reader) partReader() *extract1.PartReader {
	pr := extract1.NewPartReader()
	pr.MaxTokenBytes, pr.MaxObjectBytes = r.opts.MaxElementBytes, r.opts.MaxElementBytes
	return pr
}

// Manifest returns what the extract says about itself.
func (r *Reader) Manifest() Manifest {
	m := r.manifest
	m.Parts = append([]Part(nil), m.Parts...)
	return m
}

// Close closes the files Open opened and removes temporary copies.
func (r *Reader) Close() error {
	if err := r.d.close(); err != nil {
		return fmt.Errorf("extract: close: %w", err)
	}
	return nil
}

// checkHeader checks a part's header against its name and the extract.
func (r *Reader) checkHeader(pf *partFile, h extract1.Header) error {
	switch {
	case Type(h.Uttagstyp) != r.manifest.Type:
		return newError(pf.path, ErrInvalid, "a %s part in a %s extract", h.Uttagstyp, r.manifest.Type)
	case h.Mangd != pf.mangd || h.Delnummer != pf.number:
		return newError(pf.path, ErrInvalid, "the file says it is part %d of %s", h.Delnummer, h.Mangd)
	}
	return nil
}

// objectTypes maps the wire's object types to the SDK's.
var objectTypes = map[update1.Objekttyp]bal.ObjectType{
	update1.TypByggnad: bal.ObjectTypeBuilding, update1.TypEntre: bal.ObjectTypeEntrance,
	update1.TypLagenhet: bal.ObjectTypeApartment, update1.TypAdressplats: bal.ObjectTypeAddressPoint,
	update1.TypAdressomrade: bal.ObjectTypeAddressArea, update1.TypGardsadressomrade: bal.ObjectTypeCourtyardArea,
	update1.TypKommundel: bal.ObjectTypeDistrict,
}

// errNoMapping is the programming error of a model package not linked in.
var errNoMapping = errors.New("extract: a model mapping is missing")
