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
// It tells the story of two runs: the first builds the copy from the feed,
// then Lantmäteriet changes a few objects, then the program starts again and
// applies only those. By default it runs against an in-process fake
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
	if err := session(ctx, out, c, dir, nil); err != nil {
		return err
	}
	fmt.Fprintln(out, "Meanwhile at Lantmäteriet:")
	if fake == nil {
		fmt.Fprintln(out, "  whatever changed since run 1")
	} else if err := lantmaterietAtWork(ctx, out, fake); err != nil {
		return err
	}
	fmt.Fprintln(out, "Run 2, after a restart")
	return session(ctx, out, c, dir, nil)
}

// shown is how many changes a run lists before it only counts them.
const shown = 8

// session is one run of the program: open the local copy, follow the feed
// to its current end, and report. after, when set, is called after each
// change applied (the tests stop a run with it).
func session(ctx context.Context, out io.Writer, c *bal.Client, dir string, after func(applied int)) error {
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
	err = c.Follow(ctx, local, handle, &bal.FollowOptions{ChangesOptions: bal.ChangesOptions{PageSize: 200}})
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
		// Rebuilding needs a full extract (Geotorget); set
		// bal.FollowOptions.Resync to do it and go on by itself.
		return fmt.Errorf("checkpoint %s is older than the change feed keeps: rebuild the local copy from an extract and start again: %w", re.Checkpoint, err)
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
