package update1

import "encoding/xml"

// Entrelista answers GET /byggnad/{id}/entre: the building's entrances.
type Entrelista struct {
	// Entre are the entrances, current versions, retired ones included.
	Entre []Entre `xml:"Entre"`
}

func (*Entrelista) rootName() string      { return "Entrelista" }
func (*Entrelista) rootAttrs() []xml.Attr { return nil }

// Lagenhetslista answers GET /entre/{id}/lagenhet: the apartments reached
// through the entrance.
type Lagenhetslista struct {
	// Lagenhet are the apartments, current versions, retired ones included.
	Lagenhet []Lagenhet `xml:"Lagenhet"`
}

func (*Lagenhetslista) rootName() string      { return "Lagenhetslista" }
func (*Lagenhetslista) rootAttrs() []xml.Attr { return nil }
