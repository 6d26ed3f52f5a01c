package compare

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"math"
	"slices"
	"strings"

	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/geometry"
	"github.com/tjanstebaserad/bal-go/internal/codelist"
)

// DefaultTolerance is the default geometry tolerance, in millimetres: 10 mm. See the package
// documentation for why.
const DefaultTolerance = 10.0

// Options configure Compare. A nil *Options means the zero value.
type Options struct {
	// Tolerance is how far apart, in millimetres, two geometries of the same object may be
	// (their Hausdorff distance) and still count as the same; 0 means DefaultTolerance and a
	// negative value means 0 (any difference counts).
	Tolerance float64
	// HeightTolerance is how far apart, in millimetres, the heights of the same object's
	// geometries may be; 0 means the same as Tolerance and a negative value means 0.
	HeightTolerance float64
	// Attributes, when set, are the only attributes compared; otherwise every attribute
	// the municipality's feature has and Lantmäteriet's has too.
	Attributes []string
	// IgnoreAttributes are never compared.
	IgnoreAttributes []string
	// TempDir is where the municipality's features are spilled while Lantmäteriet's stream
	// past them; "" means os.TempDir. The file is removed when the comparison ends.
	TempDir string
	// Progress, when set, is called every ProgressEvery features and at the end of each
	// phase.
	Progress func(Progress)
}

// ProgressEvery is how many features pass between two Progress calls.
const ProgressEvery = 10_000

// Progress reports how far a comparison has come.
type Progress struct {
	// Phase is "local" while the municipality's features are indexed, "lantmateriet" while
	// Lantmäteriet's are compared with them, and "only-local" while the municipality's
	// unmatched features are reported.
	Phase string
	// Local and Lantmateriet count the features read from each side, Results the results
	// yielded.
	Local, Lantmateriet, Results int64
}

// Class is the one primary class of an object in a comparison.
type Class int

// The classes. Their String forms name the CSV's classes and the GeoPackage's layers.
const (
	// OnlyLantmateriet: Lantmäteriet has the object and the municipality does not.
	OnlyLantmateriet Class = iota + 1
	// OnlyLocal: the municipality has the object and Lantmäteriet does not.
	OnlyLocal
	// Equal: both have it, and nothing compared differs beyond the tolerances.
	Equal
	// Different: both have it, and the flags say what differs.
	Different
)

// Classes lists the classes in report order.
var Classes = []Class{Equal, Different, OnlyLocal, OnlyLantmateriet}

// String returns "only_lantmateriet", "only_local", "equal" or "different".
func (c Class) String() string {
	switch c {
	case OnlyLantmateriet:
		return "only_lantmateriet"
	case OnlyLocal:
		return "only_local"
	case Equal:
		return "equal"
	case Different:
		return "different"
	}
	return fmt.Sprintf("class(%d)", int(c))
}

// Flag is a set of things that differ between the two versions of an object.
type Flag uint16

// The flags. A Different object has at least one of the first six; Ambiguous only says how
// the object was matched and does not by itself make it Different.
const (
	// FlagAttributes: attributes differ; Result.Attributes names them.
	FlagAttributes Flag = 1 << iota
	// FlagGeometry: the geometries are further apart than the tolerance (Result.Hausdorff),
	// or only one side has a geometry.
	FlagGeometry
	// FlagHeightsMissing: Lantmäteriet's geometry has z values and the municipality's has
	// none (dropped on the way, say).
	FlagHeightsMissing
	// FlagHeightsOnlyLocal: the municipality's geometry has z values and Lantmäteriet's has
	// none: heights the municipality could deliver.
	FlagHeightsOnlyLocal
	// FlagHeights: both have z values and they differ by more than the height tolerance
	// (Result.HeightDifference).
	FlagHeights
	// FlagHeightSystem: the municipality's z values are in another height system than
	// Lantmäteriet's RH 2000 (Feature.HeightSystem).
	FlagHeightSystem
	// FlagAmbiguous: the identity or key named more than one object on one side, and this
	// pairing was chosen by the nearest geometry (or none was left).
	FlagAmbiguous
)

