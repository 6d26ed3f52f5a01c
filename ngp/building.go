package ngp

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/twpayne/go-geom"
	"github.com/twpayne/go-geom/encoding/wkb"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/building"
	"github.com/tjanstebaserad/bal-go/geometry"
	"github.com/tjanstebaserad/bal-go/internal/check"
	"github.com/tjanstebaserad/bal-go/internal/wire/ngpbyggnad"
)

// Building is a physical building (fysisk byggnad) as the national
// specification Byggnad models it: the whole construction regardless of
// property boundaries, published with media type MediaByggnadV1.
//
// Its geometry (geometri-2.0) and geometry metadata
// (geometrimetadata-2.0.1) are exact. The body's other attribute names are
// modelled: the specification's schema is not public (see the README).
type Building struct {
	// ID is the objektidentitet.
	ID bal.ObjectID
	// Version is the objektversion.
	Version int
	// ValidFrom is versionGiltigFran.
	ValidFrom time.Time
	// Municipality is the producing kommun (kommunkod).
	Municipality bal.MunicipalityCode
	// Status is the byggnadsstatus.
	Status BuildingStatus
	// Purposes are the ändamål, values of Boverket's Ändamålskatalogen.
	Purposes []Purpose
	// ConstructionYear is the nybyggnadsår; zero when not known.
	ConstructionYear int
	// Geometries are the building's geometries, one per detail level.
	Geometries []BuildingGeometry
	// RegisterBuildings are the BAL registerbyggnader (one per property)
	// this physical building comprises.
	RegisterBuildings []bal.ObjectID
}

// BuildingStatus is a byggnadsstatus (modelled values).
type BuildingStatus string

// The byggnadsstatus values (modelled).
const (
	BuildingPlanned    BuildingStatus = "planerad"         // BuildingPlanned is "planerad".
	BuildingUnderWay   BuildingStatus = "under byggnation" // BuildingUnderWay is "under byggnation".
	BuildingExisting   BuildingStatus = "befintlig"        // BuildingExisting is "befintlig".
	BuildingDemolished BuildingStatus = "riven"            // BuildingDemolished is "riven".
)

// detailLevelFootprint names the footprint's detail level (modelled).
const detailLevelFootprint = "NS-LOD 0"

// Purpose is an ändamål of Boverket's Ändamålskatalogen.
type Purpose struct {
	// Value is the catalogue's value at Level.
	Value string
	// Level is the catalogue level, 1 (main category) to 3.
	Level int
	// Main marks the main purpose (huvudändamål).
	Main bool
}

// BuildingGeometry is the building at one detail level.
type BuildingGeometry struct {
	// Level names the detail level, e.g. "NS-LOD 0" (the footprint).
	Level string
	// Shape is the geometri-2.0 value.
	Shape geometry.Shape
	// Metadata is the geometrimetadata-2.0.1 value, when known.
	Metadata *geometry.Metadata
}

// Validate checks what the SDK can: identity, municipality, at least one
// purpose and one geometry, and each geometry and its metadata against the
// schemas. It returns nil or a *bal.ValidationError.
func (b *Building) Validate() error {
	v := check.New("ngp.Building")
	if b.ID.IsZero() {
		v.Add("ID", bal.RuleRequired, "objektidentitet is required")
	}
	if b.Version < 1 {
		v.Add("Version", bal.RuleRange, "objektversion starts at 1")
	}
	if err := b.Municipality.Validate(); err != nil {
		v.Add("Municipality", bal.RuleFormat, strings.TrimPrefix(err.Error(), "bal: "))
	}
	if len(b.Purposes) == 0 {
		v.Add("Purposes", bal.RuleRequired, "at least one ändamål is required")
	}
	if len(b.Geometries) == 0 {
		v.Add("Geometries", bal.RuleRequired, "at least one geometry is required")
	}
	for i, g := range b.Geometries {
		p := "Geometries[" + strconv.Itoa(i) + "]"
		for _, err := range []error{g.Shape.Validate(), g.Metadata.Validate()} {
			var ge *geometry.ValidationError
			if err != nil && asGeometry(err, &ge) {
				for _, pr := range ge.Problems {
					v.Add(p+"."+pr.Path, bal.RuleGeometry, pr.Message)
				}
			}
		}
	}
	return v.Err()
}

func asGeometry(err error, out **geometry.ValidationError) bool {
	ge, ok := err.(*geometry.ValidationError)
	*out = ge
	return ok
}

