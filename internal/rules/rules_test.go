package rules_test

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/codelist"
	"github.com/tjanstebaserad/bal-go/internal/rules"
)

// check is one call of a rule function and the rule id it must report; ""
// means the value passes.
type check struct {
	name string
	err  error
	want string
}

func runChecks(t *testing.T, checks []check) {
	t.Helper()
	for _, c := range checks {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			if c.want == "" {
				assert.NoError(t, c.err)
				return
			}
			require.Error(t, c.err)
			var v *rules.Violation
			require.True(t, errors.As(c.err, &v), "want a *rules.Violation, got %T", c.err)
			assert.Equal(t, c.want, v.Rule)
			assert.Equal(t, c.want, rules.RuleOf(c.err))
			assert.NotEmpty(t, v.Message)
			assert.Regexp(t, `^[^A-Z]`, v.Message, "messages start in lower case")
		})
	}
}

func TestGenericRuleNamesMatchBal(t *testing.T) {
	t.Parallel()
	got := []string{rules.Required, rules.Range, rules.Format, rules.Length, rules.CodeList, rules.Geometry, rules.Relation}
	want := []string{bal.RuleRequired, bal.RuleRange, bal.RuleFormat, bal.RuleLength, bal.RuleCodeList, bal.RuleGeometry, bal.RuleRelation}
	assert.Empty(t, cmp.Diff(want, got))
}

func TestRuleOf(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "", rules.RuleOf(nil))
	assert.Equal(t, "", rules.RuleOf(errors.New("other")))
	err := fmt.Errorf("wrapped: %w", rules.StatusChange("Avregistrerad", "Gällande"))
	assert.Equal(t, rules.RetiredStatus, rules.RuleOf(err))
	assert.Equal(t, `a deregistered (avregistrerat) object may not change objektstatus to "Gällande" (BAL-3015)`,
		errors.Unwrap(err).Error())
}

func TestAddressNumber(t *testing.T) {
	t.Parallel()
	const street, metre, village, courtyard = "Gatuadressplats", "Metertalsadressplats", "Byadressplats", "Gårdsadressplats"
	runChecks(t, []check{
		{"street 1", rules.AddressNumber(street, "1"), ""},
		{"street 7", rules.AddressNumber(street, "7"), ""},
		{"street 9999", rules.AddressNumber(street, "9999"), ""},
		{"village 12", rules.AddressNumber(village, "12"), ""},
		{"courtyard 3", rules.AddressNumber(courtyard, "3"), ""},
		{"lower-case type", rules.AddressNumber("gatuadressplats", "42"), ""},
		{"unknown type checked as plain", rules.AddressNumber("", "42"), ""},
		{"empty", rules.AddressNumber(street, ""), rules.Required},
		{"zero", rules.AddressNumber(street, "0"), rules.Range},
		{"10000", rules.AddressNumber(street, "10000"), rules.Range},
		{"99999999999999999999", rules.AddressNumber(street, "99999999999999999999"), rules.Range},
		{"leading zero", rules.AddressNumber(street, "07"), rules.Format},
		{"letter in number", rules.AddressNumber(street, "7A"), rules.Format},
		{"space", rules.AddressNumber(street, " 7"), rules.Format},
		{"negative", rules.AddressNumber(street, "-7"), rules.Format},
		{"hyphen on street", rules.AddressNumber(street, "120-5"), rules.Format},
		{"hyphen on village", rules.AddressNumber(village, "1-2"), rules.Format},
		{"metre 120-5", rules.AddressNumber(metre, "120-5"), ""},
		{"metre 0-0", rules.AddressNumber(metre, "0-0"), ""},
		{"metre 9999-9999", rules.AddressNumber(metre, "9999-9999"), ""},
		{"metre folded type", rules.AddressNumber("METERTALSADRESSPLATS", "5-10"), ""},
		{"metre without hyphen", rules.AddressNumber(metre, "120"), rules.Format},
		{"metre empty half", rules.AddressNumber(metre, "120-"), rules.Format},
		{"metre empty first half", rules.AddressNumber(metre, "-5"), rules.Format},
		{"metre two hyphens", rules.AddressNumber(metre, "1-2-3"), rules.Format},
		{"metre 10000", rules.AddressNumber(metre, "10000-1"), rules.Range},
		{"metre second 10000", rules.AddressNumber(metre, "1-10000"), rules.Range},
		{"metre leading zero", rules.AddressNumber(metre, "01-5"), rules.Format},
		{"metre letters", rules.AddressNumber(metre, "a-5"), rules.Format},
		{"metre empty", rules.AddressNumber(metre, ""), rules.Required},
	})
}

