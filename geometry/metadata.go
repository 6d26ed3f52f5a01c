package geometry

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Metadata is geometrimetadata (Lantmäteriet's JSON Schema "Geometrimetadata
// 2.0.1", used by the national specifications): how and when a geometry's
// position was determined, in plan and in height, whether its position is
// uncertain and why, which fitting transformations were applied, and the
// production documents. Every code list is the schema's, spelled exactly;
// Validate checks them. It marshals to and from the schema's JSON.
//
// The national specifications and BAL's own accuracy attributes describe the
// same things; attaching Metadata to BAL writes and mapping it onto BAL's
// lägesnoggrannhet are the typed packages' business.
type Metadata struct {
	// SurveyedAt is tidpunktForLagesbestamning: when the position was
	// determined.
	SurveyedAt *time.Time `json:"tidpunktForLagesbestamning,omitempty"`
	// CheckedAt is tidpunktForKontrollAvGeometri: when the geometry was last
	// checked.
	CheckedAt *time.Time `json:"tidpunktForKontrollAvGeometri,omitempty"`
	// PlanMethod is lagesbestamningsmetodIPlan: how the position in plan was
	// determined.
	PlanMethod *PositioningMethod `json:"lagesbestamningsmetodIPlan,omitempty"`
	// HeightMethod is lagesbestamningsmetodIHojd: how the height was
	// determined.
	HeightMethod *PositioningMethod `json:"lagesbestamningsmetodIHojd,omitempty"`
	// Uncertain is osakertLage: set when the position is uncertain, to the
	// reason (the schema types osakertLage with the anledningTillOsakertLage
	// list); empty when the position is not uncertain.
	Uncertain UncertaintyReason `json:"osakertLage,omitempty"`
	// Fittings are the inpassningstransformationer applied to the geometry.
	Fittings []Fitting `json:"inpassningstransformation,omitempty"`
	// Documentation is produktionsdokumentation: documents describing how
	// the geometry was produced.
	Documentation []DocumentRef `json:"produktionsdokumentation,omitempty"`

	// Surveyor names who determined the position (mätningsingenjör). It is
	// personal data and not part of the schema: it is never marshalled, and
	// is kept only so that an audit record can carry it where retention
	// rules (gallring) can remove it.
	Surveyor string `json:"-"`
}

// MethodType is the typ of a lägesbestämningsmetod.
type MethodType string

// The lägesbestämningsmetod types of geometrimetadata-2.0.1.
const (
	MethodGeodeticSurvey  MethodType = "geodetisk detaljmätning"           // MethodGeodeticSurvey is "geodetisk detaljmätning".
	MethodPlacement       MethodType = "lägesplacering"                    // MethodPlacement is "lägesplacering".
	MethodPhotogrammetric MethodType = "fotogrammetrisk detaljmätning"     // MethodPhotogrammetric is "fotogrammetrisk detaljmätning".
	MethodVectorisation   MethodType = "vektorisering av analogt material" // MethodVectorisation is "vektorisering av analogt material".
	MethodLaserSurvey     MethodType = "detaljmätning i laserdata"         // MethodLaserSurvey is "detaljmätning i laserdata".
	MethodConversion      MethodType = "konvertering"                      // MethodConversion is "konvertering".
	MethodInterpolation   MethodType = "interpolering"                     // MethodInterpolation is "interpolering".
	MethodRemoteSensing   MethodType = "fjärranalys"                       // MethodRemoteSensing is "fjärranalys".
	MethodBathymetry      MethodType = "batymetri"                         // MethodBathymetry is "batymetri".
	MethodUnknown         MethodType = "okänd"                             // MethodUnknown is "okänd".
)

// The wire names of a method's period, which differ by method type.
const (
	periodKeyGeodetic = "tidsperiodForUnderlagetsFramtagande"
	periodKeyOther    = "tidpunktForUnderlagetsFramtagande"
)

const errMetadataPrefix = "geometrimetadata"

// Variant is a lägesbestämningsmetod's variant; each MethodType has its own
// list (Variants).
type Variant string

// MethodTypes returns the lägesbestämningsmetod types in the schema's order.
func MethodTypes() []MethodType { return methodTypes.values() }

// Known reports whether t is a lägesbestämningsmetod type, spelled exactly.
func (t MethodType) Known() bool { return methodTypes.known(t) }

// Variants returns t's variants in the schema's order; nil for the types
// with none (fjärranalys, batymetri) and unknown types.
func (t MethodType) Variants() []Variant {
	if l := variantsOf[t]; l != nil {
		return l.values()
	}
	return nil
}

// VariantRequired reports whether the schema requires a variant for t:
// every type but lägesplacering (variant optional), fjärranalys and
// batymetri (no variant).
func (t MethodType) VariantRequired() bool {
	switch t {
	case MethodPlacement, MethodRemoteSensing, MethodBathymetry:
		return false
	}
	return true
}

var methodTypes = newCodeList(MethodGeodeticSurvey, MethodPlacement, MethodPhotogrammetric,
	MethodVectorisation, MethodLaserSurvey, MethodConversion, MethodInterpolation,
	MethodRemoteSensing, MethodBathymetry, MethodUnknown)

// The variants of each method type, as the schema lists them.
var variantsOf = map[MethodType]*codeList[Variant]{
	MethodGeodeticSurvey: newCodeList[Variant]("avvägning", "barometerhöjdmätning", "DGNSS",
		"GNSS, absolut", "GNSS, enkelstations-RTK", "GNSS, nätverks-RTK",
		"GNSS, precise point positioning (PPP)", "GNSS, statistik",
		"inbindning och liknande planbestämningsmetoder", "okänd",
		"polär inmätning, totalstation, fri station GNSS", "polär inmätning, totalstation i stomnät",
		"polär inmätning, äldre utrustning", "trigonometrisk höjdmätning", "tröghetsteknik"),
	MethodPlacement: newCodeList[Variant]("3D-modell", "analog karta", "befintligt objekt i 3D-modell",
		"befintligt objekt i digital karta", "digital karta", "kartografiskt läge", "okänd", "ortofoto"),
	MethodPhotogrammetric: newCodeList[Variant]("digital stereomodell, digitala bilder från drönare",
		"analogt ortofoto, analoga flygbilder", "digital stereomodell, digitala flygbilder",
		"digital stereomodell, skannade analoga flygbilder", "digitalt ortofoto, digitala bilder från drönare",
		"digitalt ortofoto, digitala flygbilder", "digitalt ortofoto, skannade analoga flygbilder",
		"digitalt sant ortofoto, digitala bilder från drönare", "digitalt sant ortofoto, digitala flygbilder",
		"okänd", "punktmoln, digitala bilder från drönare", "punktmoln, digitala flygbilder",
		"punktmoln, skannade analoga flygbilder", "skannat analogt ortofoto, analoga bilder",
		"stereomodell, analoga flygbilder"),
	MethodVectorisation: newCodeList[Variant]("analog karta, bordsdigitalisering", "okänd",
		"skannad analog karta, automatisk tolkning", "skannad analog karta, skärmdigitalisering",
		"skannad ritning, automatisk tolkning", "skannad ritning, skärmdigitalisering"),
	MethodLaserSurvey: newCodeList[Variant]("drönarlaserskanning", "flygburen laserskanning",
		"fordonsburen laserskanning", "okänd", "terrester laserskanning"),
	MethodConversion: newCodeList[Variant]("BIM-data till geodata, geodetiskt referenssystem",
		"BIM-data till geodata, kartesiskt koordinatsystem", "byggdata till geodata, okänd",
		"CAD-data till geodata, geodetiskt referenssystem", "CAD-data till geodata, kartesiskt koordinatsystem"),
	MethodInterpolation: newCodeList[Variant]("höjder i höjdmodell, okänd",
		"höjder i markhöjdmodell, fotogrammetrisk detaljmätning", "höjder i markhöjdmodell, laserdata",
		"höjder i markhöjdmodell, laserdata och fotogrammetriskt punktmoln",
		"höjder i ythöjdmodell, fotogrammetriskt punktmoln", "höjder i ythöjdmodell, laserdata"),
	MethodUnknown: newCodeList[Variant]("okänd"),
}

// GeoidModel is a geoidmodell.
type GeoidModel string

// SWEN17RH2000 is "SWEN17_RH2000", the current geoid model for RH 2000.
const SWEN17RH2000 GeoidModel = "SWEN17_RH2000"

var geoidModels = newCodeList[GeoidModel]("SWEN05_RH2000", "SWEN08_RH2000", SWEN17RH2000,
	"SWEN05_RH70", "SWEN08_RH70", "SWEN17_RH70", "SWEN_05LR", "SWEN_01", "SWEN_01L", "SWEN_98",
	"SWEN_98L", "RN_92")

// GeoidModels returns the geoidmodell values in the schema's order.
func GeoidModels() []GeoidModel { return geoidModels.values() }

// Known reports whether m is a geoidmodell value, spelled exactly.
func (m GeoidModel) Known() bool { return geoidModels.known(m) }

// UncertaintyReason is an anledningTillOsakertLage.
type UncertaintyReason string

// The anledningTillOsakertLage values.
const (
	// UncertainHidden is "skymt läge vid inmätning": the point was hidden
	// when surveyed.
	UncertainHidden UncertaintyReason = "skymt läge vid inmätning"
	// UncertainApproximate is "lägesplacering i ungefärligt läge".
	UncertainApproximate UncertaintyReason = "lägesplacering i ungefärligt läge"
	// UncertainIllustrative is "lägesplacering i illustrativt läge".
	UncertainIllustrative UncertaintyReason = "lägesplacering i illustrativt läge"
)

var uncertaintyReasons = newCodeList(UncertainHidden, UncertainApproximate, UncertainIllustrative)

// UncertaintyReasons returns the anledningTillOsakertLage values.
func UncertaintyReasons() []UncertaintyReason { return uncertaintyReasons.values() }

// Known reports whether r is an anledningTillOsakertLage value.
func (r UncertaintyReason) Known() bool { return uncertaintyReasons.known(r) }

// CoordinateSystem is a koordinatsystem of the schema's list (about 430
// older local systems, the SWEREF 99 ones and "egendefinierat").
type CoordinateSystem string

// CoordinateSystems returns the koordinatsystem values in the schema's order.
func CoordinateSystems() []CoordinateSystem { return coordinateSystems.values() }

// Known reports whether s is a koordinatsystem value, spelled exactly.
func (s CoordinateSystem) Known() bool { return coordinateSystems.known(s) }

// TransformationKind is a typAvTransformationssamband.
type TransformationKind string

// The typAvTransformationssamband values.
const (
	TransformationPredefined TransformationKind = "fördefinierat" // TransformationPredefined is "fördefinierat".
	TransformationUnknown    TransformationKind = "okänd"         // TransformationUnknown is "okänd".
	TransformationTemporary  TransformationKind = "tillfälligt"   // TransformationTemporary is "tillfälligt".
)

var transformationKinds = newCodeList(TransformationPredefined, TransformationUnknown, TransformationTemporary)

// ResourceEvent is a resurshändelse: what a document's date records.
type ResourceEvent string

// The resurshändelse values.
const (
	EventCreated   ResourceEvent = "skapad"     // EventCreated is "skapad".
	EventPublished ResourceEvent = "publicerad" // EventPublished is "publicerad".
	EventRevised   ResourceEvent = "reviderad"  // EventRevised is "reviderad".
)

var resourceEvents = newCodeList(EventCreated, EventPublished, EventRevised)

// Period is a tidsperiod: from and to, both required.
type Period struct {
	// From is från.
	From time.Time `json:"fran"`
	// To is till.
	To time.Time `json:"till"`
}

// PositioningMethod is a lägesbestämningsmetod: the schema's union on Type,
// each type with its own variant list and its own optional attributes. An
// attribute the type does not have is an error in Validate.
type PositioningMethod struct {
	// Type is typ.
	Type MethodType
	// Variant is variant, from Type's list; required except for
	// lägesplacering (optional), fjärranalys and batymetri (none).
	Variant Variant
	// Period is when the source material was produced: the schema calls it
	// tidsperiodForUnderlagetsFramtagande for geodetisk detaljmätning and
	// tidpunktForUnderlagetsFramtagande for the other types that have it
	// (lägesplacering, fotogrammetrisk detaljmätning, vektorisering,
	// detaljmätning i laserdata, konvertering, interpolering).
	Period *Period
	// Geoid is geoidmodell (geodetisk detaljmätning, fotogrammetrisk
	// detaljmätning, detaljmätning i laserdata).
	Geoid GeoidModel
	// ReferenceUncertainty is lagesosakerhetForReferensobjekt in metres
	// (lägesplacering).
	ReferenceUncertainty *float64
	// PresentationScale is presentationsskala, e.g. 1000 for 1:1000
	// (lägesplacering).
	PresentationScale *int
	// Resolution is geometriskUpplosning in metres (lägesplacering,
	// fotogrammetrisk detaljmätning, interpolering).
	Resolution *float64
	// FlightHeight is flyghojd in metres (fotogrammetrisk detaljmätning).
	FlightHeight *int
	// MapScale is kartskala (vektorisering av analogt material).
	MapScale *int
	// PointDensity is punkttathet in points per m² (detaljmätning i
	// laserdata).
	PointDensity *float64
}

// methodJSON is PositioningMethod on the wire: every attribute any type may
// carry, under the schema's names.
type methodJSON struct {
	Type                 MethodType `json:"typ"`
	Variant              Variant    `json:"variant,omitempty"`
	PeriodGeodetic       *Period    `json:"tidsperiodForUnderlagetsFramtagande,omitempty"`
	PeriodOther          *Period    `json:"tidpunktForUnderlagetsFramtagande,omitempty"`
	Geoid                GeoidModel `json:"geoidmodell,omitempty"`
	ReferenceUncertainty *float64   `json:"lagesosakerhetForReferensobjekt,omitempty"`
	PresentationScale    *int       `json:"presentationsskala,omitempty"`
	Resolution           *float64   `json:"geometriskUpplosning,omitempty"`
	FlightHeight         *int       `json:"flyghojd,omitempty"`
	MapScale             *int       `json:"kartskala,omitempty"`
	PointDensity         *float64   `json:"punkttathet,omitempty"`
}

// MarshalJSON writes the method with Period under the name its type uses.
func (m PositioningMethod) MarshalJSON() ([]byte, error) {
	w := methodJSON{Type: m.Type, Variant: m.Variant, Geoid: m.Geoid,
		ReferenceUncertainty: m.ReferenceUncertainty, PresentationScale: m.PresentationScale,
		Resolution: m.Resolution, FlightHeight: m.FlightHeight, MapScale: m.MapScale, PointDensity: m.PointDensity}
	if m.Type == MethodGeodeticSurvey {
		w.PeriodGeodetic = m.Period
	} else {
		w.PeriodOther = m.Period
	}
	return json.Marshal(w)
}

// UnmarshalJSON reads a method; the period is read under either name.
func (m *PositioningMethod) UnmarshalJSON(data []byte) error {
	var w methodJSON
	if err := json.Unmarshal(data, &w); err != nil {
		return fmt.Errorf("%s: lägesbestämningsmetod: %w", errMetadataPrefix, err)
	}
	*m = PositioningMethod{Type: w.Type, Variant: w.Variant, Geoid: w.Geoid,
		ReferenceUncertainty: w.ReferenceUncertainty, PresentationScale: w.PresentationScale,
		Resolution: w.Resolution, FlightHeight: w.FlightHeight, MapScale: w.MapScale, PointDensity: w.PointDensity}
	m.Period = w.PeriodOther
	if w.PeriodGeodetic != nil {
		m.Period = w.PeriodGeodetic
	}
	return nil
}

// Fitting is an inpassningstransformation: a transformation used to fit the
// geometry from an older system.
type Fitting struct {
	// From is fransystem (required).
	From CoordinateSystem `json:"fransystem"`
	// To is tillsystem.
	To CoordinateSystem `json:"tillsystem,omitempty"`
	// Kind is typAvSamband (required).
	Kind TransformationKind `json:"typAvSamband"`
	// Computations are beräkningshandlingar.
	Computations []DocumentRef `json:"berakningshandling,omitempty"`
	// Descriptions are beskrivningAvTransformationssamband.
	Descriptions []DocumentRef `json:"beskrivningAvTransformationssamband,omitempty"`
}

// DocumentRef is a dokumentreferens.
type DocumentRef struct {
	// Name is namn (required).
	Name string `json:"namn"`
	// ShortName is kortnamn.
	ShortName string `json:"kortnamn,omitempty"`
	// Date is datum: a date and what happened on it.
	Date *DocumentDate `json:"datum,omitempty"`
	// References are referens (at least one).
	References []Reference `json:"referens"`
	// Specific are specifikReferens: e.g. page or section numbers.
	Specific []string `json:"specifikReferens,omitempty"`
}

// DocumentDate is a referensdatum.
type DocumentDate struct {
	// Date is datum, a calendar date (YYYY-MM-DD).
	Date string `json:"datum"`
	// Event is händelse.
	Event ResourceEvent `json:"handelse"`
}

// Reference is a referens: a namespace and identity, or a link.
type Reference struct {
	// Namespace is namnrymd, a URI.
	Namespace string `json:"namnrymd,omitempty"`
	// Identity is identitet, a lower-case UUID.
	Identity string `json:"identitet,omitempty"`
	// Link is länk, a URI.
	Link string `json:"lank,omitempty"`
}

// ProblemCodeList and the codes below are the problems Metadata.Validate
// and Shape.Validate report, besides Validate's own.
const (
	// ProblemCodeList: a value not in its code list.
	ProblemCodeList = "code-list"
	// ProblemRequired: a required attribute is missing.
	ProblemRequired = "required"
	// ProblemNotAllowed: an attribute the method type or geometry type does
	// not have.
	ProblemNotAllowed = "not-allowed"
	// ProblemRange: a number or time out of range.
	ProblemRange = "range"
)

// Validate checks m against the schema: every code list, the variant each
// method type requires, the attributes each type may carry, required
// attributes of fittings and documents, periods that end before they start.
// It returns nil or a *ValidationError whose paths use the schema's names.
func (m *Metadata) Validate() error {
	if m == nil {
		return nil
	}
	v := &metadataProblems{}
	v.method("lagesbestamningsmetodIPlan", m.PlanMethod)
	v.method("lagesbestamningsmetodIHojd", m.HeightMethod)
	if m.Uncertain != "" && !m.Uncertain.Known() {
		v.add("osakertLage", ProblemCodeList, "%q is not an anledningTillOsakertLage", m.Uncertain)
	}
	if m.SurveyedAt != nil && m.CheckedAt != nil && m.CheckedAt.Before(*m.SurveyedAt) {
		v.add("tidpunktForKontrollAvGeometri", ProblemRange, "checked before the position was determined")
	}
	for i, f := range m.Fittings {
		p := idx("inpassningstransformation", i)
		switch {
		case f.From == "":
			v.add(p+".fransystem", ProblemRequired, "fransystem is required")
		case !f.From.Known():
			v.add(p+".fransystem", ProblemCodeList, "%q is not a koordinatsystem", f.From)
		}
		if f.To != "" && !f.To.Known() {
			v.add(p+".tillsystem", ProblemCodeList, "%q is not a koordinatsystem", f.To)
		}
		if !transformationKinds.known(f.Kind) {
			v.add(p+".typAvSamband", ProblemCodeList, "%q is not a typAvTransformationssamband", f.Kind)
		}
		v.docs(p+".berakningshandling", f.Computations)
		v.docs(p+".beskrivningAvTransformationssamband", f.Descriptions)
	}
	v.docs("produktionsdokumentation", m.Documentation)
	return v.err()
}

// metadataProblems collects Problems for the metadata and shape checks.
type metadataProblems struct{ list []Problem }

func (v *metadataProblems) add(path, code, format string, args ...any) {
	v.list = append(v.list, Problem{Path: path, Code: code, Message: fmt.Sprintf(format, args...)})
}

func (v *metadataProblems) err() error {
	if len(v.list) == 0 {
		return nil
	}
	return &ValidationError{Problems: v.list}
}

// The attributes each method type may carry, by wire name.
var methodAttributes = map[MethodType][]string{
	MethodGeodeticSurvey:  {"period", "geoidmodell"},
	MethodPlacement:       {"period", "lagesosakerhetForReferensobjekt", "presentationsskala", "geometriskUpplosning"},
	MethodPhotogrammetric: {"period", "geometriskUpplosning", "flyghojd", "geoidmodell"},
	MethodVectorisation:   {"period", "kartskala"},
	MethodLaserSurvey:     {"period", "punkttathet", "geoidmodell"},
	MethodConversion:      {"period"},
	MethodInterpolation:   {"period", "geometriskUpplosning"},
}

func (v *metadataProblems) method(path string, m *PositioningMethod) {
	if m == nil {
		return
	}
	if !m.Type.Known() {
		v.add(path+".typ", ProblemCodeList, "%q is not a lägesbestämningsmetod", m.Type)
		return
	}
	list := variantsOf[m.Type]
	switch {
	case m.Variant == "" && m.Type.VariantRequired():
		v.add(path+".variant", ProblemRequired, "%s needs a variant", m.Type)
	case m.Variant != "" && list == nil:
		v.add(path+".variant", ProblemNotAllowed, "%s has no variants", m.Type)
	case m.Variant != "" && !list.known(m.Variant):
		v.add(path+".variant", ProblemCodeList, "%q is not a variant of %s", m.Variant, m.Type)
	}
	has := map[string]bool{
		"period":                          m.Period != nil,
		"geoidmodell":                     m.Geoid != "",
		"lagesosakerhetForReferensobjekt": m.ReferenceUncertainty != nil,
		"presentationsskala":              m.PresentationScale != nil,
		"geometriskUpplosning":            m.Resolution != nil,
		"flyghojd":                        m.FlightHeight != nil,
		"kartskala":                       m.MapScale != nil,
		"punkttathet":                     m.PointDensity != nil,
	}
	names := make([]string, 0, len(has))
	for k := range has {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, k := range names {
		if has[k] && !slices.Contains(methodAttributes[m.Type], k) {
			name := k
			if k == "period" {
				name = periodKeyOther
			}
			v.add(path+"."+name, ProblemNotAllowed, "%s has no %s", m.Type, name)
		}
	}
	if m.Geoid != "" && !m.Geoid.Known() {
		v.add(path+".geoidmodell", ProblemCodeList, "%q is not a geoidmodell", m.Geoid)
	}
	if p := m.Period; p != nil && p.To.Before(p.From) {
		name := periodKeyOther
		if m.Type == MethodGeodeticSurvey {
			name = periodKeyGeodetic
		}
		v.add(path+"."+name, ProblemRange, "the period ends before it starts")
	}
	for name, x := range map[string]*float64{"lagesosakerhetForReferensobjekt": m.ReferenceUncertainty,
		"geometriskUpplosning": m.Resolution, "punkttathet": m.PointDensity} {
		if x != nil && !(*x >= 0) {
			v.add(path+"."+name, ProblemRange, "must be a non-negative number")
		}
	}
}

func (v *metadataProblems) docs(path string, ds []DocumentRef) {
	for i, d := range ds {
		p := idx(path, i)
		if strings.TrimSpace(d.Name) == "" {
			v.add(p+".namn", ProblemRequired, "namn is required")
		}
		if len(d.References) == 0 {
			v.add(p+".referens", ProblemRequired, "at least one referens is required")
		}
		for j, r := range d.References {
			if r.Identity != "" && !isLowerUUID(r.Identity) {
				v.add(idx(p+".referens", j)+".identitet", ProblemRequired, "identitet must be a lower-case uuid")
			}
		}
		if d.Date != nil {
			if _, err := time.Parse(time.DateOnly, d.Date.Date); err != nil {
				v.add(p+".datum.datum", ProblemRange, "datum must be a date (YYYY-MM-DD)")
			}
			if !resourceEvents.known(d.Date.Event) {
				v.add(p+".datum.handelse", ProblemCodeList, "%q is not a resurshändelse", d.Date.Event)
			}
		}
	}
}

// isLowerUUID matches the schema's uuid pattern
// ^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$.
func isLowerUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i, r := range s {
		switch i {
		case 8, 13, 18, 23:
			if r != '-' {
				return false
			}
		default:
			if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f') {
				return false
			}
		}
	}
	return true
}

// codeList is an ordered set of a schema's string values.
type codeList[T ~string] struct {
	order []T
	set   map[T]struct{}
}

func newCodeList[T ~string](vs ...T) *codeList[T] {
	l := &codeList[T]{order: vs, set: make(map[T]struct{}, len(vs))}
	for _, v := range vs {
		l.set[v] = struct{}{}
	}
	return l
}

func (l *codeList[T]) known(v T) bool { _, ok := l.set[v]; return ok }

func (l *codeList[T]) values() []T { return slices.Clone(l.order) }
