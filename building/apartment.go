package building

import (
	"time"

	"github.com/tjanstebaserad/bal-go/bal"
)

// Apartment is a Lägenhet (BAU_Lägenhet): a dwelling, reached through an
// entrance of a building, for the apartment register (lägenhetsregistret).
type Apartment struct {
	bal.Meta

	// EntranceID is the objektidentitet of the Entré the apartment is
	// reached through.
	EntranceID bal.ObjectID
	// Number is the lägenhetsnummer: four digits, the floor (10 the entrance
	// floor, 11 the one above, 09 the one below) and the door on that floor
	// (01, 02 … from the left of the stairs), e.g. "1102". Empty when the
	// address has a single dwelling, which gets no number.
	Number string
	// NumberDecided is the beslutsdatum för lägenhetsnummer; zero when not
	// known. Only the date counts.
	NumberDecided time.Time
	// NumberNotified is the underrättelsedatum för lägenhetsnummer, when the
	// owner was told the number; zero when not known. Only the date counts.
	NumberNotified time.Time
	// Rooms is antal rum; nil when not given. A room has at least 7 m² and
	// daylight; kitchens and hygiene spaces do not count.
	Rooms *int
	// LivingArea is the bostadsarea in m²; nil when not given.
	LivingArea *float64
	// Category is the lägenhetskategori.
	Category ApartmentCategory
	// Kitchen is the kökstyp.
	Kitchen KitchenType
	// SharedKitchen is gemensamt kök: whether the apartment shares a kitchen
	// with others.
	SharedKitchen YesNo
	// Collection is the insamlingssätt: how the data reached the register.
	Collection CollectionMethod
}

// Floor returns the floor part of the lägenhetsnummer (the first two
// digits, 10 being the entrance floor) and true, or 0 and false when Number
// is not four digits.
func (a *Apartment) Floor() (int, bool) { return numberPart(a.Number, 0) }

// Door returns the door part of the lägenhetsnummer (the last two digits,
// 01 the first door from the left of the stairs) and true, or 0 and false
// when Number is not four digits.
func (a *Apartment) Door() (int, bool) { return numberPart(a.Number, 2) }

func numberPart(s string, at int) (int, bool) {
	if len(s) != 4 {
		return 0, false
	}
	for i := 0; i < 4; i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	return int(s[at]-'0')*10 + int(s[at+1]-'0'), true
}
