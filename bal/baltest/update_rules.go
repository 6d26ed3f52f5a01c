package baltest

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/google/uuid"
	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/geometry"
	"github.com/tjanstebaserad/bal-go/internal/codelist"
	"github.com/tjanstebaserad/bal-go/internal/rules"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

// violation is one broken rule at a path in the sent object.
type violation struct {
	path, rule, message string
}

// violations collects every broken rule of one object, so that a fault
// lists them all, as the SDK's validation does.
type violations struct {
	list   []violation
	status int
}

// add records err, a *rules.Violation or nil, at path.
func (v *violations) add(path string, err error) {
	if err == nil {
		return
	}
	var rv *rules.Violation
	if errors.As(err, &rv) {
		v.list = append(v.list, violation{path, rv.Rule, rv.Message})
		return
	}
	v.list = append(v.list, violation{path, rules.Format, err.Error()})
}

func (v *violations) addf(path, rule, format string, args ...any) {
	v.list = append(v.list, violation{path, rule, fmt.Sprintf(format, args...)})
}

// code checks a code-list value; required says whether it must be present.
func (v *violations) code(path, what string, list *codelist.List[string], val string, required bool) {
	if val == "" {
		if required {
			v.addf(path, rules.Required, "%s is required", what)
		}
		return
	}
	v.add(path, rules.Code(list, val))
}

// fault returns the violations as one fault: 400 (or the status a rule
// asked for) whose first message is the first violation, led by its rule id
// ("BAL-2003: Byggnad LiggerPa[0]: …"), and whose further messages are the
// other violations, each led by its own rule id, so that every violation is
// listed as the SDK's validation lists them.
func (v *violations) fault(object string) *apiError {
	if len(v.list) == 0 {
		return nil
	}
	status := v.status
	if status == 0 {
		status = http.StatusBadRequest
	}
	first := v.list[0]
	e := errf(status, first.rule, "%s", first.text(object))
	for _, x := range v.list[1:] {
		e.details = append(e.details, x.rule+": "+x.text(object))
	}
	return e
}

// text is the violation's message: the object, the path within it and what
// is wrong.
func (x violation) text(object string) string {
	if x.path == "" {
		return object + ": " + x.message
	}
	return object + " " + x.path + ": " + x.message
}

// validUUID reports whether s is a canonical 36-character UUID.
func validUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	_, err := uuid.Parse(s)
	return err == nil
}

// checkAction checks the Verksamhetsåtgärd of a write of an object of type
// typ: type and responsible organisation present, and a type from the
// object's list (server rule BAL-2004).
func checkAction(v *violations, typ update1.Objekttyp, a update1.Verksamhetsatgard) {
	if strings.TrimSpace(a.Atgardstyp) == "" {
		v.addf("Verksamhetsatgard.atgardstyp", rules.Required, "åtgärdstyp is required")
	} else if list := actionsFor(string(typ)); !list.Known(a.Atgardstyp) {
		if c, ok := list.Lookup(a.Atgardstyp); ok {
			v.addf("Verksamhetsatgard.atgardstyp", CodeActionType, "åtgärdstyp %q must be written %q", a.Atgardstyp, c)
		} else {
			v.addf("Verksamhetsatgard.atgardstyp", CodeActionType, "åtgärdstyp %q is not valid for %s", a.Atgardstyp, typ)
		}
	}
	switch org := strings.TrimSpace(a.AnsvarigOrganisation); {
	case org == "":
		v.addf("Verksamhetsatgard.ansvarigOrganisation", rules.Required, "ansvarig organisation is required")
	case !isKommunkod(org):
		v.addf("Verksamhetsatgard.ansvarigOrganisation", rules.Format, "ansvarig organisation %q is not a kommunkod (four digits)", org)
	}
	if _, err := a.Atgardstidpunkt.Time(); err != nil {
		v.addf("Verksamhetsatgard.atgardstidpunkt", rules.Format, "åtgärdstidpunkt is not a date-time")
	}
}

