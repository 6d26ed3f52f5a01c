package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/tjanstebaserad/bal-go/compare"
)

// qualityDoc is what quality prints.
type qualityDoc struct {
	Extract      string           `json:"extract"`
	Buildings    int64            `json:"buildings"`
	WithProblems int64            `json:"withProblems"`
	Problems     map[string]int64 `json:"problems"`
	NotChecked   []string         `json:"notChecked"`
	InputErrors  int64            `json:"inputErrors"`
	Errors       []string         `json:"errors"`
	List         string           `json:"list,omitempty"`
	CSV          string           `json:"csv,omitempty"`
	GeoPackage   string           `json:"geopackage,omitempty"`
}

func newQuality(a *app) *cobra.Command {
	var (
		listPath, csvPath, gpkgPath string
		minArea, overlap, dupTol    float64
		includeRetired              bool
	)
	cmd := &cobra.Command{
		Use:   "quality EXTRACT",
		Short: "Check the information quality of the buildings in Lantmäteriet's extract",
		Long: `Quality checks the buildings of a downloaded base extract (EXTRACT: the folder
'bal download' filled, or a zip) for what Lantmäteriet's onboarding asks a
municipality to review before going live: footprints without z values,
buildings without an address (no entrance with an address point; buildings
exempt from addressing are not counted), without a purpose, without a
footprint, with an invalid one or a tiny one (under --min-area m², 1 by
default), overlapping others (by more than --overlap-area m², 1 by default)
and duplicated (the same footprint within --duplicate-tolerance mm, 10 by
default). Retired buildings are skipped unless --include-retired.

The counts go to stdout; --list writes one line per building with problems,
--csv one row each, and --gpkg a GeoPackage with a layer per problem. Problems
are the report, not a failure: the exit code is 0 whatever they are.`,
		Example: `  bal quality extract --list kvalitet.txt --csv kvalitet.csv --gpkg kvalitet.gpkg
  bal quality extract --min-area 5 --overlap-area 0.5 -o json`,
		Args: args(1, 1),
		RunE: func(cmd *cobra.Command, as []string) error {
			ctx := cmd.Context()
			x, err := openExtract(as[0])
			if err != nil {
				return err
			}
			defer x.Close()
			ropts := &compare.QualityReportOptions{GeoPackage: gpkgPath}
			var files []*os.File
			defer func() {
				for _, f := range files {
					f.Close()
				}
			}()
			create := func(p string) (*os.File, error) {
				f, err := os.Create(p)
				if err == nil {
					files = append(files, f)
				}
				return f, err
			}
			if listPath != "" {
				f, err := create(listPath)
				if err != nil {
					return err
				}
				ropts.Text = f
			}
			if csvPath != "" {
				f, err := create(csvPath)
				if err != nil {
					return err
				}
				ropts.CSV = f
			}
			bar := a.progress("checking")
			defer bar.Done()
			qopts := &compare.QualityOptions{MinArea: minArea, OverlapArea: overlap, DuplicateTolerance: dupTol, IncludeRetired: includeRetired,
				Progress: func(p compare.QualityProgress) {
					bar.Describe(p.Phase)
					bar.Set(int(p.Objects+p.Pairs+p.Findings), 0)
				}}
			sum, err := compare.WriteQualityReport(ctx, compare.QualityOfExtract(ctx, x, qopts), ropts)
			bar.Done()
			if err != nil {
				return err
			}
			for _, f := range files {
				if err := f.Close(); err != nil && !errors.Is(err, os.ErrClosed) {
					return err
				}
			}
			doc := qualityDoc{Extract: as[0], Buildings: sum.Buildings, WithProblems: sum.WithProblems, Problems: map[string]int64{},
				NotChecked: []string{}, InputErrors: sum.InputErrors, Errors: sum.Errors, List: listPath, CSV: csvPath, GeoPackage: gpkgPath}
			for _, p := range compare.Problems {
				if sum.Checked.Has(p) {
					doc.Problems[p.String()] = sum.Problems[p]
				} else {
					doc.NotChecked = append(doc.NotChecked, p.String())
				}
			}
			if doc.Errors == nil {
				doc.Errors = []string{}
			}
			return a.document(doc, func(w io.Writer) error {
				pairs(w, "extract", doc.Extract)
				if err := sum.WriteText(w); err != nil {
					return err
				}
				pairs(w, "list", doc.List, "csv", doc.CSV, "geopackage", doc.GeoPackage)
				return nil
			})
		},
	}
	f := cmd.Flags()
	f.StringVar(&listPath, "list", "", "write one line per building with problems to this text file")
	f.StringVar(&csvPath, "csv", "", "write one row per building with problems to this CSV file")
	f.StringVar(&gpkgPath, "gpkg", "", "write a GeoPackage with a layer per problem to this new file")
	f.Float64Var(&minArea, "min-area", 0, fmt.Sprintf("footprints smaller than this many m² are tiny (default %g; negative: no check)", compare.DefaultMinArea))
	f.Float64Var(&overlap, "overlap-area", 0, fmt.Sprintf("report buildings sharing more than this many m² (default %g; negative: any overlap)", compare.DefaultOverlapArea))
	f.Float64Var(&dupTol, "duplicate-tolerance", 0, fmt.Sprintf("footprints this many mm apart are duplicates (default %g)", compare.DefaultTolerance))
	f.BoolVar(&includeRetired, "include-retired", false, "check retired (Avregistrerad) buildings too")
	return cmd
}
