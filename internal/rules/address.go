package rules

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tjanstebaserad/bal-go/internal/codelist"
)

// MaxLabelLength is the most characters, spaces included, that an
// adressområde's or gårdsadressområde's fastställt namn and an
// adressplatsbeteckning may have together.
const MaxLabelLength = 60

// CourtyardArea is the kind AreaType expects for a point that belongs to a
// gårdsadressområde. It is not a BA_Adressområdestyp value: a courtyard area
// is a class of its own, but the rule matches point types to area kinds the
// same way.
const CourtyardArea = "Gårdsadressområde"

// Point and area kinds by codelist.Key, so that any spelling matches.
var (
	keyStreetPoint    = codelist.Key("Gatuadressplats")
	keyMetrePoint     = codelist.Key("Metertalsadressplats")
	keyVillagePoint   = codelist.Key("Byadressplats")
	keyCourtyardPoint = codelist.Key("Gårdsadressplats")
	keyVillageArea    = codelist.Key("Byadressområde")
	keySuffixU        = codelist.Key("U")

	// areaFor maps each adressplatstyp to the kind of area it must belong to.
	areaFor = map[string]string{
		keyStreetPoint:    codelist.Key("Gatuadressområde"),
		keyMetrePoint:     codelist.Key("Metertalsadressområde"),
		keyVillagePoint:   keyVillageArea,
		keyCourtyardPoint: codelist.Key(CourtyardArea),
	}
	// areaKinds are the area kinds the rule knows.
	areaKinds = func() map[string]bool {
		m := map[string]bool{}
		for _, k := range areaFor {
			m[k] = true
		}
		return m
	}()
)

// maxAddressNumber bounds an adressplatsnummer and each half of a metertal
// number.
const maxAddressNumber = 9999

// AddressNumber checks an adressplatsnummer against its adressplatstyp: 1–9999
// for gatu-, by- and gårdsadressplatser; for a metertalsadressplats two
// numbers joined by a hyphen ("120-5"), each 0–9999. Numbers are written in
// plain digits without leading zeros, because "07" and "7" would otherwise be
// two designations for one place. An empty number is Required. An unknown or
// empty point type is checked as a non-metertal one.
func AddressNumber(pointType, number string) error {
	if number == "" {
		return violation(Required, "adressplatsnummer is required")
	}
	if codelist.Key(pointType) == keyMetrePoint {
		first, second, ok := strings.Cut(number, "-")
		if !ok {
			return violation(Format, "metertal number %q must be two numbers joined by a hyphen, e.g. \"120-5\"", number)
		}
		for _, part := range []string{first, second} {
			if err := plainNumber(part, 0, number); err != nil {
				return err
			}
		}
		return nil
	}
	if strings.Contains(number, "-") {
		return violation(Format, "adressplatsnummer %q: only a metertalsadressplats has a hyphenated number", number)
	}
	return plainNumber(number, 1, number)
}

// plainNumber checks one run of digits against min..9999; whole is the
// number as given, for the message.
func plainNumber(s string, min int, whole string) error {
	if s == "" {
		return violation(Format, "adressplatsnummer %q has an empty part", whole)
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return violation(Format, "adressplatsnummer %q must be written in digits", whole)
		}
	}
	if len(s) > 1 && s[0] == '0' {
		return violation(Format, "adressplatsnummer %q must be written without leading zeros", whole)
	}
	if len(s) > 4 {
		return violation(Range, "adressplatsnummer %q is out of range %d–%d", whole, min, maxAddressNumber)
	}
	n, _ := strconv.Atoi(s) // at most four digits: cannot fail
	if n < min {
		return violation(Range, "adressplatsnummer %q is out of range %d–%d", whole, min, maxAddressNumber)
	}
	return nil
}

// Letter checks a bokstavstillägg: at most two upper-case letters of the
// Swedish alphabet (A–Z, Å, Ä, Ö). Empty passes.
func Letter(s string) error {
	if s == "" {
		return nil
	}
	if n := utf8.RuneCountInString(s); n > 2 {
		return violation(Length, "bokstavstillägg %q has %d letters, at most 2 are allowed", s, n)
	}
	for _, r := range s {
		switch {
		case r >= 'A' && r <= 'Z', r == 'Å', r == 'Ä', r == 'Ö':
		case r >= 'a' && r <= 'z', r == 'å', r == 'ä', r == 'ö':
			return violation(Format, "bokstavstillägg %q must be upper case (%q)", s, strings.ToUpper(s))
		default:
			return violation(Format, "bokstavstillägg %q must be letters A–Z, Å, Ä or Ö", s)
		}
	}
	return nil
}

// PositionSuffix checks that a lägestillägg (UH, UV, U) sits on a
// gatuadressplats, the only point type that may have one. An empty suffix or
// an empty point type passes.
func PositionSuffix(pointType, suffix string) error {
	if suffix == "" || pointType == "" || codelist.Key(pointType) == keyStreetPoint {
		return nil
	}
	return violation(Relation, "lägestillägg %q is allowed only on a gatuadressplats, not a %s", suffix, strings.ToLower(pointType))
}

// PositionSuffixNumber checks a lägestilläggsnummer against its lägestillägg:
// required and 1–99 with "U", not allowed with anything else. Zero means
// "no number", since 0 is not a valid one.
func PositionSuffixNumber(suffix string, n int) error {
	if codelist.Key(suffix) == keySuffixU {
		switch {
		case n == 0:
			return violation(Required, "lägestilläggsnummer is required with lägestillägg U")
		case n < 1 || n > 99:
			return violation(Range, "lägestilläggsnummer %d is out of range 1–99", n)
		}
		return nil
	}
	if n != 0 {
		if suffix == "" {
			return violation(Relation, "lägestilläggsnummer %d is allowed only with lägestillägg U", n)
		}
		return violation(Relation, "lägestilläggsnummer %d is allowed only with lägestillägg U, not %s", n, suffix)
	}
	return nil
}