// checkObject runs the rules on o, a new version of an object (prev is the
// stored record, nil on create), within transaction t.
func (t *txn) checkObject(v *violations, o update1.Objekt, prev *record) {
	m := o.Meta()
	v.code("objektstatus", "objektstatus", objectStatuses, m.Objektstatus, false)
	if prev != nil {
		v.add("objektstatus", rules.StatusChange(prev.current().Meta().Objektstatus, m.Objektstatus))
	}
	switch x := o.(type) {
	case *update1.Byggnad:
		t.checkBuilding(v, x)
	case *update1.Entre:
		t.checkEntrance(v, x)
	case *update1.Lagenhet:
		t.checkApartment(v, x)
	case *update1.Adressplats:
		t.checkPoint(v, x)
	case *update1.Adressomrade:
		t.checkArea(v, x)
	case *update1.Gardsadressomrade:
		t.checkCourtyardArea(v, x)
	case *update1.Kommundel:
		checkDistrict(v, x)
	}
}

func (t *txn) checkBuilding(v *violations, b *update1.Byggnad) {
	a := b.Byggnadsattribut
	if a.Husnummer != 0 {
		v.add("Byggnadsattribut.husnummer", rules.HouseNumber(a.Husnummer))
	}
	if a.Nybyggnadsar != 0 {
		v.add("Byggnadsattribut.nybyggnadsar", rules.Year(a.Nybyggnadsar))
	}
	if a.Tillbyggnadsar != 0 {
		v.add("Byggnadsattribut.tillbyggnadsar", rules.Year(a.Tillbyggnadsar))
	}
	v.add("Byggnadsattribut.tillbyggnadsar", rules.ExtensionYear(a.Nybyggnadsar, a.Tillbyggnadsar))
	mains := 0
	for i, p := range b.Byggnadsandamal {
		path := fmt.Sprintf("Byggnadsandamal[%d]", i)
		if !purposeCategories.Known(p.Kategori) {
			v.addf(path, rules.CodeList, "%q is not a byggnadsändamål", p.Kategori)
			continue
		}
		if uses := usesFor(p.Kategori); uses != nil {
			v.code(path+".andamal", "ändamål", uses, p.Andamal, true)
		}
		if p.TotalBoarea != nil {
			if p.Kategori != update1.KategoriBostad {
				v.addf(path+".totalBoarea", rules.Relation, "total boarea is only given for Bostad")
			}
			v.add(path+".totalBoarea", rules.TotalLivingArea(*p.TotalBoarea))
		}
		if p.Huvudandamal != nil && *p.Huvudandamal {
			if mains++; mains > 1 {
				v.addf(path+".huvudandamal", rules.Relation, "a building has at most one huvudändamål")
			}
		}
	}
	for i, n := range b.Byggnadsnamn {
		path := fmt.Sprintf("Byggnadsnamn[%d]", i)
		if strings.TrimSpace(n.Namn) == "" {
			v.addf(path+".namn", rules.Required, "namn is required")
		} else {
			v.add(path+".namn", rules.Name(n.Namn))
		}
		v.code(path+".namntyp", "namntyp", nameTypes, n.Namntyp, false)
	}
	for i, r := range b.Byggnadsanmarkning {
		v.code(fmt.Sprintf("Byggnadsanmarkning[%d].anmarkningstyp", i), "anmärkningstyp", buildingRemarks, r.Anmarkningstyp, true)
	}
	for i, s := range b.Skyddsrum {
		if strings.TrimSpace(s.Identitet) == "" {
			v.addf(fmt.Sprintf("Skyddsrum[%d].identitet", i), rules.Required, "the skyddsrum's identitet is required")
		}
	}
	if b.Taxeringsenhet != nil && strings.TrimSpace(b.Taxeringsenhet.Taxeringsenhetsidentitet) == "" {
		v.addf("Taxeringsenhet", rules.Required, "taxeringsenhetsidentitet is required")
	}
	if b.Varderingsenhet != nil && strings.TrimSpace(b.Varderingsenhet.Varderingsenhetsidentitet) == "" {
		v.addf("Varderingsenhet", rules.Required, "värderingsenhetsidentitet is required")
	}
	v.add("Varderingsenhet", rules.TaxOrValuation(b.Taxeringsenhet != nil, b.Varderingsenhet != nil))
	for i, d := range b.Byggnadsdel {
		path := fmt.Sprintf("Byggnadsdel[%d]", i)
		v.code(path+".insamlingslage", "insamlingsläge", buildingPlacement, d.Insamlingslage, true)
		switch g := d.Byggnadsyta.Geometry.(type) {
		case nil:
			v.addf(path+".Byggnadsyta", rules.Required, "byggnadsyta is required")
		case *geom.Polygon, *geom.MultiPolygon:
			checkGeometry(v, path+".Byggnadsyta", g)
		default:
			v.addf(path+".Byggnadsyta", rules.Geometry, "byggnadsyta must be a polygon or a multipolygon, not %T", g)
		}
		checkAccuracy(v, path+".lagesnoggrannhetPlan", d.LagesnoggrannhetPlan)
		checkAccuracy(v, path+".lagesnoggrannhetHojd", d.LagesnoggrannhetHojd)
	}
	liesOn := map[string]bool{}
	for i, r := range b.LiggerPa {
		path := fmt.Sprintf("LiggerPa[%d]", i)
		t.checkProperty(v, path, r.Objektidentitet)
		if liesOn[r.Objektidentitet] {
			v.addf(path, rules.Relation, "the registerenhet is listed twice")
		}
		liesOn[r.Objektidentitet] = true
	}
	for i, r := range b.BerorsAv {
		path := fmt.Sprintf("BerorsAv[%d]", i)
		t.checkProperty(v, path, r.Objektidentitet)
		if liesOn[r.Objektidentitet] {
			v.addf(path, rules.Relation, "a building does not both lie on and get affected by one registerenhet")
		}
	}
	v.add("LiggerPa", rules.AffectedByNeedsLiesOn(len(b.BerorsAv), len(b.LiggerPa)))
}

