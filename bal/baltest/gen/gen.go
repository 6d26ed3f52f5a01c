package gen

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/address"
	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/building"
	"github.com/tjanstebaserad/bal-go/casefile"
	"github.com/tjanstebaserad/bal-go/deficiency"
	"github.com/tjanstebaserad/bal-go/geometry"
)

// Size limits of a generated municipality.
const (
	MinBuildings     = 100
	MaxBuildings     = 1_000_000
	DefaultBuildings = 100
)

// Defaults of Config.
const (
	DefaultKommunkod  = "2199"
	DefaultKommunnamn = "Exempelby"
)

// DefaultTime is the versionGiltigFran of every generated version unless
// Config.Time says otherwise: fixed, so that the data is reproducible.
var DefaultTime = time.Date(2024, 1, 1, 0, 0, 0, 0, time.FixedZone("CET", 3600))

// Config chooses the municipality to generate. The zero Config generates
// the default one: 100 buildings in kommun 2199 "Exempelby", seed 0.
type Config struct {
	// Seed seeds every random choice.
	Seed uint64
	// Buildings is how many buildings to generate, MinBuildings to
	// MaxBuildings; 0 means DefaultBuildings.
	Buildings int
	// Kommunkod is the municipality's code: four digits whose first two
	// are a county (län) code in use. Default DefaultKommunkod.
	Kommunkod string
	// Kommunnamn is the municipality's name, which starts every property
	// designation. Default DefaultKommunnamn.
	Kommunnamn string
	// Zone is the local SWEREF 99 zone (3007–3018) the data is laid out in;
	// 0 picks the zone of the county.
	Zone int
	// Time is the versionGiltigFran of every generated version; zero means
	// DefaultTime.
	Time time.Time
}

// Property is a registerenhet, a property (fastighet), as Registerbeteckning
// Direkt knows it: identity, designation and area.
type Property struct {
	// PropertyRef is what BAL objects refer to the property by: the
	// objektidentitet (ID), the beteckning (Designation: kommunnamn, trakt,
	// block:enhet, e.g. "Exempelby Backa 1:23") and the registerenhetstyp
	// (Type, bal.PropertyTypeProperty).
	bal.PropertyRef
	// Tract is the trakt of the designation, the name of the kommundel the
	// property lies in ("Backa").
	Tract string
	// Block and Unit are the block and enhet of the designation (1 and 23).
	Block, Unit int
	// Municipality is the kommunkod of the municipality it lies in.
	Municipality bal.MunicipalityCode
	// Area is the registerenhetsområde in SWEREF 99 TM (3006).
	Area *geom.Polygon
}

// Dataset is a generated municipality, in the SDK's types: what
// Lantmäteriet would hold, each object at objektversion 1 with its
// versionGiltigFran and recorded Verksamhetsåtgärd (bal.Meta), references
// by identity only. The slices are in generation order; Objects lists them
// all in dependency order.
type Dataset struct {
	// Config is the configuration with its defaults filled in.
	Config Config
	// Center is the municipality's centre in SWEREF 99 TM (3006), E and N.
	Center [2]float64

	// Properties are the registerenheter, one per plot.
	Properties []*Property
	// Districts are the kommundelar.
	Districts []*address.District
	// Areas are the adressområden: street (gatu-), village (by-) and
	// metre-distance (metertals-) areas.
	Areas []*address.Area
	// CourtyardAreas are the gårdsadressområden, one per village area.
	CourtyardAreas []*address.CourtyardArea
	// Points are the adressplatser, one per entrance.
	Points []*address.Point
	// Buildings are the byggnader.
	Buildings []*building.Building
	// Entrances are the entréer.
	Entrances []*building.Entrance
	// Apartments are the lägenheter.
	Apartments []*building.Apartment
	// Deficiencies are the open brister Lantmäteriet has raised.
	Deficiencies []*deficiency.Deficiency
	// Cases are the ärenden Lantmäteriet has raised.
	Cases []*casefile.Case
}