func TestLetter(t *testing.T) {
	t.Parallel()
	runChecks(t, []check{
		{"empty", rules.Letter(""), ""},
		{"A", rules.Letter("A"), ""},
		{"AB", rules.Letter("AB"), ""},
		{"Z", rules.Letter("Z"), ""},
		{"Å", rules.Letter("Å"), ""},
		{"ÄÖ", rules.Letter("ÄÖ"), ""},
		{"three", rules.Letter("ABC"), rules.Length},
		{"three swedish", rules.Letter("ÅÄÖ"), rules.Length},
		{"lower", rules.Letter("a"), rules.Format},
		{"lower å", rules.Letter("å"), rules.Format},
		{"mixed", rules.Letter("Ab"), rules.Format},
		{"digit", rules.Letter("1"), rules.Format},
		{"space", rules.Letter("A "), rules.Format},
		{"É", rules.Letter("É"), rules.Format},
		{"Ü", rules.Letter("Ü"), rules.Format},
	})
}

func TestPositionSuffix(t *testing.T) {
	t.Parallel()
	runChecks(t, []check{
		{"UH on street", rules.PositionSuffix("Gatuadressplats", "UH"), ""},
		{"U on street lower", rules.PositionSuffix("gatuadressplats", "U"), ""},
		{"none on village", rules.PositionSuffix("Byadressplats", ""), ""},
		{"unknown type", rules.PositionSuffix("", "UV"), ""},
		{"UH on village", rules.PositionSuffix("Byadressplats", "UH"), rules.Relation},
		{"UV on metre", rules.PositionSuffix("Metertalsadressplats", "UV"), rules.Relation},
		{"U on courtyard", rules.PositionSuffix("Gårdsadressplats", "U"), rules.Relation},
	})
}

func TestPositionSuffixNumber(t *testing.T) {
	t.Parallel()
	runChecks(t, []check{
		{"U 1", rules.PositionSuffixNumber("U", 1), ""},
		{"U 99", rules.PositionSuffixNumber("U", 99), ""},
		{"u 5", rules.PositionSuffixNumber("u", 5), ""},
		{"UH none", rules.PositionSuffixNumber("UH", 0), ""},
		{"none none", rules.PositionSuffixNumber("", 0), ""},
		{"U none", rules.PositionSuffixNumber("U", 0), rules.Required},
		{"U 100", rules.PositionSuffixNumber("U", 100), rules.Range},
		{"U -1", rules.PositionSuffixNumber("U", -1), rules.Range},
		{"UH 1", rules.PositionSuffixNumber("UH", 1), rules.Relation},
		{"UV 2", rules.PositionSuffixNumber("UV", 2), rules.Relation},
		{"none 3", rules.PositionSuffixNumber("", 3), rules.Relation},
	})
}

func TestAreaType(t *testing.T) {
	t.Parallel()
	runChecks(t, []check{
		{"street", rules.AreaType("Gatuadressplats", "Gatuadressområde"), ""},
		{"metre", rules.AreaType("Metertalsadressplats", "Metertalsadressområde"), ""},
		{"village", rules.AreaType("Byadressplats", "Byadressområde"), ""},
		{"courtyard", rules.AreaType("Gårdsadressplats", rules.CourtyardArea), ""},
		{"json spelling", rules.AreaType("Gatuadressplats", "Gatuadressomrade"), ""},
		{"unknown area", rules.AreaType("Gatuadressplats", ""), ""},
		{"unknown point", rules.AreaType("", "Byadressområde"), ""},
		{"point type not in the rule", rules.AreaType("Helt ny typ", "Byadressområde"), ""},
		{"area type not in the rule", rules.AreaType("Gatuadressplats", "Helt ny typ"), ""},
		{"street in village", rules.AreaType("Gatuadressplats", "Byadressområde"), rules.Relation},
		{"street in metre", rules.AreaType("Gatuadressplats", "Metertalsadressområde"), rules.Relation},
		{"metre in street", rules.AreaType("Metertalsadressplats", "Gatuadressområde"), rules.Relation},
		{"village in street", rules.AreaType("Byadressplats", "Gatuadressområde"), rules.Relation},
		{"courtyard in village", rules.AreaType("Gårdsadressplats", "Byadressområde"), rules.Relation},
		{"street in courtyard", rules.AreaType("Gatuadressplats", rules.CourtyardArea), rules.Relation},
	})
}

