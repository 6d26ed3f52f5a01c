package delivery_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/delivery"
)

// Order a base extract on a subscription, wait for Lantmäteriet to build
// it and download its files, here against the fake Lantmäteriet.
func Example() {
	srv := baltest.NewServer(baltest.WithTime(time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)))
	defer srv.Close()
	orderID := srv.AddOrder(baltest.GeotorgetOrder{}) // the OrderID from Geotorget's "Mitt konto"
	c := srv.Client()
	defer c.CloseIdleConnections()
	dc := delivery.New(c)
	ctx := context.Background()

	if _, err := dc.Latest(ctx, orderID); errors.Is(err, delivery.ErrNoDelivery) {
		fmt.Println("no delivery yet")
	}
	d, err := dc.Start(ctx, orderID, delivery.TypeBase)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(d.Type, d.Status)
	// The fake's clock lets Wait run without waiting; leave Clock nil
	// against Lantmäteriet.
	d, err = dc.Wait(ctx, orderID, &delivery.WaitOptions{Clock: srv.Clock()})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(d.Type, d.Status, "until", d.Expires().Format(time.DateOnly))

	dir, err := os.MkdirTemp("", "leverans")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	res, err := dc.Download(ctx, orderID, dir, &delivery.DownloadOptions{Clock: srv.Clock()})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range res.Files {
		fmt.Println(f.File.Name)
	}
	// Output:
	// no delivery yet
	// BAS PÅGÅENDE
	// BAS LYCKAD until 2026-12-14
	// belagenhetsadress_1.zip
	// uttag.xml
	// byggnad/byggnad_1.zip
}

// A connection that breaks mid-file is resumed with a Range request where
// the .part file ended, and a progress callback follows the bytes.
func ExampleClient_Download() {
	srv := baltest.NewServer(baltest.WithTime(time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)))
	defer srv.Close()
	orderID := srv.AddOrder(baltest.GeotorgetOrder{})
	if _, err := srv.StartDelivery(orderID, "BAS"); err != nil {
		fmt.Println(err)
		return
	}
	if err := srv.EndDelivery(orderID, "LYCKAD"); err != nil {
		fmt.Println(err)
		return
	}
	// The connection breaks once, 10 000 bytes into a building file.
	srv.Inject(baltest.FaultRule{Kind: baltest.FaultCut, At: 10_000, Times: 1,
		PathPrefix: delivery.Base + "/" + orderID + "/leverans/latest/files/byggnad/"})
	c := srv.Client()
	defer c.CloseIdleConnections()
	dir, err := os.MkdirTemp("", "leverans")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)

	var last delivery.Progress
	res, err := delivery.New(c).Download(context.Background(), orderID, dir, &delivery.DownloadOptions{
		Progress: func(p delivery.Progress) { last = p },
		Clock:    srv.Clock(),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d of %d files, all bytes: %t\n", last.FilesDone, last.Files, last.Done == last.Total)
	fmt.Printf("interrupted %d, resumed %d, restarted %d, bytes fetched twice: %d\n",
		res.Interruptions, res.Resumes, res.Restarts, res.Received-res.Total)
	// Output:
	// 3 of 3 files, all bytes: true
	// interrupted 1, resumed 1, restarted 0, bytes fetched twice: 0
}
