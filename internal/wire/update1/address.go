package update1

// Adressplats is an address point (BAU_Adressplats). Its children follow
// Belägenhetsadress Direkt v4.2: the Adressplatsattribut block with the
// designation, type, position and status, then the popular name, the area
// or courtyard area it belongs to, remarks, the addressed facility, the
// registration district and the registerenhet it lies within; the
// BAU_Utbytesobjekt fields come first.
type Adressplats struct {
	Utbytesobjekt
	// Adressplatsattribut holds the point's own attributes.
	Adressplatsattribut Adressplatsattribut `xml:"Adressplatsattribut"`
	// Adressplatsnamn is the popular name of the place.
	Adressplatsnamn *Adressplatsnamn `xml:"Adressplatsnamn,omitempty"`
	// Adressomrade is the adressområde the point belongs to; nil for a
	// gårdsadressplats.
	Adressomrade *Referens `xml:"Adressomrade,omitempty"`
	// Gardsadressomrade is the gårdsadressområde a gårdsadressplats belongs
	// to.
	Gardsadressomrade *Referens `xml:"Gardsadressomrade,omitempty"`
	// Adressplatsanmarkning are the adressplatsanmärkningar.
	Adressplatsanmarkning []Anmarkning `xml:"Adressplatsanmarkning,omitempty"`
	// AdressattAnlaggning is the addressed facility.
	AdressattAnlaggning *AdressattAnlaggning `xml:"AdressattAnlaggning,omitempty"`
	// Distriktstillhorighet is the registration district; read-only.
	Distriktstillhorighet *Distriktstillhorighet `xml:"Distriktstillhorighet,omitempty"`
	// Registerenhetsreferens is the registerenhet the point lies within.
	Registerenhetsreferens *Registerenhetsreferens `xml:"Registerenhetsreferens,omitempty"`
	// Verksamhetsatgard is the action recorded with this version, in
	// answers.
	Verksamhetsatgard *Verksamhetsatgard `xml:"Verksamhetsatgard,omitempty"`
}

// Adressplatsattribut is the block of BAU_Adressplats's own attributes.
type Adressplatsattribut struct {
	// Adressplatsbeteckning is the designation.
	Adressplatsbeteckning Adressplatsbeteckning `xml:"Adressplatsbeteckning"`
	// Adressplatstyp is the adressplatstyp, e.g. Gatuadressplats.
	Adressplatstyp string `xml:"adressplatstyp"`
	// Insamlingslage is the insamlingsläge (BA_Adressplatspunktläge).
	Insamlingslage string `xml:"insamlingslage,omitempty"`
	// Adressplatspunkt is the position, a gml:Point.
	Adressplatspunkt Geometri `xml:"Adressplatspunkt"`
	// Status is the status för belägenhetsadress: Föreslagen, Reserverad,
	// Gällande.
	Status string `xml:"status,omitempty"`
	// Postnummer is the postnummer, set by PostNord; read-only.
	Postnummer string `xml:"postnummer,omitempty"`
	// Postort is the postort; read-only.
	Postort string `xml:"postort,omitempty"`
}

// Adressplatsbeteckning is an adressplatsbeteckning.
type Adressplatsbeteckning struct {
	// Adressplatsnummer is the number, "1"–"9999" or "N-M" for metertal.
	Adressplatsnummer string `xml:"adressplatsnummer,omitempty"`
	// Bokstavstillagg is the bokstavstillägg.
	Bokstavstillagg string `xml:"bokstavstillagg,omitempty"`
	// Lagestillagg is the lägestillägg: UH, UV or U.
	Lagestillagg string `xml:"lagestillagg,omitempty"`
	// Lagestillaggsnummer is the lägestilläggsnummer; 0 when absent.
	Lagestillaggsnummer int `xml:"lagestillaggsnummer,omitempty"`
	// AvvikandeAdressplatsbeteckning is the designation as written when it
	// deviates from the standard.
	AvvikandeAdressplatsbeteckning string `xml:"avvikandeAdressplatsbeteckning,omitempty"`
	// AvvikerFranStandarden is avvikerFranStandarden.
	AvvikerFranStandarden bool `xml:"avvikerFranStandarden"`
}

// Adressplatsnamn is an adressplatsnamn.
type Adressplatsnamn struct {
	// Popularnamn is the populärnamn.
	Popularnamn string `xml:"popularnamn"`
	// Ortid is the ortid.
	Ortid string `xml:"ortid,omitempty"`
}

// AdressattAnlaggning is an adressatt anläggning.
type AdressattAnlaggning struct {
	// Anlaggningstyp is the anläggningstyp.
	Anlaggningstyp string `xml:"anlaggningstyp"`
	// Anlaggningstext is the free description.
	Anlaggningstext string `xml:"anlaggningstext,omitempty"`
}

// Distriktstillhorighet is a distriktstillhörighet.
type Distriktstillhorighet struct {
	// Distriktskod is the distriktskod.
	Distriktskod string `xml:"distriktskod"`
	// Distriktsnamn is the distriktsnamn.
	Distriktsnamn string `xml:"distriktsnamn,omitempty"`
}

// Adressomrade is an address area (BAU_Adressområde): a street, road or
// village whose points share its name.
type Adressomrade struct {
	Utbytesobjekt
	// FaststalltNamn is the fastställt namn.
	FaststalltNamn string `xml:"faststalltNamn"`
	// Ortid is the ortid.
	Ortid string `xml:"ortid,omitempty"`
	// Adressomradestyp is the adressområdestyp.
	Adressomradestyp string `xml:"adressomradestyp"`
	// Kommundel is the district the area belongs to.
	Kommundel Referens `xml:"Kommundel"`
	// Verksamhetsatgard is the action recorded with this version, in
	// answers.
	Verksamhetsatgard *Verksamhetsatgard `xml:"Verksamhetsatgard,omitempty"`
}

// Gardsadressomrade is a courtyard area (BAU_Gårdsadressområde), subdividing
// a byadressområde.
type Gardsadressomrade struct {
	Utbytesobjekt
	// FaststalltNamn is the fastställt namn.
	FaststalltNamn string `xml:"faststalltNamn"`
	// Ortid is the ortid.
	Ortid string `xml:"ortid,omitempty"`
	// Adressomrade is the byadressområde it subdivides.
	Adressomrade Referens `xml:"Adressomrade"`
	// Verksamhetsatgard is the action recorded with this version, in
	// answers.
	Verksamhetsatgard *Verksamhetsatgard `xml:"Verksamhetsatgard,omitempty"`
}

// Kommundel is a district (BAU_Kommundel) of a municipality.
type Kommundel struct {
	Utbytesobjekt
	// FaststalltNamn is the fastställt namn.
	FaststalltNamn string `xml:"faststalltNamn"`
	// Ortid is the ortid.
	Ortid string `xml:"ortid,omitempty"`
	// Kommun is the municipality.
	Kommun Kommun `xml:"Kommun"`
	// Verksamhetsatgard is the action recorded with this version, in
	// answers.
	Verksamhetsatgard *Verksamhetsatgard `xml:"Verksamhetsatgard,omitempty"`
}

// Kommun is a municipality (GOU_Kommun).
type Kommun struct {
	// Kommunkod is the kommunkod.
	Kommunkod string `xml:"kommunkod"`
	// Kommunnamn is the kommunnamn.
	Kommunnamn string `xml:"kommunnamn,omitempty"`
}