func TestCourtyardParent(t *testing.T) {
	t.Parallel()
	runChecks(t, []check{
		{"village", rules.CourtyardParent("Byadressområde"), ""},
		{"folded", rules.CourtyardParent("Byadressomrade"), ""},
		{"unknown", rules.CourtyardParent(""), ""},
		{"street", rules.CourtyardParent("Gatuadressområde"), rules.Relation},
		{"metre", rules.CourtyardParent("Metertalsadressområde"), rules.Relation},
	})
}

func TestDesignationCheck(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		d    rules.Designation
		want map[string]string // field → rule
	}{
		{"plain", rules.Designation{PointType: "Gatuadressplats", Number: "7", Letter: "A"}, nil},
		{"UH", rules.Designation{PointType: "Gatuadressplats", Number: "7", Suffix: "UH"}, nil},
		{"U 2", rules.Designation{PointType: "Gatuadressplats", Number: "7", Suffix: "U", SuffixNumber: 2}, nil},
		{"everything wrong", rules.Designation{PointType: "Byadressplats", Number: "0", Letter: "abc", Suffix: "UH", SuffixNumber: 3, DeviatingText: "x"},
			map[string]string{"Number": rules.Range, "Letter": rules.Length, "Suffix": rules.Relation, "SuffixNumber": rules.Relation, "DeviatingText": rules.Relation}},
		{"deviating lifts form rules", rules.Designation{PointType: "Byadressplats", Number: "07½", Letter: "abc", Suffix: "UH", SuffixNumber: 3, Deviates: true}, nil},
		{"deviating text only", rules.Designation{PointType: "Gatuadressplats", Deviates: true, DeviatingText: "7½"}, nil},
		{"deviating needs something", rules.Designation{PointType: "Gatuadressplats", Deviates: true, DeviatingText: "  "},
			map[string]string{"DeviatingText": rules.Required}},
		{"no number", rules.Designation{PointType: "Gatuadressplats"}, map[string]string{"Number": rules.Required}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := map[string]string{}
			for _, fv := range tt.d.Check() {
				got[fv.Field] = fv.Rule
			}
			want := tt.want
			if want == nil {
				want = map[string]string{}
			}
			assert.Empty(t, cmp.Diff(want, got))
		})
	}
}

func TestDesignationString(t *testing.T) {
	t.Parallel()
	tests := []struct {
		d    rules.Designation
		want string
	}{
		{rules.Designation{Number: "7", Letter: "A"}, "7A"},
		{rules.Designation{Number: "7"}, "7"},
		{rules.Designation{Number: "7", Suffix: "UH"}, "7 UH"},
		{rules.Designation{Number: "12", Letter: "B", Suffix: "U", SuffixNumber: 1}, "12B U1"},
		{rules.Designation{Number: "120-5"}, "120-5"},
		{rules.Designation{Number: "7", Deviates: true, DeviatingText: "7½"}, "7½"},
		{rules.Designation{Number: "7", Deviates: true}, "7"},
		{rules.Designation{Number: "7", DeviatingText: "ignored unless deviating"}, "7"},
		{rules.Designation{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, tt.d.String())
		})
	}
}

func TestLabel(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "Segelbåtsvägen 7A", rules.Label("Segelbåtsvägen", "7A"))
	assert.Equal(t, "Segelbåtsvägen", rules.Label("Segelbåtsvägen", ""))
	assert.Equal(t, "7A", rules.Label("", "7A"))
	assert.Equal(t, "", rules.Label("", ""))
}

