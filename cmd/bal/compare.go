package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/compare"
	"github.com/tjanstebaserad/bal-go/extract"
	"github.com/tjanstebaserad/bal-go/internal/gpkg"
)

// compareDoc is what compare prints.
type compareDoc struct {
	Extract      string           `json:"extract"`
	Local        string           `json:"local"`
	Layer        string           `json:"layer,omitempty"`
	Type         bal.ObjectType   `json:"type"`
	ToleranceMM  float64          `json:"toleranceMm"`
	Objects      int64            `json:"objects"`
	Classes      map[string]int64 `json:"classes"`
	Flags        map[string]int64 `json:"flags"`
	Attributes   map[string]int64 `json:"attributes"`
	MaxHausdorff float64          `json:"maxHausdorffM"`
	InputErrors  int64            `json:"inputErrors"`
	Errors       []string         `json:"errors"`
	CSV          string           `json:"csv,omitempty"`
	GeoPackage   string           `json:"geopackage,omitempty"`
}

func newCompare(a *app) *cobra.Command {
	var (
		layer, typ, id, heights, csvPath, gpkgPath string
		key, attrs, ignore                         []string
		srid                                       int
		tolerance, heightTolerance                 float64
	)
	cmd := &cobra.Command{
		Use:   "compare EXTRACT LOCAL",
		Short: "Compare the municipality's dataset with Lantmäteriet's extract (jämföra datamängder)",
		Long: `Compare compares the municipality's own objects (LOCAL: a GeoPackage layer or a
GeoJSON FeatureCollection, as a GIS exports them) with Lantmäteriet's in a
downloaded base extract (EXTRACT: the folder 'bal download' filled, or a zip),
the step of Lantmäteriet's onboarding before going live.

Every object gets one class (equal, different, only_local, only_lantmateriet)
and, when different, flags for what differs: attributes, geometry (Hausdorff
distance beyond --tolerance millimetres, 10 by default), heights missing,
heights only local, heights, height system. Objects are matched by
objektidentitet (--id names the column; "objektidentitet" by default), else by
the --key columns (for buildings the registerenhet's designation and the
husnummer). Columns named as Lantmäteriet names the attributes are compared;
--attr maps others (attribute=column). Local geometries in any Swedish CRS
are transformed into the extract's.

The counts go to stdout; --csv writes one row per object and --gpkg a
GeoPackage with a layer per class for QGIS. Differences are the report, not a
failure: the exit code is 0 whatever they are.`,
		Example: `  bal compare extract kommun.gpkg --layer byggnader --csv jamforelse.csv --gpkg jamforelse.gpkg
  bal compare extract byggnader.geojson --id uuid --key fastighet,husnr --attr husnummer=husnr,nybyggnadsar=byggar
  bal compare extract adresser.gpkg --type adressplats --tolerance 1 -o json`,
		Args: args(2, 2),
		RunE: func(cmd *cobra.Command, as []string) error {
			ctx := cmd.Context()
			objType, err := objectType(typ)
			if err != nil {
				return err
			}
			m := &compare.Mapping{Type: objType, ID: id, Key: key, SRID: srid, HeightSystem: heights}
			if len(attrs) > 0 {
				m.Attributes = map[string]string{}
				for _, kv := range attrs {
					k, v, ok := strings.Cut(kv, "=")
					if !ok || k == "" || v == "" {
						return usageError("--attr %q is not attribute=column", kv)
					}
					m.Attributes[k] = v
				}
			}
			x, err := openExtract(as[0])
			if err != nil {
				return err
			}
			defer x.Close()
			local, layerName, closeLocal, err := readLocal(ctx, as[1], layer, m)
			if err != nil {
				return err
			}
			defer closeLocal()

			bar := a.progress("comparing")
			defer bar.Done()
			opts := &compare.Options{Tolerance: tolerance, HeightTolerance: heightTolerance, IgnoreAttributes: ignore,
				Progress: func(p compare.Progress) {
					bar.Describe(p.Phase)
					bar.Set(int(p.Local+p.Lantmateriet), 0)
				}}
			ropts := &compare.ReportOptions{GeoPackage: gpkgPath}
			var csvFile *os.File
			if csvPath != "" {
				if csvFile, err = os.Create(csvPath); err != nil {
					return err
				}
				defer csvFile.Close()
				ropts.CSV = csvFile
			}
			sum, err := compare.WriteReport(ctx, compare.Compare(ctx, local, compare.FromExtract(ctx, x, objType), opts), ropts)
			bar.Done()
			if err != nil {
				return err
			}
			if csvFile != nil {
				if err := csvFile.Close(); err != nil {
					return err
				}
			}
			tol := tolerance
			if tol == 0 {
				tol = compare.DefaultTolerance
			}
			doc := compareDoc{Extract: as[0], Local: as[1], Layer: layerName, Type: objType, ToleranceMM: max(tol, 0),
				Objects: sum.Objects, Classes: map[string]int64{}, Flags: map[string]int64{}, Attributes: sum.Attributes,
				MaxHausdorff: sum.MaxHausdorff, InputErrors: sum.InputErrors, Errors: sum.Errors, CSV: csvPath, GeoPackage: gpkgPath}
			for _, c := range compare.Classes {
				doc.Classes[c.String()] = sum.Classes[c]
			}
			for _, f := range compare.Flags {
				doc.Flags[f.String()] = sum.Flags[f]
			}
			if doc.Errors == nil {
				doc.Errors = []string{}
			}
			return a.document(doc, func(w io.Writer) error {
				pairs(w, "extract", doc.Extract, "local", strings.TrimSuffix(doc.Local+" "+doc.Layer, " "),
					"tolerance", fmt.Sprintf("%g mm", doc.ToleranceMM))
				if err := sum.WriteText(w); err != nil {
					return err
				}
				pairs(w, "csv", doc.CSV, "geopackage", doc.GeoPackage)
				return nil
			})
		},
	}
	f := cmd.Flags()
	f.StringVar(&layer, "layer", "", "the GeoPackage layer (default: the file's only feature layer)")
	f.StringVar(&typ, "type", "byggnad", "object type: byggnad, entre, lagenhet, adressplats, adressomrade, gardsadressomrade or kommundel")
	f.StringVar(&id, "id", "", `the column holding Lantmäteriet's objektidentitet (default "objektidentitet")`)
	f.StringSliceVar(&key, "key", nil, "the columns whose values make the matching key of objects without objektidentitet, in order")
	f.StringSliceVar(&attrs, "attr", nil, "attribute=column: compare only these attributes, from these columns; repeatable")
	f.StringSliceVar(&ignore, "ignore", nil, "attributes not to compare; repeatable")
	f.IntVar(&srid, "srid", 0, "the EPSG code of local geometries whose file names no CRS (GeoJSON default 4619)")
	f.StringVar(&heights, "height-system", "", `the height system of local z values, e.g. "RH 70" (default: RH 2000 for a compound CRS)`)
	f.Float64Var(&tolerance, "tolerance", 0, fmt.Sprintf("geometry tolerance in millimetres (default %g)", compare.DefaultTolerance))
	f.Float64Var(&heightTolerance, "height-tolerance", 0, "height tolerance in millimetres (default the same as --tolerance)")
	f.StringVar(&csvPath, "csv", "", "write one row per object to this CSV file")
	f.StringVar(&gpkgPath, "gpkg", "", "write a GeoPackage with a layer per class to this new file")
	return cmd
}