// AreaType checks that an adressplatstyp matches the kind of area the point
// belongs to: gatuadressplats → gatuadressområde, metertalsadressplats →
// metertalsadressområde, byadressplats → byadressområde, gårdsadressplats →
// a gårdsadressområde (pass CourtyardArea as areaType). Either value empty,
// or a type the rule does not know, passes: the rule needs both, and a type
// Lantmäteriet adds later must not make a valid point fail.
func AreaType(pointType, areaType string) error {
	if pointType == "" || areaType == "" {
		return nil
	}
	want, ok := areaFor[codelist.Key(pointType)]
	got := codelist.Key(areaType)
	if !ok || got == want || !areaKinds[got] {
		return nil
	}
	return violation(Relation, "a %s cannot belong to a %s", strings.ToLower(pointType), strings.ToLower(areaType))
}

// CourtyardParent checks that a gårdsadressområde subdivides a
// byadressområde: areaType is the adressområdestyp of the area it belongs to.
// Empty passes.
func CourtyardParent(areaType string) error {
	if areaType == "" || codelist.Key(areaType) == keyVillageArea {
		return nil
	}
	return violation(Relation, "a gårdsadressområde subdivides a byadressområde, not a %s", strings.ToLower(areaType))
}

// Designation is an adressplatsbeteckning in plain values, for the checks
// and the formatting that need all of its parts at once.
type Designation struct {
	// PointType is the adressplatstyp of the point the designation belongs
	// to, in any spelling.
	PointType string
	// Number is the adressplatsnummer.
	Number string
	// Letter is the bokstavstillägg.
	Letter string
	// Suffix is the lägestillägg: "UH", "UV", "U" or "".
	Suffix string
	// SuffixNumber is the lägestilläggsnummer; 0 when there is none.
	SuffixNumber int
	// Deviates is "avviker från standarden".
	Deviates bool
	// DeviatingText is the avvikande adressplatsbeteckning: the designation as
	// it is written when it does not follow the standard.
	DeviatingText string
}

// FieldViolation is a Violation on one part of a value with several parts.
type FieldViolation struct {
	// Field names the part: for a Designation one of "Number", "Letter",
	// "Suffix", "SuffixNumber" or "DeviatingText".
	Field string
	*Violation
}

// Check runs the designation rules and returns every violation.
//
// When the designation deviates from the standard (avviker från standarden),
// Lantmäteriet lifts "most" of its rules without listing them. This SDK lifts
// the ones about the designation's own form: the number's range and format,
// the bokstavstillägg's form, that a lägestillägg is only for gatuadressplats,
// and the lägestilläggsnummer rules. It keeps what is not about the form
// (code-list values, the 60-character total, the point type ↔ area type
// match, and upper-case names) and it requires either a number or the
// deviating text, because an address needs something to write.
// DeviatingText is only allowed on a deviating designation.
func (d Designation) Check() []FieldViolation {
	var out []FieldViolation
	add := func(field string, err error) {
		if err != nil {
			out = append(out, FieldViolation{Field: field, Violation: err.(*Violation)})
		}
	}
	if d.Deviates {
		if d.Number == "" && strings.TrimSpace(d.DeviatingText) == "" {
			add("DeviatingText", violation(Required, "a deviating designation needs an avvikande adressplatsbeteckning or an adressplatsnummer"))
		}
		return out
	}
	add("Number", AddressNumber(d.PointType, d.Number))
	add("Letter", Letter(d.Letter))
	add("Suffix", PositionSuffix(d.PointType, d.Suffix))
	add("SuffixNumber", PositionSuffixNumber(d.Suffix, d.SuffixNumber))
	if d.DeviatingText != "" {
		add("DeviatingText", violation(Relation, "an avvikande adressplatsbeteckning is allowed only when the designation deviates from the standard"))
	}
	return out
}

// String writes the designation as Lantmäteriet writes it after the name in
// an address ("Segelbåtsvägen 7A, 112 64 Stockholm"): number and letter
// together ("7A"), then the lägestillägg after a space, with its number
// directly after it ("7 UH", "12B U1"). A deviating designation with a
// deviating text is that text.
func (d Designation) String() string {
	if d.Deviates && d.DeviatingText != "" {
		return d.DeviatingText
	}
	var b strings.Builder
	b.WriteString(d.Number)
	b.WriteString(d.Letter)
	if d.Suffix != "" {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(d.Suffix)
		if d.SuffixNumber != 0 {
			b.WriteString(strconv.Itoa(d.SuffixNumber))
		}
	}
	return b.String()
}

// Label joins a fastställt namn and a formatted designation with one space,
// the form the 60-character rule counts: "Segelbåtsvägen" and "7A" give
// "Segelbåtsvägen 7A". Either may be empty.
func Label(name, designation string) string {
	switch {
	case name == "":
		return designation
	case designation == "":
		return name
	}
	return name + " " + designation
}

// LabelLength checks the 60-character rule: the name of the adressområde or
// gårdsadressområde plus the adressplatsbeteckning, as Label joins them, is
// at most MaxLabelLength characters, spaces included. Characters are counted
// as Unicode code points, so "å" is one.
func LabelLength(name, designation string) error {
	l := Label(name, designation)
	if n := utf8.RuneCountInString(l); n > MaxLabelLength {
		return violation(Length, "%q has %d characters, name and designation together may have at most %d", l, n, MaxLabelLength)
	}
	return nil
}
