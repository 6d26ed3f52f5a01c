package geometry

import (
	"fmt"
	"sort"
	"strings"
)

// EPSG codes of the coordinate reference systems this package knows.
const (
	// SWEREF99TM is SWEREF 99 TM, the national projection (EPSG:3006).
	SWEREF99TM = 3006

	// The twelve local SWEREF 99 zones. The EPSG codes are not in central-meridian order:
	// 3007–3011 are the five southern zones, 3012–3018 the seven northern ones.

	SWEREF99_1200 = 3007 // SWEREF 99 12 00
	SWEREF99_1330 = 3008 // SWEREF 99 13 30
	SWEREF99_1500 = 3009 // SWEREF 99 15 00
	SWEREF99_1630 = 3010 // SWEREF 99 16 30
	SWEREF99_1800 = 3011 // SWEREF 99 18 00
	SWEREF99_1415 = 3012 // SWEREF 99 14 15
	SWEREF99_1545 = 3013 // SWEREF 99 15 45
	SWEREF99_1715 = 3014 // SWEREF 99 17 15
	SWEREF99_1845 = 3015 // SWEREF 99 18 45
	SWEREF99_2015 = 3016 // SWEREF 99 20 15
	SWEREF99_2145 = 3017 // SWEREF 99 21 45
	SWEREF99_2315 = 3018 // SWEREF 99 23 15

	// SWEREF99Geographic is SWEREF 99 latitude/longitude on GRS 80 (EPSG:4619).
	SWEREF99Geographic = 4619

	// RT 90 zones as Lantmäteriet's direct projection from SWEREF 99 (GRS 80 with modified
	// parameters, EPSG "SWEREF99 / RT90 … emulation"). RT90_25gonV is the usual one.

	RT90_75gonV = 3845 // RT 90 7.5 gon V (direct projection)
	RT90_5gonV  = 3846 // RT 90 5 gon V (direct projection)
	RT90_25gonV = 3847 // RT 90 2.5 gon V (direct projection)
	RT90_0gon   = 3848 // RT 90 0 gon (direct projection)
	RT90_25gonO = 3849 // RT 90 2.5 gon O (direct projection)
	RT90_5gonO  = 3850 // RT 90 5 gon O (direct projection)

	// RH2000 is the vertical CRS RH 2000 height (EPSG:5613). It is not a CRS of its own in the
	// registry; it is the vertical half of the compound codes below.
	RH2000 = 5613

	// Compound CRSs: a SWEREF 99 projection plus RH 2000 heights, in the same order as 3006–3018.

	SWEREF99TM_RH2000    = 5845 // SWEREF 99 TM + RH 2000
	SWEREF99_1200_RH2000 = 5846 // SWEREF 99 12 00 + RH 2000
	SWEREF99_1330_RH2000 = 5847 // SWEREF 99 13 30 + RH 2000
	SWEREF99_1500_RH2000 = 5848 // SWEREF 99 15 00 + RH 2000
	SWEREF99_1630_RH2000 = 5849 // SWEREF 99 16 30 + RH 2000
	SWEREF99_1800_RH2000 = 5850 // SWEREF 99 18 00 + RH 2000
	SWEREF99_1415_RH2000 = 5851 // SWEREF 99 14 15 + RH 2000
	SWEREF99_1545_RH2000 = 5852 // SWEREF 99 15 45 + RH 2000
	SWEREF99_1715_RH2000 = 5853 // SWEREF 99 17 15 + RH 2000
	SWEREF99_1845_RH2000 = 5854 // SWEREF 99 18 45 + RH 2000
	SWEREF99_2015_RH2000 = 5855 // SWEREF 99 20 15 + RH 2000
	SWEREF99_2145_RH2000 = 5856 // SWEREF 99 21 45 + RH 2000
	SWEREF99_2315_RH2000 = 5857 // SWEREF 99 23 15 + RH 2000
)

// GRS 80, the ellipsoid of SWEREF 99 and of the RT 90 direct projection.
const (
	grs80A = 6378137.0
	grs80F = 1 / 298.257222101
)

// Kind tells what sort of coordinate reference system a CRS is.
type Kind int

