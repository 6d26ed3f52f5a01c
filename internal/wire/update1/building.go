package update1

import (
	"encoding/xml"
	"fmt"
)

// Byggnad is a building (BAU_Byggnad). Its children follow Byggnad Direkt
// v3 in its order: the Byggnadsattribut block, remarks, names, purposes (as
// the substitution group Bostad, Verksamhet …), shelters, the recorded
// action, the building parts with their surfaces, the Skatteverket units and
// the property references; the BAU_Utbytesobjekt fields come first.
type Byggnad struct {
	Utbytesobjekt
	// Byggnadsattribut holds the building's own attributes.
	Byggnadsattribut Byggnadsattribut `xml:"Byggnadsattribut"`
	// Byggnadsanmarkning are the byggnadsanmärkningar.
	Byggnadsanmarkning []Anmarkning `xml:"Byggnadsanmarkning,omitempty"`
	// Byggnadsnamn are the byggnadsnamn.
	Byggnadsnamn []Byggnadsnamn `xml:"Byggnadsnamn,omitempty"`
	// Byggnadsandamal are the byggnadsändamål, each written as the element
	// of its category (<Bostad>, <Samhallsfunktion> …).
	Byggnadsandamal []Byggnadsandamal `xml:",any"`
	// Skyddsrum are the MSB skyddsrum.
	Skyddsrum []Skyddsrum `xml:"Skyddsrum,omitempty"`
	// Verksamhetsatgard is the action recorded with this version, in
	// answers; it comes after Skyddsrum as in Byggnad Direkt v3
	// (lantmateriet-api.md §3.1).
	Verksamhetsatgard *Verksamhetsatgard `xml:"Verksamhetsatgard,omitempty"`
	// Byggnadsdel are the byggnadsdelar with their surfaces.
	Byggnadsdel []Byggnadsdel `xml:"Byggnadsdel,omitempty"`
	// Taxeringsenhet is the Skatteverket taxeringsenhet (rule B-0035: not
	// together with Varderingsenhet).
	Taxeringsenhet *Taxeringsenhet `xml:"Taxeringsenhet,omitempty"`
	// Varderingsenhet is the Skatteverket värderingsenhet.
	Varderingsenhet *Varderingsenhet `xml:"Varderingsenhet,omitempty"`
	// LiggerPa are the registerenheter the building lies on.
	LiggerPa Registerenheter `xml:"LiggerPa"`
	// BerorsAv are the registerenheter (3D properties) affecting the
	// building.
	BerorsAv Registerenheter `xml:"BerorsAv"`
}

// Byggnadsattribut is the block of BAU_Byggnad's own attributes.
type Byggnadsattribut struct {
	// Husnummer is the husnummer; 0 when absent.
	Husnummer int `xml:"husnummer,omitempty"`
	// Nybyggnadsar is the nybyggnadsår; 0 when absent.
	Nybyggnadsar int `xml:"nybyggnadsar,omitempty"`
	// UndantagenFranAdressattning is undantagenFrånAdressättning.
	UndantagenFranAdressattning *bool `xml:"undantagenFranAdressattning,omitempty"`
	// Huvudbyggnad is huvudbyggnad.
	Huvudbyggnad *bool `xml:"huvudbyggnad,omitempty"`
	// Tillbyggnadsar is the tillbyggnadsår; 0 when absent.
	Tillbyggnadsar int `xml:"tillbyggnadsar,omitempty"`
	// OfriGrund is "ofri grund".
	OfriGrund *bool `xml:"ofriGrund,omitempty"`
	// Byggnadsservitut is byggnadsservitut.
	Byggnadsservitut *bool `xml:"byggnadsservitut,omitempty"`
}

// Anmarkning is a byggnadsanmärkning or adressplatsanmärkning.
type Anmarkning struct {
	// Anmarkningstyp is the anmärkningstyp.
	Anmarkningstyp string `xml:"anmarkningstyp"`
	// Anmarkningstext is the anmärkningstext.
	Anmarkningstext string `xml:"anmarkningstext,omitempty"`
}

// Byggnadsnamn is a byggnadsnamn.
type Byggnadsnamn struct {
	// Namn is the name.
	Namn string `xml:"namn"`
	// Namntyp is the namntyp.
	Namntyp string `xml:"namntyp,omitempty"`
	// Ortid is the ortid.
	Ortid string `xml:"ortid,omitempty"`
}

// The byggnadsändamål categories, as element names.
const (
	KategoriBostad            = "Bostad"
	KategoriVerksamhet        = "Verksamhet"
	KategoriIndustri          = "Industri"
	KategoriSamhallsfunktion  = "Samhallsfunktion"
	KategoriEkonomibyggnad    = "Ekonomibyggnad"
	KategoriKomplementbyggnad = "Komplementbyggnad"
	KategoriOvrigByggnad      = "OvrigByggnad"
)

