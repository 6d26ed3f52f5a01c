// Command follow-changes keeps a local copy of a municipality's BAL objects
// in step with Lantmäteriet's change feed (förändringar), and picks up where
// it stopped when it is run again.
//
// Each run opens the local copy (objects.json) and its checkpoint
// (feed.checkpoint) in -dir, reads the förändringar after the checkpoint
// with bal.Client.Follow, applies each one, and saves the copy and then the
// checkpoint after every page. Stopping it (Ctrl-C) saves what was done; a
// crash at worst makes the next run see a few changes again, which the copy
// ignores because an object's version only goes up.
//
// It tells the story of three runs: the first builds the copy from the feed,
// then Lantmäteriet changes a few objects, then the program starts again and
// applies only those; then the program stays away longer than the feed
// keeps changes (a week), so the feed answers 410 for its checkpoint, and
// extract.Resync rebuilds the copy from a new base extract (BAS) fetched
// from Geotorget and follows on from the position the extract names. By default it runs against an in-process fake
// Lantmäteriet (bal/baltest) whose generated data is in the feed; the
// environment variables that cmd/bal reads point it elsewhere (README,
// "Environment"): at a running balsim or `bal fake` (BAL_ENV=fake with the
// lines they print; start it with -initial-feed to have its data in the
// feed), whose control API makes Lantmäteriet act, or at Verifiering
// (BAL_ENV=verifiering, BAL_CLIENT_ID, BAL_CLIENT_SECRET), where the second
// run applies whatever changed in between. In production, call session on a
// schedule.
//
//	go run ./examples/follow-changes [-dir DIR]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/delivery"
	"github.com/tjanstebaserad/bal-go/extract"
)

func main() {
	dir := flag.String("dir", "", "directory of the local copy and its checkpoint (default: a new temporary directory, removed at exit)")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Stdout, *dir); err != nil {
		fmt.Fprintln(os.Stderr, "follow-changes:", err)
		os.Exit(1)
	}
}

