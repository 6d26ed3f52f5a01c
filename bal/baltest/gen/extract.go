package gen

import (
	"compress/flate"
	"fmt"
	"io"

	"github.com/tjanstebaserad/bal-go/internal/wire/extract1"
	"github.com/tjanstebaserad/bal-go/internal/wiremap"
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
		w, err := wiremap.ToWire(obj)
		if err == nil {
			err = xw.Insert(w)
		}
		if err != nil {
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
// to an object not loaded yet). Each is the dataset's own pointer: an
// *address.District, *address.Area, *address.CourtyardArea, *address.Point,
// *building.Building, *building.Entrance or *building.Apartment.
func (d *Dataset) Objects() []any {
	n := len(d.Districts) + len(d.Areas) + len(d.CourtyardAreas) + len(d.Points) +
		len(d.Buildings) + len(d.Entrances) + len(d.Apartments)
	out := make([]any, 0, n)
	out = appendAll(out, d.Districts)
	out = appendAll(out, d.Areas)
	out = appendAll(out, d.CourtyardAreas)
	out = appendAll(out, d.Points)
	out = appendAll(out, d.Buildings)
	out = appendAll(out, d.Entrances)
	return appendAll(out, d.Apartments)
}

func appendAll[T any](out []any, objects []*T) []any {
	for _, o := range objects {
		out = append(out, o)
	}
	return out
}
