package gen

import (
	"archive/zip"
	"encoding/xml"
	"fmt"
	"io"
	"runtime"
	"testing"
	"time"

	"github.com/tjanstebaserad/bal-go/casefile"
	"github.com/tjanstebaserad/bal-go/deficiency"
	"github.com/tjanstebaserad/bal-go/internal/testenv"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
	"github.com/tjanstebaserad/bal-go/internal/wiremap"
)

// BenchmarkGenerate100k generates a municipality of 100 000 buildings;
// BENCHMARKS.md ("baltest generator") records its time and memory.
// It also reports the heap the dataset holds once generated (MB-live).
func BenchmarkGenerate100k(b *testing.B) {
	b.ReportAllocs()
	var live float64
	for b.Loop() {
		d, err := Generate(Config{Seed: 1, Buildings: 100_000})
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&after)
		runtime.KeepAlive(d)
		d = nil
		runtime.GC()
		runtime.ReadMemStats(&before)
		live = float64(after.HeapAlloc-before.HeapAlloc) / (1 << 20)
		b.StartTimer()
	}
	b.ReportMetric(live, "MB-live")
}

// BenchmarkWriteExtract10k writes the extract of a municipality of 10 000
// buildings: "parts" is WriteExtract (part files of many objects, one
// compressor per part, objects encoded from cached plans); the anchors, in
// the same run, are the writer it replaced, a zip entry (and a new
// compressor) and an encoding/xml Marshal per object: "per-object" for the
// same seven object types, "per-object-all" as it was, with registerenheter,
// deficiencies and cases too.
func BenchmarkWriteExtract10k(b *testing.B) {
	d, err := Generate(Config{Seed: 1, Buildings: 10_000})
	if err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name  string
		write func(io.Writer) error
	}{
		{"parts", d.WriteExtract},
		{"per-object", func(w io.Writer) error { return d.writeExtractPerObject(w, false) }},
		{"per-object-all", func(w io.Writer) error { return d.writeExtractPerObject(w, true) }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			cpu0 := testenv.CPUTime()
			for b.Loop() {
				var n countingWriter
				if err := bc.write(&n); err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(n), "bytes/extract")
			}
			objects := float64(len(d.Objects())) * float64(b.N)
			b.ReportMetric(objects/b.Elapsed().Seconds(), "objects/s")
			// On a shared machine the process's CPU time is steadier than the
			// wall clock.
			if cpu := (testenv.CPUTime() - cpu0).Seconds(); cpu > 0 {
				b.ReportMetric(cpu/float64(b.N), "cpu-s/op")
				b.ReportMetric(objects/cpu, "objects/cpu-s")
			}
		})
	}
}

// countingWriter counts what is written to it.
type countingWriter int64

func (c *countingWriter) Write(p []byte) (int, error) {
	*c += countingWriter(len(p))
	return len(p), nil
}

// writeExtractPerObject is the extract writer WriteExtract replaced, kept as
// the benchmark's anchor: a zip with one XML document per object, each
// marshalled by encoding/xml and compressed by a new deflate compressor.
// all adds the registerenheter, deficiencies and cases it also wrote.
func (d *Dataset) writeExtractPerObject(w io.Writer, all bool) error {
	zw := zip.NewWriter(w)
	at := d.Config.Time.UTC().Truncate(2 * time.Second)
	put := func(dir, id string, doc any) error {
		var b []byte
		var err error
		if r, ok := doc.(*Property); ok {
			b, err = legacyRegisterenhet(r)
		} else {
			b, err = update1.Marshal(doc)
		}
		if err != nil {
			return fmt.Errorf("gen: extract %s/%s: %w", dir, id, err)
		}
		f, err := zw.CreateHeader(&zip.FileHeader{Name: dir + "/" + id + ".xml", Method: zip.Deflate, Modified: at})
		if err != nil {
			return err
		}
		_, err = f.Write(b)
		return err
	}
	if all {
		for _, r := range d.Properties {
			if err := put("registerenhet", r.ID.String(), r); err != nil {
				return err
			}
		}
	}
	for _, m := range d.Objects() {
		o, err := wiremap.ToWire(m)
		if err != nil {
			return err
		}
		if err := put(o.Type().Segment(), o.Meta().Objektidentitet, o); err != nil {
			return err
		}
	}
	if all {
		brist := wiremap.LookupTo[deficiency.Deficiency, *update1.Brist]()
		for _, b := range d.Deficiencies {
			if err := put("brist", b.ID.String(), brist(b)); err != nil {
				return err
			}
		}
		arende := wiremap.LookupTo[casefile.Case, *update1.Arende]()
		for _, a := range d.Cases {
			if err := put("arende", a.ID.String(), arende(a)); err != nil {
				return err
			}
		}
	}
	return zw.Close()
}

func legacyRegisterenhet(r *Property) ([]byte, error) {
	b, err := xml.Marshal(struct {
		XMLName           xml.Name         `xml:"http://namespace.lantmateriet.se/distribution/produkter/registerbeteckning/v5 Registerenhet"`
		GML               update1.GMLDecl  `xml:"xmlns:gml,attr"`
		Objektidentitet   string           `xml:"objektidentitet"`
		Beteckning        string           `xml:"beteckning"`
		Registerenhetstyp string           `xml:"registerenhetstyp"`
		Kommunkod         string           `xml:"kommunkod"`
		Omrade            update1.Geometri `xml:"omrade"`
	}{Objektidentitet: r.ID.String(), Beteckning: r.Designation, Registerenhetstyp: string(r.Type),
		Kommunkod: string(r.Municipality), Omrade: update1.Geometri{Geometry: r.Area}})
	if err != nil {
		return nil, err
	}
	return append([]byte(xml.Header), b...), nil
}