func TestLabelLength(t *testing.T) {
	t.Parallel()
	name57 := "Å" + strings.Repeat("ö", 56) // 57 characters, 114 bytes
	require.Len(t, []rune(name57), 57)
	runChecks(t, []check{
		{"short", rules.LabelLength("Segelbåtsvägen", "7A"), ""},
		{"exactly 60 in runes though more bytes", rules.LabelLength(name57, "12"), ""},
		{"61", rules.LabelLength(name57, "123"), rules.Length},
		{"name alone 60", rules.LabelLength(strings.Repeat("a", 60), ""), ""},
		{"name alone 61", rules.LabelLength(strings.Repeat("a", 61), ""), rules.Length},
	})
}

func TestName(t *testing.T) {
	t.Parallel()
	runChecks(t, []check{
		{"empty", rules.Name(""), ""},
		{"Segelbåtsvägen", rules.Name("Segelbåtsvägen"), ""},
		{"Östra Ringvägen", rules.Name("Östra Ringvägen"), ""},
		{"lower rest", rules.Name("Stora gatan"), ""},
		{"digit first", rules.Name("1:a Långgatan"), ""},
		{"lower", rules.Name("segelbåtsvägen"), rules.Format},
		{"lower ö", rules.Name("östra Ringvägen"), rules.Format},
		{"leading space", rules.Name(" Storgatan"), rules.Format},
		{"trailing space", rules.Name("Storgatan "), rules.Format},
		{"tab", rules.Name("Stor\tgatan"), rules.Format},
	})
	assert.Contains(t, rules.Name("östra Ringvägen").Error(), `"Östra Ringvägen"`, "the message gives the stored spelling")
}

func TestApartmentNumber(t *testing.T) {
	t.Parallel()
	runChecks(t, []check{
		{"empty", rules.ApartmentNumber(""), ""},
		{"1102", rules.ApartmentNumber("1102"), ""},
		{"1001", rules.ApartmentNumber("1001"), ""},
		{"0901", rules.ApartmentNumber("0901"), ""},
		{"0099", rules.ApartmentNumber("0099"), ""},
		{"9999", rules.ApartmentNumber("9999"), ""},
		{"three digits", rules.ApartmentNumber("110"), rules.Format},
		{"five digits", rules.ApartmentNumber("11020"), rules.Format},
		{"letter", rules.ApartmentNumber("11A2"), rules.Format},
		{"space", rules.ApartmentNumber("11 2"), rules.Format},
		{"sign", rules.ApartmentNumber("+102"), rules.Format},
		{"door 00", rules.ApartmentNumber("1100"), rules.Range},
	})
}

func TestNumbers(t *testing.T) {
	t.Parallel()
	runChecks(t, []check{
		{"rooms 0", rules.Rooms(0), ""},
		{"rooms 5", rules.Rooms(5), ""},
		{"rooms max", rules.Rooms(rules.MaxRooms), ""},
		{"rooms -1", rules.Rooms(-1), rules.Range},
		{"rooms max+1", rules.Rooms(rules.MaxRooms + 1), rules.Range},
		{"area 0", rules.LivingArea(0), ""},
		{"area 162", rules.LivingArea(162), ""},
		{"area 162.5", rules.LivingArea(162.5), ""},
		{"area max", rules.LivingArea(rules.MaxLivingArea), ""},
		{"area negative", rules.LivingArea(-0.5), rules.Range},
		{"area too big", rules.LivingArea(rules.MaxLivingArea + 1), rules.Range},
		{"area NaN", rules.LivingArea(math.NaN()), rules.Range},
		{"area +Inf", rules.LivingArea(math.Inf(1)), rules.Range},
		{"total 0", rules.TotalLivingArea(0), ""},
		{"total 25000", rules.TotalLivingArea(25000), ""},
		{"total negative", rules.TotalLivingArea(-1), rules.Range},
		{"total too big", rules.TotalLivingArea(rules.MaxTotalLivingArea + 1), rules.Range},
		{"total NaN", rules.TotalLivingArea(math.NaN()), rules.Range},
		{"nonneg 0", rules.NonNegative("värde", 0), ""},
		{"nonneg 2.5", rules.NonNegative("värde", 2.5), ""},
		{"nonneg -0.1", rules.NonNegative("värde", -0.1), rules.Range},
		{"nonneg NaN", rules.NonNegative("värde", math.NaN()), rules.Range},
		{"nonneg Inf", rules.NonNegative("värde", math.Inf(1)), rules.Range},
		{"year 1000", rules.Year(1000), ""},
		{"year 1975", rules.Year(1975), ""},
		{"year 2100", rules.Year(2100), ""},
		{"year 999", rules.Year(999), rules.Range},
		{"year 2101", rules.Year(2101), rules.Range},
		{"year 0", rules.Year(0), rules.Range},
		{"extension after", rules.ExtensionYear(1975, 2004), ""},
		{"extension same year", rules.ExtensionYear(1975, 1975), ""},
		{"extension unknown built", rules.ExtensionYear(0, 2004), ""},
		{"extension unknown", rules.ExtensionYear(1975, 0), ""},
		{"extension before", rules.ExtensionYear(1975, 1960), rules.Range},
		{"house 1", rules.HouseNumber(1), ""},
		{"house max", rules.HouseNumber(rules.MaxHouseNumber), ""},
		{"house 0", rules.HouseNumber(0), rules.Range},
		{"house -3", rules.HouseNumber(-3), rules.Range},
		{"house max+1", rules.HouseNumber(rules.MaxHouseNumber + 1), rules.Range},
	})
}

