package update1

import (
	"encoding/xml"
	"slices"
)

// The ärende types and statuses.
const (
	ArendeFastighetsbildning = "Fastighetsbildningsärende"
	ArendeAjourhallning      = "Ajourhållningsärende"
	ArendeKvalitet           = "Kvalitetsärende"

	ArendeInkommen = "Inkommen"
	ArendePagaende = "Pågående"
	ArendeAvslutad = "Avslutad"
)

// The kvittens types: an acknowledgement moves a case to Pågående, a report
// that it was handled closes it (Avslutad).
const (
	KvittensMottagen = "Mottagen"
	KvittensHanterad = "Hanterad"
)

// Arende is a case Lantmäteriet raises for the municipality, e.g. after a
// property formation (fastighetsbildning) changed the registerenheter that
// buildings and addresses lie on.
type Arende struct {
	// Objektidentitet is the case's objektidentitet.
	Objektidentitet string `xml:"objektidentitet"`
	// Objektversion is its objektversion; it goes up with every kvittens.
	Objektversion int64 `xml:"objektversion"`
	// Arendenummer is the case number, e.g. "AB123456".
	Arendenummer string `xml:"arendenummer"`
	// Arendetyp is Fastighetsbildningsärende, Ajourhållningsärende or
	// Kvalitetsärende.
	Arendetyp string `xml:"arendetyp"`
	// Status is Inkommen, Pågående or Avslutad.
	Status string `xml:"status"`
	// Beskrivning describes the case.
	Beskrivning string `xml:"beskrivning,omitempty"`
	// Kommunkod is the municipality concerned.
	Kommunkod string `xml:"kommunkod"`
	// Registerenhet are the registerenheter concerned.
	Registerenhet []Registerenhetsreferens `xml:"registerenhet,omitempty"`
	// Objekt are the BAL objects concerned.
	Objekt []Objektreferens `xml:"objekt,omitempty"`
	// Skapad is when it was raised.
	Skapad Tidpunkt `xml:"skapad"`
	// Andrad is when it last changed.
	Andrad Tidpunkt `xml:"andrad"`
	// Kvittenser are the municipality's acknowledgements, oldest first.
	Kvittenser Kvittenser `xml:"kvittenser"`
}

func (*Arende) rootName() string      { return "Arende" }
func (*Arende) rootAttrs() []xml.Attr { return nil }

// Clone returns a deep copy.
func (a *Arende) Clone() *Arende {
	if a == nil {
		return nil
	}
	c := *a
	c.Registerenhet = slices.Clone(a.Registerenhet)
	c.Objekt = slices.Clone(a.Objekt)
	c.Kvittenser = slices.Clone(a.Kvittenser)
	for i := range c.Kvittenser {
		c.Kvittenser[i].Objekt = slices.Clone(c.Kvittenser[i].Objekt)
	}
	return &c
}

// Kvittenser is the list of a case's kvittenser, written inside
// <kvittenser> and left out when empty.
type Kvittenser []Kvittensuppgift

// MarshalXML writes start, one <Kvittens> per entry and the end; nothing for
// an empty list.
func (k Kvittenser) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	if len(k) == 0 {
		return nil
	}
	return e.EncodeElement(struct {
		K []Kvittensuppgift `xml:"Kvittens"`
	}{k}, start)
}

// UnmarshalXML reads the entries inside <kvittenser>.
func (k *Kvittenser) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	var v struct {
		K []Kvittensuppgift `xml:"Kvittens"`
	}
	if err := d.DecodeElement(&v, &start); err != nil {
		return err
	}
	*k = v.K
	return nil
}

// Kvittensuppgift is the content of a kvittens: its type, comment and the
// objects the municipality updated to handle the case.
type Kvittensuppgift struct {
	// Kvittenstyp is Mottagen or Hanterad.
	Kvittenstyp string `xml:"kvittenstyp"`
	// Kommentar is the municipality's comment.
	Kommentar string `xml:"kommentar,omitempty"`
	// Objekt are the objects updated.
	Objekt []Objektreferens `xml:"objekt,omitempty"`
	// Tidpunkt is when the server received it; set by the server.
	Tidpunkt Tidpunkt `xml:"tidpunkt,omitempty"`
}

// Kvittens is the body of POST /arende/{id}/kvittens.
type Kvittens struct {
	// XMLName names the root in Namespace.
	XMLName xml.Name `xml:"http://namespace.lantmateriet.se/ajourhallning/bal/v1 Kvittens"`
	Kvittensuppgift
}

func (*Kvittens) rootName() string { return "Kvittens" }

// Arendelista is one page of GET /arende.
type Arendelista struct {
	// Arende are the cases, ordered by objektidentitet.
	Arende []Arende `xml:"Arende"`
	// Fortsattning continues the list; empty on the last page.
	Fortsattning string `xml:"fortsattning,omitempty"`
}

func (*Arendelista) rootName() string      { return "Arendelista" }
func (*Arendelista) rootAttrs() []xml.Attr { return nil }