// run starts the fake Lantmäteriet and tells the story in dir.
func run(ctx context.Context, out io.Writer, dir string) error {
	if dir == "" {
		tmp, err := os.MkdirTemp("", "follow-changes-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	}
	// In-process, every generated object enters the feed as "Ny", so the
	// first run can build the whole copy from the feed.
	target, err := baltest.FromEnv(baltest.WithInitialFeed(), baltest.WithTime(time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)))
	if err != nil {
		return err
	}
	defer target.Close()
	c, err := bal.NewClient(target.Config)
	if err != nil {
		return err
	}
	defer c.CloseIdleConnections()
	fmt.Fprintf(out, "Following the change feed of %s\n", target.Name)
	return story(ctx, out, c, target.Control, dir)
}

// story is two runs of the program with Lantmäteriet at work in between;
// fake makes Lantmäteriet act (nil against Verifiering).
func story(ctx context.Context, out io.Writer, c *bal.Client, fake *baltest.Control, dir string) error {
	fmt.Fprintln(out, "Run 1")
	if err := session(ctx, out, c, dir, nil, nil); err != nil {
		return err
	}
	fmt.Fprintln(out, "Meanwhile at Lantmäteriet:")
	if fake == nil {
		fmt.Fprintln(out, "  whatever changed since run 1")
	} else if err := lantmaterietAtWork(ctx, out, fake); err != nil {
		return err
	}
	fmt.Fprintln(out, "Run 2, after a restart")
	if err := session(ctx, out, c, dir, nil, nil); err != nil {
		return err
	}
	if fake == nil {
		return nil // a week's absence cannot be staged against Verifiering
	}
	fmt.Fprintln(out, "Away for more than the change feed keeps (a week); meanwhile at Lantmäteriet:")
	buildings, err := fake.Objects(ctx, "Byggnad", 3)
	if err != nil {
		return err
	}
	for i, b := range buildings {
		if _, err := fake.EditBuilding(ctx, b.ID, nil); err != nil {
			return err
		}
		if i == 0 {
			// The first edit is more than a week old when the program
			// returns: the feed has dropped it.
			if _, err := fake.AdvanceClock(ctx, 8*24*time.Hour); err != nil {
				return err
			}
		}
	}
	fmt.Fprintf(out, "  %d buildings are edited, the first more than a week ago\n", len(buildings))
	order, err := fake.AddOrder(ctx, baltest.GeotorgetOrder{})
	if err != nil {
		return err
	}
	fmt.Fprintln(out, "Run 3, after the absence")
	// The fake's deliveries take their time on the fake's clock; waiting on
	// that clock moves it on instead of waiting.
	clock := fakeClock{fake}
	return session(ctx, out, c, dir, nil, &extract.ResyncOptions{Order: order,
		Wait: &delivery.WaitOptions{Clock: clock}, Download: &delivery.DownloadOptions{Clock: clock}})
}

// fakeClock is the fake's clock as delivery.Wait and Download see it:
// reading it asks the fake, and waiting advances it.
type fakeClock struct{ fake *baltest.Control }

func (f fakeClock) Now() time.Time {
	c, err := f.fake.Clock(context.Background())
	if err != nil {
		return time.Now()
	}
	return c.Time
}

func (f fakeClock) NewTimer(d time.Duration) (<-chan time.Time, func() bool) {
	ch := make(chan time.Time, 1)
	c, _ := f.fake.AdvanceClock(context.Background(), d)
	ch <- c.Time
	return ch, func() bool { return false }
}

// shown is how many changes a run lists before it only counts them.
const shown = 8

// session is one run of the program: open the local copy, follow the feed
// to its current end, and report. after, when set, is called after each
// change applied (the tests stop a run with it). resync, when set, says
// where base extracts come from to resynchronise when the checkpoint is
// older than the feed keeps; against Verifiering, BAL_GEOTORGET_ORDER names
// the Geotorget order (beställning).
func session(ctx context.Context, out io.Writer, c *bal.Client, dir string, after func(applied int), resync *extract.ResyncOptions) error {
	local, err := openLocalCopy(dir)
	if err != nil {
		return err
	}
	from, err := local.Load(ctx)
	if err != nil {
		return err
	}
	if from.IsZero() {
		fmt.Fprintln(out, "  no checkpoint yet: reading the change feed from its start")
	} else {
		fmt.Fprintf(out, "  resuming after checkpoint %s with %s\n", from, local.summary())
	}
	applied, again := 0, 0
	handle := func(_ context.Context, ch bal.Change) error {
		if !local.apply(ch) {
			again++
			return nil
		}
		if applied++; applied <= shown {
			fmt.Fprintf(out, "  %-13s %-12s %s version %d\n", ch.Kind, ch.Object.Type, ch.Object.ID, ch.Version)
		}
		if after != nil {
			after(applied)
		}
		return nil
	}
	opts := &bal.FollowOptions{ChangesOptions: bal.ChangesOptions{PageSize: 200}}
	if resync == nil && os.Getenv("BAL_GEOTORGET_ORDER") != "" {
		resync = &extract.ResyncOptions{Order: os.Getenv("BAL_GEOTORGET_ORDER")}
	}
	if resync != nil {
		// On 410: note the feed's position, fetch a new base extract, rebuild
		// the copy from it, and follow on. The changes seen again after that
		// are ignored by apply, since the copy already has their versions.
		opts.Resync = extract.Resync(c, func(ctx context.Context, next bal.Checkpoint, x *extract.Reader) error {
			n, err := local.rebuild(x.Items(ctx))
			if err == nil {
				fmt.Fprintf(out, "  the feed no longer has checkpoint %s: rebuilt the copy from a base extract of %s (%d objects), following on from %s\n",
					from, x.Manifest().Created.Format("2006-01-02 15:04"), n, next)
			}
			return err
		}, resync)
	}
	err = c.Follow(ctx, local, handle, opts)
	if applied > shown {
		fmt.Fprintf(out, "  … and %d more\n", applied-shown)
	}
	cp, lerr := local.Load(context.WithoutCancel(ctx))
	if lerr != nil {
		return lerr
	}
	var re *bal.ResyncError
	switch {
	case errors.As(err, &re):
		// Without an order to fetch a base extract from, the copy cannot be
		// rebuilt: say so (BAL_GEOTORGET_ORDER names one).
		return fmt.Errorf("checkpoint %s is older than the change feed keeps, and no Geotorget order to resynchronise from (set BAL_GEOTORGET_ORDER): %w", re.Checkpoint, err)
	case errors.Is(err, context.Canceled):
		fmt.Fprintf(out, "  stopped at checkpoint %s: %d changes applied, %d seen again; local copy: %s\n", cp, applied, again, local.summary())
		return err
	case err != nil:
		return err
	}
	fmt.Fprintf(out, "  caught up at checkpoint %s: %d changes applied, %d seen again; local copy: %s\n", cp, applied, again, local.summary())
	return nil
}

// lantmaterietAtWork makes the fake Lantmäteriet change things through its
// control API: it edits a building, retires an apartment, and registers a
// property formation that moves another building and its addresses to a new
// property (and raises a case about it).
func lantmaterietAtWork(ctx context.Context, out io.Writer, fake *baltest.Control) error {
	buildings, err := fake.Objects(ctx, "Byggnad", 2)
	if err != nil {
		return err
	}
	if len(buildings) < 2 {
		return errors.New("the fake holds fewer than two buildings")
	}
	if _, err := fake.EditBuilding(ctx, buildings[0].ID, nil); err != nil {
		return err
	}
	fmt.Fprintln(out, "  a building is edited")
	apartments, err := fake.Objects(ctx, "Lagenhet", 1)
	if err != nil {
		return err
	}
	if len(apartments) == 0 {
		return errors.New("the fake holds no apartment")
	}
	if _, err := fake.Retire(ctx, "Lagenhet", apartments[0].ID, "Ingår i annan lägenhet"); err != nil {
		return err
	}
	fmt.Fprintln(out, "  an apartment is merged into another and retired")
	if _, err := fake.FormProperty(ctx, "", buildings[1].ID); err != nil {
		return err
	}
	fmt.Fprintln(out, "  a property formation moves a building and its address points to a new property")
	return nil
}