// Flags lists every flag in report order.
var Flags = []Flag{FlagAttributes, FlagGeometry, FlagHeightsMissing, FlagHeightsOnlyLocal, FlagHeights, FlagHeightSystem, FlagAmbiguous}

// differences are the flags that make an object Different.
const differences = FlagAttributes | FlagGeometry | FlagHeightsMissing | FlagHeightsOnlyLocal | FlagHeights | FlagHeightSystem

// Has reports whether every flag of g is set in f.
func (f Flag) Has(g Flag) bool { return f&g == g }

// String returns the names of the set flags joined by "+", e.g. "attributes+geometry", or
// "" for none: "attributes", "geometry", "heights_missing", "heights_only_local",
// "heights", "height_system", "ambiguous".
func (f Flag) String() string {
	var names []string
	for _, g := range Flags {
		if f.Has(g) {
			names = append(names, flagName(g))
		}
	}
	return strings.Join(names, "+")
}

func flagName(g Flag) string {
	switch g {
	case FlagAttributes:
		return "attributes"
	case FlagGeometry:
		return "geometry"
	case FlagHeightsMissing:
		return "heights_missing"
	case FlagHeightsOnlyLocal:
		return "heights_only_local"
	case FlagHeights:
		return "heights"
	case FlagHeightSystem:
		return "height_system"
	case FlagAmbiguous:
		return "ambiguous"
	}
	return fmt.Sprintf("flag(%d)", int(g))
}

// AttributeDiff is one attribute whose values differ.
type AttributeDiff struct {
	// Name is the attribute's name ("husnummer").
	Name string
	// Local and Lantmateriet are the two values.
	Local, Lantmateriet string
}

// Result is the comparison of one object.
type Result struct {
	// Class is the primary class, Flags what differs.
	Class Class
	Flags Flag
	// Type is the objekttyp.
	Type bal.ObjectType
	// ID is the objektidentitet: Lantmäteriet's when it has the object, else the
	// municipality's (zero when it has none).
	ID bal.ObjectID
	// Key is the matching key, Lantmäteriet's when it has the object.
	Key string
	// ByKey reports that the two versions were matched by key, not by identity.
	ByKey bool
	// Local is the municipality's version and Lantmateriet Lantmäteriet's; nil where the
	// object is missing. Local.Geometry is as the municipality gave it, not transformed.
	Local, Lantmateriet *Feature
	// Attributes are the attributes that differ, by name.
	Attributes []AttributeDiff
	// Hausdorff is the Hausdorff distance between the two geometries' boundaries in metres,
	// in Lantmäteriet's CRS; +Inf when only one has a geometry, NaN when neither does or the
	// object is on one side only.
	Hausdorff float64
	// AreaDifference is the municipality's area minus Lantmäteriet's in m², for polygons;
	// NaN otherwise.
	AreaDifference float64
	// HeightDifference is the largest difference in metres between a z value of either
	// geometry and the other's height at the nearest point; NaN unless both have heights.
	HeightDifference float64
}

// Compare compares the municipality's dataset (local) with Lantmäteriet's and yields one
// Result per object: first Lantmäteriet's objects in their order (Equal, Different or
// OnlyLantmateriet), then the municipality's objects Lantmäteriet does not have
// (OnlyLocal) in their order.
//
// Objects are matched by type and objektidentitet; a municipality's feature without one is
// matched by its Key to a Lantmäteriet feature of the same type and key whose identity no
// municipal feature has. When an identity or key names several municipal features, the
// nearest geometry wins and the result is flagged Ambiguous.
//
// Memory: the municipality's features are spilled to a temporary file and only a small entry
// per feature stays in memory (see the package documentation); Lantmäteriet's side streams
// through, so it may be a national extract of millions of objects.
//
// Errors: an *InputError (one bad feature) is yielded and the comparison goes on if the
// caller keeps ranging; the feature is left out. Any other error, from an input or the spill
// file, or ctx ending, is yielded last.
func Compare(ctx context.Context, local, lantmateriet iter.Seq2[Feature, error], opts *Options) iter.Seq2[Result, error] {
	var o Options
	if opts != nil {
		o = *opts
	}
	return func(yield func(Result, error) bool) {
		c, err := newComparer(o)
		if err != nil {
			yield(Result{}, err)
			return
		}
		defer c.x.close()
		if err := c.run(ctx, local, lantmateriet, yield); err != nil && !errors.Is(err, errStop) {
			yield(Result{}, err)
		}
	}
}

