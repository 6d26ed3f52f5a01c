package geometry

import (
	"errors"
	"fmt"
	"math"
	"sort"

	"github.com/twpayne/go-geom"
)

// A Swedish municipality keeps its data in one of the twelve local SWEREF 99 zones (or in
// SWEREF 99 TM), and each municipality chooses its own: there is no rule that derives it from
// the map, and no machine-readable national table. This file offers the three honest sources,
// in the order MunicipalityZone consults them: the caller's own override, the rows verified on
// municipalities' websites (KnownZone), and a suggestion from the EPSG areas of use
// (SuggestZone).

// ErrNoZone is returned when no zone can be named: a location outside every local zone's area
// of use, or a municipality with no override, no verified row and no location to go by.
var ErrNoZone = errors.New("no sweref 99 zone")

// ErrInvalidKommunkod is returned for a municipality code that is not four digits.
var ErrInvalidKommunkod = errors.New("invalid kommunkod")

// VerifiedZone is a municipality's zone as the municipality itself states it (kommunens
// koordinatsystem).
type VerifiedZone struct {
	// Kommunkod is SCB's four-digit municipality code, e.g. "1480".
	Kommunkod string
	// Municipality is the municipality's name (kommun), e.g. "Göteborg".
	Municipality string
	// Zone is the EPSG code of the municipality's SWEREF 99 projection (3007–3018).
	Zone int
	// Since is when the municipality moved to the zone, when its page says.
	Since string
	// Heights is the municipality's height system (höjdsystem) as its page states it, e.g.
	// "RH 2000 (from 2011-01-01)"; empty when the page does not say. Not every municipality
	// uses RH 2000 (Härnösand does not), so heights must not be assumed.
	Heights string
	// Source is the URL the row was read from.
	Source string
	// Partial marks a row whose source recommends the zone rather than stating the
	// municipality's own use (Stockholm); Note says what the source says.
	Partial bool
	Note    string
}

// CRS returns the registered CRS of the zone.
func (v VerifiedZone) CRS() *CRS { return registry[v.Zone] }

// KnownZone returns the verified row for a municipality code, if there is one.
func KnownZone(kommunkod string) (VerifiedZone, bool) {
	for _, v := range verifiedZones {
		if v.Kommunkod == kommunkod {
			return v, true
		}
	}
	return VerifiedZone{}, false
}

// KnownZones returns every verified row, ordered by kommunkod.
func KnownZones() []VerifiedZone {
	out := append([]VerifiedZone(nil), verifiedZones...)
	sort.Slice(out, func(i, j int) bool { return out[i].Kommunkod < out[j].Kommunkod })
	return out
}

// ZoneSuggestion is the local zone suggested for a location.
type ZoneSuggestion struct {
	// Zone is the preferred zone: of the local zones whose EPSG area of use covers the
	// location, the one whose central meridian is nearest. Transverse Mercator's scale
	// error grows with the square of the distance from the central meridian (the local zones
	// have scale 1 on it), so the nearest meridian distorts lengths and areas least. 0.75°
	// off a meridian (half the 1.5° between neighbouring zones) lengths grow by 2.7 mm per
	// 100 m at 56° N and 2.1 mm at 60° N (computed with this package's projection); twice
	// as far off, four times as much.
	Zone *CRS
	// Offset is the location's longitude minus Zone's central meridian, in degrees.
	Offset float64
	// Alternatives are the other local zones whose area of use covers the location, nearest
	// central meridian first. The areas are EPSG's bounding boxes, which overlap a lot: a
	// neighbouring municipality's choice, or the municipality's own, may be one of these.
	Alternatives []*CRS
}

// SuggestZone suggests a local SWEREF 99 zone for a location given as SWEREF 99 (or WGS 84,
// which agrees to a metre) longitude and latitude in degrees. It is a suggestion from geometry
// alone: where a municipality's own choice is known (KnownZone) or configured, that wins, which
// is what MunicipalityZone does. A location outside every local zone's area of use gives
// ErrNoZone.
func SuggestZone(lon, lat float64) (ZoneSuggestion, error) {
	if math.IsNaN(lon) || math.IsNaN(lat) || math.IsInf(lon, 0) || math.IsInf(lat, 0) {
		return ZoneSuggestion{}, fmt.Errorf("suggest zone: longitude %v, latitude %v: %w", lon, lat, ErrNoZone)
	}
	type candidate struct {
		crs    *CRS
		offset float64
	}
	var cs []candidate
	for code := SWEREF99_1200; code <= SWEREF99_2315; code++ {
		c := registry[code]
		if c.AreaOfUse.Contains(lat, lon, 0) {
			cs = append(cs, candidate{c, lon - c.Projection.CentralMeridian})
		}
	}
	if len(cs) == 0 {
		return ZoneSuggestion{}, fmt.Errorf("suggest zone: longitude %.5f, latitude %.5f is outside every local zone's area of use (Sweden: %.2f–%.2f° N, %.2f–%.2f° E): %w",
			lon, lat, sweden.South, sweden.North, sweden.West, sweden.East, ErrNoZone)
	}
	// Nearest central meridian first; equal distances (a location exactly between two
	// meridians) go to the lower EPSG code, so the answer never depends on map order.
	sort.Slice(cs, func(i, j int) bool {
		di, dj := math.Abs(cs[i].offset), math.Abs(cs[j].offset)
		if di != dj {
			return di < dj
		}
		return cs[i].crs.Code < cs[j].crs.Code
	})
	s := ZoneSuggestion{Zone: cs[0].crs, Offset: cs[0].offset}
	for _, c := range cs[1:] {
		s.Alternatives = append(s.Alternatives, c.crs)
	}
	return s, nil
}

