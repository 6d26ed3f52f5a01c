package extract_test

import (
	"bytes"
	"context"
	"fmt"

	"github.com/tjanstebaserad/bal-go/address"
	"github.com/tjanstebaserad/bal-go/bal/baltest/gen"
	"github.com/tjanstebaserad/bal-go/building"
	"github.com/tjanstebaserad/bal-go/extract"
)

// A municipality's base extract, read item by item and type by type. The
// extract here is generated (package gen writes extracts as Lantmäteriet
// delivers them); a real one is opened with extract.Open on the downloaded
// zip or folder.
func Example() {
	d, err := gen.Generate(gen.Config{Seed: 1, Buildings: 100})
	if err != nil {
		panic(err)
	}
	var zipped bytes.Buffer
	if err := d.WriteExtractWith(&zipped, &gen.ExtractOptions{FeedPosition: "4711"}); err != nil {
		panic(err)
	}

	x, err := extract.NewReader(bytes.NewReader(zipped.Bytes()), int64(zipped.Len()), nil)
	if err != nil {
		panic(err)
	}
	defer x.Close()
	m := x.Manifest()
	fmt.Println(m.Type, "extract, consistent with feed position", m.FeedPosition)
	for _, p := range m.Parts {
		fmt.Println(p.Name, p.Entries, "entries")
	}

	ctx := context.Background()
	counts := map[string]int{}
	for it, err := range x.Items(ctx) {
		if err != nil {
			panic(err)
		}
		counts[string(it.Type)]++
	}
	fmt.Println(counts)

	for b, err := range extract.Objects[building.Building](ctx, x) {
		if err != nil {
			panic(err)
		}
		fmt.Println("first building:", b.ID, b.Purposes[0].Use, b.Parts[0].Surface.SRID())
		break
	}
	for p, err := range extract.Objects[address.Point](ctx, x) {
		if err != nil {
			panic(err)
		}
		fmt.Println("first address point:", p.Designation, p.PostalCode, p.PostTown)
		break
	}
	// Output:
	// BAS extract, consistent with feed position 4711
	// belagenhetsadress_1.xml 106 entries
	// byggnad_1.xml 532 entries
	// map[Adressomrade:2 Adressplats:103 Byggnad:100 Entre:103 Kommundel:1 Lagenhet:329]
	// first building: 6e44dfce-1512-4ff8-a3ef-621eea67c676 Flerfamiljshus 5845
	// first address point: 1A 80010 Exempelby
}