// errStop ends a comparison whose consumer stopped ranging.
var errStop = errors.New("stop")

type comparer struct {
	o              Options
	tol, heightTol float64 // metres
	only, ignore   map[string]bool
	x              *index
	progress       Progress
	lastReport     int64
}

func newComparer(o Options) (*comparer, error) {
	c := &comparer{o: o, tol: toMetres(o.Tolerance, DefaultTolerance)}
	c.heightTol = toMetres(o.HeightTolerance, c.tol*1000)
	if len(o.Attributes) > 0 {
		c.only = map[string]bool{}
		for _, a := range o.Attributes {
			c.only[a] = true
		}
	}
	c.ignore = map[string]bool{}
	for _, a := range o.IgnoreAttributes {
		c.ignore[a] = true
	}
	x, err := newIndex(o.TempDir)
	if err != nil {
		return nil, err
	}
	c.x = x
	return c, nil
}

// toMetres turns a tolerance option in millimetres into metres: 0 is def, negative is 0.
func toMetres(mm, def float64) float64 {
	switch {
	case mm == 0:
		return def / 1000
	case mm < 0 || math.IsNaN(mm):
		return 0
	}
	return mm / 1000
}

func (c *comparer) report(phase string, force bool) {
	if c.o.Progress == nil {
		return
	}
	c.progress.Phase = phase
	n := c.progress.Local + c.progress.Lantmateriet + c.progress.Results
	if force || n-c.lastReport >= ProgressEvery {
		c.lastReport = n
		c.o.Progress(c.progress)
	}
}

func (c *comparer) run(ctx context.Context, local, lm iter.Seq2[Feature, error], yield func(Result, error) bool) error {
	emit := func(r Result) error {
		c.progress.Results++
		if !yield(r, nil) {
			return errStop
		}
		return nil
	}

	// Phase 1: index the municipality's features.
	err := c.each(ctx, local, "local", &c.progress.Local, yield, func(f *Feature) error {
		if err := c.x.add(f); err != nil {
			return err
		}
		c.report("local", false)
		return nil
	})
	if err != nil {
		return err
	}
	c.report("local", true)
	if err := c.x.ready(); err != nil {
		return err
	}

	// Phase 2: stream Lantmäteriet's features past them.
	err = c.each(ctx, lm, "lantmateriet", &c.progress.Lantmateriet, yield, func(f *Feature) error {
		r, err := c.match(f)
		if err != nil {
			return err
		}
		if err := emit(r); err != nil {
			return err
		}
		c.report("lantmateriet", false)
		return nil
	})
	if err != nil {
		return err
	}
	c.report("lantmateriet", true)

	// Phase 3: the municipality's features nobody took.
	for i := range c.x.entries {
		if i%1024 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		e := c.x.entries[i]
		if e.matched {
			continue
		}
		l, err := c.x.load(int32(i))
		if err != nil {
			return err
		}
		r := Result{Class: OnlyLocal, Type: l.Type, ID: l.ID, Key: l.Key, Local: &l,
			Hausdorff: math.NaN(), AreaDifference: math.NaN(), HeightDifference: math.NaN()}
		if e.shared {
			r.Flags |= FlagAmbiguous
		}
		if err := emit(r); err != nil {
			return err
		}
		c.report("only-local", false)
	}
	c.report("only-local", true)
	return nil
}

