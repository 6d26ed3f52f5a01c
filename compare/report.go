package compare

import (
	"context"
	"fmt"
	"io"
	"iter"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/gpkg"
)

// ReportOptions say where a Report writes. Every output is optional; with none, a Report
// only counts (Summary).
type ReportOptions struct {
	// CSV receives one row per object (see CSVHeader).
	CSV io.Writer
	// GeoPackage is the path of a new GeoPackage (an existing file is refused, never
	// overwritten) with one layer per class (equal, different, only_local,
	// only_lantmateriet) and the municipality's geometries of the different objects in
	// different_local, so both outlines can be seen together in QGIS.
	GeoPackage string
	// SRID is the CRS of the GeoPackage's layers; 0 means that of the first geometry
	// reported, Lantmäteriet's where it has one. Layers take the compound code (SWEREF 99 +
	// RH 2000) of a SWEREF 99 CRS so that heights are labelled where geometries have them;
	// other geometries are transformed into it.
	SRID int
}

// CSVHeader names the columns of the report's CSV (RFC 4180, a header line): the object's
// type, objektidentitet and key; its class and flags; how it was matched ("id", "key" or
// empty); the names of the differing attributes and each difference spelled out ("husnummer:
// 3 ≠ 4"); the Hausdorff distance, area difference and height difference (metres, square
// metres, metres, to 0.1 mm; empty where not measured, "inf" when one side has no
// geometry); and where the municipality's feature came from.
var CSVHeader = []string{
	"object_type", "objektidentitet", "key", "class", "flags", "matched_by",
	"attributes", "details", "hausdorff_m", "area_difference_m2", "height_difference_m", "local_ref",
}

// layerColumns are the attribute columns of the GeoPackage's layers.
var layerColumns = []gpkg.Column{
	{Name: "object_type", Type: gpkg.Text},
	{Name: "objektidentitet", Type: gpkg.Text},
	{Name: "key", Type: gpkg.Text},
	{Name: "flags", Type: gpkg.Text},
	{Name: "matched_by", Type: gpkg.Text},
	{Name: "attributes", Type: gpkg.Text},
	{Name: "details", Type: gpkg.Text},
	{Name: "hausdorff_m", Type: gpkg.Real},
	{Name: "area_difference_m2", Type: gpkg.Real},
	{Name: "height_difference_m", Type: gpkg.Real},
	{Name: "local_ref", Type: gpkg.Text},
}

// LayerDifferentLocal is the GeoPackage layer with the municipality's geometries of the
// objects that differ.
const LayerDifferentLocal = "different_local"

// Summary counts a comparison's results.
type Summary struct {
	// Objects is the number of results.
	Objects int64
	// Classes counts the results per class, Flags per flag (an object with two flags counts
	// under both), Attributes per differing attribute name, and Types per object type.
	Classes    map[Class]int64
	Flags      map[Flag]int64
	Attributes map[string]int64
	Types      map[bal.ObjectType]int64
	// MaxHausdorff is the largest Hausdorff distance measured, in metres (0 when none).
	MaxHausdorff float64
	// Skipped counts the features left out for an *InputError (WriteReport counts them).
	Skipped
}

func newSummary() Summary {
	return Summary{Classes: map[Class]int64{}, Flags: map[Flag]int64{}, Attributes: map[string]int64{}, Types: map[bal.ObjectType]int64{}}
}

func (s *Summary) add(r *Result) {
	s.Objects++
	s.Classes[r.Class]++
	s.Types[r.Type]++
	for _, f := range Flags {
		if r.Flags.Has(f) {
			s.Flags[f]++
		}
	}
	for _, a := range r.Attributes {
		s.Attributes[a.Name]++
	}
	if !math.IsNaN(r.Hausdorff) && !math.IsInf(r.Hausdorff, 0) && r.Hausdorff > s.MaxHausdorff {
		s.MaxHausdorff = r.Hausdorff
	}
}