func checkAccuracy(v *violations, path string, a *update1.Lagesnoggrannhet) {
	if a == nil {
		return
	}
	if a.IngenInformation {
		if a.Varde != nil || a.StatistiskMetod != "" || a.Vardeenhet != "" {
			v.addf(path, rules.Relation, "a lägesnoggrannhet with ingen information has no result")
		}
		return
	}
	if a.Varde == nil {
		v.addf(path+".varde", rules.Required, "a lägesnoggrannhet needs a värde, or ingen information")
		return
	}
	v.add(path+".varde", rules.NonNegative("värde", *a.Varde))
	if a.Vardeenhet == "" {
		v.addf(path+".vardeenhet", rules.Required, "värdeenhet is required with a värde")
	}
}

func checkGeometry(v *violations, path string, g geom.T) {
	err := geometry.Validate(g, nil)
	if err == nil {
		return
	}
	var ge *geometry.ValidationError
	if !errors.As(err, &ge) {
		v.addf(path, rules.Geometry, "%v", err)
		return
	}
	for _, p := range ge.Problems {
		v.addf(path+"."+p.Path, rules.Geometry, "%s: %s", p.Code, p.Message)
	}
}

// checkProperty checks that a registerenhet reference names a known
// registerenhet (server rule BAL-2003).
func (t *txn) checkProperty(v *violations, path, id string) {
	if id == "" {
		v.addf(path+".objektidentitet", rules.Required, "the registerenhet's objektidentitet is required")
		return
	}
	if _, ok := t.st.properties[id]; !ok {
		v.addf(path+".objektidentitet", CodeReference, "registerenhet %s does not exist", id)
	}
}

