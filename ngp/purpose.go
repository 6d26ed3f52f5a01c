package ngp

import (
	"github.com/tjanstebaserad/bal-go/building"
	"github.com/tjanstebaserad/bal-go/internal/codelist"
)

// PurposeSource names the source of the purpose table: the national
// specification Byggnad takes its ändamål from Boverket's Ändamålskatalogen.
const PurposeSource = "Boverket, Ändamålskatalogen (Öppna data – API-tjänst för Ändamålskatalogen, " +
	"https://www.boverket.se/sv/om-boverket/publicerat-av-boverket/oppna-data/api-tjanst-for-andamalskatalogen/)"

// purposeLevel1 maps BAL's byggnadsändamål main types to Ändamålskatalogen's
// level 1 (huvudkategori).
//
// What is known and what is not (2026-11-30): Boverket's page says the
// catalogue has three levels and that level 1 is divided into main
// categories beginning with "bostad"; the catalogue's own values and codes,
// served through Boverket's API portal, were not reachable from here. The
// values below are therefore BAL's main types written as the national
// specifications write code values (lower case), one per BAL type, and
// each is marked INFERRED except "bostad". Levels 2 and 3 (e.g. BAL's
// "Småhus friliggande" or "Skola") are not mapped: the catalogue's detailed
// values do not follow BAL's lists, and guessing them would publish values
// the platform rejects. Read the catalogue to replace this table.
var purposeLevel1 = map[building.Category]string{
	building.CategoryResidential:  "bostad",            // confirmed by Boverket's page
	building.CategoryBusiness:     "verksamhet",        // INFERRED
	building.CategoryIndustrial:   "industri",          // INFERRED
	building.CategoryPublic:       "samhällsfunktion",  // INFERRED
	building.CategoryAgricultural: "ekonomibyggnad",    // INFERRED
	building.CategoryAncillary:    "komplementbyggnad", // INFERRED
	building.CategoryOther:        "övrig byggnad",     // INFERRED
}

// PurposeOf returns the Ändamålskatalogen purpose (level 1) for a BAL
// byggnadsändamål main type; false for a type the table does not have.
// PurposeSource names the table's source and the package doc its gaps.
func PurposeOf(c building.Category) (Purpose, bool) {
	v, ok := purposeLevel1[codelist.Parse[building.Category](string(c))]
	if !ok {
		return Purpose{}, false
	}
	return Purpose{Value: v, Level: 1}, true
}
