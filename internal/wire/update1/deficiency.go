package update1

import "encoding/xml"

// The brist statuses.
const (
	BristOppen    = "Öppen"
	BristAtgardad = "Åtgärdad"
	BristAvvisad  = "Avvisad"
)

// Brist is a deficiency Lantmäteriet found in the municipality's data, for
// the municipality to handle.
type Brist struct {
	// Objektidentitet is the deficiency's objektidentitet.
	Objektidentitet string `xml:"objektidentitet"`
	// Objektversion is its objektversion; it goes up when it is handled.
	Objektversion int64 `xml:"objektversion"`
	// Bristtyp is the kind of deficiency, e.g. "Byggnad saknar adress".
	Bristtyp string `xml:"bristtyp"`
	// Status is Öppen, Åtgärdad or Avvisad.
	Status string `xml:"status"`
	// Beskrivning describes the deficiency.
	Beskrivning string `xml:"beskrivning,omitempty"`
	// Kommunkod is the municipality responsible.
	Kommunkod string `xml:"kommunkod"`
	// Registerenhet is the registerenhet concerned, when there is one.
	Registerenhet *Registerenhetsreferens `xml:"registerenhet,omitempty"`
	// Objekt is the affected object.
	Objekt *Objektreferens `xml:"objekt,omitempty"`
	// Kommentar is the municipality's comment from handling it.
	Kommentar string `xml:"kommentar,omitempty"`
	// Skapad is when it was raised.
	Skapad Tidpunkt `xml:"skapad"`
	// Andrad is when it last changed.
	Andrad Tidpunkt `xml:"andrad"`
}

func (*Brist) rootName() string      { return "Brist" }
func (*Brist) rootAttrs() []xml.Attr { return nil }

// Clone returns a copy.
func (b *Brist) Clone() *Brist {
	if b == nil {
		return nil
	}
	c := *b
	if b.Registerenhet != nil {
		r := *b.Registerenhet
		c.Registerenhet = &r
	}
	if b.Objekt != nil {
		o := *b.Objekt
		c.Objekt = &o
	}
	return &c
}

// Objektreferens names an object of any type.
type Objektreferens struct {
	// Objekttyp is the object's type.
	Objekttyp Objekttyp `xml:"objekttyp"`
	// Objektidentitet is its objektidentitet.
	Objektidentitet string `xml:"objektidentitet"`
}

// Bristlista is one page of GET /brist.
type Bristlista struct {
	// Brist are the deficiencies, ordered by objektidentitet.
	Brist []Brist `xml:"Brist"`
	// Fortsattning continues the list; empty on the last page.
	Fortsattning string `xml:"fortsattning,omitempty"`
}

func (*Bristlista) rootName() string      { return "Bristlista" }
func (*Bristlista) rootAttrs() []xml.Attr { return nil }

// Bristatgard is the body of POST /brist/{id}/atgard: mark the deficiency
// handled (Åtgärdad) or reject it (Avvisad, comment required).
type Bristatgard struct {
	// XMLName names the root in Namespace.
	XMLName xml.Name `xml:"http://namespace.lantmateriet.se/ajourhallning/bal/v1 Bristatgard"`
	// Status is Åtgärdad or Avvisad.
	Status string `xml:"status"`
	// Kommentar explains; required with Avvisad.
	Kommentar string `xml:"kommentar,omitempty"`
}

func (*Bristatgard) rootName() string { return "Bristatgard" }