// Byggnadsandamal is a byggnadsändamål. In XML it is the element of its
// category, e.g. <Bostad><andamal>Flerfamiljshus</andamal>…</Bostad>, as in
// Lantmäteriet's substitution group.
type Byggnadsandamal struct {
	// Kategori is the element name: one of the Kategori… constants. An
	// element the binding does not know keeps its name here, for the
	// server's rules to refuse.
	Kategori string `xml:"-"`
	// Andamal is the ändamål within the category.
	Andamal string `xml:"andamal,omitempty"`
	// Huvudandamal is huvudändamål.
	Huvudandamal *bool `xml:"huvudandamal,omitempty"`
	// OsakertAndamal is osäkert ändamål.
	OsakertAndamal *bool `xml:"osakertAndamal,omitempty"`
	// TotalBoarea is the total boarea in m², Bostad only.
	TotalBoarea *float64 `xml:"totalBoarea,omitempty"`
}

// byggnadsandamalFields is Byggnadsandamal without its methods, for the
// default encoding of its children.
type byggnadsandamalFields Byggnadsandamal

// MarshalXML writes the purpose as the element of its category.
func (a Byggnadsandamal) MarshalXML(e *xml.Encoder, _ xml.StartElement) error {
	if a.Kategori == "" {
		return fmt.Errorf("update1: byggnadsändamål without a category")
	}
	return e.EncodeElement(byggnadsandamalFields(a), xml.StartElement{Name: xml.Name{Local: a.Kategori}})
}

// UnmarshalXML reads the purpose; the element's name is its category.
func (a *Byggnadsandamal) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	var f byggnadsandamalFields
	if err := d.DecodeElement(&f, &start); err != nil {
		return err
	}
	*a = Byggnadsandamal(f)
	a.Kategori = start.Name.Local
	return nil
}

// Skyddsrum is an MSB skyddsrum.
type Skyddsrum struct {
	// Identitet is the shelter's identity in MSB's register.
	Identitet string `xml:"identitet"`
}

// Taxeringsenhet refers to a Skatteverkets taxeringsenhet.
type Taxeringsenhet struct {
	// Taxeringsenhetsidentitet is the taxeringsenhetsidentitet.
	Taxeringsenhetsidentitet string `xml:"taxeringsenhetsidentitet"`
}

// Varderingsenhet refers to a Skatteverkets värderingsenhet.
type Varderingsenhet struct {
	// Varderingsenhetsidentitet is the värderingsenhetsidentitet.
	Varderingsenhetsidentitet string `xml:"varderingsenhetsidentitet"`
}

// Byggnadsdel is a byggnadsdel: a surface with how it was captured and how
// accurate it is.
type Byggnadsdel struct {
	// Insamlingslage is the insamlingsläge (BA_Byggnadsläge), e.g. Takkant.
	Insamlingslage string `xml:"insamlingslage,omitempty"`
	// Byggnadsyta is the surface: a gml:Polygon or gml:MultiSurface.
	Byggnadsyta Geometri `xml:"Byggnadsyta"`
	// LagesnoggrannhetPlan is the lägesnoggrannhet plan.
	LagesnoggrannhetPlan *Lagesnoggrannhet `xml:"lagesnoggrannhetPlan,omitempty"`
	// LagesnoggrannhetHojd is the lägesnoggrannhet höjd.
	LagesnoggrannhetHojd *Lagesnoggrannhet `xml:"lagesnoggrannhetHojd,omitempty"`
}

// Lagesnoggrannhet is a lägesnoggrannhet: how the accuracy was evaluated and
// the result, or that there is no information.
type Lagesnoggrannhet struct {
	// Utvarderingsmetod is the utvärderingsmetod, e.g. "Indirekt mätmetod".
	Utvarderingsmetod string `xml:"utvarderingsmetod,omitempty"`
	// StatistiskMetod is the result's statistisk metod, e.g. "medelfel".
	StatistiskMetod string `xml:"statistiskMetod,omitempty"`
	// Varde is the result's värde.
	Varde *float64 `xml:"varde,omitempty"`
	// Vardeenhet is the result's värdeenhet, e.g. "meter".
	Vardeenhet string `xml:"vardeenhet,omitempty"`
	// IngenInformation is "ingen information".
	IngenInformation bool `xml:"ingenInformation,omitempty"`
}

