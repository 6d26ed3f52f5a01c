package gen

import (
	"archive/zip"
	"encoding/xml"
	"fmt"
	"io"
	"time"

	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

// registerenhetNamespace is the namespace the extract writes registerenheter
// in: Registerbeteckning Direkt v5's.
const registerenhetNamespace = "http://namespace.lantmateriet.se/distribution/produkter/registerbeteckning/v5"

// registerenhetXML is a registerenhet as the extract writes it.
type registerenhetXML struct {
	XMLName           xml.Name         `xml:"http://namespace.lantmateriet.se/distribution/produkter/registerbeteckning/v5 Registerenhet"`
	GML               update1.GMLDecl  `xml:"xmlns:gml,attr"`
	Objektidentitet   string           `xml:"objektidentitet"`
	Beteckning        string           `xml:"beteckning"`
	Registerenhetstyp string           `xml:"registerenhetstyp"`
	Kommunkod         string           `xml:"kommunkod"`
	Omrade            update1.Geometri `xml:"omrade"`
}

// WriteExtract writes the dataset as Lantmäteriet delivers a base extract:
// a zip with one XML file per object, "byggnad/{objektidentitet}.xml" and so
// on for every object type, "registerenhet/…", "brist/…" and "arende/…",
// each a complete document of the update binding (the registerenheter in
// Registerbeteckning's namespace). The archive is deterministic: the same
// dataset gives the same bytes (file order is generation order, and every
// file's time is Config.Time).
func (d *Dataset) WriteExtract(w io.Writer) error {
	zw := zip.NewWriter(w)
	at := d.Config.Time.UTC().Truncate(2 * time.Second)
	put := func(dir, id string, doc any) error {
		var b []byte
		var err error
		if r, ok := doc.(*Registerenhet); ok {
			b, err = xmlDocument(registerenhetXML{
				Objektidentitet: r.Objektidentitet, Beteckning: r.Beteckning, Registerenhetstyp: r.Typ,
				Kommunkod: r.Kommunkod, Omrade: update1.Geometri{Geometry: r.Omrade},
			})
		} else {
			b, err = update1.Marshal(doc)
		}
		if err != nil {
			return fmt.Errorf("gen: extract %s/%s: %w", dir, id, err)
		}
		f, err := zw.CreateHeader(&zip.FileHeader{Name: dir + "/" + id + ".xml", Method: zip.Deflate, Modified: at})
		if err != nil {
			return fmt.Errorf("gen: extract: %w", err)
		}
		if _, err := f.Write(b); err != nil {
			return fmt.Errorf("gen: extract: %w", err)
		}
		return nil
	}
	for _, r := range d.Registerenheter {
		if err := put("registerenhet", r.Objektidentitet, r); err != nil {
			return err
		}
	}
	for _, o := range d.Objects() {
		if err := put(o.Type().Segment(), o.Meta().Objektidentitet, o); err != nil {
			return err
		}
	}
	for _, b := range d.Brister {
		if err := put("brist", b.Objektidentitet, b); err != nil {
			return err
		}
	}
	for _, a := range d.Arenden {
		if err := put("arende", a.Objektidentitet, a); err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
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

func xmlDocument(v any) ([]byte, error) {
	b, err := xml.Marshal(v)
	if err != nil {
		return nil, err
	}
	return append([]byte(xml.Header), b...), nil
}