// objectType reads --type.
func objectType(s string) (bal.ObjectType, error) {
	var t bal.ObjectType
	_ = t.UnmarshalText([]byte(s)) // never fails: an unknown type is kept, and refused below
	if !slices.Contains([]bal.ObjectType{bal.ObjectTypeBuilding, bal.ObjectTypeEntrance, bal.ObjectTypeApartment,
		bal.ObjectTypeAddressPoint, bal.ObjectTypeAddressArea, bal.ObjectTypeCourtyardArea, bal.ObjectTypeDistrict}, t) {
		return "", usageError("--type %q is not a BAL object type (byggnad, entre, lagenhet, adressplats, adressomrade, gardsadressomrade, kommundel)", s)
	}
	return t, nil
}

// openExtract opens a downloaded extract; a path that does not exist is a usage error.
func openExtract(path string) (*extract.Reader, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, usageError("extract %s: %v", path, errors.Unwrap(err))
	}
	x, err := extract.Open(path, nil)
	if err != nil {
		return nil, fmt.Errorf("extract %s: %w", path, err)
	}
	return x, nil
}

// readLocal opens the municipality's file by its extension: a GeoPackage layer (the only
// feature layer unless one is named) or a GeoJSON file.
func readLocal(ctx context.Context, path, layer string, m *compare.Mapping) (iter.Seq2[compare.Feature, error], string, func(), error) {
	if _, err := os.Stat(path); err != nil {
		return nil, "", nil, usageError("%s: %v", path, errors.Unwrap(err))
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".gpkg":
		if layer == "" {
			var err error
			if layer, err = onlyLayer(ctx, path); err != nil {
				return nil, "", nil, err
			}
		}
		return compare.ReadGeoPackage(ctx, path, layer, m), layer, func() {}, nil
	case ".geojson", ".json":
		f, err := os.Open(path)
		if err != nil {
			return nil, "", nil, err
		}
		return compare.ReadGeoJSON(f, m), "", func() { f.Close() }, nil
	}
	return nil, "", nil, usageError("%s: the municipality's data must be a GeoPackage (.gpkg) or GeoJSON (.geojson, .json)", path)
}

// onlyLayer returns the name of a GeoPackage's only feature layer.
func onlyLayer(ctx context.Context, path string) (string, error) {
	db, err := gpkg.Open(ctx, path, &gpkg.OpenOptions{ReadOnly: true})
	if err != nil {
		return "", err
	}
	defer db.Close()
	tables, err := db.Tables(ctx)
	if err != nil {
		return "", err
	}
	var names []string
	for _, t := range tables {
		if t.IsFeatures() {
			names = append(names, t.Name())
		}
	}
	if len(names) != 1 {
		if len(names) == 0 {
			return "", usageError("%s has no feature layer", path)
		}
		return "", usageError("%s has %d layers (%s): choose one with --layer", path, len(names), strings.Join(names, ", "))
	}
	return names[0], nil
}