// The kinds of CRS in the registry.
const (
	// Projected CRSs have grid coordinates in metres (northing, easting).
	Projected Kind = iota + 1
	// Geographic CRSs have latitude and longitude in degrees.
	Geographic
	// Compound CRSs are a projected CRS plus RH 2000 heights.
	Compound
)

// String returns the lower-case name of the kind.
func (k Kind) String() string {
	switch k {
	case Projected:
		return "projected"
	case Geographic:
		return "geographic"
	case Compound:
		return "compound"
	}
	return fmt.Sprintf("kind(%d)", int(k))
}

// LatLonBox is an area in SWEREF 99 latitude and longitude, in degrees.
type LatLonBox struct {
	South, West, North, East float64
}

// Contains reports whether (lat, lon) lies in the box widened by margin degrees on every side.
func (b LatLonBox) Contains(lat, lon, margin float64) bool {
	return lat >= b.South-margin && lat <= b.North+margin && lon >= b.West-margin && lon <= b.East+margin
}

// CRS describes one registered coordinate reference system. CRS values returned by this package
// are shared: treat them as read-only.
type CRS struct {
	Code       int                 // EPSG code
	Name       string              // Lantmäteriet spelling, e.g. "SWEREF 99 18 00"
	EPSGName   string              // EPSG spelling, e.g. "SWEREF99 18 00"
	Kind       Kind                // Projected, Geographic or Compound
	Horizontal int                 // horizontal EPSG code (== Code unless compound)
	Vertical   int                 // RH2000 (5613) for compound CRSs, else 0
	Projection *TransverseMercator // nil for geographic
	AreaOfUse  LatLonBox           // EPSG area of use in degrees

	series *tmSeries // precomputed Krüger series for Projection; nil for geographic
	// maxEasting bounds the easting of a valid coordinate; it is what tells swapped axes apart
	// (a value in the easting slot above 6 000 000 can only be a northing).
	maxEasting float64
}

// SRSName returns the OGC URN for the CRS, e.g. "urn:ogc:def:crs:EPSG::3006", the form
// Lantmäteriet writes in GML 3.2.
func (c *CRS) SRSName() string {
	return FormatSRSName(c.Code, URN)
}

// HasHeight reports whether coordinates in the CRS carry a height (compound CRSs).
func (c *CRS) HasHeight() bool { return c.Kind == Compound }

// String returns "EPSG:<code> <name>".
func (c *CRS) String() string { return fmt.Sprintf("EPSG:%d %s", c.Code, c.Name) }

// ToGeographic converts a coordinate of this CRS in go-geom order (x = easting, y = northing;
// x = longitude, y = latitude for 4619) to SWEREF 99 latitude and longitude in degrees. It is
// the per-point fast path: the projection constants were computed once, at registration.
func (c *CRS) ToGeographic(x, y float64) (lat, lon float64) { return c.toGeographic(x, y) }

// FromGeographic converts SWEREF 99 latitude and longitude in degrees to a coordinate of this
// CRS in go-geom order (x = easting, y = northing).
func (c *CRS) FromGeographic(lat, lon float64) (x, y float64) { return c.fromGeographic(lat, lon) }

// toGeographic converts go-geom x, y (easting, northing; or lon, lat) to latitude and longitude.
func (c *CRS) toGeographic(x, y float64) (lat, lon float64) {
	if c.series == nil {
		return y, x
	}
	return c.series.inverse(y, x)
}

// fromGeographic converts latitude and longitude to go-geom x, y in this CRS.
func (c *CRS) fromGeographic(lat, lon float64) (x, y float64) {
	if c.series == nil {
		return lon, lat
	}
	n, e := c.series.forward(lat, lon)
	return e, n
}

// sweden is EPSG's area of use of SWEREF 99 TM and SWEREF 99 geographic: Sweden on- and offshore.
var sweden = LatLonBox{South: 54.96, West: 10.03, North: 69.07, East: 24.17}

var (
	registry = map[int]*CRS{}
	byName   = map[string]*CRS{}
)

