package extract1

import (
	"strconv"
	"strings"

	"github.com/tjanstebaserad/bal-go/geometry"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

// Namespace is the extract's XML namespace (modelled), the default
// namespace of every part file and of the manifest.
const Namespace = "http://namespace.lantmateriet.se/distribution/produkter/baluttag/v1"

const gmlNamespace = geometry.GMLNamespace

// Element and file names.
const (
	// ElementPart is the root element of a part file.
	ElementPart = "Uttagsdel"
	// ElementDelete is a delete (borttag) in a change extract.
	ElementDelete = "Borttag"
	// ElementInsert is an insert (tillägg) in a change extract.
	ElementInsert = "Tillagg"
	// ElementManifest is the root element of the manifest.
	ElementManifest = "Uttag"
	// ManifestName is the manifest's file name.
	ManifestName = "uttag.xml"
)

// Uttagstyp is the kind of extract: a base extract holds every object, a
// change extract what changed since the previous delivery.
type Uttagstyp string

// The kinds of extract, as Geotorget Nedladdning names its deliveries.
const (
	Bas        Uttagstyp = "BAS"
	Forandring Uttagstyp = "FORANDRING"
)

// Valid reports whether t is BAS or FORANDRING.
func (t Uttagstyp) Valid() bool { return t == Bas || t == Forandring }

// Mangd is an information set (mängd): the objects one series of part
// files holds.
type Mangd string

// The information sets, as Fastighetsinformation Nedladdning groups them:
// Byggnad with its entrances and apartments, and Belägenhetsadress.
const (
	MangdByggnad           Mangd = "byggnad"
	MangdBelagenhetsadress Mangd = "belagenhetsadress"
)

// Mangder lists the information sets in reading order: addresses first, so
// that entrances never refer to an address point not read yet.
func Mangder() []Mangd { return []Mangd{MangdBelagenhetsadress, MangdByggnad} }

// MangdOf returns the information set objects of type t belong to, or ""
// for a type no extract holds.
func MangdOf(t update1.Objekttyp) Mangd {
	switch t {
	case update1.TypByggnad, update1.TypEntre, update1.TypLagenhet:
		return MangdByggnad
	case update1.TypAdressplats, update1.TypAdressomrade, update1.TypGardsadressomrade, update1.TypKommundel:
		return MangdBelagenhetsadress
	}
	return ""
}

// Valid reports whether m is one of the information sets.
func (m Mangd) Valid() bool { return m == MangdByggnad || m == MangdBelagenhetsadress }

// PartName returns the file name of part n of m: "byggnad_3.xml".
func PartName(m Mangd, n int) string { return string(m) + "_" + strconv.Itoa(n) + ".xml" }

// ParsePartName reads a part file's base name, "byggnad_3.xml" or, as
// Lägenhet Nedladdning writes it, "Byggnad_3.xml".
func ParsePartName(base string) (Mangd, int, bool) {
	l := strings.ToLower(base)
	stem, ok := strings.CutSuffix(l, ".xml")
	if !ok {
		return "", 0, false
	}
	i := strings.LastIndexByte(stem, '_')
	if i <= 0 {
		return "", 0, false
	}
	m := Mangd(stem[:i])
	digits := stem[i+1:]
	if !m.Valid() || digits == "" || len(digits) > 9 || digits[0] == '0' {
		return "", 0, false
	}
	n := 0
	for _, c := range digits {
		if c < '0' || c > '9' {
			return "", 0, false
		}
		n = n*10 + int(c-'0')
	}
	return m, n, true
}

// objectTypes are the seven object elements an extract may hold.
var objectTypes = map[string]update1.Objekttyp{}

func init() {
	for _, t := range update1.Typer() {
		objectTypes[string(t)] = t
	}
}
