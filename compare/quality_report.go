package compare

import (
	"context"
	"fmt"
	"io"
	"iter"
	"math"
	"strconv"
	"strings"

	"github.com/tjanstebaserad/bal-go/internal/gpkg"
)

// QualityReportOptions say where a QualityReport writes. Every output is optional.
type QualityReportOptions struct {
	// Text receives one line per building with problems as they come (objektidentitet,
	// problems and their details), for people.
	Text io.Writer
	// CSV receives one row per building with problems (see QualityCSVHeader).
	CSV io.Writer
	// GeoPackage is the path of a new GeoPackage (an existing file is refused) with one
	// layer per problem (no_heights, no_address, no_purpose, no_geometry, invalid, tiny,
	// overlapping, duplicate); a building with two problems is in both layers.
	GeoPackage string
	// SRID is the CRS of the GeoPackage's layers; 0 means that of the first footprint, as
	// for ReportOptions.SRID.
	SRID int
}

// QualityCSVHeader names the columns of the quality report's CSV: the building's
// objektidentitet and objektstatus, its problems, its footprint's area in m², its validity
// problems ("; "-separated), the buildings it overlaps with the shared area
// ("id:area; …") and the buildings it duplicates.
var QualityCSVHeader = []string{"objektidentitet", "objektstatus", "problems", "area_m2", "invalid", "overlaps", "duplicates"}

var qualityColumns = []gpkg.Column{
	{Name: "objektidentitet", Type: gpkg.Text},
	{Name: "objektstatus", Type: gpkg.Text},
	{Name: "problems", Type: gpkg.Text},
	{Name: "area_m2", Type: gpkg.Real},
	{Name: "details", Type: gpkg.Text},
}

// QualitySummary counts a quality check's findings.
type QualitySummary struct {
	// Buildings is the number of buildings checked, WithProblems those with any problem.
	Buildings, WithProblems int64
	// Problems counts the buildings per problem.
	Problems map[Problem]int64
	// Checked are the problems looked for (see Finding.Checked).
	Checked Problem
	// Skipped counts the objects left out for an *InputError (WriteQualityReport counts
	// them).
	Skipped
}