// each hands every good feature of one side to do, counting them in *count. A feature
// that is wrong (an *InputError from the input, or one checkFeature refuses) is yielded as
// an *InputError of that side and skipped; any other error of the input ends the
// comparison.
func (c *comparer) each(ctx context.Context, seq iter.Seq2[Feature, error], side string, count *int64,
	yield func(Result, error) bool, do func(*Feature) error) error {
	bad := func(ie *InputError) error {
		if ie.Side == "" {
			ie.Side = side
		}
		if !yield(Result{}, ie) {
			return errStop
		}
		return nil
	}
	var n int64
	for f, err := range seq {
		if err != nil {
			if ie := (*InputError)(nil); errors.As(err, &ie) {
				if err := bad(ie); err != nil {
					return err
				}
				continue
			}
			return fmt.Errorf("compare: %s dataset: %w", side, err)
		}
		n++
		if n%1024 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		(*count)++
		if err := checkFeature(&f); err != nil {
			if err := bad(&InputError{Side: side, Ref: refOf(&f, n), Err: err}); err != nil {
				return err
			}
			continue
		}
		if err := do(&f); err != nil {
			return err
		}
	}
	return nil
}

// refOf names feature number n of an input for an error.
func refOf(f *Feature, n int64) string {
	switch {
	case f.Ref != "":
		return f.Ref
	case !f.ID.IsZero():
		return f.ID.String()
	}
	return fmt.Sprintf("#%d", n)
}

// checkFeature refuses what cannot be compared: no identity and no key, a geometry whose CRS
// package geometry does not know or without coordinates.
func checkFeature(f *Feature) error {
	if f.ID.IsZero() && f.Key == "" {
		return ErrNoMatchKey
	}
	if f.Geometry == nil {
		return nil
	}
	if isEmpty(f.Geometry) {
		f.Geometry = nil
		return nil
	}
	if f.Geometry.Layout().Stride() < 2 {
		return fmt.Errorf("geometry without coordinates: %w", geometry.ErrUnsupportedGeometry)
	}
	if _, err := geometry.Lookup(f.Geometry.SRID()); err != nil {
		return fmt.Errorf("geometry: %w", err)
	}
	return nil
}

// isEmpty reports whether g has no coordinates.
func isEmpty(g geom.T) bool {
	switch g := g.(type) {
	case *geom.GeometryCollection:
		for _, c := range g.Geoms() {
			if !isEmpty(c) {
				return false
			}
		}
		return true
	case *geom.Point:
		return g.Empty()
	}
	return len(g.FlatCoords()) == 0
}

// match finds the municipality's version of Lantmäteriet's feature m and compares them.
func (c *comparer) match(m *Feature) (Result, error) {
	r := Result{Type: m.Type, ID: m.ID, Key: m.Key, Lantmateriet: m,
		Hausdorff: math.NaN(), AreaDifference: math.NaN(), HeightDifference: math.NaN()}
	head, byKey, found := c.x.candidates(m)
	if !found {
		r.Class = OnlyLantmateriet
		return r, nil
	}
	var open []int32
	for i := head; i >= 0; i = c.x.entries[i].next {
		if !c.x.entries[i].matched {
			open = append(open, i)
		}
	}
	ambiguous := c.x.entries[head].shared
	if len(open) == 0 {
		r.Class = OnlyLantmateriet
		r.Flags |= FlagAmbiguous
		return r, nil
	}
	pick, l := open[0], Feature{}
	var err error
	if len(open) == 1 {
		if l, err = c.x.load(pick); err != nil {
			return r, err
		}
	} else {
		best, chosen := math.Inf(1), false
		for _, i := range open {
			cand, err := c.x.load(i)
			if err != nil {
				return r, err
			}
			d, err := c.distance(&cand, m)
			if err != nil {
				return r, err
			}
			if !chosen || d < best {
				best, pick, l, chosen = d, i, cand, true
			}
		}
	}
	c.x.entries[pick].matched = true
	r.Local, r.ByKey = &l, byKey
	if err := c.pair(&r); err != nil {
		return r, err
	}
	if ambiguous {
		r.Flags |= FlagAmbiguous
	}
	return r, nil
}