// Registerenhetsreferens refers to a registerenhet (fastighet or
// samfällighet) by its objektidentitet; the server adds beteckning and typ.
type Registerenhetsreferens struct {
	// Objektidentitet is the registerenhet's objektidentitet.
	Objektidentitet string `xml:"objektidentitet"`
	// Beteckning is its beteckning, e.g. "Exempelby Backa 1:23".
	Beteckning string `xml:"beteckning,omitempty"`
	// Typ is its registerenhetstyp: Fastighet or Samfällighet.
	Typ string `xml:"typ,omitempty"`
}

// Registerenheter is a list of registerenhet references written inside a
// relation element (<LiggerPa>, <BerorsAv>), which is left out when the list
// is empty.
type Registerenheter []Registerenhetsreferens

// MarshalXML writes start, one <Registerenhetsreferens> per reference and
// the end; nothing for an empty list.
func (r Registerenheter) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	if len(r) == 0 {
		return nil
	}
	return e.EncodeElement(struct {
		Ref []Registerenhetsreferens `xml:"Registerenhetsreferens"`
	}{r}, start)
}

// UnmarshalXML reads the references inside the relation element.
func (r *Registerenheter) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	var v struct {
		Ref []Registerenhetsreferens `xml:"Registerenhetsreferens"`
	}
	if err := d.DecodeElement(&v, &start); err != nil {
		return err
	}
	*r = v.Ref
	return nil
}

// Referens refers to another BAL object by its objektidentitet. The server
// adds what identifies the object to a reader: an area's faststalltNamn and
// adressomradestyp, an address point's etikett ("Storgatan 7A").
type Referens struct {
	// Objektidentitet is the referenced object's objektidentitet.
	Objektidentitet string `xml:"objektidentitet"`
	// FaststalltNamn is the referenced area's or district's fastställt namn.
	FaststalltNamn string `xml:"faststalltNamn,omitempty"`
	// Adressomradestyp is the referenced adressområde's type.
	Adressomradestyp string `xml:"adressomradestyp,omitempty"`
	// Etikett is the referenced object as text.
	Etikett string `xml:"etikett,omitempty"`
}

// Entre is an entrance (BAU_Entré): a way into a building, with the address
// point it has.
type Entre struct {
	Utbytesobjekt
	// Entretyp is the entrétyp.
	Entretyp string `xml:"entretyp,omitempty"`
	// Hiss is hiss: Ja, Nej or Uppgift saknas.
	Hiss string `xml:"hiss,omitempty"`
	// Byggnad is the building the entrance belongs to.
	Byggnad Referens `xml:"Byggnad"`
	// Adressplats is the address point of the entrance, when it has one.
	Adressplats *Referens `xml:"Adressplats,omitempty"`
	// Verksamhetsatgard is the action recorded with this version, in
	// answers.
	Verksamhetsatgard *Verksamhetsatgard `xml:"Verksamhetsatgard,omitempty"`
}

// Lagenhet is an apartment (BAU_Lägenhet), reached through an entrance.
type Lagenhet struct {
	Utbytesobjekt
	// Lagenhetsnummer is the lägenhetsnummer, four digits (floor, door).
	Lagenhetsnummer string `xml:"lagenhetsnummer,omitempty"`
	// BeslutsdatumLagenhetsnummer is the beslutsdatum för lägenhetsnummer.
	BeslutsdatumLagenhetsnummer Datum `xml:"beslutsdatumLagenhetsnummer,omitempty"`
	// UnderrattelsedatumLagenhetsnummer is the underrättelsedatum för
	// lägenhetsnummer.
	UnderrattelsedatumLagenhetsnummer Datum `xml:"underrattelsedatumLagenhetsnummer,omitempty"`
	// AntalRum is antal rum.
	AntalRum *int `xml:"antalRum,omitempty"`
	// Bostadsarea is the bostadsarea in m².
	Bostadsarea *float64 `xml:"bostadsarea,omitempty"`
	// Lagenhetskategori is the lägenhetskategori.
	Lagenhetskategori string `xml:"lagenhetskategori,omitempty"`
	// Kokstyp is the kökstyp.
	Kokstyp string `xml:"kokstyp,omitempty"`
	// GemensamtKok is gemensamt kök: Ja, Nej or Uppgift saknas.
	GemensamtKok string `xml:"gemensamtKok,omitempty"`
	// Insamlingssatt is the insamlingssätt.
	Insamlingssatt string `xml:"insamlingssatt,omitempty"`
	// Entre is the entrance the apartment is reached through.
	Entre Referens `xml:"Entre"`
	// Verksamhetsatgard is the action recorded with this version, in
	// answers.
	Verksamhetsatgard *Verksamhetsatgard `xml:"Verksamhetsatgard,omitempty"`
}
