package extract

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"

	"github.com/tjanstebaserad/bal-go/internal/wire/extract1"
)

// maxZipNesting bounds zips within zips (a delivery folder zipped up for
// the archive holds Geotorget's zips).
const maxZipNesting = 4

// maxSpillBytes bounds the temporary copy of a zip inside a zip.
const maxSpillBytes = 64 << 30

// partFile is a part file found in the delivery.
type partFile struct {
	name    string // the name PartName gives it, "byggnad_1.xml"
	path    string // where it is in the delivery
	mangd   extract1.Mangd
	number  int
	size    int64 // uncompressed
	fsys    fs.FS
	inner   string // its path in fsys
	entries int64  // from the manifest; -1 when unknown
	storlek int64  // from the manifest; -1 when unknown
}

// delivery is what Open found: the part files, the manifest, and what to
// close.
type delivery struct {
	root     string // the input's own path, for errors
	parts    []*partFile
	byName   map[string]*partFile
	manifest *partFile // only fsys, inner and path are used
	closers  []io.Closer
	temps    []string
	tempDir  string
}

func (d *delivery) close() error {
	var errs []error
	for i := len(d.closers) - 1; i >= 0; i-- {
		errs = append(errs, d.closers[i].Close())
	}
	for _, t := range d.temps {
		errs = append(errs, os.Remove(t))
	}
	d.closers, d.temps = nil, nil
	return errors.Join(errs...)
}

// scan finds the part files and the manifest in fsys (a folder or a zip)
// and, recursively, in the zips it holds. prefix is fsys's path in the
// delivery.
func (d *delivery) scan(fsys fs.FS, prefix string, depth int) error {
	return fs.WalkDir(fsys, ".", func(p string, de fs.DirEntry, err error) error {
		where := path.Join(prefix, p)
		if err != nil {
			return &Error{Path: where, Err: err}
		}
		if de.IsDir() || !de.Type().IsRegular() && de.Type()&fs.ModeSymlink == 0 {
			return nil
		}
		base := path.Base(p)
		lower := strings.ToLower(base)
		switch {
		case lower == extract1.ManifestName:
			if d.manifest != nil {
				return newError(where, ErrInvalid, "a second manifest (the first is %s): a delivery and its unpacked copy side by side?", d.manifest.path)
			}
			d.manifest = &partFile{path: where, fsys: fsys, inner: p}
		case strings.HasSuffix(lower, ".zip"):
			if depth >= maxZipNesting {
				return newError(where, ErrTooLarge, "zips nested more than %d deep", maxZipNesting)
			}
			zr, err := d.openZip(fsys, p, where)
			if err != nil {
				return err
			}
			return d.scan(zr, where, depth+1)
		default:
			m, n, ok := extract1.ParsePartName(base)
			if !ok {
				return nil // not part of the extract (a readme, another product)
			}
			info, err := fs.Stat(fsys, p) // through a symbolic link
			if err != nil {
				return &Error{Path: where, Err: err}
			}
			pf := &partFile{name: extract1.PartName(m, n), path: where, mangd: m, number: n,
				size: info.Size(), fsys: fsys, inner: p, entries: -1, storlek: -1}
			if prev, dup := d.byName[pf.name]; dup {
				return newError(where, ErrInvalid, "part %s is in the delivery twice (also at %s): a zip and its unpacked copy side by side?", pf.name, prev.path)
			}
			d.byName[pf.name] = pf
			d.parts = append(d.parts, pf)
		}
		return nil
	})
}

// openZip opens the zip at p in fsys: directly when fsys gives random
// access to it (a folder does), else through a temporary copy (a zip in a
// zip).
func (d *delivery) openZip(fsys fs.FS, p, where string) (*zip.Reader, error) {
	f, err := fsys.Open(p)
	if err != nil {
		return nil, &Error{Path: where, Err: err}
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, &Error{Path: where, Err: err}
	}
	if ra, ok := f.(io.ReaderAt); ok {
		d.closers = append(d.closers, f)
		zr, err := zip.NewReader(ra, info.Size())
		if err != nil {
			return nil, zipError(where, err)
		}
		return zr, nil
	}
	defer f.Close()
	tmp, err := os.CreateTemp(d.tempDir, "bal-extract-*.zip")
	if err != nil {
		return nil, &Error{Path: where, Err: fmt.Errorf("a temporary copy of a zip in a zip: %w", err)}
	}
	d.closers = append(d.closers, tmp)
	d.temps = append(d.temps, tmp.Name())
	n, err := io.Copy(tmp, io.LimitReader(f, maxSpillBytes+1))
	if err != nil {
		if c := ioClass(err); c != nil {
			return nil, &Error{Path: where, Err: &classed{class: c, msg: "reading", cause: err}}
		}
		return nil, &Error{Path: where, Err: fmt.Errorf("a temporary copy of a zip in a zip: %w", err)}
	}
	if n > maxSpillBytes {
		return nil, newError(where, ErrTooLarge, "a zip in a zip larger than %d bytes", int64(maxSpillBytes))
	}
	zr, err := zip.NewReader(tmp, n)
	if err != nil {
		return nil, zipError(where, err)
	}
	return zr, nil
}

func zipError(where string, err error) error {
	return &Error{Path: where, Err: &classed{class: ErrMalformed, msg: "not a readable zip archive (cut off?)", cause: err}}
}

// order puts the parts in reading order: the manifest's, or without one the
// information sets in extract1.Mangder order and each by number, which must
// run from 1 without gaps.
func (d *delivery) order(m *extract1.Manifest) error {
	if m != nil {
		listed := make([]*partFile, 0, len(m.Del))
		seen := map[string]bool{}
		for _, del := range m.Del {
			name := extract1.PartName(del.Mangd, del.Delnummer)
			pf := d.byName[name]
			if pf == nil {
				return newError(d.manifest.path, ErrIncomplete, "part %s is listed in the manifest but not in the delivery", name)
			}
			pf.entries, pf.storlek = del.Antal, del.Storlek
			seen[name] = true
			listed = append(listed, pf)
		}
		for _, pf := range d.parts {
			if !seen[pf.name] {
				return newError(pf.path, ErrInvalid, "part %s is not listed in the manifest", pf.name)
			}
		}
		d.parts = listed
		return nil
	}
	rank := map[extract1.Mangd]int{}
	for i, mg := range extract1.Mangder() {
		rank[mg] = i
	}
	slices.SortFunc(d.parts, func(a, b *partFile) int {
		if a.mangd != b.mangd {
			return rank[a.mangd] - rank[b.mangd]
		}
		return a.number - b.number
	})
	next := map[extract1.Mangd]int{}
	for _, pf := range d.parts {
		if pf.number != next[pf.mangd]+1 {
			return newError(pf.path, ErrIncomplete, "part %s without part %s before it", pf.name, extract1.PartName(pf.mangd, next[pf.mangd]+1))
		}
		next[pf.mangd] = pf.number
	}
	return nil
}