// WriteText writes the counts for people.
func (s *QualitySummary) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%d buildings checked, %d with problems\n", s.Buildings, s.WithProblems)
	for _, p := range Problems {
		if !s.Checked.Has(p) {
			fmt.Fprintf(&b, "  %-12s  not checked\n", problemName(p))
			continue
		}
		fmt.Fprintf(&b, "  %-12s %9d\n", problemName(p), s.Problems[p])
	}
	if s.InputErrors > 0 {
		fmt.Fprintf(&b, "%d objects could not be read and were left out\n", s.InputErrors)
		for _, e := range s.Errors {
			fmt.Fprintf(&b, "  %s\n", e)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// QualityReport writes a quality check's findings as they come. Add each Finding, then
// Close. A QualityReport is not safe for concurrent use.
type QualityReport struct {
	summary QualitySummary
	text    io.Writer
	out     *output
}

// NewQualityReport starts a quality report; the GeoPackage, when asked for, is created at
// once.
func NewQualityReport(ctx context.Context, opts *QualityReportOptions) (*QualityReport, error) {
	var o QualityReportOptions
	if opts != nil {
		o = *opts
	}
	names := make([]string, len(Problems))
	for i, p := range Problems {
		names[i] = problemName(p)
	}
	out, err := newOutput(ctx, "quality report", o.CSV, QualityCSVHeader, o.GeoPackage, o.SRID, outputSpec{names, problemDescription, qualityColumns})
	if err != nil {
		return nil, err
	}
	return &QualityReport{summary: QualitySummary{Problems: map[Problem]int64{}}, text: o.Text, out: out}, nil
}

func problemDescription(name string) string {
	switch name {
	case "no_heights":
		return "Buildings whose footprint has no z values"
	case "no_address":
		return "Buildings without an entrance with an address point"
	case "no_purpose":
		return "Buildings without a byggnadsändamål"
	case "no_geometry":
		return "Buildings without a footprint"
	case "invalid":
		return "Buildings whose footprint is invalid"
	case "tiny":
		return "Buildings whose footprint is smaller than the minimum area"
	case "overlapping":
		return "Buildings that overlap others"
	case "duplicate":
		return "Buildings with the same footprint as another"
	}
	return ""
}

// Add writes one finding; a building without problems is only counted.
func (r *QualityReport) Add(f Finding) error {
	if err := r.out.check(); err != nil {
		return err
	}
	s := &r.summary
	s.Buildings++
	s.Checked |= f.Checked
	if f.Problems == 0 {
		return nil
	}
	s.WithProblems++
	for _, p := range Problems {
		if f.Problems.Has(p) {
			s.Problems[p]++
		}
	}
	d := findingDetails(&f)
	if r.text != nil {
		line := f.ID.String() + " " + f.Problems.String()
		if d != "" {
			line += ": " + d
		}
		if _, err := io.WriteString(r.text, line+"\n"); err != nil {
			return fmt.Errorf("compare: quality report text: %w", err)
		}
	}
	if err := r.out.row(qualityRow(&f)); err != nil {
		return err
	}
	values := []any{f.ID.String(), string(f.Status), f.Problems.String(), nullable(f.Area), d}
	for _, p := range Problems {
		if f.Problems.Has(p) {
			if err := r.out.feature(problemName(p), f.Footprint, values); err != nil {
				return err
			}
		}
	}
	return nil
}

// Summary returns the counts so far.
func (r *QualityReport) Summary() QualitySummary { return r.summary }

// Close writes what is pending and commits the GeoPackage; the files are complete only after
// Close returns nil.
func (r *QualityReport) Close() error { return r.out.close() }

// WriteQualityReport writes every finding to a new QualityReport and returns its summary.
// An *InputError is counted and the report goes on; any other error ends it.
func WriteQualityReport(ctx context.Context, findings iter.Seq2[Finding, error], opts *QualityReportOptions) (*QualitySummary, error) {
	r, err := NewQualityReport(ctx, opts)
	if err != nil {
		return nil, err
	}
	if err := fill(findings, r.Add, r.summary.skip, r.Close); err != nil {
		return nil, err
	}
	s := r.Summary()
	return &s, nil
}

func overlapsText(f *Finding) string {
	parts := make([]string, len(f.Overlaps))
	for i, o := range f.Overlaps {
		parts[i] = o.ID.String() + ":" + strconv.FormatFloat(o.Area, 'f', 2, 64)
	}
	return strings.Join(parts, "; ")
}

func duplicatesText(f *Finding) string {
	parts := make([]string, len(f.Duplicates))
	for i, d := range f.Duplicates {
		parts[i] = d.String()
	}
	return strings.Join(parts, "; ")
}

// findingDetails spells out a finding's details for the text and the GeoPackage.
func findingDetails(f *Finding) string {
	var parts []string
	if f.Problems.Has(ProblemTiny) && !math.IsNaN(f.Area) {
		parts = append(parts, "area "+strconv.FormatFloat(f.Area, 'f', 2, 64)+" m²")
	}
	if len(f.Invalid) > 0 {
		parts = append(parts, strings.Join(f.Invalid, "; "))
	}
	if len(f.Overlaps) > 0 {
		parts = append(parts, "overlaps "+overlapsText(f))
	}
	if len(f.Duplicates) > 0 {
		parts = append(parts, "duplicates "+duplicatesText(f))
	}
	return strings.Join(parts, ", ")
}

func qualityRow(f *Finding) []string {
	area := ""
	if !math.IsNaN(f.Area) {
		area = strconv.FormatFloat(f.Area, 'f', 2, 64)
	}
	return []string{f.ID.String(), string(f.Status), f.Problems.String(), area, strings.Join(f.Invalid, "; "), overlapsText(f), duplicatesText(f)}
}