// ZoneSource says where MunicipalityZone's answer came from.
type ZoneSource int

const (
	// FromOverride: the caller's override map.
	FromOverride ZoneSource = iota + 1
	// FromVerified: a row of KnownZones.
	FromVerified
	// FromSuggestion: SuggestZone at the location given.
	FromSuggestion
)

// String returns "override", "verified" or "suggestion".
func (s ZoneSource) String() string {
	switch s {
	case FromOverride:
		return "override"
	case FromVerified:
		return "verified"
	case FromSuggestion:
		return "suggestion"
	}
	return fmt.Sprintf("ZoneSource(%d)", int(s))
}

// ZoneOptions are the caller's knowledge for MunicipalityZone; nil is none.
type ZoneOptions struct {
	// Overrides maps kommunkod to the EPSG code of the municipality's projection (3006–3018,
	// or their RH 2000 compounds 5845–5857, which mean their horizontal code). It wins over
	// everything: the municipality knows its own system.
	Overrides map[string]int
	// Near is any geometry in the municipality (a building, the municipality's extent) in a
	// CRS this package knows; the centre of its bounds is where a zone is suggested, when
	// there is no override and no verified row. Its suggestion is also returned alongside a
	// verified row, for comparison.
	Near geom.T
}

// ZoneChoice is MunicipalityZone's answer.
type ZoneChoice struct {
	// Zone is the municipality's projection.
	Zone *CRS
	// Source says which of the three sources Zone came from.
	Source ZoneSource
	// Verified is the verified row, when there is one (whatever the Source).
	Verified *VerifiedZone
	// Suggestion is the suggestion at ZoneOptions.Near, when Near was given and lies in a
	// local zone's area of use (whatever the Source).
	Suggestion *ZoneSuggestion
}

// MunicipalityZone names a municipality's SWEREF 99 projection from, in order: the caller's
// override, the verified rows (a Partial row counts, and says so), and a suggestion at
// ZoneOptions.Near. With none of them it gives ErrNoZone: this package never guesses a
// municipality's zone from a table it does not have.
func MunicipalityZone(kommunkod string, opts *ZoneOptions) (ZoneChoice, error) {
	if !validKommunkod(kommunkod) {
		return ZoneChoice{}, fmt.Errorf("municipality zone: %q is not four digits: %w", kommunkod, ErrInvalidKommunkod)
	}
	var o ZoneOptions
	if opts != nil {
		o = *opts
	}
	var choice ZoneChoice
	if v, ok := KnownZone(kommunkod); ok {
		choice.Verified = &v
	}
	if o.Near != nil {
		lon, lat, err := centreLonLat(o.Near)
		if err != nil {
			return ZoneChoice{}, fmt.Errorf("municipality zone %s: near: %w", kommunkod, err)
		}
		if s, err := SuggestZone(lon, lat); err == nil {
			choice.Suggestion = &s
		} else if choice.Verified == nil && o.Overrides[kommunkod] == 0 {
			return ZoneChoice{}, fmt.Errorf("municipality zone %s: %w", kommunkod, err)
		}
	}
	switch {
	case o.Overrides[kommunkod] != 0:
		c, err := Lookup(o.Overrides[kommunkod])
		if err != nil {
			return ZoneChoice{}, fmt.Errorf("municipality zone %s: override: %w", kommunkod, err)
		}
		h := registry[c.Horizontal]
		if h.Kind != Projected || h.Code < SWEREF99TM || h.Code > SWEREF99_2315 {
			return ZoneChoice{}, fmt.Errorf("municipality zone %s: override epsg:%d is not a SWEREF 99 projection (3006–3018): %w", kommunkod, c.Code, ErrUnknownCRS)
		}
		choice.Zone, choice.Source = h, FromOverride
	case choice.Verified != nil:
		choice.Zone, choice.Source = choice.Verified.CRS(), FromVerified
	case choice.Suggestion != nil:
		choice.Zone, choice.Source = choice.Suggestion.Zone, FromSuggestion
	default:
		return ZoneChoice{}, fmt.Errorf("municipality zone %s: no override, no verified row, and no location to suggest from (set ZoneOptions.Overrides or Near): %w", kommunkod, ErrNoZone)
	}
	return choice, nil
}

func validKommunkod(s string) bool {
	if len(s) != 4 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// centreLonLat returns the centre of g's bounds as SWEREF 99 longitude and latitude.
func centreLonLat(g geom.T) (lon, lat float64, err error) {
	if g.Empty() {
		return 0, 0, fmt.Errorf("empty geometry: %w", ErrUnsupportedGeometry)
	}
	b := g.Bounds()
	x, y := (b.Min(0)+b.Max(0))/2, (b.Min(1)+b.Max(1))/2
	x, y, err = TransformXY(g.SRID(), SWEREF99Geographic, x, y)
	if err != nil {
		return 0, 0, err
	}
	return x, y, nil
}