// countyCenters are rough centres (latitude, longitude) of the counties, to
// place the fictional municipality in its county and pick its zone.
var countyCenters = map[string][2]float64{
	"01": {59.33, 18.06}, "03": {59.86, 17.64}, "04": {59.04, 16.60}, "05": {58.41, 15.62},
	"06": {57.78, 14.16}, "07": {56.88, 14.81}, "08": {56.66, 16.36}, "09": {57.64, 18.30},
	"10": {56.16, 15.59}, "12": {55.60, 13.00}, "13": {56.67, 12.86}, "14": {57.70, 11.97},
	"17": {59.40, 13.50}, "18": {59.27, 15.21}, "19": {59.61, 16.55}, "20": {60.60, 15.63},
	"21": {60.67, 17.14}, "22": {62.63, 17.94}, "23": {63.18, 14.64}, "24": {63.83, 20.26},
	"25": {65.58, 22.15},
}

// withDefaults fills in and checks c.
func (c Config) withDefaults() (Config, error) {
	if c.Buildings == 0 {
		c.Buildings = DefaultBuildings
	}
	if c.Buildings < MinBuildings || c.Buildings > MaxBuildings {
		return c, fmt.Errorf("gen: %d buildings: want %d–%d", c.Buildings, MinBuildings, MaxBuildings)
	}
	if c.Kommunkod == "" {
		c.Kommunkod = DefaultKommunkod
	}
	if err := bal.MunicipalityCode(c.Kommunkod).Validate(); err != nil {
		return c, fmt.Errorf("gen: %w", err)
	}
	if c.Kommunnamn == "" {
		c.Kommunnamn = DefaultKommunnamn
	}
	if c.Zone == 0 {
		center := countyCenters[c.Kommunkod[:2]]
		c.Zone = zoneFor(center[0], center[1])
	}
	if c.Zone < 3007 || c.Zone > 3018 {
		return c, fmt.Errorf("gen: zone %d: want a local SWEREF 99 zone, 3007–3018", c.Zone)
	}
	if c.Time.IsZero() {
		c.Time = DefaultTime
	}
	return c, nil
}

// zoneFor returns the local zone whose area of use holds (lat, lon)
// farthest from its edges, so that the whole municipality lies inside it.
// Gävleborg's centre gets 16 30, the zone Gävle uses.
func zoneFor(lat, lon float64) int {
	best, bestMargin := 3007, math.Inf(-1)
	for code := 3007; code <= 3018; code++ {
		c, err := geometry.Lookup(code)
		if err != nil {
			continue
		}
		b := c.AreaOfUse
		k := math.Cos(lat * math.Pi / 180) // a degree of longitude is shorter
		margin := min(lat-b.South, b.North-lat, (lon-b.West)*k, (b.East-lon)*k)
		if margin > bestMargin {
			best, bestMargin = code, margin
		}
	}
	return best
}

// Layout of the grid, in metres of the local zone.
const (
	plotWidth      = 24.0
	plotDepth      = 36.0
	roadWidth      = 12.0
	streetSpacing  = 2*plotDepth + roadWidth
	plotsPerSide   = 20
	streetLength   = plotsPerSide * plotWidth
	streetsPerCol  = 10
	columnSpacing  = streetLength + 40
	districtTarget = 1500 // buildings per kommundel
	// A district has at most four columns of streets, with room between
	// districts.
	districtWidth  = 4 * columnSpacing
	districtHeight = streetsPerCol*streetSpacing + 200
)

// generator holds the state of one run.
type generator struct {
	cfg  Config
	rng  *rand.Rand
	d    *Dataset
	zone int
	// origin is the local-zone position of the first district's south-west
	// corner.
	originE, originN float64
	at               time.Time
	organisation     string
	// designations maps registerenhet ids to designations, built once for
	// the deficiencies and cases (it is only read, never iterated).
	designations map[bal.ObjectID]string
}

// Generate builds the municipality cfg describes.
func Generate(cfg Config) (*Dataset, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	g := &generator{
		cfg:          cfg,
		rng:          rand.New(rand.NewPCG(cfg.Seed, 0x62616c2d676f)),
		zone:         cfg.Zone,
		at:           cfg.Time,
		organisation: cfg.Kommunnamn + " kommun",
	}
	g.d = &Dataset{Config: cfg}
	center := countyCenters[cfg.Kommunkod[:2]]
	zc, _ := geometry.Lookup(cfg.Zone)
	e, n := zc.FromGeographic(center[0], center[1])
	// Centre the grid of districts on the county's centre, rounded to whole
	// kilometres so that every coordinate is a short decimal.
	districts := (cfg.Buildings + districtTarget - 1) / districtTarget
	side := math.Ceil(math.Sqrt(float64(districts)))
	e -= side * districtWidth / 2
	n -= side * districtHeight / 2
	g.originE, g.originN = math.Round(e/1000)*1000, math.Round(n/1000)*1000
	ce, cn, err := geometry.TransformXY(cfg.Zone, geometry.SWEREF99TM, g.originE, g.originN)
	if err != nil {
		return nil, fmt.Errorf("gen: %w", err)
	}
	g.d.Center = [2]float64{ce, cn}
	if err := g.run(); err != nil {
		return nil, err
	}
	return g.d, nil
}

