package gen

import (
	"encoding/hex"
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/geometry"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
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

// Registerenhet is a property (fastighet) as Registerbeteckning Direkt
// knows it: identity, designation and area.
type Registerenhet struct {
	// Objektidentitet is the registerenhet's identity.
	Objektidentitet string
	// Beteckning is the designation: kommunnamn, trakt, block:enhet, e.g.
	// "Exempelby Backa 1:23".
	Beteckning string
	// Trakt is the trakt (district name) of the designation.
	Trakt string
	// Block and Enhet are the numbers of the designation.
	Block, Enhet int
	// Typ is the registerenhetstyp, "Fastighet".
	Typ string
	// Kommunkod is the municipality it lies in.
	Kommunkod string
	// Omrade is the property's area in SWEREF 99 TM (3006).
	Omrade *geom.Polygon
}

// Dataset is a generated municipality. The slices are in generation order.
type Dataset struct {
	// Config is the configuration with its defaults filled in.
	Config Config
	// Kommun is the municipality.
	Kommun update1.Kommun
	// Center is the municipality's centre in SWEREF 99 TM (3006), E and N.
	Center [2]float64

	// Registerenheter are the properties, one per plot.
	Registerenheter []*Registerenhet
	// Kommundelar are the districts (kommundelar).
	Kommundelar []*update1.Kommundel
	// Adressomraden are the street, village and metre-distance areas.
	Adressomraden []*update1.Adressomrade
	// Gardsadressomraden are the courtyard areas, one per village.
	Gardsadressomraden []*update1.Gardsadressomrade
	// Adressplatser are the address points, one per entrance.
	Adressplatser []*update1.Adressplats
	// Byggnader are the buildings.
	Byggnader []*update1.Byggnad
	// Entreer are the entrances (entréer).
	Entreer []*update1.Entre
	// Lagenheter are the apartments (lägenheter).
	Lagenheter []*update1.Lagenhet
	// Brister are the open deficiencies Lantmäteriet has raised.
	Brister []*update1.Brist
	// Arenden are the cases (ärenden) Lantmäteriet has raised.
	Arenden []*update1.Arende
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
	at               update1.Tidpunkt
	organisation     string
	// designations maps registerenhet ids to designations, built once for
	// the deficiencies and cases (it is only read, never iterated).
	designations map[string]string
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
		at:           update1.NewTidpunkt(cfg.Time),
		organisation: cfg.Kommunnamn + " kommun",
	}
	g.d = &Dataset{Config: cfg, Kommun: update1.Kommun{Kommunkod: cfg.Kommunkod, Kommunnamn: cfg.Kommunnamn}}
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
func (g *generator) uuid() string {
	var b [16]byte
	for i := 0; i < 16; i += 8 {
		v := g.rng.Uint64()
		for j := 0; j < 8; j++ {
			b[i+j] = byte(v >> (8 * j))
		}
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	var s [36]byte
	hex.Encode(s[0:8], b[0:4])
	s[8] = '-'
	hex.Encode(s[9:13], b[4:6])
	s[13] = '-'
	hex.Encode(s[14:18], b[6:8])
	s[18] = '-'
	hex.Encode(s[19:23], b[8:10])
	s[23] = '-'
	hex.Encode(s[24:], b[10:])
	return string(s[:])
}

func (g *generator) meta(status string) update1.Utbytesobjekt {
	return update1.Utbytesobjekt{Objektidentitet: g.uuid(), Objektversion: 1, VersionGiltigFran: g.at, Objektstatus: status}
}

func (g *generator) action(typ string) *update1.Verksamhetsatgard {
	return &update1.Verksamhetsatgard{
		Atgardstyp: typ, AnsvarigOrganisation: g.cfg.Kommunkod,
		UtforandeOrganisation: g.organisation, Atgardstidpunkt: g.at,
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
		want := min(perDistrict, g.cfg.Buildings-len(g.d.Byggnader))
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
	area      *update1.Adressomrade
	courtyard *update1.Gardsadressomrade
	kind      string // adressomradestyp
	block     int
	nextOdd   int
	nextEven  int
	metre     int
}

func (g *generator) district(name, trakt string, want int, e0, n0 float64) {
	kd := &update1.Kommundel{
		Utbytesobjekt: g.meta("Gällande"), FaststalltNamn: name,
		Kommun: update1.Kommun{Kommunkod: g.cfg.Kommunkod, Kommunnamn: g.cfg.Kommunnamn},
	}
	kd.Verksamhetsatgard = g.action("Migrerat objekt")
	g.d.Kommundelar = append(g.d.Kommundelar, kd)

	height := 15 + float64(g.rng.IntN(400))/10 // ground level, RH 2000
	postnummer := 80000 + 10*(len(g.d.Kommundelar)%1000)
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

func (g *generator) newStreet(kd *update1.Kommundel, index, nameIndex, villageIndex int) *street {
	st := &street{block: index + 1, nextOdd: 1, nextEven: 2, metre: 100}
	roll := g.rng.IntN(100)
	var name string
	switch {
	case roll < 85:
		st.kind = "Gatuadressområde"
		name = streetPrefixes[nameIndex/len(streetSuffixes)] + streetSuffixes[nameIndex%len(streetSuffixes)]
	case roll < 95:
		st.kind = "Byadressområde"
		name = districtRoots[villageIndex/len(districtEndings)] + districtEndings[villageIndex%len(districtEndings)]
	default:
		st.kind = "Metertalsadressområde"
		name = "Väg " + strconv.Itoa(100+index)
	}
	st.area = &update1.Adressomrade{
		Utbytesobjekt: g.meta("Gällande"), FaststalltNamn: name, Adressomradestyp: st.kind,
		Kommundel: update1.Referens{Objektidentitet: kd.Objektidentitet},
	}
	st.area.Verksamhetsatgard = g.action("Migrerat objekt")
	g.d.Adressomraden = append(g.d.Adressomraden, st.area)
	if st.kind == "Byadressområde" {
		st.courtyard = &update1.Gardsadressomrade{
			Utbytesobjekt:  g.meta("Gällande"),
			FaststalltNamn: courtyardPrefixes[g.rng.IntN(len(courtyardPrefixes))] + "gården",
			Adressomrade:   update1.Referens{Objektidentitet: st.area.Objektidentitet},
		}
		st.courtyard.Verksamhetsatgard = g.action("Migrerat objekt")
		g.d.Gardsadressomraden = append(g.d.Gardsadressomraden, st.courtyard)
	}
	return st
}

// plot lays out one property with its buildings and returns how many
// buildings it made. (pe, pn) is the plot's south-west corner; north says
// whether it lies north of the road (its front is then its south side).
func (g *generator) plot(st *street, trakt string, pe, pn float64, north bool, z float64, postnummer, room int) int {
	re := &Registerenhet{
		Objektidentitet: g.uuid(), Trakt: trakt, Block: st.block, Typ: "Fastighet", Kommunkod: g.cfg.Kommunkod,
	}
	re.Enhet = len(g.d.Registerenheter)%997 + 1
	re.Beteckning = fmt.Sprintf("%s %s %d:%d", g.cfg.Kommunnamn, trakt, re.Block, re.Enhet)
	re.Omrade = geom.NewPolygonFlat(geom.XY, g.rect(pe, pn, pe+plotWidth, pn+plotDepth, math.NaN()), []int{10}).SetSRID(geometry.SWEREF99TM)
	g.d.Registerenheter = append(g.d.Registerenheter, re)

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
func (g *generator) building(re *Registerenhet, e, n, w, d, z float64, main bool, purposes ...update1.Byggnadsandamal) *update1.Byggnad {
	b := &update1.Byggnad{
		Utbytesobjekt: g.meta("Gällande"),
		Byggnadsattribut: update1.Byggnadsattribut{
			Husnummer: 1, Nybyggnadsar: 1900 + g.rng.IntN(124),
			UndantagenFranAdressattning: ptr(!main), Huvudbyggnad: ptr(main),
			OfriGrund: ptr(false), Byggnadsservitut: ptr(false),
		},
		Byggnadsandamal: purposes,
		Byggnadsdel: []update1.Byggnadsdel{{
			Insamlingslage: "Takkant",
			Byggnadsyta: update1.Geometri{Geometry: geom.NewPolygonFlat(geom.XYZ, g.rect(e, n, e+w, n+d, z), []int{15}).
				SetSRID(5845)},
			LagesnoggrannhetPlan: &update1.Lagesnoggrannhet{Utvarderingsmetod: "Indirekt mätmetod", StatistiskMetod: "medelfel", Varde: ptr(0.2), Vardeenhet: "meter"},
			LagesnoggrannhetHojd: &update1.Lagesnoggrannhet{Utvarderingsmetod: "Indirekt mätmetod", StatistiskMetod: "medelfel", Varde: ptr(0.6), Vardeenhet: "meter"},
		}},
		LiggerPa: update1.Registerenheter{{Objektidentitet: re.Objektidentitet}},
	}
	if !main {
		b.Byggnadsattribut.Husnummer = 2
	}
	if g.rng.IntN(4) == 0 {
		b.Byggnadsattribut.Tillbyggnadsar = b.Byggnadsattribut.Nybyggnadsar + 1 + g.rng.IntN(2024-b.Byggnadsattribut.Nybyggnadsar)
	}
	b.Verksamhetsatgard = g.action("Befintlig byggnad")
	g.d.Byggnader = append(g.d.Byggnader, b)
	return b
}

func purpose(category, use string, area *float64) update1.Byggnadsandamal {
	return update1.Byggnadsandamal{Kategori: category, Andamal: use, Huvudandamal: ptr(true), TotalBoarea: area}
}

// address makes the next address point of st at (e, n) on re. letter is
// the bokstavstillägg ("" for none).
func (g *generator) address(st *street, re *Registerenhet, e, n float64, north bool, letter string, postnummer int, number int) *update1.Adressplats {
	p := &update1.Adressplats{
		Utbytesobjekt: g.meta("Gällande"),
		Adressplatsattribut: update1.Adressplatsattribut{
			Adressplatsbeteckning: update1.Adressplatsbeteckning{Adressplatsnummer: strconv.Itoa(number), Bokstavstillagg: letter},
			Insamlingslage:        "Ingång",
			Adressplatspunkt:      update1.Geometri{Geometry: g.point(e, n)},
			Status:                "Gällande",
			Postnummer:            strconv.Itoa(postnummer),
			Postort:               g.cfg.Kommunnamn,
		},
		Registerenhetsreferens: &update1.Registerenhetsreferens{Objektidentitet: re.Objektidentitet},
	}
	switch st.kind {
	case "Gatuadressområde":
		p.Adressplatsattribut.Adressplatstyp = "Gatuadressplats"
		p.Adressomrade = &update1.Referens{Objektidentitet: st.area.Objektidentitet}
	case "Metertalsadressområde":
		p.Adressplatsattribut.Adressplatstyp = "Metertalsadressplats"
		side := 1
		if north {
			side = 2
		}
		p.Adressplatsattribut.Adressplatsbeteckning.Adressplatsnummer = fmt.Sprintf("%d-%d", number, side)
		p.Adressomrade = &update1.Referens{Objektidentitet: st.area.Objektidentitet}
	default:
		if st.courtyard != nil && number == 1 && letter == "" {
			// The first place of a village is its farmstead.
			p.Adressplatsattribut.Adressplatstyp = "Gårdsadressplats"
			p.Gardsadressomrade = &update1.Referens{Objektidentitet: st.courtyard.Objektidentitet}
		} else {
			p.Adressplatsattribut.Adressplatstyp = "Byadressplats"
			p.Adressomrade = &update1.Referens{Objektidentitet: st.area.Objektidentitet}
		}
	}
	p.Verksamhetsatgard = g.action("Migrerat objekt")
	g.d.Adressplatser = append(g.d.Adressplatser, p)
	return p
}

// nextNumber returns the next adressplatsnummer on the side of the street:
// odd numbers on the south side, even on the north, as Swedish streets are
// numbered; metre numbers grow with the distance along the road.
func (st *street) nextNumber(north bool) int {
	if st.kind == "Metertalsadressområde" {
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

func (g *generator) entrance(b *update1.Byggnad, p *update1.Adressplats, typ string, lift string) *update1.Entre {
	e := &update1.Entre{
		Utbytesobjekt: g.meta("Gällande"), Entretyp: typ, Hiss: lift,
		Byggnad:     update1.Referens{Objektidentitet: b.Objektidentitet},
		Adressplats: &update1.Referens{Objektidentitet: p.Objektidentitet},
	}
	e.Verksamhetsatgard = g.action("Ny entré")
	g.d.Entreer = append(g.d.Entreer, e)
	return e
}

func (g *generator) apartment(e *update1.Entre, number string, rooms int, area float64) {
	a := &update1.Lagenhet{
		Utbytesobjekt: g.meta("Gällande"), Lagenhetsnummer: number,
		AntalRum: ptr(rooms), Bostadsarea: ptr(area), Kokstyp: "Kök", GemensamtKok: "Nej",
		Insamlingssatt: "Uppläggning från register",
		Entre:          update1.Referens{Objektidentitet: e.Objektidentitet},
	}
	if number != "" {
		a.BeslutsdatumLagenhetsnummer = update1.NewDatum(g.cfg.Time.AddDate(-1, 0, 0))
	}
	a.Verksamhetsatgard = g.action("Befintlig lägenhet")
	g.d.Lagenheter = append(g.d.Lagenheter, a)
}

func (g *generator) house(st *street, re *Registerenhet, pe, frontN, entranceN float64, north bool, z float64, postnummer int) {
	area := float64(90 + g.rng.IntN(110))
	b := g.building(re, pe+6, frontN, 12, 12, z, true, purpose("Bostad", "Småhus friliggande", ptr(area)))
	p := g.address(st, re, pe+12, entranceN, north, "", postnummer, st.nextNumber(north))
	e := g.entrance(b, p, "Bostadsadress", "Nej")
	g.apartment(e, "", 3+g.rng.IntN(4), area)
}

func (g *generator) garage(re *Registerenhet, pe, backN, z float64) {
	g.building(re, pe+14, backN, 6, 8, z, false, purpose("Komplementbyggnad", "Garage", nil))
}

func (g *generator) terrace(st *street, re *Registerenhet, pe, frontN, entranceN float64, north bool, z float64, postnummer int) {
	units := 3 + g.rng.IntN(2)
	unitArea := float64(85 + g.rng.IntN(40))
	b := g.building(re, pe+1, frontN, 22, 11, z, true, purpose("Bostad", "Småhus radhus", ptr(unitArea*float64(units))))
	number := st.nextNumber(north)
	for u := 0; u < units; u++ {
		p := g.address(st, re, pe+1+22*(float64(u)+0.5)/float64(units), entranceN, north, string(rune('A'+u)), postnummer, number)
		e := g.entrance(b, p, "Bostadsadress", "Nej")
		g.apartment(e, "", 4, unitArea)
	}
}

func (g *generator) apartmentBlock(st *street, re *Registerenhet, pe, frontN, entranceN float64, north bool, z float64, postnummer int) {
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
	b := g.building(re, pe+1, frontN, 22, 12, z, true, purpose("Bostad", "Flerfamiljshus", ptr(total)))
	number := st.nextNumber(north)
	lift := "Nej"
	if floors > 3 {
		lift = "Ja"
	}
	for u := 0; u < entrances; u++ {
		p := g.address(st, re, pe+1+22*(float64(u)+0.5)/float64(entrances), entranceN, north, string(rune('A'+u)), postnummer, number)
		e := g.entrance(b, p, "Bostadsadress med registrerad lägenhet", lift)
		for f := 0; f < floors; f++ {
			for d := 0; d < doors; d++ {
				g.apartment(e, fmt.Sprintf("%02d%02d", 10+f, d+1), 1+int(sizes[d]/30), sizes[d])
			}
		}
	}
}

func (g *generator) publicBuilding(st *street, re *Registerenhet, pe, frontN, entranceN float64, north bool, z float64, postnummer int) {
	uses := []string{"Skola", "Vårdcentral", "Brandstation", "Sporthall", "Kulturbyggnad", "Kommunhus"}
	b := g.building(re, pe+2, frontN, 20, 12, z, true, purpose("Samhallsfunktion", uses[g.rng.IntN(len(uses))], nil))
	p := g.address(st, re, pe+12, entranceN, north, "", postnummer, st.nextNumber(north))
	g.entrance(b, p, "Besöksadress", "Ja")
}

// deficiencies raises one open deficiency per 50 buildings.
func (g *generator) deficiencies() {
	n := max(2, len(g.d.Byggnader)/50)
	for i := 0; i < n; i++ {
		var ref update1.Objektreferens
		var typ, text, property string
		switch i % 3 {
		case 0:
			b := g.d.Byggnader[g.rng.IntN(len(g.d.Byggnader))]
			ref = update1.Objektreferens{Objekttyp: update1.TypByggnad, Objektidentitet: b.Objektidentitet}
			typ, text, property = "Byggnad saknar adress", "Byggnaden saknar entré med belägenhetsadress.", b.LiggerPa[0].Objektidentitet
		case 1:
			p := g.d.Adressplatser[g.rng.IntN(len(g.d.Adressplatser))]
			ref = update1.Objektreferens{Objekttyp: update1.TypAdressplats, Objektidentitet: p.Objektidentitet}
			typ, text, property = "Adressplats utanför registerenhet", "Adressplatsen ligger nära gränsen mot grannfastigheten.", p.Registerenhetsreferens.Objektidentitet
		default:
			b := g.d.Byggnader[g.rng.IntN(len(g.d.Byggnader))]
			ref = update1.Objektreferens{Objekttyp: update1.TypByggnad, Objektidentitet: b.Objektidentitet}
			typ, text, property = "Geometri saknas", "Byggnaden har schablongeometri; inmätt geometri saknas.", b.LiggerPa[0].Objektidentitet
		}
		g.d.Brister = append(g.d.Brister, &update1.Brist{
			Objektidentitet: g.uuid(), Objektversion: 1, Bristtyp: typ, Status: update1.BristOppen,
			Beskrivning: text, Kommunkod: g.cfg.Kommunkod,
			Registerenhet: &update1.Registerenhetsreferens{Objektidentitet: property, Beteckning: g.designationOf(property)},
			Objekt:        &ref, Skapad: g.at, Andrad: g.at,
		})
	}
}

func (g *generator) designationOf(id string) string {
	if g.designations == nil {
		g.designations = make(map[string]string, len(g.d.Registerenheter))
		for _, r := range g.d.Registerenheter {
			g.designations[r.Objektidentitet] = r.Beteckning
		}
	}
	return g.designations[id]
}

// cases raises one case per 200 buildings.
func (g *generator) cases() {
	n := max(1, len(g.d.Byggnader)/200)
	for i := 0; i < n; i++ {
		b := g.d.Byggnader[g.rng.IntN(len(g.d.Byggnader))]
		re := b.LiggerPa[0].Objektidentitet
		typ, text := update1.ArendeFastighetsbildning, "Avstyckning har registrerats; kontrollera byggnadens registerenhet."
		if i%2 == 1 {
			typ, text = update1.ArendeKvalitet, "Lantmäteriet har sett en avvikelse mellan byggnad och flygbild."
		}
		g.d.Arenden = append(g.d.Arenden, &update1.Arende{
			Objektidentitet: g.uuid(), Objektversion: 1,
			Arendenummer: fmt.Sprintf("AB%06d", 100000+g.rng.IntN(900000)),
			Arendetyp:    typ, Status: update1.ArendeInkommen, Beskrivning: text, Kommunkod: g.cfg.Kommunkod,
			Registerenhet: []update1.Registerenhetsreferens{{Objektidentitet: re, Beteckning: g.designationOf(re)}},
			Objekt:        []update1.Objektreferens{{Objekttyp: update1.TypByggnad, Objektidentitet: b.Objektidentitet}},
			Skapad:        g.at, Andrad: g.at,
		})
	}
}
