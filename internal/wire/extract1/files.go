package extract1

import (
	"archive/zip"
	"compress/flate"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// ZipFiles writes every file of an extract into one zip archive, each
// compressed with one deflate compressor that is reset, not recreated, from
// file to file.
type ZipFiles struct {
	zw       *zip.Writer
	modified time.Time
}

// NewZipFiles returns Files writing a zip to w. Every entry gets the time
// modified (so that the archive is deterministic); level is a
// compress/flate level.
func NewZipFiles(w io.Writer, modified time.Time, level int) *ZipFiles {
	z := &ZipFiles{zw: zip.NewWriter(w), modified: modified}
	registerDeflate(z.zw, level)
	return z
}

// registerDeflate makes zw use one flate.Writer at level for every entry.
func registerDeflate(zw *zip.Writer, level int) {
	var fw *flate.Writer
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		if fw == nil {
			var err error
			if fw, err = flate.NewWriter(out, level); err != nil {
				return nil, err
			}
			return fw, nil
		}
		fw.Reset(out)
		return fw, nil
	})
}

// Create starts the entry name.
func (z *ZipFiles) Create(name string) (io.WriteCloser, error) {
	w, err := z.zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: z.modified})
	if err != nil {
		return nil, err
	}
	return nopCloser{w}, nil
}

// Close writes the zip's central directory.
func (z *ZipFiles) Close() error { return z.zw.Close() }

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }

// DirFiles writes the files of an extract into a folder, unpacked.
type DirFiles struct{ dir string }

// NewDirFiles returns Files writing into dir, which it creates.
func NewDirFiles(dir string) (*DirFiles, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	return &DirFiles{dir: dir}, nil
}

// Create creates the file name in the folder.
func (d *DirFiles) Create(name string) (io.WriteCloser, error) {
	return os.Create(filepath.Join(d.dir, filepath.FromSlash(name)))
}

// Close does nothing: every file is closed already.
func (d *DirFiles) Close() error { return nil }

// SeparateZips writes every part file as a zip of its own, as Geotorget
// serves a delivery: part "byggnad_1.xml" as "byggnad_1.zip" holding it,
// and the manifest "uttag.xml" as it is. create makes each file, under
// whatever path the caller chooses for it (Geotorget puts some in
// sub-folders, e.g. "byggnad/byggnad_1.zip").
type SeparateZips struct {
	create   func(name string) (io.WriteCloser, error)
	modified time.Time
	level    int
}

// NewSeparateZips returns SeparateZips; modified and level are as for
// NewZipFiles.
func NewSeparateZips(create func(name string) (io.WriteCloser, error), modified time.Time, level int) *SeparateZips {
	return &SeparateZips{create: create, modified: modified, level: level}
}

// Create starts name: a zip of its own for a part file, the file itself
// otherwise.
func (s *SeparateZips) Create(name string) (io.WriteCloser, error) {
	stem, isXML := strings.CutSuffix(name, ".xml")
	if _, _, ok := ParsePartName(name); !ok || !isXML {
		return s.create(name)
	}
	f, err := s.create(stem + ".zip")
	if err != nil {
		return nil, err
	}
	zw := zip.NewWriter(f)
	registerDeflate(zw, s.level)
	w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: s.modified})
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return &zipOfOne{Writer: w, zw: zw, f: f}, nil
}

// Close does nothing: every file is closed already.
func (s *SeparateZips) Close() error { return nil }

type zipOfOne struct {
	io.Writer
	zw *zip.Writer
	f  io.WriteCloser
}

func (z *zipOfOne) Close() error {
	err := z.zw.Close()
	if cerr := z.f.Close(); err == nil {
		err = cerr
	}
	return err
}