// ref checks that a reference names a stored (or staged), not retired,
// object of type typ, and returns its record (server rule BAL-2003).
func (t *txn) ref(v *violations, path string, typ update1.Objekttyp, id string) *record {
	if id == "" {
		v.addf(path+".objektidentitet", rules.Required, "the %s's objektidentitet is required", strings.ToLower(string(typ)))
		return nil
	}
	r := t.get(typ, id)
	switch {
	case r == nil:
		v.addf(path+".objektidentitet", CodeReference, "%s %s does not exist", typ, id)
		return nil
	case r.retired():
		v.addf(path+".objektidentitet", CodeReference, "%s %s is avregistrerad", typ, id)
		return nil
	}
	return r
}

func (t *txn) checkEntrance(v *violations, e *update1.Entre) {
	v.code("entretyp", "entrétyp", entranceTypes, e.Entretyp, true)
	v.code("hiss", "hiss", yesNo, e.Hiss, false)
	t.ref(v, "Byggnad", update1.TypByggnad, e.Byggnad.Objektidentitet)
	if e.Adressplats != nil {
		t.ref(v, "Adressplats", update1.TypAdressplats, e.Adressplats.Objektidentitet)
	}
}

func (t *txn) checkApartment(v *violations, a *update1.Lagenhet) {
	v.add("lagenhetsnummer", rules.ApartmentNumber(a.Lagenhetsnummer))
	decided, err1 := a.BeslutsdatumLagenhetsnummer.Time()
	notified, err2 := a.UnderrattelsedatumLagenhetsnummer.Time()
	if err1 != nil {
		v.addf("beslutsdatumLagenhetsnummer", rules.Format, "not a date")
	}
	if err2 != nil {
		v.addf("underrattelsedatumLagenhetsnummer", rules.Format, "not a date")
	}
	if a.Lagenhetsnummer == "" && (a.BeslutsdatumLagenhetsnummer != "" || a.UnderrattelsedatumLagenhetsnummer != "") {
		v.addf("lagenhetsnummer", rules.Relation, "the dates of a lägenhetsnummer need a lägenhetsnummer")
	}
	if !decided.IsZero() && !notified.IsZero() && notified.Before(decided) {
		v.addf("underrattelsedatumLagenhetsnummer", rules.Range, "underrättelsedatum is before beslutsdatum")
	}
	if a.AntalRum != nil {
		v.add("antalRum", rules.Rooms(*a.AntalRum))
	}
	if a.Bostadsarea != nil {
		v.add("bostadsarea", rules.LivingArea(*a.Bostadsarea))
	}
	v.code("kokstyp", "kökstyp", kitchenTypes, a.Kokstyp, false)
	v.code("gemensamtKok", "gemensamt kök", yesNo, a.GemensamtKok, false)
	v.code("insamlingssatt", "insamlingssätt", collections, a.Insamlingssatt, false)
	entrance := t.ref(v, "Entre", update1.TypEntre, a.Entre.Objektidentitet)
	if entrance == nil || a.Lagenhetsnummer == "" || a.Objektstatus == statusRetired {
		return
	}
	// Server rule BAL-2002: the number is unique within the entrance and
	// within every entrance with the same address.
	scopes := []okey{{update1.TypEntre, entrance.id}}
	if p := entrance.current().(*update1.Entre).Adressplats; p != nil {
		for _, k := range t.children(okey{update1.TypAdressplats, p.Objektidentitet}) {
			if k.typ == update1.TypEntre {
				scopes = append(scopes, okey{update1.TypEntre, k.id})
			}
		}
	}
	for _, scope := range scopes {
		for _, k := range t.children(scope) {
			other := t.get(k.typ, k.id)
			if k.typ != update1.TypLagenhet || other == nil || other.id == a.Objektidentitet || other.retired() {
				continue
			}
			if other.current().(*update1.Lagenhet).Lagenhetsnummer == a.Lagenhetsnummer {
				v.addf("lagenhetsnummer", CodeApartmentUnique, "lägenhetsnummer %s is already used at this entrance or address (lägenhet %s)", a.Lagenhetsnummer, other.id)
				return
			}
		}
	}
}