func init() {
	tm := TransverseMercator{SemiMajorAxis: grs80A, Flattening: grs80F, CentralMeridian: 15, Scale: 0.9996, FalseEasting: 500000}
	register(&CRS{Code: SWEREF99TM, Name: "SWEREF 99 TM", EPSGName: "SWEREF99 TM", Kind: Projected, Projection: &tm, AreaOfUse: sweden, maxEasting: 1100000})
	register(&CRS{Code: SWEREF99Geographic, Name: "SWEREF 99", EPSGName: "SWEREF99", Kind: Geographic, AreaOfUse: sweden})

	// Local zones: name, central meridian in exact degrees, EPSG area of use (geodesy.md §1.2).
	zones := []struct {
		code, compound int
		name           string
		lon0           float64
		area           LatLonBox
	}{
		{SWEREF99_1200, SWEREF99_1200_RH2000, "12 00", 12, LatLonBox{56.74, 10.93, 60.13, 13.11}},
		{SWEREF99_1330, SWEREF99_1330_RH2000, "13 30", 13.5, LatLonBox{55.28, 12.12, 62.28, 14.79}},
		{SWEREF99_1500, SWEREF99_1500_RH2000, "15 00", 15, LatLonBox{55.95, 13.54, 61.62, 16.15}},
		{SWEREF99_1630, SWEREF99_1630_RH2000, "16 30", 16.5, LatLonBox{56.15, 15.41, 62.26, 17.63}},
		{SWEREF99_1800, SWEREF99_1800_RH2000, "18 00", 18, LatLonBox{58.66, 17.08, 60.70, 19.61}},
		{SWEREF99_1415, SWEREF99_1415_RH2000, "14 15", 14.25, LatLonBox{61.55, 11.93, 64.39, 15.55}},
		{SWEREF99_1545, SWEREF99_1545_RH2000, "15 45", 15.75, LatLonBox{60.44, 13.66, 65.13, 17.01}},
		{SWEREF99_1715, SWEREF99_1715_RH2000, "17 15", 17.25, LatLonBox{62.12, 14.31, 67.19, 19.04}},
		{SWEREF99_1845, SWEREF99_1845_RH2000, "18 45", 18.75, LatLonBox{56.86, 17.18, 66.17, 20.22}},
		{SWEREF99_2015, SWEREF99_2015_RH2000, "20 15", 20.25, LatLonBox{63.45, 16.08, 69.07, 23.28}},
		{SWEREF99_2145, SWEREF99_2145_RH2000, "21 45", 21.75, LatLonBox{65.01, 19.63, 66.43, 22.91}},
		{SWEREF99_2315, SWEREF99_2315_RH2000, "23 15", 23.25, LatLonBox{65.49, 21.85, 68.14, 24.17}},
	}
	for _, z := range zones {
		p := TransverseMercator{SemiMajorAxis: grs80A, Flattening: grs80F, CentralMeridian: z.lon0, Scale: 1, FalseEasting: 150000}
		register(&CRS{Code: z.code, Name: "SWEREF 99 " + z.name, EPSGName: "SWEREF99 " + z.name, Kind: Projected, Projection: &p, AreaOfUse: z.area, maxEasting: 1100000})
	}
	// Compound CRSs share the horizontal CRS's projection and area of use.
	register(compoundOf(SWEREF99TM_RH2000, SWEREF99TM))
	for _, z := range zones {
		register(compoundOf(z.compound, z.code))
	}

	// RT 90 by Lantmäteriet's direct projection (geodesy.md §2.4). Central meridians are kept as
	// exact sums of degrees, minutes and seconds, as Lantmäteriet defines them. The spec gives
	// no per-zone EPSG area of use, so every zone gets Sweden's box: the wrong-zone check is
	// therefore looser for RT 90 than for SWEREF 99.
	rt90 := []struct {
		code       int
		name       string
		lon0, k0   float64
		fn, fe     float64
		epsgSuffix string
	}{
		{RT90_75gonV, "7.5 gon V", 11 + 18.375/60, 1.000006, -667.282, 1500025.141, "7.5 gon V"},
		{RT90_5gonV, "5 gon V", 13 + 33.376/60, 1.0000058, -667.130, 1500044.695, "5 gon V"},
		{RT90_25gonV, "2.5 gon V", 15 + 48.0/60 + 22.624306/3600, 1.00000561024, -667.711, 1500064.274, "2.5 gon V"},
		{RT90_0gon, "0 gon", 18 + 3.378/60, 1.0000054, -668.844, 1500083.521, "0 gon"},
		{RT90_25gonO, "2.5 gon O", 20 + 18.379/60, 1.0000052, -670.706, 1500102.765, "2.5 gon O"},
		{RT90_5gonO, "5 gon O", 22 + 33.380/60, 1.0000049, -672.557, 1500121.846, "5 gon O"},
	}
	for _, r := range rt90 {
		p := TransverseMercator{SemiMajorAxis: grs80A, Flattening: grs80F, CentralMeridian: r.lon0, Scale: r.k0, FalseNorthing: r.fn, FalseEasting: r.fe}
		c := &CRS{Code: r.code, Name: "RT 90 " + r.name, EPSGName: "SWEREF99 / RT90 " + r.epsgSuffix + " emulation", Kind: Projected, Projection: &p, AreaOfUse: sweden, maxEasting: 2100000}
		register(c)
		// "RT90 2.5 gon V" is how most people write it; it means this direct projection here.
		byName[normalizeName("RT90 "+r.name)] = c
	}
}

