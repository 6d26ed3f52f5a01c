package update1

import (
	"encoding/xml"
	"fmt"
)

// Objekttyp names one of the seven BAL object types by its IUM class name
// without diacritics, which is also its element name.
type Objekttyp string

// The object types of service-based updating, and the two the services
// around it add (Brist, Arende).
const (
	TypByggnad           Objekttyp = "Byggnad"
	TypEntre             Objekttyp = "Entre"
	TypLagenhet          Objekttyp = "Lagenhet"
	TypAdressplats       Objekttyp = "Adressplats"
	TypAdressomrade      Objekttyp = "Adressomrade"
	TypGardsadressomrade Objekttyp = "Gardsadressomrade"
	TypKommundel         Objekttyp = "Kommundel"
	TypBrist             Objekttyp = "Brist"
	TypArende            Objekttyp = "Arende"
)

// Typer lists the seven updatable object types in the binding's order.
func Typer() []Objekttyp {
	return []Objekttyp{TypByggnad, TypEntre, TypLagenhet, TypAdressplats, TypAdressomrade, TypGardsadressomrade, TypKommundel}
}

// Segment returns the type's path segment, e.g. "byggnad" for Byggnad.
func (t Objekttyp) Segment() string {
	switch t {
	case TypByggnad:
		return "byggnad"
	case TypEntre:
		return "entre"
	case TypLagenhet:
		return "lagenhet"
	case TypAdressplats:
		return "adressplats"
	case TypAdressomrade:
		return "adressomrade"
	case TypGardsadressomrade:
		return "gardsadressomrade"
	case TypKommundel:
		return "kommundel"
	case TypBrist:
		return "brist"
	case TypArende:
		return "arende"
	}
	return ""
}

// TypFranSegment returns the object type of a path segment ("byggnad" →
// Byggnad) and whether it is one of the seven updatable types.
func TypFranSegment(seg string) (Objekttyp, bool) {
	for _, t := range Typer() {
		if t.Segment() == seg {
			return t, true
		}
	}
	return "", false
}

// New returns a new, empty object of type t, or nil when t is not one of the
// seven updatable types.
func (t Objekttyp) New() Objekt {
	switch t {
	case TypByggnad:
		return &Byggnad{}
	case TypEntre:
		return &Entre{}
	case TypLagenhet:
		return &Lagenhet{}
	case TypAdressplats:
		return &Adressplats{}
	case TypAdressomrade:
		return &Adressomrade{}
	case TypGardsadressomrade:
		return &Gardsadressomrade{}
	case TypKommundel:
		return &Kommundel{}
	}
	return nil
}

// Objekt is one of the seven object structs.
type Objekt interface {
	// Type returns the object's type.
	Type() Objekttyp
	// Meta returns the object's BAU_Utbytesobjekt fields, for reading and
	// setting.
	Meta() *Utbytesobjekt
	// Action returns the Verksamhetsåtgärd recorded with the version, nil
	// when none.
	Action() *Verksamhetsatgard
	// SetAction sets the recorded Verksamhetsåtgärd.
	SetAction(*Verksamhetsatgard)
	// CloneObject returns a deep copy.
	CloneObject() Objekt
}

// Utbytesobjekt is what every exchanged object (BAU_Utbytesobjekt) carries:
// its identity, version, when the version took effect and its status.
// Embedded in every object struct, its fields are the object's first
// children.
type Utbytesobjekt struct {
	// Objektidentitet is the objektidentitet, a UUID. On create it may be
	// empty (the server assigns one) or a client-generated UUID.
	Objektidentitet string `xml:"objektidentitet,omitempty"`
	// Objektversion is the objektversion: on a change, the version the
	// object was read at; 0 when absent.
	Objektversion int64 `xml:"objektversion,omitempty"`
	// VersionGiltigFran is versionGiltigFran, set by the server.
	VersionGiltigFran Tidpunkt `xml:"versionGiltigFran,omitempty"`
	// VersionGiltigTill is versionGiltigTill, set on versions that have been
	// replaced.
	VersionGiltigTill Tidpunkt `xml:"versionGiltigTill,omitempty"`
	// Objektstatus is the objektstatus: Planerad, Gällande under utredning,
	// Gällande or Avregistrerad.
	Objektstatus string `xml:"objektstatus,omitempty"`
}

