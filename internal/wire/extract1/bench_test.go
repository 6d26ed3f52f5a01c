package extract1_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"testing"
	"time"

	"github.com/tjanstebaserad/bal-go/internal/wire/extract1"
)

// benchParts writes a generated municipality of n buildings as an extract
// and returns its part files, uncompressed.
func benchParts(b *testing.B, n int) [][]byte {
	b.Helper()
	d := dataset(b, n)
	files := &memFiles{}
	w, err := extract1.NewWriter(files, &extract1.WriterOptions{Skapad: time.Unix(0, 0)})
	if err != nil {
		b.Fatal(err)
	}
	for _, o := range d {
		if err := w.Insert(o); err != nil {
			b.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		b.Fatal(err)
	}
	var parts [][]byte
	for _, p := range w.Parts() {
		parts = append(parts, files.files[p.Fil].Bytes())
	}
	return parts
}

func BenchmarkReadParts(b *testing.B) {
	parts := benchParts(b, 10_000)
	var size int64
	for _, p := range parts {
		size += int64(len(p))
	}
	b.Run("encoding-xml-rawtoken", func(b *testing.B) {
		b.SetBytes(size)
		for b.Loop() {
			for _, p := range parts {
				d := xml.NewDecoder(bytes.NewReader(p))
				for {
					if _, err := d.RawToken(); err != nil {
						break
					}
				}
			}
		}
	})
	b.Run("encoding-xml-token", func(b *testing.B) {
		b.SetBytes(size)
		for b.Loop() {
			for _, p := range parts {
				d := xml.NewDecoder(bytes.NewReader(p))
				for {
					if _, err := d.Token(); err != nil {
						break
					}
				}
			}
		}
	})
	b.Run("partreader", func(b *testing.B) {
		b.SetBytes(size)
		pr := extract1.NewPartReader()
		for b.Loop() {
			for _, p := range parts {
				if _, err := pr.Reset(bytes.NewReader(p)); err != nil {
					b.Fatal(err)
				}
				for {
					_, err := pr.Next(nil)
					if errors.Is(err, io.EOF) {
						break
					}
					if err != nil {
						b.Fatal(err)
					}
				}
			}
		}
	})
}