// uuid returns a version 4 UUID from the seeded generator.
func (g *generator) uuid() bal.ObjectID {
	var b [16]byte
	for i := 0; i < 16; i += 8 {
		v := g.rng.Uint64()
		for j := 0; j < 8; j++ {
			b[i+j] = byte(v >> (8 * j))
		}
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return bal.ObjectID(b)
}

// meta is a new object's: a fresh identity, objektversion 1, gällande from
// Config.Time, and the Verksamhetsåtgärd of the given type recorded by the
// municipality.
func (g *generator) meta(action bal.ActionType) bal.Meta {
	return bal.Meta{
		ID: g.uuid(), Version: 1, ValidFrom: g.at, Status: bal.StatusValid,
		Action: &bal.Action{Type: action, Responsible: g.cfg.Kommunkod, Performer: g.organisation, Time: g.at},
	}
}

// toTM converts a local-zone position to SWEREF 99 TM.
func (g *generator) toTM(e, n float64) (float64, float64) {
	x, y, err := geometry.TransformXY(g.zone, geometry.SWEREF99TM, e, n)
	if err != nil {
		// The grid lies well inside the zone's area of use; this cannot
		// happen for a configuration withDefaults accepted.
		panic(fmt.Sprintf("gen: transform: %v", err))
	}
	return round3(x), round3(y)
}

func round3(v float64) float64 { return math.Round(v*1000) / 1000 }

// rect returns a closed ring of the rectangle in local coordinates, in SWEREF
// 99 TM, counter-clockwise, with height z when z is not NaN.
func (g *generator) rect(e0, n0, e1, n1, z float64) []float64 {
	corners := [][2]float64{{e0, n0}, {e1, n0}, {e1, n1}, {e0, n1}, {e0, n0}}
	stride := 2
	if !math.IsNaN(z) {
		stride = 3
	}
	flat := make([]float64, 0, len(corners)*stride)
	for _, c := range corners {
		x, y := g.toTM(c[0], c[1])
		flat = append(flat, x, y)
		if stride == 3 {
			flat = append(flat, z)
		}
	}
	return flat
}

func (g *generator) point(e, n float64) *geom.Point {
	x, y := g.toTM(e, n)
	return geom.NewPointFlat(geom.XY, []float64{x, y}).SetSRID(geometry.SWEREF99TM)
}

func ptr[T any](v T) *T { return &v }

// run lays out districts until enough buildings exist.
func (g *generator) run() error {
	districts := (g.cfg.Buildings + districtTarget - 1) / districtTarget
	if districts > len(districtRoots)*len(districtEndings) {
		return fmt.Errorf("gen: too many districts")
	}
	names := g.permutation(len(districtRoots) * len(districtEndings))
	side := int(math.Ceil(math.Sqrt(float64(districts))))
	perDistrict := (g.cfg.Buildings + districts - 1) / districts
	for i := 0; i < districts; i++ {
		// The trakt of the district's property designations is its name; a
		// municipality with a single kommundel gives it its own name.
		k := names[i]
		trakt := districtRoots[k/len(districtEndings)] + districtEndings[k%len(districtEndings)]
		name := trakt
		if districts == 1 {
			name = g.cfg.Kommunnamn
		}
		want := min(perDistrict, g.cfg.Buildings-len(g.d.Buildings))
		// Each district is a block of columns of streets; see the layout
		// constants.
		e0 := g.originE + float64(i%side)*districtWidth
		n0 := g.originN + float64(i/side)*districtHeight
		g.district(name, trakt, want, e0, n0)
	}
	g.deficiencies()
	g.cases()
	return nil
}

// permutation returns 0..n-1 in a seeded order.
func (g *generator) permutation(n int) []int {
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	g.rng.Shuffle(n, func(i, j int) { p[i], p[j] = p[j], p[i] })
	return p
}

// street is one address area being laid out.
type street struct {
	area      *address.Area
	courtyard *address.CourtyardArea
	block     int
	nextOdd   int
	nextEven  int
	metre     int
}

func (g *generator) district(name, trakt string, want int, e0, n0 float64) {
	kd := &address.District{
		Meta: g.meta(address.ActionMigrated), Name: name,
		Municipality: address.Municipality{Code: bal.MunicipalityCode(g.cfg.Kommunkod), Name: g.cfg.Kommunnamn},
	}
	g.d.Districts = append(g.d.Districts, kd)

	height := 15 + float64(g.rng.IntN(400))/10 // ground level, RH 2000
	postnummer := 80000 + 10*(len(g.d.Districts)%1000)
	streetNames := g.permutation(len(streetPrefixes) * len(streetSuffixes))
	villages := g.permutation(len(districtRoots) * len(districtEndings))
	built := 0
	for s := 0; built < want; s++ {
		col, row := s/streetsPerCol, s%streetsPerCol
		se := e0 + float64(col)*columnSpacing
		sn := n0 + float64(row)*streetSpacing
		st := g.newStreet(kd, s, streetNames[s%len(streetNames)], villages[s%len(villages)])
		for p := 0; p < 2*plotsPerSide && built < want; p++ {
			north := p%2 == 1
			pe := se + float64(p/2)*plotWidth
			// Plots north of the road face south and vice versa.
			pn := sn
			if north {
				pn = sn + plotDepth + roadWidth
			}
			built += g.plot(st, trakt, pe, pn, north, math.Round(height*10+float64(g.rng.IntN(20)))/10, postnummer, want-built)
		}
	}
}

func (g *generator) newStreet(kd *address.District, index, nameIndex, villageIndex int) *street {
	st := &street{block: index + 1, nextOdd: 1, nextEven: 2, metre: 100}
	roll := g.rng.IntN(100)
	var name string
	var kind address.AreaType
	switch {
	case roll < 85:
		kind = address.AreaTypeStreet
		name = streetPrefixes[nameIndex/len(streetSuffixes)] + streetSuffixes[nameIndex%len(streetSuffixes)]
	case roll < 95:
		kind = address.AreaTypeVillage
		name = districtRoots[villageIndex/len(districtEndings)] + districtEndings[villageIndex%len(districtEndings)]
	default:
		kind = address.AreaTypeMetre
		name = "Väg " + strconv.Itoa(100+index)
	}
	st.area = &address.Area{
		Meta: g.meta(address.ActionMigrated), Name: name, Type: kind,
		District: address.DistrictRef{ID: kd.ID},
	}
	g.d.Areas = append(g.d.Areas, st.area)
	if kind == address.AreaTypeVillage {
		st.courtyard = &address.CourtyardArea{
			Meta: g.meta(address.ActionMigrated),
			Name: courtyardPrefixes[g.rng.IntN(len(courtyardPrefixes))] + "gården",
			Area: address.AreaRef{ID: st.area.ID},
		}
		g.d.CourtyardAreas = append(g.d.CourtyardAreas, st.courtyard)
	}
	return st
}

// plot lays out one property with its buildings and returns how many
// buildings it made. (pe, pn) is the plot's south-west corner; north says
// whether it lies north of the road (its front is then its south side).
func (g *generator) plot(st *street, trakt string, pe, pn float64, north bool, z float64, postnummer, room int) int {
	re := &Property{
		PropertyRef: bal.PropertyRef{ID: g.uuid(), Type: bal.PropertyTypeProperty},
		Tract:       trakt, Block: st.block, Municipality: bal.MunicipalityCode(g.cfg.Kommunkod),
	}
	re.Unit = len(g.d.Properties)%997 + 1
	re.Designation = fmt.Sprintf("%s %s %d:%d", g.cfg.Kommunnamn, trakt, re.Block, re.Unit)
	re.Area = geom.NewPolygonFlat(geom.XY, g.rect(pe, pn, pe+plotWidth, pn+plotDepth, math.NaN()), []int{10}).SetSRID(geometry.SWEREF99TM)
	g.d.Properties = append(g.d.Properties, re)

	// The front strip of the plot faces the road.
	frontN, backN, entranceN := pn+4, pn+22, pn+4
	if north {
		frontN, backN, entranceN = pn+20, pn+4, pn+32
	}
	roll := g.rng.IntN(100)
	switch {
	case roll < 15 && room >= 1:
		g.apartmentBlock(st, re, pe, frontN, entranceN, north, z, postnummer)
		return 1
	case roll < 25 && room >= 1:
		g.terrace(st, re, pe, frontN, entranceN, north, z, postnummer)
		return 1
	case roll < 30 && room >= 1:
		g.publicBuilding(st, re, pe, frontN, entranceN, north, z, postnummer)
		return 1
	}
	g.house(st, re, pe, frontN, entranceN, north, z, postnummer)
	if room >= 2 && g.rng.IntN(2) == 0 {
		g.garage(re, pe, backN, z)
		return 2
	}
	return 1
}

// building makes a building on re with one part of width w and depth d at
// (e, n) in the local zone.
func (g *generator) building(re *Property, e, n, w, d, z float64, main bool, purposes ...building.Purpose) *building.Building {
	b := &building.Building{
		Meta:             g.meta(building.ActionExisting),
		HouseNumber:      1,
		ConstructionYear: 1900 + g.rng.IntN(124),
		// The four yes/no attributes are written out, false included.
		ExemptFromAddressing: !main, MainBuilding: main,
		Purposes: purposes,
		Parts: []building.Part{{
			Placement: building.PlacementRoofEdge,
			Surface:   geom.NewPolygonFlat(geom.XYZ, g.rect(e, n, e+w, n+d, z), []int{15}).SetSRID(5845),
			PlanAccuracy: &building.Accuracy{Method: building.EvaluationIndirect, Statistic: building.StatisticStandardError,
				Value: ptr(0.2), Unit: building.UnitMetre},
			HeightAccuracy: &building.Accuracy{Method: building.EvaluationIndirect, Statistic: building.StatisticStandardError,
				Value: ptr(0.6), Unit: building.UnitMetre},
		}},
		LiesOn: []bal.PropertyRef{{ID: re.ID}},
	}
	if !main {
		b.HouseNumber = 2
	}
	if g.rng.IntN(4) == 0 {
		b.ExtensionYear = b.ConstructionYear + 1 + g.rng.IntN(2024-b.ConstructionYear)
	}
	g.d.Buildings = append(g.d.Buildings, b)
	return b
}

func purpose(category building.Category, use building.Use, area *float64) building.Purpose {
	return building.Purpose{Category: category, Use: use, Main: true, TotalLivingArea: area}
}

// address makes the next address point of st at (e, n) on re. letter is
// the bokstavstillägg ("" for none).
func (g *generator) address(st *street, re *Property, e, n float64, north bool, letter string, postnummer int, number int) *address.Point {
	p := &address.Point{
		Meta:          g.meta(address.ActionMigrated),
		Designation:   address.Designation{Number: strconv.Itoa(number), Letter: letter},
		Placement:     address.PlacementEntrance,
		Position:      g.point(e, n),
		AddressStatus: address.StatusValid,
		PostalCode:    strconv.Itoa(postnummer),
		PostTown:      g.cfg.Kommunnamn,
		Property:      &bal.PropertyRef{ID: re.ID},
	}
	switch st.area.Type {
	case address.AreaTypeStreet:
		p.Type = address.PointTypeStreet
		p.Area = &address.AreaRef{ID: st.area.ID}
	case address.AreaTypeMetre:
		p.Type = address.PointTypeMetre
		side := 1
		if north {
			side = 2
		}
		p.Designation.Number = fmt.Sprintf("%d-%d", number, side)
		p.Area = &address.AreaRef{ID: st.area.ID}
	default:
		if st.courtyard != nil && number == 1 && letter == "" {
			// The first place of a village is its farmstead.
			p.Type = address.PointTypeCourtyard
			p.CourtyardArea = &address.CourtyardAreaRef{ID: st.courtyard.ID}
		} else {
			p.Type = address.PointTypeVillage
			p.Area = &address.AreaRef{ID: st.area.ID}
		}
	}
	g.d.Points = append(g.d.Points, p)
	return p
}

// nextNumber returns the next adressplatsnummer on the side of the street:
// odd numbers on the south side, even on the north, as Swedish streets are
// numbered; metre numbers grow with the distance along the road.
func (st *street) nextNumber(north bool) int {
	if st.area.Type == address.AreaTypeMetre {
		st.metre += 40
		return st.metre
	}
	if north {
		st.nextEven += 2
		return st.nextEven - 2
	}
	st.nextOdd += 2
	return st.nextOdd - 2
}

func (g *generator) entrance(b *building.Building, p *address.Point, typ building.EntranceType, lift building.YesNo) *building.Entrance {
	e := &building.Entrance{
		Meta: g.meta(building.ActionNewEntrance), Type: typ, Elevator: lift,
		BuildingID: b.ID, Address: &building.AddressRef{ID: p.ID},
	}
	g.d.Entrances = append(g.d.Entrances, e)
	return e
}

func (g *generator) apartment(e *building.Entrance, number string, rooms int, area float64) {
	a := &building.Apartment{
		Meta: g.meta(building.ActionExistingApartment), Number: number,
		Rooms: ptr(rooms), LivingArea: ptr(area), Kitchen: building.KitchenFull, SharedKitchen: building.No,
		Collection: building.CollectionRegister,
		EntranceID: e.ID,
	}
	if number != "" {
		// A date (beslutsdatum), as the model reads one: midnight UTC.
		y, m, day := g.cfg.Time.AddDate(-1, 0, 0).Date()
		a.NumberDecided = time.Date(y, m, day, 0, 0, 0, 0, time.UTC)
	}
	g.d.Apartments = append(g.d.Apartments, a)
}

func (g *generator) house(st *street, re *Property, pe, frontN, entranceN float64, north bool, z float64, postnummer int) {
	area := float64(90 + g.rng.IntN(110))
	b := g.building(re, pe+6, frontN, 12, 12, z, true, purpose(building.CategoryResidential, building.UseDetachedHouse, ptr(area)))
	p := g.address(st, re, pe+12, entranceN, north, "", postnummer, st.nextNumber(north))
	e := g.entrance(b, p, building.EntranceResidential, building.No)
	g.apartment(e, "", 3+g.rng.IntN(4), area)
}

func (g *generator) garage(re *Property, pe, backN, z float64) {
	g.building(re, pe+14, backN, 6, 8, z, false, purpose(building.CategoryAncillary, "Garage", nil))
}

func (g *generator) terrace(st *street, re *Property, pe, frontN, entranceN float64, north bool, z float64, postnummer int) {
	units := 3 + g.rng.IntN(2)
	unitArea := float64(85 + g.rng.IntN(40))
	b := g.building(re, pe+1, frontN, 22, 11, z, true, purpose(building.CategoryResidential, building.UseTerracedHouse, ptr(unitArea*float64(units))))
	number := st.nextNumber(north)
	for u := 0; u < units; u++ {
		p := g.address(st, re, pe+1+22*(float64(u)+0.5)/float64(units), entranceN, north, string(rune('A'+u)), postnummer, number)
		e := g.entrance(b, p, building.EntranceResidential, building.No)
		g.apartment(e, "", 4, unitArea)
	}
}

func (g *generator) apartmentBlock(st *street, re *Property, pe, frontN, entranceN float64, north bool, z float64, postnummer int) {
	entrances := 2 + g.rng.IntN(2)
	floors := 3 + g.rng.IntN(3)
	doors := 2 + g.rng.IntN(2)
	var total float64
	sizes := make([]float64, doors)
	for i := range sizes {
		sizes[i] = float64(45 + g.rng.IntN(50))
		total += sizes[i]
	}
	total *= float64(entrances * floors)
	b := g.building(re, pe+1, frontN, 22, 12, z, true, purpose(building.CategoryResidential, building.UseApartmentBlock, ptr(total)))
	number := st.nextNumber(north)
	lift := building.No
	if floors > 3 {
		lift = building.Yes
	}
	for u := 0; u < entrances; u++ {
		p := g.address(st, re, pe+1+22*(float64(u)+0.5)/float64(entrances), entranceN, north, string(rune('A'+u)), postnummer, number)
		e := g.entrance(b, p, building.EntranceResidentialApartments, lift)
		for f := 0; f < floors; f++ {
			for d := 0; d < doors; d++ {
				g.apartment(e, fmt.Sprintf("%02d%02d", 10+f, d+1), 1+int(sizes[d]/30), sizes[d])
			}
		}
	}
}

func (g *generator) publicBuilding(st *street, re *Property, pe, frontN, entranceN float64, north bool, z float64, postnummer int) {
	uses := []building.Use{building.UseSchool, building.UseCareCentre, building.UseFireStation, building.UseSportsHall,
		building.UseCulturalBuilding, building.UseTownHall}
	b := g.building(re, pe+2, frontN, 20, 12, z, true, purpose(building.CategoryPublic, uses[g.rng.IntN(len(uses))], nil))
	p := g.address(st, re, pe+12, entranceN, north, "", postnummer, st.nextNumber(north))
	g.entrance(b, p, building.EntranceVisitor, building.Yes)
}

// deficiencies raises one open deficiency per 50 buildings.
func (g *generator) deficiencies() {
	n := max(2, len(g.d.Buildings)/50)
	for i := 0; i < n; i++ {
		var ref bal.ObjectRef
		var typ deficiency.Type
		var text string
		var property bal.ObjectID
		switch i % 3 {
		case 0:
			b := g.d.Buildings[g.rng.IntN(len(g.d.Buildings))]
			ref = bal.ObjectRef{Type: bal.ObjectTypeBuilding, ID: b.ID}
			typ, text, property = deficiency.TypeBuildingWithoutAddress, "Byggnaden saknar entré med belägenhetsadress.", b.LiesOn[0].ID
		case 1:
			p := g.d.Points[g.rng.IntN(len(g.d.Points))]
			ref = bal.ObjectRef{Type: bal.ObjectTypeAddressPoint, ID: p.ID}
			typ, text, property = deficiency.TypeAddressOutsideProperty, "Adressplatsen ligger nära gränsen mot grannfastigheten.", p.Property.ID
		default:
			b := g.d.Buildings[g.rng.IntN(len(g.d.Buildings))]
			ref = bal.ObjectRef{Type: bal.ObjectTypeBuilding, ID: b.ID}
			typ, text, property = deficiency.TypeGeometryMissing, "Byggnaden har schablongeometri; inmätt geometri saknas.", b.LiesOn[0].ID
		}
		g.d.Deficiencies = append(g.d.Deficiencies, &deficiency.Deficiency{
			ID: g.uuid(), Version: 1, Type: typ, Status: deficiency.StatusOpen,
			Description: text, Municipality: bal.MunicipalityCode(g.cfg.Kommunkod),
			Property: &bal.PropertyRef{ID: property, Designation: g.designationOf(property)},
			Object:   &ref, Created: g.at, Changed: g.at,
		})
	}
}

func (g *generator) designationOf(id bal.ObjectID) string {
	if g.designations == nil {
		g.designations = make(map[bal.ObjectID]string, len(g.d.Properties))
		for _, r := range g.d.Properties {
			g.designations[r.ID] = r.Designation
		}
	}
	return g.designations[id]
}

// cases raises one case per 200 buildings.
func (g *generator) cases() {
	n := max(1, len(g.d.Buildings)/200)
	for i := 0; i < n; i++ {
		b := g.d.Buildings[g.rng.IntN(len(g.d.Buildings))]
		re := b.LiesOn[0].ID
		typ, text := casefile.TypePropertyFormation, "Avstyckning har registrerats; kontrollera byggnadens registerenhet."
		if i%2 == 1 {
			typ, text = casefile.TypeQuality, "Lantmäteriet har sett en avvikelse mellan byggnad och flygbild."
		}
		g.d.Cases = append(g.d.Cases, &casefile.Case{
			ID: g.uuid(), Version: 1,
			Number: fmt.Sprintf("AB%06d", 100000+g.rng.IntN(900000)),
			Type:   typ, Status: casefile.StatusReceived, Description: text, Municipality: bal.MunicipalityCode(g.cfg.Kommunkod),
			Properties: []bal.PropertyRef{{ID: re, Designation: g.designationOf(re)}},
			Objects:    []bal.ObjectRef{{Type: bal.ObjectTypeBuilding, ID: b.ID}},
			Created:    g.at, Changed: g.at,
		})
	}
}