func compoundOf(code, horizontal int) *CRS {
	h := registry[horizontal]
	return &CRS{
		Code:       code,
		Name:       h.Name + " + RH 2000",
		EPSGName:   h.EPSGName + " + RH2000 height",
		Kind:       Compound,
		Horizontal: horizontal,
		Vertical:   RH2000,
		Projection: h.Projection,
		AreaOfUse:  h.AreaOfUse,
		series:     h.series,
		maxEasting: h.maxEasting,
	}
}

func register(c *CRS) {
	if c.Horizontal == 0 {
		c.Horizontal = c.Code
	}
	if c.Projection != nil && c.series == nil {
		c.series = newSeries(*c.Projection)
	}
	registry[c.Code] = c
	byName[normalizeName(c.Name)] = c
	byName[normalizeName(c.EPSGName)] = c
}

// normalizeName folds case and drops all white space, so "SWEREF 99 18 00", "SWEREF99 18 00"
// and "sweref99 1800" are the same name.
func normalizeName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch r {
		case ' ', '\t', '\n', '\r', '\u00a0', '_':
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Lookup returns the registered CRS with the given EPSG code. The error wraps ErrUnknownCRS.
func Lookup(code int) (*CRS, error) {
	if c, ok := registry[code]; ok {
		return c, nil
	}
	if code >= 3019 && code <= 3024 || code == 2400 {
		return nil, fmt.Errorf("epsg:%d is rt 90 on bessel 1841, which needs a datum shift; use the direct projections 3845–3850 (3847 for 2.5 gon V): %w", code, ErrUnknownCRS)
	}
	return nil, fmt.Errorf("epsg:%d: %w", code, ErrUnknownCRS)
}

// LookupName returns the CRS with the given name. Lantmäteriet's spelling ("SWEREF 99 18 00"),
// EPSG's ("SWEREF99 18 00") and any case or spacing of either are accepted. The error wraps
// ErrUnknownCRS.
func LookupName(name string) (*CRS, error) {
	if c, ok := byName[normalizeName(name)]; ok {
		return c, nil
	}
	return nil, fmt.Errorf("crs name %q: %w", name, ErrUnknownCRS)
}

// CRSs returns every registered CRS, sorted by EPSG code.
func CRSs() []*CRS {
	out := make([]*CRS, 0, len(registry))
	for _, c := range registry {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}

// CompoundOf returns the compound CRS (horizontal + RH 2000 heights) of a SWEREF 99 projection,
// e.g. 5850 for 3011, and the compound CRS itself for a compound code. It is how a caller
// labels 3D data with the code Lantmäteriet expects: Transform(g, c.Code). Other CRSs (4619,
// RT 90) have no registered compound and give an error wrapping ErrUnknownCRS.
func CompoundOf(code int) (*CRS, error) {
	c, err := Lookup(code)
	if err != nil {
		return nil, err
	}
	if cc := compoundFor(c.Horizontal); cc != nil {
		return cc, nil
	}
	return nil, fmt.Errorf("epsg:%d has no rh 2000 compound crs: %w", code, ErrUnknownCRS)
}

// compoundFor returns the compound CRS (horizontal + RH 2000) of a projected SWEREF 99 code, or
// nil when there is none.
func compoundFor(horizontal int) *CRS {
	for _, c := range registry {
		if c.Kind == Compound && c.Horizontal == horizontal {
			return c
		}
	}
	return nil
}
