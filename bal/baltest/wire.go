package baltest

import "github.com/tjanstebaserad/bal-go/internal/wire/update1"

// The server's accessors and hooks work on the wire structs of the
// modelled update binding, which live in an internal package of this
// module. These aliases name them here, so that test code outside the
// module can declare them too (an edit function for EditBuilding, a
// reference for RaiseDeficiency). Their fields are the binding's elements;
// see shared/spec/update-binding.md.
type (
	// Objekt is any of the seven BAL objects.
	Objekt = update1.Objekt
	// Objekttyp names an object type ("Byggnad", "Adressplats" …).
	Objekttyp = update1.Objekttyp
	// Utbytesobjekt holds objektidentitet, objektversion, versionGiltigFran
	// and objektstatus.
	Utbytesobjekt = update1.Utbytesobjekt
	// Byggnad is a building.
	Byggnad = update1.Byggnad
	// Entre is an entrance (entré).
	Entre = update1.Entre
	// Lagenhet is an apartment (lägenhet).
	Lagenhet = update1.Lagenhet
	// Adressplats is an address point.
	Adressplats = update1.Adressplats
	// Adressomrade is an address area (adressområde).
	Adressomrade = update1.Adressomrade
	// Gardsadressomrade is a courtyard area (gårdsadressområde).
	Gardsadressomrade = update1.Gardsadressomrade
	// Kommundel is a district.
	Kommundel = update1.Kommundel
	// Verksamhetsatgard is the business action (verksamhetsåtgärd) of a
	// write.
	Verksamhetsatgard = update1.Verksamhetsatgard
	// Kvitto is the receipt of a write.
	Kvitto = update1.Kvitto
	// Forandring is one change of the change feed.
	Forandring = update1.Forandring
	// Brist is a deficiency.
	Brist = update1.Brist
	// Arende is a case (ärende).
	Arende = update1.Arende
	// Objektreferens names an object of any type.
	Objektreferens = update1.Objektreferens
)

// The object types, for Object, Objects, Count and Objektreferens.
const (
	TypByggnad           = update1.TypByggnad
	TypEntre             = update1.TypEntre
	TypLagenhet          = update1.TypLagenhet
	TypAdressplats       = update1.TypAdressplats
	TypAdressomrade      = update1.TypAdressomrade
	TypGardsadressomrade = update1.TypGardsadressomrade
	TypKommundel         = update1.TypKommundel
)
