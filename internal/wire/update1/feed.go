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

func (*Forandringar) rootName() string      { return "Forandringar" }
func (*Forandringar) rootAttrs() []xml.Attr { return nil }

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