// wire returns the modelled body.
func (b *Building) wire() *ngpbyggnad.Byggnad {
	w := &ngpbyggnad.Byggnad{Objektidentitet: b.ID.String(), Objektversion: b.Version,
		Kommunkod: string(b.Municipality), Byggnadsstatus: string(b.Status), Nybyggnadsar: b.ConstructionYear,
		Andamal: []ngpbyggnad.Andamal{}, Geometri: []ngpbyggnad.Geometri{}}
	if !b.ValidFrom.IsZero() {
		w.VersionGiltigFran = b.ValidFrom.Format("2006-01-02T15:04:05.000-07:00")
	}
	for _, p := range b.Purposes {
		w.Andamal = append(w.Andamal, ngpbyggnad.Andamal{Andamal: p.Value, Niva: p.Level, Huvudandamal: p.Main})
	}
	for _, g := range b.Geometries {
		w.Geometri = append(w.Geometri, ngpbyggnad.Geometri{Detaljniva: g.Level, Geometri: g.Shape, Geometrimetadata: g.Metadata})
	}
	for _, id := range b.RegisterBuildings {
		w.Registerbyggnad = append(w.Registerbyggnad, ngpbyggnad.Referens{Objektidentitet: id.String()})
	}
	return w
}

// MarshalJSON writes the domain object (application/vnd.lm.byggnad.v1+json).
func (b *Building) MarshalJSON() ([]byte, error) { return json.Marshal(b.wire()) }

// UnmarshalJSON reads a domain object, e.g. one downloaded from
// Nedladdning.
func (b *Building) UnmarshalJSON(data []byte) error {
	var w ngpbyggnad.Byggnad
	if err := json.Unmarshal(data, &w); err != nil {
		return fmt.Errorf("ngp: byggnad: %w", err)
	}
	id, err := bal.ParseObjectID(w.Objektidentitet)
	if err != nil {
		return fmt.Errorf("ngp: byggnad: objektidentitet: %w", err)
	}
	out := Building{ID: id, Version: w.Objektversion, Municipality: bal.MunicipalityCode(w.Kommunkod),
		Status: BuildingStatus(w.Byggnadsstatus), ConstructionYear: w.Nybyggnadsar}
	if w.VersionGiltigFran != "" {
		if out.ValidFrom, err = time.Parse(time.RFC3339Nano, w.VersionGiltigFran); err != nil {
			return fmt.Errorf("ngp: byggnad: versionGiltigFran: %w", err)
		}
	}
	for _, a := range w.Andamal {
		out.Purposes = append(out.Purposes, Purpose{Value: a.Andamal, Level: a.Niva, Main: a.Huvudandamal})
	}
	for _, g := range w.Geometri {
		out.Geometries = append(out.Geometries, BuildingGeometry{Level: g.Detaljniva, Shape: g.Geometri, Metadata: g.Geometrimetadata})
	}
	for _, r := range w.Registerbyggnad {
		rid, err := bal.ParseObjectID(r.Objektidentitet)
		if err != nil {
			return fmt.Errorf("ngp: byggnad: registerbyggnad: %w", err)
		}
		out.RegisterBuildings = append(out.RegisterBuildings, rid)
	}
	*b = out
	return nil
}

// Object returns the building as an Object to publish.
func (b *Building) Object() (Object, error) {
	body, err := json.Marshal(b)
	if err != nil {
		return Object{}, err
	}
	return Object{ID: b.ID, Media: MediaByggnadV1, Body: body}, nil
}

// MappingOptions tunes FromRegister.
type MappingOptions struct {
	// Municipality is the producing kommun (required).
	Municipality bal.MunicipalityCode
	// Metadata, when set, gives the geometry metadata of a registerbyggnad's
	// footprint (e.g. from the municipality's survey records); when nil, the
	// first part's Metadata is used, if the building carries one.
	Metadata func(*building.Building) *geometry.Metadata
}

// physicalNamespace makes the identities of physical buildings: a UUID
// (version 5) of the sorted identities of the registerbyggnader it
// comprises, so that publishing the same buildings again updates the same
// objects.
var physicalNamespace = uuid.MustParse("6f1c7d2e-93a4-5b8e-a0c1-2d3e4f5a6b7c")