// Verksamhetsatgard is a Verksamhetsåtgärd: the business event behind a
// write, recorded with the version it produced. An object carries exactly
// one, as Lantmäteriet's Byggnad v1 schema allows (lantmateriet-api.md,
// corrections §2): atgardstyp and ansvarigOrganisation required,
// utforandeOrganisation and atgardstidpunkt optional, and no
// atgardsordning.
type Verksamhetsatgard struct {
	// Atgardstyp is the åtgärdstyp, from the object type's BA_Åtgärdstyp
	// list ("Ändrad byggnadsinformation", "Ny" …).
	Atgardstyp string `xml:"atgardstyp"`
	// AnsvarigOrganisation is the ansvarig organisation, a kommunkod.
	AnsvarigOrganisation string `xml:"ansvarigOrganisation"`
	// UtforandeOrganisation is the utförande organisation.
	UtforandeOrganisation string `xml:"utforandeOrganisation,omitempty"`
	// Atgardstidpunkt is the åtgärdstidpunkt.
	Atgardstidpunkt Tidpunkt `xml:"atgardstidpunkt,omitempty"`
}

func (v *Verksamhetsatgard) clone() *Verksamhetsatgard {
	if v == nil {
		return nil
	}
	c := *v
	return &c
}

// Operation says what a member of a Transaktion does with its object. It is
// an attribute of the member; a single write says it by its method and path
// instead.
type Operation string

// The operations of a transaction member.
const (
	// OperationSkapa creates the object (as POST /{typ}).
	OperationSkapa Operation = "Skapa"
	// OperationAndra changes the object (as PUT /{typ}/{id}).
	OperationAndra Operation = "Andra"
	// OperationAvregistrera retires the object (as
	// POST /{typ}/{id}/avregistrering).
	OperationAvregistrera Operation = "Avregistrera"
)

// Innehall is the content of a write: one Verksamhetsåtgärd and one object.
// Uppdatering and Transaktionsdel embed it.
type Innehall struct {
	// Verksamhetsatgard is the action the write records.
	Verksamhetsatgard Verksamhetsatgard `xml:"Verksamhetsatgard"`

	// Byggnad is the building written; exactly one object field is set.
	Byggnad *Byggnad `xml:"Byggnad,omitempty"`
	// Entre is the entrance written.
	Entre *Entre `xml:"Entre,omitempty"`
	// Lagenhet is the apartment written.
	Lagenhet *Lagenhet `xml:"Lagenhet,omitempty"`
	// Adressplats is the address point written.
	Adressplats *Adressplats `xml:"Adressplats,omitempty"`
	// Adressomrade is the address area written.
	Adressomrade *Adressomrade `xml:"Adressomrade,omitempty"`
	// Gardsadressomrade is the courtyard area written.
	Gardsadressomrade *Gardsadressomrade `xml:"Gardsadressomrade,omitempty"`
	// Kommundel is the district written.
	Kommundel *Kommundel `xml:"Kommundel,omitempty"`
}

// SetObject makes o the only object.
func (u *Innehall) SetObject(o Objekt) {
	u.Byggnad, u.Entre, u.Lagenhet, u.Adressplats = nil, nil, nil, nil
	u.Adressomrade, u.Gardsadressomrade, u.Kommundel = nil, nil, nil
	switch t := o.(type) {
	case *Byggnad:
		u.Byggnad = t
	case *Entre:
		u.Entre = t
	case *Lagenhet:
		u.Lagenhet = t
	case *Adressplats:
		u.Adressplats = t
	case *Adressomrade:
		u.Adressomrade = t
	case *Gardsadressomrade:
		u.Gardsadressomrade = t
	case *Kommundel:
		u.Kommundel = t
	}
}

