package update1

import "encoding/xml"

// MaxForandringar is the most changes one page of the change feed may ask
// for.
const MaxForandringar = 1000

// The förändringstyp values.
const (
	ForandringNy            = "Ny"
	ForandringAndrad        = "Ändrad"
	ForandringAvregistrerad = "Avregistrerad"
)

// Forandringar is one page of the change feed
// (GET /forandringar?fran=&max=&objekttyp=&kommunkod=).
type Forandringar struct {
	// Forandring are the changes, in sekvensnummer order.
	Forandring []Forandring `xml:"Forandring"`
	// Fortsattning is the checkpoint to resume from: the last sekvensnummer
	// of the page, or the checkpoint asked from when the page is empty.
	Fortsattning string `xml:"fortsattning"`
}

func (*Forandringar) rootName() string { return "Forandringar" }

// rootAttrs declares the gml prefix when a change carries an object.
func (p *Forandringar) rootAttrs() []xml.Attr {
	for _, f := range p.Forandring {
		if f.Objekt != nil {
			return []xml.Attr{gmlDecl}
		}
	}
	return nil
}

// Forandring is one change: an object reached a version.
type Forandring struct {
	// Sekvensnummer strictly increases along the feed, without gaps.
	Sekvensnummer int64 `xml:"sekvensnummer"`
	// Objekttyp is the changed object's type.
	Objekttyp Objekttyp `xml:"objekttyp"`
	// Objektidentitet is the changed object's objektidentitet.
	Objektidentitet string `xml:"objektidentitet"`
	// Objektversion is the version the change produced.
	Objektversion int64 `xml:"objektversion"`
	// Forandringstyp is Ny, Ändrad or Avregistrerad.
	Forandringstyp string `xml:"forandringstyp"`
	// Tidpunkt is when the change was made.
	Tidpunkt Tidpunkt `xml:"tidpunkt"`
	// Objekt is the object's current version in full, when the feed was
	// asked with objekt=med (added 2026-11-30); nil otherwise and for
	// Avregistrerad.
	Objekt *Innehallsobjekt `xml:"objekt,omitempty"`
}

// Innehallsobjekt holds exactly one of the seven objects, as the element of
// its type: a change's <objekt> when the feed carries objects.
type Innehallsobjekt struct {
	Byggnad           *Byggnad           `xml:"Byggnad,omitempty"`
	Entre             *Entre             `xml:"Entre,omitempty"`
	Lagenhet          *Lagenhet          `xml:"Lagenhet,omitempty"`
	Adressplats       *Adressplats       `xml:"Adressplats,omitempty"`
	Adressomrade      *Adressomrade      `xml:"Adressomrade,omitempty"`
	Gardsadressomrade *Gardsadressomrade `xml:"Gardsadressomrade,omitempty"`
	Kommundel         *Kommundel         `xml:"Kommundel,omitempty"`
}

// NewInnehallsobjekt wraps o.
func NewInnehallsobjekt(o Objekt) *Innehallsobjekt {
	var in Innehall
	in.SetObject(o)
	return &Innehallsobjekt{in.Byggnad, in.Entre, in.Lagenhet, in.Adressplats, in.Adressomrade, in.Gardsadressomrade, in.Kommundel}
}

// Object returns the object, or an error wrapping ErrDocument when there is
// none or more than one.
func (o *Innehallsobjekt) Object() (Objekt, error) {
	in := Innehall{Byggnad: o.Byggnad, Entre: o.Entre, Lagenhet: o.Lagenhet, Adressplats: o.Adressplats,
		Adressomrade: o.Adressomrade, Gardsadressomrade: o.Gardsadressomrade, Kommundel: o.Kommundel}
	return in.Object()
}

// Forandringsposition answers GET /forandringar/senaste: the checkpoint of
// the newest change, so that a client can start following "from now"
// without reading the feed (Matrikkel's findSisteEndringId is the anchor).
type Forandringsposition struct {
	// Fortsattning is the newest change's checkpoint, to pass as fran.
	Fortsattning string `xml:"fortsattning"`
}

func (*Forandringsposition) rootName() string      { return "Forandringsposition" }
func (*Forandringsposition) rootAttrs() []xml.Attr { return nil }