// FromRegister maps BAL's buildings (registerbyggnader, one per property)
// to the national specification's physical buildings (fysiska byggnader).
// The mapping, documented in docs/ngp.md:
//
//   - registerbyggnader with the same outline (their first part's surface,
//     to the centimetre) are one physical building, registered once per
//     property it stands on; every other registerbyggnad is a physical
//     building of its own;
//   - the identity is a UUID (version 5) of the registerbyggnader's sorted
//     identities, stable from one publication to the next; the version is
//     the highest BAL version, versionGiltigFran the latest;
//   - objektstatus Planerad is "planerad", Gällande and Gällande under
//     utredning are "befintlig"; Avregistrerad buildings are left out (a
//     radering publishes their removal);
//   - the purposes are the union of the byggnadsändamål, mapped to
//     Ändamålskatalogen's main categories (PurposeOf), the main one marked;
//   - nybyggnadsår is the earliest known;
//   - the footprint (NS-LOD 0) is the first part's surface as geometri-2.0
//     in its CRS (which must be SWEREF 99 TM or a local zone), its
//     absolutLagesosakerhetPlan BAL's lägesnoggrannhet plan when that is a
//     value in metres.
func FromRegister(bs []*building.Building, opts *MappingOptions) ([]*Building, error) {
	if opts == nil || opts.Municipality == "" {
		v := check.New("ngp.FromRegister")
		v.Add("Municipality", bal.RuleRequired, "the producing kommun is required")
		return nil, v.Err()
	}
	groups := map[string][]*building.Building{}
	var order []string
	for _, b := range bs {
		if b == nil || b.Status == bal.StatusRetired {
			continue
		}
		if len(b.Parts) == 0 || b.Parts[0].Surface == nil {
			return nil, fmt.Errorf("ngp: registerbyggnad %s has no surface", b.ID)
		}
		key, err := outlineKey(b.Parts[0].Surface)
		if err != nil {
			return nil, fmt.Errorf("ngp: registerbyggnad %s: %w", b.ID, err)
		}
		if _, ok := groups[key]; !ok {
			order = append(order, key)
		}
		groups[key] = append(groups[key], b)
	}
	out := make([]*Building, 0, len(order))
	for _, key := range order {
		p, err := physical(groups[key], opts)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// outlineKey identifies an outline to the centimetre.
func outlineKey(g geom.T) (string, error) {
	r := geometry.RoundCoordinates(geometry.Normalize(g), 2)
	b, err := wkb.Marshal(r, wkb.NDR)
	if err != nil {
		return "", err
	}
	return strconv.Itoa(g.SRID()) + ":" + string(b), nil
}

func physical(group []*building.Building, opts *MappingOptions) (*Building, error) {
	ids := make([]string, 0, len(group))
	for _, b := range group {
		ids = append(ids, b.ID.String())
	}
	sort.Strings(ids)
	p := &Building{ID: bal.ObjectID(uuid.NewSHA1(physicalNamespace, []byte(strings.Join(ids, ",")))),
		Municipality: opts.Municipality, Status: BuildingExisting}
	seen := map[string]int{}
	first := group[0]
	for _, b := range group {
		p.RegisterBuildings = append(p.RegisterBuildings, b.ID)
		p.Version = max(p.Version, int(b.Version))
		if b.ValidFrom.After(p.ValidFrom) {
			p.ValidFrom = b.ValidFrom
		}
		if b.Status == bal.StatusPlanned {
			p.Status = BuildingPlanned
		}
		if b.ConstructionYear != 0 && (p.ConstructionYear == 0 || b.ConstructionYear < p.ConstructionYear) {
			p.ConstructionYear = b.ConstructionYear
		}
		for _, u := range b.Purposes {
			pu, ok := PurposeOf(u.Category)
			if !ok {
				return nil, fmt.Errorf("ngp: registerbyggnad %s: byggnadsändamål %q has no Ändamålskatalogen value", b.ID, u.Category)
			}
			if i, dup := seen[pu.Value]; dup {
				p.Purposes[i].Main = p.Purposes[i].Main || u.Main
				continue
			}
			pu.Main = u.Main
			seen[pu.Value] = len(p.Purposes)
			p.Purposes = append(p.Purposes, pu)
		}
	}
	slices.SortStableFunc(p.RegisterBuildings, func(a, b bal.ObjectID) int { return strings.Compare(a.String(), b.String()) })
	if p.Version < 1 {
		p.Version = 1
	}
	shape, err := geometry.NewShape(first.Parts[0].Surface)
	if err != nil {
		return nil, fmt.Errorf("ngp: registerbyggnad %s: %w", first.ID, err)
	}
	if a := first.Parts[0].PlanAccuracy; a != nil && a.Value != nil && strings.EqualFold(string(a.Unit), "meter") {
		v := *a.Value
		shape.PlanUncertainty = &v
	}
	g := BuildingGeometry{Level: detailLevelFootprint, Shape: *shape}
	switch {
	case opts.Metadata != nil:
		g.Metadata = opts.Metadata(first)
	case first.Parts[0].Metadata != nil:
		m := *first.Parts[0].Metadata
		m.Surveyor = "" // personal data: never published
		g.Metadata = &m
	}
	p.Geometries = []BuildingGeometry{g}
	return p, nil
}