// inOneCRS returns both geometries in one projected CRS: the horizontal CRS of
// Lantmäteriet's, or SWEREF 99 TM when Lantmäteriet's is in degrees. The municipality's is
// transformed; Lantmäteriet's is returned as it is unless it is in degrees.
func inOneCRS(local, lm geom.T) (geom.T, geom.T, error) {
	to, err := geometry.Lookup(lm.SRID())
	if err != nil {
		return nil, nil, err
	}
	target := to.Horizontal
	if to.Kind == geometry.Geographic {
		target = geometry.SWEREF99TM
		if lm, err = geometry.Transform(lm, target); err != nil {
			return nil, nil, err
		}
	}
	from, err := geometry.Lookup(local.SRID())
	if err != nil {
		return nil, nil, err
	}
	if from.Horizontal != target {
		if local, err = geometry.Transform(local, target); err != nil {
			return nil, nil, err
		}
	}
	return local, lm, nil
}

// distance is the Hausdorff distance used to choose among candidates.
func (c *comparer) distance(l, m *Feature) (float64, error) {
	if l.Geometry == nil || m.Geometry == nil {
		return math.Inf(1), nil
	}
	lg, mg, err := inOneCRS(l.Geometry, m.Geometry)
	if err != nil {
		return 0, fmt.Errorf("compare: %s: %w", refOf(l, 0), err)
	}
	d, _ := hausdorff(lg, mg)
	return d, nil
}

// pair compares the two versions in r and sets its class, flags and measures.
func (c *comparer) pair(r *Result) error {
	l, m := r.Local, r.Lantmateriet
	names := make([]string, 0, len(l.Attributes))
	for name := range l.Attributes {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if c.ignore[name] || c.only != nil && !c.only[name] {
			continue
		}
		mv, ok := m.Attributes[name]
		if !ok {
			continue // Lantmäteriet's feature does not carry it: nothing to compare with
		}
		if lv := l.Attributes[name]; !sameValue(name, lv, mv) {
			r.Attributes = append(r.Attributes, AttributeDiff{Name: name, Local: lv, Lantmateriet: mv})
		}
	}
	if len(r.Attributes) > 0 {
		r.Flags |= FlagAttributes
	}

	switch {
	case l.Geometry == nil && m.Geometry == nil:
	case l.Geometry == nil || m.Geometry == nil:
		r.Flags |= FlagGeometry
		r.Hausdorff = math.Inf(1)
	default:
		g, mg, err := inOneCRS(l.Geometry, m.Geometry)
		if err != nil {
			return fmt.Errorf("compare: %s: %w", refOf(l, 0), err)
		}
		r.Hausdorff, r.HeightDifference = hausdorff(g, mg)
		if r.Hausdorff > c.tol {
			r.Flags |= FlagGeometry
		}
		if la, err := geometry.Area(g); err == nil {
			if ma, err := geometry.Area(mg); err == nil {
				r.AreaDifference = la - ma
			}
		}
		lz, mz := hasZ(g), hasZ(mg)
		switch {
		case mz && !lz:
			r.Flags |= FlagHeightsMissing
		case lz && !mz:
			r.Flags |= FlagHeightsOnlyLocal
		case lz && mz && r.HeightDifference > c.heightTol:
			r.Flags |= FlagHeights
		}
		if lz {
			ls, ms := l.heightSystem(), m.heightSystem()
			if ms == "" && mz {
				ms = RH2000
			}
			if ls != "" && ms != "" && codelist.Key(ls) != codelist.Key(ms) {
				r.Flags |= FlagHeightSystem
			}
		}
	}
	r.Class = Equal
	if r.Flags&differences != 0 {
		r.Class = Different
	}
	return nil
}

func hasZ(g geom.T) bool { return g != nil && g.Layout().ZIndex() >= 0 }