// designation returns the point's designation as rules' plain values.
func designation(p *update1.Adressplats) rules.Designation {
	d := p.Adressplatsattribut.Adressplatsbeteckning
	return rules.Designation{
		PointType: p.Adressplatsattribut.Adressplatstyp, Number: d.Adressplatsnummer, Letter: d.Bokstavstillagg,
		Suffix: d.Lagestillagg, SuffixNumber: d.Lagestillaggsnummer,
		Deviates: d.AvvikerFranStandarden, DeviatingText: d.AvvikandeAdressplatsbeteckning,
	}
}

var designationPaths = map[string]string{
	"Number": "adressplatsnummer", "Letter": "bokstavstillagg", "Suffix": "lagestillagg",
	"SuffixNumber": "lagestillaggsnummer", "DeviatingText": "avvikandeAdressplatsbeteckning",
}

func (t *txn) checkPoint(v *violations, p *update1.Adressplats) {
	a := p.Adressplatsattribut
	const base = "Adressplatsattribut."
	d := designation(p)
	for _, fv := range d.Check() {
		v.addf(base+"Adressplatsbeteckning."+designationPaths[fv.Field], fv.Rule, "%s", fv.Message)
	}
	v.code(base+"Adressplatsbeteckning.lagestillagg", "lägestillägg", positionSuffix, a.Adressplatsbeteckning.Lagestillagg, false)
	v.code(base+"adressplatstyp", "adressplatstyp", pointTypes, a.Adressplatstyp, true)
	v.code(base+"insamlingslage", "insamlingsläge", pointPlacements, a.Insamlingslage, false)
	v.code(base+"status", "status", addressStatuses, a.Status, false)
	switch g := a.Adressplatspunkt.Geometry.(type) {
	case nil:
		v.addf(base+"Adressplatspunkt", rules.Required, "adressplatspunkt is required")
	case *geom.Point:
		checkGeometry(v, base+"Adressplatspunkt", g)
	default:
		v.addf(base+"Adressplatspunkt", rules.Geometry, "adressplatspunkt must be a point, not %T", g)
	}
	for i, r := range p.Adressplatsanmarkning {
		v.code(fmt.Sprintf("Adressplatsanmarkning[%d].anmarkningstyp", i), "anmärkningstyp", pointRemarks, r.Anmarkningstyp, true)
	}
	if f := p.AdressattAnlaggning; f != nil {
		v.code("AdressattAnlaggning.anlaggningstyp", "anläggningstyp", facilityTypes, f.Anlaggningstyp, true)
	}
	if n := p.Adressplatsnamn; n != nil {
		if strings.TrimSpace(n.Popularnamn) == "" {
			v.addf("Adressplatsnamn.popularnamn", rules.Required, "populärnamn is required")
		} else {
			v.add("Adressplatsnamn.popularnamn", rules.Name(n.Popularnamn))
		}
	}
	if r := p.Registerenhetsreferens; r != nil {
		t.checkProperty(v, "Registerenhetsreferens", r.Objektidentitet)
	}

	// The area the point belongs to: exactly one, of the kind its type needs.
	var areaName string
	var scope okey
	switch {
	case p.Adressomrade == nil && p.Gardsadressomrade == nil:
		v.addf("Adressomrade", rules.Required, "an address point belongs to an adressområde, or as a gårdsadressplats to a gårdsadressområde")
		return
	case p.Adressomrade != nil && p.Gardsadressomrade != nil:
		v.addf("Gardsadressomrade", rules.Relation, "an address point belongs to an adressområde or a gårdsadressområde, not both")
		return
	case p.Gardsadressomrade != nil:
		r := t.ref(v, "Gardsadressomrade", update1.TypGardsadressomrade, p.Gardsadressomrade.Objektidentitet)
		v.add(base+"adressplatstyp", rules.AreaType(a.Adressplatstyp, rules.CourtyardArea))
		if r == nil {
			return
		}
		areaName, scope = r.current().(*update1.Gardsadressomrade).FaststalltNamn, okey{r.typ, r.id}
	default:
		if codelist.Key(a.Adressplatstyp) == codelist.Key("Gårdsadressplats") {
			v.addf(base+"adressplatstyp", rules.Relation, "a gårdsadressplats belongs to a gårdsadressområde, not an adressområde")
		}
		r := t.ref(v, "Adressomrade", update1.TypAdressomrade, p.Adressomrade.Objektidentitet)
		if r == nil {
			return
		}
		area := r.current().(*update1.Adressomrade)
		v.add(base+"adressplatstyp", rules.AreaType(a.Adressplatstyp, area.Adressomradestyp))
		areaName, scope = area.FaststalltNamn, okey{r.typ, r.id}
	}
	v.add(base+"Adressplatsbeteckning", rules.LabelLength(areaName, d.String()))
	if p.Objektstatus == statusRetired {
		return
	}
	// Server rule BAL-2001: the designation is unique within its area.
	for _, k := range t.children(scope) {
		other := t.get(k.typ, k.id)
		if k.typ != update1.TypAdressplats || other == nil || other.id == p.Objektidentitet || other.retired() {
			continue
		}
		if designation(other.current().(*update1.Adressplats)).String() == d.String() {
			v.addf(base+"Adressplatsbeteckning", CodeDesignationUnique, "%q is already used in this area (adressplats %s)", rules.Label(areaName, d.String()), other.id)
			return
		}
	}
}