func TestBuildingRelations(t *testing.T) {
	t.Parallel()
	runChecks(t, []check{
		{"neither unit", rules.TaxOrValuation(false, false), ""},
		{"tax unit", rules.TaxOrValuation(true, false), ""},
		{"valuation unit", rules.TaxOrValuation(false, true), ""},
		{"both units", rules.TaxOrValuation(true, true), rules.TaxOrValuationUnit},
		{"no relations", rules.AffectedByNeedsLiesOn(0, 0), ""},
		{"lies on only", rules.AffectedByNeedsLiesOn(0, 2), ""},
		{"affected and lies on", rules.AffectedByNeedsLiesOn(1, 1), ""},
		{"affected only", rules.AffectedByNeedsLiesOn(1, 0), rules.ThreeDProperty},
	})
	assert.Equal(t, "B-0035", rules.TaxOrValuationUnit)
	assert.Equal(t, "B-0084", rules.ThreeDProperty)
}

func TestStatusChange(t *testing.T) {
	t.Parallel()
	runChecks(t, []check{
		{"planned to valid", rules.StatusChange("Planerad", "Gällande"), ""},
		{"valid to retired", rules.StatusChange("Gällande", "Avregistrerad"), ""},
		{"retired unchanged", rules.StatusChange("Avregistrerad", "Avregistrerad"), ""},
		{"retired, other spelling", rules.StatusChange("Avregistrerad", "avregistrerad"), ""},
		{"retired, no new status", rules.StatusChange("Avregistrerad", ""), ""},
		{"nothing stored", rules.StatusChange("", "Gällande"), ""},
		{"retired to valid", rules.StatusChange("Avregistrerad", "Gällande"), rules.RetiredStatus},
		{"retired to planned, lower case", rules.StatusChange("avregistrerad", "planerad"), rules.RetiredStatus},
		{"retired to unknown", rules.StatusChange("AVREGISTRERAD", "Okänd"), rules.RetiredStatus},
	})
	assert.Equal(t, "BAL-3015", rules.RetiredStatus)
}

type placement string

var placements = codelist.New[placement]("Fasad", "Takkant", "Illustrativt läge")

func TestCode(t *testing.T) {
	t.Parallel()
	runChecks(t, []check{
		{"empty", rules.Code(placements, ""), ""},
		{"exact", rules.Code(placements, "Takkant"), ""},
		{"exact with diacritic", rules.Code(placements, "Illustrativt läge"), ""},
		{"lower case", rules.Code(placements, "takkant"), rules.CodeList},
		{"folded", rules.Code(placements, "Illustrativt lage"), rules.CodeList},
		{"unknown", rules.Code(placements, "Grundmur"), rules.CodeList},
	})
	assert.Contains(t, rules.Code(placements, "takkant").Error(), `must be written "Takkant"`)
	assert.Contains(t, rules.Code(placements, "Grundmur").Error(), "not a value of the code list")
}
