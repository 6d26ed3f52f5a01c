// Command syncproc is the syncing process of the mirror's kill tests
// (mirror.TestLoadFollowKill and scripts/mirror-killloop.sh): it loads a
// mirror from the fake named by the environment (baltest.FromEnv) unless
// it is loaded, then follows the feed to its end, printing a line at every
// commit so the test can kill it (SIGKILL) at random points. It is built
// without -race, as a user's binary would be.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/extract"
	"github.com/tjanstebaserad/bal-go/mirror"
)

func main() {
	dsn := flag.String("dsn", "", "the mirror: a GeoPackage path or a PostgreSQL URL")
	srid := flag.Int("srid", 0, "the mirror's CRS")
	keep := flag.Bool("keep-retired", false, "keep retired objects")
	saveEvery := flag.Int("save-every", 10, "commit after this many changes")
	page := flag.Int("page", 50, "the feed's page size")
	order := flag.String("order", "", "load from the latest base extract of this Geotorget order (default: from the services)")
	flag.Parse()
	if err := run(*dsn, *srid, *keep, *saveEvery, *page, *order); err != nil {
		fmt.Fprintln(os.Stderr, "syncproc:", err)
		os.Exit(1)
	}
}

func run(dsn string, srid int, keep bool, saveEvery, page int, order string) error {
	ctx := context.Background()
	target, err := baltest.FromEnv()
	if err != nil {
		return err
	}
	defer target.Close()
	c, err := bal.NewClient(target.Config)
	if err != nil {
		return err
	}
	m, err := mirror.Open(ctx, dsn, &mirror.Options{SRID: srid, KeepRetired: keep, Municipality: target.Municipality,
		Progress: func(p mirror.Progress) {
			if p.Phase == "sync" {
				fmt.Printf("committed %s\n", p.Checkpoint)
			}
		}})
	if err != nil {
		return err
	}
	defer m.Close()
	st, err := m.Status(ctx)
	if err != nil {
		return err
	}
	if st.Checkpoint.IsZero() && st.Loaded.IsZero() {
		fmt.Println("loading")
		src := mirror.Source{Services: true}
		if order != "" {
			src = mirror.Source{Extract: &extract.ResyncOptions{Order: order, UseLatest: true}}
		}
		if err := m.Init(ctx, c, src); err != nil {
			return err
		}
		fmt.Println("loaded")
	}
	res, err := m.Sync(ctx, c, &mirror.SyncOptions{SaveEvery: saveEvery, PageSize: page})
	if err != nil {
		return err
	}
	fmt.Printf("done %s applied %d skipped %d\n", res.Checkpoint, res.Applied, res.Skipped)
	return nil
}