func checkAreaName(v *violations, name string) {
	if strings.TrimSpace(name) == "" {
		v.addf("faststalltNamn", rules.Required, "fastställt namn is required")
		return
	}
	v.add("faststalltNamn", rules.Name(name))
	v.add("faststalltNamn", rules.LabelLength(name, ""))
}

func (t *txn) checkArea(v *violations, a *update1.Adressomrade) {
	checkAreaName(v, a.FaststalltNamn)
	v.code("adressomradestyp", "adressområdestyp", areaTypes, a.Adressomradestyp, true)
	t.ref(v, "Kommundel", update1.TypKommundel, a.Kommundel.Objektidentitet)
}

func (t *txn) checkCourtyardArea(v *violations, c *update1.Gardsadressomrade) {
	checkAreaName(v, c.FaststalltNamn)
	r := t.ref(v, "Adressomrade", update1.TypAdressomrade, c.Adressomrade.Objektidentitet)
	if r == nil {
		return
	}
	v.add("Adressomrade", rules.CourtyardParent(r.current().(*update1.Adressomrade).Adressomradestyp))
	if c.Objektstatus == statusRetired {
		return
	}
	// Server rule BAL-2005: the name is unique within the byadressområde.
	for _, k := range t.children(okey{r.typ, r.id}) {
		other := t.get(k.typ, k.id)
		if k.typ != update1.TypGardsadressomrade || other == nil || other.id == c.Objektidentitet || other.retired() {
			continue
		}
		if strings.EqualFold(other.current().(*update1.Gardsadressomrade).FaststalltNamn, c.FaststalltNamn) {
			v.addf("faststalltNamn", CodeCourtyardNameUnique, "gårdsadressområde %q already exists in this byadressområde", c.FaststalltNamn)
			return
		}
	}
}

func checkDistrict(v *violations, d *update1.Kommundel) {
	if strings.TrimSpace(d.FaststalltNamn) == "" {
		v.addf("faststalltNamn", rules.Required, "fastställt namn is required")
	} else {
		v.add("faststalltNamn", rules.Name(d.FaststalltNamn))
	}
	if d.Kommun.Kommunkod == "" {
		v.addf("Kommun.kommunkod", rules.Required, "kommunkod is required")
	} else if err := bal.MunicipalityCode(d.Kommun.Kommunkod).Validate(); err != nil {
		v.addf("Kommun.kommunkod", rules.Format, "%s", strings.TrimPrefix(err.Error(), "bal: "))
	}
	v.add("Kommun.kommunnamn", rules.Name(d.Kommun.Kommunnamn))
}
