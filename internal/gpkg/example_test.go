package gpkg_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/geometry"
	"github.com/tjanstebaserad/bal-go/internal/gpkg"
)

// A mirror's byggnad layer: footprints partly with heights, a key, a bulk load, then a change
// and a checkpoint in one transaction.
func Example() {
	ctx := context.Background()
	dir, _ := os.MkdirTemp("", "gpkg-example")
	defer os.RemoveAll(dir)

	db, err := gpkg.Create(ctx, filepath.Join(dir, "bal.gpkg"), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer db.Close()
	byggnad, err := db.CreateTable(ctx, gpkg.TableSpec{
		Name:     "byggnad",
		Geometry: &gpkg.GeometryColumn{Type: gpkg.Polygon, SRS: geometry.SWEREF99TM_RH2000, Z: gpkg.Optional},
		Columns:  []gpkg.Column{{Name: "objektidentitet", Type: gpkg.Text}, {Name: "version", Type: gpkg.Integer}},
		Key:      "objektidentitet",
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	checkpoint, err := db.CreateTable(ctx, gpkg.TableSpec{
		Name:    "kontrollpunkt",
		Columns: []gpkg.Column{{Name: "flode", Type: gpkg.Text}, {Name: "position", Type: gpkg.Text}},
		Key:     "flode",
	})
	if err != nil {
		fmt.Println(err)
		return
	}

	flat := geom.NewPolygonFlat(geom.XY, []float64{500000, 6500000, 500010, 6500000, 500010, 6500008, 500000, 6500000}, []int{8}).SetSRID(geometry.SWEREF99TM)
	high := geom.NewPolygonFlat(geom.XYZ, []float64{500100, 6500000, 21.5, 500110, 6500000, 21.5, 500110, 6500008, 22, 500100, 6500000, 21.5}, []int{12}).SetSRID(geometry.SWEREF99TM_RH2000)
	load := func(yield func(gpkg.Feature, error) bool) {
		_ = yield(gpkg.Feature{Geometry: flat, Values: []any{"a1", 1}}, nil) &&
			yield(gpkg.Feature{Geometry: high, Values: []any{"b2", 1}}, nil)
	}
	if _, err := byggnad.Append(ctx, load); err != nil {
		fmt.Println(err)
		return
	}

	tx, err := db.Begin(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer tx.Rollback()
	if _, err := tx.Upsert(ctx, byggnad, gpkg.Feature{Geometry: flat, Values: []any{"a1", 2}}); err != nil {
		fmt.Println(err)
		return
	}
	if _, err := tx.Upsert(ctx, checkpoint, gpkg.Feature{Values: []any{"byggnad", "2026-11-30T12:00:00Z#42"}}); err != nil {
		fmt.Println(err)
		return
	}
	if err := tx.Commit(); err != nil {
		fmt.Println(err)
		return
	}

	for f, err := range byggnad.Features(ctx, nil) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(f.ID, f.Values, f.Geometry.Layout(), f.Geometry.SRID())
	}
	// Output:
	// 1 [a1 2] XY 5845
	// 2 [b2 1] XYZ 5845
}
