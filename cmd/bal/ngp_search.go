package main

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/tjanstebaserad/bal-go/geometry"
	"github.com/tjanstebaserad/bal-go/ngp"
)

// featureRow is one feature or STAC item.
type featureRow struct {
	ID         string                     `json:"id"`
	Collection string                     `json:"collection,omitempty"`
	Geometry   json.RawMessage            `json:"geometry"`
	Properties map[string]json.RawMessage `json:"properties"`
	geometry   string
	e, n       string
}

func (featureRow) header() []string { return []string{"ID", "COLLECTION", "GEOMETRY", "E", "N"} }
func (f featureRow) cells() []string {
	return []string{f.ID, f.Collection, f.geometry, f.e, f.n}
}

func newNGPSearch(a *app) *cobra.Command {
	var (
		dataset, version, collection, bbox, filter string
		ids                                        []string
		bboxCRS, crs, pageSize, limit              int
	)
	cmd := &cobra.Command{
		Use:   "search",
		Short: "Search a dataset of the platform (Sökning: OGC API Features / STAC)",
		Long: `Search reads features from a dataset's catalogue in Geodatakatalog Sökning: the
items of one collection (--collection), or a STAC search across collections.
Pages are followed to the end (or --limit). Coordinates come back with the
easting first whatever the answer's axis order; --crs asks for a CRS by EPSG
code. The JSON form writes each feature's geometry as GeoJSON in that CRS.`,
		Example: `  bal --env fake ngp search --collection 2199 --limit 5
  bal ngp search --collection 2180 --crs 3006 --bbox 674000,6580000,675000,6581000 -o json
  bal ngp search --filter '{"op":"=","args":[{"property":"kommunkod"},"2180"]}'`,
		Args: args(0, 0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			q := &ngp.Query{IDs: ids, CRS: crs, Limit: pageSize}
			if bbox != "" {
				env, err := parseBox(bbox, bboxCRS)
				if err != nil {
					return err
				}
				q.BBox = &ngp.BBox{SRID: bboxCRS, MinX: env.MinX, MinY: env.MinY, MaxX: env.MaxX, MaxY: env.MaxY}
			}
			if filter != "" {
				var f any
				if err := json.Unmarshal([]byte(filter), &f); err != nil {
					return usageError("--filter is not JSON: %v", err)
				}
				q.Filter = f
			}
			if limit < 0 {
				return usageError("--limit must not be negative")
			}
			_, c, err := a.connect(false)
			if err != nil {
				return err
			}
			ds := ngp.New(c).Dataset(dataset, version)
			seq := ds.Search(cmd.Context(), q)
			if collection != "" {
				seq = ds.Items(cmd.Context(), collection, q)
			}
			n := 0
			for f, err := range seq {
				if err != nil {
					return err
				}
				r := featureRow{ID: f.ID, Collection: f.Collection, Properties: f.Properties, Geometry: json.RawMessage("null")}
				if r.Collection == "" {
					r.Collection = collection
				}
				if f.Geometry != nil {
					g, err := geoJSON(f.Geometry)
					if err != nil {
						return err
					}
					r.Geometry = g.(json.RawMessage)
					r.geometry = reflect.TypeOf(f.Geometry).Elem().Name()
					if fc := f.Geometry.FlatCoords(); len(fc) >= 2 {
						r.e, r.n = strconv.FormatFloat(fc[0], 'f', 3, 64), strconv.FormatFloat(fc[1], 'f', 3, 64)
					}
				}
				if err := a.emit(r); err != nil {
					return err
				}
				if n++; n == limit {
					break
				}
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&dataset, "dataset", "byggnad", "the dataset")
	f.StringVar(&version, "version", "v1", "the dataset's version")
	f.StringVar(&collection, "collection", "", "read this collection's items (e.g. a producer's kommunkod) instead of a STAC search")
	f.StringSliceVar(&ids, "id", nil, "only this feature; repeatable")
	f.StringVar(&bbox, "bbox", "", "only features within minE,minN,maxE,maxN (in --bbox-crs)")
	f.IntVar(&bboxCRS, "bbox-crs", geometry.SWEREF99TM, "EPSG code of --bbox")
	f.IntVar(&crs, "crs", 0, "answer in this EPSG code (default: the server's)")
	f.StringVar(&filter, "filter", "", "a CQL2-JSON filter")
	f.IntVar(&pageSize, "page-size", 0, "features per page (default: the server's)")
	f.IntVar(&limit, "limit", 0, "stop after this many features (0: all)")
	_ = fmt.Sprint
	return cmd
}