// WriteText writes the summary for people: counts per class, per flag and per attribute.
func (s *Summary) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%d objects compared\n", s.Objects)
	for _, c := range Classes {
		fmt.Fprintf(&b, "  %-20s %9d\n", c, s.Classes[c])
		if c != Different {
			continue
		}
		for _, f := range Flags {
			if n := s.Flags[f]; n > 0 && f != FlagAmbiguous {
				fmt.Fprintf(&b, "    %-18s %9d\n", flagName(f), n)
			}
			if f == FlagAttributes && s.Flags[f] > 0 {
				names := make([]string, 0, len(s.Attributes))
				for n := range s.Attributes {
					names = append(names, n)
				}
				slices.Sort(names)
				for _, n := range names {
					fmt.Fprintf(&b, "      %-16s %9d\n", n, s.Attributes[n])
				}
			}
		}
	}
	if n := s.Flags[FlagAmbiguous]; n > 0 {
		fmt.Fprintf(&b, "  %-20s %9d (matched among several with the same identity or key)\n", "ambiguous", n)
	}
	if s.MaxHausdorff > 0 {
		fmt.Fprintf(&b, "largest geometry distance %.4f m\n", s.MaxHausdorff)
	}
	if s.InputErrors > 0 {
		fmt.Fprintf(&b, "%d features could not be read and were left out\n", s.InputErrors)
		for _, e := range s.Errors {
			fmt.Fprintf(&b, "  %s\n", e)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// Report writes a comparison's results as they come: CSV rows, GeoPackage features and the
// counts of the Summary. Add each Result, then Close. A Report is not safe for concurrent
// use.
type Report struct {
	summary Summary
	out     *output
}

// NewReport starts a report. The GeoPackage, when asked for, is created at once (so that a
// path that exists fails before any work) and written in one transaction, committed by
// Close.
func NewReport(ctx context.Context, opts *ReportOptions) (*Report, error) {
	var o ReportOptions
	if opts != nil {
		o = *opts
	}
	names := make([]string, 0, len(Classes)+1)
	for _, c := range Classes {
		names = append(names, c.String())
	}
	names = append(names, LayerDifferentLocal)
	out, err := newOutput(ctx, "report", o.CSV, CSVHeader, o.GeoPackage, o.SRID, outputSpec{names, layerDescription, layerColumns})
	if err != nil {
		return nil, err
	}
	return &Report{summary: newSummary(), out: out}, nil
}

func layerDescription(name string) string {
	switch name {
	case Equal.String():
		return "Objects the municipality and Lantmäteriet hold alike (Lantmäteriet's geometry)"
	case Different.String():
		return "Objects that differ (Lantmäteriet's geometry); flags say what differs"
	case OnlyLocal.String():
		return "Objects only the municipality holds"
	case OnlyLantmateriet.String():
		return "Objects only Lantmäteriet holds"
	case LayerDifferentLocal:
		return "The municipality's geometries of the objects that differ"
	}
	return ""
}

// Add writes one result: a CSV row, and in the GeoPackage Lantmäteriet's geometry in the
// layer of its class (the municipality's for only_local) and, for a different object, the
// municipality's also in different_local.
func (r *Report) Add(res Result) error {
	if err := r.out.check(); err != nil {
		return err
	}
	r.summary.add(&res)
	if err := r.out.row(csvRow(&res)); err != nil {
		return err
	}
	var lg, mg geom.T
	if res.Local != nil {
		lg = res.Local.Geometry
	}
	if res.Lantmateriet != nil {
		mg = res.Lantmateriet.Geometry
	}
	values := layerValues(&res)
	main := mg
	if res.Class == OnlyLocal {
		main = lg
	}
	if err := r.out.feature(res.Class.String(), main, values); err != nil {
		return err
	}
	if res.Class == Different && lg != nil {
		return r.out.feature(LayerDifferentLocal, lg, values)
	}
	return nil
}

// Summary returns the counts so far.
func (r *Report) Summary() Summary { return r.summary }

// Close writes what is pending, commits the GeoPackage and flushes the CSV. The report's
// files are complete only after Close returns nil.
func (r *Report) Close() error { return r.out.close() }

// WriteReport writes every result of results to a new Report and returns its summary. An
// *InputError is counted (Summary.Skipped) and the report goes on; any other error ends it
// and is returned, with the report closed.
func WriteReport(ctx context.Context, results iter.Seq2[Result, error], opts *ReportOptions) (*Summary, error) {
	r, err := NewReport(ctx, opts)
	if err != nil {
		return nil, err
	}
	if err := fill(results, r.Add, r.summary.skip, r.Close); err != nil {
		return nil, err
	}
	s := r.Summary()
	return &s, nil
}

func matchedBy(r *Result) string {
	switch {
	case r.Local == nil || r.Lantmateriet == nil:
		return ""
	case r.ByKey:
		return "key"
	}
	return "id"
}

func attributeNames(r *Result) string {
	names := make([]string, len(r.Attributes))
	for i, a := range r.Attributes {
		names[i] = a.Name
	}
	return strings.Join(names, ",")
}

// details spells out the differing attributes, "husnummer: 3 ≠ 4", an empty value as two
// apostrophes.
func details(r *Result) string {
	parts := make([]string, len(r.Attributes))
	for i, a := range r.Attributes {
		parts[i] = a.Name + ": " + quoteEmpty(a.Local) + " ≠ " + quoteEmpty(a.Lantmateriet)
	}
	return strings.Join(parts, "; ")
}

func quoteEmpty(s string) string {
	if s == "" {
		return "''"
	}
	return s
}

// measure formats a distance for the CSV: 0.1 mm, empty for NaN, "inf" for +Inf.
func measure(v float64) string {
	switch {
	case math.IsNaN(v):
		return ""
	case math.IsInf(v, 0):
		return "inf"
	}
	return strconv.FormatFloat(v, 'f', 4, 64)
}

// nullable is a distance for a GeoPackage REAL column: NULL for NaN and ±Inf.
func nullable(v float64) any {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return math.Round(v*1e4) / 1e4
}

func idOf(r *Result) string {
	if r.ID.IsZero() {
		return ""
	}
	return r.ID.String()
}

func localRef(r *Result) string {
	if r.Local == nil {
		return ""
	}
	return r.Local.Ref
}

func csvRow(r *Result) []string {
	return []string{
		string(r.Type), idOf(r), r.Key, r.Class.String(), r.Flags.String(), matchedBy(r),
		attributeNames(r), details(r), measure(r.Hausdorff), measure(r.AreaDifference),
		measure(r.HeightDifference), localRef(r),
	}
}

func layerValues(r *Result) []any {
	return []any{
		string(r.Type), idOf(r), r.Key, r.Flags.String(), matchedBy(r), attributeNames(r), details(r),
		nullable(r.Hausdorff), nullable(r.AreaDifference), nullable(r.HeightDifference), localRef(r),
	}
}
