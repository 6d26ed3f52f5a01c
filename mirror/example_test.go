package mirror_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/mirror"
)

// A mirror in a GeoPackage file, loaded from the update services of a fake
// Lantmäteriet and kept in step with its change feed.
func Example() {
	ctx := context.Background()
	srv := baltest.NewServer()
	defer srv.Close()
	c := srv.Client()
	defer c.CloseIdleConnections()
	dir, err := os.MkdirTemp("", "mirror-example-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	m, err := mirror.Open(ctx, filepath.Join(dir, "bal.gpkg"), &mirror.Options{
		SRID:         3010, // the municipality's zone, SWEREF 99 16 30
		Municipality: bal.MunicipalityCode(srv.Kommunkod()),
	})
	if err != nil {
		log.Fatal(err)
	}
	defer m.Close()
	if err := m.Init(ctx, c, mirror.Source{Services: true}); err != nil {
		log.Fatal(err)
	}

	// Lantmäteriet changes a building; the mirror follows.
	b := srv.Dataset().Buildings[0]
	if _, err := srv.EditBuilding(b.ID, nil); err != nil {
		log.Fatal(err)
	}
	res, err := m.Sync(ctx, c, nil)
	if err != nil {
		log.Fatal(err)
	}
	st, err := m.Status(ctx)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("applied %d change, EPSG:%d\n", res.Applied, st.SRID)
	for _, t := range mirror.Types() {
		fmt.Printf("%s %d\n", t, st.Counts[t])
	}
	// Output:
	// applied 1 change, EPSG:3010
	// Kommundel 1
	// Adressomrade 2
	// Gardsadressomrade 0
	// Adressplats 116
	// Byggnad 100
	// Entre 116
	// Lagenhet 340
}