// Object returns the object, or an error wrapping ErrDocument when there is
// none or more than one.
func (u *Innehall) Object() (Objekt, error) {
	var found []Objekt
	for _, o := range []Objekt{u.Byggnad, u.Entre, u.Lagenhet, u.Adressplats, u.Adressomrade, u.Gardsadressomrade, u.Kommundel} {
		if o != nil && !isNilObject(o) {
			found = append(found, o)
		}
	}
	switch len(found) {
	case 0:
		return nil, fmt.Errorf("%w: the update holds no object", ErrDocument)
	case 1:
		return found[0], nil
	}
	return nil, fmt.Errorf("%w: the update holds %d objects, want one", ErrDocument, len(found))
}

// isNilObject reports whether o is a typed nil pointer.
func isNilObject(o Objekt) bool {
	switch t := o.(type) {
	case *Byggnad:
		return t == nil
	case *Entre:
		return t == nil
	case *Lagenhet:
		return t == nil
	case *Adressplats:
		return t == nil
	case *Adressomrade:
		return t == nil
	case *Gardsadressomrade:
		return t == nil
	case *Kommundel:
		return t == nil
	}
	return true
}

// Uppdatering is the write envelope, the body of create, change and retire:
// one Verksamhetsåtgärd and one object. For a change and a retirement the
// object carries the objektversion it was read at.
type Uppdatering struct {
	// XMLName names the root in Namespace.
	XMLName xml.Name `xml:"http://namespace.lantmateriet.se/ajourhallning/bal/v1 Uppdatering"`
	// GML declares xmlns:gml on the root.
	GML GMLDecl `xml:"xmlns:gml,attr"`
	Innehall
}

func (*Uppdatering) rootName() string { return "Uppdatering" }

// NewUppdatering wraps o (one of the seven object structs) with action a.
func NewUppdatering(a Verksamhetsatgard, o Objekt) *Uppdatering {
	u := &Uppdatering{Innehall: Innehall{Verksamhetsatgard: a}}
	u.SetObject(o)
	return u
}

// Transaktion is several creates, changes and retirements applied
// all-or-nothing, e.g. a new building with its entrances, apartments and
// address point. Members are applied in order and may refer to objects that
// earlier members create, by the identities the client assigned them.
type Transaktion struct {
	// XMLName names the root in Namespace.
	XMLName xml.Name `xml:"http://namespace.lantmateriet.se/ajourhallning/bal/v1 Transaktion"`
	// GML declares xmlns:gml on the root.
	GML GMLDecl `xml:"xmlns:gml,attr"`
	// Uppdatering are the members.
	Uppdatering []Transaktionsdel `xml:"Uppdatering"`
}

func (*Transaktion) rootName() string { return "Transaktion" }

// Transaktionsdel is one member of a Transaktion: an <Uppdatering> with an
// operation attribute.
type Transaktionsdel struct {
	// Operation says whether the member creates, changes or retires its
	// object.
	Operation Operation `xml:"operation,attr"`
	Innehall
}

// Kvitto is the receipt of a write: the object's identity, its new version
// and when that version took effect.
type Kvitto struct {
	// Objektidentitet is the object's objektidentitet.
	Objektidentitet string `xml:"objektidentitet"`
	// Objektversion is the new objektversion.
	Objektversion int64 `xml:"objektversion"`
	// VersionGiltigFran is the new version's versionGiltigFran.
	VersionGiltigFran Tidpunkt `xml:"versionGiltigFran"`
}

func (*Kvitto) rootName() string      { return "Kvitto" }
func (*Kvitto) rootAttrs() []xml.Attr { return nil }

// Transaktionskvitto is the receipt of a transaction: one Kvitto per member,
// in the members' order.
type Transaktionskvitto struct {
	// Kvitto are the members' receipts.
	Kvitto []Kvitto `xml:"Kvitto"`
}

func (*Transaktionskvitto) rootName() string      { return "Transaktionskvitto" }
func (*Transaktionskvitto) rootAttrs() []xml.Attr { return nil }
