package gen

import (
	"compress/flate"
	"fmt"
	"io"

	"github.com/tjanstebaserad/bal-go/internal/wire/extract1"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

// ExtractOptions configures WriteExtractWith. A nil *ExtractOptions means
// the zero value: one zip, parts of the default size.
type ExtractOptions struct {
	// MaxObjects and MaxBytes bound a part file (0: extract1's defaults).
	MaxObjects int
	MaxBytes   int64
	// FeedPosition is the change-feed position the manifest names; "" for
	// none.
	FeedPosition string
	// Level is the deflate level; 0 means flate.BestSpeed, which compresses
	// generated XML about 6:1 at several times the default level's speed.
	Level int
}

// WriteExtract writes the dataset as Lantmäteriet delivers a base extract
// (the structure docs/extract.md models): one zip holding numbered part
// files with many objects each, the address objects in
// belagenhetsadress_{n}.xml, the buildings with their entrances and
// apartments in byggnad_{n}.xml, and the manifest uttag.xml. The archive is
// deterministic: the same dataset gives the same bytes (objects in
// generation order, every file dated Config.Time).
func (d *Dataset) WriteExtract(w io.Writer) error { return d.WriteExtractWith(w, nil) }

// WriteExtractWith is WriteExtract with part sizes, a feed position and a
// compression level of the caller's choosing.
func (d *Dataset) WriteExtractWith(w io.Writer, opts *ExtractOptions) error {
	var o ExtractOptions
	if opts != nil {
		o = *opts
	}
	if o.Level == 0 {
		o.Level = flate.BestSpeed
	}
	files := extract1.NewZipFiles(w, d.Config.Time, o.Level)
	xw, err := extract1.NewWriter(files, &extract1.WriterOptions{
		Skapad: d.Config.Time, MaxObjects: o.MaxObjects, MaxBytes: o.MaxBytes,
	})
	if err != nil {
		return fmt.Errorf("gen: extract: %w", err)
	}
	xw.SetFeedPosition(o.FeedPosition)
	for _, obj := range d.Objects() {
		if err := xw.Insert(obj); err != nil {
			xw.Close()
			return fmt.Errorf("gen: extract: %w", err)
		}
	}
	if err := xw.Close(); err != nil {
		return fmt.Errorf("gen: extract: %w", err)
	}
	return nil
}

// Objects returns every BAL object of the dataset, in dependency order:
// districts, areas, courtyard areas, address points, buildings, entrances,
// apartments (so that loading them in this order never meets a reference
// to an object not loaded yet).
func (d *Dataset) Objects() []update1.Objekt {
	n := len(d.Kommundelar) + len(d.Adressomraden) + len(d.Gardsadressomraden) + len(d.Adressplatser) +
		len(d.Byggnader) + len(d.Entreer) + len(d.Lagenheter)
	out := make([]update1.Objekt, 0, n)
	for _, o := range d.Kommundelar {
		out = append(out, o)
	}
	for _, o := range d.Adressomraden {
		out = append(out, o)
	}
	for _, o := range d.Gardsadressomraden {
		out = append(out, o)
	}
	for _, o := range d.Adressplatser {
		out = append(out, o)
	}
	for _, o := range d.Byggnader {
		out = append(out, o)
	}
	for _, o := range d.Entreer {
		out = append(out, o)
	}
	for _, o := range d.Lagenheter {
		out = append(out, o)
	}
	return out
}
