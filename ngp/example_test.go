package ngp_test

import (
	"context"
	"fmt"
	"time"

	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/geometry"
	"github.com/tjanstebaserad/bal-go/ngp"
)

// Publish a building to the national geodata platform and find it again in
// Sökning, in SWEREF 99 TM with X = easting.
func ExampleDeliveries_Publish() {
	srv := baltest.NewServer(baltest.WithoutData())
	defer srv.Close()
	client := ngp.New(srv.Client())
	ctx := context.Background()

	footprint := geom.NewPolygonFlat(geom.XY, []float64{150000, 6730000, 150012, 6730000, 150012, 6730008, 150000, 6730008, 150000, 6730000},
		[]int{10}).SetSRID(geometry.SWEREF99_1630)
	shape, err := geometry.NewShape(footprint)
	if err != nil {
		fmt.Println(err)
		return
	}
	b := &ngp.Building{ID: bal.NewObjectID(), Version: 1, ValidFrom: time.Now(), Municipality: "2199",
		Status: ngp.BuildingExisting, Purposes: []ngp.Purpose{{Value: "bostad", Level: 1, Main: true}},
		Geometries: []ngp.BuildingGeometry{{Level: "NS-LOD 0", Shape: *shape}}}
	obj, err := b.Object()
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := client.Deliveries.Publish(ctx, ngp.DeliveryInfo{InformationType: "byggnad", Provider: "2199"},
		func(yield func(ngp.Object, error) bool) { yield(obj, nil) },
		// The fake's statuses follow its clock: wait on it instead of sleeping.
		&ngp.PublishOptions{Wait: func(ctx context.Context, d time.Duration) error { srv.Clock().Advance(d); return nil }})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("status:", res.Status)

	for f, err := range client.Dataset("byggnad", "v1").Search(ctx, &ngp.Query{IDs: []string{b.ID.String()}, CRS: geometry.SWEREF99TM}) {
		if err != nil {
			fmt.Println(err)
			return
		}
		e, n := f.Geometry.FlatCoords()[0], f.Geometry.FlatCoords()[1]
		fmt.Printf("found in collection %s, first corner E %.0f N %.0f (EPSG:%d)\n", f.Collection, e, n, f.Geometry.SRID())
	}
	// Output:
	// status: publicerad
	// found in collection 2199, first corner E 581935 N 6728243 (EPSG:3006)
}
